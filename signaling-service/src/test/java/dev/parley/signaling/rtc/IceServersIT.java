package dev.parley.signaling.rtc;

import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ParleyIntegrationTest
@TestPropertySource(properties = { "parley.rtc.stun-urls=stun:127.0.0.1:3478",
		"parley.rtc.turn-urls=turn:127.0.0.1:3478", "parley.rtc.turn-secret=s3cret" })
class IceServersIT {

	@LocalServerPort
	int port;

	@Test
	void aSignedInUserGetsStunAndPersonalTurnCredentialsThatAreNotCached() {
		ResponseEntity<String> response = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/api/rtc/ice-servers")
			.header("Authorization", "Bearer " + TestTokens.get().accessToken("user-42"))
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getCacheControl()).contains("no-store");
		assertThat(response.getBody()).contains("stun:127.0.0.1:3478")
			.contains("turn:127.0.0.1:3478")
			.contains(":user-42\"")
			.contains("\"credential\"");
	}

	@Test
	void withoutATokenItIs401() {
		int status = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/api/rtc/ice-servers")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(401);
	}

}
