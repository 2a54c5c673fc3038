#!/usr/bin/env bash
# Proves each built AppImage in an old userland (issue 17): inside the bullseye chroot of chroot.sh
# (glibc 2.31, OpenSSL 1.1.1 on the "host"; x86_64 natively, aarch64 under qemu-user-static), with a
# D-Bus session and a real Secret Service (gnome-keyring), the image must
#  1. pass --self-test offscreen on a new profile, which must come out encrypted (SQLCipher key in the
#     keyring), and again warm (the encrypted profile opens); the self-test itself checks OpenSSL,
#     scrypt, a notice rendered to PDF and rasterised by pypdfium2 (ctypes), the main window;
#  2. enrol with a center served over TLS on 127.0.0.1 (the build venv's clerk-center, own CA) and sync;
#  3. pass --self-test on the real xcb platform under Xvfb;
#  4. refuse to start without a keyring (AppRun's CLERK_APP_REQUIRE_KEYRING=1).
# Prints sizes and first-run/warm times (aarch64 ones are emulated, so only relative).
# Usage: check.sh PYTHON [ARCH...]   (PYTHON: the venv with the center extra; needs root for chroot)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=installers/appimage
PY="${1:-.venv/bin/python}"; shift || true
arches=("$@"); [ ${#arches[@]} -gt 0 ] || arches=(x86_64 aarch64)
[ "$(id -u)" -eq 0 ] || { echo "check.sh: run as root (chroot)" >&2; exit 1; }
bin="$(dirname "$PY")"
tmp="$(mktemp -d)"
center_pid=""
mounted=()
cleanup() {
  [ -z "$center_pid" ] || kill "$center_pid" 2>/dev/null || true
  for m in "${mounted[@]}"; do umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# A center with its own CA, as a center with a private CA would run (docs/it-guide.md, TLS).
"$PY" - "$tmp" <<'EOF'
import datetime as dt, ipaddress, sys
from pathlib import Path
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
out, now = Path(sys.argv[1]), dt.datetime.now(dt.timezone.utc)
def name(cn): return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
ca = (x509.CertificateBuilder().subject_name(name("check CA")).issuer_name(name("check CA"))
      .public_key(ca_key.public_key()).serial_number(1).not_valid_before(now - dt.timedelta(hours=1))
      .not_valid_after(now + dt.timedelta(days=1)).add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
      .sign(ca_key, hashes.SHA256()))
cert = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(2).not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(ca_key, hashes.SHA256()))
(out / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
(out / "center.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
(out / "center.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()))
EOF
port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
db="sqlite:///$tmp/center.sqlite3"
"$bin/clerk-center" --db "$db" migrate >/dev/null
"$bin/clerk-center" --db "$db" serve --host 127.0.0.1 --port "$port" --certfile "$tmp/center.pem" \
    --keyfile "$tmp/center.key" > "$tmp/center.log" 2>&1 &
center_pid=$!
for _ in $(seq 60); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 1; done

report=()
for arch in "${arches[@]}"; do
  image="$(ls -t dist/ClerkWorkbench-*-"$arch"-glibc*.AppImage 2>/dev/null | head -1)"
  [ -n "$image" ] || { echo "no $arch AppImage in dist/: run make appimage" >&2; exit 1; }
  root="$(bash $here/chroot.sh "$arch")"
  echo "== $arch: $image in $root"
  rm -rf "$root/check"; mkdir -p "$root/check/home" "$root/check/run"
  chmod 700 "$root/check/run"
  cp "$image" "$root/check/app.AppImage"
  cp "$tmp/ca.pem" "$root/check/ca.pem"
  run="./app.AppImage"
  if [ "$arch" != "$(uname -m)" ]; then
    # The AppImage magic ("AI\2" at byte 8) stops binfmt_misc from recognising the runtime as an ELF for
    # qemu, so the runtime alone is started through the emulator; everything it starts (AppRun's shell,
    # Python) is an ordinary ELF that binfmt hands to qemu. A real ARM PC runs the file directly.
    cp "/usr/bin/qemu-$arch-static" "$root/usr/bin/"
    run="/usr/bin/qemu-$arch-static ./app.AppImage"
  fi
  code="$("$bin/clerk-center" --db "$db" enroll-code --center CHK --window "0${#report[@]}1" | tail -1)"
  for m in proc dev; do mountpoint -q "$root/$m" && umount -R "$root/$m"; done
  mount -t proc proc "$root/proc"; mounted+=("$root/proc")
  mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounted+=("$root/dev")
  cat > "$root/check/inner.sh" <<EOF
set -eu
cd /check
export HOME=/check/home XDG_CACHE_HOME=/check/home/.cache XDG_RUNTIME_DIR=/check/run LANG=C.UTF-8
ms() { echo \$(( (\$(date +%s%N) - \$1) / 1000000 )); }
# 4. without a Secret Service the counter image refuses (no D-Bus session here yet).
if QT_QPA_PLATFORM=offscreen $run --data-dir /check/nokeyring --self-test > nokeyring.txt 2>&1; then
  echo "FAIL: started without a keyring"; exit 1
fi
rm -rf "\$XDG_CACHE_HOME"  # so the next run is a true first run (extraction included)
dbus-run-session -- sh -eu -c '
  printf checkpw | gnome-keyring-daemon --unlock --components=secrets > /dev/null
  ms() { echo \$(( (\$(date +%s%N) - \$1) / 1000000 )); }
  t=\$(date +%s%N); QT_QPA_PLATFORM=offscreen $run --data-dir /check/p --self-test > first.txt; ms \$t > first.ms
  t=\$(date +%s%N); QT_QPA_PLATFORM=offscreen $run --data-dir /check/p --self-test > warm.txt; ms \$t > warm.ms
  QT_QPA_PLATFORM=offscreen $run --data-dir /check/p sync enroll --server https://127.0.0.1:$port \
      --code $code --ca /check/ca.pem > enroll.txt
  QT_QPA_PLATFORM=offscreen $run --data-dir /check/p sync run --once > sync.txt
  Xvfb :77 -screen 0 1280x1024x24 -nolisten tcp > xvfb.log 2>&1 & xvfb=\$!
  sleep 2
  DISPLAY=:77 QT_QPA_PLATFORM=xcb $run --data-dir /check/p --self-test > xcb.txt
  kill \$xvfb
'
EOF
  if ! chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin sh /check/inner.sh > "$tmp/inner-$arch.log" 2>&1; then
    cat "$tmp/inner-$arch.log" >&2
    for f in "$root"/check/*.txt; do echo "--- $f" >&2; cat "$f" >&2; done
    echo "FAIL: $arch" >&2; exit 1
  fi
  c="$root/check"
  grep -q '^自检通过' "$c/first.txt" && grep -q '^自检通过' "$c/warm.txt"
  grep -q '主窗口已创建（xcb）' "$c/xcb.txt" || { echo "FAIL: $arch not on xcb: $(cat "$c/xcb.txt")" >&2; exit 1; }
  grep -q 'OpenSSL 1.1.1' "$c/first.txt"  # the bundled OpenSSL, whatever the PC has
  grep -q '^注册成功' "$c/enroll.txt"
  grep -q '系统密钥库' "$c/nokeyring.txt" || { echo "FAIL: refusal unclear: $(cat "$c/nokeyring.txt")" >&2; exit 1; }
  # The profile is encrypted: an SQLCipher file has no plain SQLite header.
  if head -c 15 "$c/p/clerk.sqlite3" | grep -q 'SQLite format 3'; then
    echo "FAIL: $arch profile is not encrypted" >&2; exit 1
  fi
  emu=""; [ "$arch" = "$(uname -m)" ] || emu=" (emulated by qemu-user)"
  line="$arch: $(du -m "$image" | cut -f1) MB $(basename "$image"); --self-test first run $(cat "$c/first.ms") ms (extraction included), warm $(cat "$c/warm.ms") ms$emu; TLS enrol + sync, scrypt, notice rasterised, encrypted profile with gnome-keyring, xcb under Xvfb: OK"
  report+=("$line")
  echo "   $(cat "$c/first.txt")"
  echo "   $(cat "$c/enroll.txt")"
  for m in "$root/dev" "$root/proc"; do umount -R "$m"; done
  mounted=()
done
echo "appimage-check OK (bullseye chroot: glibc 2.31, OpenSSL 1.1.1):"
printf '  %s\n' "${report[@]}"
