#!/usr/bin/env python3
"""gen-catalog.py - scale the demo catalog up for benchmarks.

    python3 bench/gen-catalog.py N [--src data/catalog/dakpo.json] [--out FILE]

Writes a valid motcua-catalog/1 file (docs/CATALOG_FORMAT.md) of N procedures
to FILE (default: standard output): the demo procedures unchanged, then copies
of them until there are N.  Copy k of a procedure gets a unique code
9.1xxxxx (one digit, dot, six digits), a name with a realistic suffix
appended ("(cấp lại)", "có yếu tố nước ngoài", ...) so names vary and search
ranking has real work, and otherwise the same fields, units, fees, documents
and process, so the file validates exactly as the original does.  Every copy
is in force (a copy of an abolished procedure would be hidden from search).
Deterministic: the same N gives the same file.
"""
import argparse
import copy
import json
import sys
import unicodedata

# (Vietnamese suffix, English suffix), as names of real variant procedures read.
SUFFIXES = [
    ("(cấp lại do bị mất, hỏng)", "(reissue after loss or damage)"),
    ("có yếu tố nước ngoài", "with a foreign element"),
    ("(trường hợp điều chỉnh nội dung)", "(amending the content)"),
    ("đối với người khuyết tật", "for people with disabilities"),
    ("tại khu vực biên giới", "in border areas"),
    ("(thực hiện liên thông với cấp xã)", "(inter-level with the commune)"),
    ("cho đồng bào dân tộc thiểu số", "for ethnic minority people"),
    ("(gia hạn)", "(extension)"),
    ("đối với tổ chức", "for organisations"),
    ("đối với hộ gia đình, cá nhân", "for households and individuals"),
    ("(trường hợp ủy quyền)", "(by proxy)"),
    ("(nộp hồ sơ trực tuyến)", "(filed online)"),
    ("tại các xã đặc biệt khó khăn", "in extremely disadvantaged communes"),
    ("(cấp đổi)", "(exchange)"),
    ("cho người cao tuổi", "for the elderly"),
    ("(bổ sung thông tin)", "(adding information)"),
    ("đối với trường hợp đăng ký lại", "for re-registration"),
]

NAME_MAX = 511  # bytes, the importer's limit for "name"


def nfc(s):
    return unicodedata.normalize("NFC", s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of procedures in the output")
    ap.add_argument("--src", default="data/catalog/dakpo.json")
    ap.add_argument("--out", default="-")
    a = ap.parse_args()

    with open(a.src, encoding="utf-8") as f:
        src = json.load(f)
    base = src["procedures"]
    if a.n < len(base):
        sys.exit(f"gen-catalog: N must be at least {len(base)} (the source catalog)")
    if a.n - len(base) > len(base) * len(SUFFIXES) or a.n - len(base) > 99999:
        sys.exit("gen-catalog: N too large for the suffix list / code range")

    procs = list(base)
    i = 0
    while len(procs) < a.n:
        p = copy.deepcopy(base[i % len(base)])
        k = i // len(base)
        vi, en = SUFFIXES[(k + i) % len(SUFFIXES)]
        p["code"] = "9.1%05d" % i
        if len((p["name"] + " " + vi).encode()) > NAME_MAX:
            # a few demo names are long already: the shortest suffix that fits, or none
            fits = [s for s in sorted(SUFFIXES, key=lambda s: len(s[0].encode()))
                    if len((p["name"] + " " + s[0]).encode()) <= NAME_MAX]
            vi, en = fits[0] if fits else ("", "")
        if vi:
            p["name"] = nfc(p["name"] + " " + vi)
            p["name_en"] = p["name_en"] + " " + en
        p["status"] = "in_force"
        p.pop("replaced_by", None)
        procs.append(p)
        i += 1

    out = {
        "format": "motcua-catalog/1",
        "source": "Danh mục mẫu phóng to cho đo hiệu năng (bench/gen-catalog.py, %d thủ tục) "
                  "/ demo catalog scaled up for benchmarks" % a.n,
        "fields": src["fields"],
        "procedures": procs,
    }
    text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    if a.out == "-":
        sys.stdout.write(text)
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
