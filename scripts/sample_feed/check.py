"""Self-check of a generated feed against FEED.md. `check_feed` returns a
list of problems (empty when the feed is sound) and a report of what the
feed's rules use."""

import re

from .rules import RuleError, check_rule

ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
LEVELS = ["city", "district", "street", "community"]
KINDS = {"hub", "social_work_firm", "social_organization", "enterprise", "public_institution"}
STATUSES = {"active", "inactive", "temporarily_closed", "defunct"}
DELIVERY = {"home", "centre", "phone", "online"}
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
PERIODS = {"day", "week", "month", "year"}
TEXT_KEYS = {"title", "name", "summary", "description", "eligibility_description", "question",
             "help", "unit", "label", "reason", "source", "address", "accessibility", "text"}
CONSTRUCTS = ["and", "or", "not", "parentheses", "==", "!=", "<", "<=", ">", ">=",
              "in-strings", "in-numbers", "within", "true", "false", "bare-boolean-fact",
              "date-comparison", "number-fact-comparison"]


def check_texts(node, path, locales, problems):
    """Every Text (by field name) is an object with every locale, non-empty."""
    if isinstance(node, dict):
        for k, v in node.items():
            p = f"{path}.{k}"
            if k in TEXT_KEYS:
                if not isinstance(v, dict) or any(not isinstance(v.get(l), str) or not v.get(l).strip()
                                                  for l in locales) or set(v) - set(locales):
                    problems.append(f"{p}: not a Text with exactly {locales}")
            elif k == "required_documents":
                for i, d in enumerate(v):
                    check_texts({"text": d}, f"{p}[{i}]", locales, problems)
            else:
                check_texts(v, p, locales, problems)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            check_texts(v, f"{path}[{i}]", locales, problems)


def check_urls(node, path, problems):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("url", "phone", "contact_phone", "hotline", "endpoint") and isinstance(v, str):
                if not re.match(r"^(https?://[^\s]+|tel:[0-9+-]+|mailto:\S+@\S+)$", v):
                    problems.append(f"{path}.{k}: bad url `{v}`")
            else:
                check_urls(v, f"{path}.{k}", problems)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            check_urls(v, f"{path}[{i}]", problems)


def unique(items, key, list_name, problems):
    seen = {}
    for i, it in enumerate(items):
        v = it.get(key)
        if not isinstance(v, str) or not ID.match(v):
            problems.append(f"{list_name}[{i}]: bad id `{v}`")
        elif v in seen:
            problems.append(f"{list_name}[{i}]: duplicate id `{v}`")
        seen[v] = it
    return seen


