# Shared by the benchmark scripts: a throwaway PostgreSQL on loopback that, like Heroku Postgres,
# accepts only SSL connections with a password. Source this file, then call pg_start / pg_stop.
#   PG_PORT       port (default 55432)
#   PG_DIR        set by pg_start: the cluster's temp directory
#   DATABASE_URL  set by pg_start: postgres://ipb:<url-encoded password>@127.0.0.1:PORT/ipb

pg_bin_dir() {
    local d
    for d in /usr/lib/postgresql/*/bin /tmp/embedded-pg/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "installing Debian's postgresql package" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
    fi
    echo "no PostgreSQL server binaries found (install Debian's postgresql package)" >&2
    return 1
}

as_pg_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
    local bin; bin=$(pg_bin_dir)
    PG_PORT=${PG_PORT:-55432}
    PG_DIR=$(mktemp -d /tmp/ipb-heroku-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
    local pw='p@ss:w/rd 1'
    echo "$pw" > "$PG_DIR/pwfile"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR/pwfile"
    as_pg_user "$bin/initdb" -D "$PG_DIR/data" -U postgres -A scram-sha-256 --pwfile="$PG_DIR/pwfile" >/dev/null
    rm -f "$PG_DIR/pwfile"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
        -keyout "$PG_DIR/data/server.key" -out "$PG_DIR/data/server.crt" >/dev/null 2>&1
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR/data/server.key" "$PG_DIR/data/server.crt"
    chmod 600 "$PG_DIR/data/server.key"
    cat > "$PG_DIR/data/pg_hba.conf" <<HBA
local     all all                 scram-sha-256
hostssl   all all 127.0.0.1/32    scram-sha-256
host      all all 127.0.0.1/32    reject
HBA
    as_pg_user "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $PG_PORT -k $PG_DIR -c ssl=on -c listen_addresses=127.0.0.1 -c max_connections=40" start >/dev/null
    as_pg_user env PGPASSWORD="$pw" "$bin/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -q -c "create database ipb" >/dev/null
    DATABASE_URL="postgres://postgres:p%40ss%3Aw%2Frd%201@127.0.0.1:$PG_PORT/ipb"
    export DATABASE_URL
    PG_BIN=$bin
}

pg_stop() {
    [ -n "${PG_DIR:-}" ] || return 0
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=
}
