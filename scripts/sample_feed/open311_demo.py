"""A small second feed whose requests go to an Open311 endpoint, for tests
of the Open311 path. One district (Haidian), a different publisher."""

from . import (PER_MEAL, PER_VISIT, T, attr, cap, cost, limit, prio, sub, svc)
from . import attrs
from .facts import CATEGORIES, FACTS


def _region(code, zh, en, level, parent, lat, lon):
    r = {"code": code, "name": T(zh, en), "level": level}
    if parent:
        r["parent"] = parent
    r["centroid"] = [lat, lon]
    return r


REGIONS = [
    _region("110108", "海淀区", "Haidian District", "district", None, 39.9593, 116.2981),
    _region("110108001", "万寿路街道", "Wanshoulu Subdistrict", "street", "110108", 39.9072, 116.2953),
    _region("110108001001", "翠微路社区", "Cuiweilu Community", "community", "110108001", 39.9089, 116.3012),
    _region("110108001002", "复兴路社区", "Fuxinglu Community", "community", "110108001", 39.9058, 116.2921),
    _region("110108002", "永定路街道", "Yongdinglu Subdistrict", "street", "110108", 39.9131, 116.2722),
    _region("110108002001", "永定路东社区", "Yongdinglu East Community", "community", "110108002", 39.9142, 116.2760),
]

USED_CATEGORIES = ("elderly", "health", "community", "psychological")
USED_FACTS = ("residence", "age", "living_alone", "income_status", "disability_grade")

ORGANIZATIONS = [
    {"id": "hub-haidian", "name": T("海淀区社会组织服务中心", "Haidian Social Organisation Service Centre"),
     "description": T("海淀区的枢纽型社会组织。", "Haidian's hub organisation."),
     "kind": "hub", "phone": "tel:010-8851-0000", "url": "https://hd-hub.example.org/",
     "rating": {"score": 4.4, "count": 58, "period": "2026"}},
    {"id": "org-wanshou-care", "name": T("万寿养老服务社", "Wanshou Elderly Care Cooperative"),
     "description": T("万寿路地区的居家养老服务社。", "Home care cooperative in Wanshoulu."),
     "kind": "social_organization", "parent_organization_id": "hub-haidian",
     "phone": "tel:010-8851-2200", "url": "https://wanshou-care.example.org/",
     "rating": {"score": 4.6, "count": 41, "period": "2026"}},
    {"id": "org-cuiwei-health", "name": T("翠微社区卫生服务站", "Cuiwei Community Health Station"),
     "description": T("社区卫生服务站。", "A community health station."),
     "kind": "public_institution", "phone": "tel:010-8851-3300", "url": "https://cuiwei-health.example.org/"},
]

LOCATIONS = [
    {"id": "loc-wanshou-centre", "name": T("万寿路社区服务中心", "Wanshoulu Community Service Centre"),
     "address": T("海淀区翠微路20号", "20 Cuiwei Road, Haidian"), "region": "110108001001",
     "latitude": 39.9091, "longitude": 116.3015, "phone": "tel:010-8851-2200",
     "schedules": [{"byday": "MO,TU,WE,TH,FR", "opens_at": "08:30", "closes_at": "17:30"}],
     "accessibility": T("无障碍坡道。", "Step-free ramp.")},
    {"id": "loc-cuiwei-health", "name": T("翠微社区卫生服务站", "Cuiwei Community Health Station"),
     "address": T("海淀区复兴路31号", "31 Fuxing Road, Haidian"), "region": "110108001002",
     "latitude": 39.9061, "longitude": 116.2925, "phone": "tel:010-8851-3300",
     "schedules": [{"byday": "MO,TU,WE,TH,FR,SA", "opens_at": "08:00", "closes_at": "17:00"}],
     "accessibility": T("一层，有无障碍卫生间。", "Ground floor, accessible toilet.")},
]

DEMO_FUND = {"source": T("海淀区政府购买服务资金", "Haidian purchasing budget"), "year": 2026}


def _svc(*args, **kw):
    kw.setdefault("funding", DEMO_FUND)
    return svc(*args, **kw)


