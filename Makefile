# `make brief` and `make test` work on a fresh clone: they create .venv and install what is missing.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE   := node_modules/.installed
# The Python packages, the system packages and axe-core install side by side.
MAKEFLAGS += -j3
# What a brief needs, and what only the tests need (the browser tests of the web edition, and
# poppler's pdftotext, which reads the PDFs' text in reading order).
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
APT_BROWSER  := chromium chromium-driver poppler-utils

.PHONY: brief test bench check watch clean system-deps browser-deps

brief: $(STAMP) system-deps
	$(VENV)/bin/brief build

check: $(STAMP) system-deps
	$(VENV)/bin/brief check

watch: $(STAMP) system-deps
	$(VENV)/bin/brief watch

test: $(STAMP) $(NODE) system-deps browser-deps
	$(PY) -m pytest -n 2 --dist loadscope   # two workers (the CI machine has two cores); a module's tests on one, so its shared builds are made once

bench: $(STAMP) system-deps
	$(PY) benchmarks/run.py

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core, pinned in package-lock.json, for the browser tests of the web edition.
$(NODE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "The browser tests need npm (Node.js) to install axe-core: install Node.js." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE)

# WeasyPrint needs Pango; HarfBuzz's subset library makes font subsetting 10x faster and the PDF
# reproducible. Install with apt when we can, otherwise say what is missing.
system-deps:
	@if ldconfig -p | grep -q libharfbuzz-subset.so.0 && ldconfig -p | grep -q libpango-1.0.so.0; then :; \
	else $(call apt_install,$(APT_PACKAGES),Pango and HarfBuzz's subset library); fi

# Chromium and its driver run the web edition's browser tests; pdftotext reads the PDFs: `make
# test` only. After system-deps: two apt-gets at once would fight over dpkg's lock.
browser-deps: system-deps
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/pdftotext ]; then :; \
	else $(call apt_install,$(APT_BROWSER),Chromium with ChromeDriver and pdftotext for the tests); fi

# $(call apt_install,PACKAGES,WHAT): apt-get install as root, else name what is missing.
apt_install = if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else echo "Missing system packages: $(2) (Debian: $(1); see README, 'Without apt')." >&2; exit 1; fi

clean:
	find build -mindepth 1 ! -name .gitignore -exec rm -rf {} +
