"""Form E: 5G工厂项目申报书 — the paper form behind the platform's 5G工厂 record (002 seed)."""
import vocab as V
from common import BODY_FONTS, HEI_FONTS, Page, date_print, font, norm_text, printify, rand_date
from doc import Doc
from kvform import KVForm
from seal import bottom_text_for, pick_color

FORM = "5g-factory-project-application"
INDUSTRIES = ["电子设备制造", "装备制造", "钢铁", "采矿", "电力", "石化化工", "建材", "港口", "纺织",
              "家电", "其他"]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
REGIONS = ["420100", "420102", "420106", "420111", "420500", "420600", "350100", "350200",
           "440300", "440600", "430100", "330200", "370200"]
PARTNERS = ["中国移动通信集团湖北有限公司", "中国电信股份有限公司武汉分公司", "中国联合网络通信有限公司福建省分公司",
            "华为技术有限公司", "中兴通讯股份有限公司", "烽火通信科技股份有限公司", "新华三技术有限公司",
            "中国广电湖北网络股份有限公司", "浪潮通信信息系统有限公司", "树根互联股份有限公司"]
SUMMARY = [
    "项目依托{op}5G{mode}，在厂区部署宏站{m}个、微站{u}个，实现生产现场5G网络全覆盖。",
    "通过5G+边缘计算部署机器视觉质检、远程设备操控、设备预测维护等典型应用场景，打通设计、生产、仓储、物流各环节数据。",
    "项目建成后，产品不良率下降{q}%，生产效率提升{e}%，单位产值能耗降低{g}%。",
    "企业同步建设网络安全防护体系，落实工业互联网企业网络安全分类分级管理要求。",
    "项目实现现场装备网络化改造和IT-OT融合，形成可复制推广的行业解决方案。",
]


def uscc(r):
    org = "".join(r.choice("0123456789") for _ in range(8))
    s = sum(int(c) * w for c, w in zip(org, [3, 7, 9, 10, 5, 8, 4, 2]))
    c9 = 11 - s % 11
    org += "X" if c9 == 10 else ("0" if c9 == 11 else str(c9))
    body = "91" + r.choice(REGIONS) + org
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_W))
    return body + USCC_CHARS[(31 - s % 31) % 31]


def dec(x):
    return "%.2f" % x


