#!/usr/bin/env bash
# r1j's device kit, on the GPU machine (one NVIDIA GPU, CUDA 13 driver, python3 with PyTorch; no JDK, no network).
# This file is the bundle's run.sh (scripts/device-kit.sh copies it in); it runs from the bundle, wherever that is:
#   bash <bundle>/run.sh RESULTS_DIR
# Steps, each under its own time limit and all inside one 8-minute budget, so one hang cannot eat the others:
#   1 probe       nvidia-smi, PyTorch's view of the GPU, the Java runtime, where cuBLAS was found
#   2 ops         DeviceCheck: every kernel vs the CPU goldens, cuBLAS vs an f64 host GEMM, kernel/GEMM throughput
#   3 parity      GrpoParity: 20 GRPO steps of the tiny demo decoder on the cuda backend vs the CPU run in the bundle
#   4 bench       ModelBenchOnDevice: small and Qwen2.5-0.5B-shaped (f32, and bf16 GEMMs), r1j vs PyTorch eager on
#                 this GPU; ratios last
#   5 torch-ops   torch_ops.py: PyTorch on DeviceCheck's benchmark plan (only with time left)
# RESULTS_DIR gets at most 5 files (the device tool brings back 8): summary.md (everything, ratios last),
# results.json (every step's figures), run.log, details.tar.gz (every step's own files), and nvidia-smi.txt.
# Exit: 0 every check passed; 1 a check failed or a step did not finish; 2 the bundle is broken; 3 no usable GPU
# here (one line says why; nothing after the probe runs).
# Knobs for a dry run on the host stand-in for libcuda (cuda/kit/dry-run.sh): R1J_KIT_SHRINK=1 (tiny sizes),
# R1J_KIT_TORCH_DEVICE (default cuda), R1J_KIT_BUDGET_S (default 470).
set -uo pipefail
KIT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-${OUT:-}}"
[ -n "$OUT" ] || { echo "usage: bash run.sh RESULTS_DIR" >&2; exit 2; }
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d)"
RES="$WORK/results"          # every step's own files, packed into details.tar.gz after each step
mkdir -p "$RES"
exec > >(tee "$OUT/run.log") 2>&1
T0=$(date +%s)
BUDGET="${R1J_KIT_BUDGET_S:-470}"
SHRINK="${R1J_KIT_SHRINK:-0}"
TORCH_DEVICE="${R1J_KIT_TORCH_DEVICE:-cuda}"
elapsed() { echo $(( $(date +%s) - T0 )); }
say() { echo "[$(elapsed)s] $*"; }
pack() { tar -C "$WORK" -czf "$OUT/details.tar.gz.tmp" results && mv "$OUT/details.tar.gz.tmp" "$OUT/details.tar.gz"; }
STEPS=()                     # "name|exit|seconds|limit"

# limit NAME MAX: a step's time limit, MAX or what is left of the budget (less 10 s for the summary)
limit() {
  local left=$(( BUDGET - $(elapsed) - 10 ))
  [ "$left" -lt "$1" ] && echo "$left" || echo "$1"
}

# step NAME MAX CMD...: runs CMD under its limit, its output into results/NAME.log (and this log)
step() {
  local name="$1" max="$2"; shift 2
  local lim; lim="$(limit "$max")"
  if [ "$lim" -lt 5 ]; then
    say "step $name skipped: the budget is spent"
    STEPS+=("$name|skipped|0|0"); return 99
  fi
  say "step $name (limit ${lim}s): ${*//"$CP"/\$CP}"
  local s; s=$(date +%s)
  timeout --kill-after=5 "$lim" "$@" 2>&1 | tee "$RES/$name.log"
  local rc=${PIPESTATUS[0]}
  STEPS+=("$name|$rc|$(( $(date +%s) - s ))|$lim")
  say "step $name exit $rc$([ "$rc" = 124 ] && echo ' (time limit)')"
  pack
  return $rc
}

