package dev.parley.user.profile;

import dev.parley.testsupport.TestHttp.Reply;
import java.util.Map;

import dev.parley.platform.events.AccountRegistered;
import dev.parley.user.UserServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilesIT extends UserServiceIntegrationTest {

	@Test
	void theSameAccountEventTwiceMakesOneProfile() throws Exception {
		Person ada = person("Ada Lovelace");
		publish(new AccountRegistered(ada.id(), ada.email(), ada.username(), "Someone Else"));
		// Same key, so same partition, consumed after the repeat: once it exists, the
		// repeat
		// was handled.
		person("Marker", ada.id());
		assertThat(this.jdbc.sql("select count(*) from profile where id = :id::uuid")
			.param("id", ada.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(get(ada, "/api/users/me").json().get("displayName").asString()).isEqualTo("Ada Lovelace");
	}

	@Test
	void myProfileHasMyEmailAndICanEditNameAndBio() {
		Person ada = person("Ada");
		Reply me = get(ada, "/api/users/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("email").asString()).isEqualTo(ada.email());
		Reply updated = call(ada, HttpMethod.PATCH, "/api/users/me",
				Map.of("displayName", "  Ada King ", "bio", "Poetical science"));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("displayName").asString()).isEqualTo("Ada King");
		assertThat(updated.json().get("bio").asString()).isEqualTo("Poetical science");
		assertThat(updated.json().get("username").asString()).isEqualTo(ada.username());
	}

	@Test
	void badProfileChangesNameTheField() {
		Person ada = person("Ada");
		Reply blank = call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("displayName", "   "));
		assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("displayName");
		Reply longBio = call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("bio", "x".repeat(501)));
		assertThat(longBio.code()).isEqualTo("VALIDATION_FAILED");
		Reply nul = call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("bio", "a\u0000b"));
		assertThat(nul.status()).isEqualTo(400);
		Reply bell = call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("bio", "ding\u0007"));
		assertThat(bell.json().get("errors").get(0).get("field").asString()).isEqualTo("bio");
		assertThat(call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("bio", "two\nlines\tand a tab")).status())
			.isEqualTo(200);
		assertThat(get(ada, "/api/users?q=%00").status()).isEqualTo(400);
	}

	@Test
	void bidiControlsCannotDisguiseAName() {
		Person ada = person("Ada");
		Reply renamed = call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("displayName", "admin\u202Egnp.exe\u2066"));
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.json().get("displayName").asString()).isEqualTo("admingnp.exe");
		Reply onlyControls = call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("displayName", "\u202E\u202E"));
		assertThat(onlyControls.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(call(ada, HttpMethod.PATCH, "/api/users/me", Map.of("displayName", "שלום Ada")).json()
			.get("displayName")
			.asString()).as("right-to-left letters stay").isEqualTo("שלום Ada");
	}

	@Test
	void othersSeeAPublicViewWithoutTheEmail() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		Reply view = get(bob, "/api/users/" + ada.id());
		assertThat(view.status()).isEqualTo(200);
		assertThat(view.json().get("username").asString()).isEqualTo(ada.username());
		assertThat(view.json().has("email")).isFalse();
		assertThat(view.json().toString()).doesNotContain(ada.email());
		assertThat(view.json().get("relationship").asString()).isEqualTo("NONE");
		assertThat(get(bob, "/api/users/00000000-0000-0000-0000-000000000000").code()).isEqualTo("USER_NOT_FOUND");
		assertThat(get(null, "/api/users/" + ada.id()).status()).isEqualTo(401);
	}

}
