"""Career articles (Vietnamese, English, mixed) -> validated, source-grounded JSON role records.

Library use:

    from extract import extract_text, extract_file, run_paths, RunOptions
    record = extract_text(open("article.txt", encoding="utf-8").read(), doc_id="article")
    record.roles[0].duties[0].start   # offsets into the text you passed

The names below are loaded on first use (PEP 562), so `import extract` and `extract --help`
stay fast: the pipeline pulls in spaCy, pydantic and datasketch, which take most of a second.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.extraction import extract_file, extract_text
    from extract.models import DocumentRecord, MergedRole, RoleRecord, RolesFile
    from extract.pipeline import RunOptions, run_paths

_EXPORTS: dict[str, str] = {
    "DocumentRecord": "extract.models",
    "MergedRole": "extract.models",
    "RoleRecord": "extract.models",
    "RolesFile": "extract.models",
    "RunOptions": "extract.pipeline",
    "extract_file": "extract.extraction",
    "extract_text": "extract.extraction",
    "run_paths": "extract.pipeline",
}
"""Public name -> the module that defines it."""

__all__ = [
    "DocumentRecord",
    "MergedRole",
    "RoleRecord",
    "RolesFile",
    "RunOptions",
    "extract_file",
    "extract_text",
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