summary() {
  local rc="$1"
  {
    echo "# r1j device kit: results"
    echo
    echo "bundle: $(head -n 1 "$KIT/MANIFEST.txt" 2>/dev/null)"
    echo "machine: $(grep -m1 -E 'NVIDIA|Driver' "$OUT/nvidia-smi.txt" 2>/dev/null | tr -s ' ' || echo 'no nvidia-smi')"
    [ "$SHRINK" = 1 ] && echo && echo "**Dry run with shrunk sizes (R1J_KIT_SHRINK=1): not a measurement.**"
    echo
    echo "| step | exit | seconds | limit |"
    echo "| --- | --- | --- | --- |"
    for s in "${STEPS[@]}"; do IFS='|' read -r n e t l <<<"$s"; echo "| $n | $e | $t | $l |"; done
    for f in probe.txt device-check.md grpo-parity.md torch-ops-comparison.md bench.md; do
      [ -f "$RES/$f" ] && { echo; cat "$RES/$f"; }
    done
    echo
    echo "exit $rc after $(elapsed) s"
  } > "$OUT/summary.md"
  python3 - "$RES" "$OUT/results.json" "$rc" "${STEPS[@]}" <<'PY' 2>/dev/null || true
import json, os, sys
res, out, rc, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
doc = {"exit": rc, "steps": [dict(zip(["name", "exit", "seconds", "limit"], s.split("|"))) for s in steps]}
for name in ["device-check.json", "grpo-parity.json", "bench.json", "torch-ops.json"]:
    p = os.path.join(res, name)
    if os.path.exists(p):
        try:
            doc[name[:-5]] = json.load(open(p))
        except ValueError as e:
            doc[name[:-5]] = {"error": "unreadable: %s" % e}
json.dump(doc, open(out, "w"), indent=1)
PY
  pack
  rm -rf "$WORK"
}

finish() { summary "$1"; say "done: exit $1 (summary.md, results.json, run.log, details.tar.gz in $OUT)"; exit "$1"; }

# ---- 0: unpack ----
unpack() {   # tar with xz, else python3's tarfile
  tar -C "$WORK" -xJf "$1" 2>/dev/null || python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$1" "$WORK"
}
for t in jre lib goldens; do
  unpack "$KIT/$t.tar.xz" || { say "r1j device kit: cannot unpack $KIT/$t.tar.xz (the bundle is broken)"; finish 2; }
done
JAVA="$WORK/jre/bin/java"
CP="$(ls "$WORK"/lib/*.jar | paste -sd:)"
JVM=("$JAVA" -Xmx16g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$CP")

# ---- 1: probe ----
export R1J_PYTHON="${R1J_PYTHON:-$(command -v python3)}"
PY="$R1J_PYTHON"
{
  echo "## Probe"
  echo
  echo "- bundle: $(head -n 1 "$KIT/MANIFEST.txt" 2>/dev/null)"
  echo "- java: $("$JAVA" -version 2>&1 | head -n 1)"
  if nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1; then
    echo "- nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader 2>&1 | head -n 1)"
  else
    echo "- nvidia-smi: not found or failed"
  fi
  echo "- pytorch: $("$PY" -c 'import torch; print(torch.__version__, "cuda", torch.version.cuda, "available:", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")' 2>&1 | tail -n 1)"
} > "$RES/probe.txt" 2>&1
# cuBLAS 13 may live only in PyTorch's nvidia-* wheels: name their folders for the library search
WHEEL_LIBS="$("$PY" - <<'PY' 2>/dev/null
import glob, os, site
dirs = set()
for s in site.getsitepackages() + [site.getusersitepackages()]:
    for f in glob.glob(os.path.join(s, "nvidia", "*", "lib", "libcublas*.so*")) + glob.glob(os.path.join(s, "torch", "lib", "libcublas*.so*")):
        dirs.add(os.path.dirname(f))
