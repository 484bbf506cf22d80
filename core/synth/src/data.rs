//! The generator's tables: places, names, words, categories with what their
//! services do, fact options and request-form attributes. Data only; the
//! code that draws from them is in the other modules.

/// District code suffix, name, name in pinyin, centroid.
pub(crate) const DISTRICTS: &[(&str, &str, &str, f64, f64)] = &[
    ("01", "东城", "Dongcheng", 39.9288, 116.4164),
    ("02", "西城", "Xicheng", 39.9123, 116.3660),
    ("05", "朝阳", "Chaoyang", 39.9215, 116.4864),
    ("06", "丰台", "Fengtai", 39.8586, 116.2870),
    ("07", "石景山", "Shijingshan", 39.9146, 116.2229),
    ("08", "海淀", "Haidian", 39.9593, 116.2980),
    ("09", "门头沟", "Mentougou", 39.9405, 116.1021),
    ("11", "房山", "Fangshan", 39.7486, 116.1433),
    ("12", "通州", "Tongzhou", 39.9092, 116.6566),
    ("13", "顺义", "Shunyi", 40.1302, 116.6545),
    ("14", "昌平", "Changping", 40.2208, 116.2312),
    ("15", "大兴", "Daxing", 39.7268, 116.3414),
    ("16", "怀柔", "Huairou", 40.3160, 116.6319),
    ("17", "平谷", "Pinggu", 40.1406, 117.1214),
    ("18", "密云", "Miyun", 40.3762, 116.8432),
    ("19", "延庆", "Yanqing", 40.4565, 115.9850),
];

/// Place-name stems for streets and communities.
pub(crate) const STEMS: &[(&str, &str)] = &[
    ("安定门", "Andingmen"),
    ("和平里", "Hepingli"),
    ("望京", "Wangjing"),
    ("双井", "Shuangjing"),
    ("交道口", "Jiaodaokou"),
    ("东四", "Dongsi"),
    ("朝阳门", "Chaoyangmen"),
    ("建国门", "Jianguomen"),
    ("东直门", "Dongzhimen"),
    ("景山", "Jingshan"),
    ("北新桥", "Beixinqiao"),
    ("东华门", "Donghuamen"),
    ("天坛", "Tiantan"),
    ("龙潭", "Longtan"),
    ("永定门外", "Yongdingmenwai"),
    ("体育馆路", "Tiyuguanlu"),
    ("前门", "Qianmen"),
    ("崇文门外", "Chongwenmenwai"),
    ("什刹海", "Shichahai"),
    ("德胜", "Desheng"),
    ("新街口", "Xinjiekou"),
    ("月坛", "Yuetan"),
    ("展览路", "Zhanlanlu"),
    ("金融街", "Jinrongjie"),
    ("广安门内", "Guanganmennei"),
    ("牛街", "Niujie"),
    ("白纸坊", "Baizhifang"),
    ("椿树", "Chunshu"),
    ("陶然亭", "Taoranting"),
    ("大栅栏", "Dashilan"),
    ("天桥", "Tianqiao"),
    ("建外", "Jianwai"),
    ("呼家楼", "Hujialou"),
    ("三里屯", "Sanlitun"),
    ("团结湖", "Tuanjiehu"),
    ("麦子店", "Maizidian"),
    ("劲松", "Jinsong"),
    ("潘家园", "Panjiayuan"),
    ("垡头", "Fatou"),
    ("亚运村", "Yayuncun"),
    ("小关", "Xiaoguan"),
    ("大屯", "Datun"),
    ("奥运村", "Aoyuncun"),
    ("酒仙桥", "Jiuxianqiao"),
    ("八里庄", "Balizhuang"),
    ("六里屯", "Liulitun"),
    ("右安门", "Youanmen"),
    ("方庄", "Fangzhuang"),
    ("卢沟桥", "Lugouqiao"),
    ("马家堡", "Majiapu"),
    ("八宝山", "Babaoshan"),
    ("鲁谷", "Lugu"),
    ("苹果园", "Pingguoyuan"),
    ("万寿路", "Wanshoulu"),
    ("羊坊店", "Yangfangdian"),
    ("甘家口", "Ganjiakou"),
    ("紫竹院", "Zizhuyuan"),
    ("北下关", "Beixiaguan"),
    ("学院路", "Xueyuanlu"),
    ("中关村", "Zhongguancun"),
    ("青龙桥", "Qinglongqiao"),
    ("清河", "Qinghe"),
    ("上地", "Shangdi"),
    ("回龙观", "Huilongguan"),
    ("天通苑", "Tiantongyuan"),
    ("城北", "Chengbei"),
    ("永顺", "Yongshun"),
    ("梨园", "Liyuan"),
    ("旺泉", "Wangquan"),
    ("兴丰", "Xingfeng"),
    ("林校路", "Linxiaolu"),
    ("清源", "Qingyuan"),
    ("黄村", "Huangcun"),
    ("亦庄", "Yizhuang"),
    ("良乡", "Liangxiang"),
    ("拱辰", "Gongchen"),
    ("大峪", "Dayu"),
    ("城子", "Chengzi"),
    ("泉河", "Quanhe"),
    ("龙山", "Longshan"),
    ("滨河", "Binhe"),
    ("鼓楼", "Gulou"),
    ("香水园", "Xiangshuiyuan"),
    ("儒林", "Rulin"),
];

