# Jobpoint kiosk. The two commands a newcomer needs:
#   make run    set up (system packages, .venv) and start the kiosk in a window   (ARGS=--kiosk: locked fullscreen)
#   make test   set up, with test needs, and run `make check` and then the whole test suite
# and the quick loop while working: make check (ruff, mypy and the windowless tests; needs nothing but Python).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Compiled bytecode (and pytest's rewritten test modules) kept under the venv, even where the environment says not
# to write it (PYTHONDONTWRITEBYTECODE): without it every pytest worker re-parses and rewrites every test module,
# about 5 s of each `make check`. Under the venv, so the source tree stays clean and `make clean` removes it.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache
STAMPS := .stamps
# UK places, job titles and SOC 2020 job descriptions, prepared from open data into assets/generated/ (not committed).
ASSETS := assets/generated/places.json.gz
# How many demo vacancies `make run` puts in the cache: enough to look real, quick to make.
DEMO_VACANCIES ?= 5000

# Debian/Ubuntu packages. To run: OpenGL (Mesa), EGL for headless rendering, multitouch, X client libraries,
# the PC/SC smart-card service and what building pyscard needs, the CUPS print system, the espeak-ng speech
# engine, and Noto fonts for printing scripts the shipped Noto Sans lacks (Arabic, Bengali, Chinese ...).
APT_RUN := libgl1-mesa-dri libegl1 libegl-mesa0 libmtdev1 libx11-6 xauth \
  pcscd libpcsclite-dev swig gcc python3-dev \
  cups-daemon cups-client cups-filters espeak-ng fonts-noto-core fonts-noto-cjk
# To test: a virtual X server, input and screenshots for the end-to-end tests, window managers to test against,
# poppler to read printed PDFs back, and a virtual card reader (vpcd; tests only: it accepts cards from the
# network) with the Python card emulator for the staff-card tests.
APT_TEST := $(APT_RUN) xvfb xdotool x11-utils x11-xkb-utils imagemagick openbox wmctrl poppler-utils \
  debootstrap zstd strace jq \
  vsmartcard-vpcd python3-virtualsmartcard python3-cryptography \
  postgresql nodejs chromium chromium-driver fonts-liberation nginx

.PHONY: run check test tour bench dist clean system-run system-test FORCE

run: system-run $(STAMPS)/venv $(ASSETS)
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: there is no display to open a window on (DISPLAY is not set)."; \
	  echo "Run it from a desktop session, or see every screen as pictures with: make tour"; exit 1; fi
	$(VENV)/bin/kiosk demo-data --vacancies $(DEMO_VACANCIES)
	$(VENV)/bin/kiosk run $(ARGS)

# The windowless tests: core, job search, benefits, CV, the command line, the central service on SQLite, and the
# examples in kiosk/'s and sync/'s docstrings. No window, and no system package beyond Python: Kivy and screens/
# cannot be imported (tests/no_window.py), and the tests that need PostgreSQL or a browser, sweep a whole input
# space or are thorough (a second or more each: fuzzing, PDFs read back, commands as processes) are left to `make test`.
# Extra pytest options go in CHECK_ARGS, e.g. `make check CHECK_ARGS="-x -k search"`.
CHECK_TESTS := tests/core tests/jobs tests/benefits tests/life_events tests/cv tests/careers tests/cli tests/central kiosk sync

check: $(STAMPS)/venv-check $(ASSETS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -p tests.no_window -m "not postgres and not browser and not sweep and not thorough" -q -n auto --durations=10 $(CHECK_TESTS) $(CHECK_ARGS)

# `make check` has run the windowless tests just before; --after-check leaves those out of this run. On every core
# (pytest-xdist), then in one process the tests that share one machine-wide thing (vpcd's port, the cached chroot;
# marked one_at_a_time in tests/conftest.py).
test: check system-test $(STAMPS)/venv-test $(ASSETS) dist/kiosk/kiosk
	$(PY) -m pytest --after-check "$(CHECK_TESTS)" -n auto -m "not one_at_a_time" $(PYTEST_ARGS)
	$(PY) -m pytest --after-check "$(CHECK_TESTS)" -m one_at_a_time $(PYTEST_ARGS)

tour: $(STAMPS)/venv $(ASSETS)
	$(VENV)/bin/kiosk tour --out tour

# A one-folder PyInstaller build in dist/kiosk (kiosk.spec), and the same folder as dist/jobpoint-$(VERSION).tar.gz
# (top folder jobpoint-$(VERSION)/) with its .sha256 file, for the installer and updates. About a minute on 2 cores.
# VERSION: pyproject's version plus the short git hash in a git checkout (0.1.0+aa09bfc); make dist VERSION=... sets it.
VERSION ?= $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)$(shell git rev-parse --short HEAD 2>/dev/null \
  | sed 's/^/+/')
