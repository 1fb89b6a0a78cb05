"""JSON Schemas generated from the pydantic models, so apps can validate the output.

Each schema is JSON Schema draft 2020-12 with a `$id` under SCHEMA_BASE_URL, a description
on every object and property (the models' docstrings), and `required` listing every field
the pipeline always writes: what a code generator (quicktype, datamodel-code-generator …)
needs to make non-optional types. `extract schema` writes them to schemas/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.models import SCHEMA_MODELS

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE_URL = "https://raw.githubusercontent.com/career-extract/career-extract/main/schemas/"
"""Where the committed schemas/ folder is published; each schema's `$id` is this plus its file name."""


def schema_name(stem: str) -> str:
    return f"{stem}.schema.json"


def schema_dict(stem: str) -> dict[str, Any]:
    """The schema of one output file, by its stem in SCHEMA_MODELS ("document", "manifest" …)."""
    model = SCHEMA_MODELS[stem]
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": SCHEMA_BASE_URL + schema_name(stem), **schema}


def schema_texts() -> dict[str, str]:
    """File name -> schema JSON text, exactly as `extract schema` writes it."""
    return {
        schema_name(stem): json.dumps(schema_dict(stem), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for stem in SCHEMA_MODELS
    }


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
