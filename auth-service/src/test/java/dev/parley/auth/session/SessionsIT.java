package dev.parley.auth.session;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.auth.AuthApi;
import dev.parley.auth.AuthApi.NewUser;
import dev.parley.auth.AuthApi.Response;
import dev.parley.auth.AuthIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsIT extends AuthIntegrationTest {

	@Test
	void signInWorksWithEmailOrUsernameInAnyCase() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		assertThat(this.api.login(user.email().toUpperCase(), AuthApi.PASSWORD).status()).isEqualTo(200);
		Response byUsername = this.api.login(user.username(), AuthApi.PASSWORD);
		assertThat(byUsername.status()).isEqualTo(200);
		assertThat(byUsername.json().get("user").get("email").asString()).isEqualTo(user.email());
	}

	@Test
	void unknownUserAndWrongPasswordGetTheSameAnswer() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		Response wrongPassword = this.api.login(user.username(), "not the password");
		Response unknown = this.api.login("nobody_" + user.username(), "not the password");
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(wrongPassword.body()).isEqualTo(unknown.body());
		assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
	}

	@Test
	void fiveFailuresFromOneAddressSlowThatAddressForTheAccountEvenForTheRightPassword() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.login(user.username(), "wrong " + i).status()).isEqualTo(401);
		}
		Response locked = this.api.login(user.username(), AuthApi.PASSWORD);
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("RATE_LIMITED");
		assertThat(Integer.parseInt(locked.retryAfter())).isBetween(1, 30);
		assertThat(this.api.login(user.email(), AuthApi.PASSWORD).status())
			.as("the account is locked whichever name it is given by")
			.isEqualTo(429);
	}

	@Test
	void aStrangerGuessingCannotLockTheOwnerOut() {
		NewUser owner = AuthApi.newUser();
		this.api.register(owner);
		for (int i = 0; i < 8; i++) {
			this.api.loginFrom("203.0.113.7", owner.username(), "guess " + i);
		}
		assertThat(this.api.loginFrom("203.0.113.7", owner.username(), AuthApi.PASSWORD).status()).isEqualTo(429);
		assertThat(this.api.loginFrom("198.51.100.20", owner.username(), AuthApi.PASSWORD).status())
			.as("the owner, elsewhere")
			.isEqualTo(200);
	}

	@Test
	void oneAddressGuessingAcrossAccountsIsSlowedWithoutSlowingOthers() {
		for (int i = 0; i < 20; i++) {
			assertThat(this.api.loginFrom("203.0.113.8", "nobody_" + i, "guess").status()).isEqualTo(401);
		}
		NewUser someone = AuthApi.newUser();
		this.api.register(someone);
		assertThat(this.api.loginFrom("203.0.113.8", someone.username(), AuthApi.PASSWORD).status()).isEqualTo(429);
		assertThat(this.api.loginFrom("198.51.100.21", someone.username(), AuthApi.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void refreshRotatesAndReusingARotatedTokenEndsTheSession() {
		Response signedIn = this.api.register(AuthApi.newUser());
		String first = signedIn.text("refreshToken");
		Response refreshed = refresh(first);
		assertThat(refreshed.status()).isEqualTo(200);
		String second = refreshed.text("refreshToken");
		assertThat(second).isNotEqualTo(first);
		assertThat(refreshed.text("accessToken")).isNotBlank();

		Response reuse = refresh(first);
		assertThat(reuse.status()).isEqualTo(401);
		assertThat(reuse.code()).isEqualTo("REFRESH_TOKEN_REUSED");
		assertThat(refresh(second).code()).as("the whole family is revoked").isEqualTo("REFRESH_TOKEN_INVALID");
	}

	@Test
	void logoutEndsTheSessionOnlyForThatDevice() {
		NewUser user = AuthApi.newUser();
		String phone = this.api.register(user).text("refreshToken");
		String laptop = this.api.login(user.username(), AuthApi.PASSWORD).text("refreshToken");
		assertThat(this.api.post("/api/auth/logout", Map.of("refreshToken", phone)).status()).isEqualTo(204);
		assertThat(refresh(phone).code()).isEqualTo("REFRESH_TOKEN_INVALID");
		assertThat(refresh(laptop).status()).isEqualTo(200);
		assertThat(this.api.post("/api/auth/logout", Map.of("refreshToken", "unknown")).status()).isEqualTo(204);
	}

	@Test
	void anExpiredRefreshTokenIsRefused() {
		String token = this.api.register(AuthApi.newUser()).text("refreshToken");
		this.jdbc.sql("update refresh_token set expires_at = now() - interval '1 second'").update();
		assertThat(refresh(token).code()).isEqualTo("REFRESH_TOKEN_INVALID");
	}

	@Test
	void aStaleAccessTokenSentToAPublicEndpointIsIgnored() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		Response response = this.api.post("/api/auth/login",
				Map.of("login", user.username(), "password", AuthApi.PASSWORD), "stale.token.value");
		assertThat(response.status()).isEqualTo(200);
	}

	private Response refresh(String token) {
		return this.api.post("/api/auth/refresh", Map.of("refreshToken", token));
	}

}
