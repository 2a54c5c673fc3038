# Every target sets itself up: a fresh Debian machine with Python 3.11 needs nothing else.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: run test bench lint setup clean notice-fonts

$(STAMP): pyproject.toml
	@bash scripts/ensure-system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,center]'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

# The demo profile may stay unencrypted where the machine has no OS keyring (a fresh headless
# Debian); with one, it is encrypted as on a counter. Installed copies never allow this.
run: $(STAMP)
	CLERK_APP_ALLOW_UNENCRYPTED=1 $(VENV)/bin/clerk-app demo ensure
	CLERK_APP_ALLOW_UNENCRYPTED=1 $(VENV)/bin/clerk-app

# Parallel test processes (pytest-xdist; worksteal keeps them busy behind the long sync tests). CI has
# two cores and gets three workers: a worker spends about a third of its wall time waiting (PostgreSQL's
# own CPU, a center's Retry-After, a device's read timeout), and a third worker fills those gaps. Measured
# on this 2-core machine, same hour: 2 workers 202 s wall with the cores idle 78 s, 3 workers 187 s idle 24 s.
# TEST_WORKERS=auto takes one per core, TEST_WORKERS=0 runs in this process (for pdb).
# The sources are compiled to byte code first, as an installed copy ships them: under
# PYTHONDONTWRITEBYTECODE each clerk-app, center or crash-writer process the tests spawn would compile
# every module it imports again (~0.08 s CPU of a clerk-app start's ~1 s, measured); the tests' own helper
# modules too (test modules and conftests are pytest's: they are rewritten, not compiled). Then pytest's
# assertion rewriting, once across the cores instead of once per worker (scripts/warm_test_cache.py says why).
TEST_WORKERS ?= 3
test: $(STAMP)
	$(PY) -m compileall -q -x '/(test_[^/]*|conftest)\.py$$' clerk_app sync tests >/dev/null
	$(PY) scripts/warm_test_cache.py
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist worksteal

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

# ruff, the layer contracts of docs/architecture.md (import-linter, [tool.importlinter] in
# pyproject.toml) and mypy --strict on the packages that pass it.
lint: $(STAMP)
	$(VENV)/bin/ruff check clerk_app sync tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# The notice faces in resources/fonts/ (docs/documents.md): from Debian's packages, subset and converted
# for reportlab. Only after a template or a matter brings a character outside GB2312; the output is committed.
notice-fonts: $(STAMP)
	$(PY) -m pip install --quiet fonttools
	$(PY) scripts/build-notice-fonts.py

clean:
	rm -rf $(VENV) build *.egg-info

# Installers (issues 9, 17; docs/it-guide.md). From Debian packages and PyPI only; slow the first time
# (CPython and two Debian userlands are built into ~/.cache/clerk-build), so not part of make test.
.PHONY: appimage appimage-check msi-validate
ARCHES ?= x86_64 aarch64
appimage: $(STAMP)
	bash installers/appimage/build.sh $(PY) $(ARCHES)

appimage-check: appimage
	bash installers/appimage/check.sh $(PY) $(ARCHES)

msi-validate:
	bash installers/msi/validate.sh
