"""The review page: escaping, the data each article ships, span marks, gold misses and extras,
--doc/--limit, and the career graph's layout.

The fixture is a hand-made run folder (an English nursing article carrying hostile markup),
not pipeline output, so these tests pin the page and nothing else. What only a browser can
show (search, filters, drawing) is in test_review_browser.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.cli import app
from extract.models import DocumentRecord, RolesFile
from extract.review import build_page, review_command
from extract.review.graph import NODE_H, Edge, graph_data, layout, place
from extract.review.locate import locate, locate_amount
from extract.review.render import (
    MERGED_ROLE_SOURCES,
    csp_hash,
    json_for_script,
    mark_classes,
    merged_role_card,
    text_marks,
    years_label,
)
from extract.review.spans import Span, segment

SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned = 2; alert(1)">'
TEXTAREA = "</textarea><b>not bold</b>"
HOSTILE = (SCRIPT, IMG, TEXTAREA)

ARTICLE = f"""Registered Nurse: career guide

A registered nurse (RN) provides and coordinates patient care.

Duties
- Assess patients' health and record symptoms.
- Administer medication and treatments {SCRIPT}
- Educate patients about managing illness.

Requirements
- A bachelor's degree in nursing (BSN).
- 2 years of clinical experience {IMG}
- A valid RN license.{TEXTAREA}

Salary
The median pay is $77,600 per year.

