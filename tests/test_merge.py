"""Merging roles across articles: folding, names, salaries, career edges, determinism."""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import unicodedata
from functools import partial
from pathlib import Path

import pytest

from extract.dedupe import DuplicateFinder
from extract.merge import (
    RoleMerger,
    career_dot,
    career_graph,
    group_names,
    kept_text,
    ladder_edges,
    merge_rows,
    name_language,
    similar,
    to_monthly_vnd,
)
from extract.models import (
    CareerStep,
    DocumentRecord,
    Evidence,
    Requirement,
    RoleRecord,
    RolesFile,
    Salary,
    SourceInfo,
)
from extract.write import canonical_json

as_written = partial(canonical_json, sort_mappings=True)  # the bytes of every record and of roles.json


def merge_documents(docs, *, rates: dict[str, float] | None = None) -> RolesFile:  # noqa: ANN001
    """Every record through one RoleMerger, the merged roles as one RolesFile."""
    with RoleMerger(rates=rates) as merger:
        for record in docs:
            merger.add(record)
        return merger.result()

ROOT = Path(__file__).resolve().parent.parent
PAIRS = json.loads((ROOT / "tests/data/fold_pairs.json").read_text(encoding="utf-8"))["pairs"]
CORPUS = [
    (p, ROOT / "raw" / p.name.replace(".gold.json", ".txt"))
    for p in sorted((ROOT / "tests/gold").glob("*.gold.json"))
] + [
    (p, next((ROOT / "tests/dev/raw").glob(p.name.replace(".gold.json", ".*"))))
    for p in sorted((ROOT / "tests/dev/gold").glob("*.gold.json"))
]
# Items a page states twice in one role, reworded by a word ("Ensure"/"Ensuring"), which gold
# lists apart because they sit in two sections of the page: near-duplicates the merge folds.
RESTATED_IN_ONE_ROLE = [
    (
        "Ensuring compliance with all compensation and tax regulations",
        "Ensure compliance with all compensation and tax regulations",
    ),
    (
        "Ability to collaborate and establish relationships cross-functionally within GitLab",
        "Ability to collaborate and establish relationships cross-functionally",
    ),
    (
        "Responsible for working with Accounting on payroll funding for legal entities outside of the US",
        "Responsible for working with Accounting on payroll funding for non-US legal entities",
    ),
]
DEBRIS = [
    "Back to Reference",
    "Watch a demo",
    "Đăng nhập | Đăng ký",
    "Chia sẻ: Facebook Twitter",
    "Bình luận",
]


# --- building records -----------------------------------------------------------------


def _info(doc_id: str, text: str = "") -> SourceInfo:
    data = text.encode("utf-8")
    return SourceInfo(
        path=f"{doc_id}.txt", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), encoding="utf-8"
    )


def _ev(text: str, start: int = 0) -> dict:
    return {"text": text, "start": start, "end": start + len(text)}


def role(role_id: str, name: str, **fields) -> RoleRecord:
    function, level = role_id.split("/")
    return RoleRecord(role_id=role_id, function=function, level=level, name=name, **fields)


def doc(doc_id: str, *roles: RoleRecord) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source=_info(doc_id), roles=list(roles))


def salary(
    lo: float | None, hi: float | None, currency="VND", period="month", stat="range", start=0, **kw
) -> Salary:
    return Salary(**_ev("lương", start), min=lo, max=hi, currency=currency, period=period, stat=stat, **kw)


def step(order: int, name: str, role_id: str, start: int, lo=None, hi=None) -> CareerStep:
    return CareerStep(**_ev(name, start), name=name, order=order, role_id=role_id, min_years=lo, max_years=hi)


def _locate(text: str, source: str) -> dict | None:
    at = source.find(text)
    return None if at < 0 else {"text": text, "start": at, "end": at + len(text)}


