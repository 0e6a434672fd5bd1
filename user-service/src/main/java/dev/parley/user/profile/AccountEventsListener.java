package dev.parley.user.profile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.AccountRegistered;
import dev.parley.platform.events.ReceivedEvent;
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
		ReceivedEvent event = ReceivedEvent.parse(this.json, payload);
		if (!AccountRegistered.TYPE.equals(event.type())) {
			return;
		}
		AccountRegistered account = event.data(this.json, AccountRegistered.class);
		if (this.profiles.createIfAbsent(account)) {
			log.info("Created profile {}", account.userId());
		}
	}

}
