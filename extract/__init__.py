"""Career articles (Vietnamese, English, mixed) -> validated, source-grounded JSON role records.

Library use:

    from extract import extract_text, extract_file, run_paths, RunOptions
    record = extract_text(open("article.txt", encoding="utf-8").read(), doc_id="article")
    record.roles[0].duties[0].start   # offsets into the text you passed
"""

from extract.extraction import extract_file, extract_text
from extract.models import DocumentRecord, MergedRole, RoleRecord, RolesFile
from extract.pipeline import RunOptions, run_paths

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