def record_from_gold(gold: dict, source: str, doc_id: str | None = None) -> DocumentRecord:
    """A DocumentRecord as a perfect extractor would give it, offsets found with str.find."""
    roles = []
    for g in gold["roles"]:
        texts = [d if isinstance(d, str) else d["text"] for d in g.get("duties", [])]
        duties = [ev for t in texts if (ev := _locate(t, source))]
        reqs = [
            Requirement(**ev, kind=r["kind"], min_years=r.get("min_years"), max_years=r.get("max_years"))
            for r in g.get("requirements", [])
            if (ev := _locate(r["text"], source))
        ]
        sals = [
            Salary(
                text=f"{s['min']}-{s['max']} {s['currency']}",
                start=i,
                end=i + 1,
                **{
                    k: s.get(k)
                    for k in ("min", "max", "currency", "period", "stat", "component", "region", "experience")
                },
            )
            for i, s in enumerate(g.get("salaries", []))
        ]
        steps = [
            CareerStep(
                **ev,
                name=c["name"],
                order=c["order"],
                role_id=c["role_id"],
                min_years=c["min_years"],
                max_years=c["max_years"],
            )
            for c in g.get("career_path", [])
            if c.get("order") and (ev := _locate(c["name"], source))
        ]
        roles.append(
            role(
                g["role_id"],
                g["names"][0],
                mentions=g["names"][1:],
                duties=[Evidence(**d) for d in duties],
                requirements=reqs,
                salaries=sals,
                career_path=steps,
            )
        )
    doc_id = doc_id or gold["doc_id"]
    return DocumentRecord(doc_id=doc_id, source=_info(doc_id, source), roles=roles)


def _gold_records() -> list[tuple[DocumentRecord, str]]:
    out = []
    for gold_path, raw_path in CORPUS:
        source = raw_path.read_text(encoding="utf-8")
        out.append((record_from_gold(json.loads(gold_path.read_text(encoding="utf-8")), source), source))
    return out


@pytest.fixture(scope="module")
def gold_records() -> list[tuple[DocumentRecord, str]]:
    return _gold_records()


