#!/usr/bin/env bash
# Builds parley/<artifact>:<version> for each Parley JVM from its existing jar
# (<module>/target/<artifact>-exec.jar: run ./chat build first) with infra/docker/Dockerfile.
#
#   infra/docker/build-images.sh [ARTIFACT...]      # default: every service in services.txt
#
# The services come from infra/launcher/src/main/resources/services.txt; a replica (a row whose
# name is not its module's last path segment, e.g. message-service-2) shares its module's image.
# Each build gets a context holding only its jar (hard-linked under
# ${PARLEY_STATE_DIR:-.parley}/docker-context), so nothing else of the tree is sent to the engine.
# Needs the eclipse-temurin:25-jre image (pulled, or built by infra/docker/standins/build.sh).
# PARLEY_IMAGE_VERSION (default 0.1.0) is the tag; PARLEY_IMAGE_PREFIX (default parley/) the name prefix.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STATE=${PARLEY_STATE_DIR:-$ROOT/.parley}
VERSION=${PARLEY_IMAGE_VERSION:-0.1.0}
PREFIX=${PARLEY_IMAGE_PREFIX:-parley/}
SERVICES=$ROOT/infra/launcher/src/main/resources/services.txt
export DOCKER_BUILDKIT=${DOCKER_BUILDKIT:-0}

log() { printf '[images %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

docker image inspect eclipse-temurin:25-jre >/dev/null 2>&1 ||
	{ echo "eclipse-temurin:25-jre is missing: pull it, or build the stand-ins (infra/docker/standins/build.sh)" >&2; exit 1; }

built=()
while read -r name module _ port _; do
	case $name in '' | '#'*) continue ;; esac
	artifact=${module##*/}
	[ "$name" = "$artifact" ] || continue
	if [ $# -gt 0 ] && [[ " $* " != *" $artifact "* ]]; then
		continue
	fi
	jar=$ROOT/$module/target/$artifact-exec.jar
	[ -s "$jar" ] || { echo "$jar is missing: build the jars first (./chat build)" >&2; exit 1; }
	context=$STATE/docker-context/$artifact
	rm -rf "$context"
	mkdir -p "$context/$module/target"
	ln "$jar" "$context/$module/target/" 2>/dev/null || cp "$jar" "$context/$module/target/"
	tag=$PREFIX$artifact:$VERSION
	log "building $tag from $module/target/$artifact-exec.jar"
	start=$SECONDS
	nice -n "${PARLEY_NICE:-10}" docker build -f "$HERE/Dockerfile" \
		--build-arg MODULE="$module" --build-arg ARTIFACT="$artifact" --build-arg PORT="$port" \
		--build-arg VERSION="$VERSION" -t "$tag" "$context"
	rm -rf "$context"
	log "$tag built in $((SECONDS - start)) s"
	built+=("$tag")
done <"$SERVICES"

[ ${#built[@]} -gt 0 ] || { echo "no service matched: $*" >&2; exit 1; }
log "built: ${built[*]}"
