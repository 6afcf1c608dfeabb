"""Document container and the render/compose/write step shared by every form."""
import json
import os

import numpy as np

from common import rect_hits_disc, rngs
from pdf import write_pdf
from scan import degrade, jpeg_bytes, page_skew
from seal import apply_seal, seal_mask
from vocab import other_unit


def dumps(o, ind=0):
    """JSON with small objects/lists on one line (readable truth files)."""
    flat = json.dumps(o, ensure_ascii=False)
    scalar = isinstance(o, dict) and all(not isinstance(v, (dict, list)) for v in o.values())
    if not isinstance(o, (dict, list)) or len(flat) + ind < (300 if scalar else 110):
        return flat
    pad = " " * (ind + 2)
    if isinstance(o, list):
        return "[\n" + ",\n".join(pad + dumps(v, ind + 2) for v in o) + "\n" + " " * ind + "]"
    return "{\n" + ",\n".join(pad + json.dumps(k, ensure_ascii=False) + ": " + dumps(v, ind + 2)
                              for k, v in o.items()) + "\n" + " " * ind + "}"


class Doc:
    def __init__(self, form, level, seed, scan, font_name):
        self.form, self.level, self.seed = form, level, seed
        self.scan = scan
        self.dpi = scan["dpi"]
        self.font_name = font_name
        self.pages = []
        self.fields = {}
        self.tables = {}
        self.stamps = []        # see add_stamp
        self.validation = []
        self.extra = {}

    def add_stamp(self, zone, page_idx, cx, cy, diameter_mm, owner, color_name, color,
                  opacity, bottom_text=None, present=True):
        self.stamps.append(dict(zone=zone, page=page_idx, cx=cx, cy=cy, d_mm=diameter_mm,
                                owner=owner, color_name=color_name, color=color,
                                opacity=opacity, bottom_text=bottom_text, present=present))

    def missing_stamp(self, zone, owner=None, required=True):
        """An unstamped zone; a required one is an expected validation finding."""
        self.stamps.append(dict(zone=zone, present=False, owner=owner))
        if required:
            self.warn("stamp-required", zone)

    def warn(self, rule, field):
        self.validation.append({"rule": rule, "field": field})


def finish(doc, r, nrng, out_dir, stem):
    """Ink the seals, compute under_seal, degrade, write PDF + truth JSON."""
    under, stamps_out = [], []
    rgbs = []
    for p in doc.pages:
        a = np.asarray(p.img, dtype=np.float32)
        rgb = np.repeat(a[..., None], 3, axis=2)
        if p.red is not None:        # red banner / rules, printed in red ink
            ra = np.asarray(p.red, dtype=np.float32)[..., None] / 255.0 * 0.95
            rgb *= (1 - ra) + ra * (np.array([225, 25, 30], dtype=np.float32) / 255.0)
        rgbs.append(rgb)
    if doc.extra.get("wrong_seal"):
        # Opt-in (generate.py --wrong-seal): the first seal is another unit's. Its own
        # random stream, so that every other byte of the document stays the same.
        wr, _ = rngs(doc.seed, doc.form, doc.level, stem, "wrong-seal")
        for st in doc.stamps:
            other = other_unit(wr, st["owner"]) if st["present"] and st["owner"] else None
            if other:
                st["unit"], st["owner"] = st["owner"], other
                doc.warn("seal-owner", st["zone"])
                break
        else:
            doc.extra["wrong_seal"] = False  # no seal, or none of a known place
    for st in doc.stamps:
        if not st["present"]:
            stamps_out.append({"zone": st["zone"], "present": False, "page": None,
                               "bbox_frac": None, "owner": st["owner"], "color": None})
            continue
        p = doc.pages[st["page"]]
        dpx = p.mm(st["d_mm"])
        mask, sfont = seal_mask(r, st["owner"], dpx, st["bottom_text"])
        apply_seal(rgbs[st["page"]], mask, st["cx"], st["cy"], st["color"], st["opacity"], nrng,
                   hard=doc.level == "hard")
        R = dpx / 2
        for key, bs in p.boxes.items():
            if key not in under and any(rect_hits_disc(b, st["cx"], st["cy"], R) for b in bs):
                under.append(key)
        stamps_out.append({
            "zone": st["zone"], "present": True, "page": st["page"] + 1,
            "bbox_frac": [round((st["cx"] - R) / p.W, 4), round((st["cy"] - R) / p.H, 4),
                          round(2 * R / p.W, 4), round(2 * R / p.H, 4)],
            "owner": st["owner"], "color": st["color_name"],
            "diameter_mm": round(st["d_mm"], 1),
            "bottom_text": st["bottom_text"], "font": sfont})
        if "unit" in st:
            stamps_out[-1]["owner_is_unit"] = False  # the seal of another unit than the form's
        if "role" in st:
            stamps_out[-1]["role"] = st["role"]
    skews, pdf_pages = [], []
    for i, p in enumerate(doc.pages):
        sk = page_skew(r, doc.level)
        skews.append(sk)
        im = degrade(rgbs[i], doc.scan, sk, nrng)
        jpg = jpeg_bytes(im, doc.scan["jpeg_q"])
        pdf_pages.append((jpg, p.W, p.H, p.w_mm / 25.4 * 72, p.h_mm / 25.4 * 72))
    os.makedirs(os.path.join(out_dir, doc.form), exist_ok=True)
    base = os.path.join(out_dir, doc.form, stem)
    write_pdf(base + ".pdf", pdf_pages)
    truth = {
        "form": doc.form, "level": doc.level, "seed": doc.seed, "dpi": doc.dpi,
        "pages": len(doc.pages), "skew_deg": skews, "font": doc.font_name,
        "orientation": ["landscape" if p.w_mm > p.h_mm else "portrait" for p in doc.pages],
        "scan": {k: doc.scan[k] for k in ("blur", "noise", "jpeg_q", "paper", "contrast", "illum")},
        "fields": doc.fields, "tables": doc.tables, "stamps": stamps_out,
        "under_seal": under, "expected_validation": doc.validation,
    }
    truth.update(doc.extra)
    with open(base + ".truth.json", "w", encoding="utf-8") as f:
        f.write(dumps(truth) + "\n")
    return truth
