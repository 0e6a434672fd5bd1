package dev.parley.auth.password;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.auth.AuthApi.NewUser;
import dev.parley.auth.AuthApi;
import dev.parley.auth.AuthServiceIntegrationTest;
import dev.parley.testsupport.TestHttp.Reply;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PasswordsIT extends AuthServiceIntegrationTest {

	static final String NEW_PASSWORD = "a brand new secret";

	@Test
	void forgotAnswersTheSameForUnknownEmailsAndSendsNothing() {
		String unknown = AuthApi.newUser().email();
		Reply response = this.api.post("/api/auth/password/forgot", Map.of("email", unknown));
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("expiresInSeconds").asInt()).isEqualTo(600);
		assertThat(mail.mailsTo(unknown)).isEmpty();
	}

	@Test
	void aWrongResetCodeAnswersTheSameForUnknownAndKnownEmails() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		String unknown = AuthApi.newUser().email();
		this.api.post("/api/auth/password/forgot", Map.of("email", user.email()));
		this.api.post("/api/auth/password/forgot", Map.of("email", unknown));
		Reply known = reset(user, "00000001", NEW_PASSWORD);
		Reply stranger = reset(new NewUser(unknown, "x", "x"), "00000001", NEW_PASSWORD);
		assertThat(stranger.code()).isEqualTo(known.code()).isEqualTo("OTP_INVALID");
		assertThat(stranger.json().get("attemptsLeft").asInt()).isEqualTo(known.json().get("attemptsLeft").asInt())
			.isEqualTo(4);
	}

	@Test
	void aPasswordBuiltOnAGuessedUsernameAnswersLikeAWrongCodeUntilTheCodeIsRight() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		int seen = mail.mailsTo(user.email()).size();
		this.api.post("/api/auth/password/forgot", Map.of("email", user.email()));
		String code = mail.awaitCode(user.email(), seen, Duration.ofSeconds(10));
		String wrong = code.equals("00000001") ? "00000002" : "00000001";
		String onUsername = "new " + user.username() + " pw";
		String unknown = AuthApi.newUser().email();
		this.api.post("/api/auth/password/forgot", Map.of("email", unknown));

		assertThat(reset(user, wrong, onUsername).code()).isEqualTo("OTP_INVALID");
		assertThat(reset(new NewUser(unknown, user.username(), "x"), wrong, onUsername).code())
			.isEqualTo("OTP_INVALID");
		Reply weak = reset(user, code, onUsername);
		assertThat(weak.code()).isEqualTo("WEAK_PASSWORD");
		assertThat(reset(user, code, NEW_PASSWORD).status()).as("the code still works").isEqualTo(204);
	}

	@Test
	void theResendEndpointSendsAFreshResetCode() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		int seen = mail.mailsTo(user.email()).size();
		this.api.post("/api/auth/password/forgot", Map.of("email", user.email()));
		String first = mail.awaitCode(user.email(), seen, Duration.ofSeconds(10));
		skipCooldown(user.email(), "password_reset");

		Reply resent = this.api.post("/api/auth/otp/resend",
				Map.of("email", user.email(), "purpose", "PASSWORD_RESET"));

		assertThat(resent.status()).isEqualTo(202);
		assertThat(resent.json().get("expiresInSeconds").asInt()).isEqualTo(600);
		String second = mail.awaitCode(user.email(), seen + 1, Duration.ofSeconds(10));
		assertThat(second).matches("\\d{8}");
		if (!first.equals(second)) {
			assertThat(reset(user, first, NEW_PASSWORD).code()).as("the fresh code replaced the first")
				.isEqualTo("OTP_INVALID");
		}
		assertThat(reset(user, second, NEW_PASSWORD).status()).isEqualTo(204);
	}

	@Test
	void resetWithTheMailedCodeSetsThePasswordAndEndsEverySession() {
		NewUser user = AuthApi.newUser();
		String refresh = this.api.register(user).text("refreshToken");
		int seen = mail.mailsTo(user.email()).size();
		this.api.post("/api/auth/password/forgot", Map.of("email", user.email()));
		String code = mail.awaitCode(user.email(), seen, Duration.ofSeconds(10));

		Reply weak = reset(user, code, "short");
		assertThat(weak.code()).as("a weak password does not use up the code").isEqualTo("WEAK_PASSWORD");
		assertThat(reset(user, code, NEW_PASSWORD).status()).isEqualTo(204);

		assertThat(this.api.post("/api/auth/refresh", Map.of("refreshToken", refresh)).code())
			.isEqualTo("REFRESH_TOKEN_INVALID");
		assertThat(this.api.login(user.username(), AuthApi.PASSWORD).status()).isEqualTo(401);
		assertThat(this.api.login(user.username(), NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(reset(user, code, "another new secret").code()).as("a code works once").isEqualTo("OTP_INVALID");
	}

	@Test
	void resetCodesHaveEightDigitsSoASignupCodeCannotEvenBeEnteredForAReset() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		String signupCode = mail.mailsTo(user.email()).get(0).code();
		this.api.post("/api/auth/password/forgot", Map.of("email", user.email()));
		String resetCode = mail.awaitCode(user.email(), 1, Duration.ofSeconds(10));
		assertThat(resetCode).matches("\\d{8}");
		assertThat(mail.mailsTo(user.email()).get(1).subject()).doesNotContain(resetCode);
		Reply response = reset(user, signupCode, NEW_PASSWORD);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"code\"");
	}

	@Test
	void changeNeedsTheCurrentPasswordAndEndsEveryOtherSession() {
		NewUser user = AuthApi.newUser();
		Reply signedIn = this.api.register(user);
		Reply otherDevice = this.api.login(user.username(), AuthApi.PASSWORD);
		String access = signedIn.text("accessToken");
		Reply wrong = this.api.post("/api/auth/password/change",
				Map.of("currentPassword", "not it", "newPassword", NEW_PASSWORD), access);
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.code()).isEqualTo("CURRENT_PASSWORD_WRONG");

		Reply changed = this.api.post("/api/auth/password/change",
				Map.of("currentPassword", AuthApi.PASSWORD, "newPassword", NEW_PASSWORD), access);
		assertThat(changed.status()).isEqualTo(204);
		assertThat(this.api.post("/api/auth/refresh", Map.of("refreshToken", otherDevice.text("refreshToken"))).code())
			.isEqualTo("REFRESH_TOKEN_INVALID");
		assertThat(this.api.post("/api/auth/refresh", Map.of("refreshToken", signedIn.text("refreshToken"))).status())
			.as("the device that changed it stays signed in")
			.isEqualTo(200);
		assertThat(this.api.login(user.email(), NEW_PASSWORD).status()).isEqualTo(200);
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> mail.mailsTo(user.email()).stream().anyMatch((m) -> m.subject().contains("was changed")));
	}

	@Test
	void changeWithoutATokenIs401() {
		Reply response = this.api.post("/api/auth/password/change",
				Map.of("currentPassword", AuthApi.PASSWORD, "newPassword", NEW_PASSWORD));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void noCodePasswordOrTokenEverReachesTheLogs(CapturedOutput output) {
		NewUser user = AuthApi.newUser();
		int seen = mail.mailsTo(user.email()).size();
		Reply signedIn = this.api.register(user);
		String signupCode = mail.mailsTo(user.email()).get(seen).code();
		this.api.login(user.username(), "a wrong guess 1");
		this.api.post("/api/auth/refresh", Map.of("refreshToken", signedIn.text("refreshToken")));
		this.api.post("/api/auth/password/forgot", Map.of("email", user.email()));
		String resetCode = mail.awaitCode(user.email(), seen + 1, Duration.ofSeconds(10));
		reset(user, resetCode, NEW_PASSWORD);

		String logs = output.getAll();
		assertThat(logs).contains("Account " + signedIn.json().get("user").get("id").asString() + " registered");
		assertThat(logs).doesNotContain(AuthApi.PASSWORD)
			.doesNotContain(NEW_PASSWORD)
			.doesNotContain("a wrong guess 1")
			.doesNotContain(signedIn.text("refreshToken"))
			.doesNotContain(signedIn.text("accessToken"))
			.doesNotContain("$2a$")
			.doesNotContain("code: " + signupCode)
			.doesNotContain("code: " + resetCode);
	}

	private Reply reset(NewUser user, String code, String newPassword) {
		return this.api.post("/api/auth/password/reset",
				Map.of("email", user.email(), "code", code, "newPassword", newPassword));
	}

}
