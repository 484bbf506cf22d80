#!/usr/bin/env python3
"""Writes the sample feeds the app ships with:

- public/feeds/sample.json: the bilingual Beijing menu a new user sees first;
- tests/data/open311-demo.json: a small Haidian menu whose requests go to a
  local Open311 endpoint, for tests of that path. It posts to loopback, so it
  lives with the tests and never ships in `dist/`.

The data lives in scripts/sample_feed/. Both feeds are checked before they
are written; the script exits non-zero if a check fails. Output is
deterministic. Usage: python3 scripts/make_sample_feed.py [--check-only]
"""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_feed import T  # noqa: E402
from sample_feed import (open311_demo, services_community, services_edu_health,  # noqa: E402
                         services_elderly, services_elderly2, services_housing_culture,
                         services_security, services_socialwork, services_support,
                         services_work_learn)
from sample_feed.check import CONSTRUCTS, DATATYPES, check_feed  # noqa: E402
from sample_feed.facts import CATEGORIES, FACTS  # noqa: E402
from sample_feed.locations import LOCATIONS  # noqa: E402
from sample_feed.orgs import ORGANIZATIONS  # noqa: E402
from sample_feed.regions import REGIONS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "public" / "feeds"
TEST_DATA = ROOT / "tests" / "data"

SERVICE_MODULES = [
    services_elderly, services_elderly2, services_support, services_socialwork,
    services_work_learn, services_edu_health, services_housing_culture,
    services_community, services_security,
]


def sample_feed():
    services = [s for m in SERVICE_MODULES for s in m.SERVICES]
    return {
        "caidan_feed": "1.0",
        "id": "beijing-sample",
        "version": "2026.11.1",
        "published_at": "2026-11-20T08:00:00+08:00",
        "title": T("北京市政府购买服务菜单（示例）", "Beijing public service menu (sample)"),
        "publisher": {
            "name": T("北京市社会建设工作办公室（示例）", "Beijing Social Construction Office (sample)"),
            "phone": "tel:010-12345",
            "url": "https://caidan-sample.example.org/",
        },
        "default_locale": "zh-CN",
        "locales": ["zh-CN", "en"],
        "currency": "CNY",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "intake": {"kind": "voucher", "hotline": "tel:010-12345"},
        "notices": [
            {"text": T("这是一份示例菜单：机构名称均为虚构，服务内容仅供演示。"
                       "政府制订“菜单”、群众“点菜”、社会组织“做菜”。",
                       "This is a sample menu: all organisations are fictional and the services "
                       "are for demonstration. The government writes the menu, residents order, "
                       "social organisations cook."),
             "severity": "info"},
            {"text": T("冬季护理员调配期间，部分上门服务暂停受理，紧急情况请拨打12345。",
                       "Some home services are paused while winter staffing is arranged. "
                       "In an emergency, call 12345."),
             "severity": "warning"},
        ],
        "regions": REGIONS,
        "categories": CATEGORIES,
        "facts": FACTS,
        "organizations": ORGANIZATIONS,
        "locations": LOCATIONS,
        "services": services,
    }


def sample_extras(feed, usage, categories):
    """Checks only the sample must pass: coverage of the format."""
    problems = []
    services = feed["services"]
    if len(services) < 64:
        problems.append(f"only {len(services)} services, want at least 64")
    used = {s["category"] for s in services}
    problems += [f"category `{c}` has no service" for c in categories if c not in used]
    datatypes = {a["datatype"] for s in services for a in s.get("attributes", [])}
    problems += [f"datatype `{d}` unused" for d in sorted(DATATYPES - datatypes)]
    problems += [f"rule construct `{c}` unused" for c in CONSTRUCTS if c not in usage]
    hubs = [o["id"] for o in feed["organizations"] if o["kind"] == "hub"]
    for h in hubs:
        members = [o for o in feed["organizations"] if o.get("parent_organization_id") == h]
        if len(members) < 3:
            problems.append(f"hub `{h}` has fewer than 3 members")
    status = Counter(s["status"] for s in services)
    expired = [s for s in services if s.get("valid_until", "9999") < "2026-01-01"]
    future = [s for s in services if s.get("valid_from", "0000") > "2026-11-20"]
    if (status["temporarily_closed"], status["inactive"], len(expired), len(future)) != (2, 1, 2, 2):
        problems.append(f"status mix off: {dict(status)}, {len(expired)} expired, {len(future)} future")
    full = [s for s in services if s.get("capacity", {}).get("available") == 0]
    if len(full) < 4 or sum("limits" in s for s in services) < 8:
        problems.append("want at least 4 full services and 8 with limits")
    return problems


def write(feed, name, out):
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
    (out / name).write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main():
    check_only = "--check-only" in sys.argv[1:]
    failed = False
    sample = sample_feed()
    demo = open311_demo.build()
    for name, feed, out in (("sample.json", sample, OUT), ("open311-demo.json", demo, TEST_DATA)):
        problems, usage, _, categories = check_feed(feed)
        if feed is sample:
            problems += sample_extras(feed, usage, categories)
        if problems:
            failed = True
            print(f"{name}: {len(problems)} problem(s)", file=sys.stderr)
            for p in problems:
                print(f"  {p}", file=sys.stderr)
            continue
        size = 0 if check_only else write(feed, name, out)
        levels = Counter(r["level"] for r in feed["regions"])
        cats = Counter(s["category"] for s in feed["services"])
        print(f"{name}: ok, {size} bytes; regions {dict(levels)}; "
              f"{len(feed['organizations'])} organizations, {len(feed['locations'])} locations, "
              f"{len(feed['services'])} services")
        if feed is sample:
            print("  services by category: " + ", ".join(f"{c} {n}" for c, n in cats.items()))
            print("  rule constructs: " + ", ".join(f"{c} ({usage[c]})" for c in CONSTRUCTS))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
