# Shared helpers for ./vigil: state layout, pid tracking, health waiting, clear one-line errors.
# Sourced by ./vigil; every service file under services/ defines <svc>_port, <svc>_provision,
# <svc>_start, <svc>_healthy and optionally <svc>_stop.

VIGIL_HOME="${VIGIL_HOME:-$VIGIL_ROOT/.vigil}"
RUN_DIR="$VIGIL_HOME/run"
LOG_DIR="$VIGIL_HOME/logs"
DATA_DIR="$VIGIL_HOME/data"
DL_DIR="$VIGIL_HOME/dl"
SECRETS_DIR="$VIGIL_HOME/secrets"
STACK_ENV="$VIGIL_HOME/stack.env"
MVN_DEP=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

die() { echo "vigil: $*" >&2; exit 1; }
info() { echo "vigil: $*" >&2; }

ensure_dirs() { mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR" "$DL_DIR"; private_dir "$SECRETS_DIR"; }

# A folder of secrets: its owner's alone, or also traversable (not listable) by Flink's group once the
# stack has shared the job secrets with it (flink_share).
private_dir() {
  mkdir -p "$1"
  if [ "$(stat -c %G "$1")" = vigil-flink ]; then chmod 710 "$1"; else chmod 700 "$1"; fi
}

# Copies the jars of a class path (from the Maven repository, which may sit in a home folder a service's own
# user cannot read) into DIR once, and prints the class path of the copies.
own_jars() {
  local dir="$1" jar cp=""
  mkdir -p "$dir"
  while IFS= read -r jar; do
    [ -f "$dir/$(basename "$jar")" ] || cp "$jar" "$dir/"
    cp="$cp${cp:+:}$dir/$(basename "$jar")"
  done < <(echo "$2" | tr ':' '\n')
  echo "$cp"
}

pidfile() { echo "$RUN_DIR/$1.pid"; }
logfile() { echo "$LOG_DIR/$1.log"; }

# A pid counts as ours only if it is alive and its command line mentions our state folder,
# so a recycled pid never gets killed by `down`.
# Pipelines here never end early (no grep -q, no head): under pipefail a writer cut off by SIGPIPE
# would fail the whole check, at random (a Flink command line is long).
cmdline_has() {
  local pid="$1" text="$2" cmd
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline")" || return 1
  [[ "$cmd" == *"$text"* ]]
}

pid_is_ours() {
  cmdline_has "$1" "$VIGIL_HOME"
}

service_pid() {
  local f; f="$(pidfile "$1")"
  [ -f "$f" ] || return 1
  local pid; pid="$(head -n1 "$f" 2>/dev/null)"
  pid_is_ours "$pid" && echo "$pid"
}

# Who listens on a TCP port on any address (empty when free).
port_owner() {
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 1p
}

require_port_free() {
  local svc="$1" port="$2" var="$3"
  local owner; owner="$(port_owner "$port")"
  [ -z "$owner" ] && return 0
  die "port $port needed by $svc is taken by another process ($owner). Fix: stop it, or set $var to a free port."
}

require_disk() {
  local need_mb="$1" avail_mb
  avail_mb=$(df -Pm "$VIGIL_ROOT" | awk 'NR==2 {print $4}')
  [ "$avail_mb" -ge "$need_mb" ] || die "only ${avail_mb} MB free on $(df -P "$VIGIL_ROOT" | awk 'NR==2 {print $6}'), ${need_mb} MB needed for first-time set-up. Fix: free disk space or set VIGIL_HOME to a larger disk."
}

apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "Debian packages ${missing[*]} are missing and installing them needs root. Fix: run as root or 'sudo apt-get install ${missing[*]}'."
  info "installing Debian packages: ${missing[*]}"
  local log="$LOG_DIR/apt.log"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$log" 2>&1 || die "cannot reach the Debian package mirror (apt-get update failed; see $log). Fix: restore apt access."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$log" 2>&1 \
      || die "apt-get install ${missing[*]} failed; see $log. Fix: restore apt access to the Debian mirror."
  fi
}

