#!/usr/bin/env bash
# Builds (once, then reuses) the CPython 3.11 that goes into the AppImage for one architecture, so that the
# whole interpreter needs no newer glibc than the target floor (x86_64: 2.28 for UOS 20 / Kylin V10 server;
# aarch64: 2.28 too, below the 2.31 floor that PySide6 sets there). Debian's own python3.11 is built
# against glibc 2.36 and a gcc-built one in bullseye still needs 2.30, so the compiler is Zig's clang
# (`ziglang` from PyPI), whose -target x86_64-linux-gnu.2.28 links against glibc 2.28's symbol versions.
# Sources: Debian's python3.11 (bookworm, with its security patches) and sqlite3 (bullseye) source
# packages. Headers and libraries of OpenSSL 1.1.1, libffi, zlib, bzip2, xz and util-linux's uuid come
# from the bullseye userland of chroot.sh; they are bundled in the image beside libpython.
# Usage: python.sh x86_64|aarch64   (prints the install prefix)
set -euo pipefail
arch="$1"
here="$(cd "$(dirname "$0")" && pwd)"
cache="${CLERK_BUILD_CACHE:-$HOME/.cache/clerk-build}"
case "$arch" in
  x86_64) triplet=x86_64-linux-gnu ;;
  aarch64) triplet=aarch64-linux-gnu ;;
  *) echo "python.sh: unknown architecture $arch" >&2; exit 2 ;;
esac
prefix="$cache/python-$arch"
[ -f "$prefix/.complete" ] && { echo "$prefix"; exit 0; }
log="$cache/python-$arch.log"
exec 3>&2 4>&1 >"$log" 2>&1  # the long compiler output goes to the log; failures print its tail
trap 'rc=$?; [ $rc -eq 0 ] || { tail -40 "$log" >&3; echo "python.sh: failed, see $log" >&3; }' EXIT
set -x
root="$(bash "$here/chroot.sh" "$arch")"
zig="$(bash "$here/zig.sh")"
export ZIG_GLOBAL_CACHE_DIR="$cache/zig-cache" ZIG_LOCAL_CACHE_DIR="$cache/zig-cache"

# Debian source packages through apt with a private list of deb-src entries (same mirror as the host).
src="$cache/src"
if [ ! -f "$src/.complete" ]; then
  mkdir -p "$src/lists/partial" "$src/cache/archives/partial"
  mirror="$(sed -n 's/^URIs: *\(.*\/debian\)\/\?$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)"
  [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list)"
  key=/usr/share/keyrings/debian-archive-keyring.gpg
  printf 'deb-src [signed-by=%s] %s %s main\n' "$key" "$mirror" bookworm "$key" "$mirror" bookworm-security \
      "$key" "$mirror" bullseye > "$src/sources.list"
  sed -i 's#\(/debian\) bookworm-security#\1-security bookworm-security#' "$src/sources.list"
  apt=(-o Dir::Etc::SourceList="$src/sources.list" -o Dir::Etc::SourceParts=/nonexistent
       -o Dir::State::Lists="$src/lists" -o Dir::Cache="$src/cache")
  apt-get "${apt[@]}" update
  (cd "$src" && apt-get "${apt[@]}" source --download-only python3.11/bookworm sqlite3/bullseye)
  touch "$src/.complete"
fi

# Third-party headers and libraries from the bullseye userland only (never the build host's).
# Each stage leaves a marker, so a failed or interrupted build resumes instead of starting over.
deps="$cache/deps-$arch"
if [ ! -f "$deps/.complete" ]; then
  rm -rf "$deps"; mkdir -p "$deps/include" "$deps/lib"
  for h in openssl zlib.h zconf.h bzlib.h lzma.h lzma uuid; do cp -r "$root/usr/include/$h" "$deps/include/"; done
  cp -r "$root/usr/include/$triplet/"{ffi.h,ffitarget.h} "$deps/include/"
  cp "$root/usr/include/$triplet/openssl/"*.h "$deps/include/openssl/"
  ln -s uuid/uuid.h "$deps/include/uuid.h"  # setup.py looks for uuid.h in the include folders only
  for l in libssl libcrypto libffi libz libbz2 liblzma libuuid; do
    real="$(readlink -f "$root/usr/lib/$triplet/$l.so" 2>/dev/null || true)"
    [ -e "$real" ] || real="$(readlink -f "$root/lib/$triplet/$(readlink "$root/usr/lib/$triplet/$l.so" | xargs basename)")"
    soname="$(objdump -p "$real" | awk '$1 == "SONAME" {print $2}')"
    cp "$real" "$deps/lib/$soname"
    ln -sf "$soname" "$deps/lib/$l.so"
  done
fi

# Compiler shims: CPython's build speaks gcc; zig cc needs a few translations (see cc.sh).
shim="$cache/shim-$arch"; mkdir -p "$shim"
for tool in cc ar ranlib; do
  printf '#!/bin/sh\nexec env ZIG="%s" TARGET="%s.2.28" TOOL=%s sh "%s/cc.sh" "$@"\n' "$zig" "$triplet" "$tool" "$here" \
      > "$shim/$tool"
  chmod +x "$shim/$tool"