/// Told apart streets that reuse a stem.
pub(crate) const STREET_MODIFIERS: &[(&str, &str)] =
    &[("东", "dong"), ("西", "xi"), ("南", "nan"), ("北", "bei")];

/// Stems found only in community names.
pub(crate) const COMMUNITY_STEMS: &[(&str, &str)] = &[
    ("幸福", "Xingfu"),
    ("和谐", "Hexie"),
    ("光明", "Guangming"),
    ("团结", "Tuanjie"),
    ("青年", "Qingnian"),
    ("百子湾", "Baiziwan"),
    ("甜水园", "Tianshuiyuan"),
    ("红庙", "Hongmiao"),
    ("水碓子", "Shuiduizi"),
    ("金台", "Jintai"),
    ("延静里", "Yanjingli"),
    ("花家地", "Huajiadi"),
    ("安华", "Anhua"),
    ("柳芳", "Liufang"),
    ("左家庄", "Zuojiazhuang"),
    ("新源", "Xinyuan"),
    ("枣园", "Zaoyuan"),
    ("桃园", "Taoyuan"),
    ("玉桥", "Yuqiao"),
    ("育新", "Yuxin"),
];

pub(crate) const COMMUNITY_SUFFIXES: &[(&str, &str)] = &[
    ("", ""),
    ("东里", "Dongli"),
    ("西里", "Xili"),
    ("北里", "Beili"),
    ("南里", "Nanli"),
    ("一区", "Yiqu"),
    ("二区", "Erqu"),
    ("三区", "Sanqu"),
    ("北街", "Beijie"),
    ("南街", "Nanjie"),
    ("中街", "Zhongjie"),
    ("花园", "Huayuan"),
    ("小区", "Xiaoqu"),
    ("新村", "Xincun"),
    ("家园", "Jiayuan"),
    ("东区", "Dongqu"),
    ("西区", "Xiqu"),
];

pub(crate) const HUB_FIELDS: &[(&str, &str)] = &[
    ("", ""),
    ("养老服务", "Elderly Care"),
    ("社会工作", "Social Work"),
    ("志愿服务", "Volunteer"),
    ("助残服务", "Disability Services"),
];

