#!/usr/bin/env bash
# Builds local stand-ins for the public images that docker-compose.yml names, for machines that
# cannot pull from a registry. Each is tagged with the public name (eclipse-temurin:25-jre,
# postgres:17-alpine, ...) so that `docker compose up` runs unchanged. See infra/docker/README.md.
#
#   infra/docker/standins/build.sh [--force] [--refresh-rootfs] [IMAGE...]
#
# IMAGE is any of: base temurin postgres redis kafka mailpit coturn (default: all, in that order).
# An image that already exists is skipped unless --force. The Debian root fs made by debootstrap
# is cached as a tarball under ${PARLEY_DOCKER_CACHE:-${XDG_CACHE_HOME:-~/.cache}/parley/docker},
# outside the clone so that every clone of the repository reuses it, and made again only with
# --refresh-rootfs.
#
# Needs: docker (a running engine), debootstrap, a JDK 25 (PARLEY_JDK, default
# /usr/lib/jvm/temurin-25-jdk-amd64: jlink for the JRE, javac for the small helper programs),
# the Kafka jars in the Maven local repository (MAVEN_REPO, default ~/.m2/repository), and
# apt access to deb.debian.org for the postgres/redis/coturn images (the builds use --network host).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
CACHE=${PARLEY_DOCKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/parley/docker}
# Where the cache was kept before it moved out of the clone: its root fs is taken over once.
OLD_CACHE=${PARLEY_STATE_DIR:-$ROOT/.parley}/docker-cache
JDK=${PARLEY_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
M2=${MAVEN_REPO:-$HOME/.m2/repository}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
NICE=(nice -n "${PARLEY_NICE:-10}")
BASE_TAG=parley-standin/debian:bookworm
ROOTFS_TAR=$CACHE/debian-bookworm-minbase.tar

# The classic builder: Debian's engine 20.10 has no buildx plugin here. Its `--network host`
# lets apt reach the mirror the same way the host does.
export DOCKER_BUILDKIT=0

FORCE=0
REFRESH_ROOTFS=0
WANTED=()
for arg in "$@"; do
	case $arg in
	--force) FORCE=1 ;;
	--refresh-rootfs) REFRESH_ROOTFS=1 ;;
	-h | --help) sed -n '2,17p' "$0"; exit 0 ;;
	base | temurin | postgres | redis | kafka | mailpit | coturn) WANTED+=("$arg") ;;
	*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done
