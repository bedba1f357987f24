#!/usr/bin/env python3
"""login.py - a bounded number of sign-ins, for the cost of password hashing.

    python3 bench/login.py --port P --login L [--password PW] [-n 20] [-c 2]
                           [--path /api/v1/auth/login]

wrk runs for a fixed time, which suits cheap requests; a sign-in with argon2id
at libsodium's "interactive" limits costs ~0.2 s of one core, so this sends
exactly N requests over C keep-alive connections (one thread each) and prints
the same RESULT line as bench/lua/common.lua.  Every answer must be 200 with a
JSON body carrying "user"; anything else counts as bad.
"""
import argparse
import http.client
import json
import math
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--login", required=True)
    ap.add_argument("--password", default="motcua2026")
    ap.add_argument("--path", default="/api/v1/auth/login")
    ap.add_argument("-n", type=int, default=20, help="total requests")
    ap.add_argument("-c", type=int, default=2, help="connections (threads)")
    a = ap.parse_args()

    body = json.dumps({"login": a.login, "password": a.password})
    lat, lock = [], threading.Lock()
    stats = {"bad": 0, "closed": 0, "first_bad": 0, "err": 0}
    per = [a.n // a.c + (1 if i < a.n % a.c else 0) for i in range(a.c)]

    def worker(count):
        conn = http.client.HTTPConnection(a.host, a.port, timeout=30)
        for _ in range(count):
            t0 = time.perf_counter()
            try:
                conn.request("POST", a.path, body, {"Content-Type": "application/json"})
                r = conn.getresponse()
                data = r.read()
            except (OSError, http.client.HTTPException):
                with lock:
                    stats["err"] += 1
                conn.close()
                conn = http.client.HTTPConnection(a.host, a.port, timeout=30)
                continue
            dt = time.perf_counter() - t0
            ok = r.status == 200 and b'"user"' in data
            with lock:
                lat.append(dt)
                if not ok:
                    stats["bad"] += 1
                    stats["first_bad"] = stats["first_bad"] or r.status
                if (r.getheader("Connection") or "").lower() == "close":
                    stats["closed"] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in per]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0

    lat.sort()

    def pct(p):
        if not lat:
            return 0.0
        return lat[max(0, math.ceil(p / 100.0 * len(lat)) - 1)] * 1e6  # nearest rank

    mean = sum(lat) / len(lat) * 1e6 if lat else 0.0
    print("RESULT requests=%d duration_us=%d rps=%.1f p50_us=%.0f p99_us=%.0f mean_us=%.0f"
          " bad=%d closed=%d first_bad=%d err_connect=0 err_read=%d err_write=0"
          " err_timeout=0 err_status=%d"
          % (len(lat), wall * 1e6, len(lat) / wall if wall else 0, pct(50), pct(99), mean,
             stats["bad"], stats["closed"], stats["first_bad"], stats["err"], stats["bad"]))


if __name__ == "__main__":
    main()
