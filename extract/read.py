"""Files and fsspec URLs to decoded text; HTML to structured, offset-carrying units.

Reading never raises anything but `ReadError`, whose `status` ("skipped" for inputs that
are not articles: empty, binary, too big; "failed" for articles we could not read) and
`reason` go straight into the manifest, so one bad file never stops a run.

HTML is parsed with selectolax (lexbor) for structure, while offsets are found in the
decoded HTML source itself: the source's text runs are entity-decoded into a stream that
keeps, for each character, the source range it came from, and each DOM text node is
located in that stream by a forward search.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import glob
import hashlib
import os
import re
import stat
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import unescape
from typing import Literal

import charset_normalizer
import fsspec

from extract.document import SourceText
from extract.ids import path_doc_id
from extract.lexicon import load_data
from extract.limits import DEFAULT_MAX_BYTES
from extract.normalize import Normalized, compose, normalize
from extract.scratch import SqliteStore, from_blob, scratch_database, to_blob

EXTENSIONS: dict[str, Literal["txt", "md", "html"]] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}

DUMP_EXTENSIONS: dict[str, Literal["jsonl", "parquet"]] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
"""Files of many articles, one page per row (extract.dumps)."""

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"BM", "BMP image"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab/newline/carriage return/form feed: a text file has few.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


_HTML_START_RE = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)


class ReadError(Exception):
    """An input that gives no article; `status` and `reason` go to the manifest."""

    def __init__(self, status: Literal["skipped", "failed"], reason: str) -> None:
        super().__init__(f"{status}: {reason}")
        self.status: Literal["skipped", "failed"] = status
        self.reason = reason

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:  # picklable: worker processes send it back
        return ReadError, (self.status, self.reason)


def media_of(location: str) -> Literal["txt", "md", "html"] | None:
    """The input kind from the extension, or None for files we do not read."""
    return EXTENSIONS.get(os.path.splitext(location)[1].lower())


def dump_kind(location: str) -> Literal["jsonl", "parquet"] | None:
    """"jsonl" or "parquet" for a scraper's dump (one page per row), from the extension; else None."""
    return DUMP_EXTENSIONS.get(os.path.splitext(location)[1].lower())


def is_input_file(location: str) -> bool:
    """An article or a dump of articles: what a folder walk keeps."""
    return media_of(location) is not None or dump_kind(location) is not None


def doc_id_of(location: str) -> str:
    """File name without extension: the doc_id of a file named on its own (its folder is its root)."""
    name = location.rstrip("/").rsplit("/", 1)[-1]
    return path_doc_id(name)


STDIN = "-"
"""The argument that reads JSON Lines from standard input (`extract run -`)."""


@dataclass(frozen=True, slots=True)
class Input:
    """One input of a run: where it is and its doc_id (from its path under the root it was found through)."""

    location: str
    doc_id: str


class InputList(SqliteStore):
    """The inputs a run reads, sorted by location and deduplicated, in a scratch SQLite table.

    A listing of millions of files is never a Python list: the run iterates it in order
    (`iter` gives the locations, `inputs` the locations with their doc_ids, as often as
    needed) and asks its size (`len`). Locations are stored as `scratch.to_blob` bytes, which
    sort as Python sorts strings. A file found through two roots keeps the doc_id of the
    outer one (the longer), whatever the order of the arguments. `problems` names the
    arguments that give no article (no such file or folder, a pattern that matches nothing,
    a file of another type): they are listed too, so the manifest reports them.
    """

    def __init__(self) -> None:
        super().__init__(
            scratch_database(),
            "CREATE TABLE inputs (location BLOB PRIMARY KEY, doc_id BLOB NOT NULL) WITHOUT ROWID;",
        )
        self.problems: list[tuple[str, str]] = []  # (argument, why it gives no article): one per argument
        self.dumps: set[str] = set()  # the locations that are dumps (a few files of many rows each)

    def add(self, location: str, doc_id: str | None = None) -> None:
        if location == STDIN or dump_kind(location) is not None:
            self.dumps.add(location)
        self._db.execute(
            "INSERT INTO inputs VALUES (?1, ?2) ON CONFLICT(location) DO UPDATE SET doc_id = ?2"
            " WHERE length(?2) > length(doc_id) OR (length(?2) = length(doc_id) AND ?2 < doc_id)",
            (to_blob(location), to_blob(doc_id if doc_id is not None else doc_id_of(location))),
        )

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM inputs").fetchone()[0]

    def __iter__(self) -> Iterator[str]:
        for (raw,) in self._db.execute("SELECT location FROM inputs ORDER BY location"):
            yield from_blob(raw)

    def inputs(self) -> Iterator[Input]:
        """Every input with its doc_id, in the order a run reads them."""
        for loc, doc_id in self._db.execute("SELECT location, doc_id FROM inputs ORDER BY location"):
            yield Input(from_blob(loc), from_blob(doc_id))


