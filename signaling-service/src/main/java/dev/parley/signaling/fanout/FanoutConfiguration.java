package dev.parley.signaling.fanout;

import java.util.concurrent.Executors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;

@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

	@Bean
	RedisMessageListenerContainer redisListenerContainer(RedisConnectionFactory connections) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		// One thread hands frames to the sockets in the order Redis delivered them (the
		// default runs each message on a new thread, so an ack could overtake its
		// message). Socket writes are buffered, so one slow device does not hold it up.
		container.setTaskExecutor(new ConcurrentTaskExecutor(
				Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("fanout").factory())));
		return container;
	}

	@Bean
	Broker broker(StringRedisTemplate redis, RedisMessageListenerContainer container, Broker.Inbound hub) {
		return new RedisBroker(redis, container, hub);
	}

}
