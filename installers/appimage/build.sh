#!/usr/bin/env bash
# Builds dist/ClerkWorkbench-<version>-<arch>-glibc<x.y>.AppImage for each architecture asked for
# (default: x86_64 aarch64), from Debian packages and PyPI only, for counter PCs as old as UOS 20 and
# Kylin V10 (docs/it-guide.md). The name says the architecture and the oldest glibc the image runs on.
#   x86_64: floor glibc 2.28 (UOS 20, Kylin V10 server); PySide6 6.9.3.
#   aarch64: floor glibc 2.31 (Kylin V10 desktop on Phytium/Kunpeng); PySide6 6.8.0.
# Parts (each cached under ${CLERK_BUILD_CACHE:-~/.cache/clerk-build}, so a rebuild redoes only the
# AppDir): chroot.sh (bullseye userland), zig.sh, python.sh (CPython 3.11 for glibc 2.28),
# runtime.sh, site.sh (wheels). elfcheck.py then refuses an AppDir that is not self-contained or
# needs a newer glibc than the floor. Needs root (debootstrap, chroot) and about 4 GB of disk.
# Usage: build.sh [PYTHON] [ARCH...]   (PYTHON: a Python 3.11 with pip; default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=installers/appimage
PY="${1:-.venv/bin/python}"; shift || true
arches=("$@"); [ ${#arches[@]} -gt 0 ] || arches=(x86_64 aarch64)
[ "$(id -u)" -eq 0 ] || { echo "build.sh: run as root (debootstrap and chroot build the target userland)" >&2; exit 1; }
need=()
for pkg in squashfs-tools binutils patch make tcl; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing build packages: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
version="$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
mkdir -p dist
for arch in "${arches[@]}"; do
  echo "== $arch"
  root="$(bash $here/chroot.sh "$arch")"
  prefix="$(bash $here/python.sh "$arch")"
  runtime="$(bash $here/runtime.sh "$arch")"
  site="$(bash $here/site.sh "$PY" "$arch")"
  work="build/appimage-$arch"
  mkdir -p "$work"
  "$PY" $here/assemble_appdir.py "$work/AppDir" --python "$prefix" --site "$site" --userland "$root" --arch "$arch"
  sed -i "s/^X-AppImage-Version=.*/X-AppImage-Version=${version}/" "$work/AppDir/clerk-workbench.desktop" \
      "$work/AppDir/usr/share/applications/clerk-workbench.desktop"
  # Self-contained or no image: the folders are the ones AppRun puts on LD_LIBRARY_PATH.
  glibc="$("$PY" $here/elfcheck.py "$work/AppDir" "$arch" --libpath usr/python/lib --libpath usr/lib)"
  echo "$glibc" > "$work/AppDir/usr/glibc-required"
  rm -f dist/ClerkWorkbench-"$version"-"$arch"*.AppImage
  out="dist/ClerkWorkbench-${version}-${arch}-glibc${glibc}.AppImage"
  rm -f "$work/app.squashfs"
  mksquashfs "$work/AppDir" "$work/app.squashfs" -root-owned -noappend -comp zstd -quiet -no-progress >/dev/null
  cat "$runtime" "$work/app.squashfs" > "$out"
  chmod 755 "$out"
  echo "$out $(du -m "$out" | cut -f1) MB, needs glibc >= $glibc"
done
