#!/usr/bin/env bash
# Builds dist/ClerkWorkbench-<version>-x86_64.AppImage from this repository with Debian packages
# only: gcc + libsquashfuse-dev (+ its static codecs) compile the runtime (runtime.c), squashfs-tools
# packs the AppDir. Nothing is downloaded. Usage: build.sh [PYTHON] (default .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${1:-.venv/bin/python}"
need=()
for pkg in gcc libc6-dev libsquashfuse-dev zlib1g-dev liblzma-dev libzstd-dev liblz4-dev liblzo2-dev squashfs-tools pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing build packages: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
version="$("$PY" -c 'import clerk_app; print(clerk_app.__version__)')"
work=build/appimage
out="dist/ClerkWorkbench-${version}-x86_64.AppImage"
mkdir -p "$work" dist
gcc -O2 -static -o "$work/runtime" installers/appimage/runtime.c $(pkg-config --cflags squashfuse) \
    -lsquashfuse -lz -llzma -lzstd -llz4 -llzo2 2> "$work/gcc.log" || { cat "$work/gcc.log" >&2; exit 1; }
strip "$work/runtime"
printf 'AI\002' | dd of="$work/runtime" bs=1 seek=8 conv=notrunc status=none  # AppImage type-2 magic
"$PY" installers/appimage/assemble_appdir.py "$work/AppDir"
sed -i "s/^X-AppImage-Version=.*/X-AppImage-Version=${version}/" "$work/AppDir/clerk-workbench.desktop" \
    "$work/AppDir/usr/share/applications/clerk-workbench.desktop"
rm -f "$work/app.squashfs"
mksquashfs "$work/AppDir" "$work/app.squashfs" -root-owned -noappend -comp zstd -quiet -no-progress >/dev/null
cat "$work/runtime" "$work/app.squashfs" > "$out"
chmod 755 "$out"
echo "$out $(du -m "$out" | cut -f1) MB"
