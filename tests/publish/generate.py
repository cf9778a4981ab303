#!/usr/bin/env python3
"""Generates invented record-level inputs for `outcomes publish` (docs/publishing.md).

The example in this directory was made with
    python3 tests/publish/generate.py --release tests/publish/release.json --people 600 --seed 7 --errors --out tests/publish
and the inputs for measuring memory (1 and 10 million journey rows, kept out of the repository) with
    outcomes demo --out /tmp/demo
    python3 tests/publish/generate.py --reference /tmp/demo/feed.json --people 250000 --out /tmp/publish-1m

Everything is invented: people are spread over the LSOAs, quarters and cohorts at random, each
reaches each next stage with a fixed chance, a few days after the last. Ids are sequence numbers,
so rows come out sorted by id, as `outcomes publish` needs. With --errors, a handful of broken rows
(one of each kind the publisher rejects or flags) are mixed in, so the report has something to say.
Only the Python standard library is used.
"""

import argparse
import datetime
import json
import os
import random

QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}


def quarter_bounds(period):
    year, quarter = int(period[:4]), int(period[-1])
    month = QUARTER_START_MONTH[quarter]
    start = datetime.date(year + (1 if quarter == 4 else 0), month, 1)
    end_month = month + 3
    end = datetime.date(start.year + (1 if end_month > 12 else 0), (end_month - 1) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--release", help="a release.json with geography and code lists")
    source.add_argument("--reference", help="a feed whose geography and code lists to use (writes a release.json too)")
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--errors", action="store_true", help="mix in one broken row of each kind")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    if args.release:
        config = json.load(open(args.release, encoding="utf-8"))
        geography, lists = config["geography"], config["code_lists"]
        plans, catalogue, kpis = config["place_plans"], config["measures"], config["contract"]["kpis"]
        periods = [p["period"] for p in config["publication"]["periods"]]
        extract = datetime.date.fromisoformat(config.get("extract_date") or config["publication"]["release_date"])
        roles = config["stages"]
    else:
        feed = json.load(open(args.reference, encoding="utf-8"))
        geography, journey = feed["geography"], feed["journey"]
        lists = {key: journey[key] for key in ("stages", "cohorts", "domains", "entry_routes", "services")}
        plans, catalogue, kpis = feed["place_plans"], feed["measures"]["catalogue"], feed["contract"]["kpis"]
        periods = [p["period"] for p in feed["publication"]["periods"]]
        extract = datetime.date.fromisoformat(feed["publication"]["release_date"])
        roles = {"handover": "handed-over", "outcome": "outcome-achieved"}
        publication = {key: feed["publication"][key] for key in ("title", "publisher", "licence", "release_date", "periods", "demonstration", "contact")}
        publication["title"] = "Think Communities outcomes (generated test release)"
        release = {"publication": publication, "extract_date": extract.isoformat(), "stages": roles}
        with open(os.path.join(args.out, "release.json"), "w", encoding="utf-8") as out:
            json.dump(release, out, indent=2)
            out.write("\n")

    stages = [s["id"] for s in lists["stages"]]
    handover, outcome = stages.index(roles["handover"]), stages.index(roles["outcome"])
    cohorts = [c["id"] for c in lists["cohorts"] if c["id"] != "all"]
    routes = [r["id"] for r in lists["entry_routes"]]
    services = [s["id"] for s in lists["services"]]
    domains = [d["id"] for d in lists["domains"]]
    lsoas = [l["code"] for l in geography["lsoas"]]
    bounds = [quarter_bounds(p) for p in periods]
    route_weights = [1.0 / (i + 1) for i in range(len(routes))]
    service_weights = [1.0 / (i + 1) for i in range(len(services))]

    with open(os.path.join(args.out, "journey.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("id,stage,date,lsoa,cohort,entry_route,service,domain\r\n")
        lines = []
        for number in range(1, args.people + 1):
            person = "p%08d" % number
            lsoa = rng.choice(lsoas)
            cohort = rng.choice(cohorts)
            route = rng.choices(routes, route_weights)[0]
            start, end = bounds[rng.randrange(len(bounds))]
            date = start + datetime.timedelta(days=rng.randrange((end - start).days + 1))
            lines.append(f"{person},{stages[0]},{date},{lsoa},{cohort},{route},,\r\n")
            for stage in range(1, len(stages)):
                if rng.random() > 0.82:
                    break
                date += datetime.timedelta(days=rng.randrange(0, 21))
                if date > extract:
                    break
                service = rng.choices(services, service_weights)[0] if stage == handover else ""
                domain = rng.choice(domains) if stage == outcome else ""
                lines.append(f"{person},{stages[stage]},{date},,,,{service},{domain}\r\n")
            if len(lines) >= 10000:
                out.writelines(lines)
                lines = []
        if args.errors:
            first = bounds[0][0]
            late = f"{extract + datetime.timedelta(days=3)}"
            before = f"{first - datetime.timedelta(days=40)}"
            x = f"{first + datetime.timedelta(days=5)}"
            lines += [
                f"q0000001,{stages[0]},{x},E01999999,{cohorts[0]},{routes[0]},,\r\n",          # unknown LSOA
                f"q0000002,{stages[0]},2025-02-30,{lsoas[0]},{cohorts[0]},{routes[0]},,\r\n",   # no such day
                f"q0000003,{stages[0]},{late},{lsoas[0]},{cohorts[0]},{routes[0]},,\r\n",       # after the extract
                f"q0000004,{stages[0]},{before},{lsoas[0]},{cohorts[0]},{routes[0]},,\r\n",     # before the release
                f"q0000005,{stages[0]},{x},{lsoas[1]},{cohorts[0]},{routes[0]},,\r\n",
                f"q0000005,{stages[1]},{x},,,,,\r\n",
                f"q0000005,{stages[0]},{x},{lsoas[1]},{cohorts[0]},{routes[0]},,\r\n",          # stage regression
                f"q0000005,{stages[1]},{x},,,,,\r\n",                                           # duplicate event
                f"q0000005,{stages[3]},{x},,,,,\r\n",                                           # skipped stage
                f"q0000006,{stages[0]},{x},{lsoas[2]},{cohorts[-1]},{routes[-1]},,\r\n",
                f"q0000006,{stages[1]},{x},{lsoas[3]},,,,\r\n",                                 # moved: flagged
                f"q0000004,{stages[1]},{x},,,,,\r\n",                                           # out of id order
                f"q0000007,{stages[1]},{x},,,,,\r\n",                                           # no identification
                f"q0000008,{stages[0]},{x},{lsoas[0]}\r\n",                                     # too few fields
            ]
        out.writelines(lines)

    quarters = range(len(periods))
    with open(os.path.join(args.out, "measures.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("measure,period,ward,numerator,denominator\r\n")
        for measure in catalogue:
            for ward in geography["wards"]:
                base = rng.randrange(800, 4000)
                share = rng.uniform(0.01, 0.12)
                for q in quarters:
                    denominator = base + 3 * q
                    out.write(f"{measure['id']},{periods[q]},{ward['code']},{int(denominator * share)},{denominator}\r\n")

    with open(os.path.join(args.out, "contract.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("kpi,period,target,actual\r\n")
        for kpi in kpis:
            for q in quarters:
                target = 40 + 5 * q if kpi["unit"] == "count" else 60
                actual = "" if q == len(periods) - 1 and kpi is kpis[-1] else str(round(target * rng.uniform(0.8, 1.2)))
                out.write(f"{kpi['id']},{periods[q]},{target},{actual}\r\n")

    with open(os.path.join(args.out, "actions.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("plan,id,title,lead_partner_type,due_date,status\r\n")
        titles = ["Open a weekly community hub", "Debt advice at the food bank", "Warm hand-overs from the jobcentre"]
        partners = ["vcs", "council", "dwp"]
        statuses = ["on_track", "at_risk", "complete", "not_started"]
        for plan in plans:
            for i, title in enumerate(titles[: 2 + len(plan["id"]) % 2]):
                due = bounds[-1][1] + datetime.timedelta(days=30 * (i + 1))
                out.write(f"{plan['id']},a{i + 1},\"{title}, {plan['name']}\",{partners[i]},{due},{statuses[(i + len(plan['id'])) % 4]}\r\n")


if __name__ == "__main__":
    main()