def find_inputs(paths: Sequence[str], *, exclude: str | os.PathLike[str] | None = None) -> InputList:
    """Every input under the given folders/files/URLs ("-": standard input), sorted and deduplicated.

    Folders are walked recursively, one directory listing at a time, keeping articles
    (.txt, .md, .html) and dumps (.jsonl, .ndjson, .parquet); hidden files and folders are
    skipped, and so is everything under `exclude` (the run's own output folder: a run never
    reads what it wrote). Each input's doc_id comes from its path under the argument it was
    found through (extract.ids). An argument that gives no article (it does not exist, a
    pattern matches nothing, a named file of another type) and a folder that cannot be
    listed are kept, so that reading them reports the problem in the manifest; the first
    are also in `problems`. Only a real URL scheme ("s3://", "memory://", "http://") goes
    to fsspec: "x::y.txt", "job[1].txt" and "file:x.txt" are the local files they name.
    """
    found = InputList()
    skip = _Excluded(exclude)
    try:
        for path in paths:
            if path == STDIN:
                found.add(STDIN, "stdin")
                continue
            listed = 0
            for location, doc_id in _url_candidates(path) if is_url(path) else _local_candidates(path, skip):
                found.add(location, doc_id)
                listed += 1
            excluded = not is_url(path) and skip.holds(_local_path(path))  # the run's own output: not input
            if not listed and not excluded:
                problem = _argument_problem(path)
                if problem is not None:
                    found.add(problem[0], doc_id_of(problem[0]))
                    found.problems.append((path, problem[1]))
    except BaseException:
        found.close()
        raise
    return found


def _argument_problem(path: str) -> tuple[str, str] | None:
    """(location, why) for an argument that lists nothing; None for a folder that is merely empty."""
    location = path if is_url(path) else _local_path(path)
    if is_url(path):
        try:
            fs, root = fsspec.core.url_to_fs(path)
            exists = fs.exists(root)
        except (OSError, ValueError):
            exists = False
        return None if exists else (location, "no such file or folder")
    if os.path.isdir(location):
        return None
    if not os.path.lexists(location):
        has_pattern = any(ch in location for ch in "*?[")
        return location, "no file matches" if has_pattern else "no such file or folder"
    return location, f"not an article (.txt, .md, .html) or a dump (.jsonl, .parquet): {os.path.basename(location)}"


_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(location: str) -> bool:
    """A location with a real scheme, read through fsspec ("file://" is a local path)."""
    return bool(_URL_RE.match(location)) and not location.startswith("file://")


def _local_path(path: str) -> str:
    """A local argument as an absolute path, the way it is named in the manifest."""
    if path.startswith("file://"):
        path = path[len("file://") :]
    path = os.path.expanduser(path)
    if not os.path.isabs(path):
        path = f"{os.getcwd()}/{path}"
    return path.rstrip("/") or "/"


def _relative_id(location: str, root: str) -> str:
    """doc_id of `location` found under the folder `root`."""
    rel = location[len(root) :] if location.startswith(root.rstrip("/") + "/") else location.rsplit("/", 1)[-1]
    return path_doc_id(rel)


def _pattern_root(pattern: str) -> str:
    """The folder a glob pattern starts from: its path up to the first part with a wildcard."""
    parts = pattern.split("/")
    fixed = next((i for i, part in enumerate(parts) if any(ch in part for ch in "*?[")), len(parts) - 1)
    return "/".join(parts[:fixed]) or "/"


class _Excluded:
    """The folder whose contents are never inputs (the run's output), by identity and by real path."""

    def __init__(self, folder: str | os.PathLike[str] | None) -> None:
        self.ident: tuple[int, int] | None = None
        self.real = ""
        if folder is not None:
            with contextlib.suppress(OSError):
                st = os.stat(folder)
                self.ident, self.real = (st.st_dev, st.st_ino), os.path.realpath(folder)

    def holds(self, path: str) -> bool:
        if self.ident is None:
            return False
        real = os.path.realpath(path)
        return real == self.real or real.startswith(self.real.rstrip("/") + "/")

    def is_it(self, st: os.stat_result) -> bool:
        return self.ident == (st.st_dev, st.st_ino)


