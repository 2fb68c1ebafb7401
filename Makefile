# MotCua: the two commands of the README, and a few more.
#   make run    install dependencies, build, migrate, load demo data, serve on :8080
#   make test   build and run every test (unit, store on SQLite and PostgreSQL, HTTP, browser)
#   make bench  benchmarks (not part of make test)

BUILD ?= build
DB ?= sqlite://data/motcua.db
LISTEN ?= 127.0.0.1:8080
BUILD_TYPE ?= RelWithDebInfo
PUBLIC_URL ?= http://localhost:$(lastword $(subst :, ,$(LISTEN)))

.PHONY: deps build run test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD)

run: build
	$(BUILD)/motcua --db $(DB) migrate
	$(BUILD)/motcua --db $(DB) seed demo --if-empty
	$(BUILD)/motcua --db $(DB) seed dossiers --count 5000 --officers 20 --resolve 0.8 --if-empty
	@echo "Cổng Dịch vụ công: $(PUBLIC_URL)"
	$(BUILD)/motcua --db $(DB) serve --listen $(LISTEN) --public-url $(PUBLIC_URL)

test:
	@scripts/test.sh

bench:
	@status=0; bench/run.sh || status=$$?; bench/dossiers.sh || status=$$?; bench/handling.sh || status=$$?; bench/reports.sh || status=$$?; exit $$status

clean:
	rm -rf $(BUILD)
