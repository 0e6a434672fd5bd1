package dev.parley.user.profile;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.parley.platform.events.EventCatchUp;
import dev.parley.platform.events.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Profiles are made from {@code account.registered} events, a moment after the sign-up
 * answered. So before this service says "there is no such person", it catches up with the
 * account events once (a no-op when it is up to date) and looks again: someone who signed
 * up a second ago is found (see docs/people.md, "A new account is visible at once").
 */
@Component
public class AccountCatchUp {

	private final ObjectProvider<EventCatchUp> catchUp;

	AccountCatchUp(ObjectProvider<EventCatchUp> catchUp) {
		this.catchUp = catchUp;
	}

	/** The lookup's answer, looked up again after catching up when it found nothing. */
	public <T> Optional<T> find(Supplier<Optional<T>> lookup) {
		Optional<T> found = lookup.get();
		return (found.isPresent() || !caughtUp()) ? found : lookup.get();
	}

	/** The same for a search: an empty result is searched again after catching up. */
	public <T> List<T> search(Supplier<List<T>> lookup) {
		List<T> found = lookup.get();
		return (!found.isEmpty() || !caughtUp()) ? found : lookup.get();
	}

	private boolean caughtUp() {
		EventCatchUp events = this.catchUp.getIfAvailable();
		return events != null && events.await(Topics.ACCOUNT_EVENTS);
	}

}
