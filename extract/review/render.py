"""Build the review page: a small shell, an index of every article, and each article's data as JSON.

At 2,000 articles a page with every article drawn as HTML was 51 MB and took 11 s to load. Here
the server side only gathers data: the index rows (what search and filters need) and, per article,
its text, highlight marks and records, each in its own inert <script type="application/json">
that the page's script parses when the article is opened. Everything shown is set through
textContent or createElement in the browser, never parsed as markup; the JSON is written with
<, > and & as \\u escapes, so no text can close its element. The page's own style and script are
allowed by their sha256 in the Content-Security-Policy, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from extract.review.gold import EXTRA, OK, GoldMiss, ValueKey
from extract.review.graph import Edge, graph_data
from extract.review.inputs import Article, GraphFile, is_edge
from extract.review.locate import Place, locate, locate_amount
from extract.review.spans import FIELD_LABELS, FIELDS, Span, clamp_span, role_summary, role_values, segment

SCORE_FIELDS: tuple[str, ...] = ("roles", "duties", "requirements", "salaries", "career_path")
COUNT_FIELDS: tuple[str, ...] = ("duties", "requirements", "salaries", "career_path")
MERGED_ROLE_SOURCES = 20
"""How many of a merged role's articles the graph panel lists (roles.json has them all)."""
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def esc(text: Any) -> str:
    """The one way text reaches the page's markup."""
    return escape(str(text), quote=True)


def json_for_script(data: Any) -> str:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@cache
def asset(name: str) -> str:
    """A template, style sheet or script shipped as package data next to this module."""
    return files("extract.review").joinpath(name).read_text(encoding="utf-8")


