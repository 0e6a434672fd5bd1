package dev.parley.e2e;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Ready" means ready: the first test after the suite started (the classes are ordered),
 * so it runs the moment the launcher said ready. Two people sign up and at once, with no
 * retry, one finds the other by username and sends a friend request, and the other adds
 * the first to a group conversation right after accepting.
 */
@ExtendWith(E2eSuite.class)
@Order(1)
class ReadyE2EIT {

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@Test
	void twoPeopleWhoSignUpTheMomentTheSuiteIsReadyFindAndBefriendEachOtherWithoutRetrying() throws Exception {
		Accounts.User ana = this.accounts.register("ready");
		Accounts.User ben = this.accounts.register("ready");
		Accounts.Session anaSession = this.accounts.signIn(ana);
		Accounts.Session benSession = this.accounts.signIn(ben);

		HttpResponse<String> found = this.accounts.call(anaSession, "GET",
				"/api/users?q=" + URLEncoder.encode(ben.username(), StandardCharsets.UTF_8), null);
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		assertThat(found.body()).contains(benSession.id());

		HttpResponse<String> asked = this.accounts.call(anaSession, "POST", "/api/friend-requests",
				"{\"userId\":\"" + benSession.id() + "\"}");
		assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
		HttpResponse<String> accepted = this.accounts.call(benSession, "POST", "/api/friend-requests",
				"{\"userId\":\"" + anaSession.id() + "\"}");
		assertThat(accepted.statusCode()).as(accepted.body()).isBetween(200, 201);

		HttpResponse<String> group = this.accounts.call(benSession, "POST", "/api/conversations",
				"{\"title\":\"Right away\",\"memberIds\":[\"" + anaSession.id() + "\"]}");
		assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
		assertThat(group.body()).contains(ana.username());
	}

}
