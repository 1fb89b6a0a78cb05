"""Duplicate articles: copies with other debris are caught, distinct articles are not."""

from __future__ import annotations

import gc
import random
import sqlite3
import tracemalloc
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH

from extract import dedupe
from extract.dedupe import DuplicateFinder, shingles, words

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "raw").glob("*.txt")) + sorted((ROOT / "tests/dev/raw").glob("*.txt"))
DEBRIS = [
    "Back to Reference",
    "Watch a demo",
    "Đăng nhập | Đăng ký",
    "Chia sẻ bài viết: Facebook Twitter LinkedIn",
    "Xem thêm: Top 10 việc làm lương cao nhất",
    "Trang chủ > Cẩm nang nghề nghiệp",
    "Subscribe to our newsletter",
    "Copyright © 2024 All rights reserved",
]

ABOUT_US = (
    "About us. We are a fast growing retail group with more than two hundred stores across the country "
    "and a team of five thousand people who care about our customers. Benefits: thirteenth month salary, "
    "health insurance, annual company trip, training budget, hybrid working two days a week, and a "
    "modern office in the city centre close to public transport. "
)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _with_debris(text: str, seed: int, count: int = 6) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for line in rng.sample(DEBRIS, count):
        lines.insert(rng.randrange(len(lines) + 1), line)
    return "\n".join(lines)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_identical_copy_is_a_duplicate_of_the_first(path):
    finder = DuplicateFinder()
    assert finder.check("first", _text(path)) is None
    assert finder.check("second", _text(path)) == "first"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_copy_with_other_navigation_debris_is_a_duplicate(path):
    finder = DuplicateFinder()
    assert finder.check("a", _with_debris(_text(path), 1)) is None
    assert finder.check("b", _with_debris(_text(path), 2)) == "a"


@pytest.mark.parametrize("path", ARTICLES[:5], ids=lambda p: p.stem)
def test_copy_with_a_truncated_ending_is_a_duplicate(path):
    text = _text(path)
    finder = DuplicateFinder()
    finder.check("full", text)
    assert finder.check("cut", text[: int(len(text) * 0.92)]) == "full"


def duplicates_as_a_run_finds_them(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """{copy: original}, checking (doc_id, text) pairs in sorted order, as a run checks its sorted inputs."""
    found: dict[str, str] = {}
    with DuplicateFinder() as finder:
        for doc_id, text in sorted(pairs):
            original = finder.check(doc_id, text)
            if original is not None:
                found[doc_id] = original
    return found


def test_distinct_articles_are_never_duplicates():
    pairs = [(p.stem, _text(p)) for p in ARTICLES]
    assert duplicates_as_a_run_finds_them(pairs) == {}


def test_job_postings_sharing_a_company_template_are_not_duplicates():
    sales = "Sales Executive. Find and develop new customers in the north region, reach the monthly revenue target, keep in touch with dealers, report weekly to the sales manager, attend trade fairs and prepare quotations for key accounts."
    accounting = "Accountant. Record daily transactions, reconcile bank statements every month, prepare VAT and personal income tax declarations, support the chief accountant with year-end closing and audits."
    finder = DuplicateFinder()
    assert finder.check("sales", ABOUT_US + sales) is None
    assert finder.check("accounting", ABOUT_US + accounting) is None


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.upper(),
        lambda t: unicodedata.normalize("NFD", t),
        lambda t: "  ".join(t.split()),
    ],
    ids=["case", "nfd", "whitespace"],
)
def test_case_unicode_form_and_spacing_do_not_hide_a_copy(variant):
    text = _text(ARTICLES[0])
    finder = DuplicateFinder()
    finder.check("a", text)
    assert finder.check("b", variant(text)) == "a"


def test_a_third_copy_points_to_the_original_not_to_the_second():
    text = _text(ARTICLES[1])
    finder = DuplicateFinder()
    finder.check("orig", text)
    assert finder.check("copy1", _with_debris(text, 1)) == "orig"
    assert finder.check("copy2", _with_debris(text, 2)) == "orig"


def test_text_without_words_is_neither_a_duplicate_nor_remembered():
    finder = DuplicateFinder()
    assert finder.check("empty1", " \n — ") is None
    assert finder.check("empty2", "") is None


def test_checking_the_same_doc_id_twice_is_refused():
    finder = DuplicateFinder()
    finder.check("a", "some words here")
    with pytest.raises(ValueError):
        finder.check("a", "other words")