/// Organisation kinds with their name endings.
pub(crate) type NameEndings = &'static [(&'static str, &'static str)];
pub(crate) const ORGANIZATION_KINDS: &[(&str, NameEndings)] = &[
    (
        "social_work_firm",
        &[
            ("社会工作事务所", "Social Work Firm"),
            ("社工服务中心", "Social Work Service Centre"),
        ],
    ),
    (
        "social_organization",
        &[
            ("志愿服务协会", "Volunteer Association"),
            ("公益服务中心", "Charity Service Centre"),
            ("邻里互助会", "Neighbourhood Mutual Aid Society"),
            ("心理咨询服务中心", "Counselling Centre"),
        ],
    ),
    (
        "enterprise",
        &[
            ("养老服务有限公司", "Elderly Care Co., Ltd."),
            ("家政服务有限公司", "Housekeeping Services Co., Ltd."),
            ("健康管理有限公司", "Health Management Co., Ltd."),
        ],
    ),
    (
        "public_institution",
        &[
            ("社区卫生服务中心", "Community Health Service Centre"),
            ("职业技能培训学校", "Vocational Skills School"),
            ("文化馆", "Cultural Centre"),
        ],
    ),
];

pub(crate) const BRANDS: &[(&str, &str)] = &[
    ("心阳", "Xinyang"),
    ("仁爱", "Renai"),
    ("和熙", "Hexi"),
    ("益众", "Yizhong"),
    ("乐龄", "Leling"),
    ("恒爱", "Hengai"),
    ("启明", "Qiming"),
    ("同心", "Tongxin"),
    ("博爱", "Boai"),
    ("康乐", "Kangle"),
    ("春晖", "Chunhui"),
    ("晨光", "Chenguang"),
    ("德润", "Derun"),
    ("众合", "Zhonghe"),
    ("惠民", "Huimin"),
    ("安康", "Ankang"),
    ("馨苑", "Xinyuan"),
    ("睦邻", "Mulin"),
    ("暖阳", "Nuanyang"),
    ("长青", "Changqing"),
    ("友善", "Youshan"),
    ("融爱", "Rongai"),
    ("福寿", "Fushou"),
    ("青松", "Qingsong"),
];

pub(crate) const LOCATION_KINDS: &[(&str, &str)] = &[
    ("养老服务驿站", "Elderly Care Station"),
    ("服务站", "Community Service Station"),
    ("党群服务中心", "Community Centre"),
    ("社工站", "Social Work Station"),
    ("卫生服务站", "Health Station"),
    ("文化活动室", "Cultural Activity Room"),
    ("残疾人温馨家园", "Disability Day Centre"),
    ("就业服务站", "Employment Service Station"),
];

pub(crate) const ROADS: &[(&str, &str)] = &[
    ("大街", "Street"),
    ("路", "Road"),
    ("胡同", "Hutong"),
    ("北里", "Beili"),
    ("西路", "West Road"),
    ("东路", "East Road"),
];

pub(crate) const ACCESSIBILITY: &[(&str, &str)] = &[
    (
        "无障碍坡道，一层服务",
        "Step-free ramp, services on the ground floor",
    ),
    ("有电梯和无障碍卫生间", "Lift and accessible toilet"),
    (
        "可借用轮椅，设有盲道",
        "Wheelchairs to borrow, tactile paving",
    ),
];

/// A category with what its services look like.
pub(crate) struct Category {
    pub(crate) id: &'static str,
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
    pub(crate) description_zh: &'static str,
    pub(crate) description_en: &'static str,
    pub(crate) icon: &'static str,
    /// How often each fact appears in its rules, in the order of
    /// [`FACTS`](crate::rules::FACTS).
    pub(crate) facts: [u32; 10],
    pub(crate) cores: &'static [Core],
    pub(crate) targets: &'static [(&'static str, &'static str)],
    pub(crate) keywords: &'static [(&'static str, &'static str)],
}

/// What a service does, with the index of its cost unit in [`UNITS`].
pub(crate) struct Core {
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
    pub(crate) unit: usize,
}

pub(crate) const fn core(zh: &'static str, en: &'static str, unit: usize) -> Core {
    Core { zh, en, unit }
}

