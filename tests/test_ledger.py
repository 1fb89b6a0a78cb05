"""The run ledger: per-article bookkeeping on disk, written back as the sorted manifest."""

from __future__ import annotations

import random

import pytest

from extract.ledger import RunLedger
from extract.write import canonical_json


def _entry(path: str, status: str = "ok") -> dict:
    return {
        "path": path,
        "doc_id": path.rsplit("/", 1)[-1],
        "status": status,
        "reason": None,
        "counts": {"roles": 1},
    }


@pytest.mark.parametrize(
    "paths",
    [
        [],
        ["/in/b.txt", "/in/a.txt"],
        ["/in/ké toán.md", "/in/ke toan.md", "/in/Z.html", "/in/z.html", "/in/Đ.txt"],
        [
            "/in/\udcff bad bytes.txt",
            "/in/a.txt",
            "/in/\ud7ff.txt",
            "/in/\ue000.txt",
        ],  # surrogate-escaped name
        ["memory://x/2.txt", "s3://bucket/1.txt", "/in/1.txt"],
    ],
)
def test_manifest_is_the_canonical_json_of_entries_sorted_by_path(paths):
    entries = [_entry(p) for p in paths]
    with RunLedger() as ledger:
        for e in entries:
            ledger.add_entry(e)
        text = "".join(ledger.manifest_chunks({"pipeline_version": "9.9"}))
    expected = canonical_json(
        {"pipeline_version": "9.9", "articles": sorted(entries, key=lambda e: e["path"])}
    )
    assert text == expected


def test_a_doc_id_is_claimed_once_and_the_holder_is_named():
    with RunLedger() as ledger:
        assert ledger.claim("report", "/a/report.txt") is None
        assert ledger.claim("report", "/b/report.md") == "/a/report.txt"
        assert "report" in ledger.doc_ids and "other" not in ledger.doc_ids


def test_ledger_holds_no_per_article_python_state():
    import tracemalloc

    rng = random.Random(4)
    with RunLedger() as ledger:
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for i in range(20_000):
                path = f"/corpus/{rng.randrange(10**9)}/{i}.txt"
                ledger.claim(f"doc{i}", path)
                ledger.add_entry(_entry(path))
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        assert grown < 200_000, f"20000 articles grew the ledger's Python memory by {grown} bytes"
        assert sum(1 for _ in ledger.manifest_chunks({})) == 20_000 + 4
