#!/usr/bin/env python3
"""bench/report-units.py - create the synthetic province's units (units.json of
bench/gen-province.py) through POST /api/v1/units, signed in as the demo admin.

    python3 bench/report-units.py --port PORT UNITS.json [--password motcua2026]

A unit that already exists (409) is skipped, so a rerun is harmless.
"""
import argparse
import json
import sys
import urllib.error
import urllib.request


def call(base, path, body, token=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", required=True)
    ap.add_argument("--password", default="motcua2026")
    ap.add_argument("units")
    a = ap.parse_args()
    base = "http://127.0.0.1:%s" % a.port
    token = call(base, "/api/v1/auth/token", {"login": "admin", "password": a.password})["token"]
    with open(a.units, encoding="utf-8") as f:
        units = json.load(f)
    made = 0
    for u in units:
        try:
            call(base, "/api/v1/units", u, token)
            made += 1
        except urllib.error.HTTPError as e:
            if e.code != 409:
                sys.exit("report-units: %s: HTTP %d %s" % (u["code"], e.code, e.read()[:300]))
    print("report-units: %d units created" % made, file=sys.stderr)


if __name__ == "__main__":
    main()
