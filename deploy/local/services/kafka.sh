# Kafka 4 in KRaft combined mode from Maven jars, one broker, loopback only.
KAFKA_PORT="${VIGIL_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${VIGIL_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_SASL_PORT="${VIGIL_KAFKA_SASL_PORT:-9095}"
KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_SASL_USER=vigil

kafka_port() { echo "$KAFKA_PORT"; }
kafka_ports() { echo "$KAFKA_PORT:VIGIL_KAFKA_PORT $KAFKA_CONTROLLER_PORT:VIGIL_KAFKA_CONTROLLER_PORT $KAFKA_SASL_PORT:VIGIL_KAFKA_SASL_PORT"; }

kafka_cp() { cat "$VIGIL_HOME/kafka.classpath"; }

# The broker's class path, from its own copy of the jars.
kafka_broker_cp() { own_jars "$KAFKA_DIR/lib" "$(kafka_cp)"; }

kafka_provision() {
  mvn_classpath "$VIGIL_ROOT/deploy/local/kafka/pom.xml" "$VIGIL_HOME/kafka.classpath"
  mkdir -p "$KAFKA_DIR/conf" "$KAFKA_DIR/logs"
  tls_provision
  sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" -e "s#@DATA@#$KAFKA_DIR/logs#g" \
      -e "s#@SASL_PORT@#$KAFKA_SASL_PORT#g" -e "s#@KEYSTORE@#$KAFKA_DIR/conf/broker.p12#g" \
    "$VIGIL_ROOT/deploy/local/conf/kafka-server.properties" >"$KAFKA_DIR/conf/server.properties"
  { echo "ssl.keystore.password=$(secret tls-keystore-password)"; echo "ssl.key.password=$(secret tls-keystore-password)"; } \
    >>"$KAFKA_DIR/conf/server.properties"
  chmod 600 "$KAFKA_DIR/conf/server.properties"
  # the broker's own copy of its key: .vigil/secrets stays readable by the stack's owner only
  (umask 077; cp "$TLS_DIR/kafka-broker.p12" "$KAFKA_DIR/conf/broker.p12")
  cp "$VIGIL_ROOT/deploy/local/conf/log4j2-console.properties" "$KAFKA_DIR/conf/log4j2.properties"
  if [ ! -f "$KAFKA_DIR/logs/meta.properties" ]; then
    local id
    id="$(java -cp "$(kafka_cp)" kafka.tools.StorageTool random-uuid 2>>"$(logfile kafka)")" || die "kafka: cannot generate a cluster id; read $(logfile kafka)"
    java -cp "$(kafka_cp)" -Dlog4j2.configurationFile="$KAFKA_DIR/conf/log4j2.properties" kafka.tools.StorageTool format \
      -t "$id" -c "$KAFKA_DIR/conf/server.properties" >>"$(logfile kafka)" 2>&1 || die "kafka: storage format failed; read $(logfile kafka)"
  fi
  kafka_broker_cp >/dev/null
  own_service_dir "$(service_user kafka)" "$KAFKA_DIR"
}

kafka_start() {
  spawn_as "$(service_user kafka)" kafka java -Xms256m -Xmx512m -XX:+UseG1GC -Dvigil.service=kafka \
    -Dlog4j2.configurationFile="$KAFKA_DIR/conf/log4j2.properties" \
    -cp "$(kafka_broker_cp)" kafka.Kafka "$KAFKA_DIR/conf/server.properties"
}

kafka_healthy() {
  kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 2 >/dev/null 2>&1 && \
    kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 2 2>/dev/null | grep "1 brokers" >/dev/null
}

# The SCRAM user of the SASL_SSL listener. Its password reaches the broker through a file, never argv,
# and is cut out of the tool's output before that is logged (the tool echoes bad input).
kafka_ready() {
  local f="$TLS_DIR/scram.properties" pw out rc=0
  pw="$(secret kafka-sasl-password)"
  (umask 077; echo "SCRAM-SHA-512=password=$pw" >"$f")
  out="$(java -cp "$(kafka_cp)" -Dlog4j2.configurationFile="$KAFKA_DIR/conf/log4j2.properties" kafka.admin.ConfigCommand \
    --bootstrap-server "127.0.0.1:$KAFKA_PORT" --alter --entity-type users --entity-name "$KAFKA_SASL_USER" --add-config-file "$f" 2>&1)" || rc=$?
  rm -f "$f"
  echo "${out//$pw/[password]}" >>"$(logfile kafka)"
  [ "$rc" -eq 0 ] || die "kafka: creating the SCRAM user failed; read $(logfile kafka)"
}

kafka_env() {
  echo "VIGIL_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT"
  echo "VIGIL_KAFKA_SASL_BOOTSTRAP=127.0.0.1:$KAFKA_SASL_PORT"
  echo "VIGIL_KAFKA_SASL_USER=$KAFKA_SASL_USER"
  echo "VIGIL_KAFKA_SASL_PASSWORD_FILE=$SECRETS_DIR/kafka-sasl-password"
  echo "VIGIL_KAFKA_TRUSTSTORE=$TLS_DIR/truststore.p12"
  echo "VIGIL_KAFKA_TRUSTSTORE_PASSWORD_FILE=$SECRETS_DIR/tls-truststore-password"
}
