# A private, throw-away PostgreSQL cluster for the central service's tests.
# Sourced by scripts/test: `pg_cluster_start` exports COMPLAINT_CENTRAL_TEST_PG_URL,
# `pg_cluster_stop` stops it and removes its folder (call it from an EXIT trap).
#
# The cluster lives in a fresh temporary folder, listens only on a unix socket in
# that folder (no TCP port, so it cannot collide with anything on the machine),
# runs with fsync off (test data) and trusts local connections. PostgreSQL refuses
# to run as root: as root it runs as the `postgres` system user that Debian's
# package creates.

PG_CLUSTER_DIR=""
PG_CLUSTER_AS=()

pg_cluster_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

pg_cluster_start() {
  local bin
  bin=$(pg_cluster_bin) || { echo "test: PostgreSQL not found (initdb, pg_ctl)" >&2; return 1; }
  if [ "$(id -u)" -eq 0 ]; then
    # /tmp, not $TMPDIR: the postgres user must be able to reach the folder.
    PG_CLUSTER_DIR=$(mktemp -d /tmp/complaint-central-pg.XXXXXX)
    id postgres >/dev/null 2>&1 || { echo "test: no 'postgres' system user (install the postgresql package)" >&2; return 1; }
    chown postgres: "$PG_CLUSTER_DIR"
    PG_CLUSTER_AS=(runuser -u postgres --)
  else
    PG_CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/complaint-central-pg.XXXXXX")
  fi
  chmod 700 "$PG_CLUSTER_DIR"
  "${PG_CLUSTER_AS[@]}" "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$PG_CLUSTER_DIR/initdb.log" 2>&1 </dev/null \
    || { echo "test: initdb failed:" >&2; cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
  # The socket lives in the cluster's own folder: the test process (root or this
  # user) reaches it, nothing else on the machine does.
  chmod 711 "$PG_CLUSTER_DIR"
  # Tests need no durability; PG_CLUSTER_DURABLE=1 keeps PostgreSQL's defaults (for benchmarks).
  local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_CLUSTER_DURABLE:-0}" = "1" ] && speed=""
  "${PG_CLUSTER_AS[@]}" "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $PG_CLUSTER_DIR $speed -c max_connections=200" \
    start >/dev/null </dev/null \
    || { echo "test: PostgreSQL did not start:" >&2; cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
  export COMPLAINT_CENTRAL_TEST_PG_URL="postgresql+psycopg://postgres@/postgres?host=$PG_CLUSTER_DIR&port=5432"
  echo "test: private PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on unix socket in $PG_CLUSTER_DIR"
}

pg_cluster_stop() {
  [ -n "$PG_CLUSTER_DIR" ] || return 0
  local bin
  bin=$(pg_cluster_bin) || true
  if [ -n "$bin" ] && [ -f "$PG_CLUSTER_DIR/data/postmaster.pid" ]; then
    "${PG_CLUSTER_AS[@]}" "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 </dev/null || true
  fi
  rm -rf "$PG_CLUSTER_DIR"
  PG_CLUSTER_DIR=""
}
