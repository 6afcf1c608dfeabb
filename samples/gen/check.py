#!/usr/bin/python3
"""Self-check of generated truth files: normalisation, field paths, expected validation.

  /usr/bin/python3 samples/gen/check.py samples
Recomputes the table rules from the truth values and compares them with expected_validation.
"""
import glob
import json
import os
import re
import sys

BAD_CHARS = re.compile(r"[():,]|[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]")


def name_ok(n):
    return "5G" in n and n.endswith(("工厂", "车间", "产线"))


def paths(t):
    out = set(t["fields"])
    for tab, rows in t["tables"].items():
        for i, row in enumerate(rows):
            out |= {"%s[%d].%s" % (tab, i, k) for k in row}
    return out


def expected(t):
    exp = []
    rows = t["tables"].get("projects", [])
    for i, row in enumerate(rows):
        if i and row["seq"] != rows[i - 1]["seq"] + 1:
            exp.append(("seq-order", "projects[%d].seq" % i))
    if t["form"] in ("5g-factory-application-summary", "5g-factory-recommendation-summary"):
        exp += [("project-name-5g", "projects[%d].project_name" % i)
                for i, row in enumerate(rows) if not name_ok(row["project_name"])]
    if t["form"] == "5g-factory-project-application":
        if not name_ok(t["fields"]["project_name"]):
            exp.append(("project-name-5g", "project_name"))
        for i, b in enumerate(t["tables"]["base_stations"]):
            if abs(b["count"] * b["unit_price"] - b["total_price"]) > 0.01:
                exp.append(("base-station-total", "base_stations[%d].total_price" % i))
    if t["form"] == "iiot-pilot-recommendation-summary":
        seen = {}
        for i, row in enumerate(rows):
            seen[row["applicant_name"]] = seen.get(row["applicant_name"], 0) + 1
            if seen[row["applicant_name"]] > 2:
                exp.append(("applicant-max-2-rows", "projects[%d].applicant_name" % i))
    return exp


def check(path):
    t = json.load(open(path, encoding="utf-8"))
    errs = []
    for k, v in t["fields"].items():
        if isinstance(v, str) and "email" not in k and k not in ("body",) and BAD_CHARS.search(v):
            errs.append("unnormalised field %s=%r" % (k, v))
    for rows in t["tables"].values():
        for row in rows:
            for k, v in row.items():
                if isinstance(v, str) and "email" not in k and BAD_CHARS.search(v):
                    errs.append("unnormalised cell %s=%r" % (k, v))
    p = paths(t)
    for u in t["under_seal"]:
        if u not in p:
            errs.append("under_seal path %s unknown" % u)
    got = {(e["rule"], e["field"]) for e in t["expected_validation"]}
    for e in expected(t):
        if e not in got:
            errs.append("missing expected_validation %s" % (e,))
    for s in t["stamps"]:
        if not s["present"] and ("stamp-required", s["zone"]) not in got and \
                not t.get("planned_city"):
            errs.append("unstamped %s without stamp-required" % s["zone"])
        if s.get("owner_is_unit") is False and ("seal-owner", s["zone"]) not in got:
            errs.append("wrong-unit seal %s without seal-owner" % s["zone"])
    return errs


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "samples"
    files = sorted(glob.glob(os.path.join(root, "*", "*.truth.json")))
    bad = 0
    for f in files:
        for e in check(f):
            bad += 1
            print("%s: %s" % (f, e))
    print("%d truth files, %d problems" % (len(files), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
