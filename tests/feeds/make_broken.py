#!/usr/bin/env python3
"""Writes the broken-feed corpus in tests/feeds/broken/ from tests/feeds/valid/minimal.json.

Each broken feed is minimal.json with ONE fault (or, for the encoding and syntax faults, a
document that is not a feed at all), listed below with the exit code, JSON path and start of the
message that `outcomes validate` must give. The manifest broken/expected.tsv is written from the
same list, so a fault and its expectation are always declared together.

The corpus is committed; run this again only to change it:  python3 tests/feeds/make_broken.py
The Rust test crates/outcomes-cli/tests/corpus.rs then checks every file against the manifest.
"""

import copy
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
MINIMAL_BYTES = (HERE / "valid" / "minimal.json").read_bytes()
MINIMAL = json.loads(MINIMAL_BYTES)
BROKEN = HERE / "broken"

FAULTS = []  # (file name, bytes, exit code, expected path, expected message start)


def dump(document):
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def raw(name, data, path, message, exit_code=1):
    FAULTS.append((name, data, exit_code, path, message))


def edit(name, path, message, change):
    """minimal.json with `change` applied to a deep copy of it."""
    document = copy.deepcopy(MINIMAL)
    change(document)
    raw(name, dump(document), path, message)


def setter(*keys_then_value):
    *keys, value = keys_then_value

    def change(document):
        target = document
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def deleter(*keys):
    def change(document):
        target = document
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return change


DOC = "(document)"

