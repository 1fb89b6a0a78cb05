"""`extract diff`: missed gold items, extra predictions, near misses, and the exit code.

Each case is a tiny run built in tmp_path; the comment above it says what must show up and why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from extract.diff import diff_command
from extract.evaluate import field_diff, match_document, normalize_text

RECONCILE = "Reconcile bank statements with the general ledger every month"


def ev(text: str, start: int = 0, **extra: Any) -> dict[str, Any]:
    return {"text": text, "start": start, "end": start + len(text), **extra}


def prole(role_id: str, name: str, duties: list[str] = (), salaries: list[dict] = ()) -> dict[str, Any]:
    function, level = role_id.split("/")
    return {
        "role_id": role_id,
        "function": function,
        "level": level,
        "name": name,
        "duties": [ev(d, 100 * i) for i, d in enumerate(duties)],
        "requirements": [],
        "salaries": list(salaries),
        "career_path": [],
    }


def grole(
    role_id: str, names: list[str], duties: list[Any] = (), salaries: list[dict] = ()
) -> dict[str, Any]:
    return {
        "role_id": role_id,
        "names": names,
        "duties": list(duties),
        "requirements": [],
        "salaries": list(salaries),
        "career_path": [],
    }


def sal(lo: float, hi: float) -> dict[str, Any]:
    return {"min": lo, "max": hi, "currency": "VND", "period": "month", "stat": "range", "component": None}


def write_run(root: Path, preds: dict[str, list[dict]], golds: dict[str, list[dict]]) -> tuple[Path, Path]:
    """documents/*.json, gold/*.gold.json and a roles.json that merges by predicted role_id."""
    out, gold = root / "out", root / "gold"
    (out / "documents").mkdir(parents=True)
    gold.mkdir()
    by_id: dict[str, list[str]] = {}
    for doc_id, roles in preds.items():
        doc = {"doc_id": doc_id, "roles": roles}
        (out / "documents" / f"{doc_id}.json").write_text(
            json.dumps(doc, ensure_ascii=False), encoding="utf-8"
        )
        for r in roles:
            by_id.setdefault(r["role_id"], []).append(doc_id)
    for doc_id, roles in golds.items():
        doc = {"doc_id": doc_id, "roles": roles}
        (gold / f"{doc_id}.gold.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    merged = {"roles": [{"role_id": k, "sources": sorted(set(v))} for k, v in sorted(by_id.items())]}
    (out / "roles.json").write_text(json.dumps(merged), encoding="utf-8")
    return out, gold


# --- near misses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred_role", "pred_text", "kind", "ratio"),
    [
        # same role pair, ratio just under 90: not a match, shown as a near miss
        ("finance/staff", "Reconcile the bank statements with the general ledger every week", "near", 89.6),
        # ratio in the 60s: still a near miss
        ("finance/staff", "Reconcile bank accounts every month", "near", 64.58),
        # ratio under 60: missed and extra, no hint
        ("finance/staff", "Reconcile bank statements", None, 58.14),
        ("finance/staff", "Draft the annual budget", None, 38.1),
        # the very text, but under a predicted role that paired with nothing: "found under another role"
        ("finance/manager", RECONCILE, "elsewhere", 100.0),
    ],
)
def test_near_miss_band(pred_role: str, pred_text: str, kind: str | None, ratio: float) -> None:
    assert fuzz.ratio(normalize_text(RECONCILE), normalize_text(pred_text)) == pytest.approx(ratio, abs=0.01)
    roles = [prole("finance/staff", "Accountant"), prole("finance/manager", "Finance manager")]
    roles[0 if pred_role == "finance/staff" else 1]["duties"] = [ev(pred_text, 40)]
    dm = match_document(
        {"roles": roles}, {"roles": [grole("finance/staff", ["Accountant"], duties=[RECONCILE])]}
    )
    fd = field_diff("duties", dm.fields["duties"])
    assert [g.text for g in fd.missed] == [RECONCILE]
    assert [p.text for p in fd.extra] == [pred_text]
    hints = {"near": fd.near, "elsewhere": fd.elsewhere}
    for name, found in hints.items():
        if name == kind:
            [n] = found
            assert (n.score, n.pred.start, n.pred.role_id) == (pytest.approx(ratio, abs=0.01), 40, pred_role)
        else:
            assert found == []


@pytest.mark.parametrize(
    ("pred_role", "pred_salary", "kind"),
    [
        # 10-15M gold vs 10-16M predicted: unequal, labels close -> near miss
        ("sales/staff", sal(10e6, 16e6), "near"),
        # equal figure under another role -> found under another role
        ("sales/manager", sal(10e6, 15e6), "elsewhere"),
    ],
)
def test_salary_near_miss(pred_role: str, pred_salary: dict, kind: str) -> None:
    roles = [prole("sales/staff", "Sales rep"), prole("sales/manager", "Sales manager")]
    roles[0 if pred_role == "sales/staff" else 1]["salaries"] = [ev("10-16 triệu", 5, **pred_salary)]
    dm = match_document(
        {"roles": roles}, {"roles": [grole("sales/staff", ["Sales rep"], salaries=[sal(10e6, 15e6)])]}
    )
    fd = field_diff("salaries", dm.fields["salaries"])
    assert (len(fd.near), len(fd.elsewhere)) == ((1, 0) if kind == "near" else (0, 1))


# --- the command --------------------------------------------------------------------------------------


def test_identical_run_has_no_differences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, gold = write_run(
        tmp_path,
        {"a": [prole("nursing/staff", "Điều dưỡng", duties=["Theo dõi bệnh nhân"])]},
        {"a": [grole("nursing/staff", ["Điều dưỡng"], duties=["Theo dõi bệnh nhân."])]},
    )
    assert diff_command(out, gold) == 0
    assert "no differences" in capsys.readouterr().out


def test_optional_items_are_not_differences(tmp_path: Path) -> None:
    # An optional gold duty nobody found, and a prediction under an optional gold role: exit 0.
    out, gold = write_run(
        tmp_path,
        {
            "a": [
                prole("nursing/staff", "Nurse"),
                prole("nursing/intern", "Nursing intern", duties=["Restock"]),
            ]
        },
        {
            "a": [
                grole("nursing/staff", ["Nurse"], duties=[{"text": "Comfort families", "optional": True}]),
                {**grole("nursing/intern", ["Nursing intern"]), "optional": True},
            ]
        },
    )
    assert diff_command(out, gold) == 0


def _differing_run(root: Path) -> tuple[Path, Path]:
    """Article a: one duty near-missed (89.6), one duty extra. Article b: its prediction file is absent."""
    preds = {
        "a": [
            prole(
                "finance/staff",
                "Accountant",
                duties=[
                    "Reconcile the bank statements with the general ledger every week",
                    "Water the plants",
                ],
            )
        ]
    }
    golds = {
        "a": [grole("finance/staff", ["Accountant"], duties=[RECONCILE])],
        "b": [grole("finance/staff", ["Kế toán"], duties=["Lập báo cáo thuế"])],
    }
    return write_run(root, preds, golds)


def test_terminal_diff_lists_missed_extra_and_near(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, gold = _differing_run(tmp_path)
    assert diff_command(out, gold) == 1
    text = " ".join(capsys.readouterr().out.split())  # undo terminal wrapping
    assert f"- [finance/staff] {RECONCILE}" in text
    assert "≈ near miss (89.6): [finance/staff] Reconcile the bank statements" in text
    assert "+ [finance/staff] Water the plants @100-116" in text
    assert "b (no prediction file)" in text and "- [finance/staff] Lập báo cáo thuế" in text


def test_json_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, gold = _differing_run(tmp_path)
    assert diff_command(out, gold, as_json=True) == 1
    payload = json.loads(capsys.readouterr().out)
    duties = payload["articles"]["a"]["fields"]["duties"]
    assert [i["text"] for i in duties["missed"]] == [RECONCILE]
    assert [(i["text"], i["start"], i["end"]) for i in duties["extra"]] == [
        ("Reconcile the bank statements with the general ledger every week", 0, 64),
        ("Water the plants", 100, 116),
    ]
    assert [round(n["score"], 1) for n in duties["near_misses"]] == [89.6]
    assert payload["articles"]["b"]["has_prediction"] is False
    # merge instances are gold roles matched in some article; b matched nothing, so a stands alone:
    # no gold pair, no predicted pair
    assert (payload["merge"]["missed_pairs"], payload["merge"]["fn"]) == ([], 0)


@pytest.mark.parametrize(
    ("doc", "field", "code"),
    [
        ("a", "duties", 1),
        ("a", "roles", 0),  # a's role matched
        ("a", "requirements", 0),
        ("b", "roles", 1),  # b's role is missed
        ("a", "merge", 0),  # b matched no role, so a has no merge partner
        (None, "salaries", 0),
        (None, "nonsense", 2),  # unknown field
        ("zzz", None, 2),  # no such article
    ],
)
def test_diff_filters_and_exit_codes(tmp_path: Path, doc: str | None, field: str | None, code: int) -> None:
    out, gold = _differing_run(tmp_path)
    assert diff_command(out, gold, doc=doc, field=field, as_json=True) == code


def test_filtered_json_keeps_only_the_asked_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, gold = _differing_run(tmp_path)
    diff_command(out, gold, doc="a", field="duties", as_json=True)
    payload = json.loads(capsys.readouterr().out)
    assert list(payload["articles"]) == ["a"]
    assert list(payload["articles"]["a"]["fields"]) == ["duties"]
    assert "merge" not in payload


def test_wrong_merge_is_a_difference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Gold: a and b are the same role (sales/manager); the run calls b sales/director, so roles.json
    # keeps them apart. Per article everything matches (b by name), only the merge pair is missed.
    out, gold = write_run(
        tmp_path,
        {"a": [prole("sales/manager", "Sales manager")], "b": [prole("sales/director", "Head of sales")]},
        {"a": [grole("sales/manager", ["Sales manager"])], "b": [grole("sales/manager", ["Head of sales"])]},
    )
    assert diff_command(out, gold, field="roles") == 0
    capsys.readouterr()
    assert diff_command(out, gold) == 1
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "not merged: a:sales/manager (predicted sales/manager) + b:sales/manager (predicted sales/director)"
        in text
    )


def test_an_extra_prediction_alone_is_a_difference(tmp_path: Path) -> None:
    # Every gold item found; one predicted duty too many -> exit 1 (and 0 for the untouched field).
    out, gold = write_run(
        tmp_path,
        {"a": [prole("software/staff", "Developer", duties=["Write code", "Order pizza for the team"])]},
        {"a": [grole("software/staff", ["Developer"], duties=["Write code"])]},
    )
    assert diff_command(out, gold, field="duties") == 1
    assert diff_command(out, gold, field="roles") == 0


def test_diff_without_gold_is_an_error(tmp_path: Path) -> None:
    out, gold = write_run(tmp_path, {"a": [prole("sales/staff", "Sales rep")]}, {})
    assert diff_command(out, gold) == 2


# --- where misses stand, long lines -------------------------------------------------------------------

ARTICLE = "Kế toán viên\n\nNhiệm vụ\n- Lập báo cáo thuế hàng quý.\n- Reconcile bank statements with the general ledger every month\n"


def _run_with_source(root: Path, gold_duties: list[str]) -> tuple[Path, Path]:
    """One article with its source file, so misses can be placed in the text."""
    out, gold = write_run(
        root,
        {"a": [prole("finance/staff", "Kế toán viên")]},
        {"a": [grole("finance/staff", ["Kế toán viên"], duties=gold_duties)]},
    )
    src = root / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    doc = json.loads((out / "documents" / "a.json").read_text(encoding="utf-8"))
    doc["source"] = {"path": str(src), "encoding": "utf-8"}
    (out / "documents" / "a.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out, gold


@pytest.mark.parametrize(
    ("gold_text", "shown", "place"),
    [
        ("Lập báo cáo thuế hàng quý", "@25-50", {"start": 25, "end": 50, "exact": True}),
        ("- lập BÁO CÁO thuế hàng quý.", "@25-50", {"start": 25, "end": 50, "exact": True}),
        (
            "Reconcile bank statement with the general ledger each month",
            "~@56-115",  # approximate: the fuzzy alignment may clip a character or two
            {"start": 56, "end": 115, "exact": False},
        ),
        ("Water the plants in the office", "(not in the text)", None),
    ],
    ids=["exact", "normalised", "approximate", "absent"],
)
def test_misses_show_where_they_stand_in_the_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], gold_text: str, shown: str, place: dict | None
) -> None:
    out, gold = _run_with_source(tmp_path, [gold_text])
    assert diff_command(out, gold, field="duties") == 1
    text = " ".join(capsys.readouterr().out.split())
    assert f"- [finance/staff] {' '.join(gold_text.split())} {shown}" in text
    diff_command(out, gold, field="duties", as_json=True)
    (missed,) = json.loads(capsys.readouterr().out)["articles"]["a"]["fields"]["duties"]["missed"]
    assert missed["place"] == place


def test_a_long_line_wraps_inside_its_gutter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = "Lập báo cáo thuế " * 30
    out, gold = write_run(
        tmp_path,
        {"a": [prole("finance/staff", "Kế toán viên", duties=["Pha trà"])]},
        {"a": [grole("finance/staff", ["Kế toán viên"], duties=[long.strip()])]},
    )
    assert diff_command(out, gold, field="duties") == 1
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("    - "))
    block = lines[start : next(i for i, ln in enumerate(lines) if ln.startswith("    + "))]
    assert len(block) > 3  # it did wrap
    assert all(
        ln.startswith("      ") and ln[6] != " " for ln in block[1:]
    )  # every continuation right of "    - "


# --- two runs -----------------------------------------------------------------------------------------


def write_docs(folder: Path, docs: dict[str, list[dict]]) -> Path:
    (folder / "documents").mkdir(parents=True)
    for doc_id, roles in docs.items():
        (folder / "documents" / f"{doc_id}.json").write_text(
            json.dumps({"doc_id": doc_id, "roles": roles}, ensure_ascii=False), encoding="utf-8"
        )
    return folder


ACCOUNTANT = prole("finance/staff", "Accountant", duties=["Close the books", "Pay the suppliers"])


@pytest.mark.parametrize(
    ("b_docs", "expected"),
    [
        ({"a": [ACCOUNTANT]}, {}),
        (
            {"a": [prole("finance/staff", "Accountant", duties=["Close the books"])]},
            {"a": {"duties": (["Pay the suppliers"], [], [])}},
        ),
        (
            {
                "a": [
                    prole(
                        "finance/staff",
                        "Accountant",
                        duties=["Close the books", "Pay the suppliers", "File taxes"],
                    )
                ]
            },
            {"a": {"duties": ([], ["File taxes"], [])}},
        ),
        (
            {"a": [prole("finance/staff", "Accountant", duties=["Close the books.", "Pay the suppliers"])]},
            {"a": {"duties": ([], [], [("Close the books", ["end", "text"])])}},
        ),
        (
            {
                "a": [
                    prole(
                        "finance/senior", "Senior accountant", duties=["Close the books", "Pay the suppliers"]
                    )
                ]
            },
            {  # a role of another level is another role: it and its duties are only in one run each
                "a": {
                    "roles": (["Accountant"], ["Senior accountant"], []),
                    "duties": (
                        ["Close the books", "Pay the suppliers"],
                        ["Close the books", "Pay the suppliers"],
                        [],
                    ),
                }
            },
        ),
        ({"a": [ACCOUNTANT], "b": [ACCOUNTANT]}, {"b": "b"}),
        ({}, {"a": "a"}),
    ],
    ids=[
        "same",
        "only-in-a",
        "only-in-b",
        "changed",
        "role-renamed",
        "article-only-in-b",
        "article-only-in-a",
    ],
)
def test_two_runs_show_what_is_only_in_a_only_in_b_or_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], b_docs: dict, expected: dict
) -> None:
    a = write_docs(tmp_path / "a", {"a": [ACCOUNTANT]})
    b = write_docs(tmp_path / "b", b_docs)
    code = diff_command(a, b, as_json=True)
    payload = json.loads(capsys.readouterr().out)
    got: dict[str, Any] = {}
    for doc_id, art in payload["articles"].items():
        if "only_in" in art:
            got[doc_id] = art["only_in"]
            continue
        for name, fd in art["fields"].items():
            if fd["only_in_a"] or fd["only_in_b"] or fd["changed"]:
                got.setdefault(doc_id, {})[name] = (
                    [i["text"] for i in fd["only_in_a"]],
                    [i["text"] for i in fd["only_in_b"]],
                    [(c["a"]["text"], c["keys"]) for c in fd["changed"]],
                )
    assert got == expected
    assert code == int(bool(got))


def test_two_runs_in_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write_docs(tmp_path / "a", {"a": [ACCOUNTANT]})
    b = write_docs(tmp_path / "b", {"a": [prole("finance/staff", "Accountant", duties=["Close the books."])]})
    assert diff_command(a, b) == 1
    text = " ".join(capsys.readouterr().out.split())
    assert "(- only in A, + only in B, ~ changed)" in text
    assert "duties: 1 only in A, 0 only in B, 1 changed" in text
    assert "- [finance/staff] Pay the suppliers @100-117" in text
    assert "~ [finance/staff] Close the books → Close the books. @0-15 → @0-16 (end, text)" in text


@pytest.mark.parametrize(
    ("other", "field", "code"),
    [("empty", None, 2), ("run", "merge", 2), ("run", "duties", 0), ("run", "nonsense", 2)],
)
def test_diff_names_what_it_needs(tmp_path: Path, other: str, field: str | None, code: int) -> None:
    a = write_docs(tmp_path / "a", {"a": [ACCOUNTANT]})
    b = write_docs(tmp_path / "b", {"a": [ACCOUNTANT]}) if other == "run" else tmp_path / "empty"
    b.mkdir(exist_ok=True)
    assert diff_command(a, b, field=field) == code
