package dev.parley.signaling.call;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a call may wait at each step (see docs/calls.md).
 *
 * @param ringTimeout an unanswered call is MISSED after this
 * @param connectTimeout an accepted call whose media never connected is FAILED after this
 * @param rejoinGrace a party whose socket dropped has this long to come back on a new one
 * @param groupLimit how many people a group call may have at once (a mesh: each sends its
 * media to every other, see docs/calls.md)
 */
@ConfigurationProperties("parley.calls")
record CallProperties(@DefaultValue("30s") Duration ringTimeout, @DefaultValue("20s") Duration connectTimeout,
		@DefaultValue("15s") Duration rejoinGrace, @DefaultValue("4") int groupLimit) {
}
