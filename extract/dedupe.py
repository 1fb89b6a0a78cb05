"""Duplicate articles: the same page scraped twice counts once.

Two copies of one article rarely match byte for byte: sites add other navigation
debris, cookie banners or a cut-off ending. So articles are compared as sets of word
5-shingles (casefolded NFC words) taken line by line, estimated with MinHash and looked
up with LSH (datasketch); a candidate counts when its estimated Jaccard reaches the
threshold. Shingles never cross a line break, so an inserted debris line adds only its
own few shingles instead of also breaking those of its neighbours. Copies whose word
sequences are equal are caught exactly, before any hashing.

Which copy is "the original" depends on the order of `check` calls: call it in a
stable order (sorted doc_ids or paths), or use `find_duplicates`, which sorts itself.
Memory: one MinHash (num_perm x 8 bytes) per distinct article, never the texts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

from datasketch import MinHash, MinHashLSH

from extract.lexicon import load_data

_WORD = re.compile(r"\w+")


@cache
def _config() -> dict[str, Any]:
    return load_data("merge.json")["duplicates"]


def words(text: str) -> list[str]:
    """The article's words as compared: NFC, casefolded."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingles(tokens: list[str], size: int) -> set[str]:
    """Word `size`-shingles of one line; a line shorter than `size` words is one shingle."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


class DuplicateFinder:
    """Remembers the articles checked so far and names the earlier one a new article copies."""

    def __init__(self, threshold: float | None = None) -> None:
        cfg = _config()
        self.threshold = float(cfg["threshold"]) if threshold is None else threshold
        self._size = int(cfg["shingle_words"])
        self._num_perm = int(cfg["num_perm"])
        self._seed = int(cfg["seed"])
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self._num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self._exact: dict[str, str] = {}
        self._checked: set[str] = set()

    def check(self, doc_id: str, text: str) -> str | None:
        """The doc_id of an earlier near-identical article, else None (and remember this one).

        A text without words is never a duplicate and is not remembered.
        """
        exact, minhash = self.signature(text)
        return self.check_signature(doc_id, exact, minhash)

    def signature(self, text: str) -> tuple[str | None, MinHash | None]:
        """(hash of the word sequence, MinHash of the shingles); (None, None) without words."""
        lines = [w for w in map(words, text.splitlines()) if w]
        if not lines:
            return None, None
        exact = hashlib.sha256(" ".join(w for line in lines for w in line).encode("utf-8")).hexdigest()
        grams = set().union(*(shingles(line, self._size) for line in lines))
        minhash = MinHash(num_perm=self._num_perm, seed=self._seed)
        minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
        return exact, minhash

    def check_signature(self, doc_id: str, exact: str | None, minhash: MinHash | None) -> str | None:
        """`check` on a precomputed `signature` (so hashing can run where the text is read)."""
        if doc_id in self._checked:
            raise ValueError(f"document {doc_id!r} checked twice")
        self._checked.add(doc_id)
        if exact is None or minhash is None:
            return None
        if exact in self._exact:
            return self._exact[exact]
        candidates = [
            c for c in self._lsh.query(minhash) if self._hashes[c].jaccard(minhash) >= self.threshold
        ]
        if candidates:
            return min(candidates, key=self._order.__getitem__)
        self._exact[exact] = doc_id
        self._order[doc_id] = len(self._order)
        self._hashes[doc_id] = minhash
        self._lsh.insert(doc_id, minhash)
        return None


def find_duplicates(texts: Iterable[tuple[str, str]], threshold: float | None = None) -> dict[str, str]:
    """{duplicate doc_id: original doc_id} over (doc_id, text) pairs in any order.

    The earliest doc_id (sorted) of each group is the original, so the answer does not
    depend on the input order; only signatures are held, not the texts.
    """
    finder = DuplicateFinder(threshold)
    signed = sorted(((doc_id, *finder.signature(text)) for doc_id, text in texts), key=lambda t: t[0])
    found: dict[str, str] = {}
    for doc_id, exact, minhash in signed:
        original = finder.check_signature(doc_id, exact, minhash)
        if original is not None:
            found[doc_id] = original
    return found