def build(r, level, scan, feats, seed):
    fname = r.choice(BODY_FONTS)
    doc = Doc(FORM, level, seed, scan, fname)
    year = r.randint(2021, 2025)
    ent, ind = V.enterprise(r)
    viol = r.choice(["name", "bs", "check"]) if feats.get("violation") else None
    pn = V.project_name_5g(r, viol != "name", ind)
    lvl = next((l for l in ("工厂", "车间", "产线") if pn.endswith(l)), r.choice(["产线", "车间", "工厂"]))
    code = uscc(r)
    industry = r.choice(INDUSTRIES)
    sd = rand_date(r, year - r.randint(0, 2))
    start_s, start_iso = date_print(r, *sd, weights=(0.6, 0.3, 0.1, 0.0))
    stage = r.choice(["建设中", "建设完成", "建设完成"])
    city = r.choice(["武汉市", "宜昌市", "襄阳市", "福州市", "厦门市", "佛山市", "长沙市"])
    addr = "%s%s%s路%d号" % (city, r.choice(["东湖新技术开发区", "经济技术开发区", "高新区", "江夏区",
                                             "青山区", "临空港经济技术开发区"]),
                             r.choice(["光谷大道", "高新二", "民族大道", "车城南", "港城", "沿江"]).rstrip("路"),
                             r.randint(1, 999))
    partners = "、".join(r.sample(PARTNERS, r.randint(1, 3)))
    funds = {k: round(r.choice([0, 0, r.uniform(10, 300)]), 2)
             for k in ("fund_national", "fund_provincial", "fund_city", "fund_district")}
    funds["fund_self"] = round(r.uniform(200, 9000), 2)
    mode = r.choice(["虚拟专网", "虚拟专网", "混合专网", "独立专网"])
    op = r.choice(["中国移动", "中国电信", "中国联通", "中国广电"])
    indoor, outdoor = round(r.uniform(3000, 200000), 2), round(r.uniform(0, 100000), 2)
    bs = []
    for kind, cnt, price in (("宏站", r.randint(1, 12), r.choice([15, 18, 20, 22.5, 25])),
                             ("微站", r.randint(5, 300), r.choice([1.5, 2, 2.8, 3, 3.5]))):
        bs.append({"kind": kind, "count": cnt, "unit_price": float(price),
                   "total_price": round(cnt * price, 2)})
    if viol == "bs":
        bs[1]["total_price"] = round(bs[1]["total_price"] + r.choice([10, 1, 100, -1]), 2)
        doc.warn("base-station-total", "base_stations[1].total_price")
    gains = {k: r.choice([r.randint(5, 60), round(r.uniform(3, 45), 1)])
             for k in ("quality_gain", "cost_reduction", "efficiency_gain", "green_gain")}
    contact = V.person_name(r)
    phone = V.mobile(r) if r.random() < 0.75 else V.landline(r)
    mail = V.email(r)
    summary = "".join(t.format(op=op, mode=mode, m=bs[0]["count"], u=bs[1]["count"],
                               q=gains["quality_gain"], e=gains["efficiency_gain"],
                               g=gains["green_gain"]) for t in SUMMARY[:r.randint(2, 5)])
    date_s, date_iso = date_print(r, *rand_date(r, year, (3, 10)))
    if not V.project_name_ok(pn):
        doc.warn("project-name-5g", "project_name")
    doc.fields = {
        "project_name": norm_text(pn), "enterprise_name": norm_text(ent), "uscc": code,
        "industry": industry, "start_date": start_iso, "project_level": lvl, "stage": stage,
        "address": addr, "partners": partners, "summary": summary, **funds,
        "network_mode": mode, "operator": op, "indoor_area_m2": indoor, "outdoor_area_m2": outdoor,
        **gains, "contact_name": contact, "contact_phone": phone, "contact_email": mail.lower(),
        "date": date_iso}
    doc.tables = {"base_stations": bs}
    p_hw = 0.08 if level != "clean" else 0.0
    style = r.choice(["filled", "check", "pen"])

    def checks(label, options, value, key):
        ticked = [options.index(value)]
        if viol == "check" and key == "project_level":
            ticked.append((ticked[0] + 1) % len(options))
            doc.warn("checkbox-single", key)
        return {"t": "checks", "label": label, "options": options, "ticked": ticked, "key": key,
                "style": style}

    # ---- optional cover page
    cover = r.random() < 0.4
    if cover:
        _cover(doc, r, fname, pn, ent, code, date_s, feats, p_hw)
    kv = KVForm(doc, r, fname, "5G工厂项目申报书" if not cover else "5G工厂项目基本信息表",
                att=r.choice([None, "附件1", "附件"]))
    pct = (lambda x: "%s%%" % x) if r.random() < 0.6 else str
    rows = [
        {"t": "section", "text": "一、项目基本情况"},
        {"t": "kv", "cells": [("项目名称", printify(pn, r), "project_name")]},
        {"t": "kv", "cells": [("企业名称", printify(ent, r, p_hw), "enterprise_name")]},
        {"t": "kv", "cells": [("统一社会信用代码", code, "uscc"), ("所属行业", industry, "industry")]},
        {"t": "kv", "cells": [("起始时间", start_s, "start_date"), ("合作单位", partners, "partners")]},
        checks("项目层级", ["产线", "车间", "工厂"], lvl, "project_level"),
        checks("实施阶段", ["建设中", "建设完成"], stage, "stage"),
        {"t": "kv", "cells": [("实施地址", addr, "address")]},
        {"t": "para", "label": "项目简介", "text": summary, "key": "summary", "min_lines": 4},
        {"t": "section", "text": "二、项目经费（万元）"},
        {"t": "kv", "cells": [("国家级经费", dec(funds["fund_national"]), "fund_national"),
                              ("省级经费", dec(funds["fund_provincial"]), "fund_provincial")]},
        {"t": "kv", "cells": [("市级经费", dec(funds["fund_city"]), "fund_city"),
                              ("区级经费", dec(funds["fund_district"]), "fund_district")]},
        {"t": "kv", "cells": [("企业自筹", dec(funds["fund_self"]), "fund_self")]},
        {"t": "section", "text": "三、5G基础设施建设"},
        checks("5G基础设施模式", ["虚拟专网", "混合专网", "独立专网"], mode, "network_mode"),
        checks("5G基础设施运营商", ["中国移动", "中国电信", "中国联通", "中国广电"], op, "operator"),
        {"t": "kv", "cells": [("工厂室内面积（平方米）", dec(indoor), "indoor_area_m2"),
                              ("工厂室外面积（平方米）", dec(outdoor), "outdoor_area_m2")]},
        {"t": "grid", "header": True, "cells": ["类型", "数量（个）", "单价（万元）", "总价（万元）"]},
    ]
    for i, b in enumerate(bs):
        rows.append({"t": "grid", "cells": [b["kind"], str(b["count"]), dec(b["unit_price"]),
                                            dec(b["total_price"])],
                     "keys": ["base_stations[%d].%s" % (i, c)
                              for c in ("kind", "count", "unit_price", "total_price")]})
    rows += [
        {"t": "section", "text": "四、项目实施成效"},
        {"t": "kv", "cells": [("提质（%）", pct(gains["quality_gain"]), "quality_gain"),
                              ("降本（%）", pct(gains["cost_reduction"]), "cost_reduction")]},
        {"t": "kv", "cells": [("增效（%）", pct(gains["efficiency_gain"]), "efficiency_gain"),
                              ("绿色（%）", pct(gains["green_gain"]), "green_gain")]},
        {"t": "section", "text": "五、项目联系人"},
        {"t": "kv", "cells": [("姓名", contact, "contact_name"), ("联系电话", phone, "contact_phone")]},
        {"t": "kv", "cells": [("电子邮箱", mail, "contact_email")]},
        {"t": "sign", "label": "申报单位承诺",
         "text": "本单位承诺所填报内容及附件材料真实、准确、完整，如有不实，愿承担相应责任。",
         "sign_label": r.choice(["申报单位（盖章）：", "申报单位(盖章)："]), "date_s": date_s,
         "date_key": "date", "zone": "applicant_seal", "owner": ent,
         "seal": not feats.get("no_seal"), "d_mm": r.uniform(38, 45)},
    ]
    for row in rows:
        kv.add(row)
    kv.finish()
    return doc


