#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""The sync server's benchmark; bench-sync.sh runs it next to a throwaway
PostgreSQL cluster (tests/integration/with-postgres.sh). Every figure is a
ratio against a reference measured in the same run, on 127.0.0.1 only:

 1. initial pull of 100k rows through GET /v1/pull pages, vs psql exporting
    the same rows as JSON (same role, same row-level security, over TCP);
 2. incremental round trip: push 1 mutation, pull the delta;
 3. empty-delta pull requests/s with wrk, vs bench-sync-ref (a bare libsoup
    handler doing SELECT 1 on a worker pool, one connection per worker);
 4. blob upload throughput of the fs backend's presigned PUT with curl;
 5. the app's side (coachbook-cli, the same core as the app): a fresh
    install syncing a team of 100k rows + 30k clip records, its time and
    peak memory, vs psql exporting the same rows and vs the bare HTTP pull
    of the same pages; then the incremental sync latency: device A edits
    one row and syncs, device B syncs (timed), vs a coachbook-cli command
    that opens the same catalog and does not sync. Needs a keyring (the
    token lives there): bench-sync.sh runs this inside with-keyring.sh.

The 100k rows are written with one INSERT ... SELECT straight into the
server's tables, exactly the rows push writes (record with server_version
1..N, team_clock.v = N): pushing them would cost minutes of benchmark time
and measure push, not pull. Push is measured by the round trip.

    bench-sync.py BUILDDIR
