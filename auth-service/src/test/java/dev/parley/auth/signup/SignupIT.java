package dev.parley.auth.signup;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.auth.AuthApi.NewUser;
import dev.parley.auth.AuthApi;
import dev.parley.auth.AuthServiceIntegrationTest;
import dev.parley.platform.events.Topics;
import dev.parley.testsupport.TestHttp.Reply;
import dev.parley.testsupport.TopicProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class SignupIT extends AuthServiceIntegrationTest {

	@Autowired
	JwtDecoder decoder;

	@Test
	void signUpMailsACodeAndVerifyingItSignsTheNewUserIn() {
		NewUser user = AuthApi.newUser();
		Reply signup = this.api.signup(user);
		assertThat(signup.status()).isEqualTo(202);
		assertThat(signup.json().get("expiresInSeconds").asInt()).isEqualTo(600);
		assertThat(signup.json().get("resendAfterSeconds").asInt()).isEqualTo(60);
		String code = mail.awaitCode(user.email(), 0, Duration.ofSeconds(10));
		assertThat(code).matches("\\d{6}");
		String stored = this.jdbc.sql("select code_hash from one_time_code where email_key = lower(:e)")
			.param("e", user.email())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(code).hasSize(64);
		assertThat(mail.mailsTo(user.email()).get(0).subject()).doesNotContain(code);

		Reply verified = this.api.verify(user.email(), signup.text("signupId"), code);

		assertThat(verified.status()).isEqualTo(201);
		assertThat(verified.json().get("user").get("username").asString()).isEqualTo(user.username());
		assertThat(verified.json().get("expiresIn").asInt()).isEqualTo(900);
		String userId = verified.json().get("user").get("id").asString();
		assertThat(this.decoder.decode(verified.text("accessToken")).getSubject()).isEqualTo(userId);
		assertThat(verified.text("refreshToken")).hasSizeGreaterThan(40);
		assertThat(verified.body()).doesNotContain("password").doesNotContain("$2a$");
	}

	@Test
	void verificationPublishesAccountRegisteredThroughTheOutbox() {
		NewUser user = AuthApi.newUser();
		String userId = this.api.register(user).json().get("user").get("id").asString();
		try (TopicProbe probe = TopicProbe.fromStart(Topics.ACCOUNT_EVENTS)) {
			String event = probe.await(TopicProbe.Received.withKey(userId), Duration.ofSeconds(30)).value();
			assertThat(event).contains("\"type\":\"account.registered\"")
				.contains("\"userId\":\"" + userId + "\"")
				.contains("\"username\":\"" + user.username() + "\"")
				.doesNotContain("password");
		}
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("select count(*) from outbox").query(Long.class).single() == 0);
	}

	@Test
	void aWrongCodeCountsDownAndTheFifthKillsTheCode() {
		NewUser user = AuthApi.newUser();
		String signupId = this.api.signup(user).text("signupId");
		String code = mail.awaitCode(user.email(), 0, Duration.ofSeconds(10));
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int left = 4; left >= 1; left--) {
			Reply response = this.api.verify(user.email(), signupId, wrong);
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.code()).isEqualTo("OTP_INVALID");
			assertThat(response.json().get("attemptsLeft").asInt()).isEqualTo(left);
		}
		assertThat(this.api.verify(user.email(), signupId, wrong).code()).isEqualTo("OTP_TOO_MANY_ATTEMPTS");
		assertThat(this.api.verify(user.email(), signupId, code).code()).isEqualTo("OTP_TOO_MANY_ATTEMPTS");
	}

	@Test
	void wrongCodesFromOneAddressAreSlowedAcrossAccounts() {
		// Ten wrong codes (the allowance per address) spread over five sign-ups, two
		// each:
		// no single code dies, yet the address is slowed, even for a right code.
		String lastEmail = null;
		String lastId = null;
		String lastCode = null;
		for (int i = 0; i < 5; i++) {
			NewUser user = AuthApi.newUser();
			lastEmail = user.email();
			lastId = this.api.signup(user).text("signupId");
			lastCode = mail.awaitCode(user.email(), 0, Duration.ofSeconds(10));
			String wrong = lastCode.equals("000000") ? "111111" : "000000";
			for (int j = 0; j < 2; j++) {
				assertThat(this.api.verify(lastEmail, lastId, wrong).code()).isEqualTo("OTP_INVALID");
			}
		}
		Reply slowed = this.api.verify(lastEmail, lastId, lastCode);
		assertThat(slowed.status()).isEqualTo(429);
		assertThat(slowed.code()).isEqualTo("RATE_LIMITED");
		assertThat(Integer.parseInt(slowed.retryAfter())).isBetween(1, 30);
	}

	@Test
	void anExpiredCodeIsRefused() {
		NewUser user = AuthApi.newUser();
		String signupId = this.api.signup(user).text("signupId");
		String code = mail.awaitCode(user.email(), 0, Duration.ofSeconds(10));
		this.jdbc.sql("update one_time_code set expires_at = now() - interval '1 second' where email_key = lower(:e)")
			.param("e", user.email())
			.update();
		assertThat(this.api.verify(user.email(), signupId, code).code()).isEqualTo("OTP_EXPIRED");
	}

	@Test
	void verificationNeedsTheSignUpsId() {
		NewUser user = AuthApi.newUser();
		this.api.signup(user);
		String code = mail.awaitCode(user.email(), 0, Duration.ofSeconds(10));
		Reply missing = this.api.post("/api/auth/signup/verify", Map.of("email", user.email(), "code", code));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("\"field\":\"signupId\"");
		Reply other = this.api.verify(user.email(), java.util.UUID.randomUUID().toString(), code);
		assertThat(other.code()).isEqualTo("OTP_INVALID");
	}

	@Test
	void resendWaitsForTheCooldownThenReplacesTheCode() {
		NewUser user = AuthApi.newUser();
		String signupId = this.api.signup(user).text("signupId");
		String first = mail.awaitCode(user.email(), 0, Duration.ofSeconds(10));
		Reply tooSoon = resend(user.email(), signupId);
		assertThat(tooSoon.status()).isEqualTo(429);
		assertThat(tooSoon.code()).isEqualTo("OTP_COOLDOWN");
		assertThat(Integer.parseInt(tooSoon.retryAfter())).isBetween(1, 60);
		assertThat(tooSoon.json().get("retryAfterSeconds").asInt()).isBetween(1, 60);

		skipCooldown(user.email(), "signup");
		assertThat(resend(user.email(), signupId).status()).isEqualTo(202);
		String second = mail.awaitCode(user.email(), 1, Duration.ofSeconds(10));
		if (!first.equals(second)) {
			assertThat(this.api.verify(user.email(), signupId, first).code()).isEqualTo("OTP_INVALID");
		}
		assertThat(this.api.verify(user.email(), signupId, second).status()).isEqualTo(201);
	}

	@Test
	void codesPerHourAreCapped() {
		NewUser user = AuthApi.newUser();
		String signupId = this.api.signup(user).text("signupId");
		for (int i = 0; i < 4; i++) {
			skipCooldown(user.email(), "signup");
			assertThat(resend(user.email(), signupId).status()).isEqualTo(202);
		}
		skipCooldown(user.email(), "signup");
		Reply capped = resend(user.email(), signupId);
		assertThat(capped.status()).isEqualTo(429);
		assertThat(capped.code()).isEqualTo("RATE_LIMITED");
		assertThat(Integer.parseInt(capped.retryAfter())).isGreaterThan(60);
	}

	@Test
	void aStrangerWhoKnowsTheEmailCannotSwapInTheirPassword() {
		NewUser victim = AuthApi.newUser();
		String victimsSignup = this.api.signup(victim).text("signupId");
		String victimsCode = mail.awaitCode(victim.email(), 0, Duration.ofSeconds(10));
		// A minute later, the attacker signs up with the victim's e-mail and username and
		// their own password. It is accepted (it may be the owner trying again), but it
		// neither replaces the victim's sign-up nor kills the victim's code.
		skipCooldown(victim.email(), "signup");
		Reply attack = this.api.post("/api/auth/signup", Map.of("email", victim.email(), "username", victim.username(),
				"displayName", "Not Victim", "password", "attacker chosen pw"));
		assertThat(attack.status()).isEqualTo(202);
		String attackersCode = mail.awaitCode(victim.email(), 1, Duration.ofSeconds(10));
		if (!attackersCode.equals(victimsCode)) {
			assertThat(this.api.verify(victim.email(), victimsSignup, attackersCode).code()).isEqualTo("OTP_INVALID");
		}

		Reply verified = this.api.verify(victim.email(), victimsSignup, victimsCode);

		assertThat(verified.status()).isEqualTo(201);
		assertThat(verified.json().get("user").get("displayName").asString()).isEqualTo(victim.displayName());
		assertThat(this.api.login(victim.username(), AuthApi.PASSWORD).status()).isEqualTo(200);
		assertThat(this.api.login(victim.username(), "attacker chosen pw").status()).isEqualTo(401);
		// The attacker's sign-up is gone with the victim's success.
		assertThat(this.api.verify(victim.email(), attack.text("signupId"), attackersCode).code())
			.isEqualTo("SIGNUP_EXPIRED");
	}

	@Test
	void aPendingSignUpHoldsItsUsername() {
		NewUser first = AuthApi.newUser();
		this.api.signup(first);
		NewUser other = new NewUser(AuthApi.newUser().email(), first.username().toUpperCase(), "Other");
		Reply response = this.api.signup(other);
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.code()).isEqualTo("USERNAME_TAKEN");
	}

	@Test
	void aTakenUsernameGetsTheSameAnswerWhetherOrNotTheEmailHasAnAccount() {
		NewUser owner = AuthApi.newUser();
		this.api.register(owner);
		NewUser holder = AuthApi.newUser();
		this.api.register(holder);
		skipCooldown(owner.email(), "signup");
		Reply knownEmail = this.api.signup(new NewUser(owner.email(), holder.username(), "X"));
		Reply unknownEmail = this.api.signup(new NewUser(AuthApi.newUser().email(), holder.username(), "X"));
		assertThat(knownEmail.status()).isEqualTo(409);
		assertThat(unknownEmail.status()).isEqualTo(409);
		assertThat(knownEmail.json().properties()).isEqualTo(unknownEmail.json().properties());
	}

	@Test
	void aSignUpHoldsItsUsernameWhetherOrNotTheEmailHasAnAccount() {
		NewUser owner = AuthApi.newUser();
		this.api.register(owner);
		skipCooldown(owner.email(), "signup");
		String heldByKnown = AuthApi.newUser().username();
		String heldByUnknown = AuthApi.newUser().username();
		assertThat(this.api.signup(new NewUser(owner.email(), heldByKnown, "X")).status()).isEqualTo(202);
		assertThat(this.api.signup(new NewUser(AuthApi.newUser().email(), heldByUnknown, "X")).status()).isEqualTo(202);
		// Probing with the usernames tells nothing about which e-mail has an account.
		assertThat(this.api.signup(new NewUser(AuthApi.newUser().email(), heldByKnown, "Y")).code())
			.isEqualTo("USERNAME_TAKEN");
		assertThat(this.api.signup(new NewUser(AuthApi.newUser().email(), heldByUnknown, "Y")).code())
			.isEqualTo("USERNAME_TAKEN");
	}

	@Test
	void signingUpWithAnExistingEmailAnswersTheSameAndTellsTheOwner() {
		NewUser owner = AuthApi.newUser();
		this.api.register(owner);
		skipCooldown(owner.email(), "signup");
		Reply again = this.api.signup(new NewUser(owner.email(), "someone_else_x", "Someone"));
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().properties().stream().map(Map.Entry::getKey).toList()).containsExactly("email",
				"expiresInSeconds", "resendAfterSeconds", "signupId");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> mail.mailsTo(owner.email()).size() == 2);
		var notice = mail.mailsTo(owner.email()).get(1);
		assertThat(notice.subject()).contains("tried to sign up");
		assertThat(notice.code()).isNull();
		// Guessing a code for it answers as for a real sign-up.
		Reply guess = this.api.verify(owner.email(), again.text("signupId"), "000000");
		assertThat(guess.code()).isEqualTo("OTP_INVALID");
		assertThat(guess.json().get("attemptsLeft").asInt()).isEqualTo(4);
	}

	@Test
	void badInputIsRefusedWithTheFieldNamed() {
		NewUser user = AuthApi.newUser();
		Reply badEmail = this.api.post("/api/auth/signup", Map.of("email", "not-an-email", "username", user.username(),
				"displayName", "X", "password", AuthApi.PASSWORD));
		assertThat(badEmail.code()).as(badEmail.body()).isEqualTo("VALIDATION_FAILED");
		assertThat(badEmail.body()).contains("\"field\":\"email\"");
		Reply badUsername = this.api.post("/api/auth/signup",
				Map.of("email", user.email(), "username", "a b", "displayName", "X", "password", AuthApi.PASSWORD));
		assertThat(badUsername.body()).contains("\"field\":\"username\"");
		Reply shortPassword = this.api.post("/api/auth/signup",
				Map.of("email", user.email(), "username", user.username(), "displayName", "X", "password", "short"));
		assertThat(shortPassword.code()).isEqualTo("WEAK_PASSWORD");
		Reply usernameInside = this.api.post("/api/auth/signup", Map.of("email", user.email(), "username",
				user.username(), "displayName", "X", "password", "my " + user.username() + " pass"));
		assertThat(usernameInside.code()).isEqualTo("WEAK_PASSWORD");
		Reply missing = this.api.post("/api/auth/signup", Map.of("email", user.email()));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void usernamesAreUniqueWhateverTheirCase() {
		NewUser taken = AuthApi.newUser();
		this.api.register(taken);
		NewUser copy = new NewUser(AuthApi.newUser().email(), taken.username().toUpperCase(), "Copy");
		Reply response = this.api.signup(copy);
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.code()).isEqualTo("USERNAME_TAKEN");
	}

	private Reply resend(String email, String signupId) {
		return this.api.post("/api/auth/otp/resend", Map.of("email", email, "purpose", "SIGNUP", "signupId", signupId));
	}

}
