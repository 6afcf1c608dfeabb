"""Vocabulary and random-name generators (all deterministic given a random.Random).

Names follow the patterns of the real notices: enterprises are
城市 + 字号 + 行业 + 有限公司, projects mostly contain 5G and end with 工厂/车间/产线.
"""

# Cities / districts used as enterprise prefixes (mostly Hubei, some elsewhere).
CITIES = [
    "武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感", "荆州", "黄冈",
    "咸宁", "随州", "恩施", "仙桃", "潜江", "天门", "福州", "厦门", "泉州", "漳州",
    "莆田", "三明", "南平", "龙岩", "宁德", "广州", "深圳", "佛山", "东莞", "珠海",
    "惠州", "中山", "江门", "肇庆", "汕头", "长沙", "株洲", "湘潭", "南昌", "九江",
    "合肥", "芜湖", "郑州", "洛阳", "苏州", "无锡", "常州", "南通", "宁波", "杭州",
    "嘉兴", "绍兴", "青岛", "烟台", "潍坊", "成都", "绵阳", "重庆", "西安", "宝鸡",
]

# Characters for 字号 (trade names); two are combined.
TRADE_CHARS = list(
    "华鑫瑞博中创达盛恒泰宏远信诚德康安兴隆昌旺丰源鼎峰凯捷新科智联通航海天宇星辰"
    "金银铜铁钢锐精工机电光晶芯云睿思维拓展卓越腾飞翔龙凤麒麟祥和顺利永嘉宝福寿"
    "东西南北楚荆江汉湘赣闽粤蜀秦晋豫齐鲁吴越黔滇川渝长青绿蓝红紫明亮辉煌煜焱磊"
    "森林松柏桐梓竹兰菊梅荷洪涛波澜浩瀚汇聚合众力坤乾元亨贞豪迈奥普特斯尔伦佳美"
)

INDUSTRIES = [
    "钢铁", "汽车零部件", "电子科技", "精密制造", "光电子", "新材料", "生物医药", "化工",
    "机械", "纺织", "家用电器", "食品", "水泥", "电线电缆", "半导体", "智能装备", "船舶重工",
    "港务", "电力", "矿业", "特钢", "铝业", "玻璃", "造纸", "陶瓷", "光纤光缆", "显示科技",
    "动力电池", "新能源", "工程机械", "轴承", "模具", "包装", "印染", "制药", "石油化工",
    "磷化工", "建材", "电机", "液压", "压缩机", "环保科技", "医疗器械", "通信设备", "激光",
    "传感技术", "化纤", "塑胶", "重型机床", "农业机械", "卫浴", "照明", "轮胎", "酿酒",
]

COMPANY_SUFFIX = ["有限公司", "有限公司", "有限公司", "股份有限公司", "股份有限公司",
                  "有限责任公司", "集团有限公司"]

BRACKET_REGIONS = ["湖北", "武汉", "中国", "集团", "福建", "广东", "襄阳", "宜昌", "厦门"]

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
    "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤桂喻柯甘艾鄢涂"
)
GIVEN_CHARS = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红飞鹏辉建文斌宇浩凯"
    "俊峰丹玲晨阳欣怡晶婷雪琳思佳雨彤子轩梓涵一诺欢丝晴艳颖雄坤钟彬嘉琦哲豪"
    "志远海波永亮国庆春燕秋菊冬梅立新振东学兵荣昌德胜金山银河瑶珊蕾璐楠蔚睿"
)

# Wuhan districts and other filing/recommending units.
WUHAN_DISTRICTS = ["江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区",
                   "东西湖区", "蔡甸区", "江夏区", "黄陂区", "新洲区", "汉南区"]
DEV_ZONES = [
    ("东湖新技术开发区", "经济发展局"),
    ("经济技术开发区", "经济和信息化局"),
    ("长江新区", "产业促进局"),
    ("东湖生态旅游风景区", "经济发展局"),
]
OTHER_CITY_UNITS = ["宜昌市", "襄阳市", "黄石市", "十堰市", "荆州市", "荆门市", "孝感市",
                    "黄冈市", "咸宁市", "随州市", "鄂州市", "恩施土家族苗族自治州",
                    "仙桃市", "潜江市", "天门市"]
