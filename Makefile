# Every target sets itself up: a fresh Debian machine with Python 3.11 needs nothing else.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: run test bench lint setup clean

$(STAMP): pyproject.toml
	@bash scripts/ensure-system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

# The demo profile may stay unencrypted where the machine has no OS keyring (a fresh headless
# Debian); with one, it is encrypted as on a counter. Installed copies never allow this.
run: $(STAMP)
	CLERK_APP_ALLOW_UNENCRYPTED=1 $(VENV)/bin/clerk-app demo ensure
	CLERK_APP_ALLOW_UNENCRYPTED=1 $(VENV)/bin/clerk-app

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

# ruff, the layer contracts of docs/architecture.md (import-linter, [tool.importlinter] in
# pyproject.toml) and mypy --strict on the packages that pass it.
lint: $(STAMP)
	$(VENV)/bin/ruff check clerk_app sync tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build *.egg-info

# Installers (issue 9; docs/it-guide.md). Built from the venv and Debian packages only.
.PHONY: appimage appimage-check msi-validate
appimage: $(STAMP)
	bash installers/appimage/build.sh $(PY)

appimage-check: appimage
	bash installers/appimage/check.sh

msi-validate:
	bash installers/msi/validate.sh
