package dev.parley.auth.session;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.auth.AuthApi.NewUser;
import dev.parley.auth.AuthApi;
import dev.parley.auth.AuthServiceIntegrationTest;
import dev.parley.platform.security.Revocations;
import dev.parley.testsupport.TestHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsIT extends AuthServiceIntegrationTest {

	static final String COOKIE_MODE = SessionCookies.HEADER;

	@Test
	void signInWorksWithEmailOrUsernameInAnyCase() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		assertThat(this.api.login(user.email().toUpperCase(), AuthApi.PASSWORD).status()).isEqualTo(200);
		Reply byUsername = this.api.login(user.username(), AuthApi.PASSWORD);
		assertThat(byUsername.status()).isEqualTo(200);
		assertThat(byUsername.json().get("user").get("email").asString()).isEqualTo(user.email());
	}

	@Test
	void unknownUserAndWrongPasswordGetTheSameAnswer() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		Reply wrongPassword = this.api.login(user.username(), "not the password");
		Reply unknown = this.api.login("nobody_" + user.username(), "not the password");
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
		Reply locked = this.api.login(user.username(), AuthApi.PASSWORD);
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
	void aBurstOfParallelGuessesIsCountedAsItArrives() throws Exception {
		NewUser owner = AuthApi.newUser();
		this.api.register(owner);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
		try {
			var answers = pool.invokeAll(java.util.stream.IntStream.range(0, 20)
				.mapToObj((i) -> (java.util.concurrent.Callable<Integer>) () -> this.api
					.loginFrom("203.0.113.10", owner.username(), "guess " + i)
					.status())
				.toList());
			long checked = 0;
			for (var answer : answers) {
				checked += (answer.get() == 401) ? 1 : 0;
			}
			assertThat(checked).as("guesses actually checked").isLessThanOrEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void strangersWhoSlowAnAccountEverywhereDoNotSlowItWhereItsOwnerSignsIn() {
		NewUser owner = AuthApi.newUser();
		this.api.register(owner);
		assertThat(this.api.loginFrom("198.51.100.30", owner.username(), AuthApi.PASSWORD).status()).isEqualTo(200);
		// As if strangers at a hundred addresses had failed: the account is slowed
		// everywhere...
		String account = this.jdbc.sql("select id from account where username = :u")
			.param("u", owner.username())
			.query(String.class)
			.single();
		this.redis.opsForValue().set("auth:lock:login:account:" + account, "1", java.time.Duration.ofMinutes(5));
		assertThat(this.api.loginFrom("198.51.100.31", owner.username(), AuthApi.PASSWORD).status()).isEqualTo(429);
		// ...but where its owner signed in before.
		assertThat(this.api.loginFrom("198.51.100.30", owner.username(), AuthApi.PASSWORD).status()).isEqualTo(200);
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
		Reply signedIn = this.api.register(AuthApi.newUser());
		String first = signedIn.text("refreshToken");
		Reply refreshed = refresh(first);
		assertThat(refreshed.status()).isEqualTo(200);
		String second = refreshed.text("refreshToken");
		assertThat(second).isNotEqualTo(first);
		assertThat(refreshed.text("accessToken")).isNotBlank();

		Reply reuse = refresh(first);
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
		Reply response = this.api.post("/api/auth/login",
				Map.of("login", user.username(), "password", AuthApi.PASSWORD), "stale.token.value");
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void theBrowserAppsRefreshTokenLivesInAnHttpOnlyCookieHonouredOnlyWithItsHeader() {
		NewUser user = AuthApi.newUser();
		this.api.register(user);
		Reply login = this.api.postWith("/api/auth/login",
				Map.of("login", user.username(), "password", AuthApi.PASSWORD), (h) -> h.set(COOKIE_MODE, "cookie"));
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.json().has("refreshToken")).isFalse();
		assertThat(login.text("accessToken")).isNotBlank();
		String cookie = refreshCookie(login);
		assertThat(login.setCookies().get(0)).contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/api/auth",
				"Max-Age=2592000");

		Reply withoutHeader = this.api.postWith("/api/auth/refresh", Map.of(), (h) -> h.set("Cookie", cookie));
		assertThat(withoutHeader.status()).as("another site cannot send the header").isEqualTo(400);

		Reply refreshed = this.api.postWith("/api/auth/refresh", Map.of(), (h) -> {
			h.set(COOKIE_MODE, "cookie");
			h.set("Cookie", cookie);
		});
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.json().has("refreshToken")).isFalse();
		String rotated = refreshCookie(refreshed);
		assertThat(rotated).isNotEqualTo(cookie);

		Reply logout = this.api.postWith("/api/auth/logout", Map.of(), (h) -> {
			h.set(COOKIE_MODE, "cookie");
			h.set("Cookie", rotated);
		});
		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.setCookies().get(0)).startsWith("parley_refresh=;").contains("Max-Age=0");
		Reply after = this.api.postWith("/api/auth/refresh", Map.of(), (h) -> {
			h.set(COOKIE_MODE, "cookie");
			h.set("Cookie", rotated);
		});
		assertThat(after.code()).isEqualTo("REFRESH_TOKEN_INVALID");
		assertThat(after.setCookies().get(0)).contains("Max-Age=0");
	}

	@Test
	void endedSessionsAreWrittenDownForTheVerifiersUntilTheirAccessTokensExpire() {
		NewUser user = AuthApi.newUser();
		Reply phone = this.api.register(user);
		Reply laptop = this.api.login(user.username(), AuthApi.PASSWORD);
		String phoneSession = session(phone);
		String laptopSession = session(laptop);
		assertThat(phoneSession).isNotEqualTo(laptopSession);
		assertThat(session(refresh(phone.text("refreshToken")))).as("a refresh stays in its session")
			.isEqualTo(phoneSession);

		this.api.post("/api/auth/logout", Map.of("refreshToken", laptop.text("refreshToken")));
		assertThat(this.redis.hasKey(Revocations.key(laptopSession))).isTrue();
		assertThat(this.redis.hasKey(Revocations.key(phoneSession))).isFalse();
		assertThat(this.redis.getExpire(Revocations.key(laptopSession))).isBetween(900L, 960L);

		Reply everywhere = this.api.post("/api/auth/logout-all", Map.of(), phone.text("accessToken"));
		assertThat(everywhere.status()).isEqualTo(204);
		assertThat(this.redis.hasKey(Revocations.key(phoneSession))).isTrue();
		assertThat(this.api.post("/api/auth/logout-all", Map.of()).status()).isEqualTo(401);
	}

	private String session(Reply auth) {
		String payload = auth.text("accessToken").split("\\.")[1];
		String claims = new String(java.util.Base64.getUrlDecoder().decode(payload),
				java.nio.charset.StandardCharsets.UTF_8);
		java.util.regex.Matcher sid = java.util.regex.Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(claims);
		assertThat(sid.find()).as(claims).isTrue();
		return sid.group(1);
	}

	private static String refreshCookie(Reply response) {
		assertThat(response.setCookies()).hasSize(1);
		return response.setCookies().get(0).split(";")[0];
	}

	private Reply refresh(String token) {
		return this.api.post("/api/auth/refresh", Map.of("refreshToken", token));
	}

}
