package dev.parley.auth.session;

import dev.parley.auth.account.Account;

/**
 * What sign-up verification, login and refresh return.
 *
 * @param expiresIn seconds until the access token expires
 */
public record AuthResponse(Account.UserView user, String accessToken, String refreshToken, long expiresIn) {

}
