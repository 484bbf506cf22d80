"""Elderly care: meals, home care, day care, emergency calls, adaptations."""

from . import (BEDS, DISTRICT_FUND, DOC_DIBAO, DOC_HUKOU, DOC_ID, LOTTERY_FUND, PER_DAY,
               PER_HOUR, PER_MEAL, PLACES, T, attr, cap, cost, limit, prio, sub, svc)
from . import attrs

LOW_INCOME = 'income_status in ["dibao", "low_income", "special_hardship"]'

SERVICES = [
    svc("meal-assist-dc", "elderly", "org-fuxiang-catering",
        ("东城区老年助餐", "Senior meal assistance, Dongcheng"),
        ("在社区老年餐桌吃上热乎、实惠的午餐和晚餐。",
         "Hot, affordable lunches and dinners at a community senior canteen."),
        ("老年餐桌每天供应午餐和晚餐，荤素搭配，可选软食、低糖、低盐。"
         "低保、特困老人免费，80岁以上老人享受半价。",
         "The canteen serves lunch and dinner every day, with soft, low-sugar and low-salt "
         "options. Meals are free for dibao households and people in special hardship, and "
         "half price from age 80."),
        ["助餐", "老年餐", "餐桌", "meals", "lunch", "canteen"],
        location_ids=["loc-jdk-canteen"], delivery=["centre"], service_areas=["110101"],
        eligibility='age >= 60 and residence within "110101"',
        eligibility_description=("东城区60岁及以上常住老人。",
                                 "Residents of Dongcheng aged 60 or over."),
        cost=cost(20, PER_MEAL, [
            sub('income_status in ["dibao", "special_hardship"]', 100, "低保、特困老人全额补贴",
                "Fully covered for dibao and special-hardship households"),
            sub("age >= 80", 50, "80岁以上补贴一半", "Half covered from age 80"),
            sub("true", 25, "助餐基础补贴", "Basic meal subsidy")]),
        priority=[prio("living_alone and age >= 80", "urgent", "80岁以上独居老人优先",
                       "People over 80 living alone come first")],
        limits=limit(2, "day"), capacity=cap(18, 60, PLACES),
        attributes=[attrs.diet(1), attrs.meal_times(2), attrs.start(3)],
        contact_phone="tel:010-6402-6688"),
    svc("meal-assist-cy", "elderly", "org-fuxiang-catering",
        ("朝阳区老年助餐", "Senior meal assistance, Chaoyang"),
        ("芳草地老年餐桌提供实惠午餐。", "Affordable lunches at the Fangcaodi senior canteen."),
        ("餐桌每天中午开放，一荤两素一汤。困难家庭老人和高龄老人有补贴。",
         "The canteen opens every lunchtime with one meat dish, two vegetable dishes and soup. "
         "Older people in low-income households and the very old pay less."),
        ["助餐", "老年餐", "午餐", "meals", "lunch"],
        location_ids=["loc-fcd-canteen"], delivery=["centre"], service_areas=["110105"],
        eligibility="age >= 60",
        eligibility_description=("朝阳区60岁及以上老人。", "People in Chaoyang aged 60 or over."),
        cost=cost(18, PER_MEAL, [
            sub(LOW_INCOME, 100, "困难家庭老人免费", "Free for households in hardship"),
            sub("age > 89", 100, "90岁以上免费", "Free from age 90"),
            sub("age >= 80", 40, "80岁以上补贴四成", "40% covered from age 80")]),
        limits=limit(1, "day"), capacity=cap(0, 40, PLACES),
        attributes=[attrs.diet(1)],
        contact_phone="tel:010-6593-6688"),
    svc("meal-delivery-dc", "elderly", "org-fuxiang-catering",
        ("老年餐送餐上门", "Meals delivered to your door"),
        ("行动不便的老人在家就能吃上热饭。", "Hot meals at home for older people who cannot get out."),
        ("送餐员每天中午把午餐送到家门口，并顺便看看老人是否安好。"
         "高龄或重度残疾的老人优先安排。",
         "A delivery worker brings lunch to the door every day and checks that all is well. "
         "The very old and people with severe disabilities are served first."),
        ["送餐", "助餐", "上门", "meals", "delivery", "home"],
        location_ids=["loc-jdk-canteen"], delivery=["home"], service_areas=["110101"],
        eligibility="age >= 75 or disability_grade in [1, 2]",
        eligibility_description=("75岁以上老人，或一、二级残疾人。",
                                 "People aged 75 or over, or with a grade 1 or 2 disability."),
        cost=cost(25, PER_MEAL, [
            sub(LOW_INCOME, 100, "困难家庭全额补贴", "Fully covered for households in hardship"),
            sub("true", 30, "送餐补贴", "Delivery subsidy")]),
        priority=[prio("living_alone", "high", "独居老人优先", "People living alone come first")],
        limits=limit(31, "month"), capacity=cap(0, 25, PLACES),
        attributes=[attrs.address(1), attrs.diet(2), attrs.start(3)],
        contact_phone="tel:010-6402-6688"),
    svc("home-care-visits", "elderly", "org-anjia-care",
        ("居家养老上门服务", "Home care visits"),
        ("护理员上门帮助洗澡、打扫和日常照料。",
         "A carer visits to help with bathing, cleaning and daily living."),
        ("持证护理员按约定时间上门，提供助洁、助浴、助行和陪同就医。"
         "独居或重度残疾的老人可优先安排，并按收入享受补贴。",
         "A certified carer visits at agreed times to help with cleaning, bathing, walking and "
         "going to the doctor. People living alone or with severe disabilities come first and "
         "pay according to income."),
        ["居家养老", "上门", "护理员", "home care", "carer", "visits"],
        delivery=["home"], service_areas=["110101", "110105"],
        eligibility="age >= 60 and (living_alone or disability_grade <= 2)",
        eligibility_description=("60岁以上，并且独居或为一、二级残疾的老人。",
                                 "People aged 60 or over who live alone or have a grade 1 or 2 disability."),
        cost=cost(50, PER_HOUR, [
            sub('income_status == "dibao"', 100, "低保家庭全额补贴", "Fully covered for dibao households"),
            sub("age >= 80", 50, "80岁以上补贴一半", "Half covered from age 80")]),
        priority=[prio("living_alone and age >= 80", "urgent", "高龄独居，保障急需",
                       "Very old and living alone: urgent needs first"),
                  prio("disability_grade <= 2", "high", "重度残疾优先", "Severe disability comes first")],
        limits=limit(8, "month"), capacity=cap(6, 30, PLACES),
        attributes=[attrs.address(1),
                    attr("care_needs", "multivaluelist", True, 2, "需要哪些帮助？", "What help do you need?", [
                        ("cleaning", "助洁", "Cleaning"), ("bathing", "助浴", "Bathing"),
                        ("walking", "助行", "Walking"), ("escort", "陪同就医", "Escort to the doctor")]),
                    attrs.weekdays(3), attrs.notes(4)],
        required_documents=[DOC_ID],
        contact_phone="tel:010-8447-2100"),
    svc("day-care-jingshan", "elderly", "org-silver-age",
        ("景山老年日间照料", "Jingshan senior day care"),
        ("白天来中心活动、吃饭、午休，晚上回家。",
         "Spend the day at the centre with activities, lunch and a rest, and go home at night."),
        ("日间照料中心提供午餐、午休、康复活动和兴趣小组，工作日开放。"
         "适合白天家中无人照看的老人。",
         "The centre offers lunch, an afternoon rest, gentle exercise and hobby groups on "
         "weekdays. It suits older people with no one at home during the day."),
        ["日间照料", "托老", "day care", "seniors"],
        location_ids=["loc-jingshan-daycare"], delivery=["centre"], service_areas=["110101002", "110101001"],
        eligibility="age >= 65",
        eligibility_description=("65岁及以上老人。", "People aged 65 or over."),
        cost=cost(60, PER_DAY, [
            sub(LOW_INCOME, 80, "困难家庭补贴八成", "80% covered for households in hardship"),
            sub("true", 30, "日托补贴", "Day-care subsidy")]),
        limits=limit(22, "month"), capacity=cap(4, 20, BEDS),
        attributes=[attrs.start(1), attrs.weekdays(2, True), attrs.notes(3)],
        funding=DISTRICT_FUND, contact_phone="tel:010-6401-5508"),
    svc("emergency-call-device", "elderly", "org-kangban-tech",
        ("独居老人紧急呼叫设备", "Emergency call device for seniors living alone"),
        ("免费安装一键呼叫器，出事按一下就有人应答。",
         "A one-button alarm, installed free: press it and someone answers, day or night."),
        ("工作人员上门免费安装呼叫器和烟感报警器，24小时值守平台接到呼叫后联系家属和社区。"
         "平台服务费每月10元，困难家庭和80岁以上老人免交。",
         "Staff install a call button and a smoke alarm free of charge. The 24-hour desk answers "
         "every call and contacts family and the community. The desk costs 10 yuan a month, "
         "waived for households in hardship and people over 80."),
        ["紧急呼叫", "一键通", "独居", "emergency", "alarm", "alone"],
        delivery=["home"], service_areas=["110000"],
        eligibility="age >= 65 and living_alone == true",
        eligibility_description=("65岁以上独居老人。", "People aged 65 or over who live alone."),
        cost=cost(10, T("每月", "per month"), [
            sub(LOW_INCOME, 100, "困难家庭免平台服务费", "No service fee for households in hardship"),
            sub("age >= 80", 100, "80岁以上免费", "Free from age 80"),
            sub("true", 50, "平台服务费补贴一半", "Half the service fee covered")]),
        priority=[prio("age >= 80 or disability_grade <= 2", "urgent", "高龄或重度残疾优先安装",
                       "Installed first for the very old and severely disabled")],
        limits=limit(1, "year"), capacity=cap(120, 500, T("台设备", "devices")),
        attributes=[attrs.address(1), attrs.appointment(2)],
        required_documents=[DOC_ID], funding=LOTTERY_FUND,
        contact_phone="tel:010-5873-9900"),
    svc("home-adaptation", "elderly", "org-anjia-care",
        ("居家适老化改造", "Home accessibility modification for seniors"),
        ("装扶手、防滑地面、坐式淋浴，让家里更安全。",
         "Grab bars, non-slip floors and shower seats to make your home safer."),
        ("评估员上门查看后，按需安装扶手、防滑垫、夜灯和坐便椅。"
         "本市户籍老人可申请，困难家庭全额补贴。",
         "An assessor visits first, then grab bars, non-slip mats, night lights and commode "
         "chairs are fitted as needed. Open to older people with a Beijing hukou; free for "
         "households in hardship."),
        ["适老化", "改造", "扶手", "adaptation", "grab bars", "safety"],
        delivery=["home"], service_areas=["110000"],
        eligibility='age >= 60 and hukou == "local"',
        eligibility_description=("60岁以上本市户籍老人。", "People aged 60 or over with a Beijing hukou."),
        cost=cost(300, T("每户", "per home"), [
            sub(LOW_INCOME, 100, "困难家庭全额补贴", "Fully covered for households in hardship"),
            sub("age >= 80 or disability_grade <= 2", 80, "高龄或重度残疾补贴八成",
                "80% covered for the very old or severely disabled"),
            sub("true", 50, "普惠补贴一半", "Half covered for everyone")]),
        limits=limit(1, "year"),
        attributes=[attrs.address(1),
                    attr("items", "multivaluelist", True, 2, "想改造哪些地方？", "What would you like fitted?", [
                        ("grab_bars", "扶手", "Grab bars"), ("non_slip", "防滑地面", "Non-slip floor"),
                        ("shower_seat", "淋浴椅", "Shower seat"), ("night_light", "感应夜灯", "Night lights"),
                        ("door_sill", "去除门槛", "Remove door sills")]),
                    attrs.notes(3)],
        required_documents=[DOC_HUKOU, DOC_ID, DOC_DIBAO],
        funding=DISTRICT_FUND, contact_phone="tel:010-8447-2100"),
]
