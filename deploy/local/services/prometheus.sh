# Prometheus from Debian's package, started by Vigil (the package's own service is not used).
PROMETHEUS_PORT="${VIGIL_PROMETHEUS_PORT:-9090}"
PROMETHEUS_DIR="$DATA_DIR/prometheus"

prometheus_port() { echo "$PROMETHEUS_PORT"; }
prometheus_ports() { echo "$PROMETHEUS_PORT:VIGIL_PROMETHEUS_PORT"; }

prometheus_provision() {
  apt_install prometheus
  mkdir -p "$PROMETHEUS_DIR/data"
  sed -e "s#@PROMETHEUS_PORT@#$PROMETHEUS_PORT#g" -e "s#@ALERTMANAGER_PORT@#$ALERTMANAGER_PORT#g" \
    -e "s#@FLINK_METRICS_PORT@#$FLINK_METRICS_PORT#g" -e "s#@FLINK_TM_METRICS_PORT@#$((FLINK_METRICS_PORT + 1))#g" \
    -e "s#@RULES@#$PROMETHEUS_DIR/vigil-rules.yml#g" \
    "$VIGIL_ROOT/deploy/local/conf/prometheus.yml" >"$PROMETHEUS_DIR/prometheus.yml"
  cp "$VIGIL_ROOT/helm/vigil/files/prometheus/vigil-rules.yml" "$PROMETHEUS_DIR/vigil-rules.yml"
  own_service_dir "$(service_user prometheus)" "$PROMETHEUS_DIR"
}

prometheus_start() {
  spawn_as "$(service_user prometheus)" prometheus /usr/bin/prometheus --config.file="$PROMETHEUS_DIR/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_DIR/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle
}

prometheus_healthy() { http_ok "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"; }

prometheus_env() { echo "VIGIL_PROMETHEUS_URL=http://127.0.0.1:$PROMETHEUS_PORT"; }
