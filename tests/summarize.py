#!/usr/bin/python3
# Counts test cases across meson test logs: TAP subtests one by one, other
# tests as one case each. Skipped cases count as neither passed nor failed.
# Prints "N passed, N failed[, N skipped]" as the last line; exits 1 on any
# failure or when nothing ran.
import json
import os
import re
import sys

TAP = re.compile(r'^(not )?ok\b(.*)$')


def count(builddir):
    passed = failed = skipped = 0
    log = os.path.join(builddir, 'meson-logs', 'testlog.json')
    if not os.path.exists(log):
        print(f'{builddir}: no test log', file=sys.stderr)
        return 0, 1, 0
    with open(log, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            t = json.loads(line)
            result = t.get('result')
            if result == 'SKIP':
                skipped += 1
                continue
            p = f = s = 0
            for out in (t.get('stdout') or '').splitlines():
                m = TAP.match(out.strip())
                if not m:
                    continue
                rest = m.group(2)
                if '# SKIP' in rest.upper() or '# TODO' in rest.upper():
                    s += 1
                elif m.group(1):
                    f += 1
                else:
                    p += 1
            if p + f + s == 0:
                if result in ('OK', 'EXPECTEDFAIL'):
                    p = 1
                else:
                    f = 1
            elif result not in ('OK', 'EXPECTEDFAIL') and f == 0:
                # crashed or timed out after its last reported case
                f = 1
            passed += p
            failed += f
            skipped += s
    return passed, failed, skipped


def main():
    passed = failed = skipped = 0
    for d in sys.argv[1:]:
        p, f, s = count(d)
        print(f'{d}: {p} passed, {f} failed, {s} skipped', file=sys.stderr)
        passed += p
        failed += f
        skipped += s
    sys.stdout.flush()
    line = f'{passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line)
    return 1 if failed or passed == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
