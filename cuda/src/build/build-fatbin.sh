#!/usr/bin/env bash
# Rebuilds the committed fatbin of r1j's CUDA kernels from src/main/cuda with nvcc (CUDA 13):
#   SASS for sm_80 (A100), sm_86 (RTX 30xx, A40), sm_89 (RTX 40xx, L40), sm_90 (H100/H200), and PTX for compute_80,
#   which newer GPUs JIT-compile (PTX of an older ISA runs on newer drivers; PTX 9.0 would need driver >= 580).
# It writes src/main/resources/org/r1j/cuda/r1j_kernels.fatbin and, beside it, r1j_kernels.fatbin.stamp with the
# hash of the sources; FatbinCurrentTest fails when the sources change and this script was not run again.
# Usage: cuda/src/build/build-fatbin.sh   (NVCC=/path/to/nvcc to pick another compiler)
set -euo pipefail
cd "$(dirname "$0")/../.."
NVCC="${NVCC:-nvcc}"
command -v "$NVCC" >/dev/null || { echo "build-fatbin: no nvcc ('$NVCC'); install the CUDA 13 toolkit or set NVCC" >&2; exit 2; }
OUT=src/main/resources/org/r1j/cuda
mkdir -p "$OUT"
GENCODE=(
  -gencode arch=compute_80,code=sm_80
  -gencode arch=compute_86,code=sm_86
  -gencode arch=compute_89,code=sm_89
  -gencode arch=compute_90,code=sm_90
  -gencode arch=compute_80,code=compute_80
)
FLAGS=(-std=c++17 -O3 --fatbin)
"$NVCC" "${FLAGS[@]}" "${GENCODE[@]}" -o "$OUT/r1j_kernels.fatbin" src/main/cuda/r1j_kernels.cu
# the sources' hash: sha256 of `sha256sum` over the sources in C-locale order (FatbinStamp computes the same)
HASH=$(cd src/main/cuda && find . -type f \( -name '*.cu' -o -name '*.cuh' \) | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
{
  echo "# written by cuda/src/build/build-fatbin.sh; checked by FatbinCurrentTest"
  echo "sources.sha256=$HASH"
  echo "nvcc=$("$NVCC" --version | tail -n 1)"
  echo "flags=${FLAGS[*]} ${GENCODE[*]}"
  echo "images=sm_80 sm_86 sm_89 sm_90 compute_80"
} > "$OUT/r1j_kernels.fatbin.stamp"
echo "build-fatbin: $(wc -c < "$OUT/r1j_kernels.fatbin") bytes, sources $HASH"
