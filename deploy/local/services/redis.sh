# Redis for the hot tier: Debian 12's redis-server 7.0 (BSD), or on Debian 13 valkey-server, the BSD fork
# that speaks the same protocol. Loopback only, a password from .vigil/secrets, append-only with an fsync
# every second, and a memory cap with no eviction: writes beyond it fail, and the jobs' hot-tier sink drops
# and counts them, so nothing disappears unnoticed.
REDIS_PORT="${VIGIL_REDIS_PORT:-6379}"
REDIS_DIR="$DATA_DIR/redis"
REDIS_MAXMEMORY="${VIGIL_REDIS_MAXMEMORY:-512mb}"

redis_flavour() { if grep -q '^VERSION_CODENAME=trixie' /etc/os-release; then echo valkey; else echo redis; fi; }
redis_port() { echo "$REDIS_PORT"; }
redis_ports() { echo "$REDIS_PORT:VIGIL_REDIS_PORT"; }

redis_provision() {
  local f; f="$(redis_flavour)"
  apt_install "$f-server" "$f-tools"
  mkdir -p "$REDIS_DIR/data"
  (umask 077; cat >"$REDIS_DIR/redis.conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize no
logfile ""
dir $REDIS_DIR/data
save ""
appendonly yes
appendfsync everysec
maxmemory $REDIS_MAXMEMORY
maxmemory-policy noeviction
requirepass $(secret redis-password)
# keeps the config path in the process title, which is how ./vigil knows the process as its own
proc-title-template "{title} {listen-addr} {config-file}"
CONF
)
  own_service_dir "$(service_user redis)" "$REDIS_DIR"
}

redis_start() {
  spawn_as "$(service_user redis)" redis "/usr/bin/$(redis_flavour)-server" "$REDIS_DIR/redis.conf"
}

# The password reaches redis-cli through its environment, never argv.
redis_cli() { REDISCLI_AUTH="$(secret redis-password)" "/usr/bin/$(redis_flavour)-cli" -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning "$@"; }

redis_healthy() { [ "$(redis_cli ping 2>/dev/null)" = PONG ]; }

redis_env() {
  echo "VIGIL_REDIS_URI=redis://127.0.0.1:$REDIS_PORT"
  echo "VIGIL_REDIS_PASSWORD_FILE=$SECRETS_DIR/redis-password"
}
