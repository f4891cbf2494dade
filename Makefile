# The two commands of the README, and the steps they are made of.
#   make demo   install what is missing, build, convert the bundled sample
#   make test   install, build, run every test (also under ASan + UBSan)
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build demo test test-release test-sanitize bench clean

all: build

deps:
	@sh scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@sh scripts/demo.sh $(BUILD)

test: test-release test-sanitize

test-release: build
	cd $(BUILD) && ctest --output-on-failure

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
# Leak checking is on; tests/lsan.supp names the libraries' own one-time
# allocations (fontconfig, cairo) that are not ours to free.
test-sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAP_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && \
	  ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure

bench: build
	@sh bench/pdf_stage.sh $(BUILD)/agendapack

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
