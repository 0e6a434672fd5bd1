package dev.parley.signaling.fanout;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Redis pub/sub with one channel per user ({@code parley:user:<id>}): a node subscribes
 * while it holds a socket of that user, so a frame goes only to the nodes that need it. A
 * frame for one socket travels as {@code @<socketId> <frame>}; frames are JSON objects,
 * so they never start with {@code @}.
 */
public class RedisBroker implements Broker {

	static final String CHANNEL_PREFIX = "parley:user:";

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer container;

	private final Inbound inbound;

	private final Map<String, MessageListener> listeners = new ConcurrentHashMap<>();

	public RedisBroker(StringRedisTemplate redis, RedisMessageListenerContainer container, Inbound inbound) {
		this.redis = redis;
		this.container = container;
		this.inbound = inbound;
	}

	@Override
	public void publish(String userId, String socketId, String frame) {
		this.redis.convertAndSend(CHANNEL_PREFIX + userId, (socketId != null) ? "@" + socketId + " " + frame : frame);
	}

	@Override
	public void subscribe(String userId) {
		this.listeners.computeIfAbsent(userId, (id) -> {
			MessageListener listener = (message, pattern) -> receive(id,
					new String(message.getBody(), StandardCharsets.UTF_8));
			this.container.addMessageListener(listener, new ChannelTopic(CHANNEL_PREFIX + id));
			return listener;
		});
	}

	@Override
	public void unsubscribe(String userId) {
		MessageListener listener = this.listeners.remove(userId);
		if (listener != null) {
			this.container.removeMessageListener(listener, new ChannelTopic(CHANNEL_PREFIX + userId));
		}
	}

	private void receive(String userId, String body) {
		if (body.startsWith("@")) {
			int space = body.indexOf(' ');
			this.inbound.deliver(userId, body.substring(1, space), body.substring(space + 1));
		}
		else {
			this.inbound.deliver(userId, null, body);
		}
	}

}
