package dev.parley.auth;

import dev.parley.auth.AuthApi.NewUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingIT extends AuthServiceIntegrationTest {

	@Autowired
	Housekeeping housekeeping;

	@Test
	void purgesOnlyWhatCanNoLongerBeUsed() {
		NewUser old = AuthApi.newUser();
		NewUser fresh = AuthApi.newUser();
		String oldToken = this.api.register(old).text("refreshToken");
		String freshToken = this.api.register(fresh).text("refreshToken");
		this.jdbc.sql("update one_time_code set expires_at = now() - interval '2 days' where email_key = lower(:e)")
			.param("e", old.email())
			.update();
		this.jdbc.sql("""
				update refresh_token set expires_at = now() - interval '2 days'
				where account_id = (select id from account where lower(email) = lower(:e))
				""").param("e", old.email()).update();

		this.housekeeping.purge();

		assertThat(count("one_time_code where email_key = lower('" + old.email() + "')")).isZero();
		assertThat(count("one_time_code where email_key = lower('" + fresh.email() + "')")).isEqualTo(1);
		assertThat(count("refresh_token where account_id = (select id from account where lower(email) = lower('"
				+ old.email() + "'))"))
			.as("the long-expired token is gone")
			.isZero();
		assertThat(this.api.post("/api/auth/refresh", java.util.Map.of("refreshToken", oldToken)).code())
			.isEqualTo("REFRESH_TOKEN_INVALID");
		assertThat(this.api.post("/api/auth/refresh", java.util.Map.of("refreshToken", freshToken)).status())
			.isEqualTo(200);
	}

	private long count(String from) {
		return this.jdbc.sql("select count(*) from " + from).query(Long.class).single();
	}

}