Career path
Staff Nurse (0-2 years) -> Charge Nurse -> Nurse Manager
"""


def ev(text: str, value: str, **extra: Any) -> dict[str, Any]:
    """Evidence for the first occurrence of `value` in `text`."""
    start = text.index(value)
    return {"text": value, "start": start, "end": start + len(value), **extra}


def nurse_role(text: str) -> dict[str, Any]:
    return {
        "role_id": "nursing/staff",
        "function": "nursing",
        "level": "staff",
        "name": "Registered Nurse",
        "mentions": ["RN"],
        "summary": ev(text, "A registered nurse (RN) provides and coordinates patient care."),
        "duties": [
            ev(text, "coordinates patient care"),
            ev(text, "Assess patients' health and record symptoms."),
            ev(text, f"Administer medication and treatments {SCRIPT}"),
        ],
        "requirements": [
            ev(text, "A bachelor's degree in nursing (BSN).", kind="education"),
            ev(text, f"2 years of clinical experience {IMG}", kind="experience", min_years=2, max_years=2),
        ],
        "salaries": [
            ev(
                text,
                "$77,600 per year",
                min=77600,
                max=77600,
                currency="USD",
                period="year",
                stat="median",
            )
        ],
        "career_path": [
            ev(
                text,
                "Staff Nurse",
                order=1,
                name="Staff Nurse",
                role_id="nursing/staff",
                min_years=0,
                max_years=2,
            ),
            ev(text, "Charge Nurse", order=2, name="Charge Nurse", role_id="nursing/lead"),
            ev(text, "Nurse Manager", order=3, name="Nurse Manager", role_id="nursing/manager"),
        ],
    }


GOLD = {
    "doc_id": "rn_guide",
    "roles": [
        {
            "role_id": "nursing/staff",
            "names": ["Registered Nurse", "RN"],
            "duties": [
                "Assess patients' health and record symptoms.",
                f"Administer medication and treatments {SCRIPT}",
                "Educate patients about managing illness.",
            ],
            "requirements": [
                {"kind": "education", "text": "A bachelor's degree in nursing (BSN)."},
                {"kind": "experience", "text": f"2 years of clinical experience {IMG}", "min_years": 2},
                {"kind": "certification", "text": "A valid RN license."},
            ],
            "salaries": [
                {"min": 77600, "max": 77600, "currency": "USD", "period": "year", "stat": "median"},
                {"min": 38, "max": 38, "currency": "USD", "period": "hour", "stat": "average"},
            ],
            "career_path": [
                {"name": "Staff Nurse", "role_id": "nursing/staff", "min_years": 0, "max_years": 2},
                {"name": "Charge Nurse", "role_id": "nursing/lead"},
                {"name": "Nurse Manager", "role_id": "nursing/manager"},
            ],
        }
    ],
}


def merged_roles() -> dict[str, Any]:
    src = [{"doc_id": "rn_guide", "start": 0, "end": 10}]

    def role(rid: str, names: list[str], edges: list[dict[str, Any]]) -> dict[str, Any]:
        function, level = rid.split("/")
        return {
            "role_id": rid,
            "function": function,
            "level": level,
            "names": {"en": names},
            "sources": ["rn_guide"],
            "career_edges": edges,
        }

    data = {
        "schema_version": "1.0",
        "roles": [
            role(
                "nursing/lead",
                ["Charge Nurse"],
                [{"from": "nursing/lead", "to": "nursing/manager", "sources": src}],
            ),
            role("nursing/manager", ["Nurse Manager <svg onload=alert(1)>"], []),
            role(
                "nursing/staff",
                ["Registered Nurse"],
                [
                    {
                        "from": "nursing/staff",
                        "to": "nursing/lead",
                        "min_years": 0,
                        "max_years": 2,
                        "sources": src,
                    }
                ],
            ),
        ],
    }
    RolesFile.model_validate(data)
    return data


def add_article(
    out: Path, root: Path, doc_id: str, text: str, roles: list[dict[str, Any]], title: str | None = None
) -> None:
    """One article of a run folder: its source file and its DocumentRecord."""
    src = root / f"{doc_id}.txt"
    src.write_text(text, encoding="utf-8")
    data = src.read_bytes()
    doc = {
        "doc_id": doc_id,
        "source": {
            "path": str(src),
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
            "encoding": "utf-8",
        },
        "title": title,
        "languages": {"en": 1.0},
        "roles": roles,
        "warnings": [],
    }
    DocumentRecord.model_validate(doc)
    (out / "documents").mkdir(parents=True, exist_ok=True)
    (out / "documents" / f"{doc_id}.json").write_text(json.dumps(doc), encoding="utf-8")


SALES_TEXT = "Sales Executive\n\nDuties\n- Call new customers every week.\n\nPay: 12 triệu/tháng.\n"


def sales_role(text: str = SALES_TEXT) -> dict[str, Any]:
    return {
        "role_id": "sales/staff",
        "function": "sales",
        "level": "staff",
        "name": "Sales Executive",
        "duties": [ev(text, "Call new customers every week.")],
        "salaries": [
            ev(text, "12 triệu/tháng", min=12e6, max=12e6, currency="VND", period="month", stat="range")
        ],
    }


def make_run(
    root: Path,
    text: str = ARTICLE,
    roles: list[dict[str, Any]] | None = None,
    *,
    gold: dict[str, Any] | None = None,
    title: str = "Registered Nurse <script>alert('title')</script>",
    sales: bool = False,
) -> tuple[Path, Path | None]:
    """A run folder with the nurse article (and with `sales` a second one, without gold),
    roles.json, and optionally gold for the nurse article."""
    out = root / "output"
    add_article(out, root, "rn_guide", text, [nurse_role(text)] if roles is None else roles, title)
    if sales:
        add_article(out, root, "sales_exec", SALES_TEXT, [sales_role()], "Sales Executive job")
    (out / "roles.json").write_text(json.dumps(merged_roles()), encoding="utf-8")
    gold_dir = None
    if gold is not None:
        gold_dir = root / "gold"
        gold_dir.mkdir()
        (gold_dir / "rn_guide.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return out, gold_dir


class Tags(HTMLParser):
    """Every start tag with its attributes, the text of each <script>, and the <pre> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.pre: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = "script"
            self.scripts.append("")
        elif tag == "pre" and dict(attrs).get("class") == "text":
            self._in = "pre"
            self.pre.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "pre"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "pre":
            self.pre[-1] += data


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def page_data(page: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The index JSON and each article's JSON (by doc_id), as the page's script reads them."""
    tags = Tags()
    tags.feed(page)
    ids = [a.get("id") for t, a in tags.tags if t == "script" and a.get("type") == "application/json"]
    data = dict(zip(ids, (json.loads(s) for s in tags.scripts), strict=False))
    docs = {d["id"]: d for k, d in data.items() if k and k.startswith("doc-data-")}
    return data["review-index"], docs


def marked(doc: dict[str, Any], cls: str) -> list[str]:
    """Texts of the marks carrying class `cls` (offsets are UTF-16, as in the browser)."""
    u16 = doc["text"].encode("utf-16-le")
    return [
        u16[2 * a : 2 * b].decode("utf-16-le") for a, b, classes, _ in doc["marks"] if cls in classes.split()
    ]


def record_text(doc: dict[str, Any], rec: dict[str, Any]) -> str:
    """A value's text, restored from the article when the page shipped it without (as review.js does)."""
    return doc["text"][rec["v"]["start"] : rec["v"]["end"]] if rec.get("t") else rec["v"]["text"]


@pytest.fixture
def page(tmp_path: Path) -> str:
    out, gold = make_run(tmp_path, gold=GOLD)
    return build_page(out, gold)


@pytest.fixture
def nurse(page: str) -> dict[str, Any]:
    return page_data(page)[1]["rn_guide"]


# --- safety -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", [*HOSTILE, "<script>alert('title')</script>", "<svg onload=alert(1)>"])
def test_hostile_markup_never_reaches_the_page_raw(page: str, hostile: str) -> None:
    assert hostile not in page


def test_article_text_travels_verbatim_as_json(nurse: dict[str, Any]) -> None:
    assert nurse["text"] == ARTICLE
    assert nurse["title"] == "Registered Nurse <script>alert('title')</script>"


def test_only_the_pages_own_elements_exist(page: str) -> None:
    tags = parse(page)
    names = {t for t, _ in tags.tags}
    assert not names & {"img", "textarea", "iframe", "object", "embed", "link", "b", "svg"}
    handlers = [(t, a) for t, attrs in tags.tags for a in attrs if a.startswith("on")]
    assert handlers == []
    scripts = [attrs for t, attrs in tags.tags if t == "script"]
    assert scripts == [
        {"type": "application/json", "id": "review-index"},
        {"type": "application/json", "class": "doc-data", "id": "doc-data-0"},
        {},
    ]


def test_record_data_is_inert_json_that_round_trips(page: str) -> None:
    *data_texts, own_script = parse(page).scripts
    assert not any(re.search(r"[<>&]", t) for t in data_texts)
    doc = page_data(page)[1]["rn_guide"]
    duty = next(r for r in doc["records"] if record_text(doc, r).startswith("Administer"))
    assert record_text(doc, duty).endswith(SCRIPT)
    assert doc["roles"][duty["ri"]]["head"]["role_id"] == "nursing/staff"
    assert "JSON.parse" in own_script


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!--", "a & b", "x > y", "\u2028line\u2029", "Lương 15 triệu"],
)
def test_json_for_script_escapes_what_could_end_the_element(value: str) -> None:
    encoded = json_for_script({"v": value})
    assert not re.search(r"[<>&]", encoded)
    assert json.loads(encoded) == {"v": value}


