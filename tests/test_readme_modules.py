"""The README's module table names every module of the package, and only modules that exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## How it works")
    return readme[start : readme.index("\n\n", readme.index("| module |", start))]


def test_every_module_is_in_the_readme_table():
    table = _table()
    named = set(re.findall(r"`(extract/[\w/]+(?:\.py)?/?)`", table))
    modules = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "extract").rglob("*.py")
        if p.name != "__init__.py" and "review" not in p.parts
    }
    fields_listed = {f"extract/fields/{n}" for n in re.findall(r"`(\w+\.py)`", table)}
    missing = sorted(m for m in modules if m not in named and m not in fields_listed)
    assert missing == []
    assert "extract/review/" in named


def test_every_module_the_readme_names_exists():
    for path in re.findall(r"`(extract/[\w/]+(?:\.py)?/?)`", _table()):
        assert (ROOT / path).exists(), path
