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
NEW_EXERCISE = "Zebra Crawl Drill"

# Sidebar order: (accessible name, coachbook-cli kind, count word, empty-state title)
PAGES = [
    ("Exercises", "exercises", "exercise", "No Exercises"),
    ("Clips", "clips", "clip", "No Clips Yet"),
    ("Workouts", "workouts", "workout", "No Workouts Yet"),
    ("Sessions", "sessions", "session", "No Sessions Planned"),
    ("Athletes", "athletes", "athlete", "No Athletes Yet"),
]
NARROW = (360, 720)
WIDE = (1100, 760)


class Failure(Exception):
    pass


class AppGone(Failure):
    """The app process ended: no point in waiting any longer."""


START = time.monotonic()


def log(message):
    print(f"ui-driver: [{time.monotonic() - START:5.1f} s] {message}", flush=True)


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


def find_button(root, label):
    """A push button by its label. GTK 4.8 names a button with a label
    “_Label Label” (the mnemonic text, then the label's own text)."""
    for node in walk(root):
        try:
            if node.getRole() != pyatspi.ROLE_PUSH_BUTTON:
                continue
            name = (node.name or "").replace("_", "")
        except Exception:
            continue
        if name == label or name.startswith(label + " "):
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


    # -- pages, editor, archive -----------------------------------------
    def header_labels(self):
        """Title and count of the visible page, from the content header."""
        if getattr(self, "_header", None) is None:
            for node in find_all(self.frame, name="AdwWindowTitle"):
                labels = [n.name for n in find_all(node, role=pyatspi.ROLE_LABEL)]
                if labels and labels[0] != "Coachbook":
                    self._header = node
                    break
            else:
                raise Failure("no page title in the header bar")
        return [n.name for n in find_all(self._header, role=pyatspi.ROLE_LABEL)]

    def open_page(self, index):
        name = PAGES[index][0]
        sidebar = find(self.frame, name="Pages")
        if sidebar is None:
            raise Failure("no sidebar named “Pages”")
        ok = False
        try:
            ok = sidebar.querySelection().selectChild(index)
        except NotImplementedError:
            ok = False
        if not ok:
            # Alt+1 … Alt+5 switch pages as well.
            subprocess.run(["xdotool", "key", f"alt+{index + 1}"], timeout=10, check=False)
        wait_for(f"the “{name}” page title", lambda: self.header_labels()[:1] == [name])

    def check_page(self, index):
        name, kind, word, empty_title = PAGES[index]
        self.open_page(index)
        rows = self.cli("list", kind)
        n = len(rows)
        summary = f"{n} {word}" if n == 1 else f"{n} {word}s"
        if kind == "exercises":
            summary = f"{n} exercises" if n != 1 else "1 exercise"
        wait_for(f"the count “{summary}” on {name}", lambda: summary in self.header_labels())
        if n == 0:
            wait_for(f"the empty state “{empty_title}”",
                     lambda: find(self.frame, role=pyatspi.ROLE_LABEL, name=empty_title))
            log(f"page {name}: empty state “{empty_title}”, count “{summary}”")
        else:
            titles = {row.get("title") or row.get("name") for row in rows} - {None, ""}
            if kind == "sessions":
                titles = {row["title"] for row in rows if row.get("title")}
            if titles:
                shown = wait_for(f"a {word} of the catalog on {name}",
                                 lambda: next((n.name for n in walk(self.frame) if n.name in titles), None))
                log(f"page {name}: {summary}, shows “{shown}”")
            else:
                log(f"page {name}: {summary}")

    def resize(self, width, height):
        """Resizes the main window through the X server (no window manager here)."""
        if shutil.which("xdotool") is None:
            # .ci/deps installs it: a missing tool is a broken setup, not a pass
            raise Failure("xdotool is not installed: cannot check the narrow layout")
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^Coachbook$",
             "windowsize", "%@", str(width), str(height)],
            capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise Failure(f"xdotool could not resize the window: {result.stderr.strip()}")
        def resized():
            _, _, w, _ = self.frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return w <= width + 80
        wait_for(f"the window to be {width} px wide", resized, timeout=5)
        time.sleep(0.5)
        return True

    def shoot_pages(self, theme, check=False):
        """One screenshot of every page, wide then narrow."""
        if not self.args.shots_dir:
            return
        os.makedirs(self.args.shots_dir, exist_ok=True)
        for index, page in enumerate(PAGES):
            if check:
                self.check_page(index)
            else:
                self.open_page(index)
            self.screenshot(os.path.join(self.args.shots_dir, f"{page[1]}-{theme}-wide.png"))
        if not self.resize(*NARROW):
            return
        back = wait_for("the Back button in a narrow window",
                        lambda: find(self.frame, role=pyatspi.ROLE_PUSH_BUTTON, name="Back"), timeout=5)
        log(f"narrow window: {back.name!r} button shown")
        for index, page in enumerate(PAGES):
            self.open_page(index)
            self.screenshot(os.path.join(self.args.shots_dir, f"{page[1]}-{theme}-narrow.png"))

    def editable(self, root, name):
        node = wait_for(f"a field named “{name}”", lambda: find(root, name=name), timeout=5)
        for child in walk(node, max_depth=6):
            try:
                child.queryEditableText()
                return child
            except NotImplementedError:
                continue
        raise Failure(f"the field “{name}” exposes no EditableText")

    def click(self, root, name, what=None):
        try:
            button = wait_for(what or f"the “{name}” button",
                              lambda: find_button(root, name), timeout=5)
        except Failure:
            log(f"accessible tree of “{root.name}”:")
            dump(root)
            raise
        button.queryAction().doAction(0)

    def find_window(self, title):
        def ok():
            for i in range(self.app.childCount):
                w = self.app.getChildAtIndex(i)
                if w is not None and w.name == title and w.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG):
                    return w
            return None
        return wait_for(f"the “{title}” window", ok, timeout=10)

    def exercise_rows(self, archived=False):
        args = ["list", "exercises"] + (["--archived"] if archived else [])
        return {row["name"]: row for row in self.cli(*args)}

    def create_exercise(self):
        before = self.exercise_rows()
        if NEW_EXERCISE in before:
            raise Failure(f"“{NEW_EXERCISE}” is already in the catalog")
        self.open_page(0)
        self.click(self.frame, "New Exercise")
        editor = self.find_window("New Exercise")

        # An empty name is refused inline, and nothing is saved.
        self.click(editor, "Save")
        wait_for("the inline “needs a name” error",
                 lambda: "Every exercise needs a name." in self.label_texts(editor))
        if len(self.exercise_rows()) != len(before):
            raise Failure("an exercise without a name reached the catalog")
        log("empty name: inline error, nothing saved")
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.screenshot(os.path.join(self.args.shots_dir, f"exercise-editor-{self.args.theme}.png"), editor)

        self.editable(editor, "Name").queryEditableText().setTextContents(NEW_EXERCISE)
        self.editable(editor, "Muscles").queryEditableText().setTextContents("core, shoulders, core")
        self.editable(editor, "Equipment").queryEditableText().setTextContents("mat")
        self.click(editor, "Save")
        wait_for("the editor to close", lambda: NEW_EXERCISE in self.exercise_rows(), timeout=10)
        row = self.exercise_rows()[NEW_EXERCISE]
        if row.get("muscles") != ["core", "shoulders"] or row.get("equipment") != ["mat"]:
            raise Failure(f"the new exercise was saved as {row!r}")
        log(f"created “{NEW_EXERCISE}” through the editor: {row.get('muscles')} {row.get('equipment')}")

    def search_and_archive(self):
        self.set_search(NEW_EXERCISE)
        expected = self.expected_search(NEW_EXERCISE)
        if not expected or expected[0] != NEW_EXERCISE:
            raise Failure(f"coachbook-cli does not find “{NEW_EXERCISE}” first: {expected!r}")
        self.expect_rows(f"results for “{NEW_EXERCISE}”", expected)
        self.select_and_check(NEW_EXERCISE)
        log(f"search finds “{NEW_EXERCISE}”")

        # Editing changes the same row; the form starts from what is saved.
        self.click(self.frame, "Edit")
        editor = self.find_window("Edit Exercise")
        muscles = self.editable(editor, "Muscles")
        t = muscles.queryText()
        if t.getText(0, t.characterCount) != "core, shoulders":
            raise Failure(f"the editor shows muscles {t.getText(0, t.characterCount)!r}")
        muscles.queryEditableText().setTextContents("core, shoulders, hips")
        self.click(editor, "Save")
        wait_for("the edited muscles in the catalog",
                 lambda: self.exercise_rows()[NEW_EXERCISE].get("muscles") == ["core", "shoulders", "hips"])
        if self.expected_all().count(NEW_EXERCISE) != 1:
            raise Failure("editing made a second exercise")
        log("edited the muscles through the editor")

        self.click(self.frame, "Archive")
        wait_for("the exercise to leave the list", lambda: NEW_EXERCISE not in self.exercise_rows())
        archived = self.exercise_rows(archived=True).get(NEW_EXERCISE)
        if archived is None or not archived.get("archived"):
            raise Failure(f"“{NEW_EXERCISE}” is not kept as archived: {archived!r}")
        log("archived: gone from the list, kept as archived")

        undo = wait_for("the Undo button of the toast",
                        lambda: find_button(self.frame, "Undo"))
        undo.queryAction().doAction(0)
        wait_for("the exercise to come back after Undo", lambda: NEW_EXERCISE in self.exercise_rows())
        log("Undo in the toast brought it back")
        self.set_search("")

    def wait_for_window(self):
        log("waiting for the window")
        try:
            wait_for("the coachbook window on the accessibility bus", self.find_app, timeout=30)
        except Failure as e:
            raise Failure(f"{e}; applications on the bus: {self.apps_on_bus()!r}")
        log(f"found window “{self.frame.name}”")

    def run_pages(self):
        """Every page of a large catalog, wide and narrow: its count and rows."""
        self.wait_for_window()
        for index in range(len(PAGES)):
            self.check_page(index)
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            for index, page in enumerate(PAGES):
                self.open_page(index)
                self.screenshot(os.path.join(self.args.shots_dir, f"{page[1]}-{self.args.theme}-30k.png"))
        self.resize(*NARROW)
        for index in range(len(PAGES)):
            self.check_page(index)
        self.quit()

    def run_screenshots(self):
        self.wait_for_window()
        self.shoot_pages(self.args.theme, check=True)
        self.quit()

    def run(self):
        self.wait_for_window()

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

        self.screenshot(self.args.screenshot)

        # Every page through the sidebar: its content or its empty state.
        self.set_search("")
        for index in range(len(PAGES)):
            self.check_page(index)

        self.create_exercise()
        self.search_and_archive()
        self.check_outside_write()
        self.check_global_search()
        self.check_preferences()

        self.shoot_pages(self.args.theme)
        self.check_workout_composer()

        # Quit through the main menu: the app closes its window and exits.
        self.quit()

    def check_outside_write(self):
        """A workout written by coachbook-cli while the app runs shows up."""
        made = self.cli("generate", "--minutes", "12", "--seed", "3", "--name", "Written Outside")
        self.open_page(2)
        wait_for("the workout written by coachbook-cli",
                 lambda: find(self.frame, name="Written Outside"), timeout=15)
        log(f"a workout written by coachbook-cli while the app runs appeared ({len(made['exercise_ids'])} items)")
        self.open_page(0)

    # -- the workout composer -------------------------------------------
    def workout_rows(self):
        return {row["id"]: row for row in self.cli("list", "workouts")}

    def workout_item_rows(self, workout_id):
        """The item rows of one workout in order, from an export of it."""
        path = os.path.join(self.args.data_dir, "composer-items.json")
        cmd = [self.args.cli, "--data-dir", self.args.data_dir, "export", "--select", f"workout/{workout_id}", path]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            raise Failure(f"{' '.join(cmd)} failed: {result.stderr.strip()}")
        with open(path) as f:
            tables = json.load(f)["tables"]
        os.unlink(path)
        items = [i for i in tables.get("workout_item", []) if i.get("workout_id") == workout_id]
        return sorted(items, key=lambda i: i["position"])

    def workout_items(self, workout_id):
        """The items of one workout in order, from an export of it."""
        path = os.path.join(self.args.data_dir, "composer-export.json")
        cmd = [self.args.cli, "--data-dir", self.args.data_dir, "export", "--select", f"workout/{workout_id}", path]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            raise Failure(f"{' '.join(cmd)} failed: {result.stderr.strip()}")
        with open(path) as f:
            tables = json.load(f)["tables"]
        os.unlink(path)
        items = [i for i in tables.get("workout_item", []) if i.get("workout_id") == workout_id]
        return [i["exercise_id"] for i in sorted(items, key=lambda i: i["position"])]

    @staticmethod
    def format_duration(seconds):
        """What coach_duration_format() shows, for the C locale."""
        if seconds < 60:
            return f"{seconds} s"
        if seconds < 600:
            if seconds % 60 == 0:
                return f"{seconds // 60} min"
            return f"{seconds // 60} min {seconds % 60:02d} s"
        minutes = seconds // 60 + (1 if seconds % 60 >= 30 else 0)
        if minutes < 60:
            return f"{minutes} min"
        if minutes % 60 == 0:
            return f"{minutes // 60} h"
        return f"{minutes // 60} h {minutes % 60:02d} min"

    def text_of(self, node):
        t = node.queryText()
        return t.getText(0, t.characterCount)

    def find_toplevel(self, title):
        """A window of the app by its title, whatever role GTK gives it."""
        def ok():
            for i in range(self.app.childCount):
                w = self.app.getChildAtIndex(i)
                if w is not None and w.name == title:
                    return w
            return None
        return wait_for(f"the “{title}” window", ok, timeout=10)

    def check_workout_composer(self):
        """Composes a workout through the UI and checks the catalog after each step."""
        self.resize(*WIDE)
        self.open_page(2)
        before = self.workout_rows()
        self.click(self.frame, "New Workout")
        new_ids = wait_for("the new workout in the catalog",
                           lambda: [i for i in self.workout_rows() if i not in before], timeout=10)
        workout_id = new_ids[0]
        editor = wait_for("the workout composer", lambda: find(self.frame, name="CoachWorkoutEditor"))

        # An empty name is refused inline, and the saved name stays.
        name_field = self.editable(editor, "Name")
        name_field.queryEditableText().setTextContents("")
        self.click(editor, "Save Workout")
        wait_for("the inline “needs a name” error",
                 lambda: "Every workout needs a name." in self.label_texts(editor))
        if not self.workout_rows()[workout_id].get("name"):
            raise Failure("a workout without a name reached the catalog")
        log("workout: empty name refused inline")
        name_field.queryEditableText().setTextContents("Composer Check")
        self.click(editor, "Save Workout")
        wait_for("the workout renamed in the catalog",
                 lambda: self.workout_rows()[workout_id].get("name") == "Composer Check")

        exercises = [row for row in self.cli("list", "exercises") if row["name"] != NEW_EXERCISE][:3]
        if len(exercises) < 3:
            raise Failure("the catalog has fewer than three exercises to compose with")
        for n, exercise in enumerate(exercises, start=1):
            self.click(editor, "Add Exercise")
            picker = self.find_toplevel("Add Exercise")
            self.editable(picker, "Find Exercise").queryEditableText().setTextContents(exercise["name"])
            time.sleep(0.6)  # the search entry waits a moment before it searches
            self.click(picker, exercise["name"], f"“{exercise['name']}” in the Add Exercise window")
            try:
                wait_for(f"{n} items in the workout", lambda: len(self.workout_items(workout_id)) == n, timeout=10)
            except Failure:
                log(f"accessible tree of the Add Exercise window:")
                dump(picker)
                raise
        ids = [e["id"] for e in exercises]
        if self.workout_items(workout_id) != ids:
            raise Failure(f"the items are {self.workout_items(workout_id)!r}, expected {ids!r}")
        log(f"added {', '.join(e['name'] for e in exercises)} through the Add Exercise window")

        # The last added item is selected: move it up one place.
        self.click(editor, "Move Up")
        expected = [ids[0], ids[2], ids[1]]
        try:
            wait_for("the moved item in the catalog", lambda: self.workout_items(workout_id) == expected, timeout=10)
        except Failure:
            raise Failure(f"after Move Up the items are {self.workout_items(workout_id)!r}, expected {expected!r}")
        log("Move Up reordered the items in the catalog")

        # The selected item's own rest and notes, through its editor.
        # GTK 4.8 names a spin button after its label and then its row.
        rest = wait_for("the item's rest field", lambda: next(
            (n for n in find_all(editor, role=pyatspi.ROLE_SPIN_BUTTON)
             if (n.name or "").startswith("Exercise Rest Seconds")), None), timeout=5)
        rest.queryEditableText().setTextContents("45")
        self.editable(editor, "Notes").queryEditableText().setTextContents("Hold the line")
        self.click(editor, "Apply to Exercise")
        def edited():
            item = self.workout_item_rows(workout_id)[1]
            return item.get("rest_s") == 45 and item.get("notes") == "Hold the line"
        try:
            wait_for("the item's rest and notes in the catalog", edited, timeout=10)
        except Failure:
            raise Failure(f"after Apply the item is {self.workout_item_rows(workout_id)[1]!r}")
        log("item editor: rest 45 s and notes saved to the selected item")

        total = self.workout_rows()[workout_id].get("total_duration_s")
        def shown_totals():
            # The row titled “Total Duration” holds the title and the value.
            row = find(editor, role=pyatspi.ROLE_LIST_ITEM, name="Total Duration")
            return [n.name for n in find_all(row, role=pyatspi.ROLE_LABEL) if n.name != "Total Duration"]
        want = self.format_duration(total)
        try:
            wait_for(f"the total “{want}”", lambda: shown_totals() == [want], timeout=5)
        except Failure:
            raise Failure(f"the total shows {shown_totals()!r}, the catalog says {total} s ({want!r})")
        log(f"total duration shown as “{want}” ({total} s)")
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.screenshot(os.path.join(self.args.shots_dir, f"composer-{self.args.theme}-wide.png"))
        self.check_export_pdf(editor, workout_id, "Composer Check")
        self.check_plan_from_composer(editor, workout_id)

        # Generate a workout through the dialog.
        before = self.workout_rows()
        self.click(self.frame, "Generate…")
        dialog = self.find_toplevel("Generate Workout")
        if self.args.shots_dir:
            self.screenshot(os.path.join(self.args.shots_dir, f"generate-{self.args.theme}.png"), dialog)
        self.click(dialog, "Generate")
        try:
            made = wait_for("the generated workout in the catalog",
                            lambda: [r for i, r in self.workout_rows().items() if i not in before], timeout=10)
        except Failure:
            raise Failure(f"nothing generated; the dialog says {self.label_texts(dialog)!r}")
        log(f"generated “{made[0]['name']}” through the dialog")
        self.open_page(0)

    def check_plan_from_composer(self, editor, workout_id):
        """Plan Session… in the composer opens the planner on this workout."""
        self.click(editor, "Plan Session…")
        planner = self.find_window("Plan Session")
        self.editable(planner, "Title").queryEditableText().setTextContents("Composer Session")
        self.click(planner, "Save")

        def planned():
            return next((s for s in self.cli("list", "sessions") if s.get("title") == "Composer Session"), None)
        session = wait_for("the session planned from the composer", planned, timeout=10)
        if session.get("workout_id") != workout_id:
            raise Failure(f"the session has the workout {session.get('workout_id')!r}, expected {workout_id!r}")
        wait_for("the planner to close",
                 lambda: all(self.app.getChildAtIndex(i) is None or self.app.getChildAtIndex(i).name != "Plan Session"
                             for i in range(self.app.childCount)), timeout=5)
        log("planned a session from the composer: it has the workout")

    # -- the global search ----------------------------------------------
    def search_rows(self, dialog):
        results = find(dialog, name="Search Results")
        if results is None:
            return []
        return [n.name for n in find_all(results, role=pyatspi.ROLE_LIST_ITEM) if n.name]

    def expect_search_rows(self, dialog, what, expected):
        def shown():
            rows = self.search_rows(dialog)
            return rows == expected and (rows or not expected)
        try:
            wait_for(what, lambda: shown() or (not expected and self.search_rows(dialog) == []), timeout=10)
        except Failure:
            raise Failure(f"{what}: the dialog shows {self.search_rows(dialog)!r}, expected {expected!r}")

    def toggle_chip(self, dialog, name):
        def chip():
            # GTK 4.8 shows a toggle button as a push button (with a pressed state).
            for node in find_all(dialog, role=pyatspi.ROLE_TOGGLE_BUTTON) + find_all(dialog, role=pyatspi.ROLE_PUSH_BUTTON):
                label = (node.name or "").replace("_", "")
                if label == name or label.startswith(name + " "):
                    return node
            return None
        try:
            node = wait_for(f"the “{name}” chip", chip, timeout=5)
        except Failure:
            dump(dialog)
            raise
        node.queryAction().doAction(0)

    def open_global_search(self):
        """Ctrl+F from any page opens the search window."""
        subprocess.run(["xdotool", "key", "ctrl+f"], timeout=10, check=False)
        return self.find_toplevel("Search")

    def search_closed(self):
        return all(self.app.getChildAtIndex(i) is None or self.app.getChildAtIndex(i).name != "Search"
                   for i in range(self.app.childCount))

    def activate_first_result(self, dialog):
        """Opens the best match: the first row's own action where GTK offers
        one, else Enter in the search entry."""
        tried = []
        results = find(dialog, name="Search Results")
        rows = find_all(results, role=pyatspi.ROLE_LIST_ITEM) if results is not None else []
        entry = self.editable(dialog, "Search Everything")
        for node in ([rows[0]] if rows else []) + [entry]:
            try:
                action = node.queryAction()
            except NotImplementedError:
                continue
            for i in range(action.nActions):
                tried.append(f"{node.name}:{action.getName(i)}")
                if action.getName(i) in ("activate", "click", "press"):
                    action.doAction(i)
                    try:
                        wait_for("the search window to close", self.search_closed, timeout=3)
                        return
                    except Failure:
                        pass
        subprocess.run(["xdotool", "key", "Return"], timeout=10, check=False)
        try:
            wait_for("the search window to close", self.search_closed, timeout=10)
        except Failure:
            raise Failure(f"no way to open a search result worked (actions tried: {tried!r}, then Enter)")

    def check_global_search(self):
        """One search over every kind, narrowed by chips; a result opens its page."""
        self.open_page(1)
        dialog = self.open_global_search()
        entry = self.editable(dialog, "Search Everything")
        wait_for("the invitation to search", lambda: "Search the Catalog" in self.label_texts(dialog), timeout=5)

        entry.queryEditableText().setTextContents(SEARCH_TEXT)
        expected = [h["title"] for h in self.cli("search", "--limit", "50", SEARCH_TEXT)]
        if not expected:
            raise Failure(f"nothing in the catalog matches “{SEARCH_TEXT}”")
        self.expect_search_rows(dialog, f"every kind of result for “{SEARCH_TEXT}”", expected)
        log(f"global search “{SEARCH_TEXT}”: {len(expected)} results, first {expected[0]!r}")

        # A kind chip narrows to that kind; the exercise chip with No Jumps
        # narrows to exercises without jumps.
        self.toggle_chip(dialog, "Workouts")
        expected = [h["title"] for h in self.cli("search", "--kind", "workout", "--limit", "50", SEARCH_TEXT)]
        self.expect_search_rows(dialog, "workout results only", expected)
        if not expected:
            wait_for("“No Results Found”", lambda: "No Results Found" in self.label_texts(dialog), timeout=5)
        self.toggle_chip(dialog, "Workouts")
        self.toggle_chip(dialog, "Exercises")
        self.toggle_chip(dialog, "No Jumps")
        expected = [h["title"] for h in self.cli("search", "--kind", "exercise", "--jump", "no",
                                                  "--limit", "50", SEARCH_TEXT)]
        self.expect_search_rows(dialog, "exercises without jumps", expected)
        log(f"chips: Workouts, then Exercises + No Jumps ({len(expected)} results)")
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.screenshot(os.path.join(self.args.shots_dir, f"search-{self.args.theme}.png"), dialog)

        # Enter opens the best match on its page.
        if expected:
            self.activate_first_result(dialog)
            wait_for("the Exercises page", lambda: self.header_labels()[:1] == ["Exercises"])
            detail = wait_for("the detail pane", lambda: find(self.frame, name="CoachExerciseDetail"))
            wait_for(f"“{expected[0]}” in the detail pane", lambda: expected[0] in self.label_texts(detail))
            log(f"Enter opened “{expected[0]}” on the Exercises page")
        else:
            subprocess.run(["xdotool", "key", "Escape"], timeout=10, check=False)
            wait_for("the search window to close", self.search_closed, timeout=10)

    # -- printing --------------------------------------------------------
    def check_export_pdf(self, editor, workout_id, name):
        """Export PDF… writes a one-page sheet with the items in order."""
        if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
            raise Failure("pdfinfo/pdftotext are not installed (Debian poppler-utils)")
        path = os.path.join(os.environ["HOME"], f"{name}.pdf")
        if os.path.exists(path):
            os.unlink(path)
        self.click(editor, "Export PDF…")
        chooser = self.find_toplevel("Export Workout as PDF")
        self.click(chooser, "Export")
        wait_for(f"{path} to be written", lambda: os.path.exists(path) and os.path.getsize(path) > 0, timeout=20)
        time.sleep(0.5)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=20).stdout
        pages = [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")]
        if pages != ["1"]:
            raise Failure(f"the exported sheet has {pages!r} pages, expected one")
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, timeout=20).stdout
        names = {row["id"]: row["name"] for row in self.cli("list", "exercises")}
        items = [names[i] for i in self.workout_items(workout_id)]
        where = [text.find(n) for n in [name] + items]
        if -1 in where or where[1:] != sorted(where[1:]):
            raise Failure(f"the sheet does not list {items!r} in order after “{name}”:\n{text}")
        if "Hold the line" not in text:
            raise Failure(f"the sheet lacks the item's notes:\n{text}")
        log(f"Export PDF…: one page, “{name}” and {items!r} in order")
        if self.args.shots_dir and shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", path,
                            os.path.join(self.args.shots_dir, "workout-sheet")], timeout=30, check=False)

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

    def open_menu_item(self, label):
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
                item = wait_for(f"the {label} menu item",
                                lambda: find(self.app, role=pyatspi.ROLE_MENU_ITEM, name=label),
                                timeout=3)
            except Failure:
                continue
            return item
        raise Failure(f"no main menu with a {label} item")

    def check_preferences(self):
        self.open_menu_item("Preferences").queryAction().doAction(0)
        prefs = self.find_window("Preferences")
        folder = os.path.realpath(self.args.data_dir)
        wait_for("the data location", lambda: folder in self.label_texts(prefs))
        # The storage rows are counted on a worker; they must end with sizes
        # and a verdict on what can be freed, not stay at "Calculating…".
        wait_for("the storage usage",
                 lambda: "Calculating…" not in self.label_texts(prefs)
                 and any(t.startswith("Nothing to remove") or t.endswith("of videos the team server has")
                         for t in self.label_texts(prefs)))
        if not find_button(prefs, "Free Up Space"):
            raise Failure("no Free Up Space button in Preferences")
        tabs = wait_for("the Team Sync page", lambda: find_all(prefs, role=pyatspi.ROLE_PAGE_TAB, name="Team Sync"))
        tabs[0].queryAction().doAction(0)
        wait_for("the sign-in form", lambda: find_button(prefs, "Sign In"))
        field = self.editable(prefs, "Server Address")
        field.queryEditableText().setTextContents("https://coachbook.example.org")
        t = field.queryText()
        if t.getText(0, t.characterCount) != "https://coachbook.example.org":
            raise Failure("the server address field did not take the text")
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.screenshot(os.path.join(self.args.shots_dir, f"preferences-{self.args.theme}.png"), prefs)
        self.click(prefs, "Close")
        wait_for("the Preferences window to close",
                 lambda: all(self.app.getChildAtIndex(i) is None or self.app.getChildAtIndex(i).name != "Preferences"
                             for i in range(self.app.childCount)), timeout=5)
        log("preferences: data location and storage usage shown, sign-in form on the Team Sync page, address field editable")

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
            try:
                item.queryAction().doAction(0)
            except Exception as e:
                # Quitting can close the app's bus connection before it
                # answers; whether it exited is checked below.
                log(f"the Quit item did not answer ({e})")
            break
        else:
            raise Failure("no main menu with a Quit item")
        if self.args.app_pid:
            wait_for("the app to exit after Quit", self.app_exited, timeout=10)
        log("quit through the main menu")

    def screenshot(self, path, window=None):
        window = window or self.frame
        if not path:
            return
        importer = shutil.which("import")
        if importer is None:
            log("no screenshot: ImageMagick's “import” is not installed (Debian package imagemagick)")
            return
        time.sleep(0.3)  # let the last frame reach the screen
        cmd = [importer, "-window", "root"]
        # GTK 4.8 reports no screen positions, only sizes; with no window
        # manager on the private display the window sits at the origin.
        try:
            _, _, w, h = window.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if w > 0 and h > 0:
                cmd += ["-crop", f"{w}x{h}+0+0", "+repage"]
        except Exception:
            pass
        result = subprocess.run(cmd + [path], capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            log(f"screenshot failed: {result.stderr.strip()}")
        else:
            log(f"screenshot saved to {path}")


def write_big_catalog(path, clips=30000, workouts=10000, athletes=500, sessions=300):
    """A catalog the size of a large team's, as catalog JSON for import-json."""
    import random
    import uuid
    rnd = random.Random(7)
    drills = ["Squat depth", "Box jump", "Sprint start", "Agility ladder", "Plank hold", "Deadlift form",
              "Shuttle run", "Lateral bound", "Serve", "Block", "Penalty kick", "Tackle entry", "Push press",
              "Hip mobility", "Cool-down stretch", "Med ball throw", "Hurdle hops", "Farmer carry"]
    views = ["side view", "front view", "slow motion", "close-up", "wide angle", "from behind"]
    sessions_names = ["Strength", "Speed", "Conditioning", "Mobility", "Power", "Recovery", "Skills"]
    statuses = ["ready"] * 8 + ["pending", "processing", "failed"]
    def phrase(n):
        return f"{rnd.choice(drills)} – {rnd.choice(views)}" if n > 2 else \
            f"{rnd.choice(['Monday', 'Tuesday', 'Thursday', 'Saturday', 'U15', 'U17', 'Senior'])} {rnd.choice(sessions_names)}"
    tables = {
        "clip": [{"id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)), "title": f"{phrase(3)} {i}",
                  "duration_ms": rnd.randint(3000, 180000), "status": rnd.choice(statuses),
                  "width": 1920, "height": 1080} for i in range(clips)],
        "workout": [{"id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)), "name": f"{phrase(2)} {i}",
                     "total_duration_s": rnd.randint(600, 5400), "status": rnd.choice(["draft", "ready"])}
                    for i in range(workouts)],
        "athlete": [{"id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)), "name": f"Athlete {i:03d}",
                     "level": rnd.choice(["beginner", "intermediate", "advanced"])} for i in range(athletes)],
    }
    tables["session"] = [{"id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                          "workout_id": rnd.choice(tables["workout"])["id"], "title": f"Session {i:03d}",
                          "starts_at": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T18:00:00+01:00",
                          "location": "Main Gym", "status": "planned"} for i in range(sessions)]
    with open(path, "w") as f:
        json.dump({"format": "coachbook-catalog", "version": 1, "schema_version": 1,
                   "generator": "Coachbook UI test: a large team's catalog", "tables": tables}, f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--app-pid", type=int, default=0)
    parser.add_argument("--screenshot")
    parser.add_argument("--shots-dir")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--screenshots-only", action="store_true")
    parser.add_argument("--pages-only", action="store_true")
    parser.add_argument("--write-big-catalog")
    args = parser.parse_args()

    if args.write_big_catalog:
        write_big_catalog(args.write_big_catalog)
        return 0

    app = App(args)
    try:
        if args.screenshots_only:
            app.run_screenshots()
        elif args.pages_only:
            app.run_pages()
        else:
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
