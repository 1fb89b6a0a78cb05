"""The JSON Schemas in schemas/: what the models generate, usable by a code generator, and true of
real output (a run over raw/ and tests/dev/raw) and of every gold file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from extract.models import SCHEMA_MODELS, GoldFile, Manifest
from extract.pipeline import RunOptions, run_paths
from extract.schemas import JSON_SCHEMA_DIALECT, SCHEMA_BASE_URL, schema_dict, schema_texts

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.gold.json")) + sorted(
    (ROOT / "tests" / "dev" / "gold").glob("*.gold.json")
)
# Fields a writer may leave out, each with why; every other property must be required.
NOT_ALWAYS_WRITTEN = {
    "document": {"DocumentRecord.url", "DocumentRecord.date"},  # only a dump's row gives them (extract.dumps)
    "manifest": {
        "ManifestEntry.duplicate_of",
        *(f"ItemCounts.{f}" for f in ("roles", "duties", "requirements", "salaries", "career_path")),
    },
    "gold": {  # hand-written: defaults apply to what a writer leaves out
        *(f"GoldRole.{f}" for f in ("optional", "duties", "requirements", "salaries", "career_path")),
        *(f"{m}.optional" for m in ("GoldText", "GoldRequirement", "GoldSalary", "GoldStep")),
        *(f"GoldRequirement.{f}" for f in ("min_years", "max_years")),
        *(f"GoldSalary.{f}" for f in ("component", "region", "experience")),
        *(f"GoldStep.{f}" for f in ("order", "min_years", "max_years")),
    },
}


def validator(stem: str) -> Draft202012Validator:
    return Draft202012Validator(schema_dict(stem))


def objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(name, object schema) for the root and every object in $defs."""
    yield schema["title"], schema
    for name, sub in schema.get("$defs", {}).items():
        if sub.get("type") == "object":
            yield name, sub


def test_committed_schemas_match_the_models():
    for name, text in schema_texts().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `extract schema`"


def test_every_output_file_and_the_gold_format_has_a_schema():
    assert {p.name for p in (ROOT / "schemas").glob("*.schema.json")} == {
        "document.schema.json",
        "roles.schema.json",
        "career_graph.schema.json",
        "manifest.schema.json",
        "gold.schema.json",
    }


@pytest.mark.parametrize("stem", sorted(SCHEMA_MODELS))
def test_schema_declares_its_dialect_and_id_and_is_itself_valid(stem: str):
    schema = schema_dict(stem)
    assert schema["$schema"] == JSON_SCHEMA_DIALECT
    assert schema["$id"] == f"{SCHEMA_BASE_URL}{stem}.schema.json"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("stem", sorted(SCHEMA_MODELS))
def test_every_object_enum_and_property_is_described(stem: str):
    schema = schema_dict(stem)
    undescribed = [name for name, sub in schema.get("$defs", {}).items() if not sub.get("description")]
    for name, obj in objects(schema):
        if not obj.get("description"):
            undescribed.append(name)
        undescribed += [f"{name}.{p}" for p, sub in obj["properties"].items() if not sub.get("description")]
    assert undescribed == []


@pytest.mark.parametrize("stem", sorted(SCHEMA_MODELS))
def test_fields_always_written_are_required(stem: str):
    optional = []
    for name, obj in objects(schema_dict(stem)):
        optional += [f"{name}.{p}" for p in obj["properties"] if p not in obj.get("required", [])]
    assert set(optional) == NOT_ALWAYS_WRITTEN.get(stem, set())


def test_schema_names_the_spec_fields():
    doc = schema_dict("document")
    assert {"schema_version", "doc_id", "source", "title", "languages", "roles", "warnings"} <= set(
        doc["properties"]
    )
    assert set(schema_dict("career_graph")["$defs"]["CareerEdge"]["required"]) >= {"from", "to", "sources"}


# --- real output ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("schemas") / "out"
    code = run_paths(
        [str(ROOT / "raw"), str(ROOT / "tests" / "dev" / "raw")], RunOptions(out=out, quiet=True)
    )
    assert code == 0
    return out


def errors(stem: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(stem).iter_errors(data)]


def test_every_document_of_a_real_run_validates(run_dir: Path):
    paths = sorted((run_dir / "documents").glob("*.json"))
    assert len(paths) == 28
    bad = {p.name: errors("document", json.loads(p.read_text(encoding="utf-8"))) for p in paths}
    assert {k: v for k, v in bad.items() if v} == {}


@pytest.mark.parametrize(
    ("stem", "file"),
    [("roles", "roles.json"), ("career_graph", "career_graph.json"), ("manifest", "manifest.json")],
)
def test_run_level_files_of_a_real_run_validate(run_dir: Path, stem: str, file: str):
    data = json.loads((run_dir / file).read_text(encoding="utf-8"))
    assert errors(stem, data) == []
    SCHEMA_MODELS[stem].model_validate(data)


def test_manifest_schema_covers_skipped_and_duplicate_inputs(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    article = next((ROOT / "raw").glob("*.txt"))
    (src / "a.txt").write_bytes(article.read_bytes())
    (src / "b.txt").write_bytes(article.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    run_paths([str(src)], RunOptions(out=tmp_path / "out", quiet=True))
    data = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["status"] for e in data["articles"]} == {"ok", "duplicate", "skipped"}
    assert errors("manifest", data) == []
    Manifest.model_validate(data)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_file_validates(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert errors("gold", data) == []
    assert GoldFile.model_validate(data).doc_id == path.name.removesuffix(".gold.json")


# --- what the schemas reject ------------------------------------------------------------------------

DOC = {
    "schema_version": "1.0",
    "doc_id": "a",
    "source": {"path": "a.txt", "sha256": "0" * 64, "bytes": 1, "encoding": "utf-8"},
    "title": None,
    "languages": {"vi": 1.0},
    "roles": [],
    "warnings": [],
}
GOLD = {"doc_id": "a", "roles": [{"role_id": "sales/staff", "names": ["Sales"]}]}


@pytest.mark.parametrize(
    ("stem", "data", "why"),
    [
        ("document", {k: v for k, v in DOC.items() if k != "warnings"}, "'warnings' is a required property"),
        ("document", {**DOC, "extra": 1}, "Additional properties"),
        ("document", {**DOC, "source": {**DOC["source"], "sha256": "xyz"}}, "does not match"),
        ("gold", {"doc_id": "a", "roles": [{"role_id": "sales/staff"}]}, "'names' is a required property"),
        (
            "gold",
            {
                "doc_id": "a",
                "roles": [
                    {**GOLD["roles"][0], "requirements": [{"kind": "skill", "text": "x", "min_year": 2}]}
                ],
            },
            "Additional properties",
        ),
        (
            "gold",
            {
                "doc_id": "a",
                "roles": [
                    {
                        **GOLD["roles"][0],
                        "salaries": [
                            {"min": 1, "max": 2, "currency": "VND", "period": "week", "stat": "range"}
                        ],
                    }
                ],
            },
            "is not one of",
        ),
    ],
    ids=["missing-field", "unknown-field", "bad-hash", "gold-without-names", "gold-typo", "gold-bad-period"],
)
def test_schemas_reject_what_the_contract_rules_out(stem: str, data: dict[str, Any], why: str):
    with pytest.raises(ValidationError, match=why):
        validator(stem).validate(data)
