"""Form F: official letter (公文, GB/T 9704-2012): red banner, 发文字号, title, addressee, body,
attachments, signature + date with the issuer's seal over them."""
import vocab as V
from common import BODY_FONTS, HEI_FONTS, asc, date_print, font, norm_text, rand_date
from doc import Doc
from flow import Flow
from seal import bottom_text_for, pick_color

FORM = "official-letter"

ISSUERS = [  # (issuer, doc number prefix, addressees)
    ("湖北省经济和信息化厅办公室", "鄂经信办函", ["各市、州、直管市、林区经信局", "各市、州、直管市、神农架林区经信局"]),
    ("武汉市经济和信息化局", "武经信", ["各区（开发区）经信主管部门", "各区（开发区）经信部门"]),
    ("福建省工业和信息化厅", "闽工信函信息", ["各设区市工信局、平潭综合实验区经发局"]),
    ("广东省工业和信息化厅", "粤工信工业互联网函", ["各地级以上市工业和信息化主管部门"]),
    ("工业和信息化部办公厅", "工信厅信管函", ["各省、自治区、直辖市及计划单列市工业和信息化主管部门"]),
    ("工业和信息化部信息通信管理局", "工信管函", ["各省、自治区、直辖市通信管理局，各有关单位"]),
]
UP_ADDRESSEES = ["武汉市经济和信息化局", "湖北省经济和信息化厅", "工业和信息化部信息通信管理局",
                 "省经济和信息化厅", "市经信局"]

TOPICS = [  # (title template, attachments); {y} = year, {s} = short issuer
    ("{s}关于组织开展{y}年国家5G工厂名录项目遴选工作的通知", ["{y}年国家5G工厂名录申请情况汇总表"]),
    ("关于组织开展{y}年工业互联网试点示范项目申报工作的通知",
     ["{y}年工业互联网试点示范内容", "{y}年工业互联网试点示范项目申报书", "{y}年工业互联网试点示范推荐项目汇总表"]),
    ("关于做好5G工厂名录项目申报工作的通知", ["5G+工业互联网发展管理平台使用说明"]),
    ("关于组织开展{y}年“5G+工业互联网”融合应用先导区试点工作的通知", ["“5G+工业互联网”融合应用先导区试点申报表"]),
    ("关于转发《{y}年国家5G工厂名录项目遴选工作的通知》的通知", []),
]
UP_TOPICS = [
    ("关于推荐{y}年国家5G工厂名录项目的报告", ["{y}年国家5G工厂名录项目推荐汇总表"]),
    ("关于报送{y}年工业互联网试点示范推荐项目的函", ["{y}年工业互联网试点示范推荐项目汇总表"]),
    ("关于报送5G工厂名录申请情况的函", ["{y}年国家5G工厂名录申请情况汇总表"]),
]

OPENINGS = [
    "为深入推进“5G+工业互联网”创新发展，持续实施5G工厂“百千万”行动，加快高水平5G工厂建设，推动数字经济和实体经济深度融合，现将有关事项通知如下：",
    "为深入实施工业互联网创新发展战略，促进工业互联网融合应用，按照《工业互联网创新发展行动计划（2021-2023年）》要求，现组织开展{y}年工业互联网试点示范项目申报工作。有关事项通知如下：",
    "根据《关于组织开展{y}年5G工厂名录项目遴选工作的通知》要求，我{k}认真组织辖区企业开展申报，经审核，现将推荐情况报告如下：",
]
SECTIONS = [
    ("一、申报主体", "项目申报主体为制造业、采矿业、电力、港口等重点领域企业，在中华人民共和国境内注册，具备独立法人资格。"),
    ("二、基本要求", "项目建设标准参照《5G全连接工厂建设指南》（工信厅信管〔2022〕23号）。推荐项目需为已完成项目。"),
    ("三、组织遴选", "请各地组织符合条件的企业通过国家“5G+工业互联网发展管理平台”填报项目，于{y}年{m}月{d}日前上传相关材料，并将盖章版汇总表纸质版和电子版报送我{k}。"),
    ("四、工作要求", "请各单位高度重视，认真审核单位资质、材料完整性和项目真实性，按时报送。已列入前期试点示范且仍在示范期的项目不可重复申报。"),
    ("五、结果运用", "凡入围国家5G工厂名录的企业在后续申报省级5G工厂工作中予以优先评定。"),
]
REPORT_PARS = [
    "本次共有{n}家企业通过平台完成申报，其中已建成项目{b}个，在建项目{c}个。经初审，推荐{n2}个项目参加国家5G工厂名录遴选。",
    "推荐项目覆盖装备制造、电子设备制造、钢铁、石化化工等重点行业，5G网络建设、边缘计算部署和融合应用水平较高，具有较好的示范带动作用。",
    "我{k}将持续跟踪项目建设进展，指导企业做好材料更新和现场核验准备工作。",
]