/// Cost units with the range of amounts charged per unit.
pub(crate) const UNITS: &[(&str, &str, usize, usize)] = &[
    ("次", "visit", 10, 200),
    ("小时", "hour", 30, 120),
    ("餐", "meal", 5, 30),
    ("月", "month", 100, 500),
    ("课时", "lesson", 10, 80),
    ("项", "item", 5, 500),
];

/// How often each category occurs: Zipf-like, elderly care first, then health.
pub(crate) const CATEGORY_WEIGHTS: [u32; 11] =
    [1000, 333, 111, 91, 167, 125, 500, 100, 143, 250, 200];

pub(crate) const CATEGORIES: &[Category] = &[
    Category {
        id: "elderly",
        zh: "养老服务",
        en: "Elderly care",
        description_zh: "居家和社区养老服务",
        description_en: "Care for older people at home and in the community",
        icon: "🧓",
        facts: [10, 40, 20, 15, 8, 5, 2, 0, 6, 0],
        cores: &[
            core("助餐", "meal assistance", 2),
            core("助浴", "bathing assistance", 0),
            core("助洁", "home cleaning", 1),
            core("助医", "medical escort", 0),
            core("日间照料", "day care", 3),
            core("居家照护", "home care", 1),
            core("适老化改造", "home adaptation for older people", 5),
            core("紧急呼叫", "emergency call", 3),
            core("探访关爱", "befriending visits", 0),
            core("老年人能力评估", "care needs assessment", 5),
        ],
        targets: &[
            ("老年人", "older people"),
            ("高龄老人", "people over 80"),
            ("独居老人", "older people living alone"),
            ("失能老人", "older people needing long-term care"),
        ],
        keywords: &[
            ("养老", "elderly care"),
            ("老年人", "older people"),
            ("居家", "at home"),
            ("照护", "care"),
        ],
    },
    Category {
        id: "disability",
        zh: "助残服务",
        en: "Disability support",
        description_zh: "残疾人康复、托养与无障碍服务",
        description_en: "Rehabilitation, residential support and accessibility",
        icon: "♿",
        facts: [10, 10, 5, 12, 40, 8, 5, 0, 5, 2],
        cores: &[
            core("康复训练", "rehabilitation training", 1),
            core("辅具适配", "assistive device fitting", 5),
            core("托养", "residential support", 3),
            core("无障碍改造", "accessibility adaptation", 5),
            core("职业康复", "vocational rehabilitation", 4),
            core("手语翻译", "sign language interpreting", 1),
        ],
        targets: &[
            ("残疾人", "people with disabilities"),
            ("残疾儿童", "children with disabilities"),
            ("重度残疾人", "people with severe disabilities"),
        ],
        keywords: &[
            ("助残", "disability"),
            ("康复", "rehabilitation"),
            ("无障碍", "accessibility"),
        ],
    },
    Category {
        id: "psychological",
        zh: "心理服务",
        en: "Psychological support",
        description_zh: "社会心理服务与心理援助",
        description_en: "Counselling and psychological support",
        icon: "💬",
        facts: [15, 15, 15, 10, 5, 5, 8, 3, 3, 8],
        cores: &[
            core("心理咨询", "counselling", 1),
            core("爱心传递热线", "support hotline", 0),
            core("情绪疏导", "emotional support", 0),
            core("危机干预", "crisis intervention", 0),
            core("家庭关系辅导", "family relationship guidance", 1),
        ],
        targets: &[
            ("居民", "residents"),
            ("青少年", "young people"),
            ("困难家庭", "families in difficulty"),
        ],
        keywords: &[
            ("心理", "mental health"),
            ("咨询", "counselling"),
            ("倾听", "listening"),
        ],
    },
    Category {
        id: "social_work",
        zh: "社会工作",
        en: "Social work",
        description_zh: "专业社工岗位与个案服务",
        description_en: "Professional social workers and case work",
        icon: "🤝",
        facts: [12, 10, 10, 25, 8, 8, 8, 2, 10, 8],
        cores: &[
            core("个案管理", "case management", 0),
            core("社工驻点", "community social worker", 0),
            core("困境儿童关爱", "care for children in difficulty", 0),
            core("矛盾调解", "mediation", 0),
            core("志愿者培育", "volunteer development", 4),
        ],
        targets: &[
            ("困难群众", "people in hardship"),
            ("困境儿童", "children in difficulty"),
            ("社区居民", "local residents"),
        ],
        keywords: &[
            ("社工", "social work"),
            ("个案", "case work"),
            ("志愿者", "volunteers"),
        ],
    },
    Category {
        id: "employment",
        zh: "就业服务",
        en: "Employment",
        description_zh: "职业指导、技能培训与就业援助",
        description_en: "Careers advice, skills training and job help",
        icon: "💼",
        facts: [10, 20, 0, 8, 5, 15, 30, 20, 8, 4],
        cores: &[
            core("职业指导", "career guidance", 0),
            core("技能培训", "skills training", 4),
            core("岗位推荐", "job matching", 0),
            core("创业指导", "start-up coaching", 1),
            core("就业援助", "employment assistance", 0),
        ],
        targets: &[
            ("失业人员", "unemployed people"),
            ("高校毕业生", "new graduates"),
            ("就业困难人员", "people who find it hard to get work"),
        ],
        keywords: &[
            ("就业", "jobs"),
            ("培训", "training"),
            ("求职", "job search"),
        ],
    },
    Category {
        id: "education",
        zh: "教育服务",
        en: "Education",
        description_zh: "托育、课后服务与终身学习",
        description_en: "Childcare, after-school care and lifelong learning",
        icon: "📚",
        facts: [12, 25, 0, 10, 5, 15, 8, 0, 5, 25],
        cores: &[
            core("课后托管", "after-school care", 3),
            core("家庭教育指导", "parenting guidance", 4),
            core("早期教育", "early childhood education", 4),
            core("学业辅导", "tutoring", 4),
            core("老年大学课程", "senior university courses", 4),
        ],
        targets: &[
            ("儿童", "children"),
            ("家长", "parents"),
            ("青少年", "teenagers"),
        ],
        keywords: &[
            ("教育", "education"),
            ("托育", "childcare"),
            ("学习", "learning"),
        ],
    },
    Category {
        id: "health",
        zh: "医疗卫生",
        en: "Health",
        description_zh: "基本医疗、护理与健康管理",
        description_en: "Primary care, nursing and health management",
        icon: "🩺",
        facts: [10, 35, 10, 12, 15, 8, 3, 0, 5, 6],
        cores: &[
            core("家庭医生签约", "family doctor contract", 3),
            core("慢病管理", "chronic disease management", 3),
            core("上门护理", "home nursing", 0),
            core("健康体检", "health check", 5),
            core("康复护理", "rehabilitation nursing", 1),
            core("中医理疗", "traditional Chinese medicine therapy", 0),
            core("健康讲座", "health talks", 0),
        ],
        targets: &[
            ("居民", "residents"),
            ("慢性病患者", "people with chronic illnesses"),
            ("老年人", "older people"),
            ("孕产妇", "pregnant women and new mothers"),
        ],
        keywords: &[
            ("医疗", "health care"),
            ("护理", "nursing"),
            ("健康", "health"),
            ("医生", "doctor"),
        ],
    },
    Category {
        id: "housing",
        zh: "住房保障",
        en: "Housing",
        description_zh: "住房保障与老旧小区服务",
        description_en: "Housing support and help in old residential compounds",
        icon: "🏠",
        facts: [12, 8, 8, 25, 8, 20, 3, 0, 20, 4],
        cores: &[
            core(
                "公租房申请协助",
                "public rental housing application help",
                0,
            ),
            core("住房维修", "home repairs", 5),
            core(
                "老旧小区自我服务管理",
                "self-management of old residential compounds",
                3,
            ),
            core("租房补贴咨询", "rent subsidy advice", 0),
            core("加装电梯协调", "lift installation coordination", 5),
        ],
        targets: &[
            ("住房困难家庭", "families short of housing"),
            ("老旧小区居民", "residents of old compounds"),
            ("新市民", "newcomers to the city"),
        ],
        keywords: &[
            ("住房", "housing"),
            ("公租房", "public rental housing"),
            ("维修", "repairs"),
        ],
    },
    Category {
        id: "culture_sports",
        zh: "文化体育",
        en: "Culture and sports",
        description_zh: "群众文化活动与全民健身",
        description_en: "Community culture and sport for all",
        icon: "🎭",
        facts: [30, 30, 5, 5, 8, 5, 5, 0, 2, 8],
        cores: &[
            core("健身指导", "fitness coaching", 4),
            core("文艺培训", "arts classes", 4),
            core("社区读书会", "community reading club", 0),
            core("广场舞", "square dancing", 4),
            core("书法绘画", "calligraphy and painting", 4),
            core("太极拳", "tai chi", 4),
        ],
        targets: &[
            ("居民", "residents"),
            ("老年人", "older people"),
            ("青少年", "young people"),
        ],
        keywords: &[
            ("文化", "culture"),
            ("体育", "sport"),
            ("活动", "activities"),
        ],
    },
    Category {
        id: "community_life",
        zh: "社区生活",
        en: "Community life",
        description_zh: "一刻钟便民服务圈",
        description_en: "Everyday services within a 15-minute walk",
        icon: "🏘️",
        facts: [35, 20, 12, 10, 5, 5, 3, 0, 5, 5],
        cores: &[
            core("便民维修", "handy repairs", 0),
            core("家政", "housekeeping", 1),
            core("代购代办", "errands", 0),
            core("理发", "haircuts", 0),
            core("法律咨询", "legal advice", 0),
            core("垃圾分类指导", "waste sorting guidance", 0),
            core("楼宇五站合一", "office building service stations", 0),
        ],
        targets: &[
            ("社区居民", "local residents"),
            ("老年人", "older people"),
            ("上班族", "working people"),
        ],
        keywords: &[
            ("便民", "convenience"),
            ("社区", "community"),
            ("一刻钟", "15 minutes"),
        ],
    },
    Category {
        id: "social_security",
        zh: "社会保障",
        en: "Social security",
        description_zh: "社会救助、社会保险与帮扶",
        description_en: "Social assistance, insurance and hardship support",
        icon: "🛡️",
        facts: [10, 10, 5, 35, 8, 15, 10, 5, 20, 3],
        cores: &[
            core("低保申办", "dibao application", 5),
            core("临时救助", "temporary assistance", 5),
            core("医保代办", "medical insurance help", 0),
            core("养老保险咨询", "pension insurance advice", 0),
            core("困难帮扶", "hardship support", 3),
        ],
        targets: &[
            ("困难家庭", "households in hardship"),
            ("低保家庭", "dibao households"),
            ("居民", "residents"),
        ],
        keywords: &[
            ("社保", "social security"),
            ("救助", "assistance"),
            ("低保", "dibao"),
        ],
    },
];