def test_csp_allows_only_the_inlined_style_and_script_by_hash(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    policy = unescape(csp.group(1))
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style
    script = parse(page).scripts[-1]
    assert "default-src 'none'" in policy
    assert f"style-src {csp_hash(style.group(1))};" in policy
    assert f"script-src {csp_hash(script)};" in policy
    assert "unsafe-inline" not in policy


def test_page_references_nothing_outside_itself(page: str) -> None:
    urls = set(re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>]*", page))
    assert urls <= {"http://www.w3.org/2000/svg"}  # the SVG namespace is a name, never fetched
    attrs = [(t, a, v) for t, attrs in parse(page).tags for a, v in attrs.items() if a in ("src", "href")]
    assert attrs == []


# --- what each article ships ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "fragment"),
    [
        ("summary", "A registered nurse (RN) provides and "),
        ("duties", "coordinates patient care"),
        ("duties", "Assess patients' health and record symptoms."),
        ("duties", f"Administer medication and treatments {SCRIPT}"),
        ("requirements", f"2 years of clinical experience {IMG}"),
        ("salaries", "$77,600 per year"),
        ("career_path", "Charge Nurse"),
    ],
)
def test_every_value_is_marked_with_its_field_class(nurse: dict[str, Any], field: str, fragment: str) -> None:
    assert fragment in "".join(marked(nurse, f"t-{field}"))


