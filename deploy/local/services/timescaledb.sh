# TimescaleDB (PostgreSQL 17 + timescaledb). Debian 13 installs it natively; Debian 12 has no
# package, so it lives in a debootstrap'd Debian 13 chroot under .vigil/.
PG_PORT="${VIGIL_PG_PORT:-5433}"
PG_ROOT="$DATA_DIR/timescaledb/root"   # chroot (Debian 12) or unused (Debian 13)
PG_BIN=/usr/lib/postgresql/17/bin

timescaledb_port() { echo "$PG_PORT"; }
timescaledb_ports() { echo "$PG_PORT:VIGIL_PG_PORT"; }

pg_native() { grep -q '^VERSION_CODENAME=trixie' /etc/os-release || [ "${VIGIL_PG_NATIVE:-}" = 1 ]; }

# Runs a command as the postgres user, inside the chroot when there is one.
pg_exec() {
  if pg_native; then runuser -u postgres -- "$@"; else chroot --userspec=postgres:postgres "$PG_ROOT" "$@"; fi
}
pg_host_path() { if pg_native; then echo "$1"; else echo "$PG_ROOT$1"; fi; }

# Server state, as paths seen by the server: inside the chroot on Debian 12, under .vigil/ natively.
if ! pg_native; then PG_STATE=/var/lib/vigil
elif id -u postgres >/dev/null 2>&1; then PG_STATE="$(state_dir_for_user postgres "$DATA_DIR/timescaledb")"
else PG_STATE="$DATA_DIR/timescaledb"; fi
PG_DATA="$PG_STATE/pgdata"
PG_SOCK="$PG_STATE/sock"

pg_chroot_mounts() {
  pg_native && return 0
  mountpoint -q "$PG_ROOT/proc" || mount -t proc proc "$PG_ROOT/proc"
  mountpoint -q "$PG_ROOT/dev/shm" || mount -t tmpfs -o mode=1777,size=256m tmpfs "$PG_ROOT/dev/shm"
}

pg_chroot_unmount() {
  pg_native && return 0
  mountpoint -q "$PG_ROOT/dev/shm" && umount "$PG_ROOT/dev/shm"
  mountpoint -q "$PG_ROOT/proc" && umount "$PG_ROOT/proc"
  return 0
}

pg_packages_native() {
  mkdir -p /etc/postgresql-common
  grep -qs '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf \
    || echo "create_main_cluster = false" >>/etc/postgresql-common/createcluster.conf
  apt_install postgresql-17 postgresql-17-timescaledb
}

pg_packages_chroot() {
  [ -x "$PG_ROOT$PG_BIN/postgres" ] && [ -f "$PG_ROOT/usr/lib/postgresql/17/lib/timescaledb.so" ] && return 0
  require_disk 2000
  apt_install debootstrap
  local log; log="$(logfile timescaledb)"
  if [ ! -x "$PG_ROOT/usr/bin/apt-get" ]; then
    info "timescaledb: creating a Debian 13 chroot (first time only, 1-2 minutes)"
    rm -rf "$PG_ROOT"; mkdir -p "$PG_ROOT"
    debootstrap --variant=minbase trixie "$PG_ROOT" http://deb.debian.org/debian >>"$log" 2>&1 \
      || die "timescaledb: debootstrap of Debian 13 failed; read $log. Fix: restore access to the Debian mirror."
  fi
  printf '#!/bin/sh\nexit 101\n' >"$PG_ROOT/usr/sbin/policy-rc.d"; chmod +x "$PG_ROOT/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$PG_ROOT/etc/resolv.conf" 2>/dev/null || true
  cp /etc/apt/apt.conf.d/99artifact-registry "$PG_ROOT/etc/apt/apt.conf.d/" 2>/dev/null || true
  mkdir -p "$PG_ROOT/etc/postgresql-common"
  echo "create_main_cluster = false" >"$PG_ROOT/etc/postgresql-common/createcluster.conf"
  pg_chroot_mounts
  info "timescaledb: installing postgresql-17 and timescaledb in the chroot"
  { chroot "$PG_ROOT" apt-get update -q && \
    DEBIAN_FRONTEND=noninteractive chroot "$PG_ROOT" apt-get install -y -q --no-install-recommends postgresql-17 postgresql-17-timescaledb && \
    chroot "$PG_ROOT" apt-get clean; } >>"$log" 2>&1 \
    || die "timescaledb: installing postgresql-17-timescaledb in the chroot failed; read $log."
}