def _cover(doc, r, fname, pn, ent, code, date_s, feats, p_hw):
    pg = Page(doc.dpi, ink=r.randint(10, 35))
    doc.pages.append(pg)
    mm, pt = pg.mm, pg.pt
    ft = font("NotoSerifCJK-Bold" if r.random() < 0.6 else "NotoSansCJK-Bold", pt(26))
    fb = font(r.choice([fname] + HEI_FONTS), pt(16))
    pg.text(pg.W / 2, mm(r.uniform(70, 90)), "5G工厂项目申报书", ft, anchor="ms")
    x0 = mm(r.uniform(35, 45))
    y = mm(r.uniform(150, 170))
    owner_box = None
    for label, val, key in (("项目名称：", printify(pn, r), "project_name"),
                            ("申报单位（盖章）：", printify(ent, r, p_hw), "enterprise_name"),
                            ("统一社会信用代码：", code, "uscc"), ("申报日期：", date_s, "date")):
        b = pg.text(x0, y, label, fb)
        vb = pg.text(b[2] + mm(1), y, val, fb, key=key)
        pg.hline(b[2], pg.W - mm(35), y + mm(2), max(1, pt(0.6)))
        if key == "enterprise_name":
            owner_box = vb
        y += fb.size * 2.6
    if not feats.get("no_seal") and r.random() < 0.6:
        cname, color = pick_color(r, doc.level)
        op = r.uniform(0.8, 0.95) if doc.level != "hard" else r.uniform(0.6, 0.85)
        d = r.uniform(38, 45)
        cx = (owner_box[0] + owner_box[2]) / 2 + mm(r.uniform(-10, 10))
        cy = (owner_box[1] + owner_box[3]) / 2 + mm(r.uniform(-5, 8))
        doc.add_stamp("applicant_seal", len(doc.pages) - 1, cx, cy, d, ent, cname, color, op,
                      bottom_text_for(r))
        doc.stamps[-1]["role"] = "cover"