def test_nested_values_overlap_in_one_mark_listing_both_records(nurse: dict[str, Any]) -> None:
    u16 = nurse["text"].encode("utf-16-le")
    inner = [
        m
        for m in nurse["marks"]
        if u16[2 * m[0] : 2 * m[1]].decode("utf-16-le") == "coordinates patient care"
    ]
    assert len(inner) == 1
    assert {"hl", "t-duties", "f-duties", "f-summary", "ov"} <= set(inner[0][2].split())
    assert len(inner[0][3].split()) == 2


@pytest.mark.parametrize(
    ("spans", "classes"),
    [
        ([Span(0, 1, "duties", 0)], "hl t-duties f-duties"),
        ([Span(0, 1, "duties", 0), Span(0, 2, "summary", 1)], "hl t-duties f-summary f-duties ov"),
        ([Span(0, 1, "duties", 0, status="ok")], "hl t-duties f-duties x-ok"),
        ([Span(0, 1, "salaries", 0, status="extra")], "hl t-salaries f-salaries x-extra"),
        ([Span(0, 1, "duties", 0, status="neutral")], "hl t-duties f-duties"),
        ([Span(0, 1, "duties", 0, miss=True)], "miss"),
        (
            [Span(0, 1, "duties", 0, status="extra"), Span(0, 1, "duties", 1, miss=True)],
            "hl t-duties f-duties x-extra miss",
        ),
    ],
    ids=["plain", "overlap", "correct", "extra", "optional-gold", "miss", "extra-over-miss"],
)
def test_mark_classes_say_field_overlap_and_verdict(spans: list[Span], classes: str) -> None:
    assert mark_classes(spans) == classes


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], [(0, 10, [])]),
        ([(2, 5, 0)], [(0, 2, []), (2, 5, [0]), (5, 10, [])]),
        ([(0, 10, 0), (3, 6, 1)], [(0, 3, [0]), (3, 6, [1, 0]), (6, 10, [0])]),
        ([(0, 6, 0), (4, 10, 1)], [(0, 4, [0]), (4, 6, [0, 1]), (6, 10, [1])]),
        ([(2, 5, 0), (2, 5, 1)], [(0, 2, []), (2, 5, [0, 1]), (5, 10, [])]),
        ([(8, 30, 0), (5, 5, 1)], [(0, 10, [])]),
    ],
    ids=["none", "one", "nested", "crossing", "same", "out-of-range-and-empty"],
)
def test_segments_cut_at_every_boundary_innermost_first(
    spans: list[tuple[int, int, int]], expected: list[tuple[int, int, list[int]]]
) -> None:
    segs = segment(10, [Span(a, b, "duties", rid) for a, b, rid in spans])
    assert [(s.start, s.end, [x.rid for x in s.spans]) for s in segs] == expected


@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n/é😀")), max_size=40),
    bounds=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45), st.booleans()), max_size=6),
)
def test_marks_are_ordered_disjoint_and_cover_exactly_the_spans(
    text: str, bounds: list[tuple[int, int, bool]]
) -> None:
    spans = [Span(min(a, b), max(a, b), "duties", i, miss) for i, (a, b, miss) in enumerate(bounds)]
    marks = text_marks(text, spans)
    u16 = [i for i, ch in enumerate(text) for _ in range(2 if ord(ch) > 0xFFFF else 1)]  # UTF-16 unit -> char
    covered = {u16[k] for a, b, _, _ in marks for k in range(a, b)}
    assert covered == {i for s in spans if 0 <= s.start < s.end <= len(text) for i in range(s.start, s.end)}
    assert all(a < b <= c for (a, b, _, _), (c, _, _, _) in zip(marks, marks[1:], strict=False))


def test_offsets_become_javascript_string_indices_past_astral_characters(tmp_path: Path) -> None:
    text = "😀 Nurse\n- Check charts.\n"
    role = {**nurse_role(ARTICLE), "summary": None, "requirements": [], "salaries": [], "career_path": []}
    role["duties"] = [ev(text, "Check charts.")]
    out, _ = make_run(tmp_path, text, [role])
    doc = page_data(build_page(out))[1]["rn_guide"]
    assert marked(doc, "t-duties") == ["Check charts."]
    assert doc["marks"][0][:2] == [text.index("Check") + 1, text.index("Check") + 1 + len("Check charts.")]
    assert doc["records"][0]["v"]["text"] == "Check charts."  # shipped: JS indices differ from Python's here


