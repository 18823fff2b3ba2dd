#!/usr/bin/env bash
# Builds r1j's device kit on this CPU machine: one folder (default cuda/target/device-kit) that proves the CUDA
# backend on a GPU machine in one call. That machine has no JDK and no network, and a call carries at most 64 MiB:
# the tracked working tree plus this folder. Usage: scripts/device-kit.sh [DIR]   (DIR inside the checkout, ignored
# by git, so the device call can carry it). The one call (cuda/README.md):
#   run(command="bash cuda/target/device-kit/run.sh \"$OUT\"", carry=["cuda/target/device-kit"], timeout_s=540)
#
# Into DIR:
#   run.sh            cuda/kit/run.sh: probe, ops, GRPO parity, benchmarks vs PyTorch (see its header)
#   jre.tar.xz        a jlink'd JDK 25 runtime with the modules jdeps finds in the jars below
#   lib.tar.xz        the jars of the CUDA path (cuda, trainer, reward-dsl and their run-time dependencies, repacked
#                     uncompressed so xz sees the class files), without ND4J's natives, OpenBLAS, JavaCPP's natives,
#                     DJL's tokenizers, tablesaw and its charts (the training path needs none of them)
#   goldens.tar.xz    the kernels' golden cases (inputs + trainer's Java reference outputs, from HostKernelsTest)
#   grpo-golden.json  20 GRPO steps recorded here on the nd4j backend (GrpoParity record)
#   parity.reward, bench-plan.json, torch_ops.py, MANIFEST.txt
# Before packing it checks the parity program on two CPU backends (simd against the nd4j recording: the limits must
# hold between two f32 implementations), and afterwards runs the bundle's own run.sh here, which must stop at
# "no usable GPU" with exit 3. It fails when the folder is over 60 MiB or the carry (tree + folder) over 62 MiB.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
KIT="${1:-cuda/target/device-kit}"
mkdir -p "$KIT"
KIT="$(cd "$KIT" && pwd)"
JAVA_HOME="$(.mvn/find-jdk)"
export JAVA_HOME
LIMIT_KIT_MIB=60
LIMIT_CARRY_MIB=62
T0=$(date +%s)
say() { echo "kit [$(( $(date +%s) - T0 ))s]: $*"; }
case "$KIT/" in
  "$ROOT"/*) git check-ignore -q "$KIT" || say "warning: $KIT is not ignored by git: the device call would carry it twice" ;;
  *) say "warning: $KIT is outside the checkout; the device call carries only paths inside it" ;;
esac

say "building cuda, trainer, reward-dsl (and the kernels' goldens: HostKernelsTest)"
./mvnw -B -q -pl cuda -am package -Dtest=HostKernelsTest -Dsurefire.failIfNoSpecifiedTests=false \
  dependency:build-classpath -Dmdep.outputFile=target/kit.classpath -Dmdep.includeScope=runtime
GOLDENS=cuda/target/cuda-goldens
[ -d "$GOLDENS" ] || { echo "kit: $GOLDENS missing (HostKernelsTest did not run: is g++ installed?)" >&2; exit 2; }

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
find "$KIT" -mindepth 1 -delete

# ---- the jars: the CUDA path's, and the dev class path (with ND4J's natives) for the CPU recording ----
DEV_CP="$(ls cuda/target/cuda-*.jar | grep -v -- '-tests' | head -n 1):$(ls trainer/target/trainer-*.jar | grep -v -- '-tests' | head -n 1):$(cat trainer/target/kit.classpath)"
# Left out, by artifact. ND4J's CPU backend: its natives, OpenBLAS, JavaCPP's natives, and what only ND4J's own
# machinery loads (its shaded jackson/protobuf/guava, flatbuffers, oshi + JNA, ...): the CUDA path uses nd4j-api
# for its DataType enum only. These come back, as NATIVE_CP, for the CPU recording below. Not needed at all: DJL
# (Hugging Face tokenizers; the demo model has a character tokenizer), tablesaw and its charts (reports), test jars.
ND4J_BACKEND='/nd4j-native|/openblas-|/javacpp-[0-9.]+-linux|/org/nd4j/(jackson|protobuf|guava|nd4j-presets-common)/|/flatbuffers-|/byteunits-|/commons-net-|/neoitertools-|/commons-compress-|/commons-codec-|/commons-collections4-|/oshi-|/jna|/threetenbp-'
NOT_NEEDED='/tokenizers-|/ai/djl/|/gson-|/tablesaw-|/fastutil-|/RoaringBitmap-|/univocity-|/icu4j-|/classgraph-|/pebble-|/unbescape-|/com/google/guava/|/checker-qual-|/error_prone|/j2objc|/jsr305-|/failureaccess-|/listenablefuture-|/junit|/opentest4j-|/apiguardian-'
mkdir -p "$STAGE/lib"
tr ':' '\n' <<<"$DEV_CP" | grep -vE "$ND4J_BACKEND|$NOT_NEEDED" > "$STAGE/kept.txt"
tr ':' '\n' <<<"$DEV_CP" | grep -E "$ND4J_BACKEND|$NOT_NEEDED" | sed 's:.*/::' > "$STAGE/left-out.txt"
NATIVE_CP="$(tr ':' '\n' <<<"$DEV_CP" | grep -E "$ND4J_BACKEND" | paste -sd:)"
python3 - "$STAGE/lib" "$STAGE/kept.txt" <<'PY'
# each jar rewritten with its entries stored (not deflated): xz over the whole folder then sees the class files
import os, sys, zipfile
out = sys.argv[1]
for line in open(sys.argv[2]):
    src = line.strip()
    if not src:
        continue
    dst = os.path.join(out, os.path.basename(src))
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            info.compress_type = zipfile.ZIP_STORED
            zo.writestr(info, data)
