#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Drives the running coachbook app over AT-SPI, the way a screen reader sees it.

Run by run-ui-test.sh inside its private display and session bus, with
Debian's /usr/bin/python3 (python3-pyatspi). What the list should show is
asked from coachbook-cli on the same catalog, so the checks hold whatever
the starter library contains.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import traceback

import pyatspi

SEARCH_TEXT = "push"
TIMEOUT = 15.0


class Failure(Exception):
    pass


class AppGone(Failure):
    """The app process ended: no point in waiting any longer."""


def log(message):
    print(f"ui-driver: {message}", flush=True)


def wait_for(what, predicate, timeout=TIMEOUT, interval=0.1):
    """Polls predicate until it returns something true; returns that."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except AppGone:
            raise
        except Exception as e:
            # The tree changes under us while GTK rebuilds rows: a child
            # that was just listed can be gone (None) a moment later.
            last_error = e
        time.sleep(interval)
    detail = f" (last error: {last_error})" if last_error else ""
    raise Failure(f"timed out after {timeout:.0f} s waiting for {what}{detail}")


def walk(node, depth=0, max_depth=60):
    if node is None or depth > max_depth:
        return
    yield node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def find(root, role=None, name=None):
    for node in walk(root):
        try:
            if role is not None and node.getRole() != role:
                continue
            if name is not None and node.name != name:
                continue
        except Exception:
            continue
        return node
    return None


def find_all(root, role=None, name=None):
    found = []
    for node in walk(root):
        try:
            if (role is None or node.getRole() == role) and (name is None or node.name == name):
                found.append(node)
        except Exception:
            continue
    return found


def dump(root, out=sys.stdout, max_depth=30):
    def rec(node, depth):
        if node is None or depth > max_depth:
            return
        try:
            out.write(f"{'  ' * depth}{node.getRoleName()} {node.name!r}\n")
            for i in range(node.childCount):
                rec(node.getChildAtIndex(i), depth + 1)
        except Exception as e:
            out.write(f"{'  ' * depth}<error: {e}>\n")
    rec(root, 0)


class App:
    def __init__(self, args):
        self.args = args
        self.app = None
        self.frame = None

    # -- ground truth from the CLI --------------------------------------
    def cli(self, *argv):
        cmd = [self.args.cli, "--data-dir", self.args.data_dir, "--json", *argv]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            raise Failure(f"{' '.join(cmd)} failed: {result.stderr.strip()}")
        return json.loads(result.stdout)

    def expected_search(self, text):
        hits = self.cli("search", "--kind", "exercise", "--limit", "500", text)
        return [h["title"] for h in hits if h.get("kind") == "exercise"]

    def expected_all(self):
        return [row["name"] for row in self.cli("list", "exercises")]

    # -- the app's accessible tree --------------------------------------
    def check_alive(self):
        if not self.args.app_pid:
            return
        try:
            with open(f"/proc/{self.args.app_pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            state = "gone"
        if state in ("Z", "X", "gone"):
            raise AppGone("the app exited (see its log below)")

    def find_app(self):
        self.check_alive()
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "coachbook":
                for j in range(app.childCount):
                    frame = app.getChildAtIndex(j)
                    if frame is not None and frame.getRole() == pyatspi.ROLE_FRAME:
                        self.app, self.frame = app, frame
                        return True
        return False

    def apps_on_bus(self):
        desktop = pyatspi.Registry.getDesktop(0)
        names = []
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            names.append(app.name if app is not None else "<none>")
        return names

    def search_entry(self):
        entry = find(self.frame, name="Search exercises")
        if entry is None:
            raise Failure("no widget named “Search exercises”")
        # The editable text may sit on the entry or on its inner text widget.
        for node in walk(entry, max_depth=4):
            try:
                node.queryEditableText()
                return node
            except NotImplementedError:
                continue
        raise Failure("the search entry exposes no EditableText")

    def exercise_list(self):
        node = find(self.frame, role=pyatspi.ROLE_LIST, name="Exercises")
        if node is None:
            raise Failure("no list named “Exercises”")
        return node

    def row_names(self):
        """Names of the realised rows, in order (only those are exposed)."""
        names = []
        lst = self.exercise_list()
        for i in range(lst.childCount):
            item = lst.getChildAtIndex(i)
            if item is None:
                raise Failure("a row went away while reading the list")
            name = item.name
            if not name and item.childCount > 0:
                child = item.getChildAtIndex(0)
                if child is None:
                    raise Failure("a row went away while reading the list")
                name = child.name
            if name:
                names.append(name)
        return names

    def label_texts(self, root=None):
        return [n.name for n in find_all(root or self.frame, role=pyatspi.ROLE_LABEL)]

    def set_search(self, text):
        entry = self.search_entry()
        entry.queryEditableText().setTextContents(text)

    def entry_text(self):
        t = self.search_entry().queryText()
        return t.getText(0, t.characterCount)

    # -- checks ---------------------------------------------------------
    def expect_rows(self, what, expected):
        """Waits until the visible rows are the head of @expected."""
        def ok():
            rows = self.row_names()
            if not rows or len(rows) > len(expected):
                return None
            return rows if rows == expected[:len(rows)] else None
        try:
            return wait_for(what, ok)
        except Failure:
            raise Failure(f"{what}: the list shows {self.row_names()!r}, expected the start of {expected!r}")

    def run(self):
        log("waiting for the window")
        try:
            wait_for("the coachbook window on the accessibility bus", self.find_app, timeout=30)
        except Failure as e:
            raise Failure(f"{e}; applications on the bus: {self.apps_on_bus()!r}")
        log(f"found window “{self.frame.name}”")

        all_names = self.expected_all()
        if not all_names:
            raise Failure("the catalog has no exercises; nothing to check")

        # The full list, in the order of the catalog.
        rows = self.expect_rows("the exercise list", all_names)
        log(f"list shows {len(rows)} of {len(all_names)} exercises, first: {rows[0]!r}")
        summary = f"{len(all_names)} exercises"
        wait_for(f"the count “{summary}”", lambda: summary in self.label_texts())

        # Search as you type.
        expected = self.expected_search(SEARCH_TEXT)
        if not expected:
            raise Failure(f"the catalog has no exercise matching “{SEARCH_TEXT}”")
        self.set_search(SEARCH_TEXT)
        if self.entry_text() != SEARCH_TEXT:
            raise Failure(f"the search entry holds {self.entry_text()!r} after typing")
        rows = self.expect_rows(f"results for “{SEARCH_TEXT}”", expected)
        with_text = [r for r in rows if SEARCH_TEXT in r.lower()]
        if not with_text or SEARCH_TEXT not in rows[0].lower():
            raise Failure(f"no row named like “{SEARCH_TEXT}” first in {rows!r}")
        log(f"search “{SEARCH_TEXT}” shows {rows!r}")
        n = len(expected)
        summary = f"{n} match" if n == 1 else f"{n} matches"
        wait_for(f"the count “{summary}”", lambda: summary in self.label_texts())

        # Nothing found: the list empties and says so.
        self.set_search("zzqxj")
        wait_for("an empty list for “zzqxj”", lambda: self.exercise_list().childCount == 0)
        wait_for("the “No exercises match” message",
                 lambda: "No exercises match “zzqxj”" in self.label_texts())
        log("a search without results shows the empty state")

        # Clearing the search brings the full list back.
        self.set_search("")
        rows = self.expect_rows("the full list after clearing the search", all_names)
        log(f"cleared search shows {rows[:5]!r}…")

        # Search again and pick the best match: the detail pane shows it.
        self.set_search(SEARCH_TEXT)
        self.expect_rows(f"results for “{SEARCH_TEXT}” again", expected)
        self.select_and_check(expected[0])

        self.screenshot()

        # Quit through the main menu: the app closes its window and exits.
        self.quit()

    def select_and_check(self, name):
        lst = self.exercise_list()
        rows = self.row_names()
        if name not in rows:
            raise Failure(f"“{name}” is not among the rows {rows!r}")
        index = rows.index(name)
        try:
            ok = lst.querySelection().selectChild(index)
        except NotImplementedError:
            ok = False
        if not ok:
            log("the list did not accept a selection over AT-SPI; detail pane not checked")
            return
        detail = wait_for("the detail pane", lambda: find(self.frame, name="CoachExerciseDetail"))
        wait_for(f"“{name}” in the detail pane", lambda: name in self.label_texts(detail))
        log(f"selected “{name}”: the detail pane shows it")

    def app_exited(self):
        try:
            self.check_alive()
        except AppGone:
            return True
        return False

    def quit(self):
        # A GtkMenuButton shows up as a button holding its toggle button,
        # both named after it; the toggle is the one that opens the menu.
        buttons = [b for b in find_all(self.frame, name="Main Menu")
                   if b.parent is not None and b.parent.name == "Main Menu"]
        for button in buttons:
            try:
                button.queryAction().doAction(0)
            except NotImplementedError:
                continue
            try:
                item = wait_for("the Quit menu item",
                                lambda: find(self.app, role=pyatspi.ROLE_MENU_ITEM, name="Quit"),
                                timeout=3)
            except Failure:
                continue
            item.queryAction().doAction(0)
            break
        else:
            raise Failure("no main menu with a Quit item")
        if self.args.app_pid:
            wait_for("the app to exit after Quit", self.app_exited, timeout=10)
        log("quit through the main menu")

    def screenshot(self):
        path = self.args.screenshot
        if not path:
            return
        importer = shutil.which("import")
        if importer is None:
            log("no screenshot: ImageMagick's “import” is not installed (Debian package imagemagick)")
            return
        time.sleep(0.5)  # let the last frame reach the screen
        cmd = [importer, "-window", "root"]
        # GTK 4.8 reports no screen positions, only sizes; with no window
        # manager on the private display the window sits at the origin.
        try:
            _, _, w, h = self.frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if w > 0 and h > 0:
                cmd += ["-crop", f"{w}x{h}+0+0", "+repage"]
        except Exception:
            pass
        result = subprocess.run(cmd + [path], capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            log(f"screenshot failed: {result.stderr.strip()}")
        else:
            log(f"screenshot saved to {path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--app-pid", type=int, default=0)
    parser.add_argument("--screenshot")
    args = parser.parse_args()

    app = App(args)
    try:
        app.run()
    except Exception as e:
        if not isinstance(e, Failure):
            traceback.print_exc(file=sys.stdout)
        log(f"FAIL: {e}")
        if app.frame is not None and not isinstance(e, AppGone):
            log("accessible tree of the window:")
            dump(app.frame)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
