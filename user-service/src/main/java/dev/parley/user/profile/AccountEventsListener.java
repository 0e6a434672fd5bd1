package dev.parley.user.profile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.AccountRegistered;
import dev.parley.platform.events.Topics;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Creates a profile for each new account. Events arrive at least once; creating is
 * idempotent, so a repeated event makes no second profile.
 */
@Component
class AccountEventsListener {

	private static final Logger log = LoggerFactory.getLogger(AccountEventsListener.class);

	private final ProfileRepository profiles;

	private final JsonMapper json;

	AccountEventsListener(ProfileRepository profiles, JsonMapper json) {
		this.profiles = profiles;
		this.json = json;
	}

	@KafkaListener(topics = Topics.ACCOUNT_EVENTS)
	void on(String payload) {
		JsonNode event = this.json.readTree(payload);
		if (!AccountRegistered.TYPE.equals(event.path("type").asString())) {
			return;
		}
		AccountRegistered account = this.json.treeToValue(event.get("data"), AccountRegistered.class);
		if (this.profiles.createIfAbsent(account)) {
			log.info("Created profile {}", account.userId());
		}
	}

}