PY
KIT_CP="$(ls "$STAGE"/lib/*.jar | paste -sd:)"
say "$(wc -l < "$STAGE/kept.txt") jars kept, $(wc -l < "$STAGE/left-out.txt") left out ($(paste -sd' ' "$STAGE/left-out.txt" | cut -c1-200)...)"

# ---- the runtime ----
# jdeps walks from r1j's own jars through the kept ones (it cannot take nd4j-api's split packages as a root);
# java.desktop is dropped (6 MiB): only snakeyaml's JavaBean introspector needs it (java.beans), and r1j reads YAML
# through Jackson's parser. The CPU recording below runs on this runtime, so a missing module fails the build here.
R1J_JARS=("$STAGE"/lib/cuda-*.jar "$STAGE"/lib/trainer-*.jar "$STAGE"/lib/reward-dsl-*.jar)
MODULES="$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 --class-path "$KIT_CP" "${R1J_JARS[@]}" \
  | tr ',' '\n' | grep -vx java.desktop | paste -sd,)"
say "jlink runtime with $MODULES"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=zip-0 \
  --output "$STAGE/jre"

# ---- the CPU recording of GRPO, and the parity program checked between two CPU backends ----
# on the bundle's runtime and jars, plus ND4J's CPU backend (NATIVE_CP), which the recording computes on.
# One OpenMP thread for libnd4j, so the recording (the reference a GPU is judged against) is the same on every
# machine. (More threads sum in another order; until 2026-12-04 they also raced in the embedding's scatter-add, which
# moved the simd-vs-nd4j step-0 grad norm by up to 4.5x its 1e-4 limit from run to run: Nd4jEmbedding now locks it.)
DEV_JVM=(env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$STAGE/jre/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector
  --sun-misc-unsafe-memory-access=allow -cp "$KIT_CP:$NATIVE_CP")
say "recording 20 GRPO steps on the CPU (nd4j backend)"
"${DEV_JVM[@]}" org.r1j.cuda.check.GrpoParity record --backend nd4j --reward cuda/kit/parity.reward --out "$KIT/grpo-golden.json"
say "the parity limits between two CPU backends (simd vs the nd4j recording)"
"${DEV_JVM[@]}" org.r1j.cuda.check.GrpoParity compare --backend simd --reward cuda/kit/parity.reward \
  --golden "$KIT/grpo-golden.json" --out "$STAGE/calibration" > "$STAGE/calibration.log" 2>&1 \
  || { cat "$STAGE/calibration.log" >&2; echo "kit: GRPO parity fails between two CPU backends" >&2; exit 1; }
