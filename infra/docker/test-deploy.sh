#!/usr/bin/env bash
# ./chat test-deploy: runs docker-compose.yml as users do and checks the suite works through the
# published gateway port. See docs/deployment.md.
#
#   infra/docker/test-deploy.sh        # ./chat test-deploy builds the jars first when they are stale
#
#  1. a Docker engine: the running one, or dockerd started here (and stopped at the end, by its PID);
#  2. the stand-ins for the public images (infra/docker/standins/build.sh: skipped when present)
#     and parley/<artifact> from the jars (infra/docker/build-images.sh: cached layers when unchanged);
#  3. `docker-compose up -d` under a throwaway project name (-p), with fresh secrets in a throwaway
#     env file (a .env in the clone is not read) and free ports on 127.0.0.1; waits until every
#     container is healthy and prints how long compose up -> ready took;
#  4. two people sign up through the gateway (codes read from the mail catcher's HTTP API at its
#     container address), befriend each other and exchange messages (REST and WebSocket, live and in
#     the history); the ICE servers signaling hands out open a TURN relay on coturn;
#  5. kills one signaling container's JVM from the host (SIGKILL), checks messages still go through
#     meanwhile, waits until Docker restarted it and it is healthy again, and checks once more;
#  6. always `docker-compose down -v` (containers, network, volumes), then prints the total time.
#
# Any failure exits non-zero with the reason and the last log lines of unhealthy containers.
# Needs: docker (engine 20.10+), docker-compose 1.29 or the compose v2 plugin, python3, root (to
# start dockerd and to kill a container's process), and what standins/build.sh needs on a first run.
# Settings: PARLEY_HTTP_PORT (default: a free port), PARLEY_IMAGE_VERSION (0.1.0),
# PARLEY_TEST_DEPLOY_KEEP=1 (leave the stack up for a look; take it down with the printed command).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMPOSE_FILE=$ROOT/docker-compose.yml
PROJECT=parley-test-deploy-$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/parley-test-deploy.XXXXXX")
STARTED=$SECONDS
DOCKERD_PID=
STACK_UP=0
READY=0

