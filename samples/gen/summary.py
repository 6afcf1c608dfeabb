"""Layout of the 汇总表 forms (A, B, C): title, unit line, ruled table over pages, seal.

A form module prepares the data and printed cell strings, then calls render().
Seal placement:
  seal="footer"    : bottom right of the last page over the signature unit and date (A, B);
                     with feats["seal_over_table"] the disc also reaches into the last row(s).
  seal="unit_line" : over/beside the 推荐单位（盖章） line on page 1 (C);
                     with feats["seal_over_table"] the disc also reaches into the first row(s).
"""
from common import (HEI_FONTS, TITLE_FONTS, Page, Table, asc, fit_widths, font, paginate, wrap)
from seal import bottom_text_for, pick_color


def render(doc, r, feats, s):
    """s: dict with keys landscape, att_labels, title, unit_label, unit_printed, unit_key,
    headers, fracs, align, printed, row_keys, remark, seal, owner, zone, date_s, signature,
    min_cols ({col: px function of cell font} optional)."""
    level, dpi, fname = doc.level, doc.dpi, doc.font_name
    landscape = s["landscape"]
    probe = Page(dpi, landscape)
    mm, pt = probe.mm, probe.pt
    ml, mr = mm(r.uniform(18, 28)), mm(r.uniform(18, 26))
    top, bottom = mm(r.uniform(20, 30)), mm(r.uniform(16, 24))
    tw = probe.W - ml - mr
    f_title = font(TITLE_FONTS[fname], pt(r.uniform(18, 22)))
    f_body = font(fname, pt(r.choice([14, 15, 16])))
    f_cell = font(fname, pt(r.choice([10.5, 11, 12])))
    f_head = font(r.choice(HEI_FONTS) if r.random() < 0.6 else fname, f_cell.size)
    f_att = font(r.choice(HEI_FONTS), pt(16))
    pad = mm(1.2)
    cols = fit_widths([f * r.uniform(0.9, 1.1) for f in s["fracs"]], tw)
    for ci, need_fn in s.get("min_cols", {}).items():   # widen a column, take from the widest
        need = need_fn(f_cell) + 2 * pad + mm(1)
        if cols[ci] < need:
            wi = max(range(len(cols)), key=lambda k: cols[k] if k != ci else 0)
            cols[wi] -= need - cols[ci]
            cols[ci] = need
    lw, ow = max(1, pt(0.5)), max(2, pt(r.choice([0.75, 1.0, 1.5])))
    tab = Table(probe, ml, cols, f_cell, f_head, lw, ow, pad, s["align"])
    printed = s["printed"]
    min_h = mm(r.uniform(7.5, 10.5))
    heights = [tab.row_height(c, min_h=min_h) for c in printed]
    head_h = max(mm(r.uniform(9, 12.5)), tab.row_height(s["headers"], fnt=f_head))
    repeat_header = r.random() < 0.5
    page_nums = r.random() < 0.35
    over_table = feats.get("seal_over_table", False)
    no_seal = feats.get("no_seal", False)
    seal_d = r.uniform(38, 45)
    R = mm(seal_d) / 2
    lh_body = f_body.size * 1.5
    remark_h = f_cell.size * 1.6 if s.get("remark") else 0
    sig_gap = mm(r.uniform(12, 20))
    att = s.get("att_labels") and r.random() < 0.7
    t_lines = wrap(s["title"], f_title, tw)
    gap_title, gap_line = mm(r.uniform(3, 8)), mm(r.uniform(2, 5))
    head_block = (f_att.size * 1.9 if att else 0) + len(t_lines) * f_title.size * 1.4 + \
        gap_title + lh_body + gap_line
    footer_h = 0
    if s["seal"] == "footer":
        footer_h = mm(3) + remark_h + sig_gap + 2 * lh_body + R * 0.9
    elif s.get("remark"):
        footer_h = mm(3) + remark_h
    avail_first = probe.H - bottom - top - head_block - head_h
    avail_next = probe.H - bottom - top - (head_h if repeat_header else 0)
    pages = paginate(heights, avail_first, avail_next, footer_h)
    if not pages[-1] and len(pages) > 1 and s["seal"] != "footer":
        pages.pop()

    line_mid = first_row_top = ub = None
    table_bottom = top
    for pi, idxs in enumerate(pages):
        pg = Page(dpi, landscape, ink=r.randint(10, 35))
        doc.pages.append(pg)
        tab.p = pg
        y = top
        if pi == 0:
            if att:
                pg.text(ml, y + asc(f_att), r.choice(s["att_labels"]), f_att)
                y += f_att.size * 1.9
            for tl in t_lines:
                pg.text(pg.W / 2, y + asc(f_title), tl, f_title, key="year", anchor="ms")
                y += f_title.size * 1.4
            y += gap_title
            b = pg.text(ml, y + asc(f_body), s["unit_label"], f_body)
            ub = pg.text(b[2] + 1, y + asc(f_body), s["unit_printed"], f_body, key=s["unit_key"])
            line_mid = y + lh_body / 2
            y += lh_body + gap_line
        first = True
        if pi == 0 or (repeat_header and idxs):
            y = tab.draw_row(y, s["headers"], fnt=f_head, min_h=head_h, header=True, first=True)
            first = False
        if pi == 0:
            first_row_top = y
        for i in idxs:
            y = tab.draw_row(y, printed[i], keys=s["row_keys"][i], min_h=min_h, first=first)
            first = False
        if idxs or pi == 0:
            tab.close(y)
            table_bottom = y
        else:
            table_bottom = top - mm(3)
        if page_nums and len(pages) > 1:
            pg.text(pg.W / 2, pg.H - mm(10), "— %d —" % (pi + 1), font(fname, pt(14)), anchor="ms")

    pg = doc.pages[-1]
    y = table_bottom + mm(3)
    if s.get("remark"):
        pg.text(ml, y + asc(f_cell), s["remark"], f_cell)
        y += remark_h
    cname, color = pick_color(r, level)
    op = r.uniform(0.8, 0.95) if level != "hard" else r.uniform(0.6, 0.85)

    if s["seal"] == "footer":
        if over_table and not no_seal:
            # the seal reaches up into the last row(s); the signature sits just under the table
            cy = table_bottom + R - mm(r.uniform(4, 10))
            base = max(cy - lh_body * 0.3, y + mm(2) + asc(f_body))
        else:
            base = y + sig_gap + asc(f_body)
        sig_right = pg.W - mr - mm(r.uniform(6, 22))
        bs = pg.text(sig_right, base, s["signature"], f_body, anchor="rs")
        sig_cx = (bs[0] + bs[2]) / 2
        bd = pg.text(sig_cx, base + lh_body, s["date_s"], f_body, key="date", anchor="ms")
        if no_seal:
            doc.missing_stamp(s["zone"], s["owner"])
            return
        cx = min(sig_cx + mm(r.uniform(-6, 6)), pg.W - mr)
        if not over_table:
            cy = (bs[1] + bd[3]) / 2 + mm(r.uniform(-4, 3))
            cy = max(cy, table_bottom + R + mm(1.5))
        doc.add_stamp(s["zone"], len(doc.pages) - 1, cx, cy, seal_d, s["owner"], cname, color,
                      op, bottom_text_for(r))
        return

    # seal on the unit line of page 1
    if no_seal:
        doc.missing_stamp(s["zone"], s["owner"])
        return
    pg = doc.pages[0]
    if r.random() < 0.65:       # over the unit name
        cx = (ub[0] + ub[2]) / 2 + mm(r.uniform(-10, 10))
    else:                       # beside it, overlapping its end
        cx = ub[2] + R * r.uniform(0.2, 0.8)
    cx = min(cx, pg.W - mr - R * 0.3)
    if over_table:
        cy = first_row_top + mm(r.uniform(4, 12)) - R
    else:
        cy = min(line_mid + mm(r.uniform(-4, 4)), first_row_top - R - mm(1))
    doc.add_stamp(s["zone"], 0, cx, cy, seal_d, s["owner"], cname, color, op, bottom_text_for(r))
