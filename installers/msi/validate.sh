#!/usr/bin/env bash
# Validates clerk-workbench.wxs with wixl (Debian's msitools) as far as it goes on Linux: compiles it
# with a two-file placeholder payload harvested by wixl-heat, then reads the MSI tables back to check
# per-machine scope, the stable UpgradeCode, the Start-menu shortcut, the properties and the custom
# action. The real payload and a real install are the Windows workflow's job.
set -euo pipefail
cd "$(dirname "$0")"
command -v wixl >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo";
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wixl msitools >/dev/null; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/dist/_internal"
echo "placeholder" > "$tmp/dist/clerk-app.exe"
echo "placeholder" > "$tmp/dist/clerk-workbench.exe"
echo "placeholder" > "$tmp/dist/_internal/base_library.zip"
(cd "$tmp/dist" && find _internal -type f | wixl-heat -p "" --directory-ref INSTALLDIR \
    --component-group AppFiles --var var.SourceDir --win64) > "$tmp/files.wxs"
# wixl knows no <Environment>, Property/@Secure, Package/@Platform, nor a launch <Condition>: strip them for
# wixl only and check them in the source (and tests/deploy/test_msi_source.py); WiX proper (the Windows
# workflow) compiles the file as it is.
grep -q '<Environment Id="RequireKeyringEnv" Name="CLERK_APP_REQUIRE_KEYRING" Value="1" System="yes"' clerk-workbench.wxs
[ "$(grep -c 'Secure="yes"' clerk-workbench.wxs)" -eq 3 ]
grep -q '<Condition Message="一窗受理工作台需要 64 位的 Windows 10（1809 版或更新）.*\[CDATA\[Installed OR (VersionNT64 AND WINDOWSBUILD >= 17763)\]\]></Condition>' clerk-workbench.wxs
sed -e '/<Environment /,/\/>/d' -e '/<Condition Message=/d' -e 's/ Secure="yes"//' -e 's/ Platform="x64"//' clerk-workbench.wxs > "$tmp/wixl.wxs"
(cd "$tmp/dist" && wixl -a x64 -D SourceDir=. -D Win64=yes -o "$tmp/test.msi" "$tmp/wixl.wxs" "$tmp/files.wxs")
upgrade="$(grep -o 'UpgradeCode="[^"]*"' clerk-workbench.wxs | cut -d'"' -f2)"
check() { msiinfo export "$tmp/test.msi" "$1" | grep -q -- "$2" || { echo "FAIL: $1 lacks $2" >&2; exit 1; }; }
check Property "UpgradeCode	{$upgrade}"
check Property "ALLUSERS	1"
check Shortcut "AppShortcut"
msiinfo export "$tmp/test.msi" Shortcut | grep AppShortcut | grep -q "ClerkWorkbenchExe\|clerk-workbench.exe" \
  || { echo "FAIL: the Start-menu shortcut must start the GUI clerk-workbench.exe" >&2; exit 1; }
check AppSearch "WINDOWSBUILD	WindowsBuildSearch"
check RegLocator "WindowsBuildSearch	2	SOFTWARE\\\\Microsoft\\\\Windows NT\\\\CurrentVersion	CurrentBuildNumber"
check Upgrade "{$upgrade}"
check CustomAction "config set-machine \"server_url=\[SERVER_URL\]\" \"center_code=\[CENTER_CODE\]\" \"window=\[WINDOW_NO\]\""
echo "msi-validate OK: wixl built $(du -k "$tmp/test.msi" | cut -f1) KB; per-machine, UpgradeCode {$upgrade}, GUI shortcut, Windows 10 1809+ x64 launch condition, properties, machine-config action"
