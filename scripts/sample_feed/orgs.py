"""The organisations that deliver the menu. All names are fictional.

Two hub organisations (枢纽型社会组织) bundle the projects of grassroots
groups that cannot bid on their own; those groups name their hub in
`parent_organization_id`.
"""

from . import T


def org(id, kind, zh, en, dzh, den, phone, site, rating=None, parent=None):
    o = {"id": id, "name": T(zh, en), "description": T(dzh, den), "kind": kind}
    if parent is not None:
        o["parent_organization_id"] = parent
    o["phone"] = "tel:" + phone
    o["url"] = f"https://{site}.example.org/"
    if rating is not None:
        score, count = rating
        o["rating"] = {"score": score, "count": count, "period": "2026"}
    return o


HUB_DC = "hub-dongcheng"
HUB_CY = "hub-chaoyang"

ORGANIZATIONS = [
    # Hubs.
    org(HUB_DC, "hub", "东城区社会组织联合会", "Dongcheng Federation of Social Organisations",
        "东城区枢纽型社会组织，联系同领域草根组织，打包申报并牵头实施购买服务项目。",
        "Dongcheng's hub organisation: it links grassroots groups, bundles their projects "
        "into joint bids and leads their delivery.",
        "010-6401-2200", "dc-federation", (4.5, 318)),
    org(HUB_CY, "hub", "朝阳区社区服务枢纽中心", "Chaoyang Community Service Hub Centre",
        "为朝阳区社区社会组织提供孵化、培训和项目统筹。",
        "Incubates, trains and coordinates the projects of community groups in Chaoyang.",
        "010-8599-3100", "cy-hub", (4.4, 276)),
    # Grassroots members of the Dongcheng hub.
    org("org-jiaodaokou-neighbours", "social_organization", "交道口邻里互助队",
        "Jiaodaokou Neighbourly Help Team",
        "胡同里的居民志愿者，探访独居老人、组织楼院议事和治安巡逻。",
        "Resident volunteers in the hutongs who visit older people living alone, "
        "run courtyard councils and walk safety patrols.",
        "010-6403-5512", "jdk-neighbours", (4.8, 142), HUB_DC),
    org("org-hutong-arts", "social_organization", "胡同文化艺术团", "Hutong Culture and Arts Troupe",
        "组织社区合唱、戏曲和书画活动，运营社区书香驿站。",
        "Runs community choirs, opera and calligraphy groups and the neighbourhood reading rooms.",
        "010-6405-7720", "hutong-arts", (4.7, 96), HUB_DC),
    org("org-silver-age", "social_organization", "东城区银龄互助协会", "Dongcheng Silver Age Mutual Aid Association",
        "低龄老人帮助高龄老人，开展结对陪伴和电话问候。",
        "Younger retirees help the very old through befriending and daily phone calls.",
        "010-6408-3316", "silver-age", (4.6, 203), HUB_DC),
    org("org-xinyang", "social_work_firm", "心阳社工事务所", "Xinyang Social Work Firm",
        "专业社工事务所，为困难家庭提供个案管理、心理疏导和资源链接。",
        "A professional social-work firm offering casework, emotional support and "
        "links to benefits for families in hardship.",
        "010-6512-0000", "xinyang-sw", (4.6, 132), HUB_DC),
    # Grassroots members of the Chaoyang hub.
    org("org-wangjing-volunteers", "social_organization", "望京邻里志愿者协会",
        "Wangjing Neighbourhood Volunteers Association",
        "组织楼门长、志愿巡逻和社区议事会，服务老旧小区自我管理。",
        "Organises block captains, volunteer patrols and resident councils in older compounds.",
        "010-6471-2208", "wj-volunteers", (4.5, 87), HUB_CY),
    org("org-square-dance", "social_organization", "朝阳区广场舞协会", "Chaoyang Square Dance Association",
        "在社区广场开设免费教学，倡导文明健身。",
        "Teaches free square-dance classes in community squares and promotes considerate exercise.",
        "010-6593-1180", "cy-dance", (4.3, 154), HUB_CY),
    org("org-hujialou-repair", "social_organization", "呼家楼便民维修服务队", "Hujialou Handy Repair Team",
        "退休技术工人组成的服务队，上门修理水电、家电和门窗。",
        "Retired tradespeople who repair plumbing, wiring, appliances and windows at home.",
        "010-6506-4471", "hjl-repair", (4.9, 211), HUB_CY),
    org("org-seedling-kids", "social_organization", "青苗亲子成长互助会", "Seedling Parent and Child Mutual Aid Society",
        "开展课后托管、家长课堂和亲子阅读。",
        "Runs after-school care, parenting classes and family reading sessions.",
        "010-6468-9025", "seedling", (4.4, 73), HUB_CY),
    # Social-work firms and specialist organisations.
    org("org-tongxin", "social_work_firm", "同心社工事务所", "Tongxin Social Work Firm",
        "承接西城区专业社工岗位，服务残疾人家庭和困境儿童。",
        "Holds Xicheng's professional social-work posts, serving families with disabled "
        "members and children in difficulty.",
        "010-6601-8830", "tongxin-sw", (4.5, 119)),
    org("org-aixin", "social_organization", "爱心传递心理服务中心", "Aixin Chuandi Psychological Service Centre",
        "运营“爱心传递”心理支持热线，由专业心理咨询师和志愿者接听。",
        "Runs the Aixin Chuandi (Passing on Care) support hotline, answered by counsellors "
        "and trained volunteers.",
        "010-6209-5500", "aixin-hotline", (4.8, 512)),
    org("org-anju", "social_organization", "首都安居咨询服务中心", "Capital Home Advice Centre",
        "为居民提供公共租赁住房申请和住房补贴的咨询代办。",
        "Advises residents on applying for public rental housing and housing allowances.",
        "010-6833-4102", "anju-advice", (4.1, 64)),
    # Public institutions.
    org("org-jdk-health", "public_institution", "交道口社区卫生服务中心",
        "Jiaodaokou Community Health Service Centre",
        "提供家庭医生签约、慢病管理和居家护理。",
        "Family doctor sign-up, chronic disease care and home nursing.",
        "010-6404-1120", "jdk-health", (4.6, 388)),
    org("org-yuetan-health", "public_institution", "月坛社区卫生服务中心", "Yuetan Community Health Service Centre",
        "西城区月坛地区的社区卫生服务中心。",
        "The community health service centre for the Yuetan area of Xicheng.",
        "010-6852-7730", "yuetan-health", (4.5, 301)),
    org("org-hujialou-health", "public_institution", "呼家楼社区卫生服务中心",
        "Hujialou Community Health Service Centre",
        "朝阳区呼家楼地区的社区卫生服务中心。",
        "The community health service centre for the Hujialou area of Chaoyang.",
        "010-6582-6610", "hjl-health", (4.2, 247)),
    org("org-xc-rehab", "public_institution", "西城区温馨家园残疾人服务中心",
        "Xicheng Warm Home Centre for People with Disabilities",
        "为残疾人提供康复训练、日间照料和辅具适配。",
        "Rehabilitation, day care and assistive devices for people with disabilities.",
        "010-6615-2290", "xc-warmhome", (4.7, 158)),
    org("org-cy-employment", "public_institution", "朝阳区公共就业服务中心", "Chaoyang Public Employment Service Centre",
        "提供岗位推荐、职业培训和就业援助。",
        "Job referrals, vocational training and help back into work.",
        "010-6508-8841", "cy-jobs", (4.0, 426)),
    org("org-xc-social-insurance", "public_institution", "西城区社会保险事务服务中心",
        "Xicheng Social Insurance Service Centre",
        "办理养老保险、医疗保险的咨询和业务。",
        "Advice and paperwork for pension and medical insurance.",
        "010-6617-3355", "xc-insurance", (3.9, 512)),
    org("org-dc-veterans", "public_institution", "东城区退役军人服务中心", "Dongcheng Veterans' Service Centre",
        "为退役军人提供政策咨询、就业创业和帮扶援助。",
        "Policy advice, jobs and support for military veterans.",
        "010-6407-8110", "dc-veterans"),
    # Enterprises.
    org("org-fuxiang-catering", "enterprise", "福祥餐饮管理有限公司", "Fuxiang Catering Management Co., Ltd.",
        "社区老年餐桌的运营企业，提供堂食和送餐上门。",
        "Runs community canteens for older people, with meals at the canteen or delivered home.",
        "010-6402-6688", "fuxiang-catering", (4.2, 865)),
    org("org-anjia-care", "enterprise", "安家居家养老服务有限公司", "Anjia Home Care Services Co., Ltd.",
        "持证护理员上门提供助浴、助洁和生活照料。",
        "Certified carers who visit to help with bathing, cleaning and daily living.",
        "010-8447-2100", "anjia-care", (4.3, 377)),
    org("org-kangban-tech", "enterprise", "康伴智能科技有限公司", "Kangban Smart Care Technology Co., Ltd.",
        "为独居老人安装紧急呼叫设备并提供24小时应答。",
        "Installs emergency call devices for older people living alone, with a 24-hour response desk.",
        "010-5873-9900", "kangban", (3.8, 190)),
]
