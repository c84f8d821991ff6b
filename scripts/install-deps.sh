#!/usr/bin/env bash
# Installs what perfgate needs to build and test, from Debian 12 packages.
# Does nothing when everything is already there. With --reference it also
# installs the tools perfgate is measured against (compare.py with SciPy).
set -euo pipefail

packages=(
  g++ cmake make pkg-config git jq procps
  libbenchmark-dev nlohmann-json3-dev libcli11-dev libgit2-dev catch2 libtomlplusplus-dev
)
if [[ "${1:-}" == "--reference" ]]; then
  packages+=(libbenchmark-tools python3-scipy bc)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >&2
