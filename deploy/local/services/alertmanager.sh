# Alertmanager from Debian's package. Clustering is off: an empty cluster address, else it binds 0.0.0.0:9094.
ALERTMANAGER_PORT="${VIGIL_ALERTMANAGER_PORT:-9093}"
ALERTMANAGER_DIR="$DATA_DIR/alertmanager"

alertmanager_port() { echo "$ALERTMANAGER_PORT"; }
alertmanager_ports() { echo "$ALERTMANAGER_PORT:VIGIL_ALERTMANAGER_PORT"; }

alertmanager_provision() {
  apt_install prometheus-alertmanager
  mkdir -p "$ALERTMANAGER_DIR/data"
  cp "${VIGIL_ALERTMANAGER_CONFIG:-$VIGIL_ROOT/deploy/local/conf/alertmanager.yml}" "$ALERTMANAGER_DIR/alertmanager.yml"
  own_service_dir "$(service_user alertmanager)" "$ALERTMANAGER_DIR"
}

alertmanager_start() {
  spawn_as "$(service_user alertmanager)" alertmanager /usr/bin/prometheus-alertmanager --config.file="$ALERTMANAGER_DIR/alertmanager.yml" \
    --storage.path="$ALERTMANAGER_DIR/data" --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" \
    --cluster.listen-address=
}

alertmanager_healthy() { http_ok "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready"; }

alertmanager_env() { echo "VIGIL_ALERTMANAGER_URL=http://127.0.0.1:$ALERTMANAGER_PORT"; }
