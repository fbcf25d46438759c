#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Drives the Athletes and Sessions pages of the running app over AT-SPI.

Run by run-ui-test.sh like ui-driver.py (whose helpers it uses): a coach
adds an athlete (first with a bad email), makes a group, plans a session
of a workout for that group with emails on, logs the athlete's effort,
cancels the session and takes that back. After every step the catalog is
read with coachbook-cli, so the checks are about what was stored, not
about what the window shows.
"""

import argparse
import datetime
import importlib.util
import json
import os
import subprocess
import sys
import time
import traceback

import pyatspi

_spec = importlib.util.spec_from_file_location(
    "ui_driver", os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui-driver.py"))
ui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ui)

Failure = ui.Failure
log = ui.log
wait_for = ui.wait_for
find = ui.find
find_all = ui.find_all
find_button = ui.find_button

ATHLETE = "Ana Lopez"
BAD_EMAIL = "ana at example"
EMAIL = "ana@example.org"
GROUP_DRAFT = "Sprint Group"
GROUP = "Sprint Squad"
WORKOUT = "Morning Circuit"
SESSION = "Track Tuesday"
ATHLETES_PAGE = 4
SESSIONS_PAGE = 3


def local_offset(day):
    """The UTC offset the app should store for @day at 18:30 local time."""
    moment = datetime.datetime.combine(day, datetime.time(18, 30)).astimezone()
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


class SessionsApp(ui.App):
    # -- the catalog ----------------------------------------------------
    def tables(self):
        path = os.path.join(self.args.data_dir, "sessions-export.json")
        cmd = [self.args.cli, "--data-dir", self.args.data_dir, "export", path]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            raise Failure(f"{' '.join(cmd)} failed: {result.stderr.strip()}")
        with open(path) as f:
            tables = json.load(f)["tables"]
        os.unlink(path)
        return tables

    def live(self, table):
        return [row for row in self.tables().get(table, []) if not row.get("deleted")]

    def named(self, kind, name):
        return next((row for row in self.cli("list", kind) if row.get("name") == name), None)

    def session(self):
        rows = [row for row in self.cli("list", "sessions") if row.get("title") == SESSION]
        if len(rows) > 1:
            raise Failure(f"{len(rows)} sessions named “{SESSION}”")
        return rows[0] if rows else None

    # -- widgets --------------------------------------------------------
    def page(self, type_name):
        """The subtree of one page (unnamed widgets carry their type name):
        searching it instead of the whole window keeps the polls cheap on a
        loaded machine."""
        pages = self.__dict__.setdefault("_pages", {})
        if type_name not in pages:
            pages[type_name] = wait_for(f"the {type_name}", lambda: find(self.frame, name=type_name))
        return pages[type_name]

    def athletes_page(self):
        return self.page("CoachAthletesPage")

    def sessions_page(self):
        return self.page("CoachSessionsPage")

    def toggle(self, root, name):
        """Flips a switch or check button by its accessible name."""
        def control():
            for node in ui.walk(root):
                try:
                    # GTK 4.8 names a switch “Label Label” when it has both
                    # an accessible label and a labelling row.
                    if node.name != name and not (node.name or "").startswith(name + " "):
                        continue
                    if node.getRole() in (pyatspi.ROLE_LABEL, pyatspi.ROLE_LIST_ITEM):
                        continue
                    action = node.queryAction()
                    if action.nActions > 0:
                        return action
                except NotImplementedError:
                    continue
            return None
        try:
            action = wait_for(f"a switch or check button named “{name}”", control, timeout=5)
        except Failure:
            log(f"accessible tree of “{root.name}”:")
            ui.dump(root)
            raise
        action.doAction(0)

    def set_text(self, root, name, text):
        """Types into the field named @name (GTK 4.8 may append the
        labelling row's title to the name: “RPE Effort (RPE)”)."""
        def field():
            for node in ui.walk(root):
                try:
                    if node.name != name and not (node.name or "").startswith(name + " "):
                        continue
                    if node.getRole() == pyatspi.ROLE_LABEL:
                        continue
                except Exception:
                    continue
                for child in ui.walk(node, max_depth=6):
                    try:
                        return child.queryEditableText()
                    except NotImplementedError:
                        continue
            return None
        wait_for(f"a text field named “{name}”", field, timeout=5).setTextContents(text)

    def window_gone(self, title):
        return all(self.app.getChildAtIndex(i) is None or self.app.getChildAtIndex(i).name != title
                   for i in range(self.app.childCount))

    # -- the steps ------------------------------------------------------
    def create_athlete(self):
        self.open_page(ATHLETES_PAGE)
        wait_for("the empty state of the Athletes page",
                 lambda: find(self.athletes_page(), role=pyatspi.ROLE_LABEL, name="No Athletes Yet"))
        self.click(self.athletes_page(), "New Athlete")
        editor = self.find_window("New Athlete")

        # An address that is not one: refused on the field, nothing stored.
        self.set_text(editor, "Name", ATHLETE)
        self.set_text(editor, "Email Address", BAD_EMAIL)
        self.click(editor, "Save")
        message = f"“{BAD_EMAIL}” is not an email address."
        wait_for("the inline email error", lambda: message in self.label_texts(editor))
        if self.cli("list", "athletes"):
            raise Failure("an athlete with a bad email reached the catalog")
        log("bad email: inline error, nothing saved")
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.screenshot(os.path.join(self.args.shots_dir, f"athlete-editor-{self.args.theme}.png"), editor)

        self.set_text(editor, "Email Address", EMAIL)
        self.toggle(editor, "Agreed to Emails")
        self.click(editor, "Save")
        row = wait_for("the athlete in the catalog", lambda: self.named("athletes", ATHLETE), timeout=10)
        if row.get("email") != EMAIL or row.get("email_consent") is not True:
            raise Failure(f"the athlete was saved as {row!r}")
        if len(self.cli("list", "athletes")) != 1:
            raise Failure("saving made more than one athlete")
        wait_for("the editor to close", lambda: self.window_gone("New Athlete"), timeout=5)
        wait_for(f"“{ATHLETE}” on the Athletes page", lambda: ATHLETE in self.label_texts(self.athletes_page()))
        wait_for("the count “1 athlete”", lambda: "1 athlete" in self.header_labels())
        log(f"created “{ATHLETE}” <{EMAIL}> with consent to emails")
        return row["id"]

    def create_group(self, athlete_id):
        self.click(self.athletes_page(), "New Group")
        editor = self.find_window("New Group")
        self.set_text(editor, "Group Name", GROUP_DRAFT)
        self.toggle(editor, ATHLETE)
        self.click(editor, "Save")
        group = wait_for("the group in the catalog", lambda: self.named("groups", GROUP_DRAFT), timeout=10)
        members = [m["athlete_id"] for m in self.live("group_member") if m.get("group_id") == group["id"]]
        if members != [athlete_id]:
            raise Failure(f"the group has the members {members!r}, expected [{athlete_id!r}]")
        wait_for(f"“{GROUP_DRAFT}” on the Athletes page", lambda: GROUP_DRAFT in self.label_texts(self.athletes_page()))
        wait_for("the count “1 member”", lambda: "1 member" in self.label_texts(self.athletes_page()))
        log(f"created the group “{GROUP_DRAFT}” with “{ATHLETE}”")

        # Renaming: an empty name is refused inline and nothing changes.
        self.click(self.athletes_page(), f"Edit {GROUP_DRAFT}")
        editor = self.find_window("Edit Group")
        self.set_text(editor, "Group Name", "  ")
        self.click(editor, "Save")
        wait_for("the inline “needs a name” error",
                 lambda: "Every group needs a name." in self.label_texts(editor))
        if self.named("groups", GROUP_DRAFT) is None:
            raise Failure("a group without a name reached the catalog")
        self.set_text(editor, "Group Name", GROUP)
        self.click(editor, "Save")
        renamed = wait_for("the renamed group in the catalog", lambda: self.named("groups", GROUP), timeout=10)
        if renamed["id"] != group["id"] or len(self.cli("list", "groups")) != 1:
            raise Failure(f"renaming made another group: {self.cli('list', 'groups')!r}")
        members = [m["athlete_id"] for m in self.live("group_member") if m.get("group_id") == group["id"]]
        if members != [athlete_id]:
            raise Failure(f"renaming changed the members to {members!r}")
        log(f"renamed it to “{GROUP}”; an empty name was refused inline")
        return group["id"]

    def plan_session(self, group_id):
        made = self.cli("generate", "--minutes", "12", "--seed", "5", "--name", WORKOUT)
        workout = self.named("workouts", WORKOUT)
        if workout is None:
            raise Failure(f"coachbook-cli did not make “{WORKOUT}”: {made!r}")

        self.open_page(SESSIONS_PAGE)
        wait_for("the empty state of the Sessions page",
                 lambda: find(self.sessions_page(), role=pyatspi.ROLE_LABEL, name="No Sessions Planned"))
        self.click(self.sessions_page(), "Plan Session")
        planner = self.find_window("Plan Session")

        day = datetime.date.today() + datetime.timedelta(days=1)
        self.set_text(planner, "Title", SESSION)
        self.set_text(planner, "Find Workout", WORKOUT[:7])
        # The list is rebuilt for the search a moment after the typing
        # (GtkSearchEntry waits); a click before that lands on a button that
        # is about to go away.
        time.sleep(1.0)
        self.click(planner, WORKOUT, f"“{WORKOUT}” among the workouts")
        self.set_text(planner, "Date", day.isoformat())
        self.set_text(planner, "Location", "North Stadium")
        self.toggle(planner, GROUP)
        self.toggle(planner, "Notify Athletes")

        # A time that is not one: refused on the field, nothing stored.
        self.set_text(planner, "Start Time", "25:00")
        self.click(planner, "Save")
        message = "The time must be hours and minutes, like 18:30."
        wait_for("the inline time error", lambda: message in self.label_texts(planner))
        if self.cli("list", "sessions"):
            raise Failure("a session with a bad time reached the catalog")
        log("bad time: inline error, nothing saved")
        if self.args.shots_dir:
            self.screenshot(os.path.join(self.args.shots_dir, f"session-planner-{self.args.theme}.png"), planner)

        self.set_text(planner, "Start Time", "18:30")
        self.click(planner, "Save")
        session = wait_for("the session in the catalog", self.session, timeout=10)
        expected_start = f"{day.isoformat()}T18:30:00{local_offset(day)}"
        problems = []
        if session.get("starts_at") != expected_start:
            problems.append(f"starts_at {session.get('starts_at')!r}, expected {expected_start!r}")
        if session.get("workout_id") != workout["id"]:
            problems.append(f"workout_id {session.get('workout_id')!r}, expected {workout['id']!r}")
        if session.get("notify") is not True:
            problems.append("notify is not on")
        if session.get("status") != "planned":
            problems.append(f"status {session.get('status')!r}")
        if session.get("location") != "North Stadium":
            problems.append(f"location {session.get('location')!r}")
        groups = [g["group_id"] for g in self.live("session_group") if g.get("session_id") == session["id"]]
        if groups != [group_id]:
            problems.append(f"groups {groups!r}, expected [{group_id!r}]")
        if [a for a in self.live("session_athlete") if a.get("session_id") == session["id"]]:
            problems.append("athletes picked one by one, none were")
        if problems:
            raise Failure("the session was saved wrong: " + "; ".join(problems))
        log(f"planned “{SESSION}” of “{WORKOUT}” for “{GROUP}” at {expected_start}, notify on")

        # The agenda shows it under Tomorrow, and the detail is open.
        wait_for("“Tomorrow” over the session in the agenda", lambda: "Tomorrow" in self.label_texts(self.sessions_page()))
        wait_for("the workout in the session detail", lambda: WORKOUT in self.label_texts(self.sessions_page()))
        wait_for(f"“{ATHLETE}” (through the group) in the session detail",
                 lambda: ATHLETE in self.label_texts(self.sessions_page()))
        # Emails are on and Ana agreed: the server will send hers.
        wait_for("“Goes out when the session syncs” for the athlete",
                 lambda: "Goes out when the session syncs" in self.label_texts(self.sessions_page()))
        if self.args.shots_dir:
            self.screenshot(os.path.join(self.args.shots_dir, f"session-detail-{self.args.theme}.png"))
        return session["id"]

    def log_effort(self, session_id, athlete_id):
        self.set_text(self.sessions_page(), "RPE", "7")
        self.toggle(self.sessions_page(), "Completed")
        self.set_text(self.sessions_page(), "Feedback", "Strong finish")
        self.click(self.sessions_page(), f"Save Log for {ATHLETE}")

        def stored():
            logs = [r for r in self.live("session_log")
                    if r.get("session_id") == session_id and r.get("athlete_id") == athlete_id]
            return logs or None
        logs = wait_for("the log in the catalog", stored, timeout=10)
        row = logs[0]
        if len(logs) != 1 or row.get("rpe") != 7 or row.get("completed") is not True \
                or row.get("feedback") != "Strong finish":
            raise Failure(f"the log was saved as {logs!r}")
        wait_for("the summary “Completed · RPE 7”", lambda: "Completed · RPE 7" in self.label_texts(self.sessions_page()))
        log(f"logged RPE 7, completed, feedback for “{ATHLETE}”")

    def edit_session(self, session_id, group_id):
        """Changing the place keeps the same session and its group."""
        self.click(self.sessions_page(), "Edit")
        planner = self.find_window("Edit Session")
        self.set_text(planner, "Location", "South Field")
        self.click(planner, "Save")
        wait_for("the new location in the catalog",
                 lambda: self.session()["location"] == "South Field", timeout=10)
        session = self.session()
        groups = [g["group_id"] for g in self.live("session_group") if g.get("session_id") == session_id]
        if session["id"] != session_id or groups != [group_id] or session.get("notify") is not True:
            raise Failure(f"editing changed more than the location: {session!r}, groups {groups!r}")
        log("edited the location; same session, same group, emails still on")

    def cancel_and_undo(self):
        self.click(self.sessions_page(), "Cancel Session")
        wait_for("the session cancelled in the catalog",
                 lambda: self.session()["status"] == "cancelled", timeout=10)
        log("cancelled: status “cancelled” in the catalog")
        undo = wait_for("the Undo button of the toast", lambda: find_button(self.sessions_page(), "Undo"))
        undo.queryAction().doAction(0)
        wait_for("the session planned again after Undo",
                 lambda: self.session()["status"] == "planned", timeout=10)
        if len(self.cli("list", "sessions")) != 1:
            raise Failure("cancelling or restoring made another session")
        log("Undo in the toast planned it again")

    def archive_and_undo(self, athlete_id):
        self.open_page(ATHLETES_PAGE)
        self.click(self.athletes_page(), f"Edit {ATHLETE}")
        editor = self.find_window("Edit Athlete")
        self.click(editor, "Archive Athlete")
        wait_for("the athlete to leave the list", lambda: self.named("athletes", ATHLETE) is None, timeout=10)
        archived = [a for a in self.cli("list", "athletes", "--archived") if a["id"] == athlete_id]
        if not archived or archived[0].get("archived") is not True:
            raise Failure(f"“{ATHLETE}” is not kept as archived: {archived!r}")
        wait_for("the count “0 athletes”", lambda: "0 athletes" in self.header_labels())
        log("archived: gone from the list, kept as archived")
        undo = wait_for("the Undo button of the toast", lambda: find_button(self.athletes_page(), "Undo"))
        undo.queryAction().doAction(0)
        wait_for("the athlete back after Undo", lambda: self.named("athletes", ATHLETE), timeout=10)
        wait_for("the count “1 athlete”", lambda: "1 athlete" in self.header_labels())
        log("Undo in the toast brought the athlete back")

    def run(self):
        self.wait_for_window()
        if self.cli("list", "athletes") or self.cli("list", "sessions"):
            raise Failure("the catalog already has athletes or sessions")
        athlete_id = self.create_athlete()
        group_id = self.create_group(athlete_id)
        session_id = self.plan_session(group_id)
        self.log_effort(session_id, athlete_id)
        self.edit_session(session_id, group_id)
        self.cancel_and_undo()
        self.screenshot(self.args.screenshot)
        self.archive_and_undo(athlete_id)

        self.quit()

    def run_screenshots(self):
        """The second run, with the sample catalog added: both pages show it."""
        self.wait_for_window()
        for index in (SESSIONS_PAGE, ATHLETES_PAGE):
            self.check_page(index)
            if self.args.shots_dir:
                os.makedirs(self.args.shots_dir, exist_ok=True)
                name = ui.PAGES[index][1]
                self.screenshot(os.path.join(self.args.shots_dir, f"{name}-{self.args.theme}-wide.png"))
        self.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--app-pid", type=int, default=0)
    parser.add_argument("--screenshot")
    parser.add_argument("--shots-dir")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--screenshots-only", action="store_true")
    args = parser.parse_args()

    app = SessionsApp(args)
    try:
        if args.screenshots_only:
            app.run_screenshots()
        else:
            app.run()
    except Exception as e:
        if not isinstance(e, Failure):
            traceback.print_exc(file=sys.stdout)
        log(f"FAIL: {e}")
        if app.frame is not None and not isinstance(e, ui.AppGone):
            log("accessible tree of the window:")
            ui.dump(app.frame)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
