"""Ruled key-value application forms (申报表/申报书: D, E) spanning several pages.

Row kinds (dicts with "t"):
  section : {"text"}                                   full-width bold heading row
  kv      : {"cells": [(label, printed, key), ...]}    1 pair (value spans) or 2 pairs
  checks  : {"label", "options", "ticked", "key", "style"}  checkbox row (value = ticked option)
  para    : {"label", "text", "key", "min_lines"}      label cell + long text; splits over pages
  grid    : {"cells", "keys", "header"}                equal columns across the width
  sign    : {"label", "text", "text_key", "sign_label", "date_s", "date_key", "zone", "owner",
             "seal"}                                   opinion/pledge block with （盖章） and date
"""
from common import HEI_FONTS, Page, asc, font, wrap
from seal import bottom_text_for, pick_color

PEN = 60   # grey level of a pen tick


class KVForm:
    def __init__(self, doc, r, fname, title, att=None, label_frac=0.2):
        self.doc, self.r = doc, r
        self.ink = r.randint(10, 35)
        probe = Page(doc.dpi)
        mm, pt = probe.mm, probe.pt
        self.mm, self.pt = mm, pt
        self.ml, self.mr = mm(r.uniform(22, 28)), probe.W - mm(r.uniform(20, 26))
        self.top, self.bot = mm(r.uniform(22, 30)), probe.H - mm(r.uniform(20, 26))
        self.f = font(fname, pt(r.choice([11, 12, 12])))
        self.fl = font(r.choice(HEI_FONTS) if r.random() < 0.5 else fname, self.f.size)
        self.fs = font(r.choice(HEI_FONTS), pt(13))
        self.ft = font("NotoSerifCJK-Bold" if r.random() < 0.7 else "NotoSansCJK-Bold", pt(20))
        self.fa = font(r.choice(HEI_FONTS), pt(16))
        self.lw, self.ow = max(1, pt(0.5)), max(2, pt(r.choice([0.75, 1.0, 1.5])))
        self.pad = mm(1.5)
        self.lh = self.f.size * 1.45
        W = self.mr - self.ml
        lf = label_frac * r.uniform(0.9, 1.1)
        self.xs = [self.ml, self.ml + W * lf, self.ml + W * 0.5, self.ml + W * (0.5 + lf), self.mr]
        self.title, self.att = title, att
        self.stamps = []
        self.new_page(first=True)

    # ------------------------------------------------------------------ page handling
    def new_page(self, first=False):
        if not first:
            self.hline(self.y, self.ow)
        self.pg = Page(self.doc.dpi, ink=self.ink)
        self.doc.pages.append(self.pg)
        self.y = self.top
        if first:
            if self.att:
                self.pg.text(self.ml, self.y + asc(self.fa), self.att, self.fa)
                self.y += self.fa.size * 2
            for tl in wrap(self.title, self.ft, self.mr - self.ml):
                self.pg.text((self.ml + self.mr) / 2, self.y + asc(self.ft), tl, self.ft, anchor="ms")
                self.y += self.ft.size * 1.5
            self.y += self.mm(4)
        self.hline(self.y, self.ow)

    def hline(self, y, w=None):
        self.pg.hline(self.ml, self.mr, y, w or self.lw)

    def frame(self, y0, y1, xs):
        for x in xs:
            w = self.ow if x in (self.ml, self.mr) else self.lw
            self.pg.vline(x, y0, y1, w)
        self.hline(y1)

    def lines_in(self, text, x0, x1, fnt=None):
        return wrap(text, fnt or self.f, x1 - x0 - 2 * self.pad)

    def put_lines(self, lines, x0, x1, ytop, key=None, fnt=None, align="l"):
        fnt = fnt or self.f
        for i, s in enumerate(lines):
            base = ytop + self.pad + i * self.lh + (self.lh - fnt.size) / 2 + asc(fnt)
            if align == "c":
                self.pg.text((x0 + x1) / 2, base, s, fnt, key=key, anchor="ms")
            else:
                self.pg.text(x0 + self.pad, base, s, fnt, key=key)

    def fit(self, h):
        if self.y + h > self.bot:
            self.new_page()

    # ------------------------------------------------------------------ rows
    def add(self, row):
        getattr(self, "row_" + row["t"])(row)

    def finish(self):
        self.hline(self.y, self.ow)

    def row_section(self, row):
        h = self.fs.size * 1.9
        self.fit(h)
        self.pg.text(self.ml + self.pad, self.y + (h - self.fs.size) / 2 + asc(self.fs),
                     row["text"], self.fs)
        self.frame(self.y, self.y + h, [self.ml, self.mr])
        self.y += h

    def cell_h(self, n):
        return max(self.mm(9), n * self.lh + 2 * self.pad)

    def row_kv(self, row):
        cells = row["cells"]
        spans = [(0, 1, 4)] if len(cells) == 1 else [(0, 1, 2), (2, 3, 4)]
        laid = []
        for (label, val, key), (a, b, c) in zip(cells, spans):
            ll = self.lines_in(label, self.xs[a], self.xs[b], self.fl)
            vl = self.lines_in(val, self.xs[b], self.xs[c]) if val else []
            laid.append((ll, vl, key, a, b, c))
        h = self.cell_h(max(max(len(ll), len(vl)) for ll, vl, *_ in laid))
        self.fit(h)
        xs = [self.ml, self.mr]
        for ll, vl, key, a, b, c in laid:
            self.put_lines(ll, self.xs[a], self.xs[b], self.y + (h - self.cell_h(len(ll))) / 2,
                           fnt=self.fl, align="c")
            self.put_lines(vl, self.xs[b], self.xs[c], self.y + (h - self.cell_h(len(vl))) / 2,
                           key=key)
            xs += [self.xs[a], self.xs[b]]
        self.frame(self.y, self.y + h, sorted(set(xs)))
        self.y += h

    def row_checks(self, row):
        """□产线 □车间 □工厂 with the ticked ones printed ■, as ☑ (drawn) or ticked by pen."""
        h = self.cell_h(1)
        self.fit(h)
        ll = self.lines_in(row["label"], self.xs[0], self.xs[1], self.fl)
        self.put_lines(ll, self.xs[0], self.xs[1], self.y + (h - self.cell_h(len(ll))) / 2,
                       fnt=self.fl, align="c")
        x = self.xs[1] + self.pad
        base = self.y + (h - self.f.size) / 2 + asc(self.f)
        s = self.f.size
        d = self.pg.draw
        for i, opt in enumerate(row["options"]):
            on = i in row["ticked"]
            bx0, by0 = x + s * 0.08, base - s * 0.8
            bx1, by1 = bx0 + s * 0.78, by0 + s * 0.78
            if on and row["style"] == "filled":
                d.rectangle([bx0, by0, bx1, by1], fill=self.ink)
            else:
                d.rectangle([bx0, by0, bx1, by1], outline=self.ink, width=max(1, int(s * 0.07)))
            if on and row["style"] == "check":
                d.line([(bx0 + s * 0.12, by0 + s * 0.4), (bx0 + s * 0.33, by1 - s * 0.1),
                        (bx1 - s * 0.08, by0 + s * 0.1)], fill=self.ink, width=max(1, int(s * 0.1)))
            if on and row["style"] == "pen":
                j = self.r.uniform
                d.line([(bx0 - s * 0.1 + j(-2, 2), by0 + s * 0.35), (bx0 + s * 0.3, by1 + s * 0.15),
                        (bx1 + s * 0.35 + j(-3, 3), by0 - s * 0.45)], fill=PEN,
                       width=max(2, int(s * 0.12)))
            b = self.pg.text(x + s * 1.05, base, opt, self.f)
            if on:
                self.pg.add_box(row["key"], [bx0, by0, b[2], b[3]])
            x = b[2] + s * 1.2
        self.frame(self.y, self.y + h, [self.ml, self.xs[1], self.mr])
        self.y += h

    def row_para(self, row):
        lines = self.lines_in(row["text"], self.xs[1], self.mr) if row["text"] else []
        lines += [""] * max(0, row.get("min_lines", 3) - len(lines))
        label = self.lines_in(row["label"], self.xs[0], self.xs[1], self.fl)
        first = True
        while lines:
            room = int((self.bot - self.y - 2 * self.pad) // self.lh)
            if room < 3 or (first and room < len(label)):
                self.new_page()
                continue
            part, lines = lines[:room], lines[room:]
            h = self.cell_h(len(part))
            if first:
                self.put_lines(label, self.xs[0], self.xs[1],
                               self.y + (h - self.cell_h(len(label))) / 2, fnt=self.fl, align="c")
            self.put_lines([s for s in part], self.xs[1], self.mr, self.y, key=row["key"])
            self.frame(self.y, self.y + h, [self.ml, self.xs[1], self.mr])
            self.y += h
            first = False

    def row_grid(self, row):
        n = len(row["cells"])
        xs = [self.ml + (self.mr - self.ml) * i / n for i in range(n + 1)]
        fnt = self.fl if row.get("header") else self.f
        laid = [self.lines_in(c, xs[i], xs[i + 1], fnt) for i, c in enumerate(row["cells"])]
        h = self.cell_h(max(len(x) for x in laid))
        self.fit(h)
        keys = row.get("keys") or [None] * n
        for i, ll in enumerate(laid):
            self.put_lines(ll, xs[i], xs[i + 1], self.y + (h - self.cell_h(len(ll))) / 2,
                           key=keys[i], fnt=fnt, align="c")
        self.frame(self.y, self.y + h, xs)
        self.y += h

    def row_sign(self, row):
        """Label | text ... then 'XX（盖章）：' and the date at the right; the seal over both."""
        body = self.lines_in(row["text"], self.xs[1], self.mr) if row.get("text") else []
        sl = self.lines_in(row["sign_label"], self.xs[1], self.mr)
        gap = self.mm(self.r.uniform(8, 16))
        h = self.pad * 2 + len(body) * self.lh + gap + len(sl) * self.lh + self.lh * 1.5 + \
            self.mm(4)
        h = max(h, self.mm(45))
        self.fit(h)
        label = self.lines_in(row["label"], self.xs[0], self.xs[1], self.fl)
        self.put_lines(label, self.xs[0], self.xs[1], self.y + (h - self.cell_h(len(label))) / 2,
                       fnt=self.fl, align="c")
        self.put_lines(body, self.xs[1], self.mr, self.y, key=row.get("text_key"))
        ys = self.y + self.pad + len(body) * self.lh + gap
        self.put_lines(sl, self.xs[1], self.mr, ys)
        base = ys + self.pad + len(sl) * self.lh + self.lh * 0.6 + asc(self.f)
        bd = self.pg.text(self.mr - self.mm(self.r.uniform(8, 20)), base, row["date_s"], self.f,
                          key=row["date_key"], anchor="rs")
        self.frame(self.y, self.y + h, [self.ml, self.xs[1], self.mr])
        self.y += h
        if row.get("seal"):
            R = self.mm(row["d_mm"]) / 2
            cx = min((bd[0] + bd[2]) / 2 + self.mm(self.r.uniform(-12, 4)), self.mr - R * 0.5)
            cy = (ys + bd[3]) / 2 + self.mm(self.r.uniform(-4, 4))
            cname, color = pick_color(self.r, self.doc.level)
            lv = self.doc.level
            op = self.r.uniform(0.8, 0.95) if lv != "hard" else self.r.uniform(0.6, 0.85)
            self.doc.add_stamp(row["zone"], len(self.doc.pages) - 1, cx, cy, row["d_mm"],
                               row["owner"], cname, color, op, bottom_text_for(self.r))
        elif row.get("zone"):
            self.doc.missing_stamp(row["zone"], row.get("owner"), row.get("required", True))
