#!/usr/bin/env bash
# The main job on a fresh machine: engine, images, build, `up -d --wait` of the voting app, then the URLs.
# Idempotent: a second run changes nothing that is already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f fixtures/voting-app/compose.yaml ]; then
  bash fixtures/voting-app/images.sh
  node bin/tcompose.js -f fixtures/voting-app/compose.yaml -p voting-app --progress plain up -d --wait
  echo
  echo "voting app is up:"
  echo "  vote:    http://127.0.0.1:5000/"
  echo "  results: http://127.0.0.1:5001/  (JSON: http://127.0.0.1:5001/results.json)"
  echo "stop it with: node bin/tcompose.js -p voting-app down"
else
  node bin/tcompose.js -f fixtures/hello/compose.yaml -p hello --progress plain up -d --wait
  echo
  echo "hello is up: http://127.0.0.1:${HELLO_PORT:-8080}/"
  echo "stop it with: node bin/tcompose.js -p hello down"
fi