def _with_debris(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for line in rng.sample(DEBRIS, 3):
        lines.insert(rng.randrange(len(lines) + 1), line)
    return "\n".join(lines)


def _shuffled_record(rec: DocumentRecord, rng: random.Random) -> DocumentRecord:
    """The same record with every list inside its roles in another order."""
    roles = []
    for r in rec.roles:
        data = r.model_dump()
        for key in ("mentions", "duties", "requirements", "salaries", "career_path"):
            rng.shuffle(data[key])
        roles.append(RoleRecord.model_validate(data))
    rng.shuffle(roles)
    return rec.model_copy(update={"roles": roles})


# --- folding: the threshold on labelled pairs -----------------------------------------


def _pair_scores() -> tuple[float, float, float]:
    """(precision, recall on same-language pairs, recall on all pairs) of `similar` on fold_pairs.json."""
    tp = fp = fn = fn_mono = 0
    for p in PAIRS:
        folded = similar(p["a"], p["b"])
        if folded and p["same"]:
            tp += 1
        elif folded:
            fp += 1
        elif p["same"]:
            fn += 1
            fn_mono += p["category"] != "translation"
    return tp / (tp + fp), tp / (tp + fn_mono), tp / (tp + fn)


def test_fold_pairs_cover_professions_and_kinds():
    assert len(PAIRS) >= 40
    assert len({p["profession"] for p in PAIRS}) >= 8
    assert {p["category"] for p in PAIRS} >= {"copy", "reworded", "shared_words", "numbers", "translation"}


def test_folding_precision_and_recall_on_labelled_pairs():
    # measured with threshold 86: precision 1.0, recall 24/35 = 0.686 on same-language pairs
    # (every reprinted item, 1 of 12 reworded ones), 24/42 = 0.571 with the translations
    precision, recall_mono, recall_all = _pair_scores()
    assert precision >= 1.0
    assert recall_mono >= 0.68
    assert recall_all >= 0.57


@pytest.mark.parametrize("category", ["copy", "numbers", "shared_words"])
def test_every_pair_of_a_clear_category_is_decided_right(category):
    wrong = [
        (p["a"], p["b"]) for p in PAIRS if p["category"] == category and similar(p["a"], p["b"]) != p["same"]
    ]
    assert wrong == []


def test_translations_are_not_folded_by_the_lexical_rule():
    pairs = [p for p in PAIRS if p["category"] == "translation"]
    assert pairs and not any(similar(p["a"], p["b"]) for p in pairs)


def test_items_gold_lists_apart_in_one_role_never_fold():
    """Pairs of distinct non-optional items within one gold role: none may fold, but for the
    restatements a page makes in two sections of one role."""
    folded = []
    for gold_path, _ in CORPUS:
        for r in json.loads(gold_path.read_text(encoding="utf-8"))["roles"]:
            for field in ("duties", "requirements"):
                texts = [d if isinstance(d, str) else d["text"] for d in r.get(field, [])]
                keep = [
                    t
                    for t, d in zip(texts, r.get(field, []), strict=True)
                    if isinstance(d, str) or not d.get("optional")
                ]
                folded += [(a, b) for a, b in itertools.combinations(keep, 2) if similar(a, b)]
    assert sorted(folded) == sorted(RESTATED_IN_ONE_ROLE)


# --- folding in the merger ------------------------------------------------------------


def test_near_duplicate_duties_across_articles_fold_into_one_item_with_every_source():
    a = doc(
        "a",
        role(
            "accounting/staff",
            "Kế toán",
            duties=[Evidence(**_ev("Lập báo cáo tài chính định kỳ hàng tháng, quý, năm.", 10))],
        ),
    )
    b = doc(
        "b",
        role(
            "accounting/staff",
            "Kế toán viên",
            duties=[Evidence(**_ev("Lập các báo cáo tài chính định kỳ theo tháng, quý và năm", 40))],
        ),
    )
    c = doc(
        "c", role("accounting/staff", "Accountant", duties=[Evidence(**_ev("Prepare monthly payroll.", 5))])
    )
    merged = merge_documents([a, b, c]).roles[0]
    assert len(merged.duties) == 2
    folded = next(d for d in merged.duties if len(d.sources) == 2)
    assert [(s.doc_id, s.start, s.end) for s in folded.sources] == [("a", 10, 61), ("b", 40, 96)]
    assert folded.text == "Lập các báo cáo tài chính định kỳ theo tháng, quý và năm"  # the longest


def test_repeated_duty_inside_one_article_folds():
    r = role(
        "nursing/staff",
        "Điều dưỡng",
        duties=[
            Evidence(**_ev("Theo dõi dấu hiệu sinh tồn của bệnh nhân.", 0)),
            Evidence(**_ev("Theo dõi dấu hiệu sinh tồn của bệnh nhân.", 300)),
        ],
    )
    merged = merge_documents([doc("n", r)]).roles[0]
    assert len(merged.duties) == 1 and len(merged.duties[0].sources) == 2


@pytest.mark.parametrize(
    ("kinds", "years", "folds"),
    [
        (("skill", "skill"), ((None, None), (None, None)), True),
        (("skill", "knowledge"), ((None, None), (None, None)), False),
        (("experience", "experience"), ((2, None), (3, None)), False),
    ],
)
def test_requirements_fold_only_when_kind_and_years_agree(kinds, years, folds):
    texts = [
        "Excellent verbal and written communication skills.",
        "Excellent written and verbal communication skills",
    ]
    docs = [
        doc(
            f"d{i}",
            role(
                "sales/staff",
                "Sales Executive",
                requirements=[Requirement(**_ev(t), kind=k, min_years=lo, max_years=hi)],
            ),
        )
        for i, (t, k, (lo, hi)) in enumerate(zip(texts, kinds, years, strict=True))
    ]
    reqs = merge_documents(docs).roles[0].requirements
    assert len(reqs) == (1 if folds else 2)


def test_kept_text_ties_go_to_the_first_source():
    a = doc(
        "b_site",
        role("sales/staff", "Sales", duties=[Evidence(**_ev("Tìm kiếm và phát triển khách hàng mới.", 0))]),
    )
    b = doc(
        "a_site",
        role("sales/staff", "Sales", duties=[Evidence(**_ev("Tìm kiếm, và phát triển khách hàng mới", 9))]),
    )
    assert len("Tìm kiếm và phát triển khách hàng mới.") == len("Tìm kiếm, và phát triển khách hàng mới")
    duty = merge_documents([a, b]).roles[0].duties[0]
    assert duty.text == "Tìm kiếm, và phát triển khách hàng mới"


def test_items_are_ordered_by_their_first_source():
    r1 = role(
        "software/staff",
        "Developer",
        duties=[
            Evidence(**_ev("Write unit tests for new features.", 50)),
            Evidence(**_ev("Review pull requests.", 5)),
        ],
    )
    r2 = role(
        "software/staff", "Software Engineer", duties=[Evidence(**_ev("Deploy services to production.", 0))]
    )
    duties = merge_documents([doc("z", r2), doc("m", r1)]).roles[0].duties
    assert [d.text for d in duties] == [
        "Review pull requests.",
        "Write unit tests for new features.",
        "Deploy services to production.",
    ]


def test_kept_text_rule_prefers_the_longest():
    from extract.merge import _Member

    group = [_Member("ab", "ab", frozenset(), ("a", 0, 2)), _Member("abc", "abc", frozenset(), ("z", 0, 3))]
    assert kept_text(group) == "abc"


# --- names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("Trưởng phòng CSKH", "vi"),
        ("Customer Service Manager", "en"),
        ("CSKH", "vi"),
        ("Nhan vien kinh doanh", "vi"),
        ("Data Analyst", "en"),
        ("Kế toán trưởng", "vi"),
        ("Day Shift Supervisor", "en"),
        ("Registered Nurse", "en"),
        ("Điều dưỡng", "vi"),
        ("Trưởng phòng Marketing", "vi"),
        ("Senior Software Engineer", "en"),
        ("Le tan", "vi"),
        ("Head of Sales", "en"),
    ],
)
def test_name_language(name, lang):
    assert name_language(name) == lang


