#!/usr/bin/env bash
# A throwaway PostgreSQL for a shell session, the shell twin of test/setup/postgres.ts (docs/decisions/tooling-facts.md §5).
#
#   source scripts/pg-start.sh     exports PGHOST PGPORT PGUSER PGDATABASE DATABASE_URL, stops it on exit
#
# Uses the newest /usr/lib/postgresql/<v>/bin (or $PGBIN); runs the server as the `postgres` user when
# root (PostgreSQL refuses root); random free port on 127.0.0.1; socket and data in a private temp dir;
# fsync off. It installs nothing: without PostgreSQL binaries it fails and says so.
# Note: its EXIT trap replaces an earlier one; compose them if your shell has its own.
set -euo pipefail
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "pg-start: no PostgreSQL binaries (/usr/lib/postgresql/*/bin/initdb); install postgresql or set PGBIN" >&2
  return 1 2>/dev/null || exit 1
fi
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  RUNAS=(runuser -u postgres --)
fi
PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/chatkit-testkit-pg-XXXXXX")"
chmod 700 "$PG_TMP"
echo $$ >"$PG_TMP/owner.pid" # lets test/setup/postgres.ts reap it if this shell dies without its trap
if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_TMP"; fi
PGPORT="${PGPORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
(cd "$PG_TMP" && "${RUNAS[@]}" "$PGBIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null)
if ! (cd "$PG_TMP" && "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w -t 60 start -o \
  "-p $PGPORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null); then
  cat "$PG_TMP/log" >&2
  rm -rf "$PG_TMP"
  return 1 2>/dev/null || exit 1
fi
pg_stop() { (cd / && "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1) || true; rm -rf "$PG_TMP"; }
trap pg_stop EXIT
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "pg-start: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') at $DATABASE_URL (data in $PG_TMP)"
