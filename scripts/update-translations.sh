#!/usr/bin/env bash
# Extracts the UI's translatable texts into resources/translations/clerk_en.ts (keeping the
# translations already there; vanished texts are dropped, not kept as "obsolete"), then compiles
# clerk_en.qm. Commit both files. Workflow: resources/translations/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${VENV_BIN:-$root/.venv/bin}"
cd "$root"
mapfile -t sources < <(find clerk_app/ui -name '*.py' -not -path '*/__pycache__/*' | sort)
sources+=(clerk_app/i18n.py)
"$bin/pyside6-lupdate" "${sources[@]}" -source-language zh_CN -target-language en -no-obsolete -locations relative \
    -ts resources/translations/clerk_en.ts
"$bin/pyside6-lrelease" -nounfinished resources/translations/clerk_en.ts -qm resources/translations/clerk_en.qm
