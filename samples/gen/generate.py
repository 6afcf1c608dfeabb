#!/usr/bin/python3
"""Deterministic labelled-sample generator for shenbao.

Renders scanned-looking, image-only PDFs of the forms in shared/spec/FORMS.md with a
truth JSON beside each. Same command -> byte-identical output.

  /usr/bin/python3 samples/gen/generate.py --out DIR [--forms A,C] [--per-level N]
                                           [--seed S] [--levels clean,typical,hard]
                                           [--wrong-seal N]
Writes DIR/<form-id>/<level>-<NN>.pdf and DIR/<form-id>/<level>-<NN>.truth.json.
"""
import argparse
import importlib
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import rngs  # noqa: E402
from doc import finish  # noqa: E402
from scan import LEVELS, scan_params  # noqa: E402

FORMS = {L: "form_" + L.lower() for L in "ABCDEF"}


def schedule(seed, letter, k):
    """Document-level features spread evenly over the k-th document of a form.

    About 1 in 8 documents is unstamped, half have the seal over table cells,
    about a third have a long (multi-page) table, some carry deliberate rule violations.
    """
    r, _ = rngs(seed, letter, "schedule")
    o8, o2, o3, o4, o5 = (r.randrange(8), r.randrange(2), r.randrange(3), r.randrange(4),
                          r.randrange(5))
    return {"no_seal": k % 8 == o8, "seal_over_table": k % 2 == o2, "long": k % 3 == o3,
            "violation": k % 4 == o4, "gap": k % 5 == o5, "k": k}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--forms", default="A,C", help="letters from A,B,C,D,E,F")
    ap.add_argument("--per-level", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20240903)
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--wrong-seal", type=int, default=0, metavar="N",
                    help="every N-th document's first seal is another unit's (same kind, another\n"
                         "place): truth owner_is_unit false, expected finding seal-owner. 0: none")
    a = ap.parse_args(argv)
    levels = [s.strip() for s in a.levels.split(",") if s.strip()]
    for lv in levels:
        if lv not in LEVELS:
            ap.error("unknown level %r" % lv)
    letters = [s.strip().upper() for s in a.forms.split(",") if s.strip()]
    for L in letters:
        if L not in FORMS:
            ap.error("unknown form %r" % L)
    for L in letters:
        mod = importlib.import_module(FORMS[L])
        for li, lv in enumerate(levels):
            for i in range(a.per_level):
                k = li * a.per_level + i
                stem = "%s-%02d" % (lv, i + 1)
                r, nrng = rngs(a.seed, L, lv, i)
                scan = scan_params(r, lv)
                doc = mod.build(r, lv, scan, schedule(a.seed, L, k), a.seed)
                if a.wrong_seal > 0 and k % a.wrong_seal == a.wrong_seal - 1:
                    doc.extra["wrong_seal"] = True
                t = finish(doc, r, nrng, a.out, stem)
                print("%s/%s: %d page(s), dpi %d, seal %s, under_seal %d, warnings %d" % (
                    mod.FORM, stem, t["pages"], t["dpi"],
                    "/".join("yes" if s["present"] else "no" for s in t["stamps"]),
                    len(t["under_seal"]), len(t["expected_validation"])))


if __name__ == "__main__":
    main()
