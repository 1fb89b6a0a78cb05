"""Incremental runs: unchanged articles are not extracted again, and the output stays the same bytes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from output_tree import output_tree

import extract.task as task
from extract.cache import (
    CACHE_FILENAME,
    COMMIT_EVERY,
    CacheEntry,
    ResultCache,
    cache_dir,
    cache_key,
    fingerprint_files,
    lookup,
    tree_fingerprint,
)
from extract.outdir import STATE_DIRNAME
from extract.pipeline import executor, run_paths, write_run
from extract.read import find_inputs
from extract.report import Reporter, RunSummary
from extract.task import RunOptions

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extract"

ARTICLES = {
    "ke_toan.txt": (
        "Kế toán tổng hợp là gì?\n\nKế toán tổng hợp ghi chép và tổng hợp số liệu tài chính của doanh nghiệp.\n\n"
        "Công việc của kế toán tổng hợp\n\n- Lập báo cáo tài chính hằng quý\n- Kiểm tra chứng từ thu chi\n\n"
        "Yêu cầu\n\n- Tốt nghiệp đại học chuyên ngành kế toán\n- Có ít nhất 2 năm kinh nghiệm\n\n"
        "Mức lương kế toán tổng hợp từ 10 - 15 triệu đồng/tháng.\n"
    ),
    "nurse.md": (
        "# Registered Nurse\n\nA registered nurse provides and coordinates patient care.\n\n## Duties\n\n"
        "- Administer medication and record patient vital signs\n- Educate patients about managing illness\n\n"
        "## Requirements\n\n- Bachelor of Science in Nursing\n- 3+ years of clinical experience\n\n"
        "The average salary is $75,000 per year.\n"
    ),
    "sales.txt": (
        "Sales Executive job description\n\nResponsibilities\n\n- Find and contact new customers\n"
        "- Negotiate contracts and close deals\n\nRequirements\n\n- 1-3 years of B2B sales experience\n"
        "- Good communication skills in English\n"
    ),
}


def write_corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(corpus: Path, out: Path, *, force: bool = False) -> RunSummary:
    opts = RunOptions(out=out, force=force, quiet=True)
    with find_inputs([str(corpus)]) as locations, executor(opts) as outcomes_of:
        return write_run(outcomes_of(locations), out, Reporter(quiet=True), total=len(locations))


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """The run's output files (the cache database is the run's own state, compared by its entries)."""
    return output_tree(folder)


def cached_keys(out: Path) -> list[str]:
    with sqlite3.connect(cache_dir(out) / CACHE_FILENAME) as db:
        return sorted(k for (k,) in db.execute("SELECT key FROM entries"))


def no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any article that is really extracted from now on fails, so a hit is visible in the manifest."""

    def refuse(src):  # noqa: ANN001, ANN202
        raise AssertionError("extracted although cached")

    monkeypatch.setattr(task, "extract_source", refuse)


def test_second_run_takes_every_article_from_the_cache_and_writes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "in")
    first = run(corpus, tmp_path / "out")
    assert (first.ok, first.cached) == (3, 0)
    before = tree_bytes(tmp_path / "out")
    no_extraction(monkeypatch)
    second = run(corpus, tmp_path / "out")
    assert (second.ok, second.cached, second.failed) == (3, 3, 0)
    assert tree_bytes(tmp_path / "out") == before


def test_force_extracts_every_article_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "in")
    run(corpus, tmp_path / "out")
    no_extraction(monkeypatch)
    forced = run(corpus, tmp_path / "out", force=True)
    assert (forced.cached, forced.failed) == (0, 3)


def test_only_the_changed_article_is_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "in")
    run(corpus, tmp_path / "out")
    changed = {**ARTICLES, "sales.txt": ARTICLES["sales.txt"] + "- Own a motorbike\n"}
    write_corpus(corpus, changed)
    calls: list[str] = []
    real = task.extract_source
    monkeypatch.setattr(task, "extract_source", lambda src: calls.append(src.doc_id) or real(src))
    summary = run(corpus, tmp_path / "out")
    assert (summary.ok, summary.cached, calls) == (3, 2, ["sales"])
    clean = write_corpus(tmp_path / "clean", changed)
    run(clean, tmp_path / "clean_out")
    assert _without_paths(tmp_path / "out", corpus) == _without_paths(tmp_path / "clean_out", clean)


def _without_paths(out: Path, corpus: Path) -> dict[str, bytes]:
    """Output bytes with the corpus folder's name taken out (two corpora, same articles)."""
    return {
        name: data.replace(str(corpus).encode(), b"CORPUS")
        for name, data in tree_bytes(out).items()
        if name != f"{STATE_DIRNAME}/{CACHE_FILENAME} rows"  # keyed by location: two corpora never share entries
    }


