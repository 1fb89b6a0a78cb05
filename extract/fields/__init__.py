"""The field stages, in the order they run on an Article (like spaCy's pipeline).

Each stage owns one field's whole extraction and fills the Article's role accumulators;
what a stage leaves for a later one is a named attribute of Article:

- career: ladders; leaves `ladder_blocks` (rungs are not items);
- tables: duties and requirements of comparison tables;
- pay: salaries from prose and tables; leaves `pay_spans` (a figure is not a requirement);
- items: duties, requirements and summaries from lists, fact lines and prose;
- other_professions: drops the pay of roles a sentence names only to compare pay with.

Text helpers: money.py (pay figures in text), years.py, prose.py (what a sentence says),
requirements.py (a requirement's kind and years).
"""

from __future__ import annotations

from collections.abc import Callable

from extract.article import Article
from extract.fields.career import career
from extract.fields.items import items
from extract.fields.pay import other_professions, pay
from extract.fields.tables import tables

Stage = Callable[[Article], None]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("career", career),
    ("tables", tables),
    ("pay", pay),
    ("items", items),
    ("other_professions", other_professions),
)


def run_stages(art: Article) -> Article:
    for _, stage in STAGES:
        stage(art)
    return art
