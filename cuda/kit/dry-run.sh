#!/usr/bin/env bash
# A dry run of the bundle's run.sh on this CPU machine: the host stand-in for libcuda/libcublas
# (cuda/src/test/cuda/fake_cuda.cpp, which the cuda module's tests build into cuda/target/fake-cuda) plays the GPU,
# the sizes are shrunk (R1J_KIT_SHRINK=1) and PyTorch runs on the CPU. It runs every step on the bundle's own
# runtime and class path (no ND4J natives there), so it proves the glue and the packing, never a GPU figure.
# usage: cuda/kit/dry-run.sh [BUNDLE [RESULTS_DIR]]   (defaults cuda/target/device-kit, cuda/target/device-kit-dry-run)
set -euo pipefail
cd "$(dirname "$0")/../.."
KIT="${1:-cuda/target/device-kit}"
OUT="${2:-cuda/target/device-kit-dry-run}"
FAKE="$PWD/cuda/target/fake-cuda"
if [ ! -f "$FAKE/libcuda.so.1" ]; then
  echo "dry run: $FAKE/libcuda.so.1 missing; the cuda tests build it:" \
    "./mvnw -B -q -pl cuda -am test -Dtest=CudaBackendTest -Dsurefire.failIfNoSpecifiedTests=false" >&2
  exit 2
fi
rm -rf "$OUT"
R1J_CUDA_LIBRARY_PATH="$FAKE" R1J_KIT_SHRINK=1 R1J_KIT_TORCH_DEVICE=cpu R1J_PYTHON="${R1J_PYTHON:-/usr/bin/python3}" \
  bash "$KIT/run.sh" "$OUT"