def test_removed_article_leaves_no_document_and_no_cache_entry(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    run(corpus, tmp_path / "out")
    (corpus / "nurse.md").unlink()
    run(corpus, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out" / "documents").iterdir()) == [
        "ke_toan.json",
        "sales.json",
    ]
    assert len(cached_keys(tmp_path / "out")) == 2


@pytest.mark.parametrize("counts", ["", "not json", "1", '["roles"]', '{"roles": "many"}'])
def test_damaged_cache_entry_is_a_miss_not_an_error(tmp_path: Path, counts: str) -> None:
    corpus = write_corpus(tmp_path / "in")
    run(corpus, tmp_path / "out")
    before = tree_bytes(tmp_path / "out")
    with sqlite3.connect(cache_dir(tmp_path / "out") / CACHE_FILENAME) as db:
        db.execute("UPDATE entries SET counts = ?", (counts,))
    summary = run(corpus, tmp_path / "out")
    assert (summary.ok, summary.cached) == (3, 0)
    assert tree_bytes(tmp_path / "out") == before


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100])
def test_unreadable_cache_database_is_replaced_not_an_error(tmp_path: Path, damage: bytes) -> None:
    corpus = write_corpus(tmp_path / "in")
    run(corpus, tmp_path / "out")
    before = tree_bytes(tmp_path / "out")
    (cache_dir(tmp_path / "out") / CACHE_FILENAME).write_bytes(damage)
    summary = run(corpus, tmp_path / "out")
    assert (summary.ok, summary.failed) == (3, 0)
    assert tree_bytes(tmp_path / "out") == before
    assert len(cached_keys(tmp_path / "out")) == 3


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("x/a.txt", "00"), ("x/b.txt", "00")),  # same bytes, other file: doc_id and path differ
        (("x/a.txt", "00"), ("x/a.txt", "01")),  # same file, new bytes
    ],
)
def test_key_changes_with_location_or_content(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert cache_key(*a) != cache_key(*b)
    assert cache_key(*a) == cache_key(*a)


def copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda root: root / "data" / "sections.json", id="lexicon"),
        pytest.param(lambda root: root / "assemble.py", id="code"),
    ],
)
def test_fingerprint_changes_when_a_data_or_code_file_changes(tmp_path: Path, edit) -> None:  # noqa: ANN001
    root = copy_package(tmp_path)
    before = tree_fingerprint(root, "1")
    path = edit(root)
    path.write_bytes(path.read_bytes() + b"\n")
    assert tree_fingerprint(root, "1") != before


def test_fingerprint_changes_with_the_version_and_ignores_bytecode(tmp_path: Path) -> None:
    root = copy_package(tmp_path)
    before = tree_fingerprint(root, "1")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert tree_fingerprint(root, "1") == before
    assert tree_fingerprint(root, "2") != before


def test_every_lexicon_is_part_of_the_fingerprint() -> None:
    hashed = set(fingerprint_files(PACKAGE))
    assert {p for p in (PACKAGE / "data").glob("*.json")} <= hashed


def test_put_then_get_round_trips_and_prune_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    entry = CacheEntry('{"doc_id": "a"}\n', {"roles": 1, "duties": 2})
    with ResultCache(tmp_path) as cache:
        for key in ("ab", "cd", "ef"):
            cache.put(key * 32, entry)
    (tmp_path / "ab").mkdir()  # the old one-file-per-entry layout
    (tmp_path / "ab" / f"{'ab' * 32}.json").write_text("{}", encoding="utf-8")
    with ResultCache(tmp_path) as cache:  # the next run uses one entry and stores another
        assert lookup(str(tmp_path), "ab" * 32) == entry and lookup(str(tmp_path), "01" * 32) is None
        cache.keep("ab" * 32)
        cache.put("99" * 32, entry)
        assert cache.prune() == 2
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as db:
        assert sorted(k for (k,) in db.execute("SELECT key FROM entries")) == ["99" * 32, "ab" * 32]
    assert (tmp_path / "ab" / f"{'ab' * 32}.json").read_text(encoding="utf-8") == "{}"
    assert lookup(str(tmp_path), "ab" * 32) == entry  # what a worker reads
    assert lookup(str(tmp_path / "absent"), "ab" * 32) is None


def test_a_killed_run_keeps_the_entries_it_committed(tmp_path: Path) -> None:
    """Entries are committed in batches: a run that never closes its cache loses at most the last batch."""
    entry = CacheEntry("{}\n", {"roles": 0})
    cache = ResultCache(tmp_path)
    for i in range(COMMIT_EVERY + 5):
        cache.put(f"{i:064x}", entry)
    assert lookup(str(tmp_path), f"{0:064x}") == entry  # committed: visible to another connection
    assert lookup(str(tmp_path), f"{COMMIT_EVERY + 4:064x}") is None  # the open batch is not


def test_cli_force_flag_reaches_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "in")
    assert run_paths([str(corpus)], RunOptions(out=tmp_path / "out", quiet=True)) == 0
    no_extraction(monkeypatch)
    assert run_paths([str(corpus)], RunOptions(out=tmp_path / "out", quiet=True)) == 0
    assert run_paths([str(corpus)], RunOptions(out=tmp_path / "out", quiet=True, force=True)) == 1


@pytest.mark.parametrize("workers", [2])
def test_worker_processes_read_the_cache_too(tmp_path: Path, workers: int) -> None:
    corpus = write_corpus(tmp_path / "in")
    run(corpus, tmp_path / "out")
    before = tree_bytes(tmp_path / "out")
    opts = RunOptions(out=tmp_path / "out", workers=workers, quiet=True)
    with find_inputs([str(corpus)]) as locations, executor(opts) as outcomes_of:
        summary = write_run(outcomes_of(locations), tmp_path / "out", Reporter(quiet=True), total=len(locations))
    assert (summary.ok, summary.cached) == (3, 3)
    assert tree_bytes(tmp_path / "out") == before
