package dev.parley.auth.session;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.parley.auth.account.Account;

/**
 * What sign-up verification, login and refresh return.
 *
 * @param refreshToken absent for the browser app, which gets it as a cookie
 * ({@link SessionCookies})
 * @param expiresIn seconds until the access token expires
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthResponse(Account.UserView user, String accessToken, String refreshToken, long expiresIn) {

}
