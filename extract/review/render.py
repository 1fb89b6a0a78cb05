"""Build the self-contained review page: index, career graph, and each article with its spans.

Every piece of article or record text goes through `esc` (html.escape, quote=True) and the
record data travels as JSON inside a non-executed <script type="application/json">, with
<, > and & written as \\u escapes so no text can close that element. The page's own style
and script are allowed by their sha256 in the Content-Security-Policy, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from extract.review.gold import GoldMiss
from extract.review.graph import Edge, render_svg
from extract.review.inputs import Article, GraphFile, is_edge
from extract.review.locate import Place, locate, locate_amount
from extract.review.spans import FIELD_LABELS, FIELDS, Span, clamp_span, role_summary, role_values, segment

SCORE_FIELDS: tuple[str, ...] = ("roles", "duties", "requirements", "salaries", "career_path")
COUNT_FIELDS: tuple[str, ...] = ("duties", "requirements", "salaries", "career_path")
COLUMN_LABELS: dict[str, str] = {
    "roles": "Roles",
    "duties": "Duties",
    "requirements": "Reqs",
    "salaries": "Salaries",
    "career_path": "Career",
}


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def esc(text: Any) -> str:
    """The one way text reaches the page."""
    return escape(str(text), quote=True)


def json_for_script(data: Any) -> str:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
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


@dataclass(slots=True)
class Records:
    """The page's record table: element attributes `data-r` index it."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, label: str, show: dict[str, Any]) -> int:
        self.items.append({"label": label, "show": show})
        return len(self.items) - 1


@dataclass(frozen=True, slots=True)
class Listed:
    """One value or gold miss as listed beside the text; `placed` when it is marked in the text."""

    field: str
    rid: int
    value: dict[str, Any]
    placed: bool


@dataclass(slots=True)
class RoleEntry:
    role: dict[str, Any]
    values: list[Listed] = field(default_factory=list)


@dataclass(slots=True)
class ArticleView:
    """What one article section needs, gathered before any markup is written."""

    article: Article
    index: int
    spans: list[Span] = field(default_factory=list)
    roles: list[RoleEntry] = field(default_factory=list)
    misses: list[tuple[GoldMiss, Listed]] = field(default_factory=list)
    scores: dict[str, float | None] = field(default_factory=dict)


def _value_label(name: str, role: dict[str, Any]) -> str:
    return f"{FIELD_LABELS.get(name, name)} · {role.get('role_id', '?')}"


def place_miss(text: str | None, miss: GoldMiss) -> Place | None:
    """Where a gold miss stands: the first of its texts found (exact beats approximate), or for a
    salary, which has no text, where its figure is written."""
    if not text:
        return None
    if miss.field == "salaries":
        return locate_amount(text, miss.item.get("min"), miss.item.get("max"))
    places = [p for p in (locate(text, s) for s in miss.search) if p]
    return next((p for p in places if p.exact), places[0] if places else None)


def _how_placed(miss: GoldMiss, place: Place | None) -> str:
    if place is None:
        return "not found in text"
    if miss.field == "salaries":
        return "where its figure is written"
    return "exact" if place.exact else "approximate (fuzzy match)"


def collect(article: Article, index: int, records: Records, misses: Iterable[GoldMiss]) -> ArticleView:
    """Register every value and gold miss of one article in the record table and place its span."""
    view = ArticleView(article, index)
    length = len(article.text) if article.text is not None else 0
    for role in article.record.get("roles") or []:
        if not isinstance(role, dict):
            continue
        entry = RoleEntry(role)
        for name, value in role_values(role):
            show: dict[str, Any] = {"field": name, "value": value, "role": role_summary(role)}
            place = clamp_span(value.get("start"), value.get("end"), length)
            if place and article.text is not None and article.text[place[0] : place[1]] != value.get("text"):
                show["source_at_offsets"] = article.text[place[0] : place[1]]
            rid = records.add(_value_label(name, role), show)
            if place:
                view.spans.append(Span(place[0], place[1], name, rid))
            entry.values.append(Listed(name, rid, value, place is not None))
        view.roles.append(entry)
    for miss in misses:
        place = place_miss(article.text, miss)
        show = {"gold_miss": miss.item, "field": miss.field, "gold_role_id": miss.role_id}
        if miss.near:
            show["nearest_prediction"] = miss.near
        show["placed"] = _how_placed(miss, place)
        rid = records.add(
            f"Gold miss · {FIELD_LABELS.get(miss.field, miss.field)} · {miss.role_id or '?'}", show
        )
        if place:
            view.spans.append(Span(place.start, place.end, miss.field, rid, miss=True))
        view.misses.append((miss, Listed(miss.field, rid, miss.item, place is not None)))
    return view


