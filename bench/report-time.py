#!/usr/bin/env python3
"""bench/report-time.py - time the yearly resolution report (Biểu 06) against
a plain SQL aggregate over the same dossiers, on the same machine.

    python3 bench/report-time.py --bin build/release/motcua --db FILE.db \
        --year 2025 --unit gialai --what report|sql [-n 5]

report: `motcua report resolution --from Y-01-01 --to Y-12-31 --unit U
        --format json`, run n times (process start and opening the database
        included: a few milliseconds, see the `sql` row's own floor).
sql:    python's sqlite3 over the same file: one GROUP BY over the dossiers
        of the unit's subtree that were received before the year's end and
        not finished before its start (what the report must look at), the
        figures per procedure (received in the year, carried over, finished
        early/on time/late by the cached columns).  A fresh connection each
        run, like the CLI.

Prints one RESULT line in bench/run.sh's format (requests, rps, p50_us,
p99_us) so the run's table can show the report as a ratio to the SQL.
"""
import argparse
import sqlite3
import subprocess
import sys
import time

SQL = """
SELECT d.procedure_code,
       sum(d.received_at >= :s) AS received_in_period,
       sum(d.received_at < :s) AS carried_over,
       sum(d.finished_at >= :s AND d.finished_at < :e AND d.finished_at <= d.legal_due) AS in_time,
       sum(d.finished_at >= :s AND d.finished_at < :e AND d.finished_at > d.legal_due) AS late,
       sum(d.finished_at = 0 OR d.finished_at >= :e) AS pending
FROM dossiers d
JOIN units r ON r.id = d.receiving_unit_id
JOIN units v ON v.id = d.resolving_unit_id
WHERE d.received_at > 0 AND d.received_at < :e AND (d.finished_at = 0 OR d.finished_at >= :s)
  AND (substr(r.path, 1, length(:p)) = :p OR substr(v.path, 1, length(:p)) = :p)
GROUP BY d.procedure_code
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--unit", required=True)
    ap.add_argument("--what", choices=["report", "sql"], required=True)
    ap.add_argument("-n", type=int, default=5)
    a = ap.parse_args()
    # the year in local time (UTC+7), as the report counts it
    s = int(time.mktime(time.strptime("%d-01-01" % a.year, "%Y-%m-%d")) - time.timezone) - 7 * 3600
    e = int(time.mktime(time.strptime("%d-01-01" % (a.year + 1), "%Y-%m-%d")) - time.timezone) - 7 * 3600
    con = sqlite3.connect(a.db)
    path = con.execute("SELECT path FROM units WHERE code = ?", (a.unit,)).fetchone()[0]
    con.close()
    times, total = [], None
    for _ in range(a.n):
        t0 = time.perf_counter()
        if a.what == "report":
            out = subprocess.run([a.bin, "--db", a.db, "report", "resolution", "--from", "%d-01-01" % a.year,
                                  "--to", "%d-12-31" % a.year, "--unit", a.unit, "--format", "json"],
                                 capture_output=True, check=True).stdout
            if b'"total"' not in out:
                sys.exit("report-time: no total in the report")
        else:
            con = sqlite3.connect(a.db)
            rows = con.execute(SQL, {"s": s, "e": e, "p": path}).fetchall()
            con.close()
            total = sum(r[1] + r[2] for r in rows)
        times.append(time.perf_counter() - t0)
    times.sort()
    p50 = times[len(times) // 2]
    print("%s %s %d: best %.1f ms, median %.1f ms%s" % (a.what, a.unit, a.year, times[0] * 1e3, p50 * 1e3,
          ", dossiers looked at %d" % total if total is not None else ""))
    print("RESULT requests=%d rps=%.3f p50_us=%d p99_us=%d bad=0 closed=0 err_connect=0 err_read=0 "
          "err_write=0 err_timeout=0" % (a.n, 1.0 / p50, p50 * 1e6, times[-1] * 1e6))


if __name__ == "__main__":
    main()
