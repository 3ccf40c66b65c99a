#!/usr/bin/env bash
# Fetches the Java reference libraries from Maven Central (pom.xml) and compiles the harnesses
# (*.java here) once per Jayway version. Usage: build.sh [VERSION...] (default: 2.9.0 2.0.0).
# Output: $ORACLE_BUILD_DIR (default build/oracle)/<version>/classpath, read by oracle_client.py.
# Needs a JDK (javac) and Maven; jars are cached in ~/.m2 like any Maven build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${ORACLE_BUILD_DIR:-$here/../../../build/oracle}" && cd "${ORACLE_BUILD_DIR:-$here/../../../build/oracle}" && pwd)
versions=${*:-2.9.0 2.0.0}
for tool in javac mvn; do
  command -v "$tool" >/dev/null || { echo "missing '$tool': run 'make deps' (JDK 17 + Maven)" >&2; exit 2; }
done
for v in $versions; do
  dir=$out/$v
  # json-path 2.0.0 ships slf4j-api 1.7 (its no-op binding must be a 1.7 one),
  # and its json-smart 2.1.1 cannot print a BigDecimal on Java 17: use 2.2.1, as Debian does.
  case $v in 2.[0-4].*) nop=1.7.36 smart=2.2.1 ;; *) nop=2.0.9 smart=2.5.0 ;; esac
  if [ ! -f "$dir/lib.stamp" ] || [ "$here/pom.xml" -nt "$dir/lib.stamp" ]; then
    rm -rf "$dir/lib"
    mkdir -p "$dir"
    fetch() {
      mvn -q -B "$@" -f "$here/pom.xml" dependency:copy-dependencies -Djsonpath.version="$v" \
        -Dslf4j.nop.version="$nop" -Djsonsmart.version="$smart" -DoutputDirectory="$dir/lib" \
        >"$dir/mvn.log" 2>&1
    }
    # Online first; when Maven Central is unreachable, whatever ~/.m2 already holds will do.
    if ! fetch && ! fetch -o; then
      cat "$dir/mvn.log" >&2
      echo "could not fetch the reference jars for json-path $v from Maven Central" >&2
      exit 4
    fi
    touch "$dir/lib.stamp"
  fi
  cp=$(find "$dir/lib" -name '*.jar' | sort | tr '\n' ':')
  if [ ! -f "$dir/classes.stamp" ] || [ -n "$(find "$here" -name '*.java' -newer "$dir/classes.stamp")" ] \
     || [ "$dir/lib.stamp" -nt "$dir/classes.stamp" ]; then
    rm -rf "$dir/classes"
    javac -nowarn -encoding UTF-8 -d "$dir/classes" -cp "$cp" "$here"/*.java
    touch "$dir/classes.stamp"
  fi
  echo "$dir/classes:$cp" > "$dir/classpath"
done
