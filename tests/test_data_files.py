"""Data and code agree: the lexicons under extract/data are loaded in one place, every key
is read by some code, and facts kept in data are kept once."""

import json
import re
from pathlib import Path

import pytest

from extract.lexicon import load_data, vi_letters

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extract"
DATA = sorted((PACKAGE / "data").glob("*.json"))
CODE = {p: p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def test_data_files_are_loaded_only_through_lexicon():
    """A lexicon's name appears in code only as `load_data("<name>")` (lexicon.py reads it)."""
    names = [p.name for p in DATA]
    readers = sorted(
        f"{p.relative_to(ROOT)}: {name}"
        for p, text in CODE.items()
        if p.name != "lexicon.py"
        for name in names
        for m in re.finditer(re.escape(f'"{name}"'), text)
        if not text[: m.start()].endswith("load_data(")
    )
    assert readers == []
    assert all('resources.files("extract.data")' not in t for p, t in CODE.items() if p.name != "lexicon.py")


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_every_key_of_a_data_file_is_read_by_code(path: Path):
    """A top-level key no code names is dead data (keys starting with '_' are notes)."""
    code = "\n".join(CODE.values())
    keys = [k for k in json.loads(path.read_text(encoding="utf-8")) if not k.startswith("_")]
    unread = [k for k in keys if f'"{k}"' not in code and f"'{k}'" not in code]
    assert unread == [], f"{path.name}: keys no code reads: {unread}"


def test_every_currency_the_parser_knows_has_an_exchange_rate():
    known = {c for c in load_data("money.json")["currencies"] if not c.startswith("_")}
    rates = load_data("exchange_rates.json")
    assert known == set(rates["rates"]) | {rates["base"]}


def test_vietnamese_letters_are_defined_once():
    """No module spells out the Vietnamese alphabet: it lives in data/lang.json."""
    letters = vi_letters()
    run = re.compile("[" + re.escape("".join(sorted(letters))) + "]{12,}")
    spelled = [str(p.relative_to(ROOT)) for p, text in CODE.items() if run.search(text)]
    assert spelled == []
    assert vi_letters(own_only=True) < letters