PROVINCES = ["湖北省", "福建省", "广东省", "湖南省", "江西省", "安徽省", "河南省", "浙江省",
             "江苏省", "山东省", "四川省", "陕西省"]

# Project name parts for 5G factories.
P5G_PREFIX = ["", "", "基于5G+工业互联网的", "5G+", "5G全连接", "5G+数字孪生", "5G+智慧",
              "5G赋能", "基于5G专网的", "5G+MEC", "5G+AI", "5G+机器视觉"]
P_SCENE = ["智能", "数字化", "智慧", "柔性", "绿色低碳", "无人化", "透明", "云化", "黑灯",
           "协同制造", "远程运维", "精益生产", "质量追溯", "少人化"]
P_OBJECT = ["汽车零部件", "冷轧", "炼钢", "热轧", "电芯", "显示面板", "光纤预制棒", "锂电池",
            "整车总装", "发动机", "变速箱", "电路板", "注塑", "纺纱", "印染", "制剂", "原料药",
            "水泥熟料", "玻璃深加工", "铝型材", "铸造", "焊装", "涂装", "冲压", "电机装配",
            "轴承加工", "家电总装", "电缆拉丝", "芯片封测", "模组组装", "智能终端", "阀门",
            "压缩机", "食品灌装", "白酒酿造", "轮胎硫化", "磷肥", "港口集装箱", "露天采矿"]
P_END_OK = ["工厂", "工厂", "车间", "车间", "产线", "生产线" ]  # 生产线 also ends with 产线
P_END_BAD = ["项目", "示范项目", "建设项目", "平台", "应用", "工厂项目", "车间改造工程",
             "解决方案", "智慧园区"]

# Category → directions for form C (工业互联网试点示范).
C_CATEGORIES = {
    "新技术类": ["工业互联网与人工智能融合应用", "数字孪生工业应用", "工业互联网与区块链融合",
              "工业大模型应用", "时间敏感网络应用"],
    "工厂类": ["5G全连接工厂", "智能工厂", "数字化转型标杆工厂", "绿色低碳工厂",
             "工业互联网+安全生产"],
    "载体类": ["工业互联网体验推广中心", "工业互联网公共服务平台", "工业互联网创新中心"],
    "园区类": ["5G+工业互联网融合应用园区", "平台+园区", "平台+产业集群",
             "产业集群数字化转型"],
    "网络类": ["企业内网改造", "5G行业虚拟专网", "标识解析二级节点应用", "IPv6+工业互联网",
             "工业光网"],
    "平台类": ["特色专业型工业互联网平台", "行业特色平台", "区域特色平台", "跨行业跨领域平台",
             "工业APP应用"],
    "安全类": ["工业互联网安全分类分级", "工业互联网安全态势感知", "工业数据安全防护",
             "安全公共服务平台", "工业控制系统安全"],
}
C_PROJECT_PATTERNS = [
    "基于{x}的{y}{z}", "{x}{y}{z}", "面向{y}的{x}{z}", "{y}{x}{z}", "{x}赋能{y}{z}",
]
C_X = ["工业互联网平台", "5G+工业互联网", "数字孪生", "工业大数据", "人工智能", "标识解析",
       "边缘计算", "工业互联网", "5G专网", "云边协同", "区块链", "工业大模型", "机器视觉"]
C_Y = ["钢铁行业", "汽车制造", "光通信", "电子信息", "装备制造", "化工园区", "纺织服装",
       "生物医药", "家电产业", "食品加工", "建材行业", "磷化工", "船舶制造", "有色金属",
       "新能源电池", "物流仓储", "冷链", "电力装备", "精密模具", "光电子信息产业集群"]
C_Z = ["数字化转型项目", "应用示范", "解决方案", "平台建设项目", "集成创新应用",
       "安全防护体系", "试点示范项目", "智能制造项目", "网络改造项目", "公共服务平台"]

EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com",
                 "189.cn", "outlook.com", "aliyun.com"]
PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu",
          "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang",
          "xie", "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "tian",
          "dong", "pan", "yu", "jiang", "cai", "du", "ye", "cheng", "su", "wei", "lv",
          "ding", "ren", "shen", "yao", "lu", "cui", "zhong", "tan", "fan", "jin", "shi"]