def test_names_grouped_by_language_with_exact_dedupe_keeping_case_variants():
    nfd = unicodedata.normalize("NFD", "Trưởng nhóm")
    grouped = group_names(["Trưởng nhóm", "trưởng nhóm", nfd, "Team Leader", "Team  Leader", "Team leader"])
    assert grouped == {"en": ["Team Leader", "Team leader"], "vi": ["Trưởng nhóm", "trưởng nhóm"]}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["DSLS", "Dược sỹ lâm sàng"], {"vi": ["DSLS", "Dược sỹ lâm sàng"]}),
        (["QA", "Quality Assurance"], {"en": ["QA", "Quality Assurance"]}),
        (
            ["CFO", "Chief Financial Officer", "Giám đốc tài chính"],
            {"en": ["CFO", "Chief Financial Officer"], "vi": ["Giám đốc tài chính"]},
        ),
        (["KTT", "Kế toán trưởng"], {"vi": ["KTT", "Kế toán trưởng"]}),
        (["HR", "Nhân viên nhân sự"], {"en": ["HR"], "vi": ["Nhân viên nhân sự"]}),
    ],
)
def test_an_acronym_takes_the_language_of_the_name_it_spells(names, expected):
    assert group_names(names) == expected


def test_merged_names_and_sources_cover_every_article():
    a = doc(
        "x2", role("customer_service/manager", "Trưởng phòng CSKH", mentions=["Customer Service Manager"])
    )
    b = doc(
        "x1",
        role(
            "customer_service/manager",
            "Quản lý bộ phận chăm sóc khách hàng",
            mentions=["Manager", "Trưởng phòng CSKH"],
        ),
    )
    merged = merge_documents([a, b]).roles[0]
    assert merged.sources == ["x1", "x2"]
    assert merged.names == {
        "en": ["Customer Service Manager", "Manager"],
        "vi": ["Quản lý bộ phận chăm sóc khách hàng", "Trưởng phòng CSKH"],
    }


# --- salaries -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "period", "expected"),
    [
        (12_000_000, "VND", "month", 12_000_000),
        (180_000_000, "VND", "year", 15_000_000),
        (500_000, "VND", "day", 11_000_000),
        (50_000, "VND", "hour", 8_800_000),
        (1_000, "USD", "month", 25_000_000),
        (28.33, "USD", "hour", 124_652_000),
        (52_000, "USD", "year", 108_333_333),
        (3_000, "XYZ", "month", None),
        (None, "VND", "month", None),
    ],
)
def test_monthly_vnd(amount, currency, period, expected):
    assert to_monthly_vnd(amount, currency, period, {"USD": 25_000}) == expected


