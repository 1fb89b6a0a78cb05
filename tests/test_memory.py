"""Memory stays flat with the number of articles (issue 8): each article runs in a spaCy memory zone.

Every Doc adds its words to the process's one StringStore and lexeme table; real pages bring
endless new strings (numbers, URLs, names, typos). These tests feed a stream of articles full of
tokens never seen before, in several professions, Vietnamese and English, and check that

* the string store and the lexeme table stay the size they had after the first few articles;
* nothing an article needs later was evicted: an article gives the same record after the
  stream as it gave first (the role lexicon's match ids and the cached NORM ids still work),
  with the role lexicon built for the first time inside an article's zone.

The lexeme table is counted by iterating it: `len(vocab)` is spaCy's count of lexemes ever
created, which memory zones never decrement, so it says nothing about what is held.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from spacy.vocab import Vocab

from extract import extract_text
from extract.models import DocumentRecord
from extract.nlp import article_zone, blank_pipeline
from extract.roles import lexicon

_SYLLABLES = ("ka", "zo", "qui", "mex", "tra", "vol", "nir", "pe", "dux", "bla", "fen", "gro")


def _made_up(rng: random.Random) -> str:
    """A word no lexicon or earlier article holds ("Zomexdux4821")."""
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
    return f"{word.capitalize()}{rng.randint(0, 99_999)}"


def _vi_accounting(rng: random.Random, n: int) -> str:
    return (
        f"# Tuyển Kế toán tổng hợp tại {_made_up(rng)} Corp\n\n"
        f"Mã tin: {rng.randint(10**8, 10**9)} - liên hệ https://{_made_up(rng).lower()}.vn/tuyen-dung/{n}\n\n"
        "Mô tả công việc:\n"
        f"- Lập báo cáo thuế hàng tháng cho chi nhánh {_made_up(rng)}\n"
        f"- Đối chiếu công nợ với nhà cung cấp {_made_up(rng)}\n\n"
        "Yêu cầu:\n"
        f"- Tối thiểu {rng.randint(1, 5)} năm kinh nghiệm kế toán\n"
        f"- Thành thạo phần mềm {_made_up(rng)}\n\n"
        f"Mức lương: {rng.randint(10, 15)} - {rng.randint(16, 30)} triệu/tháng\n"
    )


def _en_nursing(rng: random.Random, n: int) -> str:
    return (
        f"Registered Nurse - {_made_up(rng)} General Hospital (ref #{rng.randint(10**5, 10**6)})\n\n"
        "Responsibilities:\n"
        f"- Monitor patients on ward {_made_up(rng)} and record vital signs\n"
        f"- Administer medication prescribed by Dr. {_made_up(rng)}\n\n"
        "Requirements:\n"
        f"- At least {rng.randint(1, 6)} years of clinical experience\n"
        f"- Valid licence no. {rng.randint(10**6, 10**7)}\n\n"
        f"Salary: ${rng.randint(3, 4)},{rng.randint(100, 999)} - ${rng.randint(5, 6)},000 per month. "
        f"Apply at https://jobs.{_made_up(rng).lower()}.com/{n}?src={rng.random():.6f}\n"
    )


def _en_software(rng: random.Random, n: int) -> str:
    return (
        f"## Senior Software Engineer ({_made_up(rng)} team)\n\n"
        f"Build services in {_made_up(rng)} and Go for {rng.randint(10**4, 10**7)} daily users.\n\n"
        "Career path: Junior Developer -> Software Engineer -> Senior Software Engineer -> Tech Lead\n\n"
        f"Requirements: {rng.randint(3, 8)}+ years with distributed systems; "
        f"contributions to {_made_up(rng).lower()}/{_made_up(rng).lower()} on GitHub.\n"
        f"Contact {_made_up(rng).lower()}@{_made_up(rng).lower()}.io, ticket {n}-{rng.randint(0, 10**9)}\n"
    )


def _vi_sales(rng: random.Random, n: int) -> str:
    return (
        f"Nhân viên kinh doanh khu vực {_made_up(rng)} - Trưởng nhóm kinh doanh\n\n"
        f"Công ty {_made_up(rng)} cần tuyển {rng.randint(2, 20)} nhân viên kinh doanh.\n"
        f"Nhiệm vụ: tìm kiếm khách hàng mới tại {_made_up(rng)}, chăm sóc đại lý {_made_up(rng)}.\n"
        f"Thu nhập: {rng.randint(8, 12)}.{rng.randint(0, 9)}00.000 đồng + hoa hồng {rng.randint(1, 9)}%.\n"
        f"Sau {rng.randint(1, 3)} năm có thể lên Trưởng nhóm kinh doanh. Hotline 09{rng.randint(10**7, 10**8)} #{n}\n"
    )


_KINDS: tuple[Callable[[random.Random, int], str], ...] = (
    _vi_accounting,
    _en_nursing,
    _en_software,
    _vi_sales,
)


def _novel_articles(count: int, seed: int) -> list[str]:
    """`count` distinct articles cycling through the professions, each full of fresh tokens."""
    rng = random.Random(seed)
    return [_KINDS[n % len(_KINDS)](rng, n) for n in range(count)]


def _held_lexemes(vocab: Vocab) -> int:
    """Lexemes the vocab holds now (see the module docstring for why not `len(vocab)`)."""
    return sum(1 for _ in vocab)


def _sizes() -> tuple[int, int]:
    vocab = blank_pipeline().vocab
    return len(vocab.strings), _held_lexemes(vocab)


# One fixed article per profession: each is extracted first, then again after the stream.
_FIXED = {
    name: kind(random.Random(7), 0)
    for name, kind in zip(("accounting", "nursing", "software", "sales"), _KINDS, strict=True)
}


def _record(text: str) -> dict:
    record: DocumentRecord = extract_text(text, "fixed")
    return record.model_dump(mode="json")


@pytest.fixture(scope="module")
def stream() -> dict:
    """First records of the fixed articles, then 60 novel articles with the store sizes along the way.

    The role lexicon is dropped first so that it is built inside the first article's zone,
    the case where its match ids could otherwise be evicted with the article's strings.
    """
    lexicon.cache_clear()
    first = {name: _record(text) for name, text in _FIXED.items()}
    articles = _novel_articles(60, seed=8)
    for text in articles[:4]:
        extract_text(text)
    warm = _sizes()
    sizes = []
    for text in articles[4:]:
        extract_text(text)
        sizes.append(_sizes())
    return {"first": first, "warm": warm, "sizes": sizes}


def test_stream_articles_are_distinct_and_novel() -> None:
    """Guards the test itself: the stream really brings new tokens and roles of every kind."""
    articles = _novel_articles(60, seed=8)
    assert len(set(articles)) == len(articles)
    records = [extract_text(text) for text in articles[:8]]
    assert all(r.roles for r in records)


def test_string_store_does_not_grow_with_articles(stream: dict) -> None:
    warm_strings, _ = stream["warm"]
    assert [s for s, _ in stream["sizes"]] == [warm_strings] * len(stream["sizes"])


def test_lexeme_table_does_not_grow_with_articles(stream: dict) -> None:
    _, warm_lexemes = stream["warm"]
    assert [n for _, n in stream["sizes"]] == [warm_lexemes] * len(stream["sizes"])


@pytest.mark.parametrize("name", sorted(_FIXED))
def test_article_gives_the_same_record_after_many_others(stream: dict, name: str) -> None:
    assert _record(_FIXED[name]) == stream["first"][name]


def test_role_lexicon_match_ids_outlive_article_zones(stream: dict) -> None:
    """The PhraseMatcher reads its match ids back as strings: they must stay in the store."""
    strings = blank_pipeline().vocab.strings
    missing = [key for key in lexicon().readings if key not in strings]
    assert missing == []


@pytest.mark.parametrize(
    "text",
    [
        "Kế toán viên Zomexdux48213 tại https://blafen.vn/a?b=19937",
        "Registered Nurse Qui-Tragro at ward 7731 - apply at nirpe@dux.io",
        "Tech Lead (Volkazo team) 2048576 users",
    ],
)
def test_zone_evicts_the_strings_of_its_article(text: str) -> None:
    nlp = blank_pipeline()
    before = len(nlp.vocab.strings)
    with article_zone():
        extract_text(text)
        inside = len(nlp.vocab.strings)
    assert inside > before
    assert len(nlp.vocab.strings) == before


def test_nested_zone_runs_in_the_outer_one() -> None:
    """An article extracted while another is keeps the outer zone (spaCy zones do not nest)."""
    nlp = blank_pipeline()
    before = len(nlp.vocab.strings)
    with article_zone():
        extract_text("Staff Accountant Zoblaqui55102")
        assert nlp.vocab.in_memory_zone
        assert len(nlp.vocab.strings) > before
    assert not nlp.vocab.in_memory_zone
    assert len(nlp.vocab.strings) == before
