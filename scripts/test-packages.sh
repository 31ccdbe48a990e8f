#!/usr/bin/env bash
# Debian packages only the tests use: a private registry with htpasswd auth (docker-registry, apache2-utils)
# and an sshd for ssh:// engines (openssh-server). Installed before the tests run, not by them: tests may run
# where the package mirror is out of reach, and several at once would fight over dpkg's lock. No service is
# started by the install (the tests start their own sshd and registry on 127.0.0.1).
set -euo pipefail
missing=()
for pkg in docker-registry apache2-utils openssh-server; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[test-packages] installing ${missing[*]}" >&2
policy=/usr/sbin/policy-rc.d
made_policy=
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; made_policy=1; fi
trap '[ -n "$made_policy" ] && rm -f "$policy"' EXIT
apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
