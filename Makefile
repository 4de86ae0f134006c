# Jobpoint kiosk. The two commands a newcomer needs:
#   make run    set up (system packages, .venv) and start the kiosk in a window   (ARGS=--kiosk: locked fullscreen)
#   make test   set up, with test needs, and run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
# UK places and job titles, prepared from open data packages into assets/generated/ (not committed).
ASSETS := assets/generated/places.json.gz
# How many demo vacancies `make run` puts in the cache: enough to look real, quick to make.
DEMO_VACANCIES ?= 5000

# Debian/Ubuntu packages. To run: OpenGL (Mesa), EGL for headless rendering, multitouch, X client libraries,
# the PC/SC smart-card service and what building pyscard needs, the CUPS print system and the espeak-ng speech
# engine.
APT_RUN := libgl1-mesa-dri libegl1 libegl-mesa0 libmtdev1 libx11-6 xauth \
  pcscd libpcsclite-dev swig gcc python3-dev \
  cups-daemon cups-client cups-filters espeak-ng
# To test: a virtual X server, input and screenshots for the end-to-end tests, window managers to test against,
# poppler to read printed PDFs back, and a virtual card reader (vpcd; tests only: it accepts cards from the
# network) with the Python card emulator for the staff-card tests.
APT_TEST := $(APT_RUN) xvfb xdotool x11-utils x11-xkb-utils imagemagick openbox wmctrl poppler-utils \
  vsmartcard-vpcd python3-virtualsmartcard python3-cryptography \
  postgresql nodejs chromium chromium-driver fonts-liberation

.PHONY: run test tour bench dist clean system-run system-test

run: system-run $(STAMPS)/venv $(ASSETS)
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: there is no display to open a window on (DISPLAY is not set)."; \
	  echo "Run it from a desktop session, or see every screen as pictures with: make tour"; exit 1; fi
	$(VENV)/bin/kiosk demo-data --vacancies $(DEMO_VACANCIES)
	$(VENV)/bin/kiosk run $(ARGS)

test: system-test $(STAMPS)/venv-test $(ASSETS)
	$(PY) -m pytest $(PYTEST_ARGS)

tour: $(STAMPS)/venv $(ASSETS)
	$(VENV)/bin/kiosk tour --out tour

# A one-folder PyInstaller build in dist/kiosk (kiosk.spec).
dist: system-run $(STAMPS)/venv
	$(PY) -m pip install -q -e ".[build]"
	$(PY) -m PyInstaller --noconfirm --clean kiosk.spec

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

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Jobpoint needs Python 3.11 or newer"; exit 1; }
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $@

$(ASSETS): $(STAMPS)/venv kiosk/assets_build.py
	$(PY) -m kiosk.assets_build

$(STAMPS)/venv-test: $(STAMPS)/venv pyproject.toml
	$(PY) -m pip install -q -e ".[test,central]"
	@touch $@

clean:
	rm -rf $(VENV) $(STAMPS) tour build dist *.egg-info assets/generated