done

# SQLite: the amalgamation made by its own configure (host gcc + tclsh only generate source), compiled by zig.
if [ ! -f "$deps/.complete" ]; then
  sq="$cache/sqlite-build-$arch"; rm -rf "$sq"; mkdir -p "$sq"
  tar xf "$src"/sqlite3_*.orig.tar.xz -C "$sq"
  (cd "$sq"/sqlite* && mkdir -p bld && cd bld && ../configure --disable-tcl >/dev/null && make sqlite3.c >/dev/null)
  cp "$sq"/sqlite*/bld/sqlite3.h "$sq"/sqlite*/bld/sqlite3ext.h "$deps/include/"
  # The features Debian enables that Python's sqlite3 module and SQLAlchemy use.
  "$shim/cc" -shared -fPIC -O2 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_RTREE \
      -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB \
      -DSQLITE_SECURE_DELETE -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_THREADSAFE=1 \
      -Wl,-soname,libsqlite3.so.0 -o "$deps/lib/libsqlite3.so.0" "$sq"/sqlite*/bld/sqlite3.c
  ln -sf libsqlite3.so.0 "$deps/lib/libsqlite3.so"
  rm -rf "$sq"
  touch "$deps/.complete"
fi

# CPython: upstream 3.11.2 plus Debian's security and crash fixes (not its multiarch/layout patches,
# which assume /usr/lib/python3 and dist-packages).
build="$cache/build-$arch"
if [ ! -f "$build/.configured" ]; then
rm -rf "$build"; mkdir -p "$build"
tar xzf "$src"/python3.11_*.orig.tar.gz -C "$build"
tar xJf "$src"/python3.11_*.debian.tar.xz -C "$build"
py="$(echo "$build"/Python-3.11*)"
sed -n '/^shutdown-deadlock/,$p' "$build/debian/patches/series" | grep -v '^skip-xml-tests' | while read -r p; do
  patch -d "$py" -p1 --forward --batch -s < "$build/debian/patches/$p"
done
# Debian's expat security patch makes pyexpat.c include an internal header; setup.py (unlike Debian's
# Setup) compiles pyexpat without Py_BUILD_CORE_MODULE, so define it as 3.12's pyexpat.c does.
sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' "$py/Modules/pyexpat.c"
cross=()
if [ "$arch" != "$(uname -m)" ]; then
  build_python="$(command -v python3.11)"
  cross=(--host="$triplet" --build="$(uname -m)-linux-gnu" --with-build-python="$build_python"
         ac_cv_file__dev_ptmx=yes ac_cv_file__dev_ptc=no ac_cv_buggy_getaddrinfo=no)
fi
cd "$py"
I="-I$deps/include" L="-L$deps/lib"
env CC="$shim/cc" AR="$shim/ar" RANLIB="$shim/ranlib" READELF="$(command -v readelf)" PKG_CONFIG=/bin/false \
  CFLAGS="-O2" CPPFLAGS="$I" LDFLAGS="$L" \
  LIBFFI_CFLAGS="$I" LIBFFI_LIBS="$L -lffi" ZLIB_CFLAGS="$I" ZLIB_LIBS="$L -lz" \
  BZIP2_CFLAGS="$I" BZIP2_LIBS="$L -lbz2" LIBLZMA_CFLAGS="$I" LIBLZMA_LIBS="$L -llzma" \
  LIBUUID_CFLAGS="$I" LIBUUID_LIBS="$L -luuid" LIBSQLITE3_CFLAGS="$I" LIBSQLITE3_LIBS="$L -lsqlite3" \
  ./configure --prefix=/opt/clerk-python --enable-shared --without-ensurepip --with-openssl="$deps" \
    --without-doc-strings --disable-test-modules "${cross[@]}"
touch "$build/.configured"
fi
cd "$(echo "$build"/Python-3.11*)"
# setup.py imports each module it built and drops the ones that fail: they must find the bundled libraries
# (RUNSHARED is fixed at configure time, so it is given here).
runshared=(); [ "$arch" != "$(uname -m)" ] || runshared=(RUNSHARED="LD_LIBRARY_PATH=$PWD:$deps/lib")
make -j"$(nproc)" "${runshared[@]}"
rm -rf "$prefix.tmp"
make install DESTDIR="$prefix.tmp" "${runshared[@]}" >/dev/null
mv "$prefix.tmp/opt/clerk-python" "$prefix.tmp/p"
cp -a "$deps/lib/"*.so.* "$prefix.tmp/p/lib/"
# The modules that need a bundled library must have been built: a silent skip would only show on a PC.
for m in _ssl _hashlib _ctypes _sqlite3 zlib _bz2 _lzma _uuid pyexpat _elementtree; do
  ls "$prefix.tmp/p/lib/python3.11/lib-dynload/$m.cpython-311-$triplet.so" >/dev/null
done
rm -rf "$prefix"; mv "$prefix.tmp/p" "$prefix"; rm -rf "$prefix.tmp" "$build"
touch "$prefix/.complete"
echo "$prefix" >&4