def test_every_salary_observation_is_kept_with_its_article_and_summarised_by_stat():
    a = doc(
        "a",
        role(
            "accounting/staff",
            "Kế toán",
            salaries=[
                salary(8e6, 12e6, start=5),
                salary(15e6, 15e6, stat="average", start=40),
                salary(2e6, 2e6, component="bonus", start=60),
            ],
        ),
    )
    b = doc(
        "b",
        role(
            "accounting/staff",
            "Accountant",
            salaries=[
                salary(1000, 1500, currency="USD", start=7),
                salary(18e6, 18e6, stat="average", start=90),
            ],
        ),
    )
    merged = merge_documents([b, a], rates={"USD": 25_000}).roles[0]
    got = [(s.doc_id, s.start, s.min, s.monthly_vnd, s.monthly_vnd_max) for s in merged.salaries]
    assert got == [
        ("a", 5, 8e6, 8e6, 12e6),
        ("a", 40, 15e6, 15e6, 15e6),
        ("a", 60, 2e6, 2e6, 2e6),
        ("b", 7, 1000, 25e6, 37.5e6),
        ("b", 90, 18e6, 18e6, 18e6),
    ]
    summary = {k: v.model_dump() for k, v in merged.salary_summary.items()}
    assert summary == {
        "average": {"count": 2, "min": 15e6, "median": 16.5e6, "max": 18e6},
        "range": {"count": 2, "min": 8e6, "median": 18.5e6, "max": 37.5e6},
    }


def test_open_ranges_keep_the_open_bound_empty():
    merged = merge_documents([doc("a", role("sales/staff", "Sales", salaries=[salary(8e6, None)]))]).roles[0]
    s = merged.salaries[0]
    assert (s.monthly_vnd, s.monthly_vnd_max) == (8e6, None)
    assert merged.salary_summary["range"].model_dump() == {"count": 1, "min": 8e6, "median": 8e6, "max": 8e6}


def test_rates_used_are_recorded_with_their_date():
    usd = doc("a", role("software/staff", "Developer", salaries=[salary(1000, 2000, currency="USD")]))
    vnd = doc("b", role("software/staff", "Lập trình viên", salaries=[salary(2e7, 3e7)]))
    with_usd = merge_documents([usd, vnd])
    assert list(with_usd.exchange_rates) == ["USD"] and with_usd.exchange_rates["USD"] > 1000
    assert with_usd.exchange_rates_as_of
    only_vnd = merge_documents([vnd])
    assert only_vnd.exchange_rates == {} and only_vnd.exchange_rates_as_of is None
    custom = merge_documents([usd], rates={"USD": 24_000})
    assert custom.exchange_rates == {"USD": 24_000} and custom.roles[0].salaries[0].monthly_vnd == 24e6


# --- career edges ---------------------------------------------------------------------


def test_ladder_gives_edges_between_consecutive_orders():
    steps = [
        step(1, "Junior", "accounting/staff", 0),
        step(2, "Kế toán viên", "accounting/staff", 10),
        step(3, "Kế toán trưởng", "accounting/manager", 20),
        step(3, "Kiểm soát viên", "accounting/supervisor", 30),
        step(5, "Giám đốc tài chính", "finance/chief", 40),
    ]
    pairs = [(a.role_id, b.role_id) for a, b in ladder_edges(steps)]
    assert pairs == [
        ("accounting/staff", "accounting/manager"),
        ("accounting/staff", "accounting/supervisor"),
        ("accounting/manager", "finance/chief"),
        ("accounting/supervisor", "finance/chief"),
    ]


def _ladder_doc(doc_id: str, years: tuple, base: int = 0) -> DocumentRecord:
    steps = [
        step(1, "Nhân viên kinh doanh", "sales/staff", base, *years[0]),
        step(2, "Trưởng nhóm kinh doanh", "sales/lead", base + 30, *years[1]),
        step(3, "Trưởng phòng kinh doanh", "sales/manager", base + 60, *years[2]),
    ]
    return doc(doc_id, role("sales/manager", "Trưởng phòng kinh doanh", career_path=steps))


def test_career_edges_merge_across_articles_keeping_each_articles_years():
    a = _ladder_doc("a", ((0, 1), (1, 3), (3, 5)))
    b = _ladder_doc("b", ((None, None), (2, 4), (None, None)), base=100)
    edges = merge_documents([b, a]).roles[0].career_edges
    assert [(e.from_, e.to) for e in edges] == [
        ("sales/lead", "sales/manager"),
        ("sales/staff", "sales/lead"),
    ]
    lead = edges[1]
    assert (lead.min_years, lead.max_years) == (1, 4)
    assert [(y.doc_id, y.min_years, y.max_years) for y in lead.years_by_source] == [("a", 1, 3), ("b", 2, 4)]
    assert [(s.doc_id, s.start) for s in lead.sources] == [("a", 0), ("a", 30), ("b", 100), ("b", 130)]