timescaledb_provision() {
  if pg_native; then
    pg_packages_native
    PG_STATE="$(state_dir_for_user postgres "$DATA_DIR/timescaledb")"; PG_DATA="$PG_STATE/pgdata"; PG_SOCK="$PG_STATE/sock"
    mkdir -p "$PG_STATE"
  else
    pg_packages_chroot; pg_chroot_mounts
  fi
  local data; data="$(pg_host_path "$PG_DATA")"
  if [ ! -f "$data/PG_VERSION" ]; then
    local pw owner; pw="$(secret pg-password)"
    if pg_native; then owner="$(id -u postgres):$(id -g postgres)"; else owner="$(chroot "$PG_ROOT" id -u postgres):$(chroot "$PG_ROOT" id -g postgres)"; fi
    mkdir -p "$data" "$(pg_host_path "$PG_SOCK")"
    chown "$owner" "$(pg_host_path "$PG_STATE")" "$data" "$(pg_host_path "$PG_SOCK")"
    local pwfile; pwfile="$(pg_host_path "$PG_STATE/pwfile")"
    (umask 077; echo "$pw" >"$pwfile"); chown "$owner" "$pwfile"
    pg_exec "$PG_BIN/initdb" -D "$PG_DATA" -U vigil --pwfile="$PG_STATE/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >>"$(logfile timescaledb)" 2>&1 \
      || die "timescaledb: initdb failed; read $(logfile timescaledb)"
    rm -f "$pwfile"
    cat >>"$data/postgresql.conf" <<CONF
# Vigil local stack
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
max_connections = 200
shared_buffers = 256MB
synchronous_commit = on
CONF
  fi
}

timescaledb_start() {
  pg_chroot_mounts
  pg_exec "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_STATE/postgres.log" -w -t 60 start >>"$(logfile timescaledb)" 2>&1 \
    || die "timescaledb failed to start; read $(pg_host_path "$PG_STATE/postgres.log")"
  head -n1 "$(pg_host_path "$PG_DATA")/postmaster.pid" >"$(pidfile timescaledb)"
  # The database and the extension exist before any client connects.
  if ! pg_exec "$PG_BIN/psql" -h "$PG_SOCK" -p "$PG_PORT" -U vigil -d postgres -tAc "select 1 from pg_database where datname='vigil'" | grep 1 >/dev/null; then
    pg_exec "$PG_BIN/psql" -h "$PG_SOCK" -p "$PG_PORT" -U vigil -d postgres -qc "create database vigil" >>"$(logfile timescaledb)" 2>&1
  fi
  pg_exec "$PG_BIN/psql" -h "$PG_SOCK" -p "$PG_PORT" -U vigil -d vigil -qc "create extension if not exists timescaledb" >>"$(logfile timescaledb)" 2>&1 \
    || die "timescaledb: the timescaledb extension cannot be created; read $(logfile timescaledb)"
}

# postmaster's command line holds the data dir, not .vigil, on Debian 13: trust postmaster.pid instead.
timescaledb_pid() {
  local f; f="$(pg_host_path "$PG_DATA")/postmaster.pid"
  [ -f "$f" ] || return 1
  local pid; pid="$(head -n1 "$f")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

timescaledb_healthy() {
  PGPASSWORD="$(secret pg-password)" psql -h 127.0.0.1 -p "$PG_PORT" -U vigil -d vigil -tAc \
    "select extversion from pg_extension where extname='timescaledb'" 2>/dev/null | grep '^2\.' >/dev/null
}

timescaledb_stop() {
  pg_exec "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >>"$(logfile timescaledb)" 2>&1 || true
  rm -f "$(pidfile timescaledb)"
  pg_chroot_unmount
}

timescaledb_env() {
  echo "VIGIL_PG_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/vigil"
  echo "VIGIL_PG_USER=vigil"
  echo "VIGIL_PG_PASSWORD_FILE=$SECRETS_DIR/pg-password"
}
