"""Form B: {year}年国家5G工厂名录项目推荐汇总表 (附件2 of the 2024 Fujian notice).

The notice names the table but not its columns; FORMS.md takes them from the platform's list:
序号 | 设区市 | 企业名称 | 项目名称 | 项目层级 | 所属行业 | 联系人 | 联系电话. Seal and date at the
bottom right of the last page.
"""
import vocab as V
from common import BODY_FONTS, date_print, norm_text, printify, rand_date
from doc import Doc
from summary import render

FORM = "5g-factory-recommendation-summary"
HEADERS = ["序号", "设区市", "企业名称", "项目名称", "项目层级", "所属行业", "联系人", "联系电话"]
COLS = ("seq", "city", "enterprise_name", "project_name", "project_level", "industry",
        "contact_name", "contact_phone")
PROVINCE_CITIES = {
    "福建省": ["福州市", "厦门市", "泉州市", "漳州市", "莆田市", "三明市", "南平市", "龙岩市", "宁德市",
            "平潭综合实验区"],
    "湖北省": ["武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市",
            "黄冈市", "咸宁市", "随州市", "恩施州", "仙桃市", "潜江市", "天门市"],
    "广东省": ["广州市", "深圳市", "佛山市", "东莞市", "珠海市", "惠州市", "中山市", "江门市", "肇庆市",
            "汕头市", "湛江市", "茂名市"],
    "湖南省": ["长沙市", "株洲市", "湘潭市", "衡阳市", "岳阳市", "常德市", "郴州市"],
}
AREA = {"福建省": "0591", "湖北省": "027", "广东省": "020", "湖南省": "0731"}
INDUSTRY_OF = {
    "钢铁": "钢铁", "特钢": "钢铁", "矿业": "采矿", "电力": "电力", "化工": "石化化工",
    "石油化工": "石化化工", "磷化工": "石化化工", "水泥": "建材", "建材": "建材", "玻璃": "建材",
    "陶瓷": "建材", "港务": "港口", "纺织": "纺织", "印染": "纺织", "化纤": "纺织",
    "家用电器": "家电", "照明": "家电", "卫浴": "家电", "电子科技": "电子设备制造",
    "光电子": "电子设备制造", "半导体": "电子设备制造", "显示科技": "电子设备制造",
    "通信设备": "电子设备制造", "光纤光缆": "电子设备制造", "传感技术": "电子设备制造",
    "汽车零部件": "装备制造", "机械": "装备制造", "智能装备": "装备制造", "工程机械": "装备制造",
    "船舶重工": "装备制造", "轴承": "装备制造", "模具": "装备制造", "液压": "装备制造",
    "压缩机": "装备制造", "电机": "装备制造", "重型机床": "装备制造", "农业机械": "装备制造",
    "精密制造": "装备制造", "医疗器械": "装备制造", "激光": "装备制造",
}


def level_of(r, name):
    for end, lvl in (("工厂", "工厂"), ("车间", "车间"), ("产线", "产线")):
        if name.endswith(end):
            return lvl
    return r.choice(["产线", "车间", "工厂"])


def print_phone(r, p):
    if "-" not in p:
        return p
    area, num = p.split("-")
    return r.choice([p, p, "（%s）%s" % (area, num), "%s %s" % (area, num), area + num])


def build(r, level, scan, feats, seed):
    fname = r.choice(BODY_FONTS)
    doc = Doc(FORM, level, seed, scan, fname)
    year = r.randint(2022, 2025)
    prov = r.choice(list(PROVINCE_CITIES))
    cities = PROVINCE_CITIES[prov]
    if r.random() < 0.55:
        unit = prov + r.choice(["工业和信息化厅", "经济和信息化厅", "通信管理局"])
        row_cities = cities
    else:
        c = r.choice(cities)
        unit = c + r.choice(["工业和信息化局", "工业和信息化局", "经济和信息化局"])
        row_cities = [c]
    owner = unit
    n = r.randint(12, 20) if feats.get("long") else r.randint(3, 10)
    bad = r.randrange(n) if feats.get("violation") else -1
    rows, seen = [], []
    for i in range(n):
        city = r.choice(row_cities)
        ent, ind = V.enterprise(r, city.rstrip("市") if city.endswith("市") else None)
        while ent in seen:
            ent, ind = V.enterprise(r)
        seen.append(ent)
        pn = V.project_name_5g(r, i != bad, ind)
        phone = V.mobile(r) if r.random() < 0.7 else \
            AREA[prov] + "-" + "".join(r.choice("0123456789") for _ in range(8))
        rows.append({"seq": i + 1, "city": city, "enterprise_name": ent, "project_name": pn,
                     "project_level": level_of(r, pn), "industry": INDUSTRY_OF.get(ind, "其他"),
                     "contact_name": V.person_name(r), "contact_phone": phone})
    if feats.get("gap") and n > 3:
        j = r.randint(1, n - 2)
        for row in rows[j:]:
            row["seq"] += 1
        doc.warn("seq-order", "projects[%d].seq" % j)
    for i, row in enumerate(rows):
        if not V.project_name_ok(row["project_name"]):
            doc.warn("project-name-5g", "projects[%d].project_name" % i)
    date_s, date_iso = date_print(r, *rand_date(r, year, (8, 10)))
    doc.fields = {"year": year, "recommending_unit": norm_text(unit), "date": date_iso}
    doc.tables = {"projects": [dict(row, enterprise_name=norm_text(row["enterprise_name"]),
                                    project_name=norm_text(row["project_name"])) for row in rows]}
    p_hw = 0.08 if level != "clean" else 0.0
    printed = [[str(row["seq"]), row["city"], printify(row["enterprise_name"], r, p_hw),
                printify(row["project_name"], r), row["project_level"], row["industry"],
                row["contact_name"], print_phone(r, row["contact_phone"])] for row in rows]
    center = r.random() < 0.4
    c, l = "c", ("c" if center else "l")
    title = "%d年国家5G工厂名录项目推荐汇总表" % year
    if r.random() < 0.3:
        title = "%d 年国家 5G 工厂名录项目推荐汇总表" % year
    phones = [p[7] for p in printed]
    render(doc, r, feats, {
        "landscape": r.random() < 0.85, "att_labels": ["附件2", "附件 2"], "title": title,
        "unit_label": r.choice(["推荐单位：", "推荐单位（盖章）："]),
        "unit_printed": printify(unit, r, p_hw), "unit_key": "recommending_unit",
        "headers": HEADERS, "fracs": [0.05, 0.09, 0.22, 0.25, 0.07, 0.1, 0.08, 0.14],
        "align": [c, c, l, l, c, c, c, c], "printed": printed,
        "row_keys": [["projects[%d].%s" % (i, col) for col in COLS] for i in range(n)],
        "min_cols": {7: lambda f: max(f.getlength(p) for p in phones),
                     4: lambda f: f.getlength("项目层")},
        "remark": r.choice([None, "注：推荐项目需为已完成项目，请按推荐优先顺序排列。"]),
        "seal": "footer", "owner": owner, "zone": "recommending_unit_seal", "date_s": date_s,
        "signature": unit})
    return doc