def test_a_value_whose_text_differs_from_its_offsets_keeps_both(tmp_path: Path) -> None:
    role = {**nurse_role(ARTICLE), "summary": None, "requirements": [], "salaries": [], "career_path": []}
    start = ARTICLE.index("Assess")
    role["duties"] = [{"text": "Assess patients", "start": start, "end": start + 20}]
    out, _ = make_run(tmp_path, roles=[role])
    rec = page_data(build_page(out))[1]["rn_guide"]["records"][0]
    assert rec["v"]["text"] == "Assess patients"
    assert rec["src"] == ARTICLE[start : start + 20]


def test_index_rows_carry_counts_fields_roles_and_per_field_f1(page: str) -> None:
    index, _ = page_data(page)
    (row,) = index["rows"]
    assert (row["id"], row["n"], row["roles"]) == ("rn_guide", [1, 3, 2, 1, 3], ["nursing/staff"])
    assert row["fields"] == ["summary", "duties", "requirements", "salaries", "career_path"]
    # duties: 2 of 3 gold found, 3 predicted -> P 2/3, R 2/3; salaries: 1 of 2 found, 1 predicted.
    assert [round(x, 2) for x in row["sc"]] == [1.0, 0.67, 0.8, 0.67, 1.0]
    assert index["gold"] is True
    assert round(index["totals"]["duties"], 2) == 0.67


def test_gold_misses_are_marked_where_the_article_says_them(nurse: dict[str, Any]) -> None:
    missed = marked(nurse, "miss")
    assert "Educate patients about managing illness" in missed
    assert "A valid RN license" in missed


def test_gold_misses_with_no_text_are_listed_under_the_article(nurse: dict[str, Any]) -> None:
    listed = [(nurse["records"][rid]["field"], nurse["records"][rid]["a"]) for rid, _ in nurse["misses"]]
    assert ("salaries", "Salary · nursing/staff · not found in the text") in listed  # $38/hour: not written
    assert ("duties", "Duty · nursing/staff · marked in the text") in listed


def test_extra_predictions_are_told_apart_from_correct_ones(page: str, nurse: dict[str, Any]) -> None:
    verdict = {record_text(nurse, r): r.get("st") for r in nurse["records"] if "v" in r}
    assert verdict["coordinates patient care"] == "extra"  # gold has no such duty
    assert verdict["Assess patients' health and record symptoms."] == "ok"
    assert verdict["$77,600 per year"] == "ok"
    assert (
        verdict["A registered nurse (RN) provides and coordinates patient care."] is None
    )  # summary: not scored
    assert "coordinates patient care" in marked(nurse, "x-extra")
    assert "Assess patients' health and record symptoms." in marked(nurse, "x-ok")
    assert page_data(page)[0]["rows"][0]["extra"] == 1


def test_without_gold_there_are_no_scores_misses_or_verdicts(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path)
    index, docs = page_data(build_page(out))
    assert index["gold"] is False and index["rows"][0]["sc"] is None
    assert not marked(docs["rn_guide"], "miss") and not marked(docs["rn_guide"], "x-extra")
    assert not any("st" in r for r in docs["rn_guide"]["records"])


