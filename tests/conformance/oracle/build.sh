#!/usr/bin/env bash
# Compiles the Java reference harnesses (*.java here) against Debian's velocity 1.7,
# velocity-tools 2.0 and Jayway json-path 2.0.0 jars (installed by `make deps`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${ORACLE_BUILD_DIR:-$here/../../../build/oracle}
jars="velocity velocity-tools json-path json-smart accessors-smart asm slf4j-api slf4j-nop
      commons-collections3 commons-lang commons-lang3 commons-beanutils commons-digester
      commons-logging oro"
cp=""
for j in $jars; do
  f=/usr/share/java/$j.jar
  [ -f "$f" ] || { echo "missing $f: run 'make deps' (installs Debian's Java libraries)" >&2; exit 1; }
  cp="$cp$f:"
done
mkdir -p "$out"
if [ -z "$(find "$out" -name '*.class' -newer "$here" 2>/dev/null | head -1)" ] ||
   [ -n "$(find "$here" -name '*.java' -newer "$out/classpath" 2>/dev/null | head -1)" ]; then
  javac -nowarn -encoding UTF-8 -d "$out" -cp "$cp" "$here"/*.java
fi
echo "$out:$cp" > "$out/classpath"
