#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# read-accessible.py PID NAME...: prints, one per line, "NAME<TAB>description"
# of the first accessible called NAME (with a description) in the process
# PID, as a screen reader reads it over AT-SPI. Waits up to 60 s for each.
# Exit 1 when one is not found. Run with Debian's /usr/bin/python3 (pyatspi).
import sys
import time

import pyatspi


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def described(root, name):
    for node in walk(root):
        try:
            if node.name == name and node.description:
                return node.description
        except Exception:
            continue
    return None


def main():
    pid, names = int(sys.argv[1]), sys.argv[2:]
    deadline = time.monotonic() + 60
    app = None
    while app is None and time.monotonic() < deadline:
        app = find_app(pid)
        if app is None:
            time.sleep(0.2)
    if app is None:
        print(f"no accessible application for process {pid}", file=sys.stderr)
        return 1
    for name in names:
        text = None
        while text is None and time.monotonic() < deadline:
            text = described(app, name)
            if text is None:
                time.sleep(0.2)
        if text is None:
            print(f"nothing called {name!r} with a description", file=sys.stderr)
            return 1
        print(f"{name}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
