# SPDX-License-Identifier: MIT
# Thin wrapper over CMake + Ninja + ctest. See README.md.
PREFIX ?= /usr/local
DESTDIR ?=
JOBS ?= $(shell nproc)
BUILD := build/gcc
ASAN := build/asan
CMAKE_COMMON := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps run check check-gcc check-asan bench install clean fuzz stress abi-update strace-suite

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	CC=gcc CXX=g++ cmake -S . -B $(BUILD) $(CMAKE_COMMON) -DSNARE_WERROR=ON -DCMAKE_INSTALL_PREFIX=$(PREFIX)

$(ASAN)/build.ninja: | deps
	CC=clang CXX=clang++ cmake -S . -B $(ASAN) $(CMAKE_COMMON) -DSNARE_WERROR=ON -DSNARE_SANITIZE=ON

# The main job: trace the bundled demo program.
run: all
	$(BUILD)/snare trace -f -- $(BUILD)/snare-demo

check: check-gcc check-asan

check-gcc: all
	cd $(BUILD) && ctest --output-on-failure -j2

# Three at a time: most sanitized tests wait on their tracee (ptrace stops),
# so a third overlaps them on two CPUs (291 s -> 185 s measured); make stress
# checks the tests under heavier load than that.
check-asan: $(ASAN)/build.ninja
	ninja -C $(ASAN)
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j3

# Record the ABI of the gcc build's libsnare.so in abi/ (ctest abi_record
# compares the library with it): after a change to the ABI made on purpose.
abi-update: all
	sh scripts/abi.sh update $(BUILD)/libsnare.so

# The suite STRESS_RUNS times (default 20) next to two CPU busy loops,
# stopping at the first failing run; STRESS_ASAN=1 runs build/asan instead.
stress: $(if $(filter 1,$(STRESS_ASAN)),$(ASAN),$(BUILD))/build.ninja
	sh scripts/stress.sh $(if $(filter 1,$(STRESS_ASAN)),$(ASAN),$(BUILD))

bench: all
	@test -d $(BUILD)/bench || cmake -S . -B $(BUILD) >/dev/null
	ninja -C $(BUILD) bench_programs
	sh bench/run.sh $(BUILD)

FUZZ := build/fuzz
FUZZ_TIME ?= 600

$(FUZZ)/build.ninja: | deps
	CC=clang cmake -S fuzz -B $(FUZZ) $(CMAKE_COMMON)

# Long fuzzing runs (make check runs each target briefly).
fuzz: $(FUZZ)/build.ninja
	ninja -C $(FUZZ)
	sh fuzz/run-all.sh $(FUZZ) $(FUZZ_TIME)

# strace's own test suite against `snare trace` (scripts/strace-suite.sh):
# make strace-suite STRACE_SRC=/path/to/strace-6.1 [STRACE_TESTS="a b"]
strace-suite: all
	@test -n "$(STRACE_SRC)" || { echo "set STRACE_SRC to strace's source tree" >&2; exit 1; }
	bash scripts/strace-suite.sh $(STRACE_SRC) $(STRACE_TESTS)

install: all
	DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf build