def csp_hash(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(style: str, script: str) -> str:
    """Nothing may load; only this page's own style and script (by hash) may apply or run."""
    return (
        f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Code-point offset (Python, the contract) -> UTF-16 offset (a JavaScript string index)."""
    if not _ASTRAL.search(text):
        return lambda i: i
    table = [0]
    for ch in text:
        table.append(table[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return table.__getitem__


def years_label(value: Mapping[str, Any]) -> str:
    """ "2 y", "0–2 y", "3+ y" or "" from min_years/max_years (anything not a number is ignored)."""
    lo, hi = (
        f"{x:g}" if isinstance(x, (int, float)) else None
        for x in (value.get("min_years"), value.get("max_years"))
    )
    if lo is None and hi is None:
        return ""
    if hi is None:
        return f"{lo}+ y"
    if lo is None:
        return f"≤{hi} y"
    return f"{lo} y" if lo == hi else f"{lo}–{hi} y"


def _amount(x: Any) -> str:
    if isinstance(x, (int, float)):
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
    return "…"


def value_attrs(name: str, value: Mapping[str, Any]) -> str:
    """The attributes a reviewer checks first, as one short line beside the value's text."""
    extra = []
    if name == "salaries":
        lo, hi = _amount(value.get("min")), _amount(value.get("max"))
        amount = lo if lo == hi else f"{lo}–{hi}"
        extra.append(
            f"{amount} {value.get('currency', '')}/{value.get('period', '')} · {value.get('stat', '')}"
        )
    elif name == "requirements":
        extra.append(str(value.get("kind", "")))
    elif name == "career_path":
        extra.append(f"#{value.get('order', '?')} → {value.get('role_id', '?')}")
    if name in ("requirements", "career_path"):
        extra.append(years_label(value))
    return " · ".join(e for e in extra if e)


def place_miss(text: str | None, miss: GoldMiss) -> Place | None:
    """Where a gold miss stands: the first of its texts found (exact beats approximate), or for a
    salary, which has no text, where its figure is written."""
    if not text:
        return None
    if miss.field == "salaries":
        return locate_amount(text, miss.item.get("min"), miss.item.get("max"))
    places = [p for p in (locate(text, s) for s in miss.search) if p]
    return next((p for p in places if p.exact), places[0] if places else None)


def how_placed(miss: GoldMiss, place: Place | None) -> str:
    if place is None:
        return "not found in text"
    if miss.field == "salaries":
        return "where its figure is written"
    return "exact" if place.exact else "approximate (fuzzy match)"


def mark_classes(spans: list[Span]) -> str:
    """Classes of one stretch of text: the innermost prediction's field colours it (`t-`), every
    field under it is listed (`f-`), overlaps are hatched (`ov`), gold misses underlined (`miss`),
    and with gold a prediction that matches is `x-ok`, one that matches nothing `x-extra`."""
    preds = [s for s in spans if not s.miss]
    classes = []
    if preds:
        classes += [
            "hl",
            f"t-{preds[0].field}",
            *(f"f-{f}" for f in FIELDS if any(s.field == f for s in preds)),
        ]
        if len(preds) > 1:
            classes.append("ov")
        if any(s.status == EXTRA for s in preds):
            classes.append("x-extra")
        if any(s.status == OK for s in preds):
            classes.append("x-ok")
    if len(preds) < len(spans):
        classes.append("miss")
    return " ".join(classes)


def text_marks(text: str, spans: list[Span]) -> list[list[Any]]:
    """[start, end, classes, record ids] per highlighted stretch, in UTF-16 offsets for the browser."""
    u16 = utf16_offsets(text)
    return [
        [u16(seg.start), u16(seg.end), mark_classes(seg.spans), " ".join(str(s.rid) for s in seg.spans)]
        for seg in segment(len(text), spans)
        if seg.spans
    ]


@dataclass(slots=True)
class ArticleData:
    """One article as the page needs it: `doc` is parsed when the article is opened, `row` at load."""

    doc: dict[str, Any]
    row: dict[str, Any]


@dataclass(slots=True)
class _Builder:
    """Collects one article's records (the ids its marks and lists point to) and highlight spans."""

    text: str | None
    records: list[dict[str, Any]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def add(self, record: dict[str, Any]) -> int:
        self.records.append(record)
        return len(self.records) - 1


def value_record(
    text: str | None, name: str, value: dict[str, Any], ri: int, status: str | None
) -> tuple[dict[str, Any], tuple[int, int] | None]:
    """One extracted value as the page ships it, and where it stands in the text (None: outside it).

    The value's text is left out when it is exactly the text at its offsets and the article has no
    character outside the BMP (so offsets are also JavaScript string indices): the page takes it
    from the article. That halves the size of a 2,000-article page."""
    place = clamp_span(value.get("start"), value.get("end"), len(text) if text is not None else 0)
    at = text[place[0] : place[1]] if place and text is not None else None
    rec: dict[str, Any] = {"f": name, "ri": ri, "v": value}
    if at is not None and at == value.get("text") and place == (value.get("start"), value.get("end")):
        if not _ASTRAL.search(text or ""):
            rec["v"] = {k: v for k, v in value.items() if k != "text"}
            rec["t"] = 1  # the page restores v.text from the article
    elif at is not None:
        rec["src"] = at  # the text at the value's offsets, when it is not the value's text
    if status:
        rec["st"] = status
    attrs = value_attrs(name, value)
    if attrs:
        rec["a"] = attrs
    return rec, place


def _role_entry(
    b: _Builder, role: dict[str, Any], ri: int, statuses: Mapping[ValueKey, str]
) -> dict[str, Any]:
    items = []
    for name, j, value in role_values(role):
        status = statuses.get((name, ri, j))
        rec, place = value_record(b.text, name, value, ri, status)
        rid = b.add(rec)
        if place:
            b.spans.append(Span(place[0], place[1], name, rid, status=status))
        items.append([name, rid, int(place is not None)])
    return {"head": role_summary(role), "st": statuses.get(("roles", ri, ri)), "items": items}


def _miss_entry(b: _Builder, miss: GoldMiss) -> list[Any]:
    place = place_miss(b.text, miss)
    show: dict[str, Any] = {"gold_miss": miss.item, "field": miss.field, "gold_role_id": miss.role_id}
    if miss.near:
        show["nearest_prediction"] = miss.near
    show["placed"] = how_placed(miss, place)
    where = "marked in the text" if place else "not found in the text"
    rid = b.add(
        {
            "label": f"Gold miss · {FIELD_LABELS.get(miss.field, miss.field)} · {miss.role_id or '?'}",
            "show": show,
            "miss": miss.label or json.dumps(miss.item, ensure_ascii=False),
            "a": f"{FIELD_LABELS.get(miss.field, miss.field)} · {miss.role_id or '?'} · {where}",
            "field": miss.field,
        }
    )
    if place:
        b.spans.append(Span(place.start, place.end, miss.field, rid, miss=True))
    return [rid, int(place is not None)]


def _meta(record: Mapping[str, Any], roles: int) -> str:
    langs = ", ".join(
        f"{k} {v:.0%}" for k, v in (record.get("languages") or {}).items() if isinstance(v, (int, float))
    )
    source = record.get("source") or {}
    parts = (str(source.get("path", "")), str(source.get("encoding", "")), langs, _count(roles, "role"))
    return " · ".join(p for p in parts if p)


def article_data(
    article: Article,
    index: int,
    misses: Iterable[GoldMiss] = (),
    statuses: Mapping[ValueKey, str] | None = None,
    scores: Mapping[str, float] | None = None,
) -> ArticleData:
    """Everything the page shows of one article, gathered before any markup exists."""
    statuses = statuses or {}
    record = article.record
    b = _Builder(article.text)
    roles = [r for r in record.get("roles") or [] if isinstance(r, dict)]
    role_entries = [_role_entry(b, role, ri, statuses) for ri, role in enumerate(roles)]
    miss_entries = [_miss_entry(b, m) for m in misses]
    notes = [*article.notes, *(f"run warning: {w}" for w in record.get("warnings") or [])]
    title = str(record.get("title") or "")
    doc = {
        "id": article.doc_id,
        "title": title,
        "meta": _meta(record, len(roles)),
        "notes": notes,
        "text": article.text,
        "marks": text_marks(article.text, b.spans) if article.text is not None else [],
        "roles": role_entries,
        "misses": miss_entries,
        "records": b.records,
    }
    present = [f for f in FIELDS if any(it[0] == f for e in role_entries for it in e["items"])]
    row = {
        "i": index,
        "id": article.doc_id,
        "t": title,
        "n": [len(roles), *(sum(len(r.get(f) or []) for r in roles) for f in COUNT_FIELDS)],
        "notes": len(notes),
        "roles": sorted({str(r.get("role_id")) for r in roles if r.get("role_id")}),
        "names": " ".join(str(n) for r in roles for n in [r.get("name"), *(r.get("mentions") or [])] if n),
        "fields": present,
        "sc": [scores.get(f) for f in SCORE_FIELDS] if scores is not None else None,
        "miss": len(miss_entries),
        "extra": sum(1 for s in statuses.values() if s == EXTRA),
    }
    return ArticleData(doc, row)


# --- career graph ----------------------------------------------------------------------------------


def _first_name(names: Any) -> str | None:
    """The first name of a {lang: [names]} mapping."""
    if isinstance(names, dict):
        return next((str(n) for ns in names.values() if isinstance(ns, list) for n in ns), None)
    return None


def merged_role_card(role: Mapping[str, Any]) -> dict[str, Any]:
    """What the panel shows of a merged role: names, counts, pay summary and edges, not every item
    (roles.json of a 2,000-article run is 8 MB; it holds the rest)."""
    sources = [s for s in role.get("sources") or [] if isinstance(s, str)]
    return {
        "role_id": role.get("role_id"),
        "names": role.get("names") or {},
        "articles": len(sources),
        "sources": sources[:MERGED_ROLE_SOURCES]
        + (
            [f"… {len(sources) - MERGED_ROLE_SOURCES} more in roles.json"]
            if len(sources) > MERGED_ROLE_SOURCES
            else []
        ),
        "duties": len(role.get("duties") or []),
        "requirements": len(role.get("requirements") or []),
        "salaries": len(role.get("salaries") or []),
        "salary_summary": role.get("salary_summary") or {},
        "career_edges": [
            {k: e.get(k) for k in ("from", "to", "min_years", "max_years")}
            for e in role.get("career_edges") or []
            if is_edge(e)
        ],
    }


def graph_records_and_data(roles: list[dict[str, Any]], graph: GraphFile | None) -> dict[str, Any]:
    """The career graph (career_graph.json when the run wrote one, else the edges of roles.json) as
    blocks per function, with a record per node for the panel. Every merged role is a node."""
    names: dict[str, str] = {}
    rids: dict[str, int] = {}
    records: list[dict[str, Any]] = []

    def add(node_id: str, label: str, show: dict[str, Any]) -> None:
        rids[node_id] = len(records)
        records.append({"label": label, "show": show})

    for role in roles:
        rid = role["role_id"]
        names[rid] = _first_name(role.get("names")) or rid
        add(rid, f"Merged role · {rid}", {"merged_role": merged_role_card(role)})
    if graph is not None:
        raw_edges = graph.edges
        for node_id, node in graph.nodes.items():
            if node_id not in rids:
                names[node_id] = _first_name(node.get("names")) or node_id
                add(node_id, f"Career graph node · {node_id}", {"graph_node": node})
    else:
        raw_edges = [e for role in roles for e in role.get("career_edges") or [] if is_edge(e)]
    edges = {Edge(e["from"], e["to"], years_label(e)) for e in raw_edges}
    return {**graph_data(list(names), edges, names, rids), "records": records}


# --- the page --------------------------------------------------------------------------------------


def legend(with_gold: bool) -> str:
    chips = [f'<span class="chip hl t-{f}">{esc(FIELD_LABELS[f])}</span>' for f in FIELDS]
    chips.append('<span class="chip hl t-duties ov">Overlapping values</span>')
    if with_gold:
        chips.append('<span class="chip hl t-duties x-ok">Correct (matches gold)</span>')
        chips.append('<span class="chip hl t-duties x-extra">Extra (not in gold)</span>')
        chips.append('<span class="chip miss">Gold miss</span>')
    return "".join(chips)


def render_page(
    articles: list[ArticleData],
    graph: dict[str, Any],
    *,
    title: str,
    with_gold: bool,
    totals: Mapping[str, float | None],
    notes: Iterable[str] = (),
) -> str:
    style, script = asset("review.css"), asset("review.js")
    meta = (
        f"{_count(len(articles), 'article')} · {_count(sum(a.row['n'][0] for a in articles), 'role record')}"
    )
    if with_gold:
        meta += f" · {_count(sum(a.row['miss'] for a in articles), 'gold miss', 'gold misses')}"
        meta += f" · {_count(sum(a.row['extra'] for a in articles), 'extra prediction')}"
    index = {
        "gold": with_gold,
        "totals": {f: totals.get(f) for f in (*SCORE_FIELDS, "merge")} if with_gold else None,
        "notes": list(notes),
        "fields": {f: FIELD_LABELS[f] for f in FIELDS},
        "rows": [a.row for a in articles],
        "graph": graph,
    }
    docs = "\n".join(
        f'<script type="application/json" class="doc-data" id="doc-data-{a.row["i"]}">{json_for_script(a.doc)}</script>'
        for a in articles
    )
    return Template(asset("page.html")).substitute(
        csp=esc(content_security_policy(style, script)),
        title=esc(title),
        meta=esc(meta),
        style=style,
        script=script,
        legend=legend(with_gold),
        gold_class="with-gold" if with_gold else "no-gold",
        index=json_for_script(index),
        docs=docs,
    )
