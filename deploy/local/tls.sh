# The local stack's certificate authority and what it signs, under .vigil/secrets/tls:
#   ca.p12 / ca.crt            the CA (its key never leaves this folder)
#   kafka-broker.p12           the broker's SASL_SSL listener
#   elasticsearch-node.p12     a TLS Elasticsearch node (the security tests start one)
#   flink.p12 / flink.pem      Flink's REST endpoint and internal connections (mutual TLS); the same key is
#                              the client certificate of ./vigil, the CLI and the tests (flink.pem for curl)
#   truststore.p12             the CA alone, for clients (password in secrets/tls-truststore-password)
# Every certificate names 127.0.0.1 and localhost. Passwords reach keytool through files, never argv.
TLS_DIR="$SECRETS_DIR/tls"

tls_provision() {
  [ -s "$TLS_DIR/truststore.p12" ] && [ -s "$TLS_DIR/flink.pem" ] && return 0
  private_dir "$TLS_DIR"
  secret tls-keystore-password >/dev/null; secret tls-truststore-password >/dev/null
  local ks=(-storetype PKCS12 -storepass:file "$SECRETS_DIR/tls-keystore-password") log="$LOG_DIR/tls.log" node
  rm -f "$TLS_DIR"/*
  {
    keytool -genkeypair -alias ca -keyalg RSA -keysize 2048 -dname "CN=Vigil local CA" -ext bc:c -validity 3650 -keystore "$TLS_DIR/ca.p12" "${ks[@]}" \
    && keytool -exportcert -alias ca -keystore "$TLS_DIR/ca.p12" "${ks[@]}" -rfc -file "$TLS_DIR/ca.crt" \
    && for node in kafka-broker elasticsearch-node flink; do
         keytool -genkeypair -alias "$node" -keyalg RSA -keysize 2048 -dname "CN=127.0.0.1" -validity 3650 -keystore "$TLS_DIR/$node.p12" "${ks[@]}" \
         && keytool -certreq -alias "$node" -keystore "$TLS_DIR/$node.p12" "${ks[@]}" -file "$TLS_DIR/$node.csr" \
         && keytool -gencert -alias ca -keystore "$TLS_DIR/ca.p12" "${ks[@]}" -infile "$TLS_DIR/$node.csr" \
              -ext SAN=IP:127.0.0.1,DNS:localhost -validity 3650 -rfc -outfile "$TLS_DIR/$node.crt" \
         && keytool -importcert -alias ca -file "$TLS_DIR/ca.crt" -keystore "$TLS_DIR/$node.p12" "${ks[@]}" -noprompt \
         && keytool -importcert -alias "$node" -file "$TLS_DIR/$node.crt" -keystore "$TLS_DIR/$node.p12" "${ks[@]}" \
         && rm -f "$TLS_DIR/$node.csr" || exit 1
       done \
    && openssl pkcs12 -in "$TLS_DIR/flink.p12" -nodes -passin "file:$SECRETS_DIR/tls-keystore-password" -out "$TLS_DIR/flink.pem" \
    && chmod 600 "$TLS_DIR/flink.pem" \
    && keytool -importcert -alias vigil-local-ca -file "$TLS_DIR/ca.crt" -keystore "$TLS_DIR/truststore.p12" -storetype PKCS12 \
         -storepass:file "$SECRETS_DIR/tls-truststore-password" -noprompt
  } >>"$log" 2>&1 || { rm -f "$TLS_DIR"/*; die "creating the local CA and certificates failed; read $log"; }
}
