"""Running text over pages (letters, paragraphs): wraps, indents, breaks pages."""
from common import Page, asc, wrap


class Flow:
    def __init__(self, doc, r, landscape=False, margins=(28, 26, 37, 35), page_numbers=True,
                 num_font=None):
        self.doc, self.r = doc, r
        self.landscape = landscape
        self.page_numbers = page_numbers
        self.num_font = num_font
        self.ml_mm, self.mr_mm, self.top_mm, self.bottom_mm = margins
        self.ink = r.randint(10, 35)
        self.new_page()

    def new_page(self):
        pg = Page(self.doc.dpi, self.landscape, ink=self.ink)
        self.doc.pages.append(pg)
        self.pg = pg
        self.ml, self.mr = pg.mm(self.ml_mm), pg.W - pg.mm(self.mr_mm)
        self.y = pg.mm(self.top_mm)
        self.ybot = pg.H - pg.mm(self.bottom_mm)
        if self.page_numbers and self.num_font is not None:
            n = len(self.doc.pages)
            x = self.mr - pg.mm(7) if n % 2 else self.ml + pg.mm(7)
            pg.text(x, pg.H - pg.mm(22), "— %d —" % n, self.num_font,
                    anchor="rs" if n % 2 else "ls")
        return pg

    def space(self, h):
        self.y += h

    def ensure(self, h):
        if self.y + h > self.ybot:
            self.new_page()

    def par(self, text, fnt, key=None, indent=2, lh=1.75, align="l", first_indent_px=None,
            hang_px=0, red=False):
        """A paragraph: first line indented by `indent` characters; returns printed lines."""
        width = self.mr - self.ml
        ind = fnt.size * indent if first_indent_px is None else first_indent_px
        lines, rest = [], text
        first = wrap(rest, fnt, width - ind)[0]
        lines.append(first)
        rest = rest[len(first):]
        if rest:
            lines += wrap(rest, fnt, width - hang_px)
        for i, s in enumerate(lines):
            self.ensure(fnt.size * lh)
            base = self.y + asc(fnt) + (fnt.size * (lh - 1)) / 2
            if align == "c":
                self.pg.text((self.ml + self.mr) / 2, base, s, fnt, key=key, anchor="ms", red=red)
            elif align == "r":
                self.pg.text(self.mr, base, s, fnt, key=key, anchor="rs", red=red)
            else:
                x = self.ml + (ind if i == 0 else hang_px)
                self.pg.text(x, base, s, fnt, key=key, red=red)
            self.y += fnt.size * lh
        return lines
