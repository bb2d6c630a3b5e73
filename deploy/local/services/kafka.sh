# Kafka 4 in KRaft combined mode from Maven jars, one broker, loopback only.
KAFKA_PORT="${VIGIL_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${VIGIL_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_SASL_PORT="${VIGIL_KAFKA_SASL_PORT:-9095}"
KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_TLS="$SECRETS_DIR/kafka-tls"
KAFKA_SASL_USER=vigil

kafka_port() { echo "$KAFKA_PORT"; }
kafka_ports() { echo "$KAFKA_PORT:VIGIL_KAFKA_PORT $KAFKA_CONTROLLER_PORT:VIGIL_KAFKA_CONTROLLER_PORT $KAFKA_SASL_PORT:VIGIL_KAFKA_SASL_PORT"; }

# A local CA, the broker's key pair signed by it (SAN 127.0.0.1), and a client trust store; passwords never
# reach a command line (keytool reads them from the secret files).
kafka_tls_provision() {
  [ -s "$KAFKA_TLS/truststore.p12" ] && return 0
  mkdir -p "$KAFKA_TLS"; chmod 700 "$KAFKA_TLS"
  secret kafka-keystore-password >/dev/null; secret kafka-truststore-password >/dev/null
  local ks=(-storetype PKCS12 -storepass:file "$SECRETS_DIR/kafka-keystore-password") log; log="$(logfile kafka)"
  rm -f "$KAFKA_TLS"/*
  { keytool -genkeypair -alias ca -keyalg RSA -keysize 2048 -dname "CN=Vigil local CA" -ext bc:c -validity 3650       -keystore "$KAFKA_TLS/ca.p12" "${ks[@]}"     && keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -dname "CN=127.0.0.1" -validity 3650       -keystore "$KAFKA_TLS/broker.p12" "${ks[@]}"     && keytool -certreq -alias broker -keystore "$KAFKA_TLS/broker.p12" "${ks[@]}" -file "$KAFKA_TLS/broker.csr"     && keytool -gencert -alias ca -keystore "$KAFKA_TLS/ca.p12" "${ks[@]}" -infile "$KAFKA_TLS/broker.csr"       -ext SAN=IP:127.0.0.1,DNS:localhost -validity 3650 -rfc -outfile "$KAFKA_TLS/broker.crt"     && keytool -exportcert -alias ca -keystore "$KAFKA_TLS/ca.p12" "${ks[@]}" -rfc -file "$KAFKA_TLS/ca.crt"     && keytool -importcert -alias ca -file "$KAFKA_TLS/ca.crt" -keystore "$KAFKA_TLS/broker.p12" "${ks[@]}" -noprompt     && keytool -importcert -alias broker -file "$KAFKA_TLS/broker.crt" -keystore "$KAFKA_TLS/broker.p12" "${ks[@]}"     && keytool -importcert -alias ca -file "$KAFKA_TLS/ca.crt" -keystore "$KAFKA_TLS/truststore.p12" -storetype PKCS12       -storepass:file "$SECRETS_DIR/kafka-truststore-password" -noprompt
  } >>"$log" 2>&1 || { rm -f "$KAFKA_TLS"/*; die "kafka: creating the TLS key pair failed; read $log"; }
}

kafka_cp() { cat "$VIGIL_HOME/kafka.classpath"; }

kafka_provision() {
  mvn_classpath "$VIGIL_ROOT/deploy/local/kafka/pom.xml" "$VIGIL_HOME/kafka.classpath"
  mkdir -p "$KAFKA_DIR/conf" "$KAFKA_DIR/logs"
  kafka_tls_provision
  sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" -e "s#@DATA@#$KAFKA_DIR/logs#g" \
      -e "s#@SASL_PORT@#$KAFKA_SASL_PORT#g" -e "s#@KEYSTORE@#$KAFKA_TLS/broker.p12#g" \
    "$VIGIL_ROOT/deploy/local/conf/kafka-server.properties" >"$KAFKA_DIR/conf/server.properties"
  { echo "ssl.keystore.password=$(secret kafka-keystore-password)"; echo "ssl.key.password=$(secret kafka-keystore-password)"; } \
    >>"$KAFKA_DIR/conf/server.properties"
  chmod 600 "$KAFKA_DIR/conf/server.properties"
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

# The SCRAM user of the SASL_SSL listener. Its password reaches the broker through a file, never argv,
# and is cut out of the tool's output before that is logged (the tool echoes bad input).
kafka_ready() {
  local f="$KAFKA_TLS/scram.properties" pw out rc=0
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
  echo "VIGIL_KAFKA_TRUSTSTORE=$KAFKA_TLS/truststore.p12"
  echo "VIGIL_KAFKA_TRUSTSTORE_PASSWORD_FILE=$SECRETS_DIR/kafka-truststore-password"
}
