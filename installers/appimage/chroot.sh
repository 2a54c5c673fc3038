#!/usr/bin/env bash
# Makes (once, then reuses) a Debian 11 "bullseye" userland for one architecture under the build cache:
# glibc 2.31 and OpenSSL 1.1.1, the oldest Debian this machine's package mirror still serves, so the
# closest stand-in here for UOS 20 (Debian 10 base) and Kylin V10 (Ubuntu 20.04 family). It serves twice:
#  - its -dev packages are the headers and libraries the bundled CPython is built against (deps.sh);
#  - make appimage-check runs each image inside it (x86_64 natively, aarch64 under qemu-user-static).
# Usage: chroot.sh x86_64|aarch64  (prints the chroot's path). Needs root (debootstrap, chroot).
set -euo pipefail
arch="$1"
cache="${CLERK_BUILD_CACHE:-$HOME/.cache/clerk-build}"
case "$arch" in
  x86_64) deb=amd64 ;;
  aarch64) deb=arm64 ;;
  *) echo "chroot.sh: unknown architecture $arch" >&2; exit 2 ;;
esac
root="$cache/bullseye-$arch"
[ -f "$root/.complete" ] && { echo "$root"; exit 0; }
[ "$(id -u)" -eq 0 ] || { echo "chroot.sh: debootstrap and chroot need root" >&2; exit 1; }
need=(debootstrap)
[ "$arch" = "$(uname -m)" ] || need+=(qemu-user-static binfmt-support)
for pkg in "${need[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2
done
if [ "$arch" != "$(uname -m)" ]; then
  # qemu-user-static registers with the F flag, so the chroot needs no copy of the emulator.
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable "qemu-$arch" >/dev/null 2>&1 || true
fi
# Build: the libraries CPython's modules link (ssl, ctypes, zlib, bz2, lzma, uuid).
build="libssl-dev,libffi-dev,zlib1g-dev,libbz2-dev,liblzma-dev,uuid-dev"
# Test: what a desktop counter PC has (the host set in hostlibs.txt), an X server, a D-Bus session and
# a real Secret Service (gnome-keyring) so the encrypted-profile path is the one exercised.
desktop="libgl1,libegl1,libfontconfig1,libfreetype6,libx11-6,libx11-xcb1,libxext6,libxrender1,libxi6,libxkbcommon0"
desktop+=",libxkbcommon-x11-0,libxcb1,libxcb-cursor0,libxcb-icccm4,libxcb-image0,libxcb-keysyms1,libxcb-randr0"
desktop+=",libxcb-render-util0,libxcb-render0,libxcb-shape0,libxcb-shm0,libxcb-sync1,libxcb-xfixes0,libxcb-xinerama0"
desktop+=",libxcb-xkb1,libxcb-xinput0,libxcb-glx0,libdbus-1-3,libglib2.0-0,libxshmfence1,libdrm2,libgbm1"
desktop+=",libasound2,libpulse0,libcups2,libgssapi-krb5-2,libxcomposite1,libxdamage1,libxrandr2,libxtst6,libnss3"
desktop+=",fontconfig-config,xvfb,xauth,dbus,dbus-x11,gnome-keyring,procps"
rm -rf "$root" "$root.tmp"
if [ "$arch" = "$(uname -m)" ]; then
  debootstrap --variant=minbase --include="$build,$desktop" bullseye "$root.tmp" >&2
else
  # --foreign unpacks here; the second stage runs the arm64 maintainer scripts under qemu.
  debootstrap --variant=minbase --foreign --arch="$deb" --include="$build,$desktop" bullseye "$root.tmp" >&2
  chroot "$root.tmp" /debootstrap/debootstrap --second-stage >&2
fi
rm -rf "$root.tmp/var/cache/apt/archives/"*.deb
touch "$root.tmp/.complete"
mv "$root.tmp" "$root"
echo "$root"
