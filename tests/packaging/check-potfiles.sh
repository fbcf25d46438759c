#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.sh [--update] SOURCE_ROOT
#
# Checks po/POTFILES.in: sorted (C locale), every listed file exists, and
# every source file under app/ that has translatable strings is listed.
# With --update, rewrites the app/ part of the list from the tree instead
# (other entries and the leading comment are kept).
set -u

update=false
if [ "${1:-}" = "--update" ]; then
  update=true
  shift
fi
if [ $# -ne 1 ]; then
  echo "usage: $0 [--update] SOURCE_ROOT" >&2
  exit 2
fi
cd "$1" || exit 2

potfiles=po/POTFILES.in
export LC_ALL=C

# _("..."), N_("..."), C_("...") and NC_("...") calls in C, and
# translatable="yes" properties in GtkBuilder files.
translatable_sources() {
  find app -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \) -print |
    while IFS= read -r f; do
      if grep -Eq '(^|[^A-Za-z0-9_])(N|C|NC)?_ ?\(|translatable=.yes' "$f"; then
        echo "$f"
      fi
    done | sort
}

entries() {
  grep -v -e '^#' -e '^[[:space:]]*$' "$potfiles"
}

if $update; then
  tmp=$(mktemp) || exit 2
  {
    grep '^#' "$potfiles"
    { entries | grep -v '^app/'; translatable_sources; } | sort -u
  } >"$tmp" && cat "$tmp" >"$potfiles"
  rc=$?
  rm -f "$tmp"
  exit $rc
fi

status=0

if ! entries | sort -c 2>/dev/null; then
  echo "$potfiles is not sorted (LC_ALL=C sort); first out of order:" >&2
  entries | sort -c 2>&1 | sed 's/^/  /' >&2
  status=1
fi

dups=$(entries | sort | uniq -d)
if [ -n "$dups" ]; then
  echo "$potfiles lists these more than once:" >&2
  echo "$dups" | sed 's/^/  /' >&2
  status=1
fi

for f in $(entries); do
  if [ ! -f "$f" ]; then
    echo "$potfiles lists $f, which does not exist" >&2
    status=1
  fi
done

missing=$(translatable_sources | while IFS= read -r f; do
  entries | grep -qxF "$f" || echo "$f"
done)
if [ -n "$missing" ]; then
  echo "these files have translatable strings but are missing from $potfiles:" >&2
  echo "$missing" | sed 's/^/  /' >&2
  status=1
fi

if [ "$status" -ne 0 ]; then
  echo "run: sh tests/packaging/check-potfiles.sh --update ." >&2
else
  echo "$potfiles: $(entries | wc -l) files, sorted, all present, nothing missing"
fi
exit $status
