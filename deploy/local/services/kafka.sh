# Kafka 4 in KRaft combined mode from Maven jars, one broker, loopback only.
KAFKA_PORT="${VIGIL_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${VIGIL_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_DIR="$DATA_DIR/kafka"

kafka_port() { echo "$KAFKA_PORT"; }
kafka_ports() { echo "$KAFKA_PORT:VIGIL_KAFKA_PORT $KAFKA_CONTROLLER_PORT:VIGIL_KAFKA_CONTROLLER_PORT"; }

kafka_cp() { cat "$VIGIL_HOME/kafka.classpath"; }

kafka_provision() {
  mvn_classpath "$VIGIL_ROOT/deploy/local/kafka/pom.xml" "$VIGIL_HOME/kafka.classpath"
  mkdir -p "$KAFKA_DIR/conf" "$KAFKA_DIR/logs"
  sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" -e "s#@DATA@#$KAFKA_DIR/logs#g" \
    "$VIGIL_ROOT/deploy/local/conf/kafka-server.properties" >"$KAFKA_DIR/conf/server.properties"
  cp "$VIGIL_ROOT/deploy/local/conf/log4j2-console.properties" "$KAFKA_DIR/conf/log4j2.properties"
  if [ ! -f "$KAFKA_DIR/logs/meta.properties" ]; then
    local id
    id="$(java -cp "$(kafka_cp)" kafka.tools.StorageTool random-uuid 2>>"$(logfile kafka)")" || die "kafka: cannot generate a cluster id; read $(logfile kafka)"
    java -cp "$(kafka_cp)" -Dlog4j2.configurationFile="$KAFKA_DIR/conf/log4j2.properties" kafka.tools.StorageTool format \
      -t "$id" -c "$KAFKA_DIR/conf/server.properties" >>"$(logfile kafka)" 2>&1 || die "kafka: storage format failed; read $(logfile kafka)"
  fi
}

kafka_start() {
  spawn kafka java -Xms256m -Xmx512m -XX:+UseG1GC -Dvigil.service=kafka \
    -Dlog4j2.configurationFile="$KAFKA_DIR/conf/log4j2.properties" \
    -cp "$(kafka_cp)" kafka.Kafka "$KAFKA_DIR/conf/server.properties"
}

kafka_healthy() {
  kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 2 >/dev/null 2>&1 && \
    kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 2 2>/dev/null | grep "1 brokers" >/dev/null
}

kafka_env() {
  echo "VIGIL_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT"
}
