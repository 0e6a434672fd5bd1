package dev.parley.signaling.rtc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IceServersTest {

	final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	@Test
	void noServersConfiguredMeansHostCandidatesOnly() {
		RtcProperties none = new RtcProperties(List.of(), List.of(), null, Duration.ofHours(6));
		assertThat(new IceServers(none, this.clock).forUser("u1")).isEmpty();
	}

	@Test
	void turnCredentialsFollowTheTurnRestSchemeAndExpire() {
		RtcProperties props = new RtcProperties(List.of("stun:stun.example.org:3478"),
				List.of("turn:turn.example.org:3478"), "s3cret", Duration.ofHours(1));
		List<IceServers.IceServer> servers = new IceServers(props, this.clock).forUser("user-7");
		assertThat(servers).hasSize(2);
		assertThat(servers.get(0).urls()).containsExactly("stun:stun.example.org:3478");
		assertThat(servers.get(0).credential()).isNull();
		IceServers.IceServer turn = servers.get(1);
		long expiry = Instant.parse("2026-01-01T01:00:00Z").getEpochSecond();
		assertThat(turn.username()).isEqualTo(expiry + ":user-7");
		// Reference value: printf '1767229200:user-7' | openssl dgst -sha1 -hmac s3cret
		// -binary | base64
		assertThat(turn.credential()).isEqualTo("lr8QFemXLfLyq5NhXP4D6ymvcdw=");
	}

	@Test
	void turnWithoutASecretIsNotOffered() {
		RtcProperties props = new RtcProperties(List.of(), List.of("turn:turn.example.org:3478"), " ",
				Duration.ofHours(1));
		assertThat(new IceServers(props, this.clock).forUser("u1")).isEmpty();
	}

}
