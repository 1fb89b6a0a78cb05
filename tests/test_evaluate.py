"""SPEC section 5 scoring, pinned by tiny hand-made predicted/gold pairs.

Every expected count is worked out by hand in the comment above the case; P/R/F1 then follow
from P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2PR/(P+R), and 1.0 when TP = FP = FN = 0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from extract.evaluate import (
    ROLE_FIELDS,
    SCORED_FIELDS,
    DocMatch,
    Score,
    eval_command,
    evaluate_dirs,
    match_document,
    normalize_text,
    score_merge,
    summarize,
)
from extract.models import DocumentRecord, RolesFile

REPO = Path(__file__).resolve().parents[1]
GOLD_DIRS = [REPO / "tests" / "gold", REPO / "tests" / "dev" / "gold"]

# --- builders ---------------------------------------------------------------------------------------


def ev(text: str, start: int = 0, **extra: Any) -> dict[str, Any]:
    """A predicted evidence item; offsets are arbitrary but well formed."""
    return {"text": text, "start": start, "end": start + len(text), **extra}


def prole(role_id: str, name: str, **items: list[Any]) -> dict[str, Any]:
    """A predicted RoleRecord; plain strings become evidence."""
    function, level = role_id.split("/")
    role: dict[str, Any] = {
        "role_id": role_id,
        "function": function,
        "level": level,
        "name": name,
        "mentions": [],
    }
    for key in ("duties", "requirements", "salaries", "career_path"):
        role[key] = [ev(x) if isinstance(x, str) else x for x in items.get(key, [])]
    return role


def grole(role_id: str, names: list[str], optional: bool = False, **items: list[Any]) -> dict[str, Any]:
    role: dict[str, Any] = {"role_id": role_id, "names": names}
    if optional:
        role["optional"] = True
    for key in ("duties", "requirements", "salaries", "career_path"):
        role[key] = list(items.get(key, []))
    return role


def pdoc(doc_id: str, *roles: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": doc_id, "roles": list(roles)}


def gdoc(doc_id: str, *roles: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": doc_id, "roles": list(roles)}


def counts(dm: DocMatch, field: str) -> tuple[int, int, int]:
    s = dm.fields[field].score
    return (s.tp, s.fp, s.fn)


def gsal(
    lo: float | None, hi: float | None, currency: str = "VND", period: str = "month", **attrs: Any
) -> dict:
    return {
        "min": lo,
        "max": hi,
        "currency": currency,
        "period": period,
        "stat": attrs.get("stat", "range"),
        "component": attrs.get("component"),
        "region": attrs.get("region"),
        "experience": attrs.get("experience"),
    }


def psal(
    lo: float | None, hi: float | None, currency: str = "VND", period: str = "month", **attrs: Any
) -> dict:
    return ev("salary", 0, cited_source=None, **gsal(lo, hi, currency, period, **attrs))


def gstep(name: str, role_id: str, lo: float | None = None, hi: float | None = None, **extra: Any) -> dict:
    return {"name": name, "role_id": role_id, "min_years": lo, "max_years": hi, **extra}


def pstep(name: str, role_id: str, lo: float | None = None, hi: float | None = None, order: int = 1) -> dict:
    return ev(name, 0, order=order, name=name, role_id=role_id, min_years=lo, max_years=hi)


def write_run(
    root: Path,
    preds: dict[str, dict] | None = None,
    golds: dict[str, dict] | None = None,
    merged: dict | None = None,
) -> tuple[Path, Path]:
    out, gold = root / "out", root / "gold"
    (out / "documents").mkdir(parents=True)
    gold.mkdir()
    for doc_id, d in (preds or {}).items():
        (out / "documents" / f"{doc_id}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    for doc_id, g in (golds or {}).items():
        (gold / f"{doc_id}.gold.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    if merged is not None:
        (out / "roles.json").write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    return out, gold


def merged_of(preds: dict[str, dict]) -> dict:
    """What a correct merge stage writes: one record per predicted role_id listing its articles."""
    by_id: dict[str, set[str]] = {}
    for doc_id, d in preds.items():
        for r in d["roles"]:
            by_id.setdefault(r["role_id"], set()).add(doc_id)
    roles = []
    for role_id in sorted(by_id):
        function, level = role_id.split("/")
        roles.append(
            {"role_id": role_id, "function": function, "level": level, "sources": sorted(by_id[role_id])}
        )
    return {"schema_version": "1.0", "roles": roles}


# --- normalisation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  • Quản lý   đội ngũ nhân viên.  ", "quản lý đội ngũ nhân viên"),
        ("1. Handle customer complaints;", "handle customer complaints"),
        ("2) Prepare VAT returns", "prepare vat returns"),
        ("(3) Lập báo cáo tài chính", "lập báo cáo tài chính"),
        ("a) Administer medication to patients", "administer medication to patients"),
        ("- 4. Chăm sóc bệnh nhân…", "chăm sóc bệnh nhân"),
        ("➢ Write unit tests!", "write unit tests"),
        ("1.5 years of experience in sales", "1.5 years of experience in sales"),  # a number, not a mark
        ("Team Management: Overseeing the sales team.", "team management: overseeing the sales team"),
        ("Ke\u0302\u0301 toa\u0301n tru\u031bo\u031b\u0309ng", "kế toán trưởng"),  # NFD in, NFC out
        ("Nurse\u200b  \u00a0Manager", "nurse manager"),
        ("Straße Sales Rep", "strasse sales rep"),
        ("Trưởng phòng (CSKH)", "trưởng phòng (cskh)"),  # closing bracket is not trailing punctuation
        ("", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


# --- P/R/F1 and division by zero ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r", "f1"),
    [
        (0, 0, 0, 1.0, 1.0, 1.0),  # nothing to find, nothing predicted
        (0, 3, 0, 0.0, 0.0, 0.0),  # only false hits: R has no denominator but the run is not perfect
        (0, 0, 2, 0.0, 0.0, 0.0),  # only misses
        (2, 1, 1, 2 / 3, 2 / 3, 2 / 3),
        (3, 1, 0, 0.75, 1.0, 2 * 0.75 / 1.75),
    ],
)
def test_score_division(tp: int, fp: int, fn: int, p: float, r: float, f1: float) -> None:
    s = Score(tp, fp, fn)
    assert (s.precision, s.recall, s.f1) == pytest.approx((p, r, f1))


# --- roles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred_roles", "gold_roles", "expected"),
    [
        # same role_id, different name -> match: TP 1
        ([prole("accounting/staff", "Accountant")], [grole("accounting/staff", ["Kế toán viên"])], (1, 0, 0)),
        # different role_id, name equals the 2nd gold name after normalisation -> match
        (
            [prole("nursing/staff", "  registered NURSE.")],
            [grole("nursing/specialist", ["Điều dưỡng viên", "Registered nurse"])],
            (1, 0, 0),
        ),
        # neither id nor name -> one false hit, one miss
        (
            [prole("sales/staff", "Sales executive")],
            [grole("marketing/staff", ["Marketing executive"])],
            (0, 1, 1),
        ),
        # duplicate prediction of one gold role: the first in file order takes it, the second is FP
        (
            [prole("software/staff", "Developer"), prole("software/staff", "Lập trình viên")],
            [grole("software/staff", ["Developer", "Lập trình viên"])],
            (1, 1, 0),
        ),
        # ranking: P1 fits G1 by id (rank 2) and G2 by name (rank 1); P2 fits G2 by id+name (rank 3).
        # Best first: P2-G2, then P1-G1 -> both matched
        (
            [prole("accounting/staff", "Kế toán trưởng"), prole("accounting/manager", "Kế toán trưởng")],
            [grole("accounting/staff", ["Kế toán viên"]), grole("accounting/manager", ["Kế toán trưởng"])],
            (2, 0, 0),
        ),
        # empty prediction against empty gold: nothing at all
        ([], [], (0, 0, 0)),
        ([], [grole("sales/staff", ["Sales rep"])], (0, 0, 1)),
        ([prole("sales/staff", "Sales rep")], [], (0, 1, 0)),
    ],
)
def test_role_matching(pred_roles: list, gold_roles: list, expected: tuple[int, int, int]) -> None:
    dm = match_document(pdoc("d", *pred_roles), gdoc("d", *gold_roles))
    assert counts(dm, "roles") == expected


def test_role_pairs_are_reported_with_both_ids() -> None:
    # P1 (accounting/staff) is matched to G2 by name; the pair records both role_ids.
    dm = match_document(
        pdoc("d", prole("accounting/staff", "Kế toán trưởng")),
        gdoc("d", grole("finance/manager", ["CFO"]), grole("accounting/manager", ["Kế toán trưởng"])),
    )
    [m] = dm.fields["roles"].matched
    assert (m.role_pair, m.gold.role_index, m.score) == (("accounting/staff", "accounting/manager"), 1, 1.0)
    assert [g.role_id for g in dm.fields["roles"].missed] == ["finance/manager"]


# --- duties and requirements ----------------------------------------------------------------------------

RECONCILE = "Reconcile bank statements with the general ledger every month"
TIEP_NHAN = "Tiếp nhận và xử lý khiếu nại của khách hàng qua điện thoại"


@pytest.mark.parametrize(
    ("gold_text", "pred_text", "ratio", "matched"),
    [
        (RECONCILE, "Reconciles bank statements with the general ledger every week", 91.8, True),
        (RECONCILE, "Reconcile the bank statements with the general ledger every week", 89.6, False),
        (TIEP_NHAN, "Tiếp nhận và xử lý phản hồi của khách hàng qua điện thoại", 90.43, True),
        (TIEP_NHAN, "Tiếp nhận và giải quyết khiếu nại của khách hàng qua điện thoại", 89.26, False),
        ("Check warehouse logs", "Check werehouse legs", 90.0, True),  # the threshold itself matches
        (
            "- Prepare the monthly payroll.",
            "1) PREPARE the monthly   payroll",
            100.0,
            True,
        ),  # normalised first
    ],
)
def test_duty_fuzzy_threshold(gold_text: str, pred_text: str, ratio: float, matched: bool) -> None:
    # guard: the case really has the ratio its comment claims
    assert fuzz.ratio(normalize_text(gold_text), normalize_text(pred_text)) == pytest.approx(ratio, abs=0.01)
    dm = match_document(
        pdoc("d", prole("finance/staff", "Accountant", duties=[pred_text])),
        gdoc("d", grole("finance/staff", ["Accountant"], duties=[gold_text])),
    )
    # matched: TP 1; not matched: the prediction is FP and the gold a miss
    assert counts(dm, "duties") == ((1, 0, 0) if matched else (0, 1, 1))


def test_best_ratio_wins_one_to_one() -> None:
    # Gold A, B; predicted X fits A (100) and B (~93); Y fits only B (100).
    # Pairs by ratio: X-A 100, Y-B 100 taken first; X-B (93) is left: TP 2, FP 0, FN 0.
    a, b = "Write unit tests for the payment service", "Write unit tests for the payments service"
    assert fuzz.ratio(normalize_text(a), normalize_text(b)) >= 90
    dm = match_document(
        pdoc("d", prole("software/staff", "Developer", duties=[a, b])),
        gdoc("d", grole("software/staff", ["Developer"], duties=[a, b])),
    )
    assert counts(dm, "duties") == (2, 0, 0)
    assert [(m.pred.index, m.gold.index) for m in dm.fields["duties"].matched] == [(0, 0), (1, 1)]


def test_duplicate_prediction_is_a_false_hit() -> None:
    # Gold has one duty; the run emits it twice (once with a trailing period): TP 1, FP 1, FN 0,
    # so P = 1/2, R = 1, F1 = 2/3. The first in file order is the match.
    duty = "Administer medication and record vital signs"
    dm = match_document(
        pdoc("d", prole("nursing/staff", "Nurse", duties=[duty, duty + "."])),
        gdoc("d", grole("nursing/staff", ["Nurse"], duties=[duty])),
    )
    assert counts(dm, "duties") == (1, 1, 0)
    assert dm.fields["duties"].matched[0].pred.index == 0
    assert dm.fields["duties"].extra[0].index == 1
    assert dm.fields["duties"].score.f1 == pytest.approx(2 / 3)


def test_items_of_unmatched_roles_count() -> None:
    # Gold sales/staff (2 duties, 1 requirement) vs predicted marketing/staff with an identical duty.
    # No role pair, so the identical duty does not count: duties TP 0, FP 2, FN 2; requirements FN 1.
    dm = match_document(
        pdoc("d", prole("marketing/staff", "Marketing executive", duties=["Call leads", "Run ads"])),
        gdoc(
            "d",
            grole(
                "sales/staff",
                ["Sales executive"],
                duties=["Call leads", "Close deals"],
                requirements=[{"kind": "education", "text": "Bachelor in business"}],
            ),
        ),
    )
    assert counts(dm, "roles") == (0, 1, 1)
    assert counts(dm, "duties") == (0, 2, 2)
    assert counts(dm, "requirements") == (0, 0, 1)


def test_predicted_items_keep_offsets() -> None:
    dm = match_document(
        pdoc(
            "d", prole("sales/staff", "Sales rep", duties=[ev("Call leads", 120), ev("Visit clients", 300)])
        ),
        gdoc("d", grole("sales/staff", ["Sales rep"], duties=["Call leads"])),
    )
    [m] = dm.fields["duties"].matched
    [x] = dm.fields["duties"].extra
    assert (m.pred.start, m.pred.end, x.start, x.end) == (120, 130, 300, 313)


# --- optional ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred_duties", "expected"),
    [
        # gold: A, optional B. Predicted A, B, C: A TP, B neither, C FP -> (1, 1, 0); P 1/2, R 1
        (["Audit expense claims", "Train junior staff", "Approve invoices"], (1, 1, 0)),
        # predicted only A: the optional B is not a miss -> (1, 0, 0), F1 1.0
        (["Audit expense claims"], (1, 0, 0)),
        # predicted only B: it earns nothing, and A is missed -> (0, 0, 1)
        (["Train junior staff"], (0, 0, 1)),
    ],
)
def test_optional_duty(pred_duties: list[str], expected: tuple[int, int, int]) -> None:
    dm = match_document(
        pdoc("d", prole("accounting/manager", "Finance manager", duties=pred_duties)),
        gdoc(
            "d",
            grole(
                "accounting/manager",
                ["Finance manager"],
                duties=["Audit expense claims", {"text": "Train junior staff", "optional": True}],
            ),
        ),
    )
    assert counts(dm, "duties") == expected


def test_optional_salary_and_career_step() -> None:
    # An optional salary and an optional step: predicting them changes nothing; a wrong step is FP.
    dm = match_document(
        pdoc(
            "d",
            prole(
                "sales/staff",
                "Sales rep",
                salaries=[psal(8e6, 12e6)],
                career_path=[pstep("Sales lead", "sales/lead"), pstep("Sales director", "sales/director")],
            ),
        ),
        gdoc(
            "d",
            grole(
                "sales/staff",
                ["Sales rep"],
                salaries=[{**gsal(8e6, 12e6), "optional": True}],
                career_path=[{**gstep("Sales lead", "sales/lead"), "optional": True}],
            ),
        ),
    )
    assert counts(dm, "salaries") == (0, 0, 0)
    assert counts(dm, "career_path") == (0, 1, 0)
    assert len(dm.fields["salaries"].optional) == 1


def test_optional_role_takes_everything_under_it() -> None:
    # Gold: nursing/staff (duty A) and an optional nursing/intern (duty X, one salary).
    # Predicted: the staff role with A; the intern role with X, Y and a wrong salary; all intern
    # material counts nothing. roles (1, 0, 0); duties (1, 0, 0); salaries (0, 0, 0) -> all F1 1.0.
    dm = match_document(
        pdoc(
            "d",
            prole("nursing/staff", "Nurse", duties=["Monitor patients"]),
            prole(
                "nursing/intern",
                "Nursing intern",
                duties=["Shadow senior nurses", "Restock supplies"],
                salaries=[psal(3e6, 3e6)],
            ),
        ),
        gdoc(
            "d",
            grole("nursing/staff", ["Nurse"], duties=["Monitor patients"]),
            grole(
                "nursing/intern",
                ["Nursing intern"],
                optional=True,
                duties=["Shadow senior nurses"],
                salaries=[gsal(4e6, 5e6)],
            ),
        ),
    )
    assert [counts(dm, f) for f in ROLE_FIELDS] == [(1, 0, 0), (1, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0)]
    assert [m.gold.role_id for m in dm.fields["roles"].optional] == ["nursing/intern"]
    assert [i.text for i in dm.fields["duties"].uncounted_pred] == ["Restock supplies"]
    assert len(dm.fields["duties"].optional) == 1


def test_unfound_optional_role_costs_nothing() -> None:
    # The optional role and its non-optional-looking duty are not misses: everything (0, 0, 0).
    dm = match_document(
        pdoc("d"),
        gdoc("d", grole("kitchen/intern", ["Commis chef"], optional=True, duties=["Prepare vegetables"])),
    )
    assert all(counts(dm, f) == (0, 0, 0) for f in ROLE_FIELDS)


def test_required_gold_role_wins_tie_over_optional() -> None:
    # One prediction fits an optional gold role and a required one equally (name only);
    # it goes to the required one: roles (1, 0, 0) rather than (0, 0, 1).
    dm = match_document(
        pdoc("d", prole("design/staff", "Designer")),
        gdoc(
            "d",
            grole("graphic_design/intern", ["Designer"], optional=True),
            grole("graphic_design/staff", ["Designer", "Graphic designer"]),
        ),
    )
    assert counts(dm, "roles") == (1, 0, 0)


# --- salaries ---------------------------------------------------------------------------------------

GOLD_LOW = gsal(14_200_000, 14_200_000, stat="low")


@pytest.mark.parametrize(
    ("pred", "matched"),
    [
        (psal(14_200_000, 14_200_000, stat="low"), True),
        (psal(14_200_000.0, 14_200_000.0, stat="average"), True),  # stat is an attribute, not a key
        (psal(14_200_000, 15_000_000, stat="low"), False),  # max differs
        (psal(14_200_000, None, stat="low"), False),  # open bound is not equal to a figure
        (psal(14_200_000, 14_200_000, "USD", stat="low"), False),
        (psal(14_200_000, 14_200_000, period="year", stat="low"), False),
    ],
)
def test_salary_equality(pred: dict, matched: bool) -> None:
    dm = match_document(
        pdoc("d", prole("customer_service/manager", "Trưởng phòng CSKH", salaries=[pred])),
        gdoc("d", grole("customer_service/manager", ["Trưởng phòng CSKH"], salaries=[GOLD_LOW])),
    )
    assert counts(dm, "salaries") == ((1, 0, 0) if matched else (0, 1, 1))


def test_salary_cents_and_attribute_accuracy() -> None:
    # Gold: $28.33/hour median (US), and two equal 10-15M ranges told apart by region only.
    # Predicted in the other order; the matcher pairs each with the range of the same region.
    # 3 TP; stat 2/3 (the USD one says average), region 3/3, component 3/3, experience 3/3.
    gold = gdoc(
        "d",
        grole(
            "software/staff",
            ["Software engineer"],
            salaries=[
                gsal(28.33, 28.33, "USD", "hour", stat="median", region="US"),
                gsal(10e6, 15e6, region="Hà Nội"),
                gsal(10e6, 15e6, region="TP. Hồ Chí Minh"),
            ],
        ),
    )
    pred = pdoc(
        "d",
        prole(
            "software/staff",
            "Software engineer",
            salaries=[
                psal(10e6, 15e6, region="tp. hồ chí minh"),
                psal(10e6, 15e6, region="Hà Nội"),
                psal(28.330000001, 28.33, "USD", "hour", stat="average", region="US"),
            ],
        ),
    )
    report = summarize([match_document(pred, gold)], None)
    assert (report.scores["salaries"].tp, report.scores["salaries"].fp, report.scores["salaries"].fn) == (
        3,
        0,
        0,
    )
    acc = {k: (a.correct, a.total) for k, a in report.attributes.items()}
    assert acc["salaries.stat"] == (2, 3)
    assert acc["salaries.region"] == (3, 3)
    assert acc["salaries.component"] == (3, 3)
    assert acc["salaries.experience"] == (3, 3)
    assert report.attributes["career_path.years"].value is None  # no pair to check


# --- career steps -------------------------------------------------------------------------------------


def test_career_steps_by_name_or_role_id() -> None:
    # Gold ladder: Intern (intern, 0-0.17 y), Accountant (staff, 1-3 y), Chief accountant (manager).
    # Predicted: "Accounting intern" with the right role_id -> match by role_id, years 1/6 ~ 0.17 equal;
    # "Accountant" with a wrong role_id -> match by name, years 1-2 wrong;
    # "Finance director" (finance/director) -> matches nothing: FP. "Chief accountant" missed: FN.
    # career_path (2, 1, 1): P 2/3, R 2/3. Years accuracy 1/2.
    gold = gdoc(
        "d",
        grole(
            "accounting/staff",
            ["Accountant"],
            career_path=[
                gstep("Thực tập sinh kế toán", "accounting/intern", 0, 0.17),
                gstep("Accountant", "accounting/staff", 1, 3),
                gstep("Chief accountant", "accounting/manager"),
            ],
        ),
    )
    pred = pdoc(
        "d",
        prole(
            "accounting/staff",
            "Accountant",
            career_path=[
                pstep("Accounting intern", "accounting/intern", 0, 1 / 6, order=1),
                pstep("accountant", "accounting/specialist", 1, 2, order=2),
                pstep("Finance director", "finance/director", order=3),
            ],
        ),
    )
    dm = match_document(pred, gold)
    assert counts(dm, "career_path") == (2, 1, 1)
    assert sorted(m.score for m in dm.fields["career_path"].matched) == [1.0, 2.0]  # by name, by role_id
    report = summarize([dm], None)
    assert (report.attributes["career_path.years"].correct, report.attributes["career_path.years"].total) == (
        1,
        2,
    )


def test_requirement_kind_and_years_accuracy() -> None:
    # Two requirements matched by text; kind right on one, years right on both -> kind 1/2, years 2/2.
    gold = gdoc(
        "d",
        grole(
            "sales/manager",
            ["Sales manager"],
            requirements=[
                {
                    "kind": "experience",
                    "text": "At least 5 years in B2B sales",
                    "min_years": 5,
                    "max_years": None,
                },
                {"kind": "language", "text": "Fluent English", "min_years": None, "max_years": None},
            ],
        ),
    )
    pred = pdoc(
        "d",
        prole(
            "sales/manager",
            "Sales manager",
            requirements=[
                ev("At least 5 years in B2B sales", kind="experience", min_years=5, max_years=None),
                ev("Fluent English", kind="skill", min_years=None, max_years=None),
            ],
        ),
    )
    report = summarize([match_document(pred, gold)], None)
    assert (report.attributes["requirements.kind"].correct, report.attributes["requirements.kind"].total) == (
        1,
        2,
    )
    assert report.attributes["requirements.years"].value == 1.0


# --- merge ------------------------------------------------------------------------------------------


def _merge_case() -> tuple[list[DocMatch], dict]:
    """Three articles about customer-service roles.

    Gold: a, b, c each have cs/manager; c also has cs/staff.
      instances a.M, b.M, c.M, c.S -> gold pairs (a.M,b.M) (a.M,c.M) (b.M,c.M) = 3
    Predicted: a.M as cs/manager, b.M as cs/supervisor (matched by name), c.M as cs/manager and c.S as
    cs/manager too (matched by name). roles.json: cs/manager {a, c}; cs/supervisor lists no article.
      predicted record cs/manager holds a.M, c.M, c.S -> pairs (a.M,c.M) (a.M,c.S) (c.M,c.S) = 3
    TP 1 (a.M,c.M); FP 2; FN 2 -> P = R = F1 = 1/3.
    """
    m, s = "customer_service/manager", "customer_service/staff"
    golds = {
        "a": gdoc("a", grole(m, ["Trưởng phòng CSKH"])),
        "b": gdoc("b", grole(m, ["Customer service manager"])),
        "c": gdoc("c", grole(m, ["Quản lý CSKH"]), grole(s, ["Nhân viên CSKH"])),
    }
    preds = {
        "a": pdoc("a", prole(m, "Trưởng phòng CSKH")),
        "b": pdoc("b", prole("customer_service/supervisor", "Customer service manager")),
        "c": pdoc("c", prole(m, "Quản lý CSKH"), prole(m, "Nhân viên CSKH")),
    }
    docs = [match_document(preds[k], golds[k]) for k in "abc"]
    merged = {
        "roles": [
            {"role_id": m, "sources": ["a", "c"]},
            {"role_id": "customer_service/supervisor", "sources": []},
        ]
    }
    return docs, merged


def test_merge_pairs() -> None:
    docs, merged = _merge_case()
    result = score_merge(docs, merged)
    assert (result.score.tp, result.score.fp, result.score.fn) == (1, 2, 2)
    assert result.score.f1 == pytest.approx(1 / 3)
    missed = {frozenset((a.doc_id, b.doc_id)) for a, b in result.missed_pairs}
    assert missed == {frozenset("ab"), frozenset("bc")}
    assert all(
        {a.gold_role_id, b.gold_role_id} == {"customer_service/manager", "customer_service/staff"}
        for a, b in result.extra_pairs
    )


def test_merge_requires_the_article_in_sources() -> None:
    # Same case, but roles.json lists b under customer_service/supervisor: that record has one member, so
    # no new predicted pair; and without roles.json there are no predicted pairs: TP 0, FP 0, FN 3.
    docs, merged = _merge_case()
    merged["roles"][1]["sources"] = ["b"]
    assert score_merge(docs, merged).score == Score(1, 2, 2)
    assert score_merge(docs, None).score == Score(0, 0, 3)


def test_merge_without_pairs_is_vacuous() -> None:
    # One article: no gold pairs and no predicted pairs -> TP = FP = FN = 0, scored 1.0.
    dm = match_document(
        pdoc("a", prole("sales/staff", "Sales rep")), gdoc("a", grole("sales/staff", ["Sales rep"]))
    )
    result = score_merge([dm], {"roles": [{"role_id": "sales/staff", "sources": ["a"]}]})
    assert result.score == Score(0, 0, 0)
    assert result.score.f1 == 1.0


def test_merge_ignores_optional_roles() -> None:
    # Both articles have an optional intern role that the run predicts and merges: no instance, no pair.
    g = grole("sales/intern", ["Sales intern"], optional=True)
    docs = [match_document(pdoc(k, prole("sales/intern", "Sales intern")), gdoc(k, g)) for k in "ab"]
    assert score_merge(docs, {"roles": [{"role_id": "sales/intern", "sources": ["a", "b"]}]}).score == Score()


# --- directories, files, exit codes ----------------------------------------------------------------------


def test_missing_and_unscored_prediction_files(tmp_path: Path) -> None:
    # Gold a and b; predictions a (perfect) and c (no gold). b counts all its gold as missed:
    # roles (1, 0, 1), duties (1, 0, 2). c is listed, not counted.
    golds = {
        "a": gdoc("a", grole("sales/staff", ["Sales rep"], duties=["Call leads"])),
        "b": gdoc("b", grole("sales/manager", ["Sales manager"], duties=["Set targets", "Coach reps"])),
    }
    preds = {
        "a": pdoc("a", prole("sales/staff", "Sales rep", duties=["Call leads"])),
        "c": pdoc("c", prole("sales/staff", "Sales rep", duties=["Anything"])),
    }
    report = evaluate_dirs(*write_run(tmp_path, preds, golds, merged_of(preds)))
    assert (report.scores["roles"].tp, report.scores["roles"].fp, report.scores["roles"].fn) == (1, 0, 1)
    assert (report.scores["duties"].tp, report.scores["duties"].fp, report.scores["duties"].fn) == (1, 0, 2)
    assert report.missing_predictions == ["b"]
    assert report.unscored_predictions == ["c"]
    assert [d.doc_id for d in report.docs] == ["a", "b"]


def test_empty_files_and_unreadable_prediction(tmp_path: Path) -> None:
    # a: empty gold, empty prediction -> nothing. b: broken JSON prediction is treated as absent,
    # so b's one gold role is a miss. Every other field is vacuous -> 1.0.
    out, gold = write_run(
        tmp_path, {"a": pdoc("a")}, {"a": gdoc("a"), "b": gdoc("b", grole("law/staff", ["Luật sư"]))}, None
    )
    (out / "documents" / "b.json").write_text("{not json", encoding="utf-8")
    report = evaluate_dirs(out, gold)
    assert report.scores["roles"] == Score(0, 0, 1)
    assert all(
        report.scores[f].f1 == 1.0 for f in ("duties", "requirements", "salaries", "career_path", "merge")
    )
    assert report.missing_predictions == ["b"]
    assert any("b.json" in w for w in report.warnings)
    assert any("roles.json" in w for w in report.warnings)


def _perfect_and_half(tmp_path: Path) -> tuple[Path, Path]:
    """Roles perfect; duties TP 1, FP 1, FN 1 -> duties F1 exactly 0.5; everything else 1.0."""
    golds = {"a": gdoc("a", grole("sales/staff", ["Sales rep"], duties=["Call leads", "Close deals"]))}
    preds = {"a": pdoc("a", prole("sales/staff", "Sales rep", duties=["Call leads", "Write blog posts"]))}
    return write_run(tmp_path, preds, golds, merged_of(preds))


@pytest.mark.parametrize(
    ("min_f1", "code"),
    [(None, 0), (0.4, 0), (0.5, 0), (0.51, 1), (1.0, 1)],  # 0.5 is not below 0.5
)
def test_min_f1_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], min_f1: float | None, code: int
) -> None:
    out, gold = _perfect_and_half(tmp_path)
    assert eval_command(out, gold, min_f1=min_f1) == code
    text = capsys.readouterr().out
    assert "duties" in text and "0.500" in text


def test_eval_without_gold_is_an_error(tmp_path: Path) -> None:
    # An empty gold folder would score a vacuous 1.0 everywhere; the command refuses with 2 instead.
    out, gold = write_run(tmp_path, {"a": pdoc("a", prole("sales/staff", "Sales rep"))}, {}, None)
    assert eval_command(out, gold, min_f1=0.9) == 2
    assert eval_command(out, tmp_path / "no_such_dir") == 2


def test_eval_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, gold = _perfect_and_half(tmp_path)
    assert eval_command(out, gold, as_json=True, min_f1=0.9) == 1
    payload = json.loads(capsys.readouterr().out)
    assert list(payload["fields"]) == list(SCORED_FIELDS)
    assert payload["fields"]["duties"] == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert payload["below_min_f1"] == ["duties"]
    assert payload["per_article"]["a"]["roles"]["tp"] == 1


# --- gold scored against itself ----------------------------------------------------------------------


def gold_as_prediction(gold: dict) -> dict:
    """Turn a gold file into a documents/*.json a perfect run would write (optional items included)."""

    def text_of(raw: Any) -> dict:
        return raw if isinstance(raw, dict) else {"text": raw}

    roles = []
    for r in gold["roles"]:
        function, level = r["role_id"].split("/")
        role = {
            "role_id": r["role_id"],
            "function": function,
            "level": level,
            "name": r["names"][0],
            "mentions": r["names"][1:],
        }
        role["duties"] = [ev(text_of(d)["text"]) for d in r["duties"]]
        role["requirements"] = [
            ev(q["text"], kind=q["kind"], min_years=q.get("min_years"), max_years=q.get("max_years"))
            for q in r["requirements"]
        ]
        role["salaries"] = [
            ev("salary", **{k: v for k, v in s.items() if k != "optional"}, cited_source=None)
            for s in r["salaries"]
        ]
        role["career_path"] = [
            ev(
                c["name"],
                order=i,
                name=c["name"],
                role_id=c["role_id"],
                min_years=c.get("min_years"),
                max_years=c.get("max_years"),
            )
            for i, c in enumerate(r["career_path"], start=1)
        ]
        roles.append(role)
    source = {"path": f"{gold['doc_id']}.txt", "sha256": "0" * 64, "bytes": 0, "encoding": "utf-8"}
    return {"schema_version": "1.0", "doc_id": gold["doc_id"], "source": source, "roles": roles}


@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=lambda p: p.parent.name + "/" + p.name)
def test_gold_scored_against_itself_is_perfect(tmp_path: Path, gold_dir: Path) -> None:
    golds = {
        p.name.removesuffix(".gold.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(gold_dir.glob("*.gold.json"))
    }
    preds = {doc_id: gold_as_prediction(g) for doc_id, g in golds.items()}
    for p in preds.values():
        DocumentRecord.model_validate(p)  # the converted files are real contract documents
    merged = merged_of(preds)
    RolesFile.model_validate(merged)
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    for doc_id, p in preds.items():
        (out / "documents" / f"{doc_id}.json").write_text(json.dumps(p, ensure_ascii=False), encoding="utf-8")
    (out / "roles.json").write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    report = evaluate_dirs(out, gold_dir)
    assert {f: s.f1 for f, s in report.scores.items()} == dict.fromkeys(SCORED_FIELDS, 1.0)
    assert report.scores["roles"].tp > 0 and report.scores["duties"].tp > 0
    assert all(a.value in (None, 1.0) for a in report.attributes.values())
    assert report.missing_predictions == [] and report.unscored_predictions == []