def test_the_copy_checked_first_is_the_original_and_each_copy_is_named():
    texts = [(p.stem, _text(p)) for p in ARTICLES[:6]]
    texts += [
        ("zz_copy_of_" + texts[2][0], _with_debris(texts[2][1], 5)),
        ("0000_copy_of_" + texts[4][0], texts[4][1]),
    ]
    expected = {"zz_copy_of_" + texts[2][0]: texts[2][0], texts[4][0]: "0000_copy_of_" + texts[4][0]}
    assert duplicates_as_a_run_finds_them(texts) == expected


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("Kế toán tổng hợp", 5, {"kế toán tổng hợp"}),
        ("a b c d", 3, {"a b c", "b c d"}),
        ("", 5, set()),
    ],
)
def test_shingles(text, size, expected):
    assert shingles(words(text), size) == expected


# --- SQLite-backed finder: same answers as datasketch's own index, state on disk -------------

BACKENDS = ["memory", "file", "temporary-file"]
VOCAB = {
    "accounting-vi": "kế toán ghi chép chứng từ đối chiếu sổ sách ngân hàng lập báo cáo tài chính thuế quyết toán công nợ hóa đơn",
    "nursing-vi": "điều dưỡng chăm sóc bệnh nhân theo dõi dấu hiệu sinh tồn tiêm truyền thuốc hồ sơ bệnh án bác sĩ ca trực",
    "sales-vi": "nhân viên kinh doanh tìm kiếm khách hàng mới đạt doanh số đại lý báo giá hợp đồng thị trường hoa hồng",
    "software-en": "software engineer design build test deploy services code review python cloud database api latency incidents",
    "teacher-en": "teacher plan lessons grade homework classroom students parents curriculum assessment reading mathematics",
    "logistics-en": "logistics coordinator shipment warehouse inventory carriers customs invoices delivery freight routes dispatch",
}
FILLER = "và của các với cho trong được là một the and of to with for in a on our team company"
NOISE = ["cookie", "đăng", "nhập", "share", "xem", "thêm"]


def _finder(backend: str, tmp_path: Path, threshold: float | None = None) -> DuplicateFinder:
    path = {"memory": None, "file": tmp_path / "dupes.sqlite", "temporary-file": ""}[backend]
    return DuplicateFinder(threshold, path=path)


def _random_article(rng: random.Random, profession: str) -> str:
    vocab = VOCAB[profession].split() + FILLER.split()
    lines = rng.randint(3, 12)
    return "\n".join(" ".join(rng.choice(vocab) for _ in range(rng.randint(6, 14))) for _ in range(lines))


def _near_copy(rng: random.Random, text: str, strength: float) -> str:
    """Drop words, insert noise words, maybe cut the ending: the stronger, the lower the Jaccard."""
    lines = []
    for line in text.split("\n"):
        kept = [w for w in line.split() if rng.random() > strength / 3] or line.split()[:1]
        if rng.random() < strength:
            kept.insert(rng.randrange(len(kept) + 1), rng.choice(NOISE))
        lines.append(" ".join(kept))
    if rng.random() < 0.3:
        lines = lines[: max(1, int(len(lines) * (1 - strength)))]
    return "\n".join(lines)


def _random_corpus(seed: int, bases: int) -> list[tuple[str, str]]:
    """Distinct articles of several professions (vi, en), each with 0-5 copies of varied closeness, shuffled."""
    rng = random.Random(seed)
    professions = sorted(VOCAB)
    items = [("empty-0", ""), ("empty-1", " \n — "), ("empty-2", "...\n!!")]
    for i in range(bases):
        profession = professions[i % len(professions)]
        base = _random_article(rng, profession)
        items.append((f"{profession}-{i:03d}", base))
        for k in range(rng.randint(0, 5)):
            strength = rng.choice([0.0, 0.02, 0.05, 0.1, 0.2, 0.4])
            copy = _near_copy(rng, base, strength) if strength else base.upper()
            items.append((f"{profession}-{i:03d}-copy{k}", copy))
    rng.shuffle(items)
    return items


@pytest.fixture(scope="module")
def signed_corpus() -> list[tuple[str, str | None, MinHash | None]]:
    signer = DuplicateFinder()
    return [(doc_id, *signer.signature(text)) for doc_id, text in _random_corpus(seed=7, bases=70)]


