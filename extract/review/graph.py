"""The merged career graph as an inline SVG, laid out in layers without graphviz.

Layers come from the longest path over the graph with cycle edges set aside, rows from
a few barycentre sweeps; every tie breaks on the role id, so the picture is deterministic.
Layers stack bottom-up, as a career ladder climbs; roles on no edge fill a grid below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from extract.models import Level

NODE_W, NODE_H = 220, 46
GAP_X, GAP_Y = 36, 44
CAPTION_H = 34
BULGE = 60
PAD = 16
SWEEPS = 4
LONELY_COLUMNS = 3
NAME_CHARS = 28
LEVELS: tuple[str, ...] = tuple(level.value for level in Level)


@dataclass(frozen=True, slots=True)
class Edge:
    src: str
    dst: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Layout:
    """Node on an edge -> (layer, row); roles on no edge; edges that go against the layer order."""

    pos: dict[str, tuple[int, int]]
    lonely: tuple[str, ...]
    back: frozenset[tuple[str, str]]


def _out(nodes: list[str], edges: Iterable[Edge]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {n: [] for n in nodes}
    for e in edges:
        if e.dst not in out[e.src]:
            out[e.src].append(e.dst)
    return {n: sorted(v) for n, v in out.items()}


def back_edges(nodes: list[str], out: Mapping[str, list[str]]) -> frozenset[tuple[str, str]]:
    """Edges closing a cycle (or self loops), found by DFS from `nodes` in the order given."""
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in nodes:
        if root in state:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(out[nxt])))
    return frozenset(back)


def _layers(
    nodes: list[str], out: Mapping[str, list[str]], back: frozenset[tuple[str, str]]
) -> dict[str, int]:
    """Longest path from the roots: a rung sits one layer right of its furthest predecessor."""
    indeg = {n: 0 for n in nodes}
    for n in nodes:
        for m in out[n]:
            if (n, m) not in back:
                indeg[m] += 1
    layer = dict.fromkeys(nodes, 0)
    ready = sorted(n for n in nodes if indeg[n] == 0)
    while ready:
        n = ready.pop(0)
        for m in out[n]:
            if (n, m) in back:
                continue
            layer[m] = max(layer[m], layer[n] + 1)
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
                ready.sort()
    return layer


def level_rank(role_id: str) -> int:
    """Seniority of a role id's level (unknown levels last), so cycles break against promotion."""
    level = role_id.rpartition("/")[2]
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def layout(nodes: Iterable[str], edges: Iterable[Edge]) -> Layout:
    """Layer and row of every node on an edge; rows ordered by barycentre of neighbours to cut
    crossings. Roles on no edge would pile up in the first layer, so they are kept apart."""
    edges = list(edges)
    names = sorted({e.src for e in edges} | {e.dst for e in edges})
    lonely = sorted(set(nodes) - set(names))
    out = _out(names, edges)
    by_rank = sorted(names, key=lambda n: (level_rank(n), n))
    back = back_edges(by_rank, {n: sorted(v, key=lambda m: (level_rank(m), m)) for n, v in out.items()})
    layer = _layers(names, out, back)
    ins: dict[str, list[str]] = {n: [] for n in names}
    for n in names:
        for m in out[n]:
            ins[m].append(n)
    columns: dict[int, list[str]] = {}
    for n in names:
        columns.setdefault(layer[n], []).append(n)
    row = {n: i for col in columns.values() for i, n in enumerate(col)}
    order = sorted(columns)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        for k in order[1:] if forward else order[-2::-1]:
            near = ins if forward else out

            def centre(n: str, near: Mapping[str, list[str]] = near) -> tuple[float, int, str]:
                rows = [row[m] for m in near[n] if layer[m] != layer[n]]
                return (sum(rows) / len(rows) if rows else row[n], row[n], n)

            columns[k].sort(key=centre)
            row.update({n: i for i, n in enumerate(columns[k])})
    return Layout({n: (layer[n], row[n]) for n in names}, tuple(lonely), back)


@dataclass(frozen=True, slots=True)
class Frame:
    """Pixel positions: layers stacked bottom-up (a ladder climbs), each layer centred."""

    xy: dict[str, tuple[int, int]]
    width: int
    height: int
    lonely_top: int | None