# --- Not a feed at all: encoding and JSON syntax -------------------------------------------------
raw("not_json.json", b"Think Communities outcomes feed: to follow next week.\n", DOC, "not valid JSON at line 1 column 1")
raw("html_error_page.json", b"<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n", DOC, "not valid JSON at line 1 column 1")
raw("truncated.json", MINIMAL_BYTES[: len(MINIMAL_BYTES) // 2], DOC, "the feed ends too early")
raw("empty.json", b"", DOC, "the feed is empty")
raw("whitespace_only.json", b"  \n\t\n   \n", DOC, "the feed is only white space")
raw("top_level_array.json", b"[" + MINIMAL_BYTES.rstrip() + b"]\n", DOC, "the feed is a list, not an object")
raw("top_level_string.json", b'"schema_version: 1.0"\n', DOC, "the feed is text, not an object")
raw("invalid_utf8.json", MINIMAL_BYTES.replace(b"Waterlees Village", b"Waterlees \xff\xfe Village"), DOC, "the feed is not UTF-8 text: byte 0xFF at line 39 column 49")
raw("byte_order_mark.json", b"\xef\xbb\xbf" + MINIMAL_BYTES, DOC, "the feed starts with a byte order mark")
raw("utf16.json", MINIMAL_BYTES.decode("utf-8").encode("utf-16"), DOC, "the feed is UTF-16 text")
raw("trailing_comma.json", MINIMAL_BYTES.replace(b'"status": "provisional" }\n', b'"status": "provisional" },\n', 1), DOC, "not valid JSON at line 15 column 5: a comma before a closing bracket")
raw("double_comma.json", MINIMAL_BYTES.replace(b'"status": "published",', b'"status": "published",,', 1), DOC, "not valid JSON at line 16 column 27: an object key that is not in double quotes")
raw("trailing_text.json", MINIMAL_BYTES + b"{}\n", DOC, "not valid JSON at line 197 column 1: more text after the end of the JSON")
raw("comments.json", MINIMAL_BYTES.replace(b'  "schema_version"', b'  // written by hand\n  "schema_version"', 1), DOC, "not valid JSON at line 2 column 3: an object key that is not in double quotes")
raw("nan_literal.json", MINIMAL_BYTES.replace(b'"annual_outcome_payment_gbp": 120000', b'"annual_outcome_payment_gbp": NaN', 1), DOC, "not valid JSON at line 166 column 35: no value here")
raw("lone_surrogate.json", MINIMAL_BYTES.replace(b'"Dogsthorpe"', b'"Dogs\\ud800thorpe"', 1), DOC, "not valid JSON at line 41 column 49: a broken \\u escape in text")
raw("number_out_of_range.json", MINIMAL_BYTES.replace(b'"target": 40, "actual": 43', b'"target": 1e400, "actual": 43', 1), DOC, "a number at line 177 column 48 is too large to read")
raw("duplicate_key.json", MINIMAL_BYTES.replace(b'"name": "March North",', b'"name": "March North", "name": "March South",', 1), "geography.wards[1].name", "appears twice in the same object")
deep = copy.deepcopy(MINIMAL)
nested = "Fewer families in temporary accommodation"
for _ in range(200):
    nested = [nested]
deep["place_plans"][0]["priorities"] = nested
raw("deep_nesting.json", json.dumps(deep).encode() + b"\n", DOC, "lists and objects are nested more than 128 deep")

# --- Version and structure ---------------------------------------------------------------------
edit("unsupported_schema_version.json", "schema_version", '"2.0" is not a version this dashboard reads (expected "1.0")', setter("schema_version", "2.0"))
edit("schema_version_as_number.json", "schema_version", "is a number (1.5), not text", setter("schema_version", 1.5))
edit("missing_schema_version.json", "schema_version", 'is missing (expected "1.0")', deleter("schema_version"))
edit("missing_section.json", "contract", "is missing (this field is required)", deleter("contract"))
edit("missing_field_in_row.json", "journey.funnel[0].cohort", "is missing (this field is required)", deleter("journey", "funnel", 0, "cohort"))
edit("unknown_section.json", "extras", "is not a field of this object (expected one of: schema_version, publication", setter("extras", {"note": "not part of v1"}))
edit("unknown_field.json", "publication.colour", "is not a field of this object (expected one of: title, publisher", setter("publication", "colour", "teal"))
edit("list_given_as_object.json", "geography.wards", "is an object (expected a list)", setter("geography", "wards", {}))
edit("null_title.json", "publication.title", "is null (expected text)", setter("publication", "title", None))
edit("boolean_as_text.json", "publication.demonstration", 'is the text "yes" (expected true or false)', setter("publication", "demonstration", "yes"))
edit("unknown_enum_value.json", "publication.periods[1].status", '"finall" is not an allowed value (expected one of: final, provisional, draft)', setter("publication", "periods", 1, "status", "finall"))

# --- Counts --------------------------------------------------------------------------------------
edit("count_as_string.json", "journey.funnel[0].counts[0]", 'is the text "420" (expected a whole number from 0 to 100,000,000, or "[c]"', setter("journey", "funnel", 0, "counts", 0, "420"))
edit("count_as_wrong_symbol.json", "journey.outcomes[1].counts[1]", 'is the text "c" (expected a whole number', setter("journey", "outcomes", 1, "counts", 1, "c"))
edit("negative_count.json", "journey.entries[0].counts[2]", "is the number -5 (expected a whole number from 0 to 100,000,000", setter("journey", "entries", 0, "counts", 2, -5))
edit("fractional_count.json", "journey.handovers[1].counts[0]", "is the number 100.5 (expected a whole number", setter("journey", "handovers", 1, "counts", 0, 100.5))
edit("huge_count_1e30.json", "journey.funnel[4].counts[0]", "is the number 1e30 (expected a whole number", setter("journey", "funnel", 4, "counts", 0, 1e30))
edit("huge_count_2_pow_60.json", "journey.funnel[4].counts[0]", "is the number 1152921504606846976 (expected a whole number", setter("journey", "funnel", 4, "counts", 0, 2**60))
edit("huge_households.json", "geography.lsoas[0].households", "is the number 1e30 (expected a whole number from 0 to 4,294,967,295)", setter("geography", "lsoas", 0, "households", 1e30))
edit("count_below_minimum.json", "journey.funnel[0].counts[7]", '5 is below the disclosure minimum of 10 (expected it to be suppressed as "[c]")', setter("journey", "funnel", 0, "counts", 7, 5))
edit("count_not_rounded.json", "journey.funnel[1].counts[0]", "153 is not rounded to a multiple of 5", setter("journey", "funnel", 1, "counts", 0, 153))
edit("measure_value_not_rounded.json", "measures.values[0].denominator", "2853 is not rounded to a multiple of 5", setter("measures", "values", 0, "denominator", 2853))
edit("funnel_later_stage_larger.json", "journey.funnel[0].counts[3]", '310 at stage "Lead worker and plan" is more than 300 at the earlier stage "Consent to a joined-up response"', setter("journey", "funnel", 0, "counts", 3, 310))
edit("counts_wrong_length.json", "journey.funnel[2].counts", "has 7 counts (expected 8, one for each of journey.stages)", lambda d: d["journey"]["funnel"][2]["counts"].pop())
edit("numerator_above_denominator.json", "measures.values[0].numerator", "3000 is more than the denominator 2850", setter("measures", "values", 0, "numerator", 3000))
edit("rounding_base_zero.json", "disclosure.rounding_base", "is 0 (expected 1 to 1,000; 5 is usual)", setter("disclosure", "rounding_base", 0))

# --- References and uniqueness -------------------------------------------------------------------
edit("unknown_ward_in_funnel.json", "journey.funnel[3].area", '"E05999999" is not an area of this feed', setter("journey", "funnel", 3, "area", "E05999999"))
edit("unknown_district_on_ward.json", "geography.wards[1].district", '"E07000099" is not a district of this feed', setter("geography", "wards", 1, "district", "E07000099"))
edit("unknown_ward_on_lsoa.json", "geography.lsoas[2].ward", '"E05900099" is not a ward of this feed', setter("geography", "lsoas", 2, "ward", "E05900099"))
edit("unknown_cohort.json", "journey.funnel[1].cohort", '"pensioners" is not a cohort of this feed', setter("journey", "funnel", 1, "cohort", "pensioners"))
edit("unknown_measure_in_plan.json", "place_plans[0].measures[1]", '"fly-tipping" is not a measure of this feed', setter("place_plans", 0, "measures", 1, "fly-tipping"))
edit("unknown_measure_in_values.json", "measures.values[1].measure", '"out-of-work" is not a measure of this feed', setter("measures", "values", 1, "measure", "out-of-work"))
edit("plan_ward_in_other_district.json", "place_plans[0].wards[1]", '"E05900003" lies in district E06000031, not in the plan\'s district E07000010', setter("place_plans", 0, "wards", 1, "E05900003"))
edit("period_not_published.json", "journey.funnel[0].period", "2025-Q2 is not a period of this release", setter("journey", "funnel", 0, "period", "2025-Q2"))
edit("duplicate_ward_code.json", "geography.wards[4].code", '"E05900001" is used by another area too', lambda d: d["geography"]["wards"].append(copy.deepcopy(d["geography"]["wards"][0])))
edit("duplicate_stage_id.json", "journey.stages[1].id", '"identified" is used by another item of this list', setter("journey", "stages", 1, "id", "identified"))
edit("duplicate_funnel_row.json", "journey.funnel[8]", "2025-Q3 / E47000008 / all appears twice", lambda d: d["journey"]["funnel"].append(copy.deepcopy(d["journey"]["funnel"][0])))
edit("duplicate_lsoa.json", "geography.lsoas[5].code", '"E01900001" is listed twice', lambda d: d["geography"]["lsoas"].append(copy.deepcopy(d["geography"]["lsoas"][0])))


def no_all_cohort(document):
    document["journey"]["cohorts"][0]["id"] = "everyone"
    for table in ("funnel", "entries", "handovers", "outcomes"):
        for row in document["journey"][table]:
            if row["cohort"] == "all":
                row["cohort"] = "everyone"


edit("no_all_cohort.json", "journey.cohorts", 'has no cohort with id "all"', no_all_cohort)
edit("bad_ward_code.json", "geography.wards[0].code", '"E0590001" is not a ward GSS code', setter("geography", "wards", 0, "code", "E0590001"))

# --- Periods and dates ---------------------------------------------------------------------------
edit("financial_year_not_wholly_covered.json", "journey.funnel[0].period", "financial year 2025-26 is not wholly covered", setter("journey", "funnel", 0, "period", "2025-26"))
edit("malformed_financial_year.json", "journey.funnel[0].period", '"2025-27" is not a period', setter("journey", "funnel", 0, "period", "2025-27"))
edit("malformed_period.json", "publication.periods[1].period", '"2025-Q5" is not a quarter (expected YYYY-Qn', setter("publication", "periods", 1, "period", "2025-Q5"))
edit("impossible_date.json", "publication.release_date", '"2025-02-30" is not a date (expected an existing date as YYYY-MM-DD)', setter("publication", "release_date", "2025-02-30"))
edit("periods_out_of_order.json", "publication.periods[1].period", "2025-Q3 does not follow 2025-Q4", lambda d: d["publication"]["periods"].reverse())
edit("draft_period_in_published_release.json", "publication.periods[1].status", "2025-Q4 is a draft in a published release", setter("publication", "periods", 1, "status", "draft"))
edit("next_release_before_release.json", "publication.next_release_date", "2026-04-01 is not after the release date 2026-05-14", setter("publication", "next_release_date", "2026-04-01"))
edit("revision_after_release.json", "publication.revisions[0].date", "2026-06-01 is after the release date 2026-05-14", setter("publication", "revisions", 0, "date", "2026-06-01"))
edit("contract_ends_before_start.json", "contract.end_date", "2025-03-31 is not after the start date 2025-04-01", setter("contract", "end_date", "2025-03-31"))

# --- Deciles, money, KPIs ------------------------------------------------------------------------
edit("decile_zero.json", "geography.lsoas[0].imd_national_decile", "is 0 (expected a decile from 1 to 10)", setter("geography", "lsoas", 0, "imd_national_decile", 0))
edit("decile_eleven.json", "geography.lsoas[3].imd_local_decile", "is 11 (expected a decile from 1 to 10)", setter("geography", "lsoas", 3, "imd_local_decile", 11))
edit("protection_share_over_one.json", "disclosure.protection_share", "is 1.5 (expected 0 to 1; 0.5 is usual)", setter("disclosure", "protection_share", 1.5))
edit("kpi_weights_over_one.json", "contract.kpis", "payment weights add up to 1.100 (expected at most 1)", setter("contract", "kpis", 1, "payment", "weight", 0.6))
edit("percentage_kpi_over_100.json", "contract.kpis[1].quarters[1].actual", "is 120 (expected 0 to 100)", setter("contract", "kpis", 1, "quarters", 1, "actual", 120))

# --- More rules, one each, so every example message in docs/feed.md is checked ---------------------
edit("plan_id_not_an_id.json", "place_plans[0].id", '"Wisbech and March" is not an id (expected lower-case letters, digits, hyphens and underscores)', setter("place_plans", 0, "id", "Wisbech and March"))
edit("plan_without_wards.json", "place_plans[1].wards", "is empty (expected the wards the plan covers)", setter("place_plans", 1, "wards", []))
edit("plan_without_measures.json", "place_plans[1].measures", "is empty (expected at least the plan's headline measure)", setter("place_plans", 1, "measures", []))
edit("duplicate_action_id.json", "place_plans[0].actions[1].id", '"a1" is used by another action of this plan', setter("place_plans", 0, "actions", 1, "id", "a1"))
edit("single_stage.json", "journey.stages", "has 1 stage(s) (expected at least 2)", lambda d: (d["journey"].__setitem__("stages", d["journey"]["stages"][:1]), [row.__setitem__("counts", row["counts"][:1]) for row in d["journey"]["funnel"]]))
edit("empty_code_list.json", "journey.domains", "is empty (expected at least one item)", lambda d: (d["journey"].__setitem__("domains", []), [row.__setitem__("counts", []) for row in d["journey"]["outcomes"]]))
edit("duplicate_measure_id.json", "measures.catalogue[1].id", '"out-of-work-benefits" is used by another measure', setter("measures", "catalogue", 1, "id", "out-of-work-benefits"))
edit("duplicate_measure_value.json", "measures.values[4]", "out-of-work-benefits / 2025-Q3 / E05900001 appears twice", lambda d: d["measures"]["values"].append(copy.deepcopy(d["measures"]["values"][0])))
edit("negative_outcome_payment.json", "contract.annual_outcome_payment_gbp", "is -1 (expected 0 to 10000000000)", setter("contract", "annual_outcome_payment_gbp", -1))
edit("rag_thresholds_reversed.json", "contract.kpis[0].rag", "amber from 1.1 and green from 1 (expected 0 < amber_from <= green_from <= 10)", setter("contract", "kpis", 0, "rag", "amber_from", 1.1))
edit("kpi_weight_over_one.json", "contract.kpis[0].payment.weight", "is 1.5 (expected 0 to 1)", setter("contract", "kpis", 0, "payment", "weight", 1.5))
edit("duplicate_kpi_id.json", "contract.kpis[1].id", '"groups-supported" is used by another KPI', setter("contract", "kpis", 1, "id", "groups-supported"))
edit("kpi_quarters_out_of_order.json", "contract.kpis[0].quarters[1].period", "2025-Q3 is out of order or repeated", setter("contract", "kpis", 0, "quarters", 1, "period", "2025-Q3"))
edit("kpi_target_zero.json", "contract.kpis[1].quarters[0].target", "is 0 (expected more than 0 and at most 100)", setter("contract", "kpis", 1, "quarters", 0, "target", 0))
edit("no_periods.json", "publication.periods", "is empty (expected at least one quarter)", lambda d: (d["publication"].__setitem__("periods", []), [d["journey"].__setitem__(t, []) for t in ("funnel", "entries", "handovers", "outcomes")], d["measures"].__setitem__("values", [])))
edit("county_code_of_a_district.json", "geography.county.code", '"E07000008" is not a county or combined authority GSS code', setter("geography", "county", "code", "E07000008"))
edit("malformed_date_format.json", "place_plans[0].actions[0].due_date", '"31/03/2026" is not a date (expected an existing date as YYYY-MM-DD)', setter("place_plans", 0, "actions", 0, "due_date", "31/03/2026"))
edit("terminal_escape_in_key.json", 'publication["\\u{1b}[31mred"]', "is not a field of this object", setter("publication", "\u001b[31mred", "x"))

# --- Text: markup, scripts, invisible characters, length, addresses ------------------------------
edit("script_in_ward_name.json", "geography.wards[0].name", 'contains HTML markup "<script>alert(1)</script>"', setter("geography", "wards", 0, "name", "<script>alert(1)</script>"))
edit("img_onerror_in_stage_name.json", "journey.stages[0].name", 'contains HTML markup "Identified <img src=x onerror=alert(1)>"', setter("journey", "stages", 0, "name", "Identified <img src=x onerror=alert(1)>"))
edit("javascript_licence_url.json", "publication.licence.url", 'contains a script URL "javascript:alert(document.cookie)"', setter("publication", "licence", "url", "javascript:alert(document.cookie)"))
edit("http_licence_url.json", "publication.licence.url", '"http://www.nationalarchives.gov.uk/doc/open-government-licence/" is not an https:// address', setter("publication", "licence", "url", "http://www.nationalarchives.gov.uk/doc/open-government-licence/"))
edit("right_to_left_override.json", "geography.districts[0].name", "contains the text-direction control character U+202E", setter("geography", "districts", 0, "name", "Fen\u202eland"))
edit("newline_in_text.json", "place_plans[1].priorities[0]", "contains the control character U+000A", setter("place_plans", 1, "priorities", 0, "Every resident online\nwho wants to be"))
edit("label_5000_characters.json", "journey.stages[2].definition", "is 5,000 characters long (expected at most 2,000)", setter("journey", "stages", 2, "definition", "x" * 5000))
edit("empty_name.json", "geography.county.name", "is empty (expected text)", setter("geography", "county", "name", "  "))
edit("bad_contact_email.json", "publication.contact.email", '"think.communities at example.org" is not an email address', setter("publication", "contact", "email", "think.communities at example.org"))


def main():
    names = [fault[0] for fault in FAULTS]
    assert len(names) == len(set(names)), "two faults share a file name"
    for old in BROKEN.glob("*.json"):
        old.unlink()
    lines = ["file\texit_code\texpected_path\texpected_message_fragment"]
    for name, data, exit_code, path, message in FAULTS:
        (BROKEN / name).write_bytes(data)
        assert "\t" not in message and "\n" not in message
        lines.append(f"{name}\t{exit_code}\t{path}\t{message}")
    (BROKEN / "expected.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(FAULTS)} broken feeds and broken/expected.tsv")


if __name__ == "__main__":
    main()
