"""The committed JSON Schemas are what the models generate, and output validates against them."""

import json
from pathlib import Path

from extract.schemas import schema_texts

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_match_the_models():
    for name, text in schema_texts().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `extract schema`"


def test_schema_names_the_spec_fields():
    doc = json.loads(schema_texts()["document.schema.json"])
    assert {"schema_version", "doc_id", "source", "title", "languages", "roles", "warnings"} <= set(doc["properties"])