def _oracle(signed, threshold: float) -> tuple[dict[str, str | None], int]:
    """The answers of the in-memory design this replaces, straight on datasketch's MinHashLSH.

    Also counts the checks where more than one remembered article passed, so the test
    can make sure "earliest wins" was exercised.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes: dict[str, MinHash] = {}
    order: dict[str, int] = {}
    exact_seen: dict[str, str] = {}
    answers: dict[str, str | None] = {}
    contested = 0
    for doc_id, exact, minhash in signed:
        if exact is None:
            answers[doc_id] = None
        elif exact in exact_seen:
            answers[doc_id] = exact_seen[exact]
        else:
            passed = [c for c in lsh.query(minhash) if hashes[c].jaccard(minhash) >= threshold]
            contested += len(passed) > 1
            answers[doc_id] = min(passed, key=order.__getitem__) if passed else None
            if not passed:
                exact_seen[exact], order[doc_id], hashes[doc_id] = doc_id, len(order), minhash
                lsh.insert(doc_id, minhash)
    return answers, contested


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("threshold", [0.8, 0.5, 0.9])
def test_answers_equal_a_datasketch_lsh_oracle_on_random_near_copies(
    signed_corpus, backend, threshold, tmp_path
):
    expected, contested = _oracle(signed_corpus, threshold)
    with _finder(backend, tmp_path, threshold) as finder:
        got = {doc_id: finder.check_signature(doc_id, exact, mh) for doc_id, exact, mh in signed_corpus}
    assert got == expected
    duplicates = sum(v is not None for v in expected.values())
    assert 0.2 * len(expected) < duplicates < 0.8 * len(expected)  # the corpus has both kinds
    if threshold == 0.5:
        assert contested > 0  # several remembered articles passed: the earliest had to be chosen


@pytest.mark.parametrize("backend", BACKENDS)
def test_lean_minhashes_from_workers_give_the_same_answers(signed_corpus, backend, tmp_path):
    lean = [(d, e, LeanMinHash(m) if m is not None else None) for d, e, m in signed_corpus]
    with _finder(backend, tmp_path) as finder:
        got = {doc_id: finder.check_signature(doc_id, exact, mh) for doc_id, exact, mh in lean}
    assert got == _oracle(signed_corpus, finder.threshold)[0]


def test_committing_in_batches_does_not_change_answers(signed_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(dedupe, "_COMMIT_EVERY", 7)
    with _finder("file", tmp_path) as finder:
        got = {doc_id: finder.check_signature(doc_id, exact, mh) for doc_id, exact, mh in signed_corpus}
    assert got == _oracle(signed_corpus, finder.threshold)[0]


def test_remembered_articles_are_rows_in_the_file(signed_corpus, tmp_path):
    with _finder("file", tmp_path) as finder:
        answers = [finder.check_signature(d, e, m) for d, e, m in signed_corpus]
        bands = len(MinHashLSH(threshold=finder.threshold, num_perm=128).hashranges)
    remembered = sum(a is None and e is not None for a, (_, e, _) in zip(answers, signed_corpus, strict=True))
    with sqlite3.connect(tmp_path / "dupes.sqlite") as db:
        count = {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("checked", "article", "band")
        }
    assert count == {"checked": len(signed_corpus), "article": remembered, "band": remembered * bands}


def _lean(values: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=values, scheme=MinHash(seed=1).scheme)


def _values(rng: np.random.Generator, count: int | None = None) -> np.ndarray:
    """Random hash values below 2**31 (as a MinHash's, of one article or `count` of them)."""
    return rng.integers(0, 2**31, size=128 if count is None else (count, 128))


def _changed_at_the_end(base: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`base` with its last `count` values replaced: the leading bands still match, so LSH finds it."""
    out = base.copy()
    out[len(out) - count :] = rng.integers(2**31, 2**32, size=count)  # never equal to a `_values` value
    return out


@pytest.mark.parametrize(
    ("threshold", "changed", "duplicate"),
    [
        (0.8, 25, True),  # 103/128 = 0.805
        (0.8, 26, False),  # 102/128 = 0.797
        (0.75, 32, True),  # 96/128 = 0.75 exactly: reaching the threshold counts
        (0.75, 33, False),
    ],
)
def test_estimated_jaccard_must_reach_the_threshold(threshold, changed, duplicate):
    rng = np.random.default_rng(3)
    base = _values(rng)
    with DuplicateFinder(threshold) as finder:
        finder.check_signature("orig", "e1", _lean(base))
        got = finder.check_signature("copy", "e2", _lean(_changed_at_the_end(base, changed, rng)))
    assert got == ("orig" if duplicate else None)


@pytest.mark.parametrize(("order", "expected"), [(("a", "b"), "a"), (("b", "a"), "b")])
def test_earliest_checked_of_several_passing_candidates_wins(order, expected):
    """a and b differ in 50 values (Jaccard 0.61: both remembered); c shares 103 values with each."""
    rng = np.random.default_rng(5)
    a = _values(rng)
    b = _changed_at_the_end(a, 50, rng)
    c = a.copy()
    c[128 - 25 :] = b[128 - 25 :]
    values = {"a": a, "b": b}
    with DuplicateFinder(0.8) as finder:
        assert [finder.check_signature(k, k, _lean(values[k])) for k in order] == [None, None]
        assert finder.check_signature("c", "c", _lean(c)) == expected


def test_equal_word_sequence_is_caught_before_comparing_minhashes():
    rng = np.random.default_rng(9)
    with DuplicateFinder() as finder:
        finder.check_signature("orig", "same words", _lean(_values(rng)))
        unrelated = _lean(_values(rng))
        assert finder.check_signature("copy", "same words", unrelated) == "orig"


@pytest.mark.parametrize(
    "minhash",
    [
        LeanMinHash(seed=2, hashvalues=np.arange(128), scheme=MinHash(seed=1).scheme),
        LeanMinHash(seed=1, hashvalues=np.arange(64), scheme=MinHash(seed=1).scheme),
        LeanMinHash(seed=1, hashvalues=np.arange(128), scheme="legacy"),
    ],
    ids=["other-seed", "other-num-perm", "other-scheme"],
)
def test_incomparable_minhash_is_refused(minhash):
    with DuplicateFinder() as finder, pytest.raises(ValueError):
        finder.check_signature("a", "e", minhash)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "first_text",
    ["Kế toán lập báo cáo thuế hằng tháng", "", "Nurses monitor vital signs and record them"],
    ids=["original", "no-words", "duplicate"],
)
def test_checking_a_doc_id_twice_is_refused_and_changes_nothing(backend, first_text, tmp_path):
    nurse = "Nurses monitor vital signs and record them"
    with _finder(backend, tmp_path) as finder:
        finder.check("nurse", nurse)
        finder.check("a", first_text)
        with pytest.raises(ValueError, match="checked twice"):
            finder.check("a", "Software engineers review code")
        assert finder.check("b", nurse) == "nurse"
        assert finder.check("c", "Software engineers review code") is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_doc_id_from_a_non_utf8_file_name_round_trips(backend, tmp_path):
    doc_id = "k\udcc3\udca9 to\udce1n"  # surrogate escapes, as os.listdir gives them
    with _finder(backend, tmp_path) as finder:
        finder.check(doc_id, "Kế toán lập báo cáo thuế hằng tháng cho công ty")
        assert finder.check("copy", "KẾ TOÁN lập báo cáo thuế hằng tháng cho công ty") == doc_id


def test_a_file_left_by_a_killed_run_is_emptied_not_reused(tmp_path):
    stale = DuplicateFinder(path=tmp_path / "dupes.sqlite")
    stale.check("a", "Sales executives reach the monthly revenue target")
    stale.close()
    stale.close()  # closing twice is harmless
    with _finder("file", tmp_path) as finder:
        assert finder.check("a", "Teachers plan lessons and grade homework") is None
        assert finder.check("b", "Sales executives reach the monthly revenue target") is None


def _random_signatures(seed: int, count: int) -> list[tuple[str, str, LeanMinHash]]:
    rng = np.random.default_rng(seed)
    values = _values(rng, count)
    return [(f"{seed}-{i}", f"{seed}-{i}", _lean(row)) for i, row in enumerate(values)]


def test_file_backed_finder_holds_no_python_memory_per_article(tmp_path):
    """3000 more remembered articles may not grow Python's heap: 3000 MinHashes in dicts would be ~3 MB."""
    warm, more = _random_signatures(1, 300), _random_signatures(2, 3000)
    with _finder("file", tmp_path) as finder:
        for sig in warm:
            finder.check_signature(*sig)
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            assert all(finder.check_signature(*sig) is None for sig in more)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
    assert grown < 64 * 1024
