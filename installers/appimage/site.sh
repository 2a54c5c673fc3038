#!/usr/bin/env bash
# Installs (once per dependency set, then reuses) the counter's dependencies for one target into a
# folder for the AppDir: wheels only, for CPython 3.11 on manylinux tags no newer than the target's glibc
# floor, PySide6 pinned per target (constraints-ARCH.txt). The center extra is not installed.
# Usage: site.sh PYTHON x86_64|aarch64   (PYTHON runs pip and reads pyproject.toml; prints the folder)
set -euo pipefail
py="$1" arch="$2"
here="$(cd "$(dirname "$0")" && pwd)"
cache="${CLERK_BUILD_CACHE:-$HOME/.cache/clerk-build}"
case "$arch" in x86_64) floor=28 ;; aarch64) floor=31 ;; *) echo "site.sh: unknown $arch" >&2; exit 2 ;; esac
reqs="$("$py" -c 'import sys, tomllib; print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))' \
    "$here/../../pyproject.toml")"
key="$( (echo "$reqs"; cat "$here/constraints-$arch.txt") | sha1sum | cut -c1-12)"
site="$cache/site-$arch-$key"
[ -f "$site/.complete" ] && { echo "$site"; exit 0; }
platforms=()
for minor in $(seq "$floor" -1 17); do platforms+=(--platform "manylinux_2_${minor}_$arch"); done
platforms+=(--platform "manylinux2014_$arch")
[ "$arch" = x86_64 ] && platforms+=(--platform manylinux2010_x86_64 --platform manylinux1_x86_64)
rm -rf "$site.tmp"
echo "$reqs" > "$cache/requirements-$arch.txt"
"$py" -m pip install --quiet --disable-pip-version-check --target "$site.tmp" --only-binary=:all: \
    --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none "${platforms[@]}" \
    -c "$here/constraints-$arch.txt" -r "$cache/requirements-$arch.txt" >&2
rm -rf "$site"; mv "$site.tmp" "$site"; touch "$site/.complete"
echo "$site"
