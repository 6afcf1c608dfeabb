"""Renders the fixture of tests/forms_newform_test.cpp: a form shenbao has no built-in
template for (企业5G应用情况登记表, a two-column key–value sheet with a checkbox row, a
paragraph and a （盖章） block), with the labelled-sample generator's code.

  /usr/bin/python3 tests/data/newform/make_sheet.py   # writes enterprise-5g-registration/sheet.pdf + .truth.json here
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "samples", "gen"))
sys.dont_write_bytecode = True

from common import rngs  # noqa: E402
from doc import Doc, finish  # noqa: E402
from kvform import KVForm  # noqa: E402
from scan import scan_params  # noqa: E402
from form_e import uscc  # noqa: E402

r, nrng = rngs(20250101, "newform", "clean", 0)
scan = scan_params(r, "clean")
doc = Doc("enterprise-5g-registration", "clean", 20250101, scan, "NotoSansCJK-Regular")
ent = "武汉光谷智能装备有限公司"
intro = "公司主要从事智能装备研发与制造，已建成5G专网覆盖的数字化车间两个，部署机器视觉质检和设备远程运维等应用。"
doc.fields = {"year": 2025, "enterprise": ent, "uscc": uscc(r), "phone": "027-87654321",
              "scale": "中型", "intro": intro, "date": "2025-03-18"}
kv = KVForm(doc, r, "NotoSansCJK-Regular", "2025年企业5G应用情况登记表", label_frac=0.22)
kv.add({"t": "kv", "cells": [("企业名称", ent, "enterprise")]})
kv.add({"t": "kv", "cells": [("统一社会信用代码", doc.fields["uscc"], "uscc"),
                             ("联系电话", doc.fields["phone"], "phone")]})
kv.add({"t": "checks", "label": "企业规模", "options": ["大型", "中型", "小型"], "ticked": [1],
        "key": "scale", "style": "filled"})
kv.add({"t": "para", "label": "企业简介", "text": intro, "key": "intro", "min_lines": 3})
kv.add({"t": "sign", "label": "申报单位意见", "text": "同意申报。", "sign_label": "申报单位（盖章）：",
        "date_s": "2025年3月18日", "date_key": "date", "zone": "applicant_seal", "owner": ent,
        "seal": True, "d_mm": 40})
kv.finish()
finish(doc, r, nrng, HERE, "sheet")