print(":".join(sorted(dirs)))
PY
)"
export R1J_CUDA_LIBRARY_PATH="${R1J_CUDA_LIBRARY_PATH:-}${WHEEL_LIBS:+:$WHEEL_LIBS}"
echo "- R1J_CUDA_LIBRARY_PATH=$R1J_CUDA_LIBRARY_PATH" >> "$RES/probe.txt"
cat "$RES/probe.txt"
STEPS+=("probe|0|$(elapsed)|-")
pack

# ---- 2: every op against the CPU goldens (stops the kit cleanly where there is no GPU) ----
DC_ARGS=(--goldens "$WORK/goldens" --out "$RES" --reps 10)   # 10 timed calls per benchmark: the step has 110 s
[ "$SHRINK" = 1 ] && DC_ARGS=(--goldens "$WORK/goldens" --out "$RES" --reps 1 --shrink 64)
step ops 110 "${JVM[@]}" org.r1j.cuda.check.DeviceCheck "${DC_ARGS[@]}"
OPS=$?
if [ "$OPS" = 3 ]; then
  why="$(grep -m1 -h -o 'No usable GPU.*' "$RES/device-check.md" "$RES/ops.log" 2>/dev/null | head -n 1 | sed 's/^No usable GPU:[* ]*//')"
  echo "r1j device kit: no usable GPU here (${why:-see run.log}); steps 2-5 need one (exit 3)"
  finish 3
fi
FAILED=0
[ "$OPS" = 0 ] || FAILED=1

# ---- 3: GRPO parity with the CPU run recorded when the bundle was built ----
step parity 90 "${JVM[@]}" org.r1j.cuda.check.GrpoParity compare --backend cuda --reward "$KIT/parity.reward" \
  --golden "$KIT/grpo-golden.json" --out "$RES" || FAILED=1

# ---- 4: benchmarks side by side with PyTorch eager on the same GPU ----
BENCH_SHRINK=()
[ "$SHRINK" = 1 ] && BENCH_SHRINK=(--shrink)
# rows: preset:precision:r1j limit:PyTorch limit (f32 first: the parity-grade comparison; bf16 for the MFU target)
for p in small:f32:50:45 qwen2.5-0.5b:f32:120:70 qwen2.5-0.5b:bf16:90:60; do
  IFS=: read -r preset precision r1j_max torch_max <<<"$p"
  row="$preset$([ "$precision" = f32 ] || echo "-$precision")"
  step "bench-r1j-$row" "$r1j_max" "${JVM[@]}" org.r1j.cuda.check.ModelBenchOnDevice run --preset "$preset" --side r1j \
    --precision "$precision" --out "$RES/r1j-$row.json" "${BENCH_SHRINK[@]}" || FAILED=1
  step "bench-torch-$row" "$torch_max" "${JVM[@]}" org.r1j.cuda.check.ModelBenchOnDevice run --preset "$preset" --side torch \
    --precision "$precision" --torch-device "$TORCH_DEVICE" --out "$RES/torch-$row.json" "${BENCH_SHRINK[@]}" || FAILED=1
done

# ---- 5: PyTorch on DeviceCheck's plan (the op-level comparison), with what time is left ----
TO_ARGS=(--plan "$KIT/bench-plan.json" --goldens "$WORK/goldens" --java "$RES/device-check.json" --out "$WORK/torch-ops" --reps 20 --device "$TORCH_DEVICE")
[ "$SHRINK" = 1 ] && TO_ARGS+=(--shrink 64 --reps 1)
mkdir -p "$WORK/torch-ops"
step torch-ops 60 "$PY" "$KIT/torch_ops.py" "${TO_ARGS[@]}"
for f in torch-ops.json comparison.md; do [ -f "$WORK/torch-ops/$f" ] && cp "$WORK/torch-ops/$f" "$RES/${f/comparison/torch-ops-comparison}"; done

# the side-by-side table and the ratios come last
"${JVM[@]}" org.r1j.cuda.check.ModelBenchOnDevice report --in "$RES" --out "$RES" > "$RES/report.log" 2>&1 || FAILED=1
finish "$FAILED"
