# Elasticsearch and OpenSearch versions the search sink is tested against besides the stack's own
# Elasticsearch 7.17: thin integ-test zips (no X-Pack, no security plugin), started one at a time by
# SearchSinkMatrixIT as the stack's Elasticsearch user. ./vigil test provisions them; the list of what
# is installed, with the Java each needs, is written to $VIGIL_HOME/search-matrix.env.
# name version maven-artifact java-major
SEARCH_MATRIX=(
  "elasticsearch 8.19.0 org.elasticsearch.distribution.integ-test-zip:elasticsearch:8.19.0:zip 17"
  "elasticsearch 9.2.0 org.elasticsearch.distribution.integ-test-zip:elasticsearch:9.2.0:zip 21"
  "opensearch 2.19.6 org.opensearch.distribution.integ-test-zip:opensearch:2.19.6:zip 17"
  "opensearch 3.6.0 org.opensearch.distribution.integ-test-zip:opensearch:3.6.0:zip 21"
)

# The oldest JDK under /usr/lib/jvm of at least the given major version (OpenSearch 2 and Elasticsearch
# 7/8 use the security manager, which Java 24 removed).
search_matrix_java() {
  local want="$1" home major best="" best_major=1000
  for home in /usr/lib/jvm/*/; do
    home="${home%/}"
    [ -x "$home/bin/java" ] || continue
    major="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    [ -n "$major" ] && [ "$major" -ge "$want" ] && [ "$major" -lt "$best_major" ] && { best="$home"; best_major="$major"; }
  done
  [ -n "$best" ] || die "the search matrix needs a Java $want+ JDK under /usr/lib/jvm (Debian's openjdk or Temurin)"
  echo "$best"
}

search_matrix_provision() {
  local entry name version artifact java root dir out="$VIGIL_HOME/search-matrix.env"
  id -u "$ES_USER" >/dev/null 2>&1 || die "the search matrix runs as $ES_USER; run ./vigil stack up first"
  root="$(state_dir_for_user "$ES_USER" "$DATA_DIR/search-matrix")"
  mkdir -p "$root"
  : >"$out.tmp"
  for entry in "${SEARCH_MATRIX[@]}"; do
    read -r name version artifact java <<<"$entry"
    mvn_copy "$artifact" "$name-$version.zip"
    dir="$root/$name-$version"
    if [ ! -x "$dir/bin/$name" ]; then
      apt_install unzip
      rm -rf "$dir" "$root/unpack"
      unzip -q -o "$DL_DIR/$name-$version.zip" -d "$root/unpack" || die "cannot unpack $name-$version.zip"
      mv "$root/unpack/$name-$version" "$dir" && rm -rf "$root/unpack"
    fi
    chown -R "$ES_USER" "$root"
    echo "$name $version $dir $(search_matrix_java "$java")" >>"$out.tmp"
  done
  mv "$out.tmp" "$out"
}
