package dev.parley.signaling.fanout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FanoutProperties.class)
class FanoutConfiguration {

	@Bean
	NodeLink nodeLink(StringRedisTemplate redis, FanoutProperties properties, ObjectProvider<Broker.Inbound> hub,
			ObjectProvider<RedisMessageListenerContainer> container, ObjectProvider<ClientResources> lettuce) {
		NodeLink link = new NodeLink(redis, properties, hub::getObject, container::getObject);
		// A Redis connection lost by accident (Lettuce reconnects only those) may have
		// lost frames even if it came back between two probes.
		lettuce.ifAvailable((resources) -> resources.eventBus()
			.get()
			.filter(ReconnectAttemptEvent.class::isInstance)
			.subscribe((event) -> link.suspectGap()));
		return link;
	}

	@Bean
	RedisBroker broker(StringRedisTemplate redis, NodeLink link, Broker.Inbound hub) {
		return new RedisBroker(redis, link, hub);
	}

	/**
	 * The node's one subscription, made once at start and never changed by a socket. One
	 * thread hands frames to the sockets in the order Redis delivered them (the default
	 * runs each message on a new thread, so an ack could overtake its message); socket
	 * writes are queued per socket, so a slow device holds no one up. A lost connection
	 * is re-subscribed every second until it works. {@link NodeLink} starts and stops it.
	 */
	@Bean
	RedisMessageListenerContainer redisListenerContainer(RedisConnectionFactory connections, RedisBroker broker,
			NodeLink link, java.util.List<NodeChannel> channels) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.setTaskExecutor(new ConcurrentTaskExecutor(
				Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("fanout").factory())));
		// Subscribing (and re-subscribing after a lost connection) on threads of its own:
		// by default it would share, and hold up, the delivery thread.
		container.setSubscriptionExecutor(new SimpleAsyncTaskExecutor("fanout-subscribe-"));
		container.setRecoveryBackoff(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
		container.addMessageListener(broker, new ChannelTopic(link.channel()));
		channels.forEach((channel) -> container.addMessageListener(
				(message, pattern) -> channel.onMessage(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(channel.channel())));
		container.setAutoStartup(false);
		return container;
	}

}
