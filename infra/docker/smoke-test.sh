#!/usr/bin/env bash
# Starts each image briefly with docker-compose.yml's health check (or the image's own HEALTHCHECK)
# and waits until Docker reports it healthy; removes every container it started.
#
#   infra/docker/smoke-test.sh [postgres redis kafka mailpit discovery-server ...]
#
# The names are: postgres redis kafka mailpit coturn, and any Parley artifact
# (discovery-server, auth-service, ...; only discovery-server needs nothing else to be healthy).
set -euo pipefail

VERSION=${PARLEY_IMAGE_VERSION:-0.1.0}
[ $# -gt 0 ] || set -- postgres redis kafka mailpit discovery-server
started=()
cleanup() { [ ${#started[@]} -eq 0 ] || docker rm -fv "${started[@]}" >/dev/null 2>&1 || true; }
trap cleanup EXIT

await() { # container timeout-seconds
	local name=$1 limit=$2 start=$SECONDS status
	while :; do
		status=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$name")
		if [ "$status" = healthy ]; then
			echo "$name: healthy after $((SECONDS - start)) s"
			return 0
		fi
		if [ "$status" = unhealthy ] || [ "$(docker inspect -f '{{.State.Running}}' "$name")" != true ] ||
			[ $((SECONDS - start)) -ge "$limit" ]; then
			echo "$name: $status after $((SECONDS - start)) s; last log lines:" >&2
			docker logs --tail 30 "$name" >&2
			return 1
		fi
		sleep 2
	done
}

run() { # name timeout docker-run-args...
	local name=smoke-$1 limit=$2
	shift 2
	docker rm -fv "$name" >/dev/null 2>&1 || true
	# As many tries as docker-compose.yml allows (the default 3 fails postgres while it initialises).
	docker run -d --name "$name" --health-retries 20 "$@" >/dev/null
	started+=("$name")
	await "$name" "$limit"
	docker rm -fv "$name" >/dev/null
}

failed=0
for what in "$@"; do
	case $what in
	postgres)
		run postgres 60 -e POSTGRES_DB=parley -e POSTGRES_USER=parley -e POSTGRES_PASSWORD=parley \
			--health-cmd 'pg_isready -U parley -d parley' --health-interval 2s postgres:17-alpine || failed=1 ;;
	redis)
		run redis 30 --health-cmd 'redis-cli ping' --health-interval 2s \
			redis:7-alpine redis-server --save "" --appendonly no || failed=1 ;;
	kafka)
		# As in docker-compose.yml; --hostname makes the advertised name "kafka" resolve.
		run kafka 120 --hostname kafka -e KAFKA_NODE_ID=1 -e KAFKA_PROCESS_ROLES=broker,controller \
			-e KAFKA_LISTENERS=PLAINTEXT://:9092,CONTROLLER://:9093 -e KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092 \
			-e KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER -e KAFKA_INTER_BROKER_LISTENER_NAME=PLAINTEXT \
			-e KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT \
			-e KAFKA_CONTROLLER_QUORUM_VOTERS=1@kafka:9093 -e KAFKA_NUM_PARTITIONS=3 -e KAFKA_AUTO_CREATE_TOPICS_ENABLE=true \
			-e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 -e KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 \
			-e KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 -e KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR=1 \
			-e KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR=1 -e KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0 \
			--health-cmd "bash -c 'exec 3<>/dev/tcp/127.0.0.1/9092 && printf \"\\0\\0\\0\\x0c\\0\\x12\\0\\0\\0\\0\\0\\x01\\0\\x02hc\" >&3 && r=\$(head -c 10 <&3 | od -An -tx1 | tr -d \" \\n\") && [ \"\${r:8}\" = 000000010000 ]'" \
			--health-interval 5s --health-timeout 10s apache/kafka:4.1.0 || failed=1 ;;
	mailpit)
		run mailpit 30 --health-cmd '/mailpit readyz' --health-interval 2s axllent/mailpit:v1.21 || failed=1 ;;
	coturn)
		run coturn 30 --health-cmd 'turnutils_stunclient 127.0.0.1 >/dev/null' --health-interval 2s coturn/coturn:4.6.3 || failed=1 ;;
	*)
		# A Parley image: its own HEALTHCHECK on $PORT (only discovery-server needs no other service).
		run "$what" 180 -e PARLEY_BIND_ADDRESS=0.0.0.0 -e JAVA_TOOL_OPTIONS='-Xmx256m -XX:+UseSerialGC' \
			"${PARLEY_IMAGE_PREFIX:-parley/}$what:$VERSION" || failed=1 ;;
	esac
done
exit $failed
