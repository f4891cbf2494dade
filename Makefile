# The two commands of the README, and the steps they are made of.
#   make demo      install what is missing to build and run, build, convert
#                  the bundled sample
#   make test      install what the tests need too, build, run every test
#                  (also under ASan + UBSan)
#   make install   the program, library, header, pkg-config file, schema,
#                  man page and bash completion under PREFIX (DESTDIR honoured)
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX     ?= /usr/local

.PHONY: all deps test-deps build demo test test-release test-sanitize test-fuzz install bench clean

all: build

deps:
	@sh scripts/install-deps.sh

test-deps:
	@sh scripts/install-deps.sh test
	@sh scripts/install-a11y.sh

# configured again each time: a build made before Criterion was installed
# then gains its tests
configure = cmake -S . -B $(1) $(2) >/dev/null

build: deps
	@$(call configure,$(BUILD),-DCMAKE_BUILD_TYPE=RelWithDebInfo)
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@sh scripts/demo.sh $(BUILD)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

test: test-release test-sanitize test-fuzz

test-release: test-deps build
	cd $(BUILD) && ctest --output-on-failure

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
# Leak checking is on; tests/lsan.supp names the libraries' own one-time
# allocations (fontconfig, cairo) that are not ours to free.
test-sanitize: test-deps
	@$(call configure,$(ASAN_BUILD),-DCMAKE_BUILD_TYPE=Debug -DAP_SANITIZE=ON)
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && \
	  ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure

# libFuzzer (clang) over the PDF stage, the normaliser and the schema
# validator, FUZZ_SECONDS each on seeds made from the fixtures
# (tests/fuzz/README.md has the longer run).
test-fuzz: test-deps
	@$(call configure,$(FUZZ_BUILD),-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DAP_FUZZ=ON)
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	sh tests/fuzz/run.sh $(FUZZ_BUILD) . $(FUZZ_SECONDS)

bench: build
	@sh bench/speed.sh $(BUILD)/agendapack

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
