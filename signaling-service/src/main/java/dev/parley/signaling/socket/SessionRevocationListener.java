package dev.parley.signaling.socket;

import java.util.Arrays;
import java.util.List;

import dev.parley.platform.security.Revocations;
import dev.parley.signaling.fanout.NodeChannel;

import org.springframework.stereotype.Component;

/**
 * Closes the sockets of sessions that just ended (signed out, everywhere, or a password
 * changed) with 4003, as auth-service announces them ({@link Revocations#CHANNEL}), so an
 * open socket does not outlive its session by up to a token's lifetime. The channel is
 * one of the node's ({@link NodeChannel}): an announcement lost with a connection makes
 * every socket here resync, and a reconnecting socket's token is checked again.
 */
@Component
class SessionRevocationListener implements NodeChannel {

	private final SessionHub hub;

	SessionRevocationListener(SessionHub hub) {
		this.hub = hub;
	}

	@Override
	public String channel() {
		return Revocations.CHANNEL;
	}

	/** {@code <userId> <sid> <sid>…} */
	@Override
	public void onMessage(String message) {
		List<String> words = Arrays.asList(message.split(" "));
		if (words.size() > 1) {
			this.hub.endSessions(words.get(0), words.subList(1, words.size()));
		}
	}

}
