package dev.parley.message.live;

import dev.parley.platform.events.Topics;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * message-service owns the messaging topics. Partitions spread conversations over
 * consumers (one conversation always lands on one partition, so it stays in order).
 */
@Configuration(proxyBeanMethods = false)
class MessagingTopics {

	@Bean
	NewTopic messageCommands(@Value("${parley.messaging.partitions:3}") int partitions) {
		return TopicBuilder.name(Topics.MESSAGE_COMMANDS).partitions(partitions).build();
	}

	@Bean
	NewTopic messageEvents(@Value("${parley.messaging.partitions:3}") int partitions) {
		return TopicBuilder.name(Topics.MESSAGE_EVENTS).partitions(partitions).build();
	}

}