def short_name(issuer):
    if "厅" in issuer:
        return "省经信厅办公室" if "办公室" in issuer else "省经信厅"
    return "市经信局" if issuer.startswith("武汉") else ""


def build(r, level, scan, feats, seed):
    fname = r.choice(BODY_FONTS)
    doc = Doc(FORM, level, seed, scan, fname)
    year = r.randint(2022, 2025)
    upward = r.random() < 0.35       # a district/city reporting up (报告/函)
    if upward:
        unit, _ = V.wuhan_unit(r) if r.random() < 0.6 else V.city_unit(r)
        issuer = unit if unit.startswith("武汉") or "市" in unit[:4] else "武汉市" + unit
        place = issuer.split("市", 1)[1] if "市" in issuer[:4] else issuer
        prefix = (place[:2] if place[:2] not in ("经济", "经信") else issuer[:2]) + "经信"
        addressee = r.choice(UP_ADDRESSEES)
        title_t, atts = r.choice(UP_TOPICS)
    else:
        issuer, prefix, adds = r.choice(ISSUERS)
        addressee = r.choice(adds)
        ti = r.randrange(len(TOPICS))
        title_t, atts = TOPICS[ti]
    k = "局" if issuer.endswith("局") else ("厅" if "厅" in issuer else "部")
    title = title_t.format(y=year, s=short_name(issuer))
    has_year = "{y}" in title_t
    has_number = r.random() < 0.88
    num = r.randint(1, 420)
    doc_number = "%s〔%d〕%d号" % (prefix, year, num) if has_number else None
    atts = [a.format(y=year) for a in atts] if r.random() < 0.8 else []
    signer = issuer
    y_, m_, d_ = rand_date(r, year, (3, 11))
    date_s, date_iso = date_print(r, y_, m_, d_, weights=(0.78, 0.0, 0.22, 0.0))
    # body paragraphs
    pars = []
    if upward:
        pars.append(OPENINGS[2].format(y=year, k=k))
        n = r.randint(4, 30)
        b = r.randint(1, n)
        for t in REPORT_PARS:
            pars.append(t.format(n=n, b=b, c=n - b, n2=r.randint(1, b), k=k))
    else:
        pars.append(OPENINGS[1 if ti == 1 else 0].format(y=year))
        for h, t in SECTIONS[:r.randint(3, 5)]:
            pars.append(h)
            pars.append(t.format(y=year, m=r.randint(4, 10), d=r.randint(1, 28), k=k))
    if r.random() < 0.6:
        pars.append("联系人：%s %s" % (V.person_name(r), V.mobile(r)))

    doc.fields = {"year": year if has_year else None, "issuer": norm_text(issuer),
                  "doc_number": doc_number, "title": norm_text(title),
                  "addressee": norm_text(addressee), "body": "\n".join(norm_text(p) for p in pars),
                  "attachments": [norm_text(a) for a in atts], "signer": norm_text(signer),
                  "date": date_iso}

    # ---- layout
    f_body = font(fname, 16 / 72 * doc.dpi)
    f_head = font(r.choice(HEI_FONTS), f_body.size)
    f_title = font("NotoSerifCJK-Bold", 22 / 72 * doc.dpi)
    fl = Flow(doc, r, margins=(28, 26, r.uniform(25, 37), 35), page_numbers=r.random() < 0.7,
              num_font=font(fname, 14 / 72 * doc.dpi))
    pg = fl.pg
    mm = pg.mm
    # banner (红头): issuer name (+ 文件) in large red type, then the red rule
    banner = issuer + ("文件" if not upward and r.random() < 0.4 else "")
    bsize = min(mm(r.uniform(12, 15)), (fl.mr - fl.ml) / max(1, len(banner)) * 0.98)
    f_ban = font("NotoSerifCJK-Bold", bsize)
    fl.space(mm(r.uniform(5, 12)))
    pg.text((fl.ml + fl.mr) / 2, fl.y + asc(f_ban), banner, f_ban, key="issuer", anchor="ms",
            red=True)
    fl.space(f_ban.size * 1.3 + mm(6))
    num_centre = r.random() < 0.5
    printed_no = doc_number
    if doc_number and level != "clean" and r.random() < 0.1:
        printed_no = doc_number.replace("〔", "[").replace("〕", "]")
    if doc_number and num_centre:
        pg.text((fl.ml + fl.mr) / 2, fl.y + asc(f_body), printed_no, f_body, key="doc_number",
                anchor="ms")
        fl.space(f_body.size * 1.6)
    rd = pg.red_draw()
    rd.rectangle([fl.ml, fl.y, fl.mr, fl.y + mm(r.uniform(0.6, 1.2))], fill=255)
    fl.space(mm(3))
    if doc_number and not num_centre:
        pg.text(fl.mr, fl.y + asc(f_body), printed_no, f_body, key="doc_number", anchor="rs")
        fl.space(f_body.size * 1.6)
    fl.space(mm(r.uniform(6, 12)))
    fl.par(title, f_title, key="title", indent=0, lh=1.5, align="c")
    fl.space(mm(4))
    fl.par(addressee + "：", f_body, key="addressee", indent=0)
    for p in pars:
        heading = len(p) < 12 and p[1] == "、"
        fl.par(p, f_head if heading else f_body, key="body")
    if atts:
        fl.space(f_body.size * 1.0)
        if len(atts) == 1:
            fl.par("附件：" + atts[0], f_body, key="attachments", hang_px=f_body.size * 5)
        else:
            for i, a in enumerate(atts):
                lead = "附件：" if i == 0 else ""
                fl.par(lead + "%d.%s" % (i + 1, a), f_body, key="attachments",
                       first_indent_px=f_body.size * (2 if i == 0 else 5), hang_px=f_body.size * 5)
    # signature block: the seal sits over 署名 and 成文日期, its top within one line of the body
    fl.space(f_body.size * r.uniform(2.5, 4.0))
    fl.ensure(f_body.size * 4)
    pg = fl.pg
    right = fl.mr - f_body.size * 4
    base = fl.y + asc(f_body)
    wdate = f_body.getlength(date_s)
    date_cx = right - wdate / 2
    bs = pg.text(date_cx, base, signer, f_body, key="signer", anchor="ms")
    bd = pg.text(right, base + f_body.size * 1.7, date_s, f_body, key="date", anchor="rs")
    fl.y = bd[3] + mm(8)
    if r.random() < 0.3:
        fl.par("（联系人：%s，电话：%s）" % (V.person_name(r), V.landline(r)), f_body)
    if feats.get("no_seal"):
        doc.missing_stamp("issuer_seal", issuer)
        return doc
    seal_d = r.uniform(38, 45)
    R = mm(seal_d) / 2
    cx = (bs[0] + bs[2]) / 2 + mm(r.uniform(-4, 4))
    cy = (bs[1] + bd[3]) / 2 - mm(r.uniform(2, 6))   # signer and date sit in the lower half
    if feats.get("violation") and r.random() < 0.35:
        cx = fl.ml + R + mm(r.uniform(0, 20))          # seal away from the signature block
        cy = min(pg.H - R - mm(10), bd[3] + R + mm(8))
        doc.warn("seal-over-signature", "issuer_seal")
    cname, color = pick_color(r, level)
    op = r.uniform(0.8, 0.95) if level != "hard" else r.uniform(0.6, 0.85)
    doc.add_stamp("issuer_seal", len(doc.pages) - 1, cx, cy, seal_d, issuer, cname, color, op,
                  bottom_text_for(r))
    return doc