def test_career_graph_has_rung_only_nodes_and_edges_merged_across_roles():
    ladder = [
        step(1, "Sales Executive", "sales/staff", 0),
        step(2, "Sales Manager", "sales/manager", 20),
        step(3, "Sales Director", "sales/director", 40),
    ]
    a = doc("a", role("sales/manager", "Sales Manager", career_path=ladder))
    b = doc("b", role("sales/staff", "Sales Executive", career_path=ladder[:2]))
    graph = career_graph(merge_documents([a, b]))
    assert [(n["id"], n["has_record"]) for n in graph["nodes"]] == [
        ("sales/director", False),
        ("sales/manager", True),
        ("sales/staff", True),
    ]
    first = graph["edges"][1]
    assert (first["from"], first["to"]) == ("sales/staff", "sales/manager")
    assert sorted({s["doc_id"] for s in first["sources"]}) == ["a", "b"]
    dot = career_dot(merge_documents([b, a]))
    assert dot == career_dot(merge_documents([a, b]))
    assert (
        '"sales/staff" -> "sales/manager"' in dot
        and dot.startswith("digraph career {")
        and dot.endswith("}\n")
    )


# --- JSON and determinism -------------------------------------------------------------


def test_roles_file_is_written_canonically_with_sorted_mappings():
    rf = merge_documents([_ladder_doc("a", ((0, 1), (1, 3), (3, 5)))])
    text = as_written(rf)
    assert text.endswith("}\n") and "Trưởng phòng kinh doanh" in text
    assert '"from": "sales/lead"' in text and '"from_"' not in text
    assert text == as_written(RolesFile.model_validate_json(text))
    assert (
        as_written({"b": 1, "a": {"d": 2, "c": 3}})
        == '{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n'
    )
    with pytest.raises(ValueError):
        as_written({"x": float("nan")})


def test_folding_does_not_depend_on_the_order_items_arrive_in():
    """Every labelled pair's texts as duties of one role, spread over articles, in many orders."""
    texts = sorted({t for p in PAIRS for t in (p["a"], p["b"])})
    items = [(f"doc{i % 7}", Evidence(**_ev(t, 10 * i))) for i, t in enumerate(texts)]

    def merged(order):
        docs: dict[str, list[Evidence]] = {}
        for doc_id, ev in order:
            docs.setdefault(doc_id, []).append(ev)
        return as_written(
            merge_documents(doc(d, role("general/staff", "Staff", duties=evs)) for d, evs in docs.items())
        )

    expected = merged(items)
    assert expected.count('"doc_id"') > len(json.loads(expected)["roles"][0]["duties"])  # something folded
    rng = random.Random(11)
    for _ in range(5):
        assert merged(rng.sample(items, len(items))) == expected


def test_adding_the_same_article_twice_is_refused():
    merger = RoleMerger()
    merger.add(doc("a"))
    with pytest.raises(ValueError):
        merger.add(doc("a"))


def test_roles_json_is_byte_identical_whatever_the_order(gold_records):
    records = [rec for rec, _ in gold_records]
    expected = as_written(merge_documents(records))
    rng = random.Random(6)
    for _ in range(4):
        order = [_shuffled_record(r, rng) for r in rng.sample(records, len(records))]
        assert as_written(merge_documents(order)) == expected
    assert as_written(career_graph(merge_documents(records[::-1]))) == as_written(
        career_graph(merge_documents(records))
    )


def test_gold_roles_merge_into_one_record_per_role_id(gold_records):
    result = merge_documents(rec for rec, _ in gold_records)
    by_id = {r.role_id: r for r in result.roles}
    expected: dict[str, set[str]] = {}
    for rec, _ in gold_records:
        for r in rec.roles:
            expected.setdefault(r.role_id, set()).add(rec.doc_id)
    assert {k: set(v.sources) for k, v in by_id.items()} == expected
    cs = by_id["customer_service/manager"]
    assert len(cs.salaries) == sum(
        len(r.salaries) for rec, _ in gold_records for r in rec.roles if r.role_id == cs.role_id
    )