pub(crate) const NAME_PREFIXES: &[(&str, &str)] = &[
    ("社区", "community"),
    ("社区", "community"),
    ("邻里", "neighbourhood"),
    ("暖心", "warm-hearted"),
    ("爱心", "caring"),
    ("阳光", "sunshine"),
    ("一刻钟", "15-minute"),
    ("普惠", "universal"),
    ("", ""),
];

pub(crate) const NAME_SUFFIXES: &[(&str, &str)] = &[
    ("服务", "service"),
    ("服务", "service"),
    ("项目", "project"),
    ("计划", "programme"),
    ("行动", "campaign"),
    ("", ""),
];

pub(crate) const SUMMARY_EXTRAS: &[(&str, &str)] = &[
    ("，提供上门服务", ", with home visits"),
    ("，工作日开放", ", open on weekdays"),
    (
        "，由专业社工提供",
        ", delivered by professional social workers",
    ),
    ("，需提前预约", ", by appointment"),
    ("，覆盖辖区各街道", ", across all subdistricts"),
    (
        "，困难群体可享受补贴",
        ", with subsidies for people in hardship",
    ),
    ("，可电话咨询", ", with advice by phone"),
    (
        "，名额有限，先到先得",
        ", places are limited, first come first served",
    ),
    ("，急需者优先安排", ", urgent needs come first"),
    (
        "，服务质量接受居民评价",
        ", rated by the residents who use it",
    ),
];