grep -E "worst metric|max \|diff\|" "$STAGE/calibration/grpo-parity.md" | sed 's/^/kit:   simd vs nd4j: /'

# ---- pack ----
tar -C "$STAGE" -cJf "$KIT/jre.tar.xz" jre
tar -C "$STAGE" -cJf "$KIT/lib.tar.xz" lib
mkdir -p "$STAGE/goldens"
for d in "$GOLDENS"/*/; do   # the golden cases without the host build's outputs
  n="$(basename "$d")"
  mkdir -p "$STAGE/goldens/$n"
  cp "$d"case.txt "$d"in_*.bin "$d"expect_*.bin "$STAGE/goldens/$n/"
done
tar -C "$STAGE" -cJf "$KIT/goldens.tar.xz" goldens
"${DEV_JVM[@]}" org.r1j.cuda.check.DeviceCheck --plan "$KIT/bench-plan.json"
cp cuda/kit/run.sh cuda/kit/parity.reward cuda/kit/torch_ops.py "$KIT/"
chmod +x "$KIT/run.sh"
{
  echo "r1j device kit of $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!*.ipynb' || echo '+changes'), built $(date -u +%FT%TZ) on $(uname -m)"
  echo "runtime modules: $MODULES"
  echo "jars:"; sed 's:.*/:  :' "$STAGE/kept.txt"
  echo "left out:"; sed 's:^:  :' "$STAGE/left-out.txt"
} > "$KIT/MANIFEST.txt"

# ---- the bundle's own run.sh, here: it must stop at the missing GPU, exit 3 ----
say "the bundle's run.sh on this machine (expects: no usable GPU, exit 3)"
bash "$KIT/run.sh" "$STAGE/selfcheck" > "$STAGE/selfcheck.log" 2>&1 && rc=0 || rc=$?
if [ "$rc" = 3 ]; then
  say "self-check: $(grep -m1 'r1j device kit: no usable GPU' "$STAGE/selfcheck.log")"
elif [ "$rc" = 0 ]; then
  say "self-check ran on a GPU here and passed"
else
  cat "$STAGE/selfcheck.log" >&2
  echo "kit: the bundle's run.sh failed here (exit $rc; log above)" >&2
  exit 1
fi

# ---- sizes ----
du -b "$KIT"/* | awk '{printf "kit: %8.2f MiB  %s\n", $1 / 1048576, $2}'
TOTAL="$(du -cb "$KIT"/* | tail -n 1 | cut -f1)"
TREE="$(git ls-files -z -co --exclude-standard | xargs -0 du -cb 2>/dev/null | awk '$2 == "total" {s += $1} END {print s}')"
CARRY=$((TOTAL + TREE))
mib() { awk -v b="$1" 'BEGIN {printf "%.2f", b / 1048576}'; }
say "bundle $(mib "$TOTAL") MiB (limit $LIMIT_KIT_MIB); tracked tree $(mib "$TREE") MiB; carry total $(mib "$CARRY") MiB (limit $LIMIT_CARRY_MIB of the device call's 64)"
if [ "$TOTAL" -gt $((LIMIT_KIT_MIB * 1048576)) ]; then echo "kit: the bundle is over $LIMIT_KIT_MIB MiB" >&2; exit 1; fi
if [ "$CARRY" -gt $((LIMIT_CARRY_MIB * 1048576)) ]; then echo "kit: tree + bundle is over $LIMIT_CARRY_MIB MiB" >&2; exit 1; fi
REL="${KIT#"$ROOT"/}"
say "done. The one device call: run(command=\"bash $REL/run.sh \\\"\$OUT\\\"\", carry=[\"$REL\"], timeout_s=540)"