def check_feed(feed):
    problems = []
    usage = {}  # construct -> first service id using it
    locales = feed["locales"]
    for k in ("caidan_feed", "id", "version", "published_at", "title", "default_locale", "regions",
              "categories", "facts", "organizations", "services", "intake"):
        if k not in feed:
            problems.append(f"missing top-level `{k}`")
    if not DATETIME.match(feed["published_at"]):
        problems.append("published_at: not RFC 3339")
    check_texts(feed, "feed", locales, problems)
    check_urls(feed, "feed", problems)

    regions = unique(feed["regions"], "code", "regions", problems)
    for r in feed["regions"]:
        p = r.get("parent")
        if p is not None:
            if p not in regions:
                problems.append(f"region {r['code']}: unknown parent `{p}`")
            elif LEVELS.index(regions[p]["level"]) >= LEVELS.index(r["level"]):
                problems.append(f"region {r['code']}: level does not deepen below {p}")
            elif not r["code"].startswith(p.rstrip("0")):
                problems.append(f"region {r['code']}: code does not extend its parent's")
    categories = unique(feed["categories"], "id", "categories", problems)
    facts = unique(feed["facts"], "id", "facts", problems)
    if facts.get("residence", {}).get("type") != "region":
        problems.append("facts: `residence` of type region is required")
    for f in feed["facts"]:
        if f["type"] == "choice":
            keys = [o["key"] for o in f["options"]]
            if len(keys) != len(set(keys)) or not keys:
                problems.append(f"fact {f['id']}: options empty or keys not unique")
    orgs = unique(feed["organizations"], "id", "organizations", problems)
    for o in feed["organizations"]:
        if o["kind"] not in KINDS:
            problems.append(f"org {o['id']}: bad kind")
        p = o.get("parent_organization_id")
        if p is not None and orgs.get(p, {}).get("kind") != "hub":
            problems.append(f"org {o['id']}: parent `{p}` is not a hub")
        if "rating" in o and not 3.8 <= o["rating"]["score"] <= 4.9:
            problems.append(f"org {o['id']}: rating out of range")
    locations = unique(feed["locations"], "id", "locations", problems)
    for l in feed["locations"]:
        if l["region"] not in regions:
            problems.append(f"location {l['id']}: unknown region")
        else:
            lat, lon = regions[l["region"]]["centroid"]
            if abs(lat - l["latitude"]) > 0.02 or abs(lon - l["longitude"]) > 0.02:
                problems.append(f"location {l['id']}: far from its region")
        for s in l["schedules"]:
            if not set(s["byday"].split(",")) <= DAYS:
                problems.append(f"location {l['id']}: bad byday `{s['byday']}`")
            if not (TIME.match(s["opens_at"]) and TIME.match(s["closes_at"])) \
                    or s["closes_at"] <= s["opens_at"]:
                problems.append(f"location {l['id']}: bad hours")

    services = unique(feed["services"], "id", "services", problems)

    def rule(sid, where, src):
        try:
            for c in check_rule(src, facts, regions):
                usage.setdefault(c, sid)
        except RuleError as e:
            problems.append(f"service {sid}.{where}: {e} in `{src}`")

    for s in feed["services"]:
        sid = s["id"]
        if s["category"] not in categories:
            problems.append(f"service {sid}: unknown category")
        if s["organization_id"] not in orgs:
            problems.append(f"service {sid}: unknown organization")
        for lid in s.get("location_ids", []):
            if lid not in locations:
                problems.append(f"service {sid}: unknown location `{lid}`")
        for a in s.get("service_areas", []):
            if a not in regions:
                problems.append(f"service {sid}: unknown service area `{a}`")
        if not set(s.get("delivery", [])) <= DELIVERY or s["status"] not in STATUSES:
            problems.append(f"service {sid}: bad delivery or status")
        for k in ("valid_from", "valid_until"):
            if k in s and not DATE.match(s[k]):
                problems.append(f"service {sid}: bad {k}")
        if any(k != k.lower() for k in s["keywords"]):
            problems.append(f"service {sid}: keywords must be lowercase")
        if "eligibility" in s:
            rule(sid, "eligibility", s["eligibility"])
            if "eligibility_description" not in s:
                problems.append(f"service {sid}: eligibility without a description")
        if "cost" in s:
            if not 5 <= s["cost"]["amount"] <= 300:
                problems.append(f"service {sid}: cost amount out of range")
            for i, sub in enumerate(s["cost"].get("subsidies", [])):
                rule(sid, f"cost.subsidies[{i}].when", sub["when"])
                if not 0 <= sub["covers_percent"] <= 100:
                    problems.append(f"service {sid}: covers_percent out of range")
        for i, pr in enumerate(s.get("priority", [])):
            rule(sid, f"priority[{i}].when", pr["when"])
            if pr["level"] not in ("urgent", "high"):
                problems.append(f"service {sid}: bad priority level")
        if "limits" in s and s["limits"]["per_resident"]["period"] not in PERIODS:
            problems.append(f"service {sid}: bad limits period")
        if "capacity" in s:
            c = s["capacity"]
            if not 0 <= c["available"] <= c["maximum"] or not DATETIME.match(c["updated"]):
                problems.append(f"service {sid}: bad capacity")
        codes = set()
        for a in s.get("attributes", []):
            if a["code"] in codes or not ID.match(a["code"]):
                problems.append(f"service {sid}: bad or duplicate attribute `{a['code']}`")
            codes.add(a["code"])
            if a["datatype"] not in DATATYPES:
                problems.append(f"service {sid}: bad datatype `{a['datatype']}`")
            listy = a["datatype"].endswith("valuelist")
            keys = [v["key"] for v in a.get("values", [])]
            if listy != ("values" in a) or len(keys) != len(set(keys)) or (listy and not keys):
                problems.append(f"service {sid}: attribute `{a['code']}` values do not fit its datatype")
    return problems, usage, services, categories