pub(crate) const DESCRIPTION_SENTENCES: &[(&str, &str)] = &[
    (
        "服务由政府购买，社会组织承接，居民按需点单。",
        "The government buys the service, a social organisation delivers it, and residents order what they need.",
    ),
    (
        "服务人员均经过专业培训并持证上岗。",
        "All staff are trained and certified.",
    ),
    (
        "如需帮助，请联系所在社区服务站。",
        "For help, contact your community service station.",
    ),
    (
        "服务结束后，居民可对服务质量进行评价。",
        "After the service, residents can rate its quality.",
    ),
    (
        "本项目由社会建设专项资金支持。",
        "The project is paid for by the social construction fund.",
    ),
    (
        "办理时请携带本人身份证件。",
        "Please bring your identity card.",
    ),
    (
        "有特殊困难的居民可优先安排。",
        "Residents with urgent needs are served first.",
    ),
    (
        "具体服务时间以预约确认为准。",
        "Times are confirmed when you book.",
    ),
    (
        "本服务遵循需求导向、服务均等的原则。",
        "The service follows the principles of meeting demand and equal access.",
    ),
];

pub(crate) const INCOME_STATUSES: &[(&str, &str, &str)] = &[
    ("dibao", "低保", "Minimum living allowance (dibao)"),
    ("low_income", "低收入", "Low income"),
    ("special_hardship", "特困", "Special hardship"),
    ("none", "以上都不是", "None of these"),
];

