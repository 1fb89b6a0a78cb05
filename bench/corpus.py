"""Builds benchmark corpora of distinct synthetic career articles from the sample articles' blocks.

Each synthetic article is a title naming a role drawn from the function lexicon
(extract/data/functions.json, Vietnamese and English forms under varied title words),
followed by runs of consecutive blocks (paragraphs, lists, table rows) from three
different sample articles, with some list lines dropped and every number moved by a
per-article shift (so ranges keep their order). Articles are a deterministic function of their
index, so `build_corpus(folder, n)` always writes the same files, and the first n of a
bigger corpus are the n of a smaller one. Distinct enough that the duplicate finder
(MinHash over word shingles) does not fold them: the run reports its duplicate count.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIRS = (ROOT / "raw", ROOT / "tests" / "dev" / "raw")
BASE_SIZE = 20  # articles in the 1x corpus

# How a generated title presents the role (the role words come from the lexicon).
TITLE_FORMS_VI = (
    "{name} là gì?",
    "Mô tả công việc {name}",
    "Tuyển dụng {name}",
    "Nghề {name}: lương và lộ trình",
)
TITLE_FORMS_EN = ("{name} job description", "What does a {name} do?", "{name}: duties, skills and salary")
LEVEL_WORDS_VI = (
    "Nhân viên {dept}",
    "Chuyên viên {dept}",
    "Trưởng nhóm {dept}",
    "Trưởng phòng {dept}",
    "Giám đốc {dept}",
)
LEVEL_WORDS_EN = (
    "{dept} Specialist",
    "Senior {dept} Officer",
    "{dept} Team Lead",
    "{dept} Manager",
    "Head of {dept}",
)

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    blocks: tuple[str, ...]


@cache
def samples() -> tuple[Sample, ...]:
    """The sample articles split into blocks at blank lines."""
    found = []
    for folder in SAMPLE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            blocks = tuple(b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip())
            found.append(Sample(path.stem, blocks))
    return tuple(found)


@cache
def role_names() -> tuple[str, ...]:
    """Role names from the function lexicon: job words as they are, department words under title words."""
    functions = json.loads((ROOT / "extract" / "data" / "functions.json").read_text(encoding="utf-8"))[
        "functions"
    ]
    names: list[str] = []
    for entry in functions.values():
        for lang, forms in (("vi", LEVEL_WORDS_VI), ("en", LEVEL_WORDS_EN)):
            names.extend(w[:1].upper() + w[1:] for w in entry.get("job", {}).get(lang, [])[:2])
            for i, dept in enumerate(entry.get("dept", {}).get(lang, [])[:2]):
                shown = dept if lang == "vi" else dept.title() if dept.islower() else dept
                names.append(forms[(len(names) + i) % len(forms)].format(dept=shown))
    return tuple(dict.fromkeys(n for n in names if n.strip()))


def vary_figures(text: str, shift: int) -> str:
    """Every number moves by the article's `shift`: figures change, ranges keep their order."""
    return _DIGITS.sub(lambda m: str(int(m.group(0)) + shift), text)


def drop_lines(block: str, rng: random.Random, share: float = 0.2) -> str:
    lines = block.split("\n")
    if len(lines) < 3:
        return block
    kept = [line for line in lines if rng.random() >= share]
    return "\n".join(kept or lines[:1])


def synthetic_article(index: int) -> tuple[str, str]:
    """(file name, text) of article `index`: a lexicon role over block runs of three samples."""
    rng = random.Random(index)
    pool = samples()
    names = role_names()
    name = names[(index * 7919) % len(names)]
    vi = any(ch in name.lower() for ch in "ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ") or name.split()[0] in (
        "Nhân",
        "Chuyên",
        "Trưởng",
        "Giám",
    )
    title = rng.choice(TITLE_FORMS_VI if vi else TITLE_FORMS_EN).format(name=name)
    parts = [title]
    shift = rng.randint(1, 9)
    for sample in rng.sample(pool, 3):
        span = max(2, len(sample.blocks) // 3)
        start = rng.randrange(0, max(1, len(sample.blocks) - span + 1))
        for block in sample.blocks[start : start + span]:
            parts.append(vary_figures(drop_lines(block, rng), shift))
    suffix = ".md" if index % 5 == 4 else ".txt"
    if suffix == ".md":
        parts[0] = f"# {parts[0]}"
    return f"syn_{index:06d}{suffix}", "\n\n".join(parts) + "\n"


def build_corpus(folder: Path, count: int) -> tuple[int, int]:
    """Write articles 0..count-1 into `folder` (kept if already there); returns (articles, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(count):
        name, text = synthetic_article(index)
        path = folder / name
        data = text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        total += len(data)
    return count, total
