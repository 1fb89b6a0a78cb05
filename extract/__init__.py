"""Career articles (Vietnamese, English, mixed) -> validated, source-grounded JSON role records.

Library use:

    import extract
    record = extract.extract_text(text)                 # HTML told from the content; media="md" …
    record = extract.extract_file("raw/article.html")   # a path, a Path, an fsspec URL, or bytes
    record.roles[0].duties[0].start                     # offsets into the text as decoded
    for record in extract.extract_texts(texts, workers=2):  # many texts, records in order
        ...
    extract.run_paths(["raw/"], extract.RunOptions(out="output", formats=("parquet",)))

The names below are loaded on first use (PEP 562), so `import extract` and `extract --help`
stay fast: the pipeline pulls in spaCy, pydantic and datasketch, which take most of a second.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.batch import extract_texts
    from extract.extraction import extract_file, extract_text
    from extract.models import DocumentRecord, MergedRole, RoleRecord, RolesFile
    from extract.pipeline import RunOptions, run_paths
    from extract.read import ReadError

    __version__: str

_EXPORTS: dict[str, str] = {
    "DocumentRecord": "extract.models",
    "MergedRole": "extract.models",
    "ReadError": "extract.read",
    "RoleRecord": "extract.models",
    "RolesFile": "extract.models",
    "RunOptions": "extract.pipeline",
    "__version__": "extract.version",
    "extract_file": "extract.extraction",
    "extract_text": "extract.extraction",
    "extract_texts": "extract.batch",
    "run_paths": "extract.pipeline",
}
"""Public name -> the module that defines it."""

__all__ = [
    "DocumentRecord",
    "MergedRole",
    "ReadError",
    "RoleRecord",
    "RolesFile",
    "RunOptions",
    "__version__",
    "extract_file",
    "extract_text",
    "extract_texts",
    "run_paths",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(import_module(module), name)  # lazy: the pipeline loads on first use, not at import
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