pub(crate) const HUKOU: &[(&str, &str, &str)] = &[
    ("local", "本市户籍", "Beijing hukou"),
    ("nonlocal", "非本市户籍", "Hukou elsewhere"),
];

pub(crate) const EMPLOYMENT_STATUSES: &[(&str, &str, &str)] = &[
    ("employed", "在职", "Employed"),
    ("unemployed", "失业", "Unemployed"),
    ("retired", "退休", "Retired"),
    ("student", "在校学生", "Student"),
];

pub(crate) const INCOME_PHRASES: &[(&str, &str, &str)] = &[
    (
        "dibao",
        "低保家庭",
        "receiving dibao (minimum living allowance)",
    ),
    ("low_income", "低收入家庭", "in a low-income household"),
    ("special_hardship", "特困人员", "in special hardship"),
    ("none", "无上述困难情形", "with none of these statuses"),
];

pub(crate) const EMPLOYMENT_PHRASES: &[(&str, &str, &str)] = &[
    ("employed", "在职人员", "in work"),
    ("unemployed", "失业人员", "out of work"),
    ("retired", "退休人员", "retired"),
    ("student", "在校学生", "in education"),
];

/// The income statuses a clause may single out.
pub(crate) const INCOME_KEYS: [&str; 3] = ["dibao", "low_income", "special_hardship"];

pub(crate) const PERCENTS: &[u32] = &[10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100];

pub(crate) const LIMITS: &[(u32, &str)] = &[
    (1, "day"),
    (1, "week"),
    (2, "week"),
    (4, "month"),
    (30, "month"),
    (1, "year"),
    (2, "year"),
    (12, "year"),
];