def _local_candidates(path: str, skip: _Excluded) -> Iterator[tuple[str, str]]:
    """(location, doc_id) of the inputs one local argument names: a folder (walked), a file, or a glob."""
    root = _local_path(path)
    if skip.holds(root):
        return
    if os.path.isdir(root):
        for location in _walk(root, skip):
            yield location, _relative_id(location, root)
    elif not os.path.lexists(root) and any(ch in root for ch in "*?["):
        base = _pattern_root(root)
        for cand in sorted(glob.glob(root)):
            if not os.path.basename(cand).startswith(".") and is_input_file(cand) and not skip.holds(cand):
                yield cand, _relative_id(cand, base)
    elif is_input_file(root) and os.path.lexists(root):
        yield root, doc_id_of(root)


def _walk(root: str, skip: _Excluded) -> Iterator[str]:
    """Input files under `root`; a folder that cannot be listed is yielded itself (reading it says why).

    Symbolic links to folders are followed once each (a link back up the tree is not a loop).
    """
    unreadable: list[str] = []
    top = os.stat(root)
    seen: set[tuple[int, int]] = {(top.st_dev, top.st_ino)}
    for folder, dirs, files in os.walk(root, onerror=lambda err: unreadable.append(err.filename), followlinks=True):
        keep = []
        for name in dirs:
            if name.startswith("."):
                continue
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                keep.append(name)  # listing it fails too, and is reported
                continue
            if skip.is_it(st) or (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            keep.append(name)
        dirs[:] = keep
        for name in files:
            if not name.startswith(".") and is_input_file(name):
                yield f"{folder.rstrip('/')}/{name}"
    yield from unreadable


def _url_candidates(path: str) -> Iterator[tuple[str, str]]:
    """(location, doc_id) of the inputs one URL names (a folder, a glob or a file), through fsspec."""
    fs, root = fsspec.core.url_to_fs(path)
    try:
        is_dir = fs.isdir(root)
    except OSError:
        is_dir = False
    if is_dir:
        base = root.rstrip("/")
        candidates: Iterable[str] = (
            f"{folder.rstrip('/')}/{name}" for folder, _, files in fs.walk(root) for name in files
        )
    elif any(ch in root for ch in "*?["):
        base = _pattern_root(root)
        candidates = fs.glob(root)
    else:
        base = root.rsplit("/", 1)[0] if "/" in root else ""
        candidates = [root]
    for cand in candidates:
        rel = cand[len(root) :] if cand.startswith(root) else cand
        if any(part.startswith(".") for part in rel.split("/") if part):
            continue
        if not is_input_file(cand):
            continue
        yield fs.unstrip_protocol(cand), _relative_id(cand, base)


def read_bytes(location: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's or URL's bytes, at most `max_bytes` of them; raises ReadError."""
    return _read_url(location, max_bytes) if is_url(location) else _read_local(_local_path(location), max_bytes)


_NOT_REGULAR = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                (stat.S_ISBLK, "a block device"))  # fmt: skip


def _read_local(path: str, max_bytes: int) -> bytes:
    """A local file's bytes; opened without blocking and checked to be a regular file before it is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ReadError("failed", "file not found") from None
    except OSError as exc:
        raise ReadError("failed", f"cannot read: {exc.__class__.__name__}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise _folder_error(path)
        for test, what in _NOT_REGULAR:
            if test(st.st_mode):
                raise ReadError("skipped", f"not a regular file ({what})")
        if st.st_size > max_bytes:
            raise ReadError("skipped", f"over the size limit ({st.st_size} bytes > {max_bytes})")
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError("failed", f"cannot read: {exc.__class__.__name__}: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise ReadError("skipped", f"over the size limit (> {max_bytes} bytes)")
    return data


def _folder_error(path: str) -> ReadError:
    """A folder named as an input: one that cannot be listed failed; any other is not an article."""
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError as exc:
        return ReadError("failed", f"cannot list folder: {exc.__class__.__name__}: {exc.strerror or exc}")
    return ReadError("skipped", "is a directory")


def _read_url(location: str, max_bytes: int) -> bytes:
    try:
        fs, path = fsspec.core.url_to_fs(location)
        try:
            size = fs.size(path)
        except (OSError, NotImplementedError):
            size = None
        if size is not None and size > max_bytes:
            raise ReadError("skipped", f"over the size limit ({size} bytes > {max_bytes})")
        with fs.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError("failed", "file not found") from None
    except IsADirectoryError:
        raise ReadError("skipped", "is a directory") from None
    except (OSError, ValueError) as exc:
        raise ReadError("failed", f"cannot read: {exc.__class__.__name__}: {exc}") from None
    if len(data) > max_bytes:
        raise ReadError("skipped", f"over the size limit (> {max_bytes} bytes)")
    return data


def _looks_utf16(data: bytes) -> bool:
    """NUL bytes on one parity only: UTF-16 text without a BOM, not a binary file."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    return (even > 0.3 and odd < 0.05) or (odd > 0.3 and even < 0.05)


def decode_bytes(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decoded text, codec name and warnings; raises ReadError for binary or undecodable data.

    A few bad bytes do not lose an article: stray NUL bytes, and invalid bytes in text that
    is overwhelmingly UTF-8, become U+FFFD (offsets are into the text so decoded) and are
    counted in a warning.
    """
    if not data.strip():
        raise ReadError("skipped", "empty file" if not data else "empty file (white space only)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return _checked(text, codecs.lookup(codec).name, data)
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic) and (len(magic) > 2 or b"\x00" in data[:512]):
            raise ReadError("skipped", f"binary file ({what})")
    utf16 = b"\x00" in data and _looks_utf16(data)
    if not utf16 and data.count(0) > max(1, len(data) // 1000):  # a stray NUL or two is not a binary file
        raise ReadError("skipped", "binary file (NUL bytes)")
    if not utf16:
        try:
            return _checked(data.decode("utf-8"), "utf-8", data)
        except UnicodeDecodeError:
            pass
        text, bad = _decode_replacing(data, "utf-8")
        if bad <= _few(data) and _utf8_share(data) > 0.5:  # mostly UTF-8, a few broken bytes (a cut scrape)
            return _checked(text, "utf-8", data, (f"{bad} invalid UTF-8 byte(s) replaced",))
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        if not utf16:
            text, bad = _decode_replacing(data, "utf-8")
            if bad <= _few(data):  # no other encoding fits either: UTF-8 with a few stray bytes
                return _checked(text, "utf-8", data, (f"{bad} invalid UTF-8 byte(s) replaced",))
        raise ReadError("failed", "undecodable: no text encoding fits the bytes")
    codec = codecs.lookup(best.encoding).name
    text = data.decode(best.encoding, errors="replace")
    warnings: tuple[str, ...] = ()
    if "\ufffd" in text:
        warnings = (f"{text.count(chr(0xFFFD))} undecodable byte(s) replaced ({codec})",)
    return _checked(text, codec, data, warnings)


def _few(data: bytes) -> int:
    """How many invalid bytes text may hold and still be read as UTF-8: a handful, or one in a hundred."""
    return max(8, len(data) // 100)


_replaced = threading.local()


def _count_replaced(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: U+FFFD for each invalid sequence (as "replace"), counting its bytes."""
    assert isinstance(err, UnicodeDecodeError)
    _replaced.bytes = getattr(_replaced, "bytes", 0) + err.end - err.start
    return "\ufffd", err.end


codecs.register_error("extract.count_replaced", _count_replaced)


def _decode_replacing(data: bytes, codec: str) -> tuple[str, int]:
    """`data.decode(codec, errors="replace")` and the number of bytes replaced."""
    _replaced.bytes = 0
    return data.decode(codec, errors="extract.count_replaced"), _replaced.bytes


def _utf8_share(data: bytes) -> float:
    """Share of non-ASCII bytes that sit in valid UTF-8 multi-byte sequences."""
    high = sum(1 for b in data if b >= 0x80)
    if not high:
        return 0.0
    valid = len(
        re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data)
    )
    return min(1.0, (valid * 2.2) / high)


def _checked(
    text: str, codec: str, data: bytes, warnings: tuple[str, ...] = ()
) -> tuple[str, str, tuple[str, ...]]:
    sample = text[:20000]
    if sample and len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 100):
        raise ReadError("skipped", "binary file (control characters)")
    nuls = text.count("\x00")
    if nuls:  # a stray NUL is no character of the article: U+FFFD keeps the offsets
        text = text.replace("\x00", "\ufffd")
        warnings = (*warnings, f"{nuls} NUL byte(s) replaced")
    if not text.replace("\ufffd", "").strip():
        raise ReadError("skipped", "empty file (no text after decoding)")
    return text, codec, warnings


def read_source(
    location: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = None,
    doc_id: str | None = None,
) -> SourceText:
    """Read and decode one article; raises ReadError with a manifest-ready reason.

    `max_chars` bounds the text the later stages hold (each character of an article costs
    them about a hundred bytes): a longer article is skipped. For HTML it counts the page's
    text, not its markup. `doc_id` defaults to the file's name without extension.
    """
    if not is_utf8(location):
        raise ReadError("failed", "file name is not valid UTF-8 (rename the file)")
    if not is_url(location):
        local = _local_path(location)
        if os.path.isdir(local):
            raise _folder_error(local)
        if not os.path.lexists(local):
            raise ReadError("failed", "file not found")
    media = media_of(location)
    if media is None:
        raise ReadError("skipped", f"unsupported file type {os.path.splitext(location)[1] or '(none)'}")
    data = read_bytes(location, max_bytes)
    return source_from_bytes(
        data, doc_id=doc_id_of(location) if doc_id is None else doc_id, path=location, media=media,
        max_chars=max_chars,
    )  # fmt: skip


def source_from_bytes(
    data: bytes,
    *,
    doc_id: str,
    path: str,
    media: Literal["txt", "md", "html"] | None = None,
    max_chars: int | None = None,
) -> SourceText:
    """An article's bytes as a SourceText: decoded (encoding detected), its kind from `media` or else its content.

    A page whose content is HTML is read as HTML whatever `media` says (a saved page with the
    wrong extension), and says so in its warnings.
    """
    text, codec, warnings = decode_bytes(data)
    if media is None:
        media = sniff_media(text)
    elif media != "html" and _HTML_START_RE.match(text):
        media = "html"  # a saved page with the wrong extension
        warnings = (*warnings, "HTML content in a non-HTML file: read as HTML")
    _check_text_size(text, media, max_chars)
    return SourceText(
        doc_id=doc_id,
        path=path,
        text=text,
        encoding=codec,
        sha256=hashlib.sha256(data).hexdigest(),
        nbytes=len(data),
        media=media,
        warnings=warnings,
    )


def source_from_text(
    text: str,
    *,
    doc_id: str,
    path: str,
    media: Literal["txt", "md", "html"] | None = None,
    max_bytes: int | None = None,
    max_chars: int | None = None,
) -> SourceText:
    """An article given as text (a dump's row, a library call) as a SourceText, hashed as its UTF-8 bytes.

    Checked as a file's text is: empty text is skipped, lone surrogates (from JSON's "\\ud800")
    and NUL characters become U+FFFD and are counted in the warnings; its kind comes from
    `media`, else from its content (`sniff_media`).
    """
    warnings: tuple[str, ...] = ()
    surrogates = len(_SURROGATE_RE.findall(text))
    if surrogates:
        text = without_surrogates(text)
        warnings = (f"{surrogates} lone surrogate(s) replaced",)
    data = text.encode("utf-8")
    if max_bytes is not None and len(data) > max_bytes:
        raise ReadError("skipped", f"over the size limit ({len(data)} bytes > {max_bytes})")
    if not text.strip():
        raise ReadError("skipped", "empty text" if not text else "empty text (white space only)")
    text, _, more = _checked(text, "utf-8", data)
    media = media or sniff_media(text)
    _check_text_size(text, media, max_chars)
    return SourceText(
        doc_id=doc_id,
        path=path,
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        nbytes=len(data),
        media=media,
        warnings=(*warnings, *more),
    )


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with lone surrogates (JSON's "\\ud800", which no UTF-8 file can hold) as U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text)


# An HTML fragment (no <html>, no doctype): it starts with an element a page's body holds.
_HTML_FRAGMENT_RE = re.compile(
    r"\s*(<!--.*?-->\s*)*<(head|body|title|meta|link|p|div|span|section|article|main|header|footer|nav|aside"
    r"|h[1-6]|ul|ol|li|dl|table|tr|td|th|thead|tbody|blockquote|pre|figure|img|a|strong|em|b|i|br|hr)[\s/>]",
    re.I | re.S,
)
_FRONT_MATTER_RE = re.compile(r"---[ \t]*\r?\n.{0,20000}?\r?\n(---|\.\.\.)[ \t]*(\r?\n|\Z)", re.S)


def sniff_media(text: str) -> Literal["txt", "md", "html"]:
    """An article's kind from its content, for text that comes without a file name.

    HTML: a document (`<!doctype html>`, `<html>`) or a fragment that starts with a body
    element (`<h1>`, `<p>`, `<div>` …); markdown: YAML front matter at the top; else plain text.
    """
    if _HTML_START_RE.match(text) or _HTML_FRAGMENT_RE.match(text):
        return "html"
    if _FRONT_MATTER_RE.match(text):
        return "md"
    return "txt"


def _check_text_size(text: str, media: str, max_chars: int | None) -> None:
    if max_chars is not None:
        size = html_text_size(text) if media == "html" else len(text)
        if size > max_chars:
            raise ReadError("skipped", f"over the text limit ({size} characters > {max_chars})")


def is_utf8(name: str) -> bool:
    """False for a name the OS gave with undecodable bytes (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(location: str) -> str:
    """A location as it can be written to JSON and a terminal: undecodable name bytes as \\xNN."""
    if is_utf8(location):
        return location
    try:
        raw = location.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = location.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def html_text_size(html: str) -> int:
    """About how many characters of text a page holds: its length without tags, comments and scripts."""
    return len(html) - sum(m.end() - m.start() for m in _TOKEN_RE.finditer(html))


# ---------------------------------------------------------------- HTML


@functools.cache
def _html_rules() -> dict[str, frozenset[str]]:
    raw = load_data("boilerplate.json")
    return {
        "drop_tags": frozenset(raw["html_drop_tags"]),
        "furniture": frozenset(raw["html_page_furniture_tags"]),
        "tokens": frozenset(raw["html_drop_tokens"]),
        "roles": frozenset(raw["html_drop_roles"]),
    }


# Elements whose content is never text in the DOM (or that we never read).
_RAW_TEXT_TAGS = frozenset(
    {"script", "style", "template", "noscript", "iframe", "noembed", "noframes", "xmp", "head"}
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
        "figure", "figcaption", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "br", "hr",
        "address", "details", "summary", "header", "footer", "body", "center",
        *_HEADINGS,
    }
)  # fmt: skip
_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>?|<\?[^>]*>?"
    r"|<(script|style|template|noscript|iframe|noembed|noframes|xmp)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|</?[A-Za-z][^<>]*>?",
    re.S | re.I,
)
_ENTITY_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)|\r\n?|\x00")


@dataclass
class _Stream:
    """The HTML source's text, entity-decoded, with each char's source range."""

    text: str
    starts: list[int]
    ends: list[int]


def _decoded_stream(html: str) -> _Stream:
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def add_text(a: int, b: int) -> None:
        pos = a
        for m in _ENTITY_RE.finditer(html, a, b):
            s, e = m.span()
            if s > pos:
                parts.append(html[pos:s])
                starts.extend(range(pos, s))
                ends.extend(range(pos + 1, s + 1))
            token = m.group(0)
            if token.startswith("\r"):
                decoded = "\n"
            elif token == "\x00":
                decoded = "\ufffd"
            else:
                decoded = unescape(token)
            parts.append(decoded)
            starts.extend([s] * len(decoded))
            ends.extend([e] * len(decoded))
            pos = e
        if b > pos:
            parts.append(html[pos:b])
            starts.extend(range(pos, b))
            ends.extend(range(pos + 1, b + 1))

    pos = 0
    for m in _TOKEN_RE.finditer(html):
        if m.start() > pos:
            add_text(pos, m.start())
        pos = m.end()
        parts.append("\x01")  # tag boundary: never part of a text node
        starts.append(m.start())
        ends.append(m.start())
    if pos < len(html):
        add_text(pos, len(html))
    return _Stream("".join(parts), starts, ends)


@dataclass
class HtmlUnit:
    """One structural piece of an HTML page, in document order.

    kind: heading | list_item | paragraph | row | boilerplate. A `row` carries its cells;
    rows of one table share `table`. `depth` is the heading level or list nesting.
    """

    kind: str
    view: Normalized
    depth: int = 0
    marker: str = ""
    cells: list[Normalized] = field(default_factory=list)
    table: int = -1


class _Locator:
    """Finds DOM text nodes in the decoded stream, front to back."""

    def __init__(self, stream: _Stream) -> None:
        self.stream = stream
        self.cursor = 0

    def locate(self, text: str) -> tuple[int, int] | None:
        st = self.stream.text
        k = st.find(text, self.cursor)
        if k < 0:
            k = st.find(text)  # the parser moved it (foster parenting): take any occurrence
            if k < 0:
                pattern = r"\s+".join(re.escape(w) for w in text.split())
                m = re.compile(pattern).search(st, self.cursor) if pattern else None
                if m is None:
                    return None
                k, e = m.span()
                self.cursor = e
                return k, e
        else:
            self.cursor = k + len(text)
        return k, k + len(text)


@dataclass
class _Buffer:
    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, stream: _Stream, a: int, b: int) -> None:
        self.chars.append(stream.text[a:b])
        self.starts.extend(stream.starts[a:b])
        self.ends.extend(stream.ends[a:b])

    def ends_in_word(self) -> bool:
        return bool(self.chars) and self.chars[-1][-1:].isalnum()

    def separator(self) -> None:
        if self.starts:
            self.chars.append(" ")
            self.starts.append(self.ends[-1] - 1 if self.ends[-1] > 0 else 0)
            self.ends.append(self.ends[-1])

    def take(self) -> Normalized | None:
        raw = "".join(self.chars)
        starts, ends = tuple(self.starts), tuple(self.ends)
        self.chars, self.starts, self.ends = [], [], []
        view = normalize(raw.replace("\x01", " "))
        if not view.text:
            return None
        return compose(view, starts, ends)


def _is_dropped(node, rules: dict[str, frozenset[str]], inside_content: bool, body_len: int) -> bool:  # noqa: ANN001
    """Page furniture by tag, ARIA role, hidden flag or class/id words (never most of the page)."""
    tag = node.tag
    if tag in rules["drop_tags"]:
        return True
    attrs = node.attributes or {}
    furniture = tag in rules["furniture"] and not inside_content
    role = (attrs.get("role") or "").lower() in rules["roles"]
    hidden = "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true"
    words = " ".join(v for k, v in attrs.items() if k in ("class", "id") and v)
    tokens = {t for t in re.split(r"[\s_-]+", words.lower()) if t}
    by_name = tag not in ("html", "body", "main", "article") and bool(tokens & rules["tokens"])
    if not (furniture or role or hidden or by_name):
        return False
    return len(node.text(deep=True) or "") < 0.5 * body_len


@dataclass
class _Frame:
    tag: str
    kind: str  # what text directly inside becomes: heading | list_item | paragraph
    depth: int
    marker: str
    dropped: bool
    in_cell: bool
    in_content: bool  # inside <article>/<main>: a <header>/<footer> there is not page furniture
    list_depth: int
    counter: list[int] | None = None  # for <ol>: next number


def _events(root) -> Iterator[tuple[str, object]]:  # noqa: ANN001
    """Enter/text/exit events in document order, without recursion (deep pages are fine)."""
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            yield "exit", node
            continue
        if node.is_text_node:  # type: ignore[attr-defined]
            yield "text", node
            continue
        if not node.is_element_node:  # type: ignore[attr-defined]
            continue
        if (node.tag or "").lower() in _RAW_TEXT_TAGS:  # type: ignore[attr-defined]
            continue
        yield "enter", node
        stack.append((node, True))
        children = []
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))


class _HtmlWalker:
    """Turns DOM events into units; one open text buffer at a time."""

    def __init__(self, html: str) -> None:
        self.stream = _decoded_stream(html)
        self.locator = _Locator(self.stream)
        self.rules = _html_rules()
        self.units: list[HtmlUnit] = []
        self.buf = _Buffer()
        self.frames: list[_Frame] = [_Frame("#root", "paragraph", 0, "", False, False, False, 0)]
        self.row: list[Normalized] | None = None
        self.row_dropped = False
        self.table = -1
        self.tables = 0
        self.body_len = 1
        self.inline_closed = False  # an inline element just ended, no text since
        self.sibling_gap = False  # ... and another element started: "<span>triệu</span><span>Hà Nội"

    def close(self) -> None:
        """End the open unit (if it has text) with the current frame's kind."""
        view = self.buf.take()
        if view is None:
            return
        frame = self.frames[-1]
        if frame.in_cell:
            return
        kind = "boilerplate" if frame.dropped else frame.kind
        self.units.append(HtmlUnit(kind, view, frame.depth, frame.marker))

    def text(self, node) -> None:  # noqa: ANN001
        text = node.text_content or ""
        span = self.locator.locate(text) if text.strip() else None
        if span is not None:
            if self.sibling_gap and self.buf.ends_in_word() and self.stream.text[span[0]].isalnum():
                self.buf.separator()  # two side-by-side elements: a page shows them apart
            self.buf.add(self.stream, *span)
        elif not text.strip():
            self.buf.separator()
        self.inline_closed = self.sibling_gap = False

    def enter(self, node) -> None:  # noqa: ANN001
        tag = (node.tag or "").lower()
        parent = self.frames[-1]
        self.sibling_gap = self.sibling_gap or self.inline_closed
        dropped = parent.dropped or _is_dropped(node, self.rules, parent.in_content, self.body_len)
        frame = _Frame(tag, parent.kind, parent.depth, parent.marker, dropped, parent.in_cell,
                       parent.in_content or tag in ("article", "main"), parent.list_depth)  # fmt: skip
        if dropped and not parent.dropped and not parent.in_cell:
            self.close()  # furniture starts: what came before is a unit of its own
        if tag in ("table",):
            self.close()
            self.tables += 1
            self.table = self.tables
        elif tag == "tr":
            self.close()
            self.row, self.row_dropped = [], dropped
        elif tag in ("td", "th"):
            self.buf.take() if parent.in_cell else self.close()
            frame.in_cell = True
        elif parent.in_cell:
            if tag in _BLOCK_TAGS:
                self.buf.separator()
        elif tag in ("ul", "ol"):
            self.close()
            frame.list_depth = parent.list_depth + 1
            frame.counter = [1] if tag == "ol" else None
        elif tag == "li":
            self.close()
            owner = next((f for f in reversed(self.frames) if f.tag in ("ul", "ol")), None)
            mark = "•"
            if owner is not None and owner.counter is not None:
                mark = f"{owner.counter[0]}."
                owner.counter[0] += 1
            frame.kind, frame.depth, frame.marker = "list_item", max(1, parent.list_depth), mark
        elif tag in _HEADINGS:
            self.close()
            frame.kind, frame.depth, frame.marker = "heading", _HEADINGS[tag], ""
        elif tag in ("br", "hr"):
            if parent.kind in ("heading", "list_item"):
                self.buf.separator()
            else:
                self.close()
        elif tag in _BLOCK_TAGS:
            if parent.kind in ("heading", "list_item") and parent.tag != "#root":
                self.buf.separator()
            else:
                self.close()
                frame.kind, frame.depth, frame.marker = "paragraph", 0, ""
        self.frames.append(frame)

    def exit(self, node) -> None:  # noqa: ANN001
        tag = (node.tag or "").lower()
        frame = self.frames[-1]
        self.inline_closed = tag not in _BLOCK_TAGS
        if tag in ("td", "th"):
            cell = self.buf.take()
            self.frames.pop()
            if cell is not None and self.row is not None:
                self.row.append(cell)
            return
        if tag == "tr":
            self.frames.pop()
            if self.row:
                kind = "boilerplate" if self.row_dropped else "row"
                self.units.append(HtmlUnit(kind, self.row[0], cells=self.row, table=self.table))
            self.row = None
            return
        if frame.in_cell:
            if tag in _BLOCK_TAGS:
                self.buf.separator()
            self.frames.pop()
            return
        parent_dropped = self.frames[-2].dropped if len(self.frames) > 1 else False
        if frame.dropped and not parent_dropped:
            self.close()
        elif tag in _BLOCK_TAGS and (
            tag in ("li", "ul", "ol", "table", *_HEADINGS) or frame.kind == "paragraph"
        ):
            self.close()
        elif tag in _BLOCK_TAGS:
            self.buf.separator()
        self.frames.pop()

    def run(self, html: str) -> list[HtmlUnit]:
        from selectolax.lexbor import LexborHTMLParser  # lazy: only HTML articles need the parser

        tree = LexborHTMLParser(html)
        if tree.root is None:
            return []
        body = tree.body
        self.body_len = max(1, len(body.text(deep=True) or "")) if body is not None else 1
        handlers = {"enter": self.enter, "exit": self.exit, "text": self.text}
        for event, node in _events(tree.root):
            handlers[event](node)
        self.close()
        return self.units


def html_units(html: str) -> list[HtmlUnit]:
    """Headings, list items, paragraphs and table rows of an HTML page, with source offsets.

    Navigation, forms, asides, page header/footer and class-named furniture (share bars,
    comments, related posts ...) come out as `boilerplate` units so the dump shows what was
    dropped; scripts and styles are skipped outright.
    """
    return _HtmlWalker(html).run(html)
