"""Form D: “5G+工业互联网”融合应用先导区申报表 (附件 of the 2024 MIIT notice, 001 seed)."""
import vocab as V
from common import BODY_FONTS, date_print, norm_text, rand_date
from doc import Doc
from kvform import KVForm

FORM = "5g-iiot-pilot-zone-application"
CITIES = [("武汉市", "湖北省"), ("宜昌市", "湖北省"), ("襄阳市", "湖北省"), ("长沙市", "湖南省"),
          ("株洲市", "湖南省"), ("合肥市", "安徽省"), ("福州市", "福建省"), ("泉州市", "福建省"),
          ("佛山市", "广东省"), ("东莞市", "广东省"), ("苏州市", "江苏省"), ("无锡市", "江苏省"),
          ("成都市", "四川省"), ("西安市", "陕西省"), ("郑州市", "河南省"), ("烟台市", "山东省")]
PLAN_CITIES = [("大连市", "辽宁省"), ("青岛市", "山东省"), ("宁波市", "浙江省"), ("厦门市", "福建省"),
               ("深圳市", "广东省")]
LABELS = {
    "city_gov": "申报城市人民政府负责人",
    "comm_admin": "省、自治区、直辖市、计划单列市通信管理局负责人",
    "miit_dept": "省、自治区、直辖市、计划单列市、新疆生产建设兵团工业和信息化主管部门负责人",
    "prov_gov": "省级人民政府联系人",
}
TITLES = {"city_gov": ["市长", "副市长", "常务副市长"], "comm_admin": ["局长", "副局长"],
          "miit_dept": ["厅长", "副厅长", "局长", "副局长"], "prov_gov": ["副秘书长", "处长", "二级巡视员"]}

SENT = {
    "overview": [
        "{c}是{p}重要的先进制造业基地，下辖{n}个区（县、市），常住人口{pop}万人，{y0}年地区生产总值{gdp}亿元。",
        "全市规模以上工业企业{k}家，已形成{i1}、{i2}、{i3}等优势产业集群。",
        "截至{y0}年底，全市累计建成5G基站{bs}个，每万人拥有5G基站{per}个，重点工业园区实现5G网络全覆盖。",
        "{c}先后出台《关于加快推进“5G+工业互联网”融合发展的若干措施》等政策文件，设立专项资金支持企业数字化转型。",
        "全市已培育国家级工业互联网试点示范项目{m}个，省级5G全连接工厂{f}家。",
        "本地工业互联网标识解析二级节点累计标识注册量超过{reg}亿条，服务企业{srv}家。",
    ],
    "conditions": [
        "一是专项政策制定及实施情况。{c}已印发“5G+工业互联网”专项行动方案，明确发展目标和重点任务。",
        "二是5G网络覆盖情况。全市5G网络实现城区和重点工业园区连续覆盖，每万人拥有5G基站{per}个。",
        "三是典型应用场景情况。全市已形成机器视觉质检、远程设备操控等典型应用场景{sc}个。",
        "四是5G工厂建设情况。{c}已有{f}个项目入选工业和信息化部5G工厂名录。",
        "五是近三年未发生重大网络安全事件，未出现提供虚假材料等情况。",
    ],
    "plan": [
        "加大政策支持力度，统筹市级专项资金每年不少于{fund}亿元，支持5G工厂和工业互联网平台建设。",
        "夯实基础设施建设，新建5G基站{nbs}个，推进5G行业虚拟专网和边缘计算节点在重点园区部署。",
        "推进融合应用创新，围绕{i1}、{i2}等重点行业，打造5G工厂{nf}个以上。",
        "培育壮大产业生态，引进培育5G模组、工业网关、工业软件等领域企业{ne}家。",
        "强化公共服务能力，建设“5G+工业互联网”公共服务平台，开展诊断咨询、人才培训和供需对接。",
        "建立市领导牵头的推进机制，定期调度重点项目，开展评估考核。",
    ],
    "goals": [
        "到{y2}年，全市建成5G工厂{nf}个，重点行业规上工业企业5G应用普及率达到{pct}%。",
        "工业互联网平台连接工业设备超过{dev}万台（套），服务企业超过{srv}家。",
        "培育具有全国示范效应的典型应用场景{sc}个，形成一批可复制推广的行业解决方案。",
        "分年度目标：第一年完成网络和平台建设，第二年推进规模化应用，第三年形成示范效应。",
    ],
    "opinion": [
        "经审核，{c}申报材料真实完整，符合先导区试点申报条件。",
        "{c}“5G+工业互联网”发展基础较好，工作方案目标明确、措施可行。",
        "同意推荐{c}申报“5G+工业互联网”融合应用先导区试点。",
    ],
}


