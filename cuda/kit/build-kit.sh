#!/usr/bin/env bash
# Builds r1j's CUDA device kit on a CPU machine, for one planned call on a GPU machine that has no JDK and takes at
# most 64 MiB of files (the repository's tracked files included). Into cuda/target/kit (or $1):
#   jre.tar.xz        a jlink'd JDK 25 runtime with java.base only (FFM is in java.base; jdeps: the jar needs no more)
#   r1j-cuda.jar      the cuda module: kernels' fatbin, FFM bindings, the device check (no run-time dependencies)
#   goldens.tar.xz    the golden cases: random inputs and trainer's Java reference outputs (written by HostKernelsTest,
#                     which also checks the host build of the kernels against them)
#   bench-plan.json   the benchmark cases, which the PyTorch script runs as the device check does
# and then runs the kit's own check with the kit's runtime on this machine, which must stop cleanly at "no GPU".
# On the GPU machine: bash cuda/kit/run-on-device.sh (see cuda/README.md for the exact `run` call).
set -euo pipefail
cd "$(dirname "$0")/../.."
KIT="${1:-cuda/target/kit}"
JAVA_HOME="$(.mvn/find-jdk)"
export JAVA_HOME
LIMIT_MIB=30

echo "kit: building the cuda module and its goldens (HostKernelsTest)"
./mvnw -B -q -pl cuda -am package -Dtest=HostKernelsTest -Dsurefire.failIfNoSpecifiedTests=false
JAR="$(ls cuda/target/cuda-*.jar | head -n 1)"
GOLDENS=cuda/target/cuda-goldens
[ -d "$GOLDENS" ] || { echo "kit: $GOLDENS missing (HostKernelsTest did not run: is g++ installed?)" >&2; exit 2; }

rm -rf "$KIT"
mkdir -p "$KIT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp "$JAR" "$KIT/r1j-cuda.jar"

MODULES="$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps "$KIT/r1j-cuda.jar")"
echo "kit: jlink runtime with $MODULES"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=zip-0 \
  --output "$STAGE/jre"
tar -C "$STAGE" -cJf "$KIT/jre.tar.xz" jre

# the goldens without the host build's outputs
mkdir -p "$STAGE/goldens"
for d in "$GOLDENS"/*/; do
  n="$(basename "$d")"
  mkdir -p "$STAGE/goldens/$n"
  cp "$d"case.txt "$d"in_*.bin "$d"expect_*.bin "$STAGE/goldens/$n/"
done
tar -C "$STAGE" -cJf "$KIT/goldens.tar.xz" goldens

"$JAVA_HOME/bin/java" -cp "$KIT/r1j-cuda.jar" org.r1j.cuda.check.DeviceCheck --plan "$KIT/bench-plan.json"

# the kit's own runtime, here: it must load everything and stop at the missing GPU with exit 3
"$STAGE/jre/bin/java" --enable-native-access=ALL-UNNAMED -cp "$KIT/r1j-cuda.jar" org.r1j.cuda.check.DeviceCheck \
  --goldens "$STAGE/goldens" --out "$STAGE/selfcheck" > "$STAGE/selfcheck.log" 2>&1 && rc=0 || rc=$?
if [ "$rc" = 3 ]; then
  echo "kit: self-check on this machine: $(grep -m1 'No usable GPU' "$STAGE/selfcheck/device-check.md")"
elif [ "$rc" = 0 ]; then
  echo "kit: self-check ran on a GPU here and passed"
else
  echo "kit: self-check failed (exit $rc):" >&2
  cat "$STAGE/selfcheck.log" >&2
  exit 1
fi

du -b "$KIT"/* | awk '{printf "kit: %8.2f MiB  %s\n", $1 / 1048576, $2}'
TOTAL="$(du -cb "$KIT"/* | tail -n 1 | cut -f1)"
TREE="$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -n 1 | cut -f1)"
printf 'kit: %.2f MiB in all; with the tracked tree (%.2f MiB) a run sends %.2f MiB (limit 64)\n' \
  "$(echo "$TOTAL / 1048576" | bc -l)" "$(echo "$TREE / 1048576" | bc -l)" "$(echo "($TOTAL + $TREE) / 1048576" | bc -l)"
if [ "$TOTAL" -gt $((LIMIT_MIB * 1048576)) ]; then
  echo "kit: over the ${LIMIT_MIB} MiB budget" >&2
  exit 1
fi
