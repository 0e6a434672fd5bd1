package dev.parley.auth.session;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.auth.account.Account;
import dev.parley.auth.account.AccountRepository;
import dev.parley.platform.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed-in sessions: an access token plus a refresh token that rotates on every use.
 * Presenting a refresh token that was already rotated means it was stolen or replayed, so
 * the whole family is revoked.
 */
@Service
public class Sessions {

	private static final Logger log = LoggerFactory.getLogger(Sessions.class);

	private final RefreshTokens refreshTokens;

	private final AccessTokens accessTokens;

	private final AccountRepository accounts;

	private final TransactionTemplate transactions;

	private final SessionRevocations revocations;

	Sessions(RefreshTokens refreshTokens, AccessTokens accessTokens, AccountRepository accounts,
			PlatformTransactionManager transactionManager, SessionRevocations revocations) {
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.accounts = accounts;
		this.transactions = new TransactionTemplate(transactionManager);
		this.revocations = revocations;
	}

	/**
	 * A new session (call inside the transaction that made the account usable, if any).
	 */
	public AuthResponse start(Account account) {
		UUID session = UUID.randomUUID();
		String refresh = this.refreshTokens.issue(account.id(), session);
		return new AuthResponse(account.view(), this.accessTokens.issue(account, session), refresh,
				this.accessTokens.ttlSeconds());
	}

	AuthResponse refresh(String token) {
		Refreshed refreshed = this.transactions.execute((tx) -> {
			// Ending all of an account's sessions holds the account alone, so a refresh
			// either finishes first (and its new token is ended too) or sees it ended.
			this.refreshTokens.accountOf(token).ifPresent(this.accounts::holdShared);
			RefreshTokens.Stored stored = this.refreshTokens.findForUpdate(token).orElse(null);
			if (stored == null || stored.revoked() || this.refreshTokens.expired(stored)) {
				return Refreshed.INVALID;
			}
			if (stored.rotated()) {
				this.refreshTokens.revokeFamily(stored.familyId());
				log.warn("A rotated refresh token was reused; revoked its family for account {}", stored.accountId());
				return new Refreshed(Outcome.REUSED, null, stored);
			}
			Account account = this.accounts.findById(stored.accountId()).orElse(null);
			if (account == null) {
				return Refreshed.INVALID;
			}
			this.refreshTokens.markRotated(stored.id());
			String next = this.refreshTokens.issue(account.id(), stored.familyId());
			return new Refreshed(Outcome.OK, new AuthResponse(account.view(),
					this.accessTokens.issue(account, stored.familyId()), next, this.accessTokens.ttlSeconds()), stored);
		});
		if (refreshed.outcome() == Outcome.REUSED) {
			this.revocations.revoke(refreshed.stored().accountId(), List.of(refreshed.stored().familyId()));
			throw new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED",
					"This session was ended because its refresh token was used twice. Sign in again.");
		}
		if (refreshed.outcome() == Outcome.INVALID) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_INVALID",
					"This session has ended. Sign in again.");
		}
		return refreshed.response();
	}

	/**
	 * Ends the session the token belongs to, its access tokens too; unknown tokens are
	 * ignored.
	 */
	void end(String token) {
		RefreshTokens.Stored ended = this.transactions.execute((tx) -> {
			RefreshTokens.Stored stored = this.refreshTokens.findForUpdate(token).orElse(null);
			if (stored != null) {
				this.refreshTokens.revokeFamily(stored.familyId());
			}
			return stored;
		});
		if (ended != null) {
			this.revocations.revoke(ended.accountId(), List.of(ended.familyId()));
		}
	}

	/**
	 * Ends every session of the account, access tokens and open sockets included (after a
	 * password reset or change, or sign-out everywhere).
	 */
	public void endAll(UUID accountId) {
		endAllBut(accountId, null);
	}

	/**
	 * Ends every session of the account but {@code keep} (the one that changed the
	 * password stays signed in).
	 */
	public void endAllBut(UUID accountId, UUID keep) {
		this.transactions.executeWithoutResult((tx) -> {
			this.accounts.hold(accountId);
			this.revocations.revoke(accountId, this.refreshTokens.revokeAllBut(accountId, keep));
		});
	}

	private enum Outcome {

		OK, INVALID, REUSED

	}

	private record Refreshed(Outcome outcome, AuthResponse response, RefreshTokens.Stored stored) {

		static final Refreshed INVALID = new Refreshed(Outcome.INVALID, null, null);

	}

}