def render_text(text: str, spans: list[Span]) -> str:
    """The article as escaped text, each stretch under spans wrapped in one flat <span>."""
    out = []
    for seg in segment(len(text), spans):
        piece = esc(text[seg.start : seg.end])
        if not seg.spans:
            out.append(piece)
            continue
        preds = [s for s in seg.spans if not s.miss]
        classes = [f"f-{f}" for f in FIELDS if any(s.field == f for s in preds)]
        if preds:
            classes = ["hl", f"t-{preds[0].field}", *classes]
            if len(preds) > 1:
                classes.append("ov")
        if len(preds) < len(seg.spans):
            classes.append("miss")
        rids = " ".join(str(s.rid) for s in seg.spans)
        out.append(f'<span class="{" ".join(classes)}" data-r="{rids}">{piece}</span>')
    return "".join(out)


def _amount(x: Any) -> str:
    if isinstance(x, (int, float)):
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
    return "…"


def _value_brief(name: str, value: dict[str, Any]) -> str:
    """One line per listed record: the text, plus the attributes a reviewer checks first."""
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
    tail = f' <span class="attrs">{esc(" · ".join(e for e in extra if e))}</span>' if extra else ""
    return esc(value.get("text", "")) + tail


def _role_heading(role: dict[str, Any]) -> str:
    head = f'<h3 class="role">{esc(role.get("name", "?"))} <code>{esc(role.get("role_id", "?"))}</code></h3>'
    if role.get("mentions"):
        head += f'<p class="mentions">also: {esc(", ".join(map(str, role["mentions"])))}</p>'
    return head


def _listed_value(item: Listed) -> str:
    off = "" if item.placed else ' <span class="warn">offsets outside the text</span>'
    return (
        f'<li class="rec f-{item.field}" data-r="{item.rid}" tabindex="0">'
        f"{_value_brief(item.field, item.value)}{off}</li>"
    )


def _listed_miss(miss: GoldMiss, item: Listed) -> str:
    where = "marked in the text" if item.placed else "not found in the text"
    about = f"{FIELD_LABELS.get(miss.field, miss.field)} · {miss.role_id or '?'} · {where}"
    label = miss.label or json.dumps(miss.item, ensure_ascii=False)
    return (
        f'<li class="rec gold-miss f-{esc(miss.field)}" data-r="{item.rid}" tabindex="0">'
        f'<span class="attrs">{esc(about)}</span><br>{esc(label)}</li>'
    )


def render_records(view: ArticleView) -> str:
    """The records listed beside the text, grouped by role and field; each opens in the panel."""
    parts = []
    for entry in view.roles:
        parts.append(_role_heading(entry.role))
        for name in FIELDS:
            items = [v for v in entry.values if v.field == name]
            if items:
                parts.append(f'<h4>{esc(FIELD_LABELS[name])} <span class="n">{len(items)}</span></h4>')
                parts.append('<ul class="recs">' + "".join(map(_listed_value, items)) + "</ul>")
    if not view.roles:
        parts.append('<p class="empty">No roles extracted.</p>')
    if view.misses:
        parts.append(f'<h3 class="misses">Gold misses <span class="n">{len(view.misses)}</span></h3>')
        parts.append(
            '<ul class="recs">' + "".join(_listed_miss(m, item) for m, item in view.misses) + "</ul>"
        )
    return "".join(parts)


def render_article(view: ArticleView) -> str:
    a = view.article
    rec = a.record
    title = rec.get("title")
    langs = ", ".join(
        f"{k} {v:.0%}" for k, v in (rec.get("languages") or {}).items() if isinstance(v, (int, float))
    )
    source = rec.get("source") or {}
    meta = " · ".join(
        x
        for x in (
            esc(source.get("path", "")),
            esc(source.get("encoding", "")),
            esc(langs),
            _count(len(view.roles), "role"),
        )
        if x
    )
    notes_html = _notes([*a.notes, *(f"run warning: {w}" for w in rec.get("warnings") or [])])
    # The HTML parser drops one newline right after <pre>: give it one so the article keeps its own.
    text_html = (
        f'<pre class="text">\n{render_text(a.text, view.spans)}</pre>'
        if a.text is not None
        else '<p class="empty">The source text is not available.</p>'
    )
    return (
        f'<section class="article" id="doc-{view.index}" data-doc="{esc(a.doc_id)}">'
        f'<h2 title="{esc(title or "")}">{esc(a.doc_id)}{f" — {esc(_short(str(title), 140))}" if title else ""}</h2>'
        f'<p class="meta">{meta}</p>'
        + notes_html
        + f'<div class="cols"><div class="text-col">{text_html}</div>'
        f'<div class="rec-col records">{render_records(view)}</div></div></section>'
    )


