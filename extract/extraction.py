"""One article: decoded text in, a validated DocumentRecord out; the library's one-article API.

segment (normalise, blocks, tables, language) -> Article (roles, sections) -> field stages
-> assemble (validated records).
Nothing here knows of runs, workers, caches or output folders (extract.pipeline does).
"""

from __future__ import annotations

import hashlib
import os
from typing import Literal

from extract.article import Article
from extract.assemble import assemble
from extract.blocks import segment
from extract.document import SourceText
from extract.dumps import Page, page_source
from extract.fields import run_stages
from extract.lang import document_languages
from extract.limits import DEFAULT_MAX_BYTES
from extract.models import DocumentRecord, SourceInfo
from extract.nlp import article_zone
from extract.read import (
    doc_id_of,
    dump_kind,
    media_of,
    read_bytes,
    read_source,
    sniff_media,
    source_from_bytes,
)


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
    text: str, doc_id: str = "article", *, media: Literal["txt", "md", "html"] | None = None
) -> DocumentRecord:
    """Library entry point: one article's text in, a validated record out.

    `media` says how to read it ("txt", "md" or "html"); without it, HTML (a page or a
    fragment such as "<h1>…</h1><p>…</p>") and markdown with front matter are told from
    the content, anything else is plain text. Offsets index `text` as given.
    """
    data = text.encode("utf-8", "surrogatepass")
    src = SourceText(
        doc_id=doc_id,
        path=f"<text:{doc_id}>",
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        nbytes=len(data),
        media=media or sniff_media(text),
    )
    return extract_source(src)


def extract_file(
    source: str | os.PathLike[str] | bytes,
    *,
    media: Literal["txt", "md", "html"] | None = None,
    doc_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DocumentRecord:
    """Library entry point: one article file in, a validated record out; raises ReadError.

    `source` is a path (str or Path) or an fsspec URL, read and decoded as `extract run` reads
    it; or the file's content as bytes (its encoding detected, its kind from `media` or else
    from the content). `doc_id` defaults to the file's name without extension ("article" for
    bytes). A dump of many pages (.jsonl, .parquet) is not one article: run it with
    `run_paths`, or give its rows to `extract_texts`.
    """
    if isinstance(source, bytes):
        return extract_source(source_from_bytes(source, doc_id=doc_id or "article", path="<bytes>", media=media))
    location = os.fspath(source)
    if dump_kind(location) is not None:
        raise ValueError(f"{location} is a dump of many pages: use extract.run_paths, or extract.extract_texts on its rows")
    if media is None and media_of(location) is not None:
        return extract_source(read_source(location, max_bytes=max_bytes, doc_id=doc_id))
    data = read_bytes(location, max_bytes)
    return extract_source(
        source_from_bytes(data, doc_id=doc_id or doc_id_of(location), path=location, media=media)
    )


def extract_page(page: Page, *, max_bytes: int | None = None, max_chars: int | None = None) -> DocumentRecord:
    """One page given as data (a dump's row) in, its record out, with the page's url, date and title; raises ReadError."""
    src = page_source(page, max_bytes=max_bytes, max_chars=max_chars)
    return with_page_fields(extract_source(src), page, src.media)


def with_page_fields(record: DocumentRecord, page: Page, media: str) -> DocumentRecord:
    """The record with what the page's row says of it: its url and date, and its title unless the page
    marks its own (an HTML page's title or h1, markdown's front matter or heading: plain text only guesses)."""
    update: dict[str, str] = {}
    if page.url is not None:
        update["url"] = page.url
    if page.date is not None:
        update["date"] = page.date
    if page.title is not None and (record.title is None or media == "txt"):
        update["title"] = page.title
    return record.model_copy(update=update) if update else record