pub(crate) const FUNDING_SOURCES: &[(&str, &str)] = &[
    ("北京市社会建设专项资金", "Beijing social construction fund"),
    (
        "区级政府购买服务资金",
        "District fund for purchased services",
    ),
    ("福利彩票公益金", "Welfare lottery fund"),
];

/// A request-form attribute and its values for the list types.
pub(crate) struct AttributeDef {
    pub(crate) code: &'static str,
    pub(crate) datatype: &'static str,
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
    pub(crate) values: &'static [(&'static str, &'static str, &'static str)],
}

pub(crate) const ATTRIBUTES: &[AttributeDef] = &[
    AttributeDef {
        code: "preferred_time",
        datatype: "datetime",
        zh: "期望服务时间",
        en: "Preferred time",
        values: &[],
    },
    AttributeDef {
        code: "household_size",
        datatype: "number",
        zh: "家庭人口数",
        en: "People in the household",
        values: &[],
    },
    AttributeDef {
        code: "contact_name",
        datatype: "string",
        zh: "联系人姓名",
        en: "Contact name",
        values: &[],
    },
    AttributeDef {
        code: "notes",
        datatype: "text",
        zh: "补充说明",
        en: "Anything else we should know",
        values: &[],
    },
    AttributeDef {
        code: "diet",
        datatype: "singlevaluelist",
        zh: "饮食要求",
        en: "Diet",
        values: &[
            ("normal", "普通", "Normal"),
            ("soft", "软食", "Soft food"),
            ("low_salt", "低盐", "Low salt"),
            ("diabetic", "糖尿病餐", "Diabetic"),
        ],
    },
    AttributeDef {
        code: "mobility",
        datatype: "singlevaluelist",
        zh: "行动能力",
        en: "Mobility",
        values: &[
            ("independent", "可独立行走", "Walks unaided"),
            ("walker", "需助行器", "Uses a walking aid"),
            ("wheelchair", "使用轮椅", "Uses a wheelchair"),
            ("bedbound", "卧床", "Confined to bed"),
        ],
    },
    AttributeDef {
        code: "needs",
        datatype: "multivaluelist",
        zh: "需要的帮助",
        en: "Help needed",
        values: &[
            ("meals", "助餐", "Meals"),
            ("cleaning", "助洁", "Cleaning"),
            ("bathing", "助浴", "Bathing"),
            ("escort", "陪同就医", "Escort to the doctor"),
            ("shopping", "代购", "Shopping"),
        ],
    },
    AttributeDef {
        code: "topics",
        datatype: "multivaluelist",
        zh: "关注的主题",
        en: "Topics",
        values: &[
            ("health", "健康", "Health"),
            ("law", "法律", "Law"),
            ("family", "家庭", "Family"),
            ("work", "就业", "Work"),
        ],
    },
    AttributeDef {
        code: "language",
        datatype: "singlevaluelist",
        zh: "沟通语言",
        en: "Language",
        values: &[
            ("putonghua", "普通话", "Putonghua"),
            ("dialect", "方言", "Local dialect"),
            ("sign", "手语", "Sign language"),
            ("english", "英语", "English"),
        ],
    },
    AttributeDef {
        code: "visit_address",
        datatype: "string",
        zh: "上门地址",
        en: "Address for home visits",
        values: &[],
    },
    AttributeDef {
        code: "hours_per_week",
        datatype: "number",
        zh: "每周服务小时数",
        en: "Hours a week",
        values: &[],
    },
];

/// How often each fact appears in subsidy conditions, in the order of
/// [`FACTS`](crate::rules::FACTS).
pub(crate) const SUBSIDY_FACTS: [u32; 10] = [0, 25, 8, 40, 15, 10, 0, 0, 10, 0];
/// How often each fact appears in priority conditions, in the order of
/// [`FACTS`](crate::rules::FACTS).
pub(crate) const PRIORITY_FACTS: [u32; 10] = [0, 30, 35, 15, 20, 0, 4, 4, 0, 10];
