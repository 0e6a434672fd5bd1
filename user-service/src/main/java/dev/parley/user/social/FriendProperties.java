package dev.parley.user.social;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param declineCooldown how long after a decline the sender must wait before asking the
 * same person again
 */
@ConfigurationProperties("parley.friends")
record FriendProperties(@DefaultValue("7d") Duration declineCooldown) {

}
