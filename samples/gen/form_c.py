"""Form C: {year}年工业互联网试点示范推荐项目汇总表 (附件 3 of the 2023 MIIT notice), A4 landscape."""
import vocab as V
from common import BODY_FONTS, norm_text, printify
from doc import Doc
from summary import render

FORM = "iiot-pilot-recommendation-summary"
HEADERS = ["序号", "项目名称", "项目类别和方向", "申报单位名称", "联系人", "联系方式（手机与邮箱）"]
COLS = ("seq", "project_name", "category_direction", "applicant_name", "contact_name")


def recommending_unit(r):
    k = r.random()
    if k < 0.35:
        return V.wuhan_unit(r)
    if k < 0.7:
        return V.city_unit(r)
    if k < 0.9:
        return V.province_unit(r)
    return V.enterprise_name(r), None           # a central enterprise recommending directly


def make_rows(r, n, feats, doc):
    rows, applicants = [], []
    for i in range(n):
        app = V.enterprise_name(r)
        # an applicant may appear twice (allowed); three times is a violation
        if applicants and r.random() < 0.12 and sum(a == applicants[-1] for a in applicants) < 2:
            app = applicants[-1]
        applicants.append(app)
        cat, direction, cd = V.c_category_direction(r)
        rows.append({"seq": i + 1, "project_name": V.c_project_name(r), "category_direction": cd,
                     "applicant_name": app, "contact_name": V.person_name(r),
                     "contact_mobile": V.mobile(r), "contact_email": V.email(r)})
    if feats.get("violation") and n >= 4:
        a = rows[r.randrange(n)]["applicant_name"]
        others = [i for i in range(n) if rows[i]["applicant_name"] != a]
        for i in r.sample(others, min(len(others), 2)):
            rows[i]["applicant_name"] = a
    count = {}
    for i, row in enumerate(rows):
        c = count.get(row["applicant_name"], 0) + 1
        count[row["applicant_name"]] = c
        if c > 2:
            doc.warn("applicant-max-2-rows", "projects[%d].applicant_name" % i)
    return rows


def print_mobile(r, m):
    k = r.random()
    if k < 0.8:
        return m
    if k < 0.9:
        return m[:3] + " " + m[3:7] + " " + m[7:]
    return m[:3] + "-" + m[3:7] + "-" + m[7:]


def print_email(r, e):
    if r.random() < 0.08:
        return e[0].upper() + e[1:]
    return e


def build(r, level, scan, feats, seed):
    fname = r.choice(BODY_FONTS)
    doc = Doc(FORM, level, seed, scan, fname)
    year = r.randint(2022, 2025)
    unit, owner = recommending_unit(r)
    if owner is None:
        owner = unit
    n = r.randint(10, 16) if feats.get("long") else r.randint(3, 9)
    rows = make_rows(r, n, feats, doc)
    if feats.get("gap") and n > 3:
        j = r.randint(1, n - 2)
        for row in rows[j:]:
            row["seq"] += 1
        doc.warn("seq-order", "projects[%d].seq" % j)
    doc.fields = {"year": year, "recommending_unit": norm_text(unit)}
    doc.tables = {"projects": [dict(row, project_name=norm_text(row["project_name"]),
                                    applicant_name=norm_text(row["applicant_name"]),
                                    category_direction=norm_text(row["category_direction"]),
                                    contact_email=row["contact_email"].lower())
                               for row in rows]}
    p_hw = 0.08 if level != "clean" else 0.0
    printed = []
    for row in rows:
        printed.append([str(row["seq"]), printify(row["project_name"], r, p_hw),
                        printify(row["category_direction"], r, p_hw),
                        printify(row["applicant_name"], r, p_hw), row["contact_name"],
                        [print_mobile(r, row["contact_mobile"]),
                         print_email(r, row["contact_email"])]])
    center = r.random() < 0.5
    c, l = "c", ("c" if center else "l")
    title = "%d年工业互联网试点示范推荐项目汇总表" % year
    if r.random() < 0.3:
        title = "%d 年工业互联网试点示范推荐项目汇总表" % year
    row_keys = []
    for i in range(n):
        k = ["projects[%d].%s" % (i, col) for col in COLS]
        k.append(["projects[%d].contact_mobile" % i, "projects[%d].contact_email" % i])
        row_keys.append(k)
    emails = [p[5][1] for p in printed]
    render(doc, r, feats, {
        "landscape": True, "att_labels": ["附件 3", "附件3", "附件 2", "附件"], "title": title,
        "unit_label": r.choice(["推荐单位（盖章）：", "推荐单位（盖章）：", "推荐单位(盖章)："]),
        "unit_printed": printify(unit, r, p_hw), "unit_key": "recommending_unit",
        "headers": HEADERS, "fracs": [0.055, 0.26, 0.18, 0.22, 0.075, 0.21],
        "align": [c, l, l, l, c, l], "printed": printed, "row_keys": row_keys,
        "min_cols": {5: lambda f: max(max(f.getlength(e) for e in emails),
                                      f.getlength("联系方式（手机与"))},
        "remark": None, "seal": "unit_line", "owner": owner, "zone": "recommending_unit_seal"})
    return doc
