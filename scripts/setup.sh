#!/usr/bin/env bash
# Set-up on a fresh Debian 12 or Ubuntu 24.04 machine (on Ubuntu 22.04, from a handout or a
# platform bundle): installs the dependencies, builds the solution build (the student build
# in a handout) and prints the gradient checks of every layer and loss.
#   scripts/setup.sh                        everything
#   scripts/setup.sh --deps-only            only the packages
#   scripts/setup.sh --deps-only --grading  only what building and grading need: no browser,
#                                           benchmark library or similarity tester (the course
#                                           platforms' images and GitHub Classroom use this)
#   scripts/setup.sh --bench                also python3-torch, for bench/run.py's PyTorch columns
#                                           (a large download; the benchmark runs without it)
# A package the build needs but this system's package lists lack stops the set-up with its
# name; a missing extra is skipped with a note (what uses it then skips or says so).
set -euo pipefail
cd "$(dirname "$0")/.."

needed=(
  cmake g++ make pkg-config
  libarmadillo-dev libopenblas-dev libfmt-dev libgtest-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev zlib1g-dev
  bubblewrap zip unzip  # the grader's sandbox; the platform bundles
)
extras=(
  dataset-fashion-mnist  # the full Fashion-MNIST: lab 11's held-out item tests on images of it
                         # (that one item cannot be graded without it); its programs train on it
  similarity-tester      # grader batch's table of similar submissions (sim_c++)
  chromium               # the grader's tests render the HTML report in it (headless)
  libbenchmark-dev       # bench/ builds bench_layers only when it is installed
)
deps_only=false grading=false
for arg in "$@"; do
  case "$arg" in
    --deps-only) deps_only=true ;;
    --grading) grading=true ;;
    --bench) extras+=(python3-torch) ;;
    *) echo "scripts/setup.sh: unknown option $arg (see the top of the script)" >&2; exit 2 ;;
  esac
done
$grading && extras=(dataset-fashion-mnist)
# The repository, a handout and a platform bundle carry toml++'s headers (third_party/):
# its package is then an extra, which Ubuntu 22.04 lacks.
if [ -f third_party/toml++/toml.h ]; then
  kept=()
  for p in "${needed[@]}"; do [ "$p" = libtomlplusplus-dev ] || kept+=("$p"); done
  needed=("${kept[@]}") extras+=(libtomlplusplus-dev)
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
available() {
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

missing=()
for p in "${needed[@]}" "${extras[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  install=() absent=()
  for p in "${missing[@]}"; do
    if available "$p"; then install+=("$p"); else absent+=("$p"); fi
  done
  for p in "${absent[@]}"; do
    if [[ " ${needed[*]} " == *" $p "* ]]; then
      echo "scripts/setup.sh: this system's package lists have no $p, which the build needs." >&2
      echo "  Backprop Lab is built and tested on Debian 12; Ubuntu 24.04 has every package it" >&2
      echo "  needs; Ubuntu 22.04 lacks libtomlplusplus-dev, whose headers third_party/ carries" >&2
      echo "  (restore it if it is missing). On Ubuntu, enable 'universe'." >&2
      exit 1
    fi
    echo "Skipping $p: not in this system's package lists (an extra: see scripts/setup.sh)."
  done
  if ((${#install[@]})); then
    echo "Installing: ${install[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${install[@]}"
  fi
fi
$deps_only && exit 0

preset=solution
[ -d solutions ] || preset=student  # a student handout has no solutions/
cmake --preset "$preset"
cmake --build --preset "$preset"
"./build/$preset/apps/check_gradients" || true  # a table to read, not a gate