def _score_cell(value: float | None) -> str:
    if value is None:
        return '<td class="num na">–</td>'
    grade = "good" if value >= 0.8 else "mid" if value >= 0.5 else "bad"
    return f'<td class="num {grade}">{value:.2f}</td>'


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_index(views: list[ArticleView], with_gold: bool, totals: Mapping[str, float | None]) -> str:
    """One row per article: counts per field and, with gold, F1 per field and the misses."""
    counted = ["Roles", *(COLUMN_LABELS[f] for f in COUNT_FIELDS), "Notes"]
    top = f'<th rowspan="2">Article</th><th colspan="{len(counted)}">Extracted</th>'
    sub = "".join(f"<th>{esc(h)}</th>" for h in counted)
    if with_gold:
        top += f'<th colspan="{len(SCORE_FIELDS)}">F1 against gold</th><th rowspan="2">Gold misses</th>'
        sub += "".join(f"<th>{esc(COLUMN_LABELS[f])}</th>" for f in SCORE_FIELDS)
    rows = [
        f'<div class="table-wrap"><table class="index"><thead><tr>{top}</tr><tr>{sub}</tr></thead><tbody>'
    ]
    for v in views:
        roles = [e.role for e in v.roles]
        counts = [sum(len(r.get(f) or []) for r in roles) for f in COUNT_FIELDS]
        title = str(v.article.record.get("title") or "")
        cells = [
            f'<td><a href="#doc-{v.index}">{esc(v.article.doc_id)}</a>'
            f'<div class="doc-title" title="{esc(title)}">{esc(_short(title))}</div></td>',
            f'<td class="num">{len(roles)}</td>',
            *(f'<td class="num">{n}</td>' for n in counts),
            f'<td class="num">{len(v.article.notes) + len(v.article.record.get("warnings") or [])}</td>',
        ]
        if with_gold:
            cells += [_score_cell(v.scores.get(f)) for f in SCORE_FIELDS]
            cells.append(f'<td class="num">{len(v.misses)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody>")
    if with_gold and totals:
        rows.append(
            f'<tfoot><tr><th colspan="{1 + len(counted)}">All articles (micro-averaged)</th>'
            + "".join(_score_cell(totals.get(f)) for f in SCORE_FIELDS)
            + f'<td class="num">{sum(len(v.misses) for v in views)}</td></tr></tfoot>'
        )
    rows.append("</table></div>")
    if with_gold and totals.get("merge") is not None:
        rows.append(f'<p class="meta">Merge (pairwise, across articles) F1: {totals["merge"]:.2f}</p>')
    return "".join(rows)


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


def _first_name(names: Any) -> str | None:
    """The first name of a {lang: [names]} mapping."""
    if isinstance(names, dict):
        return next((str(n) for ns in names.values() if isinstance(ns, list) for n in ns), None)
    return None


def render_graph(roles: list[dict[str, Any]], graph: GraphFile | None, records: Records) -> str:
    """The career graph: career_graph.json when the run wrote one, else the edges of roles.json.

    Every merged role is a node, with or without edges; clicking one opens its record.
    """
    names: dict[str, str] = {}
    rids: dict[str, int] = {}
    for role in roles:
        rid = role["role_id"]
        names[rid] = _first_name(role.get("names")) or rid
        rids[rid] = records.add(f"Merged role · {rid}", {"merged_role": role})
    if graph is not None:
        raw_edges = graph.edges
        for node_id, node in graph.nodes.items():
            if node_id not in rids:
                names[node_id] = _first_name(node.get("names")) or node_id
                rids[node_id] = records.add(f"Career graph node · {node_id}", {"graph_node": node})
    else:
        raw_edges = [e for role in roles for e in role.get("career_edges") or [] if is_edge(e)]
    edges = {Edge(e["from"], e["to"], years_label(e)) for e in raw_edges}
    return render_svg(list(names), edges, names, rids)


def _notes(notes: Iterable[str]) -> str:
    items = "".join(f"<li>{esc(n)}</li>" for n in notes)
    return f'<ul class="notes">{items}</ul>' if items else ""


def legend() -> str:
    chips = [f'<span class="chip hl t-{f}">{esc(FIELD_LABELS[f])}</span>' for f in FIELDS]
    chips.append('<span class="chip miss">Gold miss</span>')
    chips.append('<span class="chip hl t-duties ov">Overlapping values</span>')
    return "".join(chips)


def render_page(
    views: list[ArticleView],
    graph_html: str,
    records: Records,
    *,
    title: str,
    with_gold: bool,
    totals: Mapping[str, float | None],
    notes: Iterable[str] = (),
) -> str:
    style, script = asset("review.css"), asset("review.js")
    meta = f"{_count(len(views), 'article')} · {_count(sum(len(v.roles) for v in views), 'role record')}"
    if with_gold:
        meta += f" · {_count(sum(len(v.misses) for v in views), 'gold miss', 'gold misses')}"
    return Template(asset("page.html")).substitute(
        csp=esc(content_security_policy(style, script)),
        title=esc(title),
        meta=esc(meta),
        style=style,
        script=script,
        legend=legend(),
        index=render_index(views, with_gold, totals) + _notes(notes),
        graph=graph_html,
        articles="".join(render_article(v) for v in views),
        data=json_for_script({"records": records.items}),
    )
