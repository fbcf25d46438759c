#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Checks the athlete emails test-mail-message wrote.

Usage: mail-check.py DIR. DIR holds NAME.eml (the message) and NAME.json
(what it must say). Each message is parsed with the standard library's
email package (policy.default) and its invite with icalendar; the expected
instants are computed here with zoneinfo from the local wall time and zone,
the expected dates with this file's own tables. Exits 1 on the first
message that does not pass, naming it and the reason.
"""

import datetime
import email
import json
import pathlib
import sys
from email import policy
from html import escape
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import icalendar

UTC = datetime.timezone.utc

DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}
SUBJECTS = {
    "en": ("Training: {t}, {d}", "Cancelled: {t}, {d}"),
    "de": ("Training: {t}, {d}", "Abgesagt: {t}, {d}"),
    "fr": ("Séance\u00a0: {t}, {d}", "Annulée\u00a0: {t}, {d}"),
}
# French puts a no-break space before a colon.
TOTAL = {"en": "Total: {}", "de": "Gesamt: {}", "fr": "Durée totale\u00a0: {}"}


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def local_date_time(t, lang):
    day = DAYS[lang][t.weekday()]
    month = MONTHS[lang][t.month - 1]
    hm = f"{t.hour:02d}:{t.minute:02d}"
    if lang == "de":
        return f"{day}, {t.day}. {month} {t.year}, {hm}"
    if lang == "fr":
        nth = "1er" if t.day == 1 else str(t.day)
        return f"{day} {nth} {month} {t.year} à {hm}"
    return f"{day}, {t.day} {month} {t.year}, {hm}"


def zone_for(spec):
    """An IANA name, or a fixed offset written "+05:30"."""
    if spec[0] in "+-":
        sign = -1 if spec[0] == "-" else 1
        hours, minutes = spec[1:].split(":")
        offset = datetime.timedelta(hours=int(hours), minutes=int(minutes))
        return datetime.timezone(sign * offset), f"UTC{spec}"
    return ZoneInfo(spec), spec


class HtmlPart(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = set()
        self.links = []
        self.text = []
        self.h1 = None
        self.lang = None
        self.open_elements = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "a":
            self.links.append(attrs.get("href"))
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "h1":
            self.h1 = ""
        if tag not in ("br", "meta"):
            self.open_elements.append(tag)

    def handle_endtag(self, tag):
        # Every element is closed, in order.
        check(self.open_elements and self.open_elements[-1] == tag,
              f"HTML closes <{tag}> inside {self.open_elements[-3:]}")
        self.open_elements.pop()

    def handle_data(self, data):
        if "h1" in self.open_elements:
            self.h1 += data
        if "title" not in self.open_elements:
            self.text.append(data)


def in_order(text, needles, what):
    position = -1
    for needle in needles:
        found = text.find(needle, position + 1)
        check(found > position, f"{what}: {needle!r} missing or out of order")
        position = found


def check_raw(raw):
    check(raw.endswith(b"\r\n"), "the message does not end with CRLF")
    check(all(b < 0x80 for b in raw), "the message is not 7-bit clean")
    lines = raw.split(b"\r\n")
    for number, line in enumerate(lines[:-1], 1):
        check(len(line) <= 998, f"line {number} has {len(line)} octets")
        check(b"\n" not in line and b"\r" not in line, f"line {number} has a bare CR or LF")
    headers = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    for line in headers:
        # Folded to 78 columns wherever there is a place to fold: only one
        # long unbreakable token (a URL) may pass.
        value = line if line[:1] in (b" ", b"\t") else line.split(b":", 1)[1]
        check(len(line) <= 78 or b" " not in value.strip(), f"header line longer than 78: {line[:40]!r}")


def check_headers(msg, exp, start_text):
    sender = msg["From"].addresses
    check(len(sender) == 1 and sender[0].addr_spec == exp["from"], f"From: {msg['From']}")
    check(sender[0].display_name == (exp["from_name"] or ""), f"From name: {sender[0].display_name!r}")
    to = msg["To"].addresses
    check(len(to) == 1 and to[0].addr_spec == exp["to"], f"To: {msg['To']}")
    check(to[0].display_name == (exp["to_name"] or ""), f"To name: {to[0].display_name!r}")
    check(msg["Message-ID"] == f"<{exp['message_id']}>", f"Message-ID: {msg['Message-ID']}")
    check(msg["MIME-Version"] == "1.0", "MIME-Version")
    check(msg["List-Unsubscribe"] == f"<{exp['unsubscribe_url']}>", "List-Unsubscribe")
    check(msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "List-Unsubscribe-Post")
    check(msg["Auto-Submitted"] == "auto-generated", "Auto-Submitted")
    date = datetime.datetime.fromisoformat(exp["date"].replace("Z", "+00:00"))
    check(msg["Date"].datetime == date, f"Date: {msg['Date']}")
    template = SUBJECTS[exp["lang"]][1 if exp["cancelled"] else 0]
    expected = template.format(t=exp["title"], d=start_text)
    check(str(msg["Subject"]) == expected, f"Subject {str(msg['Subject'])!r} != {expected!r}")


def check_text(text, exp, when):
    check(when in text, f"text lacks {when!r}")
    check(exp["title"] in text, "text lacks the title")
    if exp["location"]:
        check(exp["location"] in text, "text lacks the location")
    if exp["notes"]:
        check(exp["notes"] in text, "text lacks the notes")
    check(exp["unsubscribe_url"] in text, "text lacks the unsubscribe link")
    for needle in exp["texts"]:
        check(needle in text, f"text lacks {needle!r}")
    items = exp["items"]
    if exp["cancelled"]:
        for item in items:
            check(item["name"] not in text, f"a cancellation lists {item['name']!r}")
        return
    in_order(text, [f"{i}. {item['name']} — {item['detail']}\n" for i, item in enumerate(items, 1)],
             "text items")
    for item in items:
        url = item["clip_url"]
        if url and url.startswith("https://"):
            check(url in text, f"text lacks the clip {url}")
        elif url:
            check(url not in text, f"text shows the unsafe link {url}")
    if exp["total"]:
        check(TOTAL[exp["lang"]].format(exp["total"]) in text, "text lacks the total")


def check_html(html, exp, when):
    check("<script" not in html.lower(), "the HTML has a script element")
    # Escaped as g_markup_escape_text() does, the apostrophe as &#39;.
    escaped_title = escape(exp["title"], quote=True).replace("&#x27;", "&#39;")
    check(f">{escaped_title}</h1>" in html, f"HTML lacks the escaped title {escaped_title!r}")
    parsed = HtmlPart()
    parsed.feed(html)
    parsed.close()
    check(not parsed.open_elements, f"HTML leaves {parsed.open_elements} open")
    text = "".join(parsed.text)
    check(parsed.lang == exp["lang"], f"html lang {parsed.lang}")
    check(parsed.h1 == exp["title"], f"HTML title {parsed.h1!r}")
    check("script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags,
          f"unexpected elements in {sorted(parsed.tags)}")
    check(when in text, f"HTML lacks {when!r}")
    if exp["location"]:
        check(exp["location"] in text, "HTML lacks the location")
    if exp["notes"]:
        for line in exp["notes"].split("\n"):
            check(line.strip() in text, "HTML lacks a line of the notes")
    check(exp["unsubscribe_url"] in parsed.links, "HTML lacks the unsubscribe link")
    check(not any(link.startswith("javascript:") for link in parsed.links), "HTML has a script link")
    items = exp["items"]
    if exp["cancelled"]:
        for item in items:
            check(item["name"] not in text, f"a cancellation lists {item['name']!r}")
        return
    in_order(text, [needle for item in items for needle in (item["name"], item["detail"])],
             "HTML items")
    clips = [item["clip_url"] for item in items
             if item["clip_url"] and item["clip_url"].startswith("https://")]
    check([link for link in parsed.links if link in clips] == clips,
          f"HTML clip links {parsed.links} != {clips}")
    if exp["total"]:
        check(TOTAL[exp["lang"]].format(exp["total"]) in text, "HTML lacks the total")


def check_ics(raw, exp, start, end):
    check(raw.endswith(b"\r\n"), "the invite does not end with CRLF")
    for line in raw.split(b"\r\n")[:-1]:
        check(len(line) <= 75, f"invite line of {len(line)} octets")
        check(b"\n" not in line and b"\r" not in line, "bare CR or LF in the invite")
        line.decode("utf-8")
    cal = icalendar.Calendar.from_ical(raw)
    method = "CANCEL" if exp["cancelled"] else "REQUEST"
    check(cal.name == "VCALENDAR", "not a VCALENDAR")
    check(str(cal["VERSION"]) == "2.0" and "PRODID" in cal, "VERSION or PRODID")
    check(str(cal["METHOD"]) == method, f"METHOD {cal['METHOD']}")
    events = cal.walk("VEVENT")
    check(len(events) == 1, "not one VEVENT")
    ev = events[0]
    check(not ev.errors if hasattr(ev, "errors") else True, "icalendar reports errors")
    check(str(ev["UID"]) == exp["uid"], f"UID {ev['UID']}")
    check(int(ev["SEQUENCE"]) == exp["sequence"], f"SEQUENCE {ev['SEQUENCE']}")
    dtstart = ev.decoded("DTSTART")
    dtend = ev.decoded("DTEND")
    check(dtstart.utcoffset() == datetime.timedelta(0), "DTSTART not in UTC")
    check(dtstart == start, f"DTSTART {dtstart} != {start}")
    check(dtend == end, f"DTEND {dtend} != {end}")
    stamp = datetime.datetime.fromisoformat(exp["date"].replace("Z", "+00:00"))
    check(ev.decoded("DTSTAMP") == stamp, "DTSTAMP")
    check(str(ev["STATUS"]) == ("CANCELLED" if exp["cancelled"] else "CONFIRMED"), "STATUS")
    check(str(ev["SUMMARY"]) == exp["title"], f"SUMMARY {ev['SUMMARY']!r}")
    if exp["location"]:
        check(str(ev["LOCATION"]) == exp["location"], f"LOCATION {ev['LOCATION']!r}")
    else:
        check("LOCATION" not in ev, "LOCATION without a location")
    description = str(ev.get("DESCRIPTION", ""))
    if exp["notes"]:
        check(exp["notes"].strip() in description, "DESCRIPTION lacks the notes")
    if not exp["cancelled"]:
        in_order(description, [item["name"] for item in exp["items"]], "DESCRIPTION items")
    check(str(ev["ORGANIZER"]).lower() == f"mailto:{exp['from']}", f"ORGANIZER {ev['ORGANIZER']}")
    check(str(ev["ATTENDEE"]).lower() == f"mailto:{exp['to']}", f"ATTENDEE {ev['ATTENDEE']}")
    if exp["to_name"]:
        check(ev["ATTENDEE"].params["CN"] == exp["to_name"], "ATTENDEE CN")
    if exp["organizer"]:
        check(ev["ORGANIZER"].params["CN"] == exp["organizer"], "ORGANIZER CN")


def check_message(raw, exp):
    check_raw(raw)
    msg = email.message_from_bytes(raw, policy=policy.default)
    check(not msg.defects, f"defects: {msg.defects}")

    zone, label = zone_for(exp["zone"])
    local = datetime.datetime.fromisoformat(exp["local_start"]).replace(tzinfo=zone)
    start = local.astimezone(UTC)
    # The test data itself: starts_at is the same instant.
    written = datetime.datetime.fromisoformat(exp["starts_at"].replace("Z", "+00:00"))
    check(written == start, f"test data: {exp['starts_at']} is not {exp['local_start']} {exp['zone']}")
    end = start + datetime.timedelta(seconds=exp["duration_s"])
    local_end = end.astimezone(zone)
    start_text = local_date_time(local, exp["lang"])
    if local_end.date() == local.date():
        end_text = f"{local_end.hour:02d}:{local_end.minute:02d}"
    else:
        end_text = local_date_time(local_end, exp["lang"])
    when = f"{start_text} – {end_text} ({label})"

    check_headers(msg, exp, start_text)

    check(msg.get_content_type() == "multipart/alternative", msg.get_content_type())
    parts = list(msg.iter_parts())
    types = [part.get_content_type() for part in parts]
    check(types == ["text/plain", "text/html", "text/calendar"], f"parts {types}")
    for part in parts:
        check(not part.defects, f"part defects: {part.defects}")
        check(part.get_content_charset() == "utf-8", f"charset {part.get_content_charset()}")
        check(part["Content-Transfer-Encoding"] in ("quoted-printable", "base64"),
              "Content-Transfer-Encoding")
    method = "CANCEL" if exp["cancelled"] else "REQUEST"
    check(parts[2].get_param("method") == method, f"method {parts[2].get_param('method')}")

    check_text(parts[0].get_content().replace("\r\n", "\n"), exp, when)
    check_html(parts[1].get_content().replace("\r\n", "\n"), exp, when)
    check_ics(parts[2].get_payload(decode=True), exp, start, end)


def main():
    directory = pathlib.Path(sys.argv[1])
    expectations = sorted(directory.glob("*.json"))
    failed = 0
    for path in expectations:
        exp = json.loads(path.read_text(encoding="utf-8"))
        try:
            check_message(path.with_suffix(".eml").read_bytes(), exp)
        except Failure as failure:
            print(f"{path.stem}: {failure}", file=sys.stderr)
            failed += 1
    if failed or not expectations:
        print(f"{failed} of {len(expectations)} messages failed", file=sys.stderr)
        return 1
    print(f"checked {len(expectations)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
