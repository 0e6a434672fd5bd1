#!/bin/bash
# Like the official apache/kafka image: every KAFKA_* variable becomes a line of server.properties
# (KAFKA_ stripped, lower case, "_" -> ".", "__" -> "_", "___" -> "-"; KAFKA_NODE_ID -> node.id),
# over a single-node KRaft default; storage is formatted with CLUSTER_ID on first start.
set -Eeuo pipefail

CONFIG_DIR=${KAFKA_CONFIG_DIR:-/opt/kafka/config}
CONFIG=$CONFIG_DIR/server.properties
: "${CLUSTER_ID:=5L6g3nShT-eMCtK--X86sw}"

if [ $# -gt 0 ] && [ "${1:0:1}" != '-' ]; then
	exec "$@"
fi

# Variables that configure the JVM or these scripts, not the broker.
not_broker='^KAFKA_(HEAP_OPTS|OPTS|JVM_PERFORMANCE_OPTS|LOG4J_OPTS|GC_LOG_OPTS|JMX_OPTS|DEBUG|LOG_LEVEL|CONFIG_DIR|TOOLS_HEAP_OPTS|VERSION|HOME)$'

# shellcheck disable=SC2054 # commas inside values, not separators
declare -A props=(
	[node.id]=1
	[process.roles]=broker,controller
	[listeners]=PLAINTEXT://:9092,CONTROLLER://:9093
	[advertised.listeners]=PLAINTEXT://localhost:9092
	[controller.listener.names]=CONTROLLER
	[listener.security.protocol.map]=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
	[controller.quorum.voters]=1@localhost:9093
	[log.dirs]=/var/lib/kafka/data
	[num.partitions]=1
	[offsets.topic.replication.factor]=1
	[transaction.state.log.replication.factor]=1
	[transaction.state.log.min.isr]=1
	[share.coordinator.state.topic.replication.factor]=1
	[share.coordinator.state.topic.min.isr]=1
	[group.initial.rebalance.delay.ms]=0
)
while IFS='=' read -r name _; do
	[[ $name =~ $not_broker ]] && continue
	key=${name#KAFKA_}
	key=${key,,}
	key=${key//___/-}
	key=${key//__/@}
	key=${key//_/.}
	key=${key//@/_}
	props[$key]=${!name}
done < <(env | grep -E '^KAFKA_[A-Za-z0-9_]+=' || true)

mkdir -p "$CONFIG_DIR"
{
	echo "# Written by the entrypoint from KAFKA_* variables on $(date -u +%FT%TZ)"
	for key in $(printf '%s\n' "${!props[@]}" | sort); do
		printf '%s=%s\n' "$key" "${props[$key]}"
	done
} >"$CONFIG"
echo "===> server.properties:"
cat "$CONFIG"

first_dir=${props[log.dirs]%%,*}
mkdir -p "$first_dir"
if [ ! -s "$first_dir/meta.properties" ]; then
	echo "===> formatting $first_dir for cluster $CLUSTER_ID"
	/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$CLUSTER_ID" -c "$CONFIG"
fi
echo "===> starting Kafka"
exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG" "$@"
