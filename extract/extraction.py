"""One article: decoded text in, a validated DocumentRecord out.

segment (normalise, blocks, tables, language) -> Article (roles, sections) -> field stages
-> assemble (validated records).
Nothing here knows of runs, workers, caches or output folders (extract.pipeline does).
"""

from __future__ import annotations

import hashlib
from typing import Literal

from extract.article import Article
from extract.assemble import assemble
from extract.blocks import segment
from extract.document import SourceText
from extract.fields import run_stages
from extract.lang import document_languages
from extract.limits import DEFAULT_MAX_BYTES
from extract.models import DocumentRecord, SourceInfo
from extract.nlp import article_zone
from extract.read import read_source


def extract_source(src: SourceText) -> DocumentRecord:
    """All stages after reading, for one decoded article."""
    with article_zone():  # spaCy strings/lexemes of this article are freed at the end
        blocks = segment(src)
        art = run_stages(Article.from_blocks(blocks, src.text, media=src.media, warnings=src.warnings))
        title, roles, warnings = assemble(art)
        return DocumentRecord(
            doc_id=src.doc_id,
            source=SourceInfo(path=src.path, sha256=src.sha256, bytes=src.nbytes, encoding=src.encoding),
            title=title,
            languages=document_languages(blocks),
            roles=roles,
            warnings=warnings,
        )


def extract_text(
    text: str, doc_id: str = "article", *, media: Literal["txt", "md", "html"] = "txt"
) -> DocumentRecord:
    """Library entry point: one article's text in, a validated record out."""
    data = text.encode("utf-8")
    src = SourceText(
        doc_id=doc_id,
        path=f"<text:{doc_id}>",
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        nbytes=len(data),
        media=media,
    )
    return extract_source(src)


def extract_file(location: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DocumentRecord:
    """Library entry point: one file (path or fsspec URL) in, a validated record out; raises ReadError."""
    return extract_source(read_source(location, max_bytes=max_bytes))
