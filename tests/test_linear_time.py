"""Every stage near-linear in an article's size (issue 16 item 2): doubling an article at most ~doubles the work.

Work is counted as Python function calls (cProfile), which, unlike a stopwatch on a shared
machine, gives the same figure every time: a stage that searches every suffix of a run of
lines, or rebuilds a list per line, shows as a ratio near 4 when the article doubles.
Wall time against pathological articles is bounded separately by the per-article time limit.
"""

from __future__ import annotations

import cProfile
import random
from collections.abc import Callable

import pytest

from extract.extraction import extract_text

WORDS = "Kế toán trưởng phòng nhân viên Sales Manager lương triệu năm công việc".split()
N = 400


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


# name -> (media, article of n units)
SHAPES: dict[str, tuple[str, Callable[[random.Random, int], str]]] = {
    "short lines": ("txt", lambda rng, n: "\n".join(words(rng, rng.randint(1, 3)) for _ in range(n))),
    "figures, one per line": ("txt", lambda rng, n: "\n".join(f"{rng.randint(1, 999)}.000.000" for _ in range(n))),
    "label and figure lines": (
        "txt", lambda rng, n: "\n".join("Trưởng phòng" if i % 2 == 0 else f"{i}.000.000" for i in range(n))
    ),
    "short paragraphs": ("txt", lambda rng, n: "\n\n".join(words(rng, rng.randint(1, 3)) for _ in range(n))),
    "sitemap list": (
        "html",
        lambda rng, n: "<ul>" + "".join(f'<li><a href="/j/{i}">Việc làm {words(rng, 2)} {i}</a></li>' for i in range(n)) + "</ul>",
    ),
    "links between line breaks": (
        "html", lambda rng, n: "<p>" + "<br>".join(f'<a href="/j/{i}">{words(rng, 2)} {i}</a>' for i in range(n)) + "</p>"
    ),
    "table rows": (
        "html", lambda rng, n: "<table>" + "".join(f"<tr><td>{words(rng, 2)}</td><td>{i}</td></tr>" for i in range(n)) + "</table>"
    ),
    "divs": ("html", lambda rng, n: "".join(f"<div>{words(rng, 2)}</div>" for _ in range(n))),
}  # fmt: skip


def calls(text: str, media: str) -> int:
    profile = cProfile.Profile()
    profile.enable()
    extract_text(text, media=media)  # type: ignore[arg-type]
    profile.disable()
    return sum(stat.callcount for stat in profile.getstats())


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_doubling_an_article_at_most_doubles_the_work(shape: str) -> None:
    media, make = SHAPES[shape]
    calls(make(random.Random(0), N // 4), media)  # whatever loads on first use is loaded
    single = calls(make(random.Random(1), N), media)
    double = calls(make(random.Random(1), 2 * N), media)
    assert double <= 2.5 * single, f"{shape}: {single} calls for {N} units, {double} for {2 * N}"
