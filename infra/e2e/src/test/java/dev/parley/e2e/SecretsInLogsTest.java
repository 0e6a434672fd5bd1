package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsInLogsTest {

	@TempDir
	Path logs;

	@Test
	void tokensPasswordsAndCodesAreFoundAndOrdinaryLinesAreNot() throws Exception {
		Files.writeString(this.logs.resolve("gateway.log"), """
				2026-12-02T03:53:18.318Z INFO GET /api/users/me 200 OK 11ms [48e2f06d-7a9f-476c-b382-ce2cda2e5dc7]
				2026-12-02T03:53:18.318Z INFO offset 12345678 partition 3
				WARN failed: ws://127.0.0.1:8080/ws?access_token=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1MSJ9.sig
				DEBUG body {"refreshToken":"Zk9hN3Rwd2VyLXNlY3JldC10b2tlbi12YWx1ZQ"}
				DEBUG login with correct horse battery
				INFO mail: Your Parley code: 123456
				""");
		assertThat(SecretsInLogs.find(this.logs)).hasSize(4).allMatch((line) -> line.startsWith("gateway.log: "));
	}

}