# Resolves a Maven artifact into $DL_DIR (cached).
mvn_copy() {
  local artifact="$1" file="$2"
  [ -f "$DL_DIR/$file" ] && return 0
  mvn -B -q "$MVN_DEP:copy" -Dartifact="$artifact" -DoutputDirectory="$DL_DIR" -Dmdep.overWriteIfNewer=false \
    >>"$LOG_DIR/maven.log" 2>&1 || die "could not download $artifact from Maven Central; see $LOG_DIR/maven.log."
  [ -f "$DL_DIR/$file" ] || die "expected $DL_DIR/$file after downloading $artifact."
}

# Resolves the runtime classpath of one of the fetch-only poms under deploy/local (cached).
mvn_classpath() {
  local pom="$1" out="$2"
  [ -s "$out" ] && [ "$out" -nt "$pom" ] && return 0
  mvn -B -q -f "$pom" "$MVN_DEP:build-classpath" -Dmdep.outputFile="$out" -Dmdep.includeScope=runtime \
    >>"$LOG_DIR/maven.log" 2>&1 || die "could not resolve $pom from Maven Central; see $LOG_DIR/maven.log."
}

# Starts a command detached, stdin/stdout/stderr redirected so callers never hang, and records its pid.
spawn() {
  local svc="$1"; shift
  local log; log="$(logfile "$svc")"
  echo "---- $(date -u +%FT%TZ) start" >>"$log"
  setsid "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$(pidfile "$svc")"
}

# The system user a service runs as when root starts the stack: vigil-<service>, created on first use, so
# a flaw in one service reaches neither the others' data nor root. Empty (run as the stack's owner) when
# not root, or when that user could not reach .vigil/data (a checkout inside a private home folder).
service_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  local user="vigil-$1"
  id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user" >/dev/null 2>&1 \
    || die "cannot create the system user $user. Fix: create it (useradd --system $user) or start the stack as a non-root user."
  mkdir -p "$DATA_DIR"
  runuser -u "$user" -- test -x "$DATA_DIR" 2>/dev/null && echo "$user"
  return 0
}

# Gives a service's folder to its user (mode 700); a no-op when the service runs as the stack's owner.
own_service_dir() {
  local user="$1" dir="$2"
  [ -n "$user" ] || return 0
  chown -R "$user:$user" "$dir" && chmod 700 "$dir"
}

# spawn, as USER when one is given. setpriv execs (no helper process stays in between), so the pid
# recorded is the service's own and `stack kill` reaches it.
spawn_as() {
  local user="$1" svc="$2"; shift 2
  if [ -n "$user" ]; then
    spawn "$svc" setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
  else
    spawn "$svc" "$@"
  fi
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

wait_healthy() {
  local svc="$1" timeout="$2" t=0
  while [ "$t" -lt "$timeout" ]; do
    "${svc}_healthy" && return 0
    sleep 1; t=$((t + 1))
  done
  return 1
}

stop_pid() {
  local svc="$1" pid="$2" t=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ $t -lt 30 ]; do sleep 0.5; t=$((t + 1)); done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$(pidfile "$svc")"
}

random_secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' ; }

# Reads (creating on first use) a generated local credential under .vigil/secrets.
secret() {
  local f="$SECRETS_DIR/$1"
  [ -s "$f" ] || { (umask 077; random_secret >"$f"); }
  cat "$f"
}

# State folder for a service that runs as its own user: under .vigil/ when that user can reach it,
# else (a checkout inside a private folder) under /var/lib/vigil-<user>/<hash of .vigil path>.
state_dir_for_user() {
  local user="$1" preferred="$2"
  mkdir -p "$DATA_DIR"
  if runuser -u "$user" -- test -x "$DATA_DIR" 2>/dev/null; then
    echo "$preferred"
  else
    echo "/var/lib/vigil-$user/$(echo "$VIGIL_HOME" | md5sum | cut -c1-12)"
  fi
}
