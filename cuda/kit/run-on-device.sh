#!/usr/bin/env bash
# r1j's device check on a GPU machine (one NVIDIA GPU, CUDA 13 driver, python3 with PyTorch; no JDK, no network),
# from the repository root of a copy of the working tree with the kit built by cuda/kit/build-kit.sh carried in
# cuda/target/kit. Writes everything to $OUT (or $1): run.log, nvidia-smi.txt, device-check.{json,md} (Java: probe,
# every kernel vs the Java reference, cuBLAS vs host GEMM, throughput), torch-ops.json and comparison.md (PyTorch
# on the same cases). Each half has its own time limit so one hang cannot eat the other's report.
set -uo pipefail
cd "$(dirname "$0")/../.."
KIT="${R1J_KIT:-cuda/target/kit}"
OUT="${1:-${OUT:-/tmp/r1j-device-out}}"
mkdir -p "$OUT"
exec > >(tee "$OUT/run.log") 2>&1
T0=$(date +%s)
say() { echo "[$(( $(date +%s) - T0 ))s] $*"; }

say "kit: $(ls -l "$KIT" 2>&1 | tr '\n' ' ')"
nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1 && say "$(grep -m1 -E 'Driver Version' "$OUT/nvidia-smi.txt")" || say "no nvidia-smi"

WORK="$(mktemp -d)"
unpack() {   # tar with xz, else python3's tarfile
  tar -C "$WORK" -xJf "$1" 2>/dev/null || python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$1" "$WORK"
}
unpack "$KIT/jre.tar.xz" && unpack "$KIT/goldens.tar.xz" || { say "cannot unpack the kit"; exit 2; }
say "unpacked: $("$WORK/jre/bin/java" -version 2>&1 | head -n 1)"

# cuBLAS 13 may live only in PyTorch's nvidia-* wheels: name their folders for the library search
WHEEL_LIBS="$(python3 - <<'PY' 2>/dev/null
import glob, os, site
dirs = set()
for s in site.getsitepackages() + [site.getusersitepackages()]:
    for f in glob.glob(os.path.join(s, "nvidia", "*", "lib", "libcublas*.so*")) + glob.glob(os.path.join(s, "torch", "lib", "libcublas*.so*")):
        dirs.add(os.path.dirname(f))
print(":".join(sorted(dirs)))
PY
)"
export R1J_CUDA_LIBRARY_PATH="${R1J_CUDA_LIBRARY_PATH:-}${WHEEL_LIBS:+:$WHEEL_LIBS}"
say "R1J_CUDA_LIBRARY_PATH=$R1J_CUDA_LIBRARY_PATH"

say "java device check"
timeout 300 "$WORK/jre/bin/java" -Xmx24g --enable-native-access=ALL-UNNAMED -cp "$KIT/r1j-cuda.jar" \
  org.r1j.cuda.check.DeviceCheck --goldens "$WORK/goldens" --out "$OUT" --reps 20
JAVA_RC=$?
say "java device check exit $JAVA_RC (0 all agreed, 1 a check failed, 3 no usable GPU, 124 timeout)"

say "pytorch on the same cases"
timeout 200 python3 cuda/kit/torch_ops.py --plan "$KIT/bench-plan.json" --goldens "$WORK/goldens" --java "$OUT/device-check.json" \
  --out "$OUT" --reps 20
TORCH_RC=$?
say "pytorch exit $TORCH_RC"
rm -rf "$WORK"
say "done in $(( $(date +%s) - T0 )) s: java $JAVA_RC, torch $TORCH_RC"
[ "$JAVA_RC" = 0 ] && [ "$TORCH_RC" = 0 ]
