package dev.parley.auth.session;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.parley.auth.AuthProperties;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The browser app's refresh token lives in an {@code HttpOnly} cookie, out of reach of
 * any script, instead of in the response body: the app asks for this with the
 * {@value #HEADER} header. The cookie is honoured only together with that header, which a
 * page on another site cannot send without a CORS preflight the gateway never grants;
 * with {@code SameSite=Strict} on top, no other site can make a browser refresh or end a
 * session. API clients without the header keep the token in the body.
 */
@Component
public class SessionCookies {

	public static final String HEADER = "X-Parley-Session";

	static final String COOKIE = "parley_refresh";

	/** Every endpoint that reads the cookie (refresh, logout) lies under this path. */
	static final String PATH = "/api/auth";

	private final AuthProperties properties;

	SessionCookies(AuthProperties properties) {
		this.properties = properties;
	}

	public boolean wanted(HttpServletRequest request) {
		return "cookie".equalsIgnoreCase(request.getHeader(HEADER));
	}

	/**
	 * The response to send: with the cookie mode, the refresh token moves from the body
	 * into the cookie.
	 */
	public AuthResponse deliver(AuthResponse auth, HttpServletRequest request, HttpServletResponse response) {
		if (!wanted(request)) {
			return auth;
		}
		set(response, auth.refreshToken(), this.properties.refreshTokenTtl());
		return new AuthResponse(auth.user(), auth.accessToken(), null, auth.expiresIn());
	}

	/** The refresh token of a cookie-mode request, or null. */
	String read(HttpServletRequest request) {
		if (!wanted(request) || request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if (COOKIE.equals(cookie.getName())) {
				return cookie.getValue();
			}
		}
		return null;
	}

	void clear(HttpServletRequest request, HttpServletResponse response) {
		if (wanted(request)) {
			set(response, "", Duration.ZERO);
		}
	}

	private void set(HttpServletResponse response, String value, Duration maxAge) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, value)
			.httpOnly(true)
			.secure(this.properties.cookieSecure())
			.sameSite("Strict")
			.path(PATH)
			.maxAge(maxAge)
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}
