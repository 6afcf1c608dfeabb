"""Form A: {year}年国家5G工厂名录申请情况汇总表 (附件2 of the 2024 Wuhan notice)."""
import vocab as V
from common import BODY_FONTS, date_print, norm_text, printify, rand_date
from doc import Doc
from summary import render

FORM = "5g-factory-application-summary"
HEADERS = ["序号", "企业名称", "项目名称", "建设状态", "录入类型"]
COLS = ("seq", "enterprise_name", "project_name", "construction_status", "entry_type")
REMARK = "备注：建设状态填在建或已建成，录入类型填新上传或更新"


def make_rows(r, n, feats):
    rows, seen = [], []
    city = r.choice(V.CITIES)
    n_bad = 1 if feats.get("violation") else (1 if r.random() < 0.2 else 0)
    bad_rows = r.sample(range(n), min(n, n_bad))
    for i in range(n):
        ent, ind = V.enterprise(r, city if r.random() < 0.6 else None)
        while ent in seen:
            ent, ind = V.enterprise(r)
        seen.append(ent)
        ok = i not in bad_rows
        pn = V.project_name_5g(r, ok, ind)
        rows.append({"seq": i + 1, "enterprise_name": ent, "project_name": pn,
                     "construction_status": r.choice(["在建", "已建成", "已建成"]),
                     "entry_type": r.choice(["新上传", "新上传", "更新"])})
    return rows


def build(r, level, scan, feats, seed):
    fname = r.choice(BODY_FONTS)
    doc = Doc(FORM, level, seed, scan, fname)
    year = r.randint(2022, 2025)
    if r.random() < 0.75:
        unit, owner = V.wuhan_unit(r)
    else:
        unit, owner = V.city_unit(r)
    n = r.randint(17, 25) if feats.get("long") else r.randint(3, 14)
    rows = make_rows(r, n, feats)
    # seq gap (validation warning)
    if feats.get("gap") and n > 3:
        j = r.randint(1, n - 2)
        for row in rows[j:]:
            row["seq"] += 1
        doc.warn("seq-order", "projects[%d].seq" % j)
    for i, row in enumerate(rows):
        if not V.project_name_ok(row["project_name"]):
            doc.warn("project-name-5g", "projects[%d].project_name" % i)
    y_, m_, d_ = rand_date(r, year, (8, 10))
    date_s, date_iso = date_print(r, y_, m_, d_)
    doc.fields = {"year": year, "filing_unit": norm_text(unit), "date": date_iso}
    doc.tables = {"projects": [dict(row, enterprise_name=norm_text(row["enterprise_name"]),
                                    project_name=norm_text(row["project_name"])) for row in rows]}
    p_hw = 0.08 if level != "clean" else 0.0
    p_fw = 0.05 if level != "clean" else 0.0
    printed = [[str(row["seq"]), printify(row["enterprise_name"], r, p_hw),
                printify(row["project_name"], r, 0, p_fw),
                row["construction_status"], row["entry_type"]] for row in rows]
    landscape = r.random() < 0.2
    center = r.random() < 0.35
    title = "%d年国家5G工厂名录申请情况汇总表" % year
    if r.random() < 0.3:
        title = "%d 年国家 5G 工厂名录申请情况汇总表" % year
    render(doc, r, feats, {
        "landscape": landscape, "att_labels": ["附件2", "附件 2"], "title": title,
        "unit_label": "填报单位：", "unit_printed": printify(unit, r, p_hw), "unit_key": "filing_unit",
        "headers": HEADERS,
        "fracs": [0.08, 0.31, 0.35, 0.13, 0.13] if not landscape else [0.07, 0.33, 0.38, 0.11, 0.11],
        "align": ["c", "c" if center else "l", "c" if center else "l", "c", "c"],
        "printed": printed,
        "row_keys": [["projects[%d].%s" % (i, c) for c in COLS] for i in range(n)],
        "remark": REMARK, "seal": "footer", "owner": owner, "zone": "filing_unit_seal",
        "date_s": date_s, "signature": printify(owner if r.random() < 0.6 else unit, r, p_hw)})
    return doc
