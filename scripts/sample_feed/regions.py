"""The region tree: Beijing, three districts, their streets and communities.

District and street codes are the national administrative division codes;
community codes add three digits to the street code. Centroids are
approximate, good enough for ordering places by distance.
"""

from . import T

CITY = "110000"
DONGCHENG = "110101"
XICHENG = "110102"
CHAOYANG = "110105"

# (code, zh, en, lat, lon, streets); each street is
# (suffix, zh, en, lat, lon, communities); each community is (zh, en, dlat, dlon).
DISTRICTS = [
    (DONGCHENG, "东城区", "Dongcheng District", 39.9288, 116.4160, [
        ("001", "东华门街道", "Donghuamen Subdistrict", 39.9152, 116.4042, [
            ("多福巷社区", "Duofuxiang Community", 0.0021, 0.0018),
            ("韶九社区", "Shaojiu Community", -0.0017, 0.0026),
            ("南池子社区", "Nanchizi Community", -0.0028, -0.0012),
        ]),
        ("002", "景山街道", "Jingshan Subdistrict", 39.9283, 116.4012, [
            ("黄化门社区", "Huanghuamen Community", 0.0019, 0.0011),
            ("吉祥社区", "Jixiang Community", -0.0014, 0.0024),
            ("三眼井社区", "Sanyanjing Community", 0.0008, -0.0021),
        ]),
        ("003", "交道口街道", "Jiaodaokou Subdistrict", 39.9392, 116.4031, [
            ("北锣鼓巷社区", "Beiluoguxiang Community", 0.0031, 0.0004),
            ("南锣鼓巷社区", "Nanluoguxiang Community", -0.0012, 0.0009),
            ("菊儿社区", "Ju'er Community", 0.0016, -0.0017),
        ]),
        ("004", "安定门街道", "Andingmen Subdistrict", 39.9468, 116.4102, [
            ("国子监社区", "Guozijian Community", -0.0011, 0.0028),
            ("五道营社区", "Wudaoying Community", 0.0013, 0.0007),
        ]),
    ]),
    (XICHENG, "西城区", "Xicheng District", 39.9122, 116.3660, [
        ("001", "西长安街街道", "Xichang'anjie Subdistrict", 39.9051, 116.3762, [
            ("府右街社区", "Fuyoujie Community", 0.0024, 0.0019),
            ("六部口社区", "Liubukou Community", -0.0009, 0.0015),
            ("西交民巷社区", "Xijiaominxiang Community", -0.0021, 0.0031),
        ]),
        ("003", "新街口街道", "Xinjiekou Subdistrict", 39.9402, 116.3671, [
            ("赵登禹社区", "Zhaodengyu Community", -0.0025, -0.0008),
            ("西四北社区", "Xisibei Community", -0.0041, 0.0012),
        ]),
        ("004", "月坛街道", "Yuetan Subdistrict", 39.9143, 116.3481, [
            ("三里河一区社区", "Sanlihe Yiqu Community", 0.0012, -0.0024),
            ("南礼士路社区", "Nanlishilu Community", -0.0008, 0.0029),
            ("复兴门北大街社区", "Fuxingmen Beidajie Community", -0.0031, 0.0036),
        ]),
        ("007", "展览路街道", "Zhanlanlu Subdistrict", 39.9286, 116.3383, [
            ("百万庄社区", "Baiwanzhuang Community", -0.0018, -0.0011),
            ("车公庄社区", "Chegongzhuang Community", 0.0022, 0.0027),
            ("北营房社区", "Beiyingfang Community", 0.0009, -0.0033),
        ]),
    ]),
    (CHAOYANG, "朝阳区", "Chaoyang District", 39.9215, 116.4863, [
        ("001", "建外街道", "Jianwai Subdistrict", 39.9081, 116.4493, [
            ("永安里社区", "Yonganli Community", 0.0004, -0.0013),
            ("光华里社区", "Guanghuali Community", 0.0057, 0.0021),
            ("建国里社区", "Jianguoli Community", -0.0022, 0.0034),
        ]),
        ("002", "朝外街道", "Chaowai Subdistrict", 39.9222, 116.4421, [
            ("吉祥里社区", "Jixiangli Community", 0.0011, 0.0019),
            ("雅宝里社区", "Yabaoli Community", -0.0041, -0.0016),
            ("芳草地社区", "Fangcaodi Community", -0.0013, 0.0037),
        ]),
        ("003", "呼家楼街道", "Hujialou Subdistrict", 39.9228, 116.4612, [
            ("呼家楼北社区", "Hujialou North Community", 0.0026, -0.0009),
            ("金台里社区", "Jintaili Community", 0.0018, 0.0024),
            ("核桃园社区", "Hetaoyuan Community", -0.0019, 0.0012),
        ]),
        ("025", "望京街道", "Wangjing Subdistrict", 39.9962, 116.4704, [
            ("花家地社区", "Huajiadi Community", -0.0065, -0.0031),
            ("南湖东园社区", "Nanhu Dongyuan Community", 0.0071, 0.0018),
            ("方舟苑社区", "Fangzhouyuan Community", 0.0023, -0.0047),
        ]),
    ]),
]


def _region(code, zh, en, level, parent, lat, lon):
    r = {"code": code, "name": T(zh, en), "level": level}
    if parent is not None:
        r["parent"] = parent
    r["centroid"] = [round(lat, 4), round(lon, 4)]
    return r


def build():
    """All regions, each parent before its children."""
    out = [_region(CITY, "北京市", "Beijing", "city", None, 39.9042, 116.4074)]
    for dcode, dzh, den, dlat, dlon, streets in DISTRICTS:
        out.append(_region(dcode, dzh, den, "district", CITY, dlat, dlon))
        for suffix, szh, sen, slat, slon, communities in streets:
            scode = dcode + suffix
            out.append(_region(scode, szh, sen, "street", dcode, slat, slon))
            for n, (czh, cen, dy, dx) in enumerate(communities, start=1):
                ccode = f"{scode}{n:03d}"
                out.append(
                    _region(ccode, czh, cen, "community", scode, slat + dy, slon + dx)
                )
    return out


REGIONS = build()
CENTROIDS = {r["code"]: r["centroid"] for r in REGIONS}


def code_of(zh):
    """The code of the region named `zh` (used to keep the data readable)."""
    for r in REGIONS:
        if r["name"]["zh-CN"] == zh:
            return r["code"]
    raise KeyError(zh)
