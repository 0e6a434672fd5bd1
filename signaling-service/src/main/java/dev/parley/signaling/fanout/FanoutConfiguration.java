package dev.parley.signaling.fanout;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

	@Bean
	RedisMessageListenerContainer redisListenerContainer(RedisConnectionFactory connections) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		return container;
	}

	@Bean
	Broker broker(StringRedisTemplate redis, RedisMessageListenerContainer container, Broker.Inbound hub) {
		return new RedisBroker(redis, container, hub);
	}

}
