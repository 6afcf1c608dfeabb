"""Shared machinery: fonts, page canvas with text-box tracking, wrapping, tables, dates."""
import hashlib
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFont

NOTO = "/usr/share/fonts/opentype/noto/"
FONTS = {
    # name: (path, face index)
    "NotoSerifCJK-Regular": (NOTO + "NotoSerifCJK-Regular.ttc", 2),
    "NotoSerifCJK-Bold": (NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "NotoSansCJK-Regular": (NOTO + "NotoSansCJK-Regular.ttc", 2),
    "NotoSansCJK-Bold": (NOTO + "NotoSansCJK-Bold.ttc", 2),
    "ARPL-UMing": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "ARPL-UKai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "WQY-ZenHei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "WQY-MicroHei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
}
# Body fonts (Song/serif, Hei/sans, Kai) and heavier title fonts.
BODY_FONTS = ["NotoSerifCJK-Regular", "ARPL-UMing", "NotoSansCJK-Regular", "WQY-MicroHei",
              "ARPL-UKai", "WQY-ZenHei"]
TITLE_FONTS = {"NotoSerifCJK-Regular": "NotoSerifCJK-Bold", "ARPL-UMing": "NotoSerifCJK-Bold",
               "NotoSansCJK-Regular": "NotoSansCJK-Bold", "WQY-MicroHei": "WQY-ZenHei",
               "ARPL-UKai": "NotoSerifCJK-Bold", "WQY-ZenHei": "NotoSansCJK-Bold"}
HEI_FONTS = ["NotoSansCJK-Regular", "WQY-ZenHei", "WQY-MicroHei"]

_font_cache = {}


def font(name, px):
    px = max(6, int(round(px)))
    key = (name, px)
    if key not in _font_cache:
        path, idx = FONTS[name]
        _font_cache[key] = ImageFont.truetype(path, px, index=idx)
    return _font_cache[key]


def doc_seed(*parts):
    h = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(h[:8], "big")


def rngs(*parts):
    s = doc_seed(*parts)
    return random.Random(s), np.random.default_rng(s)


# ---------------------------------------------------------------- text helpers
NO_LINE_START = set("，。、；：？！）》」』”’%．,.;:)")
_FW = {"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"}


def tokens(s):
    """Split into wrap units: runs of ASCII letters/digits/@._- stay together."""
    out, cur = [], ""
    for ch in s:
        if ch.isascii() and (ch.isalnum() or ch in "@._-+/"):
            cur += ch
        else:
            if cur:
                out.append(cur)
                cur = ""
            out.append(ch)
    if cur:
        out.append(cur)
    return out


def wrap(s, fnt, max_w):
    """Greedy line wrapping for Chinese text (no line starts with closing punctuation)."""
    lines, cur = [], ""
    for t in tokens(s):
        if cur and fnt.getlength(cur + t) > max_w and t[0] not in NO_LINE_START:
            lines.append(cur)
            cur = t
        else:
            cur += t
    if cur or not lines:
        lines.append(cur)
    return lines


def norm_text(s):
    """Normalise as FORMS.md says: full-width Chinese punctuation, ASCII letters/digits."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
            ch = chr(o - 0xFEE0)
        out.append(_FW.get(ch, ch))
    return "".join(out).replace(" ", "").replace("\u3000", "")


def printify(s, r, p_halfwidth=0.0, p_fwdigit=0.0):
    """A printed variant of normalised text s (half-width brackets, full-width 5G...)."""
    if p_halfwidth and r.random() < p_halfwidth:
        s = s.replace("（", "(").replace("）", ")")
    if p_fwdigit and r.random() < p_fwdigit:
        s = s.replace("5G", "５Ｇ")
    return s


CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n):
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def date_print(r, y, m, d, weights=(0.72, 0.14, 0.06, 0.08)):
    """Printed date and its normalised value (None for blank 年 月 日)."""
    k = r.choices(["cn", "dot", "hanzi", "blank"], weights=weights)[0]
    iso = "%04d-%02d-%02d" % (y, m, d)
    if k == "cn":
        return "%d年%d月%d日" % (y, m, d), iso
    if k == "dot":
        return "%d.%d.%d" % (y, m, d), iso
    if k == "hanzi":
        return "".join(CN_DIGITS[int(c)] for c in str(y)) + "年" + cn_number(m) + "月" + \
            cn_number(d) + "日", iso
    return "年    月    日", None


def rand_date(r, year, months=(1, 12)):
    m = r.randint(*months)
    d = r.randint(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return year, m, d


# ---------------------------------------------------------------- page canvas
A4 = (210.0, 297.0)


class Page:
    """A white A4 page at a given dpi, drawn in grey levels; remembers text boxes per key."""

    def __init__(self, dpi, landscape=False, ink=20):
        self.dpi = dpi
        self.w_mm, self.h_mm = (A4[1], A4[0]) if landscape else A4
        self.W = int(round(self.w_mm / 25.4 * dpi))
        self.H = int(round(self.h_mm / 25.4 * dpi))
        self.img = Image.new("L", (self.W, self.H), 255)
        self.draw = ImageDraw.Draw(self.img)
        self.ink = ink
        self.boxes = {}      # key -> list of [x0, y0, x1, y1] (one per drawn line), pixels
        self.red = None      # optional red-ink layer (L, 255 = ink): banners, red rules

    def mm(self, v):
        return v / 25.4 * self.dpi

    def pt(self, v):
        return v / 72.0 * self.dpi

    def add_box(self, key, b):
        if key is not None:
            self.boxes.setdefault(key, []).append(list(b))

    def red_draw(self):
        if self.red is None:
            self.red = Image.new("L", (self.W, self.H), 0)
        return ImageDraw.Draw(self.red)

    def text(self, x, y, s, fnt, key=None, anchor="ls", fill=None, red=False):
        """Draw s with its baseline at y (anchor 'ls'/'ms'/'rs'); returns the text bbox."""
        if not s:
            return None
        if red:
            self.red_draw().text((x, y), s, font=fnt, fill=255, anchor=anchor)
        else:
            fill = self.ink if fill is None else fill
            self.draw.text((x, y), s, font=fnt, fill=fill, anchor=anchor)
        b = self.draw.textbbox((x, y), s, font=fnt, anchor=anchor)
        self.add_box(key, b)
        return b

    def hline(self, x0, x1, y, w):
        self.draw.rectangle([x0, y - w / 2, x1, y + w / 2], fill=self.ink)

    def vline(self, x, y0, y1, w):
        self.draw.rectangle([x - w / 2, y0, x + w / 2, y1], fill=self.ink)


def asc(fnt):
    """Distance from line top to baseline for CJK text of this font size."""
    return fnt.size * 0.88


# ---------------------------------------------------------------- tables
class Table:
    """A fully ruled table. cols: list of widths in px. Rows are drawn one at a time."""

    def __init__(self, page, x0, col_w, fnt, head_fnt, line_w, outer_w, pad, align):
        self.p, self.x0, self.col_w = page, x0, col_w
        self.f, self.hf = fnt, head_fnt
        self.lw, self.ow, self.pad = line_w, outer_w, pad
        self.align = align            # per column: 'c' or 'l'
        self.xs = [x0]
        for w in col_w:
            self.xs.append(self.xs[-1] + w)
        self.lh = fnt.size * 1.32

    def cell_lines(self, ci, text, fnt=None):
        fnt = fnt or self.f
        if isinstance(text, list):   # pre-split lines (e.g. phone + email)
            out = []
            for t in text:
                out += wrap(t, fnt, self.col_w[ci] - 2 * self.pad)
            return out
        return wrap(text, fnt, self.col_w[ci] - 2 * self.pad)

    def row_height(self, cells, fnt=None, min_h=0):
        fnt = fnt or self.f
        n = max(len(self.cell_lines(i, c, fnt)) for i, c in enumerate(cells))
        return max(min_h, n * fnt.size * 1.32 + 2 * self.pad)

    def draw_row(self, y, cells, keys=None, fnt=None, min_h=0, header=False, first=False):
        """Draw one row at top y; returns the bottom y. keys: per cell key or list of keys per line."""
        fnt = fnt or self.f
        p = self.p
        h = self.row_height(cells, fnt, min_h)
        lh = fnt.size * 1.32
        for ci, c in enumerate(cells):
            lines = self.cell_lines(ci, c, fnt)
            k = keys[ci] if keys else None
            top = y + (h - len(lines) * lh) / 2
            # for list cells, map each source string to its own key
            line_keys = None
            if isinstance(c, list) and isinstance(k, list):
                line_keys = []
                for t, kk in zip(c, k):
                    line_keys += [kk] * len(wrap(t, fnt, self.col_w[ci] - 2 * self.pad))
            for li, s in enumerate(lines):
                bl = top + li * lh + (lh - fnt.size) / 2 + asc(fnt)
                al = "c" if header else self.align[ci]
                if al == "c":
                    x, an = (self.xs[ci] + self.xs[ci + 1]) / 2, "ms"
                else:
                    x, an = self.xs[ci] + self.pad, "ls"
                kk = line_keys[li] if line_keys else (k if not isinstance(k, list) else None)
                p.text(x, bl, s, fnt, key=kk, anchor=an)
        # rules: top line of the row (outer if first), verticals, bottom line
        p.hline(self.xs[0], self.xs[-1], y, self.ow if first else self.lw)
        for i, x in enumerate(self.xs):
            w = self.ow if i in (0, len(self.xs) - 1) else self.lw
            p.vline(x, y, y + h, w)
        p.hline(self.xs[0], self.xs[-1], y + h, self.lw)
        return y + h

    def close(self, y):
        self.p.hline(self.xs[0], self.xs[-1], y, self.ow)


def paginate(heights, avail_first, avail_next, footer_h=0.0, keep_last=2):
    """Split row heights into pages (lists of row indices); the footer fits after the last row.

    If it does not, the last keep_last rows move to a new page with the footer."""
    pages, cur, used, avail = [], [], 0.0, avail_first
    for i, h in enumerate(heights):
        if used + h > avail and cur:
            pages.append(cur)
            cur, used, avail = [], 0.0, avail_next
        cur.append(i)
        used += h
    if used + footer_h > avail:
        k = min(len(cur) - 1, keep_last)
        if k > 0:
            pages.append(cur[:-k])
            cur = cur[-k:]
        else:
            pages.append(cur)
            cur = []
    pages.append(cur)
    return pages


def fit_widths(fracs, total):
    s = sum(fracs)
    return [f / s * total for f in fracs]


# ---------------------------------------------------------------- geometry
def rect_hits_disc(b, cx, cy, r):
    nx = min(max(cx, b[0]), b[2])
    ny = min(max(cy, b[1]), b[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 <= r * r
