# Two commands matter: `make run` (demo app on SQLite) and `make test` (every test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
FLASK := $(BIN)/flask --app wsgi
MO := participation/translations/nl/LC_MESSAGES/messages.mo
# Tests run on two workers (pytest-xdist; each its own PostgreSQL database, tests/servers.py):
# the budgets below are for a 2-core machine. TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= 2
# With PYTHONDONTWRITEBYTECODE set, every run compiles every module (and pytest rewrites every
# test's asserts) anew: several seconds of each run. The bytecode goes to __pycache__ (ignored).
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/pytest

.PHONY: install run test test-fast lint bench profile-ballot bench-results loadtest translations extract-messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(MO): participation/translations/nl/LC_MESSAGES/messages.po participation/translations/pl/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d participation/translations >/dev/null

install: $(VENV)/.installed $(MO)

translations: $(MO)

## Refresh the message catalogue after changing user-facing text.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o participation/translations/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -i participation/translations/messages.pot -d participation/translations

## JOB_QUEUE_URL=redis://127.0.0.1:6379/1 make run also starts a mail worker; without it, mail
## goes out from the web process at once.
## HOST=0.0.0.0 make run serves on the local network: links and QR codes then use this
## machine's LAN address (print still says VOORBEELD), so a phone or a tablet can try it.
run: install
	$(FLASK) db upgrade
	@lan=$$($(BIN)/python -m participation.chores.lan $(HOST) $(PORT)); \
	lanhost=$$(echo "$$lan" | sed -E 's#^https?://##; s#:[0-9]+$$##'); \
	$(FLASK) seed-demo --region $${lanhost:+--host $$lanhost} && \
	base=$${PUBLIC_BASE_URL:-$${lan:-http://127.0.0.1:$(PORT)}}; \
	echo; \
	echo "  Resident ballot:  $$base/v/demo"; \
	echo "  Staff login:      $$base/staff/login"; \
	echo "  Results (staff):  $$base/results/demo"; \
	echo "  Westerveld:       http://westerveld.localhost:$(PORT)/v/demo (a second municipality, same login)"; \
	echo "  Region:           http://zuidwest-drenthe.localhost:$(PORT)/regio/ (Meppel, Midden-Drenthe, Westerveld;"; \
	echo "                    coordinator@example.org or politie@example.org, password demo-wachtwoord)"; \
	if [ -n "$$lan" ]; then \
	  echo "  On this network:  scan the demo poster ($$base/staff/campaigns/demo/qr) with a phone;"; \
	  echo "                    open a stand's kiosk link on a tablet. Print says VOORBEELD."; \
	fi; \
	echo; \
	if [ -n "$$JOB_QUEUE_URL" ]; then \
	  echo "  Mail queue:       a worker on $$JOB_QUEUE_URL (flask worker)"; \
	  PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-$$base} $(FLASK) worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	fi; \
	PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-$$lan} $(FLASK) run --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Every test (README: the budget on 2 cores): on two workers, then the tests marked `alone`
## (one restarts PostgreSQL, one measures answer times) by themselves; a failure in the first
## part still runs the second. Both parts start the fault tests' servers on copies of the same
## migrated, seeded databases.
test: install lint
	@status=0; templates=$$(mktemp -d); \
	FAULT_TEMPLATES=$$templates $(PYTEST) -n $(TEST_WORKERS) --dist worksteal -m "not alone" || status=$$?; \
	FAULT_TEMPLATES=$$templates $(PYTEST) -m alone || status=$$?; \
	rm -rf $$templates; exit $$status

## The quick lane for your own loop: domain, services, the ballot and the results API on SQLite;
## no PostgreSQL, browser or gunicorn (README: under 20 s on 2 cores). `make test` also runs
## what is left out here: the migrations' tests (each upgrades a database from the first
## migration: a third of the lane), 200 ballots over real HTTP and the follow-up timing test.
FAST_LEFT_OUT := tests/services/test_migrations.py tests/api/test_http_hand_count.py tests/vote/test_follow_up_timing.py
test-fast: install
	$(PYTEST) -q -n $(TEST_WORKERS) tests/domain tests/services tests/test_architecture.py tests/vote tests/api -k "not postgresql" $(addprefix --ignore ,$(FAST_LEFT_OUT))

bench: install
	$(BIN)/python -m tests.benchmarks.bench_ballots

## Thousands of ballots from many clients against gunicorn, SQLite and PostgreSQL: nothing lost.
loadtest: install
	$(BIN)/python -m tests.load.loadtest

## Results at 1,000,000 ballots on SQLite; add DATABASE_URL=postgresql+psycopg://… for PostgreSQL.
profile-ballot: install
	$(BIN)/python -m tests.benchmarks.profile_ballot

## The results views at 1,000,000 ballots, and the council report cold (a fresh process),
## after a new ballot and warm; then the region at 3 x 1,000,000 ballots, live (issue 30).
## SQLite, or DATABASE_URL=postgresql+psycopg://… (emptied first); BENCH_BALLOTS=10000 is
## a quick run.
bench-results: install
	$(BIN)/python -m tests.benchmarks.bench_results
	$(BIN)/python -m tests.benchmarks.bench_regional

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache $(MO)
