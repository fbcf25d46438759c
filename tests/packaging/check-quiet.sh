#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-quiet.sh PATTERN COMMAND [ARG...]
#
# Runs COMMAND and fails when it exits non-zero or when anything it prints
# (stdout and stderr together) matches the extended regular expression
# PATTERN. Validators that only warn still exit 0; this turns their warnings
# into failures.
set -u

if [ $# -lt 2 ]; then
  echo "usage: $0 PATTERN COMMAND [ARG...]" >&2
  exit 2
fi

pattern=$1
shift

out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT

"$@" >"$out" 2>&1
rc=$?
cat "$out"

if [ "$rc" -ne 0 ]; then
  echo "FAIL: $1 exited with status $rc" >&2
  exit 1
fi
if grep -Eq -- "$pattern" "$out"; then
  echo "FAIL: output of $1 matches /$pattern/:" >&2
  grep -E -- "$pattern" "$out" >&2
  exit 1
fi
exit 0