def test_review_command_writes_review_html(tmp_path: Path) -> None:
    out, gold = make_run(tmp_path, gold=GOLD)
    assert review_command(out, gold) == 0
    written = (out / "review.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    assert written == build_page(out, gold)


def test_missing_source_still_lists_the_records(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path)
    (tmp_path / "rn_guide.txt").unlink()
    doc = page_data(build_page(out))[1]["rn_guide"]
    assert doc["text"] is None and doc["marks"] == []
    assert any("source file not found" in n for n in doc["notes"])
    assert "Assess patients' health and record symptoms." in [r["v"]["text"] for r in doc["records"]]


def test_offsets_outside_the_text_are_flagged_not_fatal(tmp_path: Path) -> None:
    role = nurse_role(ARTICLE)
    role["duties"] = [{"text": "Triage patients in the emergency room.", "start": 90000, "end": 90040}]
    out, _ = make_run(tmp_path, roles=[role])
    doc = page_data(build_page(out))[1]["rn_guide"]
    duties = [item for item in doc["roles"][0]["items"] if item[0] == "duties"]
    assert [placed for _, _, placed in duties] == [0]


def test_changed_source_is_noted(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path)
    (tmp_path / "rn_guide.txt").write_text(ARTICLE + "edited", encoding="utf-8")
    doc = page_data(build_page(out))[1]["rn_guide"]
    assert any("the source file changed since the run" in n for n in doc["notes"])


# --- --doc and --limit ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "shown"),
    [
        ({}, ["rn_guide", "sales_exec"]),
        ({"limit": 1}, ["rn_guide"]),
        ({"doc_ids": ["sales_exec"]}, ["sales_exec"]),
        ({"doc_ids": ["sales_exec", "rn_guide"], "limit": 1}, ["rn_guide"]),
    ],
    ids=["all", "limit", "doc", "doc-and-limit"],
)
def test_doc_and_limit_keep_some_articles(tmp_path: Path, options: dict[str, Any], shown: list[str]) -> None:
    out, gold = make_run(tmp_path, gold=GOLD, sales=True)
    index, docs = page_data(build_page(out, gold, **options))
    assert [r["id"] for r in index["rows"]] == shown == sorted(docs)


def test_scores_are_over_the_articles_shown(tmp_path: Path) -> None:
    out, gold = make_run(tmp_path, gold=GOLD, sales=True)
    index, _ = page_data(build_page(out, gold, doc_ids=["sales_exec"]))
    assert (
        index["totals"]["duties"] == 1.0
    )  # nothing to find, nothing scored: the nurse's misses are not shown
    assert index["notes"] == ["articles without gold (not scored): sales_exec"]