"""
import atexit
import hashlib
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

N_ROWS = int(os.environ.get("BENCH_SYNC_ROWS", "100000"))
PULL_LIMIT = 5000          # SYNC_PULL_MAX_LIMIT: what a first sync asks for
ROUNDS = int(os.environ.get("BENCH_SYNC_ROUNDS", "200"))
WRK_SECONDS = int(os.environ.get("BENCH_SYNC_WRK_SECONDS", "12"))
WRK_ROUNDS = 3             # alternated runs of WRK_SECONDS / WRK_ROUNDS per side
BLOB_MB = int(os.environ.get("BENCH_SYNC_BLOB_MB", "200"))
CLIENT_ROWS = int(os.environ.get("BENCH_SYNC_CLIENT_ROWS", "100000"))
CLIENT_CLIPS = int(os.environ.get("BENCH_SYNC_CLIENT_CLIPS", "30000"))
CLIENT_EDITS = int(os.environ.get("BENCH_SYNC_CLIENT_EDITS", "5"))
CLIENT_PAGE = 1000         # the page size coach-sync-engine.c asks for
# Worker threads and connections, the same for both servers of the req/s
# ratio: on a loaded machine each thread gets its share of the CPU, so a
# side with more threads would get more of it.
WORKERS = 10
PASSWORD = "bench password 1234"
EMAIL = "bench@example.org"

results = []   # (name, ours, reference, ratio text, budget text, met)


def die(msg):
    print("bench-sync: " + msg, file=sys.stderr)
    sys.exit(1)


def env(name):
    value = os.environ.get(name)
    if not value:
        die(name + " is not set: run through bench-sync.sh")
    return value


class Pg:
    def __init__(self, dbname):
        self.bindir = env("COACHBOOK_TEST_PG_BINDIR")
        self.host = env("COACHBOOK_TEST_PG_HOST")
        self.port = env("COACHBOOK_TEST_PG_PORT")
        self.app_url = env("COACHBOOK_TEST_PG_APP_URL") + "/" + dbname
        self.dbname = dbname

    def su(self, sql, db=None):
        out = subprocess.run([self.bindir + "/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                              "-h", self.host, "-p", self.port, "-U", "postgres",
                              "-d", db or self.dbname, "-c", sql],
                             capture_output=True, text=True)
        if out.returncode != 0:
            die("psql: " + out.stderr)
        return out.stdout.strip()


class Server:
    def __init__(self, argv, env_extra, log):
        e = dict(os.environ)
        e.update(env_extra)
        self.log = open(log, "w")
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, env=e, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("URL=http://127.0.0.1:"):
            self.stop()
            die("%s did not start (%r); see %s" % (argv[0], line, log))
        self.url = line[4:]
        self.port = int(urllib.parse.urlsplit(self.url).port)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class Client:
    def __init__(self, port, token=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.token = token

    def request(self, method, path, body=None):
        headers = {}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        if body is not None:
            if not isinstance(body, bytes):
                body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            die("%s %s: %d %s" % (method, path, resp.status, data[:300]))
        return data


def best_of(n, fn):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def wrk(url, token, seconds):
    out = subprocess.run(["wrk", "-t2", "-c32", "-d%ds" % max(1, seconds), "--latency",
                          "-H", "Authorization: Bearer " + token, url],
                         check=True, capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m is None:
        die("cannot read wrk's output:\n" + out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    return float(m.group(1)), int(bad.group(1)) if bad else 0, errors.group(0) if errors else "", \
        p99.group(1) if p99 else "?"


class CliRun:
    """One coachbook-cli run: wall time, peak RSS (from wait4), output."""

    def __init__(self, cli_bin, data_dir, args, stdin_text=None):
        out = tempfile.TemporaryFile()
        err = tempfile.TemporaryFile()
        t = time.perf_counter()
        proc = subprocess.Popen([cli_bin, "--data-dir", data_dir] + list(args), stdin=subprocess.PIPE,
                                stdout=out, stderr=err)
        if stdin_text is not None:
            proc.stdin.write(stdin_text.encode())
        proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        self.seconds = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        self.rss_mb = usage.ru_maxrss / 1024.0
        self.cpu = usage.ru_utime + usage.ru_stime
        out.seek(0)
        err.seek(0)
        self.out = out.read().decode(errors="replace")
        self.err = err.read().decode(errors="replace")
        if proc.returncode != 0:
            die("coachbook-cli %s: exit %d\n%s%s" % (" ".join(args), proc.returncode, self.out, self.err[-2000:]))

    def json(self):
        try:
            return json.loads(self.out)
        except ValueError:
            die("coachbook-cli printed no JSON: %r" % self.out[:400])


def seed_client_team(pg, team, n_rows, n_clips):
    """n_rows rows (a fifth exercises, a tenth workouts, the rest workout
    items) and n_clips clip records, as push would have stored them, parents
    before the rows that name them. Returns (total, one exercise's fields)."""
    n_ex = max(1, n_rows // 5)
    n_wo = max(1, n_rows // 10)
    n_items = max(0, n_rows - n_ex - n_wo)
    exercise = ("jsonb_build_object ('name', 'Exercise ' || g, "
                "'description', 'Bench exercise number ' || g || ' with a short description', "
                "'difficulty', (ARRAY['easy','medium','hard'])[1 + g % 3], "
                "'default_duration_s', 30 + g % 60, 'muscles', jsonb_build_array ('legs', 'core'), "
                "'has_jump', g % 2 = 0)")
    pg.su("""
        SET app.team_id = '%(team)s';
        INSERT INTO record (team_id, tbl, id, fields, deleted, server_version)
        SELECT '%(team)s', 'exercise', md5 ('ex' || g)::uuid, %(exercise)s, false, g
        FROM generate_series (1, %(ne)d) g;
        INSERT INTO record (team_id, tbl, id, fields, deleted, server_version)
        SELECT '%(team)s', 'workout', md5 ('wo' || g)::uuid,
               jsonb_build_object ('name', 'Workout ' || g, 'description', 'Seven drills, forty seconds each',
                                   'work_s', 40, 'rest_s', 20, 'rounds', 1 + g %% 3, 'status', 'ready',
                                   'total_duration_s', 420),
               false, %(ne)d + g
        FROM generate_series (1, %(nw)d) g;
        INSERT INTO record (team_id, tbl, id, fields, deleted, server_version)
        SELECT '%(team)s', 'workout_item', md5 ('it' || g)::uuid,
               jsonb_build_object ('workout_id', md5 ('wo' || (1 + (g - 1) / 7 %% %(nw)d))::uuid,
                                   'exercise_id', md5 ('ex' || (1 + (g * 7919) %% %(ne)d))::uuid,
                                   'position', 'a' || (1 + (g - 1) %% 7), 'kind', 'timed',
                                   'work_s', 40, 'rest_s', 20),
               false, %(ne)d + %(nw)d + g
        FROM generate_series (1, %(ni)d) g;
        INSERT INTO record (team_id, tbl, id, fields, deleted, server_version)
        SELECT '%(team)s', 'clip', md5 ('cl' || g)::uuid,
               jsonb_build_object ('title', 'Clip ' || g, 'original_name', 'IMG_' || g || '.MOV',
                                   'sha256', encode (sha256 (('clip' || g)::bytea), 'hex'),
                                   'size', 40000000 + g, 'duration_ms', 12000 + g %% 5000,
                                   'width', 1920, 'height', 1080, 'frame_rate', 29.97,
                                   'container', 'mp4', 'video_codec', 'h264', 'audio_codec', 'aac',
                                   'thumbnail_sha256', encode (sha256 (('thumb' || g)::bytea), 'hex'),
                                   'exercise_id', md5 ('ex' || (1 + g %% %(ne)d))::uuid,
                                   'status', 'ready'),
               false, %(ne)d + %(nw)d + %(ni)d + g
        FROM generate_series (1, %(nc)d) g;
        UPDATE team_clock SET v = %(total)d WHERE team_id = '%(team)s';"""
          % {"team": team, "exercise": exercise, "ne": n_ex, "nw": n_wo, "ni": n_items, "nc": n_clips,
             "total": n_ex + n_wo + n_items + n_clips})
    pg.su("VACUUM ANALYZE record")
    return n_ex + n_wo + n_items + n_clips


def bench_client(pg, sync_bin, cli_bin, server, senv, tmp):
    email, name = "client@example.org", "Client bench team"
    team = subprocess.run([sync_bin, "admin", "create-team", name], env=senv, check=True,
                          capture_output=True, text=True).stdout.strip()
    subprocess.run([sync_bin, "admin", "add-coach", team, email], input=PASSWORD + "\n", env=senv,
                   check=True, capture_output=True, text=True)
    t = time.perf_counter()
    total = seed_client_team(pg, team, CLIENT_ROWS, CLIENT_CLIPS)
    print("client team: %d rows + %d clip records inserted by SQL in %.1f s"
          % (total - CLIENT_CLIPS, CLIENT_CLIPS, time.perf_counter() - t))

    def login(dev):
        d = os.path.join(tmp, "device-" + dev)
        os.mkdir(d)
        CliRun(cli_bin, d, ["login", server.url, email], PASSWORD + "\n")
        return d

    # the same rows, exported by psql as JSON / pulled over HTTP in the
    # client's pages without being applied: what the client adds is the rest
    export_sql = ("SET app.team_id = '%s'; "
                  "COPY (SELECT json_agg (json_build_object ('table', tbl, 'id', id, 'fields', fields, "
                  "'deleted', deleted, 'version', server_version) ORDER BY server_version) "
                  "FROM record WHERE team_id = '%s') TO STDOUT" % (team, team))

    def export():
        with open(os.devnull, "wb") as null:
            subprocess.run([pg.bindir + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", pg.app_url,
                            "-c", export_sql], check=True, stdout=null)

    a = login("a")
    login_body = json.loads(Client(server.port).request(
        "POST", "/v1/auth/login", {"email": email, "password": PASSWORD, "device_name": "bench http"}))
    http = Client(server.port, login_body["token"])

    def pull_http():
        cursor, more = 0, True
        while more:
            body = http.request("GET", "/v1/pull?cursor=%d&limit=%d" % (cursor, CLIENT_PAGE))
            m = re.search(rb'"cursor" *: *(\d+), *"has_more" *: *(true|false)', body[:400])
            if m is None:
                die("unexpected pull page: %r" % body[:400])
            cursor, more = int(m.group(1)), m.group(2) == b"true"

    export()
    t_export = best_of(2, export)
    t_http = best_of(2, pull_http)

    first = CliRun(cli_bin, a, ["--json", "sync", "--no-files"])
    pulled = first.json().get("pulled", 0)
    if pulled < total:
        die("fresh sync pulled %d rows, expected %d: %s" % (pulled, total, first.out))
    stats = CliRun(cli_bin, a, ["--json", "stats"])
    print("fresh install sync (coachbook-cli sync --no-files, %d rows in pages of %d): %.2f s wall, "
          "%.2f s CPU, peak RSS %.0f MiB; psql json_agg export %.2f s; bare HTTP pull of the same pages %.2f s"
          % (total, CLIENT_PAGE, first.seconds, first.cpu, first.rss_mb, t_export, t_http))
    print("  catalog after it: %s" % stats.out.strip().replace("\n", " ")[:300])
    ratio = first.seconds / t_export
    results.append(("fresh install sync %dk+%dk clips" % ((total - CLIENT_CLIPS) // 1000, CLIENT_CLIPS // 1000),
                    "%.2f s" % first.seconds, "psql %.2f/HTTP %.2f s" % (t_export, t_http), "%.1fx" % ratio,
                    "- (vs psql)", None))
    results.append(("  its CPU time (user + system)", "%.2f s" % first.cpu, "-", "-", "-", None))
    results.append(("  its peak RSS", "%.0f MiB" % first.rss_mb, "-", "-", "-", None))

    # -- incremental: A edits one row and syncs; B syncs -------------------
    b = login("b")
    second = CliRun(cli_bin, b, ["--json", "sync", "--no-files"])
    print("second device's fresh sync: %.2f s, peak RSS %.0f MiB" % (second.seconds, second.rss_mb))
    edit_id = subprocess.run([pg.bindir + "/psql", "-X", "-q", "-At", "-h", pg.host, "-p", pg.port,
                              "-U", "postgres", "-d", pg.dbname, "-c",
                              "SELECT md5 ('ex1')::uuid"], check=True, capture_output=True, text=True).stdout.strip()
    t_a, t_b, t_open = [], [], []
    for i in range(CLIENT_EDITS):
        path = os.path.join(tmp, "edit.json")
        with open(path, "w") as f:
            json.dump({"format": "coachbook-catalog", "version": 1, "tables": {"exercise": [{
                "id": edit_id, "name": "Exercise 1, edited %d" % i,
                "description": "Bench exercise number 1 with a short description", "difficulty": "medium",
                "default_duration_s": 31, "muscles": ["legs", "core"], "has_jump": False}]}}, f)
        imported = CliRun(cli_bin, a, ["--json", "import-json", path]).json()
        if imported.get("updated") != 1:
            die("the edit on device A did not update one row: %r" % imported)
        pushed = CliRun(cli_bin, a, ["--json", "sync", "--no-files"])
        if pushed.json().get("pushed") != 1:
            die("device A did not push its edit: %s" % pushed.out)
        got = CliRun(cli_bin, b, ["--json", "sync", "--no-files"])
        if got.json().get("pulled") != 1:
            die("device B did not pull exactly the edit: %s" % got.out)
        t_a.append(pushed.seconds * 1000)
        t_b.append(got.seconds * 1000)
        t_open.append(CliRun(cli_bin, b, ["--json", "stats"]).seconds * 1000)
    found = CliRun(cli_bin, b, ["--json", "search", "edited %d" % (CLIENT_EDITS - 1)])
    if edit_id not in found.out:
        die("device B cannot find the edited exercise: %s" % found.out[:400])
    med_b, med_a, med_open = statistics.median(t_b), statistics.median(t_a), statistics.median(t_open)
    print("incremental, %d edits: device B's sync that brings A's edit: median %.0f ms (max %.0f); "
          "A's sync that sends it: median %.0f ms; `coachbook-cli stats` on B's catalog: median %.0f ms"
          % (CLIENT_EDITS, med_b, max(t_b), med_a, med_open))
    results.append(("incremental sync, B after A's edit", "%.0f ms" % med_b, "stats %.0f ms" % med_open,
                    "%.1fx" % (med_b / med_open), "-", None))


def main():
    builddir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "_build")
    sync_bin = os.path.join(builddir, "sync-server", "coachbook-sync")
    ref_bin = os.path.join(builddir, "tests", "bench", "bench-sync-ref")
    cli_bin = os.path.join(builddir, "app", "cli", "coachbook-cli")
    if not os.access(cli_bin, os.X_OK) or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("(no coachbook-cli in %s or no keyring session: the client's part is skipped)" % builddir)
        cli_bin = None
    for b in (sync_bin, ref_bin):
        if not os.access(b, os.X_OK):
            die(b + " not found: build with -Dserver=true first")
    for tool in ("wrk", "curl"):
        if shutil.which(tool) is None:
            die(tool + " not found (Debian package %s)" % tool)

    tmp = tempfile.mkdtemp(prefix="coachbook-bench-sync.")
    atexit.register(shutil.rmtree, tmp, True)
    pg = Pg("coachbook_bench")
    pg.su("CREATE DATABASE coachbook_bench OWNER coachbook", db="postgres")
    server_env = {
        "COACHBOOK_SYNC_DATABASE_URL": pg.app_url,
        "COACHBOOK_SYNC_HTTP_LISTEN": "127.0.0.1",
        "COACHBOOK_SYNC_HTTP_PORT": "0",
        "COACHBOOK_SYNC_BLOBS_BACKEND": "fs",
        "COACHBOOK_SYNC_BLOBS_FS_PATH": os.path.join(tmp, "blobs"),
        "COACHBOOK_SYNC_BLOBS_FS_SECRET": uuid.uuid4().hex,
        # one presigned PUT for the whole file (multipart above it)
        "COACHBOOK_SYNC_BLOBS_MULTIPART_THRESHOLD": "%dM" % max(BLOB_MB + 1, 16),
        "COACHBOOK_SYNC_AUTH_LOGIN_MAX_FAILURES": "1000",
        "COACHBOOK_SYNC_DATABASE_POOL_SIZE": str(WORKERS),
    }
    senv = dict(os.environ)
    senv.update(server_env)
    migrate = subprocess.run([sync_bin, "migrate"], env=senv, capture_output=True, text=True)
    if migrate.returncode != 0:
        die("coachbook-sync migrate: " + migrate.stderr)
    team = subprocess.run([sync_bin, "admin", "create-team", "Bench team"], env=senv, check=True,
                          capture_output=True, text=True).stdout.strip()
    subprocess.run([sync_bin, "admin", "add-coach", team, EMAIL], input=PASSWORD + "\n", env=senv,
                   check=True, capture_output=True, text=True)

    server = Server([sync_bin, "serve"], server_env, os.path.join(tmp, "serve.log"))
    ref = None
    try:
        login = json.loads(Client(server.port).request(
            "POST", "/v1/auth/login", {"email": EMAIL, "password": PASSWORD, "device_name": "bench"}))
        token, device = login["token"], login["device_id"]
        client = Client(server.port, token)

        # -- 1. initial pull ---------------------------------------------------
        t = time.perf_counter()
        pg.su("""
            INSERT INTO record (team_id, tbl, id, fields, deleted, server_version, updated_by_device)
            SELECT '%(team)s', 'exercise', gen_random_uuid (),
                   jsonb_build_object ('name', 'Exercise ' || g,
                                       'description', 'Bench exercise number ' || g || ' with a short description',
                                       'difficulty', (ARRAY['easy','medium','hard'])[1 + g %% 3],
                                       'default_duration_s', 30 + g %% 60,
                                       'muscles', jsonb_build_array ('legs', 'core'),
                                       'has_jump', g %% 2 = 0),
                   false, g, '%(device)s'
            FROM generate_series (1, %(n)d) g;
            UPDATE team_clock SET v = %(n)d WHERE team_id = '%(team)s';"""
              % {"team": team, "device": device, "n": N_ROWS})
        pg.su("VACUUM ANALYZE record")
        print("inserted %d rows by SQL in %.1f s" % (N_ROWS, time.perf_counter() - t))

        # Like psql writing to /dev/null, the client reads every byte but
        # does not parse the rows: only cursor and has_more, which come
        # first, and a count of the rows to check that all of them came.
        head_re = re.compile(rb'"cursor" *: *(\d+), *"has_more" *: *(true|false)')

        def pull_all(limit):
            cursor, rows, more, pages = 0, 0, True, 0
            while more:
                body = client.request("GET", "/v1/pull?cursor=%d&limit=%d" % (cursor, limit))
                m = head_re.search(body, 0, 400)
                if m is None:
                    die("unexpected pull page: %r" % body[:400])
                cursor, more = int(m.group(1)), m.group(2) == b"true"
                rows += body.count(b'"table" : ')
                pages += 1
            if rows != N_ROWS:
                die("pulled %d rows, expected %d" % (rows, N_ROWS))
            return pages

        export_sql = ("SET app.team_id = '%s'; "
                      "COPY (SELECT json_agg (json_build_object ('table', tbl, 'id', id, 'fields', fields, "
                      "'deleted', deleted, 'version', server_version) ORDER BY server_version) "
                      "FROM record WHERE team_id = '%s') TO STDOUT" % (team, team))

        def export():
            with open(os.devnull, "wb") as null:
                subprocess.run([pg.bindir + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", pg.app_url,
                                "-c", export_sql], check=True, stdout=null)

        pages = pull_all(PULL_LIMIT)   # warm caches for both
        export()
        # alternated, best of each: the machine's other load hits both alike
        t_ref, t_ours = [], []
        for _ in range(4):
            t_ref.append(best_of(1, export))
            t_ours.append(best_of(1, lambda: pull_all(PULL_LIMIT)))
        t_ref, t_ours = min(t_ref), min(t_ours)
        t_default = best_of(2, lambda: pull_all(500))
        ratio = t_ours / t_ref
        print("initial pull: %d pages of %d: %.3f s (best of 4); psql json_agg export %.3f s (best of 4); "
              "at the default limit 500: %.3f s" % (pages, PULL_LIMIT, t_ours, t_ref, t_default))
        results.append(("initial pull of %dk rows" % (N_ROWS // 1000), "%.3f s" % t_ours,
                        "psql %.3f s" % t_ref, "%.2fx" % ratio, "<= 2x", ratio <= 2.0))

        # -- 2. incremental round trip -----------------------------------------
        page = json.loads(client.request("GET", "/v1/pull?cursor=%d&limit=1" % N_ROWS))
        cursor, mid = page["cursor"], 1
        times = []
        for i in range(ROUNDS + 10):
            body = {"device_id": device, "schema_version": 1, "mutations": [{
                "mid": mid, "table": "exercise", "op": "upsert", "id": str(uuid.uuid4()),
                "fields": {"name": "Round %d" % i, "default_duration_s": 45}}]}
            t = time.perf_counter()
            pushed = json.loads(client.request("POST", "/v1/push", body))
            page = json.loads(client.request("GET", "/v1/pull?cursor=%d" % cursor))
            dt = time.perf_counter() - t
            if pushed.get("rejected") or len(page["changes"]) != 1:
                die("round trip %d: %r / %r" % (i, pushed, page))
            cursor, mid = page["cursor"], mid + 1
            if i >= 10:
                times.append(dt * 1000)
        med, p95 = statistics.median(times), pct(times, 95)
        print("round trip (push 1 + pull delta), %d rounds: median %.2f ms, p95 %.2f ms, max %.2f ms"
              % (ROUNDS, med, p95, max(times)))
        results.append(("round trip push+pull (p95)", "%.2f ms" % p95, "median %.2f ms" % med,
                        "-", "<= 20 ms", p95 <= 20.0))

        # -- 3. empty-delta pull requests/s --------------------------------------
        ref = Server([ref_bin, pg.app_url, str(WORKERS)], {}, os.path.join(tmp, "ref.log"))
        Client(ref.port).request("GET", "/")
        pull_url = "%s/v1/pull?cursor=%d" % (server.url, cursor)
        empty = json.loads(client.request("GET", "/v1/pull?cursor=%d" % cursor))
        if empty["changes"] or empty["has_more"] or empty["cursor"] != cursor or \
                empty["last_mid"] != mid - 1 or empty["epoch"] != page["epoch"]:
            die("the delta is not empty: %r" % empty)
        # alternated rounds, the best one of each side kept: the other
        # users of a shared machine come and go, and hit either side
        runs_ref, runs_ours = [], []
        for _ in range(WRK_ROUNDS):
            runs_ref.append(wrk(ref.url + "/", token, WRK_SECONDS // WRK_ROUNDS))
            runs_ours.append(wrk(pull_url, token, WRK_SECONDS // WRK_ROUNDS))
        rps_ref, bad_ref, err_ref, p99_ref = max(runs_ref)
        rps_ours, bad_ours, err_ours, p99_ours = max(runs_ours)
        bad_ref += sum(r[1] for r in runs_ref)
        bad_ours += sum(r[1] for r in runs_ours)
        # for the breakdown: SELECT 1 on the same pool through the same server (GET /healthz)
        rps_health, bad_health, _, p99_health = wrk(server.url + "/healthz", token, max(3, WRK_SECONDS // 2))
        if bad_ours or bad_ref or bad_health:
            die("wrk saw non-2xx responses: ours %d, reference %d, healthz %d" % (bad_ours, bad_ref, bad_health))
        ratio = rps_ours / rps_ref
        print("empty-delta pull: %.0f req/s (best of %d x %d s) (p99 %s) %s; bare SELECT 1 handler %.0f req/s (p99 %s) %s"
              % (rps_ours, WRK_ROUNDS, WRK_SECONDS // WRK_ROUNDS, p99_ours, err_ours, rps_ref, p99_ref, err_ref))
        print("  (GET /healthz, SELECT 1 through coachbook-sync: %.0f req/s, p99 %s)" % (rps_health, p99_health))
        results.append(("empty-delta pull req/s (wrk 2t/32c)", "%.0f/s" % rps_ours,
                        "bare %.0f/s" % rps_ref, "%.2fx" % ratio, ">= 0.7x", ratio >= 0.7))
        ref.stop()
        ref = None

        # -- 4. blob upload --------------------------------------------------------
        path = os.path.join(tmp, "blob.bin")
        h = hashlib.sha256()
        with open(path, "wb") as f:
            chunk = os.urandom(1 << 20)
            for i in range(BLOB_MB):
                block = chunk[:-4] + i.to_bytes(4, "little")
                h.update(block)
                f.write(block)
        size = BLOB_MB << 20
        sha = h.hexdigest()
        init = json.loads(client.request("POST", "/v1/blobs/init", {"sha256": sha, "size": size}))
        if init.get("method") != "put":
            die("blobs/init: expected a single PUT: %r" % init)
        out = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{time_total}",
                              "-T", path, init["url"]], check=True, capture_output=True, text=True).stdout
        code, t_put = out.split()
        if code not in ("200", "201", "204"):
            die("presigned PUT answered %s" % code)
        t_put = float(t_put)
        t = time.perf_counter()
        done = json.loads(client.request("POST", "/v1/blobs/%s/complete" % sha, {}))
        t_complete = time.perf_counter() - t
        if not done.get("available"):
            die("complete: %r" % done)
        # the disk under the blob store, for scale: the same bytes copied and fsynced
        t = time.perf_counter()
        with open(path, "rb") as src, open(os.path.join(tmp, "blobs", "copy.bin"), "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        t_copy = time.perf_counter() - t
        os.unlink(os.path.join(tmp, "blobs", "copy.bin"))
        mbps = BLOB_MB / t_put
        print("blob upload %d MiB: presigned PUT with curl %.2f s = %.0f MiB/s; complete (size + sha256 check) "
              "%.2f s; copy+fsync of the same file on that disk %.2f s = %.0f MiB/s"
              % (BLOB_MB, t_put, mbps, t_complete, t_copy, BLOB_MB / t_copy))
        results.append(("blob PUT %d MiB (fs, curl)" % BLOB_MB, "%.0f MiB/s" % mbps,
                        "disk copy %.0f MiB/s" % (BLOB_MB / t_copy), "%.2fx" % (t_copy / t_put),
                        ">= 0.9x app/curl", None))

        # -- 5. the client: fresh install, incremental sync ------------------
        if cli_bin is not None and CLIENT_ROWS > 0:
            bench_client(pg, sync_bin, cli_bin, server, senv, tmp)
    finally:
        if ref is not None:
            ref.stop()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("%-38s %-12s %-22s %-7s %-18s %s" % ("sync", "ours", "reference", "ratio", "budget", "result"))
    for name, ours, refv, ratio, budget, met in results:
        status = "n/a" if met is None else ("met" if met else "MISSED")
        print("%-38s %-12s %-22s %-7s %-18s %s" % (name, ours, refv, ratio, budget, status))
    print("(blob: the app has no upload path yet, so the >= 0.9x curl budget cannot be measured;\n"
          " shown is the server's presigned PUT with curl against a plain copy to the same disk)")


if __name__ == "__main__":
    main()
