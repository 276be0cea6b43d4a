#!/usr/bin/env bash
# Prints the directory to put first on LD_LIBRARY_PATH so that numpy and Debian's PyTorch call OpenBLAS rather than
# the reference BLAS (about 7 GFLOP/s, which would make any comparison meaningless): nothing when the system has
# OpenBLAS installed; otherwise Debian's libopenblas0-pthread unpacked into the directory given as $1 (apt-get
# download; nothing is installed). Shared by bench/compare_sklearn.sh, bench/compare_round2.sh and bench/compare.sh.
set -euo pipefail
dir="$1"
if ls /usr/lib/x86_64-linux-gnu/openblas*/libblas.so.3 > /dev/null 2>&1; then exit 0; fi
if [[ ! -d "$dir/openblas" ]]; then
  ( cd "$dir" && apt-get download libopenblas0-pthread > /dev/null 2>&1 && dpkg-deb -x libopenblas0-pthread_*.deb openblas ) \
    || { echo "fetch_openblas.sh: no OpenBLAS installed and apt-get download libopenblas0-pthread failed" >&2; exit 1; }
fi
echo "$dir/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
