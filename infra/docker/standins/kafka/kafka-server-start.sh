#!/bin/bash
# Starts the broker on the given server.properties (as Kafka's script of the same name).
: "${KAFKA_HEAP_OPTS:=-Xmx512m -Xms128m}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -Djava.awt.headless=true}"
: "${KAFKA_LOG_LEVEL:=info}"
# shellcheck disable=SC2086 # option lists, as Kafka's scripts take them
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS ${KAFKA_OPTS:-} \
	-Dorg.slf4j.simpleLogger.defaultLogLevel="$KAFKA_LOG_LEVEL" -Dorg.slf4j.simpleLogger.showDateTime=true \
	-Dorg.slf4j.simpleLogger.dateTimeFormat='yyyy-MM-dd HH:mm:ss,SSS' -Dorg.slf4j.simpleLogger.showShortLogName=true \
	-cp "/opt/kafka/libs/*" kafka.Kafka "$@"
