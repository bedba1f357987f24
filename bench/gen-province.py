#!/usr/bin/env python3
"""bench/gen-province.py - a synthetic province's history for `motcua dossier import`.

    python3 bench/gen-province.py N --out DIR [--districts 10] [--communes 15]
                                   [--first-year 2016] [--years 10] [--seed 1]

Writes into DIR:
  units.json        the extra units to create (POST /api/v1/units, in order):
                    districts under the demo province `gialai`, each with a
                    one-stop desk and communes (each commune with its desk);
                    the demo district `dakpo` and its 8 communes are kept.
  dossiers-NN.jsonl N dossiers in files of at most 100,000 lines (the import's
                    limit per call), for `motcua dossier import FILE`.

The procedure mix is the demo catalog's (data/catalog/dakpo.json): about 80 %
of dossiers are commune-level (civil status, certifications: the bulk of a
commune's desk), received and resolved at the communes; the rest are
district-level, received at the district desks and resolved by the demo
catalog's departments (the catalog has only Đak Pơ's departments, so every
district's district-level dossiers go to them: the unit filter of a district
report then still matches through the receiving unit).  Dossiers are spread
evenly over the years, on working hours of weekdays.  Outcomes (per dossier,
seeded, reproducible):
  55 % resolved early, 25 % on the deadline's day, 8 % late (1-10 days),
  5 % a supplement requested then received (then resolved), 3 % refused after
  receipt, 2 % withdrawn, 2 % still open (only in the last months).
Online submissions: 20 % of dossiers for procedures offered online.

Only the standard library; the same arguments give the same files.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MAX_LINES = 100000


def load_catalog():
    with open(os.path.join(ROOT, "data", "catalog", "dakpo.json"), encoding="utf-8") as f:
        cat = json.load(f)
    procs = []
    for p in cat["procedures"]:
        if p.get("status") not in ("in_force", "amended"):
            continue
        tl = p.get("time_limit") or {}
        days = tl.get("days") or (max(1, tl.get("hours", 8) // 8) if tl.get("hours") else 1)
        steps = p.get("process") or []
        # the step where the result is recorded: the last one, or the one
        # before when the last is the desk's return
        rstep = len(steps) - (2 if steps and steps[-1].get("unit") == "$desk" else 1)
        procs.append({"code": p["code"], "level": p["level"], "rstep": max(1, rstep),
                      "days": days, "online": p.get("online") in ("full", "partial"),
                      "ndocs": max(1, sum(1 for d in p.get("documents", []) if d.get("required")))})
    return procs


def units(ndistricts, ncommunes):
    """The extra units: district k (k = 1..ndistricts-1; the demo dakpo is the
    first district), agency code 000.00.(40+k).H21; its communes
    000.(20+j).(40+k).H21."""
    out = []
    for k in range(1, ndistricts):
        dcode = "h%02d" % k
        dag = "000.00.%02d.H21" % (40 + k)
        out.append({"code": dcode, "parent": "gialai", "kind": "district", "name": "UBND huyện Thử %02d" % k,
                    "agency_code": dag})
        out.append({"code": dcode + ".motcua", "parent": dcode, "kind": "desk",
                    "name": "Bộ phận Một cửa huyện Thử %02d" % k})
        for j in range(1, ncommunes + 1):
            ccode = "%s.x%02d" % (dcode, j)
            out.append({"code": ccode, "parent": dcode, "kind": "commune", "name": "UBND xã Thử %02d-%02d" % (k, j),
                        "agency_code": "000.%02d.%02d.H21" % (20 + j, 40 + k)})
            out.append({"code": ccode + ".motcua", "parent": ccode, "kind": "desk",
                        "name": "Bộ phận Một cửa xã Thử %02d-%02d" % (k, j)})
    return out


def desks(ndistricts, ncommunes):
    """(desk code, agency code, level) of every receiving desk."""
    d = [("dakpo.motcua", "000.00.27.H21", "district")]
    for i, c in enumerate(["ttdakpo", "anthanh", "cuan", "hatam", "phuan", "tanan", "yahoi", "yangbac"]):
        d.append((c + ".motcua", "000.%02d.27.H21" % (21 + i), "commune"))
    for k in range(1, ndistricts):
        dcode = "h%02d" % k
        d.append((dcode + ".motcua", "000.00.%02d.H21" % (40 + k), "district"))
        for j in range(1, ncommunes + 1):
            d.append(("%s.x%02d.motcua" % (dcode, j), "000.%02d.%02d.H21" % (20 + j, 40 + k), "commune"))
    return d


def fmt(t):
    return t.strftime("%Y-%m-%d %H:%M")


def add_work_days(t, n):
    while n > 0:
        t += dt.timedelta(days=1)
        if t.weekday() < 5:
            n -= 1
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--out", required=True)
    ap.add_argument("--districts", type=int, default=10)
    ap.add_argument("--communes", type=int, default=15)
    ap.add_argument("--first-year", type=int, default=2016)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    procs = load_catalog()
    by_level = {"district": [p for p in procs if p["level"] == "district"],
                "commune": [p for p in procs if p["level"] == "commune"]}
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "units.json"), "w", encoding="utf-8") as f:
        json.dump(units(a.districts, a.communes), f, ensure_ascii=False)
    all_desks = desks(a.districts, a.communes)
    com = [d for d in all_desks if d[2] == "commune"]
    dis = [d for d in all_desks if d[2] == "district"]
    start = dt.datetime(a.first_year, 1, 1)
    span_days = (dt.datetime(a.first_year + a.years, 1, 1) - start).days
    end = start + dt.timedelta(days=span_days)
    seq = {}
    fileno, lines, f = 0, 0, None
    # receipt days sorted, so per-(agency, day) sequence numbers are simple
    days = sorted(rnd.randrange(span_days) for _ in range(a.n))
    for i in range(a.n):
        if f is None or lines >= MAX_LINES:
            if f:
                f.close()
            fileno += 1
            lines = 0
            f = open(os.path.join(a.out, "dossiers-%02d.jsonl" % fileno), "w", encoding="utf-8")
        day = start + dt.timedelta(days=days[i])
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        if day < start:
            day = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        t0 = day.replace(hour=rnd.choice([7, 8, 9, 10, 13, 14, 15]), minute=rnd.randrange(0, 60, 5))
        desk = rnd.choice(com) if rnd.random() < 0.8 else rnd.choice(dis)
        p = rnd.choice(by_level[desk[2]])
        key = (desk[1], t0.date())
        seq[key] = seq.get(key, 0) + 1
        code = "%s-%s-%04d" % (desk[1], t0.strftime("%y%m%d"), seq[key])
        online = p["online"] and rnd.random() < 0.2
        ev = []
        if online:
            ev.append({"kind": "submit_online", "at": fmt(t0 - dt.timedelta(hours=2))})
            ev.append({"kind": "accept", "at": fmt(t0)})
        else:
            ev.append({"kind": "intake", "at": fmt(t0)})
        due = add_work_days(t0, p["days"])
        r = rnd.random()
        recent = (end - t0).days < 60
        t = t0 + dt.timedelta(hours=1)
        last_step = p["rstep"]
        if recent and r < 0.3:
            # still open at the end of the history
            ev.append({"kind": "forward", "at": fmt(t), "step": 1})
        elif r < 0.03:
            ev.append({"kind": "forward", "at": fmt(t), "step": 1})
            ev.append({"kind": "refuse", "at": fmt(t + dt.timedelta(hours=20)), "reason": "Không đủ điều kiện"})
        elif r < 0.05:
            ev.append({"kind": "withdraw", "at": fmt(t + dt.timedelta(hours=3)), "reason": "Công dân xin rút"})
        else:
            if r < 0.10:
                ev.append({"kind": "forward", "at": fmt(t), "step": 1})
                t = t + dt.timedelta(hours=5)
                ev.append({"kind": "request_supplement", "at": fmt(t), "items": ["Bản sao giấy tờ còn thiếu"]})
                t = add_work_days(t, rnd.randint(1, 5)).replace(hour=9, minute=0)
                ev.append({"kind": "supplement_received", "at": fmt(t)})
                due = add_work_days(t, p["days"])
                t = t + dt.timedelta(hours=1)
                first = 2
            else:
                first = 1
            for s in range(first, last_step + 1):
                ev.append({"kind": "forward", "at": fmt(t), "step": s})
                t = t + dt.timedelta(minutes=10)
            u = rnd.random()
            if u < 0.60:
                done = t0 + (due - t0) * rnd.uniform(0.2, 0.8)
                done = max(done, t + dt.timedelta(minutes=10))
                if done.date() >= due.date():
                    done = t + dt.timedelta(minutes=10)
            elif u < 0.91:
                done = due - dt.timedelta(minutes=rnd.randrange(0, 60))
            else:
                done = due + dt.timedelta(days=rnd.randint(1, 10), minutes=rnd.randrange(1, 60))
            done = max(done, t + dt.timedelta(minutes=10))
            ev.append({"kind": "record_result", "at": fmt(done), "result_number": "%d/KQ" % (i % 9999 + 1),
                       "result_date": done.strftime("%Y-%m-%d"), "signer": "Nguyễn Văn Sơn"})
            ev.append({"kind": "return_result", "at": fmt(done + dt.timedelta(hours=rnd.randint(1, 48))),
                       "return_method": "desk"})
        rec = {"code": code, "procedure": p["code"], "desk": desk[0], "channel": "online" if online else "direct",
               "applicant": {"kind": "individual", "name": "Người Thử %d" % i, "phone": "09%08d" % (i % 10**8)},
               "documents": [{"index": k} for k in range(p["ndocs"])], "delivery": {"method": "desk"},
               "events": ev}
        f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        f.write("\n")
        lines += 1
    if f:
        f.close()
    print("gen-province: %d dossiers, %d desks, %d files in %s" % (a.n, len(all_desks), fileno, a.out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
