#!/usr/bin/env bash
# Builds (once, then reuses) the AppImage runtime (runtime.c) for one architecture with Zig's clang
# against glibc 2.28, linking squashfuse and its decompressors statically from bullseye's -dev packages
# of that architecture (fetched with the chroot's apt and unpacked, no maintainer scripts run): the
# runtime then needs only libc and works on every target, x86_64 or aarch64, without a cross gcc.
# Usage: runtime.sh x86_64|aarch64   (prints the runtime's path)
set -euo pipefail
arch="$1"
here="$(cd "$(dirname "$0")" && pwd)"
cache="${CLERK_BUILD_CACHE:-$HOME/.cache/clerk-build}"
case "$arch" in
  x86_64) triplet=x86_64-linux-gnu ;;
  aarch64) triplet=aarch64-linux-gnu ;;
  *) echo "runtime.sh: unknown architecture $arch" >&2; exit 2 ;;
esac
out="$cache/runtime-$arch-$(sha1sum "$here/runtime.c" | cut -c1-12)"
[ -x "$out" ] && { echo "$out"; exit 0; }
root="$(bash "$here/chroot.sh" "$arch")"
zig="$(bash "$here/zig.sh")"
export ZIG_GLOBAL_CACHE_DIR="$cache/zig-cache" ZIG_LOCAL_CACHE_DIR="$cache/zig-cache"
stage="$cache/runtime-deps-$arch"
if [ ! -f "$stage/.complete" ]; then
  rm -rf "$stage"; mkdir -p "$stage/debs"
  chroot "$root" sh -c 'apt-get update -qq >/dev/null && cd /tmp && rm -f *.deb &&
    apt-get download -qq libsquashfuse-dev libsquashfuse0 zlib1g-dev liblzma-dev libzstd-dev liblz4-dev liblzo2-dev'
  mv "$root"/tmp/*.deb "$stage/debs/"
  for d in "$stage"/debs/*.deb; do dpkg -x "$d" "$stage/root"; done
  touch "$stage/.complete"
fi
lib="$stage/root/usr/lib/$triplet"
"$zig" cc -target "$triplet.2.28" -O2 -fPIC -s -o "$out.tmp" "$here/runtime.c" -I"$stage/root/usr/include/squashfuse" \
    "$lib/libsquashfuse.a" "$lib/libz.a" "$lib/liblzma.a" "$lib/libzstd.a" "$lib/liblz4.a" "$lib/liblzo2.a"
printf 'AI\002' | dd of="$out.tmp" bs=1 seek=8 conv=notrunc status=none  # AppImage type-2 magic
mv "$out.tmp" "$out"
echo "$out"
