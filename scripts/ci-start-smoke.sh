#!/usr/bin/env bash
# CI smoke, as the README says a user runs it: `npm start` with DATABASE_URL on a fresh PostgreSQL
# database (both apps on one database), wait for both /readyz, stop; start again on the now
# migrated database, /readyz again. Outside dev mode the apps need SMTP_URL (nothing is mailed here:
# the transport connects only to send). Usage: scripts/ci-start-smoke.sh postgres://user@host:5432/any
set -euo pipefail
cd "$(dirname "$0")/.."
base_url="$1"
db="ci_start_$(date +%s)_$$"
admin_url="${base_url%/*}/postgres"
database_url="${base_url%/*}/$db"
psql_cmd() { node -e "const pg=require('pg');const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end(),e=>{console.error(e.message);process.exit(1)})" "$admin_url" "$1"; }
psql_cmd "CREATE DATABASE $db"
log="$(mktemp)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null || true
  psql_cmd "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -f "$log"
}
trap cleanup EXIT

for round in 1 2; do
  # Its own process group, so stopping it reaches node under npm too.
  DATABASE_URL="$database_url" SMTP_URL="smtp://127.0.0.1:2525" OPENTRAIN_PORT=0 TRAINAR_PORT=0 setsid npm start >"$log" 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 600); do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "npm start exited (round $round)"; exit 1; fi
    ot="$(sed -n 's/^OpenTrain  *\(http:[^ ]*\).*/\1/p' "$log" | head -1)"
    ta="$(sed -n 's/^TrainAR  *\(http:[^ ]*\).*/\1/p' "$log" | head -1)"
    if [ -n "$ot" ] && [ -n "$ta" ] && curl -fsS "$ot/readyz" >/dev/null 2>&1 && curl -fsS "$ta/readyz" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.2
  done
  [ -n "$ready" ] || { cat "$log"; echo "npm start not ready within 120 s (round $round)"; exit 1; }
  echo "round $round: both /readyz answered ($ot, $ta)"
  kill -- "-$pid"
  wait "$pid" || true
  pid=""
done