def test_review_cli_takes_doc_and_limit_and_names_an_unknown_doc(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path, sales=True)
    result = CliRunner().invoke(
        app, ["review", str(out), "--doc", "sales_exec", "--doc", "rn_guide", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in page_data((out / "review.html").read_text(encoding="utf-8"))[0]["rows"]] == [
        "rn_guide"
    ]
    result = CliRunner().invoke(app, ["review", str(out), "--doc", "nope"])
    assert result.exit_code == 2
    assert "no document in" in result.output and "nope" in result.output


# --- locating gold text -----------------------------------------------------------------------------

SOURCE = (
    "Kế toán viên\n\n"
    "-   Lập   báo cáo tài chính hàng tháng;\n"
    "• Prepare monthly financial statements.\n"
    "1. Close the books at month-end\n"
    "Sales reps must MEET quarterly targets!\n"
)


@pytest.mark.parametrize(
    ("gold", "found"),
    [
        ("Lập báo cáo tài chính hàng tháng.", "Lập   báo cáo tài chính hàng tháng"),
        ("- prepare monthly financial statements", "Prepare monthly financial statements"),
        ("Close the books at month-end.", "Close the books at month-end"),
        ("sales reps must meet quarterly targets", "Sales reps must MEET quarterly targets"),
        ("Sales reps must meat quarterly targets", "Sales reps must MEET quarterly targets"),
        ("Register nurses in the ward", None),
        ("Kế", "Kế"),
        ("Kể toán", None),
    ],
)
def test_locate_finds_gold_text_despite_case_space_marks_and_typos(gold: str, found: str | None) -> None:
    place = locate(SOURCE, gold)
    assert (SOURCE[place.start : place.end] if place else None) == found


PAY = (
    "Mức lương trung bình 14,2 triệu/tháng. Kế toán trưởng: 20.900.000 VND. "
    "Nurses earn $77,600 a year or $28,33 /giờ; software engineers $60k-$95k. "
    "Sales: từ 8 triệu trở lên, 10 - 15 triệu tùy doanh số."
)


@pytest.mark.parametrize(
    ("low", "high", "found"),
    [
        (14_200_000, 14_200_000, "14,2"),
        (20_900_000, 20_900_000, "20.900.000"),
        (77_600, 77_600, "77,600"),
        (28.33, 28.33, "28,33"),
        (60_000, 95_000, "60k-$95"),
        (8_000_000, None, "8"),
        (10_000_000, 15_000_000, "10 - 15"),
        (12_000_000, 12_000_000, None),
        (None, None, None),
    ],
)
def test_salary_misses_are_placed_where_their_figure_is_written(
    low: float | None, high: float | None, found: str | None
) -> None:
    place = locate_amount(PAY, low, high)
    assert (PAY[place.start : place.end] if place else None) == found


def test_locate_maps_back_through_decomposed_unicode() -> None:
    source = unicodedata.normalize("NFD", SOURCE)
    place = locate(source, "báo cáo tài chính")
    assert place and place.exact
    assert unicodedata.normalize("NFC", source[place.start : place.end]) == "báo cáo tài chính"


# --- career graph -----------------------------------------------------------------------------------

LADDER = [
    Edge("accounting/staff", "accounting/senior"),
    Edge("accounting/senior", "accounting/manager"),
    Edge("accounting/manager", "accounting/director"),
    Edge("accounting/staff", "accounting/manager"),
]


def test_layers_follow_the_ladder_longest_path() -> None:
    pos = layout([], LADDER).pos
    assert [pos[f"accounting/{lvl}"][0] for lvl in ("staff", "senior", "manager", "director")] == [0, 1, 2, 3]


def test_a_cycle_is_broken_against_promotion() -> None:
    lay = layout([], [*LADDER, Edge("accounting/director", "accounting/staff")])
    assert lay.back == {("accounting/director", "accounting/staff")}
    assert lay.pos["accounting/staff"][0] == 0


def test_roles_on_no_edge_are_kept_apart_and_drawn_below_the_ladder() -> None:
    lay = layout(["sales/staff", "nursing/lead", "accounting/staff"], LADDER)
    assert lay.lonely == ("nursing/lead", "sales/staff")
    frame = place(lay)
    ladder_bottom = max(frame.xy[n][1] for n in lay.pos)
    assert frame.xy["accounting/director"][1] < frame.xy["accounting/staff"][1] == ladder_bottom
    assert min(frame.xy[n][1] for n in lay.lonely) > ladder_bottom


def test_layout_does_not_depend_on_input_order() -> None:
    nodes = ["sales/staff", "software/senior", "software/staff"]
    edges = [*LADDER, Edge("software/staff", "software/senior")]
    assert layout(nodes, edges) == layout(list(reversed(nodes)), list(reversed(edges)))


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ({"min_years": 0, "max_years": 2}, "0–2 y"),
        ({"min_years": 2, "max_years": 2}, "2 y"),
        ({"min_years": 3, "max_years": None}, "3+ y"),
        ({"min_years": None, "max_years": 0.17}, "≤0.17 y"),
        ({}, ""),
        ({"min_years": "two"}, ""),
    ],
)
def test_years_read_as_a_short_label(value: dict[str, Any], label: str) -> None:
    assert years_label(value) == label


def test_graph_data_is_one_block_per_function_with_ghosts_for_steps_across() -> None:
    edges = [*LADDER, Edge("sales/staff", "accounting/manager", "2 y")]
    data = graph_data(
        ["nursing/lead"], edges, {"accounting/manager": "<b>Manager</b> & co"}, {"accounting/manager": 7}
    )
    assert [(b["fn"], b["roles"], b["edges"]) for b in data["blocks"]] == [
        ("accounting", 4, 5),
        ("nursing", 1, 0),
        ("sales", 1, 1),
    ]
    nodes = {(data["blocks"][n[0]]["fn"], n[4]): n for n in data["nodes"]}
    assert nodes[("accounting", "sales/staff")][6] == 1  # drawn as a ghost where its step lands
    assert nodes[("sales", "accounting/manager")][6] == 1
    assert nodes[("accounting", "accounting/manager")][3] == "<b>Manager</b> & co"  # data, drawn as text
    assert nodes[("accounting", "accounting/manager")][5] == 7
    titles = [e[3] for e in data["edges"]]
    assert titles.count("sales/staff → accounting/manager (2 y)") == 2  # in both functions' blocks
    for n in data["nodes"]:
        b = data["blocks"][n[0]]
        assert b["x"] <= n[1] and n[1] + data["box"][0] <= b["x"] + b["w"]
        assert b["y"] <= n[2] and n[2] + data["box"][1] <= b["y"] + b["h"]