GIVEN_PY = ["wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong",
            "yan", "jie", "juan", "tao", "ming", "chao", "xia", "ping", "gang", "ying", "hua",
            "hui", "bin", "yu", "hao", "kai", "feng", "dan", "ling", "chen", "xin", "yi",
            "ting", "xue", "lin", "si", "jia", "qi", "zhe", "bo", "liang", "rui", "xiaoyu"]


def person_name(r):
    s = r.choice(SURNAMES)
    n = 1 if r.random() < 0.35 else 2
    return s + "".join(r.choice(GIVEN_CHARS) for _ in range(n))


def mobile(r):
    return "1" + r.choice("3456789") + "".join(r.choice("0123456789") for _ in range(9))


def landline(r):
    area = r.choice(["027", "0591", "0592", "020", "0755", "0710", "0717", "0714", "0719",
                     "0716", "0712", "010", "0731", "0571"])
    n = 8 if len(area) == 3 else r.choice([7, 8])
    return area + "-" + r.choice("2345678") + "".join(r.choice("0123456789") for _ in range(n - 1))


def email(r):
    k = r.random()
    if k < 0.35:
        local = "".join(r.choice("0123456789") for _ in range(r.randint(8, 10)))
        dom = "qq.com"
    elif k < 0.75:
        local = r.choice(PINYIN) + r.choice(GIVEN_PY)
        if r.random() < 0.6:
            local += str(r.randint(1, 2024))
        dom = r.choice(EMAIL_DOMAINS)
    else:
        local = r.choice(PINYIN)[0] + r.choice(GIVEN_PY) + r.choice(["", "_", "."]) + \
            r.choice(["zx", "xxh", "szjj", "office", "it", "gyhlw", "jxj"]) + str(r.randint(1, 99))
        dom = r.choice(["whsteel.com.cn", "hbjxt.gov.cn", "dfmc.com.cn", "yofc.com",
                        "163.com", "126.com", "cmhi.com"])
    return local + "@" + dom


def trade_name(r):
    a = r.choice(TRADE_CHARS)
    b = r.choice(TRADE_CHARS)
    while b == a:
        b = r.choice(TRADE_CHARS)
    return a + b


# Production objects that fit an industry (others fall back to P_OBJECT).
IND_OBJECTS = {
    "钢铁": ["炼钢", "冷轧", "热轧", "连铸", "高炉炼铁"], "特钢": ["特钢精炼", "棒线材", "锻造"],
    "汽车零部件": ["汽车零部件", "焊装", "冲压", "涂装", "变速箱"],
    "电子科技": ["电路板", "SMT贴片", "智能终端", "模组组装"],
    "光电子": ["光器件封装", "光模块", "激光器芯片"], "光纤光缆": ["光纤预制棒", "光纤拉丝", "光缆成缆"],
    "半导体": ["芯片封测", "晶圆加工", "功率器件"], "显示科技": ["显示面板", "背光模组"],
    "动力电池": ["电芯", "锂电池", "电池包装配"], "新能源": ["光伏组件", "储能电池", "风电叶片"],
    "家用电器": ["家电总装", "空调压缩机", "冰箱发泡"], "纺织": ["纺纱", "织造", "印染"],
    "印染": ["印染", "染整"], "化纤": ["化纤纺丝", "涤纶长丝"], "水泥": ["水泥熟料", "水泥粉磨"],
    "建材": ["水泥熟料", "石膏板", "预拌混凝土"], "玻璃": ["玻璃深加工", "浮法玻璃"],
    "制药": ["制剂", "原料药", "无菌灌装"], "生物医药": ["制剂", "原料药", "生物发酵"],
    "食品": ["食品灌装", "乳制品", "烘焙"], "酿酒": ["白酒酿造", "啤酒灌装"],
    "港务": ["港口集装箱", "散货码头"], "矿业": ["露天采矿", "井下采矿", "选矿"],
    "磷化工": ["磷肥", "黄磷", "湿法磷酸"], "化工": ["精细化工", "合成氨", "聚合反应"],
    "石油化工": ["炼油", "乙烯裂解"], "船舶重工": ["船体分段", "船舶总装"],
    "工程机械": ["挖掘机总装", "结构件焊接"], "轴承": ["轴承加工", "轴承装配"],
    "电线电缆": ["电缆拉丝", "电缆绝缘挤出"], "电机": ["电机装配", "定子绕线"],
    "轮胎": ["轮胎硫化", "轮胎成型"], "铝业": ["铝型材", "电解铝", "铝箔轧制"],
    "电力": ["变电站巡检", "火电机组", "配电"], "造纸": ["造纸", "纸浆"],
}


