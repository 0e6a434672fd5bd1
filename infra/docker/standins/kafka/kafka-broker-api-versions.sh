#!/bin/bash
# Stand-in for Kafka's script of the same name: see BrokerApiVersions.java.
exec java ${KAFKA_TOOLS_HEAP_OPTS:--Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
	-Dorg.slf4j.simpleLogger.defaultLogLevel=error \
	-cp "/opt/kafka/tools:/opt/kafka/libs/*" BrokerApiVersions "$@"
