# S3 API server: s3proxy over the local filesystem, signed requests only (AWS v2 or v4).
S3_PORT="${VIGIL_S3_PORT:-9000}"
S3_DIR="$DATA_DIR/s3"
S3_BUCKET="${VIGIL_S3_BUCKET:-vigil-archive}"
S3_JAR="s3proxy-4.1.0-jar-with-dependencies.jar"

s3_port() { echo "$S3_PORT"; }
s3_ports() { echo "$S3_PORT:VIGIL_S3_PORT"; }

s3_provision() {
  mvn_copy "org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies" "$S3_JAR"
  mkdir -p "$S3_DIR/buckets"
  (umask 077; cat >"$S3_DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$(secret s3-access-key)
s3proxy.credential=$(secret s3-secret-key)
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_DIR/buckets
CONF
)
  # the server's own copy of its jar, readable where it runs
  cp "$DL_DIR/$S3_JAR" "$S3_DIR/$S3_JAR"
  own_service_dir "$(service_user s3)" "$S3_DIR"
}

s3_start() {
  spawn_as "$(service_user s3)" s3 java -Xmx256m -Dvigil.service=s3 -jar "$S3_DIR/$S3_JAR" --properties "$S3_DIR/s3proxy.conf"
}

# curl reads the S3 keys from a config file (mode 600), so they never appear on a command line (ps).
s3_curl_config() {
  local f="$SECRETS_DIR/s3-curl.conf"
  [ -s "$f" ] || (umask 077; printf 'user = "%s:%s"\n' "$(secret s3-access-key)" "$(secret s3-secret-key)" >"$f")
  echo "$f"
}

s3_curl() {
  curl -fsS --max-time 3 -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" --aws-sigv4 "aws:amz:us-east-1:s3" -K "$(s3_curl_config)" "$@"
}

s3_healthy() {
  s3_curl -o /dev/null "http://127.0.0.1:$S3_PORT/" 2>/dev/null || return 1
  # The archive bucket exists once the server answers signed requests.
  s3_curl -o /dev/null "http://127.0.0.1:$S3_PORT/$S3_BUCKET" 2>/dev/null \
    || s3_curl -o /dev/null -X PUT "http://127.0.0.1:$S3_PORT/$S3_BUCKET" 2>/dev/null
}

s3_env() {
  echo "VIGIL_S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
  echo "VIGIL_S3_BUCKET=$S3_BUCKET"
  echo "VIGIL_S3_ACCESS_KEY_FILE=$SECRETS_DIR/s3-access-key"
  echo "VIGIL_S3_SECRET_KEY_FILE=$SECRETS_DIR/s3-secret-key"
}