def enterprise(r, city=None):
    """(enterprise name, industry)."""
    city = city or r.choice(CITIES)
    ind = r.choice(INDUSTRIES)
    suf = r.choice(COMPANY_SUFFIX)
    t = trade_name(r)
    k = r.random()
    if k < 0.12:  # 华工科技（湖北）有限公司 style
        return t + ind + "（" + r.choice(BRACKET_REGIONS) + "）" + suf, ind
    if k < 0.2:  # no city prefix
        return t + ind + suf, ind
    if k < 0.26:
        return city + t + ind + "（集团）" + suf.replace("集团", ""), ind
    if k < 0.32:
        return "中国" + t + ind + suf, ind
    return city + t + ind + suf, ind


def enterprise_name(r, city=None):
    return enterprise(r, city)[0]


def project_name_5g(r, ok=True, industry=None):
    """Return a 5G factory project name; ok=False gives a rule-violating one."""
    objs = IND_OBJECTS.get(industry)
    obj = r.choice(objs) if objs and r.random() < 0.85 else r.choice(P_OBJECT)
    scene = r.choice(P_SCENE)
    pre = r.choice(P5G_PREFIX)
    if ok:
        end = r.choice(P_END_OK)
        if "5G" not in pre:
            pre = r.choice(["5G+", "5G", "5G全连接", "基于5G的"]) + pre
        return pre + scene + obj + end
    # violation: either 5G missing or bad ending
    if r.random() < 0.5:
        pre = r.choice(["", "工业互联网+", "数字化", "基于工业互联网的", "智能制造"])
        return pre + scene + obj + r.choice(P_END_OK)
    if "5G" not in pre:
        pre = "5G+" + pre
    return pre + scene + obj + r.choice(P_END_BAD)


def project_name_ok(name):
    return "5G" in name and (name.endswith("工厂") or name.endswith("车间") or name.endswith("产线"))


def wuhan_unit(r):
    """A Wuhan district/zone bureau: (printed name, seal owner)."""
    if r.random() < 0.3:
        z, b = r.choice(DEV_ZONES)
        full = "武汉" + z + b if r.random() < 0.5 else "武汉市" + z + b
        return full, full
    d = r.choice(WUHAN_DISTRICTS)
    bureau = r.choice(["经济和信息化局", "经济和信息化局", "经济和信息化局", "科技和经济信息化局"])
    full = "武汉市" + d + bureau
    printed = d + bureau if r.random() < 0.5 else full
    return printed, full


def city_unit(r):
    c = r.choice(OTHER_CITY_UNITS + ["武汉市"] * 2)
    b = r.choice(["经济和信息化局", "经济和信息化局", "工业和信息化局", "通信发展管理办公室"])
    full = c + b
    return full, full


def province_unit(r):
    p = r.choice(PROVINCES)
    b = r.choice(["经济和信息化厅", "工业和信息化厅", "通信管理局"])
    return p + b, p + b


def c_category_direction(r):
    cat = r.choice(list(C_CATEGORIES))
    d = r.choice(C_CATEGORIES[cat])
    sep = r.choice(["：", "：", "：", "—", "——"])
    return cat, d, cat + sep + d


def c_project_name(r):
    pat = r.choice(C_PROJECT_PATTERNS)
    return pat.format(x=r.choice(C_X), y=r.choice(C_Y), z=r.choice(C_Z))


def other_unit(r, owner):
    """The same kind of unit as `owner`, of another place (another district, city
    or province), or None when no place in it is known: for wrong-seal samples."""
    for places in (WUHAN_DISTRICTS, OTHER_CITY_UNITS + ["武汉市"], PROVINCES):
        for place in sorted(places, key=len, reverse=True):
            if place in owner:
                other = r.choice([p for p in places if p != place and p not in owner])
                return owner.replace(place, other, 1)
    return None