def para(r, kind, ctx, n):
    s = SENT[kind]
    out = [t.format(**ctx) for t in s[:min(n, len(s))]]
    while len(out) < n:
        out.append(r.choice(s).format(**ctx))
    return "".join(out)


def build(r, level, scan, feats, seed):
    fname = r.choice(BODY_FONTS)
    doc = Doc(FORM, level, seed, scan, fname)
    planned = r.random() < 0.25
    city, prov = r.choice(PLAN_CITIES if planned else CITIES)
    cs = city.rstrip("市")
    y0 = r.randint(2022, 2024)
    ctx = dict(c=city, p=prov, n=r.randint(5, 15), pop=r.randint(300, 1400), y0=y0,
               gdp=r.randint(3000, 22000), k=r.randint(1500, 9000), i1=r.choice(V.INDUSTRIES),
               i2=r.choice(V.INDUSTRIES), i3=r.choice(V.INDUSTRIES), bs=r.randint(8000, 60000),
               per=r.randint(18, 45), m=r.randint(2, 30), f=r.randint(3, 40), reg=r.randint(2, 90),
               srv=r.randint(500, 9000), sc=r.randint(8, 40), fund=r.randint(1, 10),
               nbs=r.randint(2000, 15000), nf=r.randint(10, 100), ne=r.randint(20, 200),
               y2=y0 + 3, pct=r.randint(30, 80), dev=r.randint(50, 900))
    long_field = r.choice(["city_overview", "mandatory_conditions", "goals"]) \
        if feats.get("violation") else None
    limits = {"city_overview": 1500, "mandatory_conditions": 1500, "construction_plan": 2000,
              "goals": 1500}
    texts = {}
    for key, kind, n in (("city_overview", "overview", r.randint(3, 6)),
                         ("mandatory_conditions", "conditions", r.randint(3, 5)),
                         ("construction_plan", "plan", r.randint(3, 6)),
                         ("goals", "goals", r.randint(2, 4))):
        t = para(r, kind, ctx, n)
        if key == long_field:
            while len(t) <= limits[key]:
                t += para(r, kind, ctx, 3)
            doc.warn("max-chars", key)
        texts[key] = t
    comm_owner = (city if cs in ("厦门", "深圳") else prov) + "通信管理局"
    miit_owner = city + "工业和信息化局" if planned else \
        prov + r.choice(["经济和信息化厅", "工业和信息化厅"])
    owners = {"city_gov": city + "人民政府", "comm_admin": comm_owner, "miit_dept": miit_owner,
              "prov_gov": prov + "人民政府"}
    people = {}
    for p in ("city_gov", "comm_admin", "miit_dept", "prov_gov"):
        if p == "prov_gov" and planned:
            people[p] = None
            continue
        people[p] = {"name": V.person_name(r), "title": r.choice(TITLES[p]),
                     "phone": V.landline(r) if r.random() < 0.6 else V.mobile(r),
                     "email": V.email(r)}
    # seals: all present, or (no_seal) all missing / one missing
    zones = ["city_gov", "comm_admin", "miit_dept"] + ([] if planned else ["prov_gov"])
    missing = []
    if feats.get("no_seal"):
        missing = zones if r.random() < 0.5 else [r.choice(zones)]
    dates, printed_dates = {}, {}
    for p in ("city_gov", "comm_admin", "miit_dept", "prov_gov"):
        if p == "prov_gov" and planned:
            dates[p], printed_dates[p] = None, "年    月    日"
            continue
        printed_dates[p], dates[p] = date_print(r, *rand_date(r, y0 + 1, (8, 9)))
    opinions = {p: para(r, "opinion", ctx, r.randint(1, 3)) for p in ("comm_admin", "miit_dept")}
    opinions["prov_gov"] = None if planned else para(r, "opinion", ctx, r.randint(1, 3))

    f = {"city": city}
    for p in ("city_gov", "comm_admin", "miit_dept", "prov_gov"):
        for k in ("name", "title", "phone", "email"):
            v = people[p][k] if people[p] else None
            f["%s_%s" % (p, k)] = v.lower() if (v and k == "email") else v
    f.update(texts)
    f["pledge_date"] = dates["city_gov"]
    for p in ("comm_admin", "miit_dept", "prov_gov"):
        f[p + "_opinion"] = opinions[p]
        f[p + "_date"] = dates[p]
    doc.fields = {k: (norm_text(v) if isinstance(v, str) and "@" not in v and "-" not in v else v)
                  for k, v in f.items()}

    kv = KVForm(doc, r, fname, "“5G+工业互联网”融合应用先导区申报表", att=r.choice(["附件", None]),
                label_frac=0.22)
    kv.add({"t": "kv", "cells": [("申报城市", city, "city")]})
    for p in ("city_gov", "comm_admin", "miit_dept", "prov_gov"):
        pp = people[p] or {"name": "", "title": "", "phone": "", "email": ""}
        kv.add({"t": "kv", "cells": [(LABELS[p], pp["name"], p + "_name"),
                                     ("职务", pp["title"], p + "_title")]})
        kv.add({"t": "kv", "cells": [("联系电话", pp["phone"], p + "_phone"),
                                     ("邮箱", pp["email"], p + "_email")]})
    for key, label in (("city_overview", "申报城市基本情况"),
                       ("mandatory_conditions", "申报先导区不可偏离条件说明"),
                       ("construction_plan", "先导区试点建设内容"),
                       ("goals", "先导区试点目标及预期效果")):
        kv.add({"t": "para", "label": label, "text": texts[key], "key": key, "min_lines": 6})
    signs = [
        ("city_gov", "申报书真实性承诺",
         "我市申报的所有材料均真实完整，符合国家有关法律法规及相关产业政策要求，如有不实，愿承担相应责任。",
         "申报城市人民政府（盖章）：", None, "pledge_date"),
        ("comm_admin", "省、自治区、直辖市、计划单列市通信管理局推荐意见", opinions["comm_admin"],
         "省、自治区、直辖市、计划单列市通信管理局（盖章）：", "comm_admin_opinion", "comm_admin_date"),
        ("miit_dept", "省、自治区、直辖市、计划单列市、新疆生产建设兵团工业和信息化主管部门推荐意见",
         opinions["miit_dept"], "省、自治区、直辖市、计划单列市、新疆生产建设兵团工业和信息化主管部门（盖章）：",
         "miit_dept_opinion", "miit_dept_date"),
        ("prov_gov", "省级人民政府推荐意见", opinions["prov_gov"] or "", "省级人民政府（盖章）：",
         "prov_gov_opinion", "prov_gov_date"),
    ]
    for p, label, text, sign_label, tkey, dkey in signs:
        present = p in zones and p not in missing
        kv.add({"t": "sign", "label": label, "text": text, "text_key": tkey,
                "sign_label": sign_label, "date_s": printed_dates[p], "date_key": dkey,
                "zone": p + "_seal", "owner": owners[p], "seal": present,
                "required": p in zones, "d_mm": r.uniform(38, 45)})
    kv.finish()
    if kv.y + kv.mm(12) > kv.bot + kv.mm(8):
        kv.new_page()
        kv.y -= kv.mm(5)
    kv.pg.text(kv.ml, kv.y + kv.mm(7), "注：计划单列市无需填写省级人民政府联系人及推荐意见", kv.f)
    doc.extra["planned_city"] = planned
    return doc