def place(lay: Layout) -> Frame:
    layers = max((layer for layer, _ in lay.pos.values()), default=-1) + 1
    per_layer: dict[int, int] = {}
    for layer, _ in lay.pos.values():
        per_layer[layer] = per_layer.get(layer, 0) + 1
    columns = max([*per_layer.values(), min(len(lay.lonely), LONELY_COLUMNS), 1])
    step_x, step_y = NODE_W + GAP_X, NODE_H + GAP_Y
    xy = {}
    for n, (layer, row) in lay.pos.items():
        shift = (columns - per_layer[layer]) * step_x // 2
        xy[n] = (PAD + BULGE + shift + row * step_x, PAD + (layers - 1 - layer) * step_y)
    bottom = PAD + layers * step_y
    lonely_top = None
    if lay.lonely:
        lonely_top = bottom + (CAPTION_H if layers else 0)
        for i, n in enumerate(lay.lonely):
            xy[n] = (PAD + BULGE + (i % columns) * step_x, lonely_top + (i // columns) * step_y)
        bottom = lonely_top + -(-len(lay.lonely) // columns) * step_y
    return Frame(xy, 2 * (PAD + BULGE) + columns * step_x - GAP_X, bottom - GAP_Y + PAD, lonely_top)


def _short(text: str) -> str:
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + "…"


def _edge_path(a: tuple[int, int], b: tuple[int, int], back: bool, skip: bool) -> str:
    """Up the ladder from top to bottom edge; a rung-skipping edge round the left side and
    an edge against the ladder round the right side, so neither runs behind the nodes between."""
    (ax, ay), (bx, by) = a, b
    if back or skip:
        side, bulge = (NODE_W, BULGE) if back else (0, -BULGE)
        x1, y1, x2, y2 = ax + side, ay + NODE_H // 2, bx + side, by + NODE_H // 2
        return f"M{x1},{y1} C{x1 + bulge},{y1} {x2 + bulge},{y2} {x2 - (1 if skip else -1)},{y2}"
    x1, y1, x2, y2 = ax + NODE_W // 2, ay, bx + NODE_W // 2, by + NODE_H
    mid = (y1 + y2) // 2
    return f"M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2 + 1}"


def _label_at(a: tuple[int, int], b: tuple[int, int], back: bool, skip: bool) -> tuple[int, int]:
    """Beside the middle of the edge's curve."""
    y = (a[1] + b[1] + NODE_H) // 2 + 4
    if back:
        return max(a[0], b[0]) + NODE_W + BULGE * 3 // 4 + 4, y
    if skip:
        return min(a[0], b[0]) - BULGE * 3 // 4 - 4, y
    return (a[0] + b[0]) // 2 + NODE_W // 2 + 6, y


def render_svg(
    nodes: Iterable[str],
    edges: Iterable[Edge],
    names: Mapping[str, str],
    node_rids: Mapping[str, int] | None = None,
) -> str:
    """The SVG markup; every label escaped; nodes carry `data-r` so a click opens their record."""
    edges = sorted(set(edges), key=lambda e: (e.src, e.dst, e.label))
    lay = layout(nodes, edges)
    if not lay.pos and not lay.lonely:
        return '<p class="empty">No roles and no career edges in this run.</p>'
    frame = place(lay)
    node_rids = node_rids or {}
    parts = [
        f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {frame.height}" '
        f'width="{frame.width}" height="{frame.height}" role="img" aria-label="Merged career graph">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>',
    ]
    for e in edges:
        a, b = frame.xy[e.src], frame.xy[e.dst]
        is_back = (e.src, e.dst) in lay.back
        skip = not is_back and lay.pos[e.dst][0] - lay.pos[e.src][0] > 1
        title = escape(f"{e.src} → {e.dst}" + (f" ({e.label})" if e.label else ""), quote=True)
        parts.append(
            f'<g class="{"edge back" if is_back else "edge"}"><title>{title}</title>'
            f'<path d="{_edge_path(a, b, is_back, skip)}" marker-end="url(#arrow)"/>'
        )
        if e.label:
            lx, ly = _label_at(a, b, is_back, skip)
            anchor = "end" if skip else "start"
            parts.append(
                f'<text class="edge-label" x="{lx}" y="{ly}" text-anchor="{anchor}">{escape(e.label)}</text>'
            )
        parts.append("</g>")
    if frame.lonely_top is not None and lay.pos:
        parts.append(
            f'<text class="caption" x="{PAD + BULGE}" y="{frame.lonely_top - 10}">Roles on no career edge</text>'
        )
    for n in sorted(frame.xy):
        x, y = frame.xy[n]
        rid = node_rids.get(n)
        attrs = f' data-r="{rid}" tabindex="0"' if rid is not None else ""
        label = names.get(n) or n
        parts.append(
            f'<g class="node"{attrs}><title>{escape(label, quote=True)} ({escape(n, quote=True)})</title>'
            f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
            f'<text x="{x + 10}" y="{y + 19}" class="node-name">{escape(_short(label))}</text>'
            f'<text x="{x + 10}" y="{y + 36}" class="node-id">{escape(_short(n))}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
