"""Data for the Caidan sample feeds, split by topic.

Each module holds one part of the Beijing sample feed as plain Python data;
`scripts/make_sample_feed.py` assembles, checks and writes it. The helpers
below keep the data compact and every object's keys in a stable order, so
the generated JSON is the same on every run.
"""

UPDATED = "2026-11-20T08:00:00+08:00"
FUNDING_YEAR = 2026


def T(zh, en):
    """A bilingual Text: Chinese (the default locale) and English."""
    return {"zh-CN": zh, "en": en}


def option(key, zh, en):
    """One option of a choice fact."""
    return {"key": key, "label": T(zh, en)}


def value(key, zh, en):
    """One value of a list attribute."""
    return {"key": key, "name": T(zh, en)}


def attr(code, datatype, required, order, zh, en, values=None):
    """One request-form attribute, as an Open311 service-definition attribute."""
    a = {
        "code": code,
        "datatype": datatype,
        "required": required,
        "order": order,
        "description": T(zh, en),
    }
    if values is not None:
        a["values"] = [value(*v) for v in values]
    return a


def sub(when, percent, zh, en):
    """One subsidy: the first whose `when` is true applies."""
    return {"when": when, "covers_percent": percent, "label": T(zh, en)}


def cost(amount, unit, subsidies=()):
    """A cost per unit, with its subsidies in order."""
    c = {"amount": amount, "unit": unit}
    if subsidies:
        c["subsidies"] = list(subsidies)
    return c


def prio(when, level, zh, en):
    """One priority rule (urgent needs first)."""
    return {"when": when, "level": level, "reason": T(zh, en)}


def limit(count, period):
    """How many requests one resident may place per period."""
    return {"per_resident": {"count": count, "period": period}}


def cap(available, maximum, unit):
    """Places left as of the feed's publication."""
    return {
        "available": available,
        "maximum": maximum,
        "unit": unit,
        "updated": UPDATED,
    }


def funding(zh, en):
    """Where the money comes from."""
    return {"source": T(zh, en), "year": FUNDING_YEAR}


SOCIAL_FUND = funding("北京市社会建设专项资金", "Beijing Social Construction Fund")
DISTRICT_FUND = funding("区级政府购买服务资金", "District government purchasing budget")
LOTTERY_FUND = funding("福利彩票公益金", "Welfare lottery public-benefit fund")

# Units used by several services.
PER_MEAL = T("每餐", "per meal")
PER_VISIT = T("每次", "per visit")
PER_HOUR = T("每小时", "per hour")
PER_DAY = T("每天", "per day")
PER_MONTH = T("每月", "per month")
PER_COURSE = T("每期", "per course")
PER_SESSION = T("每节", "per session")
PLACES = T("个名额", "places")
BEDS = T("张床位", "places")
SEATS = T("个座位", "seats")

# Documents residents are asked to bring.
DOC_HUKOU = T("户口本", "Household register (hukou booklet)")
DOC_ID = T("身份证", "Resident ID card")
DOC_DISABILITY = T("残疾人证", "Disability certificate")
DOC_DIBAO = T("低保证", "Subsistence allowance (dibao) certificate")
DOC_VETERAN = T("退役军人证", "Veteran's certificate")
DOC_UNEMPLOYED = T("就业失业登记证", "Employment and unemployment registration card")

KEYS = (
    "id", "name", "summary", "description", "category", "keywords",
    "organization_id", "location_ids", "delivery", "service_areas", "status",
    "valid_from", "valid_until", "eligibility", "eligibility_description",
    "cost", "priority", "limits", "capacity", "attributes",
    "required_documents", "funding", "contact_phone",
)


def svc(id, category, org, name, summary, description, keywords, **rest):
    """One service. `name`, `summary`, `description` and
    `eligibility_description` are (zh, en) pairs; the other fields are given
    as they appear in the feed. Keys come out in the order of `KEYS`."""
    fields = {
        "id": id,
        "name": T(*name),
        "summary": T(*summary),
        "description": T(*description),
        "category": category,
        "keywords": list(keywords),
        "organization_id": org,
        "status": "active",
        "funding": SOCIAL_FUND,
    }
    for key, v in rest.items():
        if key not in KEYS:
            raise KeyError(f"unknown service field `{key}` in `{id}`")
        if key == "eligibility_description":
            v = T(*v)
        fields[key] = v
    return {k: fields[k] for k in KEYS if k in fields and fields[k] is not None}