def _pipeline_like(items: list[tuple[DocumentRecord, str]]) -> str:
    """What the pipeline does: check each article in doc_id order, merge only the non-duplicates."""
    finder, merger = DuplicateFinder(), RoleMerger()
    for rec, text in sorted(items, key=lambda it: it[0].doc_id):
        if finder.check(rec.doc_id, text) is None:
            merger.add(rec)
    return as_written(merger.result())


def test_a_duplicated_article_counts_once(gold_records):
    baseline = as_written(merge_documents(rec for rec, _ in gold_records))
    rng = random.Random(3)
    extra = []
    for i, (gold_path, raw_path) in enumerate(CORPUS[:2] + CORPUS[-2:]):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = raw_path.read_text(encoding="utf-8")
        copy = text if i % 2 == 0 else _with_debris(text, rng)
        extra.append((record_from_gold(gold, copy, doc_id=f"{gold['doc_id']}_copy{i}"), copy))
    corpus = gold_records + extra
    assert _pipeline_like(corpus) == baseline
    for seed in range(3):
        shuffled = random.Random(seed).sample(corpus, len(corpus))
        with DuplicateFinder() as finder:  # checked in doc_id order, as a run checks its sorted inputs
            dupes = {
                rec.doc_id
                for rec, text in sorted(shuffled, key=lambda it: it[0].doc_id)
                if finder.check(rec.doc_id, text) is not None
            }
        assert sorted(dupes) == sorted(rec.doc_id for rec, _ in extra)
        assert as_written(merge_documents(rec for rec, _ in shuffled if rec.doc_id not in dupes)) == baseline


