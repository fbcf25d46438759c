#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Athletes' emails per second: a session with notify for N athletes is
pushed, and the time from the push to the Nth message stored by the local
SMTP sink (tests/integration/smtp-sink.py, aiosmtpd, Maildir in /dev/shm)
is measured; first with one coachbook-sync instance, then with three on
one database sharing the outbox. Budget: >= 50 emails/s per instance.
Reference in the same run: the sink's own capacity, Python's smtplib
sending the same message over one connection (when ours comes close to
it, the sink is what limits). Runs next to a throwaway PostgreSQL cluster
(bench-mail.sh).

    bench-mail.py BUILDDIR
"""
import atexit
import http.client
import json
import os
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

N_ONE = int(os.environ.get("BENCH_MAIL_N", "600"))
N_THREE = int(os.environ.get("BENCH_MAIL_N3", "1500"))
PASSWORD = "bench password 1234"
HERE = os.path.dirname(os.path.abspath(__file__))
SINK = os.path.join(os.path.dirname(HERE), "integration", "smtp-sink.py")


def die(msg):
    print("bench-mail: " + msg, file=sys.stderr)
    sys.exit(1)


def env(name):
    value = os.environ.get(name)
    if not value:
        die(name + " is not set: run through bench-mail.sh")
    return value


def psql(sql, db):
    out = subprocess.run([env("COACHBOOK_TEST_PG_BINDIR") + "/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                          "-h", env("COACHBOOK_TEST_PG_HOST"), "-p", env("COACHBOOK_TEST_PG_PORT"),
                          "-U", "postgres", "-d", db, "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        die("psql: " + out.stderr)
    return out.stdout.strip()


def request(port, method, path, body=None, token=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    if resp.status != 200:
        die("%s %s: %d %s" % (method, path, resp.status, data[:300]))
    return json.loads(data)


def count(maildir):
    try:
        return len(os.listdir(os.path.join(maildir, "new")))
    except FileNotFoundError:
        return 0


def main():
    builddir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "_build")
    sync_bin = os.path.join(builddir, "sync-server", "coachbook-sync")
    if not os.access(sync_bin, os.X_OK):
        die(sync_bin + " not found: build with -Dserver=true first")

    tmp = tempfile.mkdtemp(prefix="coachbook-bench-mail.", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    atexit.register(shutil.rmtree, tmp, True)
    procs = []

    def stop_all():
        for p in procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
    atexit.register(stop_all)

    maildir = os.path.join(tmp, "maildir")
    sink = subprocess.Popen(["/usr/bin/python3", SINK, "--maildir", maildir], stdout=subprocess.PIPE, text=True)
    procs.append(sink)
    line = sink.stdout.readline().strip()
    if not line.startswith("PORT="):
        die("smtp-sink.py did not start (python3-aiosmtpd missing?)")
    smtp_port = int(line[5:])

    psql("CREATE DATABASE coachbook_bench_mail OWNER coachbook", "postgres")
    senv = dict(os.environ)
    senv.update({
        "COACHBOOK_SYNC_DATABASE_URL": env("COACHBOOK_TEST_PG_APP_URL") + "/coachbook_bench_mail",
        "COACHBOOK_SYNC_HTTP_LISTEN": "127.0.0.1",
        "COACHBOOK_SYNC_HTTP_PORT": "0",
        "COACHBOOK_SYNC_BLOBS_FS_PATH": os.path.join(tmp, "blobs"),
        "COACHBOOK_SYNC_BLOBS_FS_SECRET": uuid.uuid4().hex,
        "COACHBOOK_SYNC_MAIL_SMTP_URL": "smtp://127.0.0.1:%d" % smtp_port,
        "COACHBOOK_SYNC_MAIL_SMTP_TLS": "none",
        "COACHBOOK_SYNC_MAIL_FROM": "sessions@example.org",
        "COACHBOOK_SYNC_MAIL_HOLD_S": "0",
        "COACHBOOK_SYNC_MAIL_POLL_MS": "100",
        "COACHBOOK_SYNC_MAIL_TEAM_RATE_PER_MIN": "0",
    })
    migrate = subprocess.run([sync_bin, "migrate"], env=senv, capture_output=True, text=True)
    if migrate.returncode != 0:
        die("coachbook-sync migrate: " + migrate.stderr)

    log = open(os.path.join(tmp, "serve.log"), "w")

    def start_server():
        proc = subprocess.Popen([sync_bin, "serve"], stdout=subprocess.PIPE, stderr=log, env=senv, text=True)
        procs.append(proc)
        first = proc.stdout.readline().strip()
        if not first.startswith("URL=http://127.0.0.1:"):
            die("coachbook-sync did not start (%r)" % first)
        return int(urllib.parse.urlsplit(first[4:]).port)

    def new_login(port, n):
        email = "bench%d@example.org" % n
        team = subprocess.run([sync_bin, "admin", "create-team", "Bench %d" % n], env=senv, check=True,
                              capture_output=True, text=True).stdout.strip()
        subprocess.run([sync_bin, "admin", "add-coach", team, email], input=PASSWORD + "\n", env=senv,
                       check=True, capture_output=True, text=True)
        login = request(port, "POST", "/v1/auth/login", {"email": email, "password": PASSWORD,
                                                          "device_name": "bench"})
        return login["token"], login["device_id"]

    def run(port, team_n, n):
        token, device = new_login(port, team_n)
        session = str(uuid.uuid4())
        starts = time.strftime("%Y-%m-%dT18:00:00+00:00", time.gmtime(time.time() + 3 * 86400))
        muts = []
        mid = 1
        for i in range(n):
            athlete = str(uuid.uuid4())
            muts.append({"mid": mid, "table": "athlete", "op": "upsert", "id": athlete,
                         "fields": {"name": "Runner %d" % i, "email": "t%d.runner%d@example.net" % (team_n, i),
                                    "email_consent": True}})
            muts.append({"mid": mid + 1, "table": "session_athlete", "op": "upsert", "id": str(uuid.uuid4()),
                         "fields": {"session_id": session, "athlete_id": athlete}})
            mid += 2
        muts.append({"mid": mid, "table": "session", "op": "upsert", "id": session,
                     "fields": {"title": "Club run", "starts_at": starts, "notify": True}})
        before = count(maildir)
        t0 = time.monotonic()
        request(port, "POST", "/v1/push", {"device_id": device, "schema_version": 1, "mutations": muts}, token)
        t_push = time.monotonic() - t0
        deadline = t0 + 600
        while count(maildir) < before + n:
            if time.monotonic() > deadline:
                die("only %d of %d emails arrived" % (count(maildir) - before, n))
            time.sleep(0.02)
        return time.monotonic() - t0, t_push

    # The sink's own capacity: one connection, the same kind of message.
    sample_dir = os.path.join(maildir, "new")
    port = start_server()
    seconds, t_push = run(port, 1, N_ONE)
    one = N_ONE / seconds
    print("one instance:    %5d emails in %5.1f s = %6.1f emails/s (push with enqueue: %.2f s)"
          % (N_ONE, seconds, one, t_push))

    with open(os.path.join(sample_dir, sorted(os.listdir(sample_dir))[0]), "rb") as f:
        sample = f.read()
    ref_n = 300
    t0 = time.monotonic()
    with smtplib.SMTP("127.0.0.1", smtp_port) as s:
        for i in range(ref_n):
            s.sendmail("sessions@example.org", ["ref%d@example.net" % i], sample)
    ref = ref_n / (time.monotonic() - t0)
    print("reference:       the sink takes %6.1f emails/s from smtplib over one connection" % ref)

    start_server()
    start_server()
    seconds, t_push = run(port, 2, N_THREE)
    three = N_THREE / seconds
    print("three instances: %5d emails in %5.1f s = %6.1f emails/s, %.1f per instance"
          % (N_THREE, seconds, three, three / 3))
    dup = psql("SELECT count (*) FROM email_outbox WHERE attempts <> 1 OR state <> 'sent'", "coachbook_bench_mail")
    print("budget: >= 50 emails/s per instance: %s (one instance %.1f/s); outbox rows not sent once: %s"
          % ("ok" if one >= 50 else "MISSED", one, dup))


if __name__ == "__main__":
    main()
