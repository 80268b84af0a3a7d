#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on a free local port:
#   scripts/with-postgres.sh pytest …
# DEVZONE_DATABASE_URL is set for the command; the server and its data are removed afterwards.
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ]; then
  echo "with-postgres: no PostgreSQL server found (Debian: apt-get install postgresql); running without it" >&2
  exec "$@"
fi
data=$(mktemp -d /tmp/devzone-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: use the account the Debian package creates.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$data"
  run_as=(runuser -u postgres --)
fi
cleanup() {
  "${run_as[@]}" "$pgbin/pg_ctl" -D "$data/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT
"${run_as[@]}" "$pgbin/initdb" -D "$data/db" -U devzone --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$pgbin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"$pgbin/createdb" -h 127.0.0.1 -p "$port" -U devzone devzone
echo "with-postgres: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
DEVZONE_DATABASE_URL="postgresql://devzone@127.0.0.1:$port/devzone" "$@"
