"""Robustness: whatever bytes an article holds, process_location returns an Outcome and never raises.

Property-based (hypothesis): random Unicode, random bytes, very long lines and deeply
nested HTML. An article that fails is recorded with its reason, and the other articles
of the run are still written.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract.task as task
from extract.models import DocumentRecord
from extract.pipeline import run_paths
from extract.task import Outcome, RunOptions, process_location

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Words that reach the stages' patterns: titles, levels, money, years, list marks, table cells.
WORDS = [
    "Kế", "toán", "trưởng", "Nhân", "viên", "kinh", "doanh", "Trưởng", "phòng", "Giám", "đốc", "lương",
    "triệu", "đồng/tháng", "10", "-", "15", "1.000.000", "VNĐ", "$", "75,000", "per", "year", "năm",
    "kinh nghiệm", "Senior", "Manager", "nurse", "accountant", "Requirements:", "Duties", "•", "-", "*",
    "1.", "|", ":", "(", ")", "Yêu", "cầu", "Mô", "tả", "công", "việc", "→", "&amp;", "<b>", "#", "\t",
]  # fmt: skip
NESTING_TAGS = ["div", "ul", "li", "ol", "span", "p", "table", "tr", "td", "section", "b", "h2"]


def outcome_for(data: bytes, suffix: str) -> tuple[Outcome, str | None]:
    """Write `data` to a fresh file, process it; also return the text as decoded when the read succeeds."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        outcome = process_location(str(path))
    return outcome, outcome.dedupe_text


def assert_contained(outcome: Outcome) -> None:
    """The Outcome contract: ok with a valid record whose offsets lie in the text, or a status with a reason."""
    assert isinstance(outcome, Outcome)
    if outcome.status != "ok":
        assert outcome.status in ("skipped", "failed")
        assert outcome.reason
        return
    assert outcome.record_json is not None
    record = DocumentRecord.model_validate_json(outcome.record_json)
    size = len(outcome.dedupe_text or "")
    for role in record.roles:
        items = [role.summary, *role.duties, *role.requirements, *role.salaries, *role.career_path]
        for item in filter(None, items):
            assert 0 <= item.start <= item.end <= size


@SETTINGS
@given(text=st.text(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_unicode_never_escapes(text: str, suffix: str) -> None:
    assert_contained(outcome_for(text.encode("utf-8", errors="surrogatepass"), suffix)[0])


@SETTINGS
@given(
    text=st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=1, max_size=400).map(" ".join),
    newlines=st.lists(st.integers(min_value=0, max_value=399), max_size=40),
)
def test_career_like_word_salad_never_escapes(text: str, newlines: list[int]) -> None:
    words = text.split(" ")
    for i in sorted(set(newlines), reverse=True):
        words.insert(min(i, len(words)), "\n")
    assert_contained(outcome_for(" ".join(words).encode("utf-8", errors="surrogatepass"), ".txt")[0])


@SETTINGS
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".html"]))
def test_random_bytes_never_escape(data: bytes, suffix: str) -> None:
    assert_contained(outcome_for(data, suffix)[0])


@settings(SETTINGS, max_examples=6)
@given(
    unit=st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join),
    repeats=st.integers(min_value=300, max_value=1500),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_very_long_lines_never_escape(unit: str, repeats: int, suffix: str) -> None:
    line = " ".join([unit] * repeats)  # one line of up to ~100k characters
    assert_contained(outcome_for(f"Kế toán\n{line}\nEnd\n".encode(), suffix)[0])


@settings(SETTINGS, max_examples=8)
@given(
    tags=st.lists(st.sampled_from(NESTING_TAGS), min_size=1, max_size=5),
    depth=st.integers(min_value=50, max_value=3000),
    closed=st.booleans(),
)
def test_deeply_nested_html_never_escapes(tags: list[str], depth: int, closed: bool) -> None:
    opening = "".join(
        f"<{tags[i % len(tags)]}>" + ("Nhân viên kế toán " if i % 97 == 0 else "") for i in range(depth)
    )
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth))) if closed else ""
    html = f"<html><body><h1>Kế toán</h1>{opening}<p>Lương 10 - 15 triệu/tháng</p>{closing}</body></html>"
    assert_contained(outcome_for(html.encode(), ".html")[0])


# --- a failing article is recorded, the others are written --------------------------------


@pytest.mark.parametrize(
    "error", [RecursionError("too deep"), MemoryError(), KeyError("level"), ValueError("bad offset")]
)
def test_extraction_error_becomes_a_failed_outcome_with_its_reason(
    error: Exception, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(src):  # noqa: ANN001, ANN202
        raise error

    monkeypatch.setattr(task, "extract_source", boom)
    path = tmp_path / "a.txt"
    path.write_text("Kế toán tổng hợp\n\nLập báo cáo tài chính.\n", encoding="utf-8")
    outcome = process_location(str(path))
    assert (outcome.status, outcome.doc_id) == ("failed", "a")
    assert outcome.reason is not None and type(error).__name__ in outcome.reason
    assert outcome.sha256 is not None


def test_failing_articles_are_named_in_the_manifest_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("accountant", "nurse", "broken", "sales"):
        (corpus / f"{name}.txt").write_text(
            f"{name.title()} job description\n\nResponsibilities\n\n- Prepare monthly reports for the {name} team\n",
            encoding="utf-8",
        )
    real = task.extract_source

    def fail_broken(src):  # noqa: ANN001, ANN202
        if src.doc_id == "broken":
            raise RuntimeError("stage exploded")
        return real(src)

    monkeypatch.setattr(task, "extract_source", fail_broken)
    missing = str(corpus / "gone.txt")
    out = tmp_path / "out"
    assert run_paths([str(corpus), missing], RunOptions(out=out, quiet=True)) == 1
    assert sorted(p.stem for p in (out / "documents").glob("*.json")) == ["accountant", "nurse", "sales"]
    manifest = {
        e["doc_id"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"]
    }
    assert manifest["broken"]["status"] == "failed"
    assert "RuntimeError: stage exploded" in manifest["broken"]["reason"]
    assert (manifest["gone"]["status"], manifest["gone"]["reason"]) == ("failed", "file not found")
    assert {manifest[d]["status"] for d in ("accountant", "nurse", "sales")} == {"ok"}
