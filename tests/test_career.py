"""Ladders on one line: which role names an arrow links, with the years written after each; and
ladders told in prose: which names a paragraph climbs through.

Each case is a text's role names (in order, with their level for prose); the expectation is
the names that form the ladder. The names are given, not found, so these pin down
`chain_links` and `prose_steps` alone.
"""

from __future__ import annotations

import pytest

from extract.fields.career import chain_links, prose_steps


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for name in names:
        start = text.index(name, spans[-1][1] if spans else 0)
        spans.append((start, start + len(name)))
    return spans


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Junior Developer → Senior Developer → Tech Lead",
            ["Junior Developer", "Senior Developer", "Tech Lead"],
            [("Junior Developer", None, None), ("Senior Developer", None, None), ("Tech Lead", None, None)],
        ),
        (  # a sentence after the chain names a rung again: not part of the chain
            "Staff nurse > Charge nurse > Nurse manager. A staff nurse becomes a charge nurse in 3 years.",
            ["Staff nurse", "Charge nurse", "Nurse manager", "staff nurse", "charge nurse"],
            [("Staff nurse", None, None), ("Charge nurse", None, None), ("Nurse manager", None, None)],
        ),
        (  # years after each name, before the next arrow, are that rung's
            "Junior Accountant (0-2 years) -> Senior Accountant (3-5 years) -> Chief Accountant (5+ years)",
            ["Junior Accountant", "Senior Accountant", "Chief Accountant"],
            [("Junior Accountant", 0, 2), ("Senior Accountant", 3, 5), ("Chief Accountant", 5, None)],
        ),
        (
            "Thực tập sinh kế toán (0 – 1 năm) => Kế toán viên (1 – 3 năm) => Kế toán trưởng",
            ["Thực tập sinh kế toán", "Kế toán viên", "Kế toán trưởng"],
            [("Thực tập sinh kế toán", 0, 1), ("Kế toán viên", 1, 3), ("Kế toán trưởng", None, None)],
        ),
        (  # ">" meaning "more than" is no arrow: two titles of one rung are no chain
            "Bậc 5: Product Design Manager/Product Design Specialist (>6 năm kinh nghiệm).",
            ["Product Design Manager", "Product Design Specialist"],
            [],
        ),
        (  # an arrow far from the names (another sentence) links nothing
            "Sales Manager and Sales Director roles are open. Apply here -> careers page",
            ["Sales Manager", "Sales Director"],
            [],
        ),
        ("Data Analyst", ["Data Analyst"], []),
        (  # "A or B" inside a chain: two rungs at one step, both kept in order
            "Senior Engineer (5-8 years) → Staff Engineer or Tech Lead → Software Architect (8+ years)",
            ["Senior Engineer", "Staff Engineer", "Tech Lead", "Software Architect"],
            [("Senior Engineer", 5, 8), ("Staff Engineer", None, None), ("Tech Lead", None, None), ("Software Architect", 8, None)],
        ),
        (  # names joined by "hoặc" alone, with no arrow, are no chain
            "Kế toán viên hoặc kiểm toán viên đều cần bằng cử nhân.",
            ["Kế toán viên", "kiểm toán viên"],
            [],
        ),
        (  # the longest linked run wins when a line holds more than one
            "Intern → Analyst; later a Manager → Director → VP",
            ["Intern", "Analyst", "Manager", "Director", "VP"],
            [("Manager", None, None), ("Director", None, None), ("VP", None, None)],
        ),
    ],
)
def test_an_arrow_links_two_names_only_across_a_short_gap_within_one_sentence(
    text: str, names: list[str], expected: list[tuple[str, float | None, float | None]]
) -> None:
    links = chain_links(text, _spans(text, names))
    assert [(names[k.index], k.min_years, k.max_years) for k in links] == expected


# --- ladders told in prose: the names it climbs through ------------------------------------

S, SR, LEAD, MGR, DIR, CHIEF = 1, 3, 4, 6, 8, 10  # level ranks (staff … chief)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (  # each name once, in the order told
            [("nhân viên kinh doanh", S), ("trưởng nhóm", LEAD), ("trưởng phòng", MGR), ("giám đốc", DIR)],
            ["nhân viên kinh doanh", "trưởng nhóm", "trưởng phòng", "giám đốc"],
        ),
        (  # a name that sharpens the one before it at its level takes its place
            [("accountants", S), ("junior accountants", S), ("senior accountant", SR), ("CFO", CHIEF)],
            ["junior accountants", "senior accountant", "CFO"],
        ),
        (  # two jobs at one level are two rungs
            [("hướng dẫn viên", S), ("điều hành tour", S), ("quản lý bộ phận điều hành", MGR)],
            ["hướng dẫn viên", "điều hành tour", "quản lý bộ phận điều hành"],
        ),
        (  # the ladder ends where the level steps down; a name said again is not a new rung
            [("Nurse", S), ("Charge nurse", LEAD), ("nurse", S), ("Nurse manager", MGR), ("nurses", S)],
            ["Nurse", "Charge nurse", "Nurse manager"],
        ),
        (  # it stops at the step down, even when a climb follows
            [("Sales Manager", MGR), ("sales representatives", S), ("Sales Director", DIR)],
            [],
        ),
        ([("Kế toán", S), ("kế toán tổng hợp", S)], []),  # one level: a list of jobs, no ladder
        ([("Data Analyst", S)], []),
    ],
)
def test_a_prose_ladder_is_the_names_it_climbs_through(
    names: list[tuple[str, int]], expected: list[str]
) -> None:
    assert [names[i][0] for i in prose_steps(names)] == expected
