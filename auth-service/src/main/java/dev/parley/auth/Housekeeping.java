package dev.parley.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what can no longer be used: codes and sign-ups a day past their time, and
 * refresh tokens a day after they expired or were revoked (kept that long so a reused
 * token is still recognised as reuse, not as unknown).
 */
@Component
class Housekeeping {

	private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

	private final JdbcClient jdbc;

	Housekeeping(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void purge() {
		int codes = this.jdbc.sql("delete from one_time_code where expires_at < now() - interval '1 day'").update();
		int signups = this.jdbc.sql("delete from pending_signup where expires_at < now() - interval '1 day'").update();
		int tokens = this.jdbc.sql("""
				delete from refresh_token
				where expires_at < now() - interval '1 day' or revoked_at < now() - interval '1 day'
				""").update();
		if (codes + signups + tokens > 0) {
			log.info("Purged {} codes, {} pending sign-ups and {} refresh tokens", codes, signups, tokens);
		}
	}

}
