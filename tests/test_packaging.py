"""Packaging: a free distribution name, license and typing metadata, Dask as an optional extra with a
clear message, and a start-up that loads none of the pipeline's heavy libraries."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extract
from extract.cli import DIST_NAME, app

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
HEAVY = (
    "spacy",
    "underthesea",
    "pydantic",
    "datasketch",
    "dask",
    "distributed",
    "lingua",
    "extract.pipeline",
)


def test_distribution_name_is_not_the_taken_extract_but_command_and_import_stay():
    assert PROJECT["name"] == DIST_NAME == "career-extract"
    assert PROJECT["scripts"] == {"extract": "extract.cli:app"}
    assert PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"] == ["extract*"]


def test_license_urls_classifiers_and_typing_marker_are_shipped():
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert {"Homepage", "Repository", "Issues"} <= set(PROJECT["urls"])
    assert "Typing :: Typed" in PROJECT["classifiers"]
    assert (ROOT / "extract" / "py.typed").is_file()
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["extract"]


def test_dask_is_an_optional_extra():
    assert not [d for d in PROJECT["dependencies"] if d.startswith(("dask", "distributed"))]
    assert [d for d in PROJECT["optional-dependencies"]["dask"] if d.startswith("dask[distributed]")]


def install_spec(text: str) -> list[str]:
    return re.findall(r'pip install (?:--quiet )?(-e "[^"]*"|-e \S+)', text)


def test_readme_test_command_and_ci_install_the_test_and_dask_extras():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_spec(readme) == ["-e .", '-e ".[test,dask]"']
    assert install_spec(ci) == ['-e ".[test,dask]"']


def test_scheduler_without_dask_exits_2_with_one_line_saying_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    result = CliRunner().invoke(
        app, ["run", str(ROOT / "raw"), "--out", str(tmp_path / "out"), "--scheduler", "local"]
    )
    assert result.exit_code == 2
    assert (
        result.output
        == 'error: --scheduler needs Dask, which is not installed: pip install "career-extract[dask]"\n'
    )
    assert not (tmp_path / "out").exists()


def loaded_modules(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after `code` (printed at exit, whatever `code` does)."""
    probe = (
        "import atexit, json, sys\natexit.register(lambda: print(json.dumps(sorted(sys.modules))))\n" + code
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    [
        "import extract",
        "import sys\nsys.argv = ['extract', '--help']\nfrom extract.cli import main\nmain()",
    ],
    ids=["import-extract", "extract-help"],
)
def test_start_up_loads_none_of_the_pipelines_heavy_libraries(code: str):
    modules = loaded_modules(code)
    assert "extract" in modules
    assert sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY) == []


def test_library_names_load_on_first_use():
    from extract.extraction import extract_text
    from extract.pipeline import RunOptions

    assert extract.extract_text is extract_text
    assert extract.RunOptions is RunOptions
    assert set(extract.__all__) == set(extract._EXPORTS)
    assert set(extract.__all__) <= set(dir(extract))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        extract.nope  # noqa: B018


def test_every_import_inside_a_cli_function_is_marked_lazy():
    source = (ROOT / "extract" / "cli.py").read_text(encoding="utf-8")
    lines = source.splitlines()
    unmarked = [
        lines[node.lineno - 1].strip()
        for fn in ast.walk(ast.parse(source))
        if isinstance(fn, ast.FunctionDef)
        for node in ast.walk(fn)
        if isinstance(node, (ast.Import, ast.ImportFrom)) and "lazy:" not in lines[node.lineno - 1]
    ]
    assert unmarked == []