SERVICES = [
    _svc("demo-meals", "elderly", "org-wanshou-care", ("老年助餐", "Senior meals"),
         ("社区餐桌的午餐。", "Lunch at the community canteen."),
         ("每天中午供应，困难家庭免费。", "Served every lunchtime; free for households in hardship."),
         ["助餐", "meals"], location_ids=["loc-wanshou-centre"], delivery=["centre", "home"],
         service_areas=["110108"], eligibility="age >= 60",
         eligibility_description=("60岁以上老人。", "People aged 60 or over."),
         cost=cost(15, PER_MEAL, [sub('income_status in ["dibao", "low_income"]', 100, "困难家庭免费",
                                      "Free for households in hardship"),
                                  sub("true", 20, "助餐补贴", "Meal subsidy")]),
         limits=limit(1, "day"), capacity=cap(10, 30, T("个名额", "places")),
         attributes=[attrs.diet(1), attrs.start(2)], contact_phone="tel:010-8851-2200"),
    _svc("demo-home-care", "elderly", "org-wanshou-care", ("居家照护", "Home care"),
         ("护理员上门照料。", "A carer visits you at home."),
         ("助洁、助浴、陪同就医。", "Help with cleaning, bathing and doctor visits."),
         ["居家养老", "home care"], delivery=["home"], service_areas=["110108001"],
         eligibility="age >= 60 and (living_alone or disability_grade <= 2)",
         eligibility_description=("60岁以上独居或重度残疾老人。",
                                  "People aged 60 or over living alone or severely disabled."),
         cost=cost(40, T("每小时", "per hour"), [sub('income_status == "dibao"', 100, "低保全免", "Free for dibao")]),
         priority=[prio("living_alone and age >= 80", "urgent", "高龄独居", "Very old and alone")],
         attributes=[attrs.address(1), attrs.appointment(2), attrs.notes(3)],
         contact_phone="tel:010-8851-2200"),
    _svc("demo-repairs", "community", "org-wanshou-care", ("便民维修", "Home repairs"),
         ("师傅上门小修。", "Small repairs at home."), ("水电、门锁小修。", "Small plumbing, wiring and lock jobs."),
         ["维修", "repairs"], delivery=["home"], service_areas=["110108"],
         cost=cost(30, PER_VISIT), limits=limit(4, "month"),
         attributes=[attrs.address(1),
                     attr("repair", "multivaluelist", True, 2, "需要修什么？", "What needs fixing?", [
                         ("plumbing", "水管", "Plumbing"), ("electric", "电路", "Wiring"), ("lock", "门锁", "Locks")]),
                     attr("rooms", "number", False, 3, "涉及几个房间？", "How many rooms?")],
         contact_phone="tel:010-8851-2200"),
    _svc("demo-family-doctor", "health", "org-cuiwei-health", ("家庭医生签约", "Family doctor sign-up"),
         ("签约家庭医生。", "Sign up with a family doctor."), ("免费签约，一年一签。", "Free, renewed yearly."),
         ["家庭医生", "family doctor"], location_ids=["loc-cuiwei-health"], delivery=["centre"],
         service_areas=["110108"], attributes=[attrs.contact_way(1)], contact_phone="tel:010-8851-3300"),
    _svc("demo-home-nursing", "health", "org-cuiwei-health", ("居家护理", "Home nursing"),
         ("护士上门。", "A nurse visits."), ("换药、打针。", "Dressings and injections."),
         ["护理", "nursing"], location_ids=["loc-cuiwei-health"], delivery=["home"], service_areas=["110108001"],
         eligibility="age >= 65", eligibility_description=("65岁以上。", "Aged 65 or over."),
         capacity=cap(0, 8, T("个名额", "places")), attributes=[attrs.address(1), attrs.appointment(2)],
         contact_phone="tel:010-8851-3300"),
    _svc("demo-hotline", "psychological", "hub-haidian", ("心理热线", "Support hotline"),
         ("有人倾听。", "Someone to listen."), ("每天8点到22点。", "Every day, 8 am to 10 pm."),
         ["热线", "hotline"], delivery=["phone"], service_areas=["110108"], contact_phone="tel:010-8851-0000"),
    _svc("demo-grid-report", "community", "hub-haidian", ("网格问题反映", "Report a problem to your grid officer"),
         ("反映小区问题。", "Report a problem in your compound."), ("两天内回复。", "Answered within two days."),
         ["网格", "grid"], delivery=["online", "phone"], service_areas=["110108"],
         attributes=[attr("issue", "singlevaluelist", True, 1, "什么问题？", "What kind of problem?", [
             ("safety", "安全", "Safety"), ("noise", "噪音", "Noise"), ("other", "其他", "Other")]),
             attr("detail", "text", True, 2, "具体情况", "Details"),
             attr("where", "string", False, 3, "位置", "Where"),
             attr("seen_at", "datetime", False, 4, "发现时间", "When")],
         contact_phone="tel:010-8851-0000"),
    _svc("demo-day-care", "elderly", "org-wanshou-care", ("日间照料", "Day care"),
         ("白天托老。", "Day care for older people."), ("暂停接收，装修中。", "Paused during refurbishment."),
         ["日间照料", "day care"], location_ids=["loc-wanshou-centre"], delivery=["centre"],
         service_areas=["110108002"], status="temporarily_closed", eligibility="age >= 65",
         eligibility_description=("65岁以上。", "Aged 65 or over."), contact_phone="tel:010-8851-2200"),
]


def build():
    return {
        "caidan_feed": "1.0",
        "id": "haidian-open311-demo",
        "version": "2026.11.1",
        "published_at": "2026-11-20T09:00:00+08:00",
        "title": T("海淀区购买服务菜单（Open311 演示）", "Haidian service menu (Open311 demo)"),
        "publisher": {"name": T("海淀区民政局（演示）", "Haidian Civil Affairs Bureau (demo)"),
                      "phone": "tel:010-8851-0000", "url": "https://haidian-demo.example.org/"},
        "default_locale": "zh-CN",
        "locales": ["zh-CN", "en"],
        "currency": "CNY",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "intake": {"kind": "open311", "endpoint": "http://127.0.0.1:8931/open311/v2",
                   "jurisdiction_id": "demo", "api_key": "demo-key", "hotline": "tel:010-8851-0000"},
        "notices": [{"text": T("这是用于测试的演示菜单，请求会发送到本机的 Open311 测试服务。",
                               "A demonstration menu for tests; requests go to a local Open311 test server."),
                     "severity": "info"}],
        "regions": REGIONS,
        "categories": [c for c in CATEGORIES if c["id"] in USED_CATEGORIES],
        "facts": [f for f in FACTS if f["id"] in USED_FACTS],
        "organizations": ORGANIZATIONS,
        "locations": LOCATIONS,
        "services": SERVICES,
    }
