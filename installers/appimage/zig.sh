#!/usr/bin/env bash
# Installs (once) Zig's toolchain from PyPI (`ziglang`, a pinned release) into the build cache and prints
# the zig binary. The wheel carries glibc stubs for every version, which is what lets python.sh link
# against glibc 2.28 on a newer build host.
set -euo pipefail
cache="${CLERK_BUILD_CACHE:-$HOME/.cache/clerk-build}"
version=0.14.1
dir="$cache/zig-$version"
if [ ! -x "$dir/ziglang/zig" ]; then
  rm -rf "$dir.tmp"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$dir.tmp" "ziglang==$version" >&2
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
fi
echo "$dir/ziglang/zig"
