"""Elderly care, continued: companionship, bathing, learning, respite."""

from . import (DOC_ID, PER_COURSE, PER_DAY, PER_VISIT, T, attr, cap, cost, limit, prio,
               sub, svc)
from . import attrs

SERVICES = [
    svc("senior-befriending", "elderly", "org-silver-age",
        ("银龄结对陪伴", "Silver-age befriending"),
        ("志愿者每天打电话问候，每周上门陪伴聊天。",
         "A volunteer calls every day and visits once a week for a chat."),
        ("低龄老人志愿者与高龄独居老人结对，每天电话问安，每周上门陪伴。"
         "发现异常会及时告诉社区和家属。",
         "Younger retired volunteers are paired with very old people living alone: a call "
         "every day and a visit every week. Anything worrying is passed on to the community "
         "and family."),
        ["陪伴", "探访", "问候", "befriending", "company", "calls"],
        location_ids=["loc-adm-federation"], delivery=["phone", "home"], service_areas=["110101"],
        eligibility="age >= 70 and living_alone",
        eligibility_description=("70岁以上独居老人。", "People aged 70 or over living alone."),
        priority=[prio("age >= 85", "urgent", "85岁以上优先结对", "Paired first from age 85")],
        attributes=[attrs.callback(1, True), attrs.contact_way(2)],
        contact_phone="tel:010-6408-3316"),
    svc("bathing-assist", "elderly", "org-anjia-care",
        ("助浴服务", "Bathing assistance"),
        ("护理员带上助浴设备上门，帮老人安全洗澡。",
         "Carers bring bathing equipment and help you bathe safely at home."),
        ("两名护理员携带折叠浴缸和防滑设备上门，全程陪护，洗后检查皮肤情况。",
         "Two carers bring a folding bath and non-slip equipment, stay throughout and check "
         "the skin afterwards."),
        ["助浴", "洗澡", "bathing", "bath", "home care"],
        delivery=["home"], service_areas=["110101", "110102"],
        eligibility="age >= 70 or disability_grade <= 2",
        eligibility_description=("70岁以上老人或一、二级残疾人。",
                                 "People aged 70 or over, or with a grade 1 or 2 disability."),
        cost=cost(80, PER_VISIT, [
            sub('income_status in ["dibao", "special_hardship"]', 100,
                "低保、特困全额补贴", "Fully covered for dibao and special hardship"),
            sub("true", 40, "助浴补贴", "Bathing subsidy")]),
        limits=limit(4, "month"), capacity=cap(3, 12, T("个时段", "slots")),
        attributes=[attrs.address(1), attrs.appointment(2), attrs.notes(3)],
        contact_phone="tel:010-8447-2100"),
    svc("senior-smartphone-class", "elderly", "org-silver-age",
        ("老年人智能手机课堂", "Smartphone class for seniors"),
        ("手把手教您用手机挂号、扫码、视频通话。",
         "Learn, step by step, to book the doctor, scan codes and make video calls."),
        ("每期四节课，小班教学，志愿者一对一辅导。课上会讲怎样识别电信诈骗。",
         "Four lessons per course in small groups, with a volunteer beside each learner. "
         "One lesson covers how to spot phone scams."),
        ["智能手机", "扫码", "防诈骗", "smartphone", "phone", "class"],
        location_ids=["loc-jdk-centre"], delivery=["centre"], service_areas=["110101003", "110101004"],
        eligibility="age >= 55",
        eligibility_description=("55岁以上居民。", "Residents aged 55 or over."),
        cost=cost(20, PER_COURSE, [sub("age >= 70", 100, "70岁以上免费", "Free from age 70")]),
        limits=limit(2, "year"), capacity=cap(9, 16, T("个座位", "seats")),
        attributes=[attr("phone_type", "singlevaluelist", False, 1, "您用的是什么手机？",
                         "What kind of phone do you use?", [
                             ("android", "安卓手机", "Android"), ("iphone", "苹果手机", "iPhone"),
                             ("unsure", "不清楚", "Not sure")])],
        contact_phone="tel:010-6403-1200"),
    svc("respite-care", "elderly", "org-anjia-care",
        ("家庭照护者喘息服务", "Respite care for family carers"),
        ("照顾失能老人的家属可以休息几天，由护理员代为照看。",
         "Family members caring for a frail older person can take a few days off while a carer steps in."),
        ("护理员上门或在机构内代替家属照护失能老人，每年最多十四天。"
         "冬季护理员调配中，本服务暂停受理。",
         "A carer takes over at home or in a care home, for up to fourteen days a year. "
         "Requests are paused while winter staffing is arranged."),
        ["喘息", "照护者", "失能", "respite", "carers", "break"],
        delivery=["home", "centre"], service_areas=["110105"], status="temporarily_closed",
        eligibility="age >= 60 and disability_grade <= 2",
        eligibility_description=("照护对象为60岁以上、一、二级残疾的老人。",
                                 "For carers of people aged 60 or over with a grade 1 or 2 disability."),
        cost=cost(150, PER_DAY, [
            sub('income_status != "none"', 90, "困难家庭补贴九成", "90% covered for households in hardship"),
            sub("true", 60, "喘息服务补贴", "Respite subsidy")]),
        limits=limit(14, "year"),
        required_documents=[DOC_ID],
        contact_phone="tel:010-8447-2100"),
    svc("winter-warmth-meals-2025", "elderly", "org-fuxiang-catering",
        ("2025年冬季暖心送餐", "Winter warmth meals 2025"),
        ("2025年冬季为高龄老人免费送热汤饭。", "Free hot meals for the very old in winter 2025."),
        ("该项目在2025年冬季实施，已经结束。2026年起并入日常助餐服务。",
         "This project ran in winter 2025 and has ended. From 2026 it is part of the regular "
         "meal assistance service."),
        ["送餐", "冬季", "meals", "winter"],
        location_ids=["loc-jdk-canteen"], delivery=["home"], service_areas=["110101"],
        valid_from="2025-11-15", valid_until="2025-12-31",
        eligibility="age >= 80",
        eligibility_description=("80岁以上老人。", "People aged 80 or over."),
        contact_phone="tel:010-6402-6688"),
]
