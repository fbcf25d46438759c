#!/bin/sh
# Runs every test suite of the main build, then the unit tests once more in
# an ASan+UBSan build, and ends with one line "N passed, N failed".
set -u

BUILDDIR=${BUILDDIR:-_build}
ASANDIR=${ASANDIR:-_build-asan}
status=0

meson test -C "$BUILDDIR" --print-errorlogs --no-suite bench || status=1

if [ ! -f "$ASANDIR/build.ninja" ]; then
  meson setup "$ASANDIR" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dapp=false -Dbuildtype=debug || status=1
fi
if meson compile -C "$ASANDIR"; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:fast_unwind_on_malloc=0 \
  LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C "$ASANDIR" --print-errorlogs --suite unit --timeout-multiplier 4 || status=1
else
  status=1
fi

/usr/bin/python3 tests/summarize.py "$BUILDDIR" "$ASANDIR" || status=1
exit $status
