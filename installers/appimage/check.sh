#!/usr/bin/env bash
# Proves the built AppImage on this machine: --self-test offscreen through --appimage-extract-and-run
# (no FUSE needed) in a clean environment, and the keyring guard AppRun sets for counter PCs.
set -euo pipefail
cd "$(dirname "$0")/../.."
image="$(ls -t dist/ClerkWorkbench-*-x86_64.AppImage 2>/dev/null | head -1)"
[ -n "$image" ] || { echo "no AppImage in dist/: run make appimage" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
base=(env -i HOME="$tmp" XDG_CACHE_HOME="$tmp/cache" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen
      CLERK_APP_MACHINE_CONFIG="$tmp/none.toml")
start=$(date +%s%N)
# Test only: no keyring on a build machine, so this profile may stay unencrypted.
"${base[@]}" CLERK_APP_REQUIRE_KEYRING=0 CLERK_APP_ALLOW_UNENCRYPTED=1 "$image" --appimage-extract-and-run \
    --data-dir "$tmp/profile" --self-test | tee "$tmp/out"
end=$(date +%s%N)
grep -q '^自检通过' "$tmp/out"
if "${base[@]}" CLERK_APP_ALLOW_UNENCRYPTED=1 "$image" --data-dir "$tmp/p2" --self-test >/dev/null 2>&1; then
  echo "FAIL: without a keyring the AppImage must refuse (CLERK_APP_REQUIRE_KEYRING=1 in AppRun)" >&2; exit 1
fi
echo "appimage-check OK: $(du -m "$image" | cut -f1) MB, --self-test (first run, extraction included) $(( (end - start) / 1000000 )) ms"
