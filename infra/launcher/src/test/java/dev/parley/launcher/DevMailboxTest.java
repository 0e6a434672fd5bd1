package dev.parley.launcher;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.parley.embedded.MailCatcher;

import static org.assertj.core.api.Assertions.assertThat;

class DevMailboxTest {

	@Test
	void theJsonViewEscapesWhatTheMailsSay() {
		MailCatcher.Mail mail = new MailCatcher.Mail("ada@example.org", "Your Parley code: 123456",
				"Line \"one\"\nC:\\path\tend", "123456", Instant.parse("2026-01-05T10:15:30Z"));
		MailCatcher.Mail notice = new MailCatcher.Mail("bob@example.org", "Someone tried", "x", null,
				Instant.parse("2026-01-05T10:16:00Z"));
		assertThat(DevMailbox.json(List.of(mail, notice))).isEqualTo("[{\"to\":\"ada@example.org\","
				+ "\"subject\":\"Your Parley code: 123456\",\"body\":\"Line \\\"one\\\"\\nC:\\\\path\\tend\","
				+ "\"code\":\"123456\",\"sentAt\":\"2026-01-05T10:15:30Z\"},{\"to\":\"bob@example.org\","
				+ "\"subject\":\"Someone tried\",\"body\":\"x\",\"code\":null,\"sentAt\":\"2026-01-05T10:16:00Z\"}]");
		assertThat(DevMailbox.json(List.of())).isEqualTo("[]");
	}

}
