#!/bin/bash
# As Kafka's script of the same name (format, info, random-uuid, ...).
exec java ${KAFKA_TOOLS_HEAP_OPTS:--Xmx256m -XX:+UseSerialGC} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
	-cp "/opt/kafka/libs/*" kafka.tools.StorageTool "$@"