[ ${#WANTED[@]} -gt 0 ] || WANTED=(base temurin postgres redis kafka mailpit coturn)

log() { printf '[standins %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Runs "build_<name>" unless its image is there already; prints how long it took.
step() {
	local name=$1 tag=$2
	if [ "$FORCE" = 0 ] && exists "$tag"; then
		log "$tag exists: skipped (--force to rebuild)"
		return
	fi
	log "building $tag"
	local start=$SECONDS
	"build_$name"
	log "$tag built in $((SECONDS - start)) s"
}

# A build context of its own for each image, under the cache (never the repository).
context() {
	local dir=$CACHE/context/$1
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -a "$HERE/$1/." "$dir/"
	echo "$dir"
}

build() { # tag context [docker build args...]
	local tag=$1 dir=$2
	shift 2
	"${NICE[@]}" docker build --network host --label org.opencontainers.image.vendor=parley-standin \
		-t "$tag" "$@" "$dir"
}

build_base() {
	if [ "$REFRESH_ROOTFS" = 0 ] && [ ! -s "$ROOTFS_TAR" ] && [ -s "$OLD_CACHE/${ROOTFS_TAR##*/}" ]; then
		log "taking over the root fs cached in $OLD_CACHE"
		mkdir -p "$CACHE"
		cp "$OLD_CACHE/${ROOTFS_TAR##*/}" "$ROOTFS_TAR.tmp" && mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
	fi
	if [ "$REFRESH_ROOTFS" = 1 ] || [ ! -s "$ROOTFS_TAR" ]; then
		command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
		local rootfs=$CACHE/rootfs.tmp start=$SECONDS
		rm -rf "$rootfs"
		mkdir -p "$CACHE"
		log "debootstrap --variant=minbase bookworm (a few minutes)"
		"${NICE[@]}" debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
			|| { echo "debootstrap failed; see $CACHE/debootstrap.log" >&2; exit 1; }
		prepare_rootfs "$rootfs"
		"${NICE[@]}" tar --numeric-owner -C "$rootfs" -cf "$ROOTFS_TAR.tmp" .
		mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
		rm -rf "$rootfs"
		log "root fs made in $((SECONDS - start)) s: $ROOTFS_TAR ($(du -h "$ROOTFS_TAR" | cut -f1))"
	fi
	docker import \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV LANG=C.UTF-8' \
		--change 'CMD ["bash"]' \
		--message "Debian bookworm minbase (debootstrap) for Parley's stand-in images" \
		"$ROOTFS_TAR" "$BASE_TAG" >/dev/null
}

# What Docker's own debian images do to a debootstrapped tree: no services started by package
# scripts, no recommends, no documentation, an empty apt cache.
prepare_rootfs() {
	local r=$1
	cp "$HERE/base/sources.list" "$r/etc/apt/sources.list"
	printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
	chmod 755 "$r/usr/sbin/policy-rc.d"
	cat >"$r/etc/apt/apt.conf.d/docker-clean" <<'CONF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CONF
	cat >"$r/etc/dpkg/dpkg.cfg.d/docker-excludes" <<'CONF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
CONF
	# What the dpkg excludes above would have kept out of the packages debootstrap installed.
	find "$r/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
	find "$r/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
	rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/*.bin \
		"$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/var/log/*.log "$r"/var/log/apt/*
	: >"$r/etc/hostname"
	: >"$r/etc/resolv.conf"
}

# A JRE linked from the machine's JDK: every module but the development tools, as Temurin's JRE.
build_temurin() {
	local dir modules
	dir=$(context temurin)
	modules=$("$JDK/bin/java" --list-modules | sed 's/@.*//' |
		grep -v -x -E 'jdk\.(compiler|editpad|graal\.compiler.*|hotspot\.agent|incubator\..*|internal\.(ed|le|opt|vm\.ci)|jartool|javadoc|jconsole|jdeps|jdi|jlink|jpackage|jshell|jstatd)' |
		paste -sd, -)
	"${NICE[@]}" "$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
		--compress=zip-6 --output "$dir/jre"
	build eclipse-temurin:25-jre "$dir"
}

build_postgres() { build postgres:17-alpine "$(context postgres)"; }

build_redis() { build redis:7-alpine "$(context redis)"; }

# Tagged as docker-compose.yml and infra/k8s pin it (and latest).
build_coturn() { build coturn/coturn:4.6.3 "$(context coturn)" -t coturn/coturn:latest; }

# Kafka's broker and its runtime dependencies, at the versions the project's build resolves
# (kafka-jars.txt), plus a small stand-in for kafka-broker-api-versions.sh.
build_kafka() {
	local dir coordinate group artifact version file
	dir=$(context kafka)
	mkdir -p "$dir/libs" "$dir/tools"
	while read -r coordinate _; do
		case $coordinate in '' | '#'*) continue ;; esac
		IFS=: read -r group artifact version <<<"$coordinate"
		file=$M2/${group//.//}/$artifact/$version/$artifact-$version.jar
		[ -s "$file" ] || { echo "missing in the Maven repository: $coordinate ($file)" >&2; exit 1; }
		cp "$file" "$dir/libs/"
	done <"$HERE/kafka/kafka-jars.txt"
	"$JDK/bin/javac" --release 25 -nowarn -cp "$dir/libs/*" -d "$dir/tools" "$HERE/kafka/BrokerApiVersions.java"
	build apache/kafka:4.1.0 "$dir"
}

build_mailpit() {
	local dir
	dir=$(context mailpit)
	mkdir -p "$dir/classes"
	"$JDK/bin/javac" --release 25 -d "$dir/classes" "$HERE/mailpit/MailCatcher.java"
	build axllent/mailpit:v1.21 "$dir"
}

docker info >/dev/null 2>&1 || { echo "no Docker engine answers (start dockerd first)" >&2; exit 1; }
mkdir -p "$CACHE"
for name in "${WANTED[@]}"; do
	case $name in
	base) step base "$BASE_TAG" ;;
	temurin) step temurin eclipse-temurin:25-jre ;;
	postgres) step postgres postgres:17-alpine ;;
	redis) step redis redis:7-alpine ;;
	kafka) step kafka apache/kafka:4.1.0 ;;
	mailpit) step mailpit axllent/mailpit:v1.21 ;;
	coturn) step coturn coturn/coturn:4.6.3 ;;
	esac
done
log "done: $(docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(parley-standin|eclipse-temurin|postgres|redis|apache/kafka|axllent/mailpit|coturn/coturn)' | tr '\n' ';')"