DIST_TAR = dist/jobpoint-$(VERSION).tar.gz

dist: system-run $(STAMPS)/venv-build $(ASSETS)
	rm -rf dist/kiosk
	@mkdir -p $(STAMPS); echo "$(VERSION)" > $(STAMPS)/dist-version
	JOBPOINT_VERSION="$(VERSION)" $(PY) -m PyInstaller --noconfirm --clean --log-level WARN kiosk.spec
	tar -C dist --owner=0 --group=0 --numeric-owner --sort=name --transform 's,^kiosk,jobpoint-$(VERSION),S' \
	  -czf $(DIST_TAR) kiosk
	cd dist && sha256sum $(notdir $(DIST_TAR)) > $(notdir $(DIST_TAR)).sha256
	@echo "Built dist/kiosk ($$(du -sh dist/kiosk | cut -f1)) and $(DIST_TAR) ($$(du -h $(DIST_TAR) | cut -f1))," \
	  "version $(VERSION)"

bench: system-test $(STAMPS)/venv
	$(PY) bench/startup.py

system-run:
	@$(MAKE) --no-print-directory -s _apt PACKAGES="$(APT_RUN)"

system-test:
	@$(MAKE) --no-print-directory -s _apt PACKAGES="$(APT_TEST)"

# Installs only what is missing; as root directly, otherwise with sudo.
_apt:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  command -v apt-get >/dev/null || { echo "Please install:$$missing"; exit 1; }; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "Installing system packages:$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The virtualenv with a current pip: enough to build the assets (the standard library and `pip download`).
$(STAMPS)/venv-base:
	@mkdir -p $(STAMPS)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Jobpoint needs Python 3.11 or newer"; exit 1; }
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@touch $@

$(STAMPS)/venv: $(STAMPS)/venv-base pyproject.toml
	$(PY) -m pip install -q -e .
	@touch $@

$(ASSETS): $(STAMPS)/venv-base kiosk/assets_build.py kiosk/careers/soc2020_build.py kiosk/jobs/places.py \
  assets/careers/sources/soc2020-volume1.xlsx
	$(PY) -m kiosk.assets_build

# tests/e2e/test_dist_binary.py tests dist/kiosk: `make test` rebuilds it only when a file it is made from, or the
# version, has changed since (the same rule as the test's own check).
DIST_SOURCES = kiosk.spec pyproject.toml docs/cv-sample.json \
  $(shell find kiosk screens sync device assets -type f -not -path '*/__pycache__/*' -not -path 'sync/central/*')

dist/kiosk/kiosk: $(DIST_SOURCES) $(STAMPS)/dist-version
	@$(MAKE) --no-print-directory dist

# Touched only when VERSION changes (a new commit), so the build is remade with the version it must print.
$(STAMPS)/dist-version: FORCE
	@mkdir -p $(STAMPS); [ "$$(cat $@ 2>/dev/null)" = "$(VERSION)" ] || echo "$(VERSION)" > $@

FORCE:

$(STAMPS)/venv-build: $(STAMPS)/venv pyproject.toml
	$(PY) -m pip install -q -e ".[build]"
	@touch $@

$(STAMPS)/venv-test: $(STAMPS)/venv pyproject.toml
	$(PY) -m pip install -q -e ".[test,central,dev]"
	@touch $@

# What `make check` needs, from pip alone: the project's dependencies and its test, central and dev extras, less
# Kivy (check runs without a window) and pyscard (built from source against the system's PC/SC library).
$(STAMPS)/venv-check: $(STAMPS)/venv-base pyproject.toml
	$(PY) -c 'import re, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	  extras = [r for name in ("test", "central", "dev") for r in p["optional-dependencies"][name]]; \
	  print(*(r for r in p["dependencies"] + extras if not re.match(r"(kivy|pyscard)\b", r, re.I)), sep="\n")' \
	  > $(STAMPS)/check-requirements.txt
	$(PY) -m pip install -q -r $(STAMPS)/check-requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

clean:
	rm -rf $(VENV) $(STAMPS) tour build dist *.egg-info assets/generated .mypy_cache .ruff_cache
