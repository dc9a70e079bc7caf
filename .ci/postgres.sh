#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the server tests and exports DATABASE_URL.
#
# Source it, so the variable reaches the tests, and stop it when done:
#     . .ci/postgres.sh
#     trap berkas_postgres_stop EXIT
# Or run it to get the variables to eval:  eval "$(bash .ci/postgres.sh --print)"
#
# Uses this machine's Debian PostgreSQL (installs the `postgresql` package when
# no server binaries are present), initialises a cluster in a fresh temporary
# folder (as the `postgres` user when run as root, since PostgreSQL refuses to
# run as root), listens on 127.0.0.1 on a free random port with its socket in
# that folder (no system cluster, no /var/run/postgresql needed), and creates
# the database `berkas` owned by the superuser `berkas` (trust auth, loopback only).
# Exports DATABASE_URL, BERKAS_PGDATA, BERKAS_PGBIN; defines berkas_postgres_stop.

berkas_postgres_start() {
  local bin pgdata port runas=() sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "[postgres] installing postgresql from Debian" >&2
    $sudo apt-get update -qq >&2
    # policy-rc.d 101: do not start the packaged cluster; we run our own.
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq --no-install-recommends postgresql >&2 || return 1
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  if [ -z "$bin" ]; then echo "[postgres] no PostgreSQL server binaries found" >&2; return 1; fi

  pgdata=$(mktemp -d "${TMPDIR:-/tmp}/berkas-pg.XXXXXX") || return 1
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "[postgres] user postgres missing" >&2; return 1; }
    chown postgres: "$pgdata"
    chmod 700 "$pgdata"
    runas=(runuser -u postgres --)
  fi

  "${runas[@]}" "$bin/initdb" -D "$pgdata/data" -U berkas --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pgdata/initdb.log" 2>&1 \
    || { cat "$pgdata/initdb.log" >&2; return 1; }

  # A free port: random in 20000-59999, not answering on loopback.
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done

  "${runas[@]}" "$bin/pg_ctl" -D "$pgdata/data" -l "$pgdata/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata -c max_connections=200 -c shared_buffers=32MB" start >/dev/null \
    || { cat "$pgdata/server.log" >&2; return 1; }
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U berkas berkas || return 1

  export BERKAS_PGDATA="$pgdata"
  export BERKAS_PGBIN="$bin"
  export DATABASE_URL="postgres://berkas@127.0.0.1:$port/berkas"
  echo "[postgres] $("$bin/postgres" --version) on 127.0.0.1:$port, data in $pgdata" >&2
}

berkas_postgres_stop() {
  [ -n "${BERKAS_PGDATA:-}" ] || return 0
  local runas=()
  [ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$BERKAS_PGBIN/pg_ctl" -D "$BERKAS_PGDATA/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$BERKAS_PGDATA"
  unset BERKAS_PGDATA DATABASE_URL
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Run, not sourced: start, then print the variables for eval (stop later with
  # `pg_ctl -D "$BERKAS_PGDATA/data" stop` or by sourcing this file and calling berkas_postgres_stop).
  berkas_postgres_start || exit 1
  printf 'export DATABASE_URL=%q BERKAS_PGDATA=%q BERKAS_PGBIN=%q\n' "$DATABASE_URL" "$BERKAS_PGDATA" "$BERKAS_PGBIN"
else
  berkas_postgres_start
fi
