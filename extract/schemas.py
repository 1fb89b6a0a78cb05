"""JSON Schemas generated from the pydantic models, so apps can validate the output."""

from __future__ import annotations

import json
from pathlib import Path

from extract.models import SCHEMA_MODELS


def schema_texts() -> dict[str, str]:
    """File name -> schema JSON text, exactly as `extract schema` writes it."""
    return {
        f"{name}.schema.json": json.dumps(
            model.model_json_schema(by_alias=True, mode="serialization"), indent=2, ensure_ascii=False, sort_keys=True
        )
        + "\n"
        for name, model in SCHEMA_MODELS.items()
    }


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
