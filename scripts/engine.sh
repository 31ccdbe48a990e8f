#!/usr/bin/env bash
# Makes a Docker engine answer and the local test images exist. Idempotent: safe to run any number of times.
# Honours DOCKER_HOST (only the default unix socket is started here; a remote engine must already run).
set -euo pipefail

STATE_DIR=${TCOMPOSE_ENGINE_DIR:-/var/lib/tcompose-engine}
SOCKET=/var/run/docker.sock
mkdir -p "$STATE_DIR"

log() { printf '[engine] %s\n' "$*" >&2; }

ping_engine() {
  if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" = "$DOCKER_HOST" ]; then
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1
  else
    local sock=${DOCKER_HOST:-}; sock=${sock#unix://}; sock=${sock:-$SOCKET}
    curl -fsS --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1
  fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ ! -f "$STATE_DIR/apt-updated" ]; then apt-get update -qq && touch "$STATE_DIR/apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_engine() {
  apt_install docker.io busybox-static curl
  if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" = "$DOCKER_HOST" ]; then
    log "DOCKER_HOST=$DOCKER_HOST does not answer, and only a local engine can be started here"; exit 1
  fi
  local pidfile=$STATE_DIR/dockerd.pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "dockerd (pid $(cat "$pidfile")) is starting"
  else
    log "starting dockerd (log: $STATE_DIR/dockerd.log)"
    # A wide pool of /24s: the default pools run out after about 30 test networks.
    nohup dockerd --host "unix://$SOCKET" --pidfile "$pidfile" \
      --default-address-pool base=172.16.0.0/12,size=24 \
      >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 120); do ping_engine && return 0; sleep 0.5; done
  log "dockerd did not answer within 60s; last lines of its log:"; tail -n 20 "$STATE_DIR/dockerd.log" >&2; exit 1
}

# The busybox test image: FROM scratch with Debian's static busybox, /tmp and the applet links.
build_busybox_image() {
  local tag=tcompose/busybox:latest
  docker image inspect "$tag" >/dev/null 2>&1 && return 0
  apt_install busybox-static
  local ctx; ctx=$(mktemp -d)
  mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/tmp" "$ctx/rootfs/etc" "$ctx/rootfs/var/www"
  cp /bin/busybox "$ctx/rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$ctx/rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$ctx/rootfs/etc/passwd"
  echo 'root:x:0:' >"$ctx/rootfs/etc/group"
  echo 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >>"$ctx/rootfs/etc/passwd"
  echo 'nogroup:x:65534:' >>"$ctx/rootfs/etc/group"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
ENV PATH=/bin
CMD ["sh"]
DOCKERFILE
  log "building $tag"
  DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$ctx" >/dev/null
  rm -rf "$ctx"
}

ping_engine || start_engine
build_busybox_image
log "engine ready: $(docker version --format '{{.Server.Version}}')"
