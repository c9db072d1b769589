#!/usr/bin/env bash
# Set-up on a fresh Debian 12 machine: installs the dependencies, builds the
# solution build (the student build in a handout) and prints the gradient checks
# of every layer and loss.
#   scripts/setup.sh              everything
#   scripts/setup.sh --deps-only  only the Debian packages
#   scripts/setup.sh --bench      also python3-torch, for bench/run.py's PyTorch columns
#                                 (a large download; the benchmark runs without it)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config
  libarmadillo-dev libopenblas-dev libfmt-dev libgtest-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev zlib1g-dev
  bubblewrap similarity-tester zip unzip
  chromium  # the grader's tests render the HTML report in it (headless, no network)
  dataset-fashion-mnist
  libbenchmark-dev  # optional: bench/ builds bench_layers only when it is installed
)
for arg in "$@"; do [ "$arg" = "--bench" ] && packages+=(python3-torch); done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
for arg in "$@"; do [ "$arg" = "--deps-only" ] && exit 0; done

preset=solution
[ -d solutions ] || preset=student  # a student handout has no solutions/
cmake --preset "$preset"
cmake --build --preset "$preset"
"./build/$preset/apps/check_gradients" || true  # a table to read, not a gate
