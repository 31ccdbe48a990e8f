#!/usr/bin/env bash
# Everything a fresh Debian machine needs before tcompose runs: the engine, the test image, npm packages, a build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/engine.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
bash fixtures/voting-app/images.sh