log() { printf '[test-deploy %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf '[test-deploy %(%H:%M:%S)T] FAILED: %s\n' -1 "$*" >&2; exit 1; }
took() { local s=$1; printf '%d min %02d s' $((s / 60)) $((s % 60)); }

# compose with the throwaway settings only (COMPOSE_CMD, below).
compose() { "${COMPOSE_CMD[@]}" "$@"; }

containers() { compose ps -q 2>/dev/null; }
state_of() { docker inspect -f '{{.State.Status}}{{if .State.Health}} {{.State.Health.Status}}{{end}}' "$1" 2>/dev/null || echo gone; }
name_of() { docker inspect -f '{{.Name}}' "$1" 2>/dev/null | sed 's|^/||'; }

# The last log lines of every container that is not running and healthy (of every JVM if all are).
dump_logs() {
	local id dumped=0
	for id in $(containers); do
		[ "$(state_of "$id")" = "running healthy" ] && continue
		printf '\n----- %s (%s, restart count %s); its errors, then its last 60 log lines:\n' "$(name_of "$id")" \
			"$(state_of "$id")" "$(docker inspect -f '{{.RestartCount}}' "$id" 2>/dev/null)" >&2
		docker logs "$id" 2>&1 | grep -E '^Caused by|ERROR|APPLICATION FAILED' | tail -n 10 | cut -c 1-300 | sed 's/^/  ! /' >&2
		docker logs --tail 60 "$id" 2>&1 | sed 's/^/  /' >&2
		dumped=1
	done
	if [ "$dumped" = 0 ] && [ "$STACK_UP" = 1 ]; then
		for id in $(compose ps -q gateway signaling-service signaling-service-2 message-service message-service-2 2>/dev/null); do
			printf '\n----- %s (%s), last 25 log lines:\n' "$(name_of "$id")" "$(state_of "$id")" >&2
			docker logs --tail 25 "$id" 2>&1 | sed 's/^/  /' >&2
		done
	fi
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	set +e
	if [ "$rc" != 0 ] && [ "$STACK_UP" = 1 ]; then dump_logs; fi
	if [ "$STACK_UP" = 1 ] && [ "${PARLEY_TEST_DEPLOY_KEEP:-0}" = 1 ]; then
		log "left running (PARLEY_TEST_DEPLOY_KEEP=1): ${COMPOSE[*]} --env-file $WORK/env -p $PROJECT -f $COMPOSE_FILE down -v"
	else
		if [ "$STACK_UP" = 1 ]; then
			local down=$SECONDS
			compose down -v --remove-orphans -t 15 >"$WORK/down.log" 2>&1 || { cat "$WORK/down.log" >&2; rc=1; }
			log "docker-compose down -v: $((SECONDS - down)) s"
		fi
		rm -rf "$WORK"
	fi
	if [ -n "$DOCKERD_PID" ]; then
		log "stopping the dockerd started here (pid $DOCKERD_PID)"
		kill "$DOCKERD_PID" 2>/dev/null
		for _ in $(seq 1 60); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
	fi
	if [ "$rc" = 0 ]; then
		log "PASSED in $(took "$((SECONDS - STARTED))") (compose up -> ready: $(took "$READY"))"
	else
		log "FAILED after $(took "$((SECONDS - STARTED))")" >&2
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- prerequisites

command -v docker >/dev/null || die "docker is missing: apt-get install -y docker.io"
command -v python3 >/dev/null || die "python3 is missing: apt-get install -y python3"
if command -v docker-compose >/dev/null; then
	COMPOSE=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
	COMPOSE=(docker compose)
else
	die "no compose client: apt-get install -y docker-compose (or the compose v2 plugin)"
fi
# A clean environment, so that nothing exported in the caller's shell (SPRING_MAIL_HOST, ...)
# leaks into the stack: every setting comes from the throwaway env file.
COMPOSE_CMD=(env -i PATH="$PATH" HOME="$HOME")
[ -z "${DOCKER_HOST:-}" ] || COMPOSE_CMD+=(DOCKER_HOST="$DOCKER_HOST")
COMPOSE_CMD+=("${COMPOSE[@]}" --env-file "$WORK/env" -p "$PROJECT" -f "$COMPOSE_FILE")

# ---- 1. the engine

if ! docker info >/dev/null 2>&1; then
	[ "$(id -u)" = 0 ] || die "no Docker engine answers, and starting one needs root"
	DOCKERD=$(command -v dockerd || echo /usr/sbin/dockerd)
	[ -x "$DOCKERD" ] || die "no Docker engine answers and dockerd is missing: apt-get install -y docker.io"
	DOCKERD_LOG=${TMPDIR:-/tmp}/parley-test-deploy-dockerd.log
	log "no Docker engine answers: starting $DOCKERD (log: $DOCKERD_LOG)"
	nohup "$DOCKERD" >"$DOCKERD_LOG" 2>&1 &
	DOCKERD_PID=$!
	for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
	docker info >/dev/null 2>&1 || { tail -20 "$DOCKERD_LOG" >&2; die "dockerd did not answer within 60 s"; }
fi
log "engine $(docker version -f '{{.Server.Version}}' 2>/dev/null), $("${COMPOSE[@]}" version --short 2>/dev/null || echo compose)"

# ---- 2. images

step=$SECONDS
"$HERE/standins/build.sh" >"$WORK/standins.log" 2>&1 || { tail -40 "$WORK/standins.log" >&2; die "building the stand-in images failed"; }
log "stand-in images ready in $((SECONDS - step)) s"
step=$SECONDS
"$HERE/build-images.sh" >"$WORK/images.log" 2>&1 || { tail -40 "$WORK/images.log" >&2; die "building the parley/* images failed"; }
log "parley/* images ready in $((SECONDS - step)) s (layers reused when a jar did not change)"

# ---- 3. up

# Free ports on 127.0.0.1: the gateway (TCP), TURN (UDP and TCP), 10 relay ports (UDP), all below
# Linux's ephemeral range.
read -r HTTP_PORT TURN_PORT RELAY_MIN < <(python3 - "${PARLEY_HTTP_PORT:-}" <<'PY'
import random, socket, sys

def free(port, kinds):
    for kind in kinds:
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        finally:
            s.close()
    return True

tcp, udp = socket.SOCK_STREAM, socket.SOCK_DGRAM
picked = set()
def pick(width, kinds):
    while True:
        start = random.randrange(20000, 32000 - width)
        ports = range(start, start + width)
        if not picked.intersection(ports) and all(free(p, kinds) for p in ports):
            picked.update(ports)
            return start

http = int(sys.argv[1]) if sys.argv[1] else pick(1, [tcp])
picked.add(http)
print(http, pick(1, [tcp, udp]), pick(10, [udp]))
PY
)
KEY=$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')
cat >"$WORK/env" <<ENV
PARLEY_KEY_ENCRYPTION_KEY=$KEY
PARLEY_POSTGRES_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
PARLEY_TURN_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
PARLEY_IMAGE_VERSION=${PARLEY_IMAGE_VERSION:-0.1.0}
PARLEY_PUBLISH_ADDRESS=127.0.0.1
PARLEY_HTTP_PORT=$HTTP_PORT
PARLEY_TURN_PORT=$TURN_PORT
PARLEY_TURN_MIN_PORT=$RELAY_MIN
PARLEY_TURN_MAX_PORT=$((RELAY_MIN + 9))
PARLEY_TURN_URLS=turn:127.0.0.1:$TURN_PORT?transport=udp,turn:127.0.0.1:$TURN_PORT?transport=tcp
ENV
GATEWAY=http://127.0.0.1:$HTTP_PORT
EXPECTED=$(compose config --services | wc -l)

log "compose up -d: project $PROJECT, $EXPECTED services, gateway on $GATEWAY, TURN on 127.0.0.1:$TURN_PORT"
UP=$SECONDS
STACK_UP=1
# compose waits for each service's dependencies to be healthy; a dependency that turns unhealthy fails it.
timeout 900 "${COMPOSE_CMD[@]}" up -d >"$WORK/up.log" 2>&1 || { tail -30 "$WORK/up.log" >&2; die "docker-compose up -d failed after $(took "$((SECONDS - UP))")"; }

# Every container running and healthy.
await_healthy() { # timeout-seconds what
	local limit=$(($1)) start=$SECONDS id ready total
	while :; do
		ready=0 total=0
		for id in $(containers); do
			total=$((total + 1))
			[ "$(state_of "$id")" = "running healthy" ] && ready=$((ready + 1))
		done
		[ "$total" = "$EXPECTED" ] && [ "$ready" = "$total" ] && return 0
		[ $((SECONDS - start)) -lt "$limit" ] || die "$2: $ready of $EXPECTED containers healthy after $(took "$((SECONDS - start))")"
		sleep 2
	done
}
await_healthy 600 "waiting for the stack"
READY=$((SECONDS - UP))
log "all $EXPECTED containers healthy: compose up -> ready in $(took "$READY")"
# A JVM may crash while starting on a loaded host (and be restarted by Docker): say so.
for id in $(containers); do
	count=$(docker inspect -f '{{.RestartCount}}' "$id")
	[ "$count" = 0 ] || log "note: $(name_of "$id") was restarted $count time(s) while starting: $(docker logs "$id" 2>&1 | grep -m 1 -E 'Caused by|APPLICATION FAILED|ERROR' | cut -c 1-200)"
done

MAILPIT=$(compose ps -q mailpit)
MAILBOX=http://$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$MAILPIT"):8025
client() { python3 "$HERE/test-deploy-client.py" --gateway "$GATEWAY" --mailbox "$MAILBOX" --turn "127.0.0.1:$TURN_PORT" --state "$WORK/people.json" "$@"; }

# ---- 4. two people, a friendship, messages

step=$SECONDS
client setup || die "the sign-up, friendship and message exchange through the gateway"
log "two people signed up, befriended, exchanged messages: $((SECONDS - step)) s"

# ---- 5. a signaling replica killed

VICTIM=$(compose ps -q signaling-service)
RESTARTS=$(docker inspect -f '{{.RestartCount}}' "$VICTIM")
PID=$(docker inspect -f '{{.State.Pid}}' "$VICTIM")
log "kill -9 $PID: the JVM of $(name_of "$VICTIM") (restart count $RESTARTS)"
KILLED=$SECONDS
kill -9 "$PID" || die "could not kill pid $PID (run as root)"
client during || die "messages while a signaling replica is down"
while :; do
	if [ "$(docker inspect -f '{{.RestartCount}}' "$VICTIM")" -gt "$RESTARTS" ] && [ "$(state_of "$VICTIM")" = "running healthy" ]; then
		break
	fi
	[ $((SECONDS - KILLED)) -lt 420 ] || die "$(name_of "$VICTIM") is not back: $(state_of "$VICTIM"), restart count $(docker inspect -f '{{.RestartCount}}' "$VICTIM")"
	sleep 2
done
log "$(name_of "$VICTIM") restarted by Docker (restart count $(docker inspect -f '{{.RestartCount}}' "$VICTIM")) and healthy $((SECONDS - KILLED)) s after the kill"
await_healthy 60 "after the restart"
client again || die "messages after the signaling replica came back"
log "images: $(docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^parley/' | sort | tr '\n' ' ')"