def test_blocks_are_packed_in_rows_and_never_overlap() -> None:
    edges = [Edge(f"f{i}/staff", f"f{i}/manager") for i in range(12)]
    blocks = graph_data([], edges, {})["blocks"]
    assert len({b["y"] for b in blocks}) > 1  # more than one row
    for a, b in zip(blocks, blocks[1:], strict=False):
        assert b["x"] >= a["x"] + a["w"] or b["y"] >= a["y"] + a["h"]


def test_page_draws_the_merged_graph(page: str) -> None:
    graph = page_data(page)[0]["graph"]
    assert [b["fn"] for b in graph["blocks"]] == ["nursing"]
    assert len(graph["nodes"]) == 3 and len(graph["edges"]) == 2
    assert "nursing/staff → nursing/lead (0–2 y)" in [e[3] for e in graph["edges"]]
    assert {r["label"] for r in graph["records"]} == {
        f"Merged role · nursing/{lvl}" for lvl in ("lead", "manager", "staff")
    }


def test_merged_role_card_keeps_counts_and_the_first_sources() -> None:
    role = {
        "role_id": "sales/staff",
        "names": {"en": ["Sales"]},
        "sources": [f"d{i:03d}" for i in range(50)],
        "duties": [{"text": "x", "sources": []}] * 7,
        "career_edges": [
            {"from": "sales/staff", "to": "sales/lead", "min_years": 1, "max_years": None, "sources": []}
        ],
    }
    card = merged_role_card(role)
    assert (card["articles"], card["duties"], card["requirements"]) == (50, 7, 0)
    assert card["sources"][:2] == ["d000", "d001"] and len(card["sources"]) == MERGED_ROLE_SOURCES + 1
    assert card["career_edges"] == [
        {"from": "sales/staff", "to": "sales/lead", "min_years": 1, "max_years": None}
    ]


def test_career_graph_json_wins_over_roles_json_edges(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path)
    graph = {
        "schema_version": "1.0",
        "nodes": [
            {"id": "nursing/staff", "names": {"en": ["Registered Nurse"]}, "has_record": True},
            {"id": "nursing/director", "names": {"en": ["Director of Nursing"]}, "has_record": False},
        ],
        "edges": [
            {
                "from": "nursing/staff",
                "to": "nursing/director",
                "min_years": 5,
                "max_years": None,
                "sources": [],
            }
        ],
    }
    (out / "career_graph.json").write_text(json.dumps(graph), encoding="utf-8")
    drawn = page_data(build_page(out))[0]["graph"]
    assert len(drawn["nodes"]) == 4
    assert [e[3] for e in drawn["edges"]] == ["nursing/staff → nursing/director (5+ y)"]
    assert "Director of Nursing" in [n[3] for n in drawn["nodes"]]


def test_a_rung_skipping_edge_goes_round_the_rungs_it_skips() -> None:
    data = graph_data([], LADDER, {})
    frame = place(layout([], LADDER))
    x0, y0 = data["blocks"][0]["x"], data["blocks"][0]["y"] + 34  # the block's caption sits above the ladder
    path = next(e[1] for e in data["edges"] if e[3] == "accounting/staff → accounting/manager")
    mx, my = (int(v) for v in re.match(r"M(\d+),(\d+) ", path).groups())
    staff_x, staff_y = frame.xy["accounting/staff"]
    senior_x, _ = frame.xy["accounting/senior"]
    assert mx - x0 == staff_x <= senior_x  # leaves by the left side, not up through "senior"
    assert staff_y < my - y0 < staff_y + NODE_H


def test_a_run_with_no_articles_still_renders_and_names_the_unscored_gold(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "rn_guide.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    index, docs = page_data(build_page(out, gold))
    assert (index["rows"], docs, index["graph"]["nodes"]) == ([], {}, [])
    assert "gold without a prediction file: rn_guide" in index["notes"]
