"""The review page: escaping, structure, span segmentation, gold misses in place, graph layout.

The fixture is a hand-made run folder (an English nursing article carrying hostile markup),
not pipeline output, so these tests pin the page and nothing else.
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

from extract.models import DocumentRecord, RolesFile
from extract.review import build_page, review_command
from extract.review.graph import NODE_H, Edge, layout, place, render_svg
from extract.review.locate import locate, locate_amount
from extract.review.render import csp_hash, json_for_script, render_text, years_label
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


def make_run(
    root: Path,
    text: str = ARTICLE,
    roles: list[dict[str, Any]] | None = None,
    *,
    gold: dict[str, Any] | None = None,
    title: str = "Registered Nurse <script>alert('title')</script>",
) -> tuple[Path, Path | None]:
    """A run folder with one article (source file + DocumentRecord), roles.json, and optionally gold."""
    out = root / "output"
    (out / "documents").mkdir(parents=True)
    src = root / "rn_guide.txt"
    src.write_text(text, encoding="utf-8")
    data = src.read_bytes()
    doc = {
        "doc_id": "rn_guide",
        "source": {
            "path": str(src),
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
            "encoding": "utf-8",
        },
        "title": title,
        "languages": {"en": 1.0},
        "roles": [nurse_role(text)] if roles is None else roles,
        "warnings": [],
    }
    DocumentRecord.model_validate(doc)
    (out / "documents" / "rn_guide.json").write_text(json.dumps(doc), encoding="utf-8")
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


@pytest.fixture
def page(tmp_path: Path) -> str:
    out, gold = make_run(tmp_path, gold=GOLD)
    return build_page(out, gold)


# --- safety -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", [*HOSTILE, "<script>alert('title')</script>", "<svg onload=alert(1)>"])
def test_hostile_markup_never_reaches_the_page_raw(page: str, hostile: str) -> None:
    assert hostile not in page


def test_article_text_comes_back_verbatim_as_text(page: str) -> None:
    tags = parse(page)
    assert len(tags.pre) == 1
    # A browser drops the one newline right after <pre>; html.parser keeps it.
    assert tags.pre[0].removeprefix("\n") == ARTICLE
    for hostile in HOSTILE:
        assert hostile in tags.pre[0]


def test_only_the_pages_own_elements_exist(page: str) -> None:
    tags = parse(page)
    names = {t for t, _ in tags.tags}
    assert not names & {"img", "textarea", "iframe", "object", "embed", "link", "b"}
    handlers = [(t, a) for t, attrs in tags.tags for a in attrs if a.startswith("on")]
    assert handlers == []
    scripts = [attrs for t, attrs in tags.tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "review-data"}, {}]


def test_record_data_is_inert_json_that_round_trips(page: str) -> None:
    data_text, own_script = parse(page).scripts
    assert not re.search(r"[<>&]", data_text)
    records = json.loads(data_text)["records"]
    duty = next(r for r in records if r["show"].get("value", {}).get("text", "").startswith("Administer"))
    assert duty["show"]["value"]["text"].endswith(SCRIPT)
    assert duty["show"]["role"]["role_id"] == "nursing/staff"
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
    script = parse(page).scripts[1]
    assert "default-src 'none'" in policy
    assert f"style-src {csp_hash(style.group(1))};" in policy
    assert f"script-src {csp_hash(script)};" in policy
    assert "unsafe-inline" not in policy


def test_page_references_nothing_outside_itself(page: str) -> None:
    urls = set(re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>]*", page))
    assert urls <= {"http://www.w3.org/2000/svg"}  # the SVG namespace is a name, never fetched
    attrs = [(t, a, v) for t, attrs in parse(page).tags for a, v in attrs.items() if a in ("src", "href")]
    assert all(a == "href" and (v or "").startswith("#") for _, a, v in attrs)


# --- structure --------------------------------------------------------------------------------------


def highlighted(page: str) -> dict[str, str]:
    """field -> concatenated text of the segments whose top span is that field."""
    out: dict[str, str] = {}
    for cls, body in re.findall(r'<span class="hl t-(\w+)[^"]*" data-r="[^"]*">(.*?)</span>', page, re.S):
        out[cls] = out.get(cls, "") + unescape(body)
    return out


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
def test_every_value_is_highlighted_with_its_field_class(page: str, field: str, fragment: str) -> None:
    assert fragment in highlighted(page)[field]


def test_nested_values_overlap_without_breaking_the_markup(page: str) -> None:
    inner = re.search(r'<span class="([^"]+)" data-r="(\d+) (\d+)">coordinates patient care</span>', page)
    assert inner
    classes = inner.group(1).split()
    assert {"hl", "t-duties", "f-duties", "f-summary", "ov"} <= set(classes)


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
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n/é")), max_size=40),
    bounds=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45), st.booleans()), max_size=6),
)
def test_rendered_text_is_the_article_whatever_the_spans(
    text: str, bounds: list[tuple[int, int, bool]]
) -> None:
    spans = [Span(min(a, b), max(a, b), "duties", i, miss) for i, (a, b, miss) in enumerate(bounds)]
    html = render_text(text, spans)
    assert html.count("<span") == html.count("</span>")
    assert unescape(re.sub(r"<[^>]*>", "", html)) == text


def test_index_lists_articles_with_per_field_f1(page: str) -> None:
    index = page[page.index('<section id="index">') : page.index('<section id="graph">')]
    assert 'href="#doc-0">rn_guide</a>' in index
    # duties: 2 of 3 gold found, 3 predicted -> P 2/3, R 2/3; salaries: 1 of 2 found, 1 predicted.
    cells = re.findall(r'<td class="num (?:good|mid|bad)">([\d.]+)</td>', index)
    assert cells[:5] == ["1.00", "0.67", "0.80", "0.67", "1.00"]


def test_gold_misses_are_marked_where_the_article_says_them(page: str) -> None:
    marked = re.findall(r'<span class="miss" data-r="\d+">(.*?)</span>', page)
    assert "Educate patients about managing illness" in marked
    assert "A valid RN license" in marked


def test_gold_misses_with_no_text_are_listed_under_the_article(page: str) -> None:
    listed = re.findall(r'<li class="rec gold-miss f-(\w+)"[^>]*><span class="attrs">([^<]*)</span>', page)
    assert ("salaries", "Salary · nursing/staff · not found in the text") in listed  # $38/hour: not written
    assert ("duties", "Duty · nursing/staff · marked in the text") in listed


def test_without_gold_there_are_no_scores_or_misses(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path)
    page = build_page(out)
    assert "F1 against gold" not in page
    assert 'class="miss"' not in page


def test_review_command_writes_review_html(tmp_path: Path) -> None:
    out, gold = make_run(tmp_path, gold=GOLD)
    assert review_command(out, gold) == 0
    written = (out / "review.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    assert written == build_page(out, gold)


def test_missing_source_still_lists_the_records(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path)
    (tmp_path / "rn_guide.txt").unlink()
    page = build_page(out)
    assert "source file not found" in page
    assert "The source text is not available." in page
    assert "Assess patients&#x27; health and record symptoms." in page


def test_offsets_outside_the_text_are_flagged_not_fatal(tmp_path: Path) -> None:
    role = nurse_role(ARTICLE)
    role["duties"] = [{"text": "Triage patients in the emergency room.", "start": 90000, "end": 90040}]
    out, _ = make_run(tmp_path, roles=[role])
    page = build_page(out)
    assert "offsets outside the text" in page


def test_changed_source_is_noted(tmp_path: Path) -> None:
    out, _ = make_run(tmp_path)
    (tmp_path / "rn_guide.txt").write_text(ARTICLE + "edited", encoding="utf-8")
    assert "the source file changed since the run" in build_page(out)


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


def test_svg_escapes_labels_and_links_nodes_to_records() -> None:
    svg = render_svg(
        ["x/staff"], [Edge("x/staff", "x/lead", "0–2 y")], {"x/lead": "<b>Lead</b> & co"}, {"x/lead": 7}
    )
    assert "<b>" not in svg
    assert "&lt;b&gt;Lead&lt;/b&gt; &amp; co" in svg
    assert 'data-r="7"' in svg
    assert svg.count('class="node"') == 2
    assert svg.count('class="edge"') == 1


def test_page_draws_the_merged_graph(page: str) -> None:
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count('<g class="node"') == 3
    assert svg.count('<g class="edge"') == 2
    assert "nursing/staff → nursing/lead (0–2 y)" in svg


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
    page = build_page(out)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count('<g class="node"') == 4
    assert re.findall(r'<g class="edge"><title>([^<]*)</title>', svg) == [
        "nursing/staff → nursing/director (5+ y)"
    ]
    assert "Director of Nursing" in svg


def test_a_rung_skipping_edge_goes_round_the_rungs_it_skips() -> None:
    svg = render_svg([], LADDER, {})
    frame = place(layout([], LADDER))
    path = re.search(r"<title>accounting/staff → accounting/manager</title><path d=\"M(\d+),(\d+) ", svg)
    assert path
    staff_x, staff_y = frame.xy["accounting/staff"]
    senior_x, _ = frame.xy["accounting/senior"]
    assert int(path.group(1)) == staff_x <= senior_x  # leaves by the left side, not up through "senior"
    assert staff_y < int(path.group(2)) < staff_y + NODE_H


def test_a_run_with_no_articles_still_renders_and_names_the_unscored_gold(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "rn_guide.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    page = build_page(out, gold)
    assert "No roles and no career edges in this run." in page
    assert "gold without a prediction file: rn_guide" in page
