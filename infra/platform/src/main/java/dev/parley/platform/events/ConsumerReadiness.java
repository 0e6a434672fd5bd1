package dev.parley.platform.events;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * {@code kafkaConsumers} in the health: DOWN until every consumer of every
 * {@code @KafkaListener} container has had its first partition assignment (possibly none:
 * a group may have more consumers than partitions), and DOWN again while a container is
 * stopped. So "ready" means each service is really reading its topics.
 */
public class ConsumerReadiness implements HealthIndicator,
		ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>,
		ApplicationListener<ConsumerStoppedEvent> {

	private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

	/** The consumers of each container that have been assigned their partitions. */
	private final Map<String, Set<Consumer<?, ?>>> assigned = new ConcurrentHashMap<>();

	public ConsumerReadiness(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
		String id = container.getListenerId();
		Set<Consumer<?, ?>> consumers = this.assigned.computeIfAbsent(id,
				(key) -> Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>())));
		container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
			@Override
			public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				consumers.add(consumer);
			}
		});
	}

	/**
	 * A stopped consumer forgets its assignment: after a restart it must be assigned
	 * again.
	 */
	@Override
	public void onApplicationEvent(ConsumerStoppedEvent event) {
		MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
		Set<Consumer<?, ?>> consumers = (container != null) ? this.assigned.get(container.getListenerId()) : null;
		if (consumers != null) {
			consumers.clear();
		}
	}

	@Override
	public Health health() {
		Map<String, String> listeners = new LinkedHashMap<>();
		boolean up = true;
		KafkaListenerEndpointRegistry registry = this.registry.getIfAvailable();
		for (MessageListenerContainer container : (registry != null) ? registry.getListenerContainers()
				: java.util.List.<MessageListenerContainer>of()) {
			String id = container.getListenerId();
			int expected = (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent)
					? concurrent.getConcurrency() : 1;
			Set<Consumer<?, ?>> consumers = this.assigned.getOrDefault(id, Set.of());
			String state;
			if (!container.isRunning()) {
				state = "stopped";
			}
			else if (consumers.size() < expected) {
				state = "waiting for partitions (" + consumers.size() + " of " + expected + " consumers)";
			}
			else {
				state = "reading";
			}
			up &= state.equals("reading");
			listeners.put(id, state);
		}
		return (up ? Health.up() : Health.down()).withDetail("listeners", listeners).build();
	}

}