def test_a_run_gives_the_same_roles_json_whatever_order_the_files_are_listed_in(tmp_path):
    """Issue 6: the same input files, listed and stored in shuffled orders, give byte-identical roles.json."""
    import shutil

    from extract.pipeline import run_paths
    from extract.task import RunOptions

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "raw").glob("*.txt")) + sorted((root / "tests" / "dev" / "raw").glob("*.txt"))
    outputs = []
    for seed in (1, 2, 3):
        order = files[:]
        random.Random(seed).shuffle(order)
        folder = tmp_path / f"in{seed}"
        folder.mkdir()
        for f in order:  # stored in a shuffled order
            shutil.copy(f, folder / f.name)
        out = tmp_path / f"out{seed}"
        listed = [str(folder / f.name) for f in order]  # and listed in that order
        assert run_paths(listed, RunOptions(out=out, quiet=True)) == 0
        outputs.append((out / "roles.json").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_streamed_roles_json_is_the_same_text_as_the_whole_dump(gold_records):
    """roles.json is written role by role (memory stays per role); the bytes must not change."""
    merger = RoleMerger()
    for record, _ in gold_records:
        merger.add(record)
    assert "".join(merger.json_chunks()) == as_written(merger.result())
    assert merger.role_count() == len(merger.result().roles)
    assert "".join(RoleMerger().json_chunks()) == as_written(RoleMerger().result())


def test_streamed_career_graph_is_the_same_text_as_the_graph_of_the_whole_roles(gold_records):
    """The run streams the graph from the store; `career_graph`/`career_dot` build it from the whole roles."""
    ladders = [_ladder_doc(f"lad{i}", ((0, i), (i, None), (None, 5)), base=10 * i) for i in range(4)]
    others = [_distinct_doc(i) for i in range(12)]  # rung-only nodes (accounting/lead), edges told by many
    for records in ([rec for rec, _ in gold_records] + ladders + others, ladders, []):
        with RoleMerger() as merger:
            for record in records:
                merger.add(record)
            whole = merger.result()
            assert "".join(merger.graph_chunks()) == canonical_json(career_graph(whole))
            assert "".join(merger.dot_chunks()) == career_dot(whole)
    assert any(not node["has_record"] for node in career_graph(whole)["nodes"]) or not records


# --- disk-backed merge state (issue 8: memory flat in the number of articles) ----------


def _distinct_doc(i: int) -> DocumentRecord:
    """An article of one of a few roles with its own duties, requirement, pay and ladder."""
    rid = ("accounting/staff", "sales/manager", "nursing/staff")[i % 3]
    return doc(
        f"art{i:05d}",
        role(
            rid,
            f"Role {i}",
            mentions=[f"Role {i} alias"],
            duties=[
                Evidence(**_ev(f"Duty {i} number {k} for client group {i * 7 + k}", 40 * k)) for k in range(4)
            ],
            requirements=[
                Requirement(**_ev(f"{i % 5 + 1} years of practice in area {i}", 200), kind="experience")
            ],
            salaries=[salary(1e6 * (i % 40 + 5), 1e6 * (i % 40 + 9), start=300)],
            career_path=[
                step(1, "Staff", "accounting/staff", 400),
                step(2, "Lead", "accounting/lead", 420, 1, 2),
            ],
        ),
    )


def test_merge_rows_survive_pickling_and_give_the_same_roles_json(gold_records):
    """Workers send MergeRows instead of records; the parent's merge must not change by it."""
    import pickle

    records = [rec for rec, _ in gold_records]
    with RoleMerger() as merger:
        for rec in records:
            merger.add_rows(pickle.loads(pickle.dumps(merge_rows(rec))))
        assert as_written(merger.result()) == as_written(merge_documents(records))


def test_merger_holds_no_per_article_python_state():
    """What add() receives goes to SQLite: Python memory does not grow with the articles added."""
    import gc
    import tracemalloc

    with RoleMerger() as merger:
        for i in range(200):
            merger.add(_distinct_doc(i))
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for i in range(200, 2200):
                merger.add(_distinct_doc(i))
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        assert grown < 200_000, f"2000 more articles grew the merger's Python memory by {grown} bytes"
        roles = merger.result().roles
    assert [r.role_id for r in roles] == ["accounting/staff", "nursing/staff", "sales/manager"]
    assert sum(len(r.sources) for r in roles) == 2200


def test_a_role_is_written_one_item_at_a_time():
    """roles.json streams the items of a role: the text is the same as the whole dump's."""
    with RoleMerger() as merger:
        for i in range(60):
            merger.add(_distinct_doc(i))
        chunks = list(merger.json_chunks())
        assert "".join(chunks) == as_written(merger.result())
    assert max(chunk.count('"text":') for chunk in chunks) == 1  # one duty, requirement or salary per piece


def _retold_doc(i: int) -> DocumentRecord:
    """Article `i` of one role told again and again: its items drawn from small pools, so every text repeats."""
    duties = [f"Chăm sóc khách hàng nhóm {(i + k) % 12} và báo cáo doanh số tuần" for k in range(4)]
    return doc(
        f"retold{i:05d}",
        role(
            "sales/staff",
            "Nhân viên kinh doanh",
            mentions=["Sales Executive"],
            duties=[Evidence(**_ev(text, 60 * k)) for k, text in enumerate(duties)],
            requirements=[
                Requirement(**_ev(f"{i % 3 + 1} năm kinh nghiệm bán hàng", 300), kind="experience", min_years=i % 3 + 1)
            ],
            salaries=[salary(1e6 * (8 + i % 5), 1e6 * (12 + i % 7), start=400)],
            career_path=[
                step(1, "Nhân viên kinh doanh", "sales/staff", 500),
                step(2, "Trưởng nhóm kinh doanh", "sales/lead", 530, 1, 2),
            ],
        ),
    )


def _peak_while_writing(n: int, write: str, bytes_per_article: int) -> int:
    """Python memory allocated at the peak of writing (not before), for one role told in `n` articles."""
    import gc
    import tracemalloc

    with RoleMerger() as merger:
        for i in range(n):
            merger.add(_retold_doc(i))
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            written = sum(len(chunk) for chunk in getattr(merger, write)())  # as a file is written: piece by piece
            peak = tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()
    assert written > n * bytes_per_article  # every article's sources were written
    return peak


@pytest.mark.parametrize(
    ("write", "bytes_per_article"), [("json_chunks", 500), ("graph_chunks", 100), ("dot_chunks", 0)]
)
def test_writing_one_role_told_in_many_articles_takes_memory_flat_in_the_articles(write, bytes_per_article):
    """roles.json and the career graph stream each role's doc_ids, item sources, salaries and
    edge sources from the store; folding holds distinct texts only. 10x the articles must not
    take even 2x the memory (holding every occurrence, as before, took about 10x)."""
    small = _peak_while_writing(500, write, bytes_per_article)
    large = _peak_while_writing(5000, write, bytes_per_article)
    print(f"{write}: peak {small} bytes for 500 articles, {large} for 5000")
    assert large < 2 * small, f"{write}: peak {small} bytes for 500 articles, {large} for 5000"
