"""The merged career graph laid out for the review page, without graphviz: one block per function.

Layers come from the longest path over the graph with cycle edges set aside, rows from
a few barycentre sweeps; every tie breaks on the role id, so the picture is deterministic.
Layers stack bottom-up, as a career ladder climbs; roles on no edge fill a grid below.
One block per function keeps each picture small (one layout over a 2,000-article run's
433 roles was 16,000 px wide) and lets the page filter the graph by function.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from extract.models import Level

NODE_W, NODE_H = 220, 46
GAP_X, GAP_Y = 36, 44
CAPTION_H = 34
BULGE = 60
PAD = 16
SWEEPS = 4
LONELY_COLUMNS = 3
ROW_WIDTH = 1600
"""Blocks (one per function) are packed left to right into rows about this wide."""
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


def function_of(role_id: str) -> str:
    return role_id.partition("/")[0]


def _block_edges(function: str, edges: list[Edge]) -> list[Edge]:
    """Every edge that touches one function: its own ladders and the steps into or out of it."""
    return [e for e in edges if function in (function_of(e.src), function_of(e.dst))]


def graph_data(
    nodes: Iterable[str],
    edges: Iterable[Edge],
    names: Mapping[str, str],
    node_rids: Mapping[str, int] | None = None,
    row_width: int = ROW_WIDTH,
) -> dict[str, Any]:
    """The graph as blocks, one per function, packed in rows: what the page draws and filters.

    Each block is its function's roles laid out as a ladder (`layout`), with the roles of other
    functions that its edges reach drawn as ghosts, so filtering by one function shows every step
    into or out of it. Plain JSON (numbers and strings): the page's script builds the SVG from it
    with textContent, so no label is ever parsed as markup.
    """
    edges = sorted(set(edges), key=lambda e: (e.src, e.dst, e.label))
    every = sorted(set(nodes) | {e.src for e in edges} | {e.dst for e in edges})
    node_rids = node_rids or {}
    out_nodes: list[list[Any]] = []
    out_edges: list[list[Any]] = []
    blocks: list[dict[str, Any]] = []
    x = y = row_h = width = 0
    for function in sorted({function_of(n) for n in every}):
        own = [n for n in every if function_of(n) == function]
        block_edges = _block_edges(function, edges)
        lay = layout(own, block_edges)
        frame = place(lay)
        w, h = frame.width, frame.height + CAPTION_H
        if x and x + w > row_width:
            x, y, row_h = 0, y + row_h + GAP_Y, 0
        b = len(blocks)
        blocks.append(
            {"fn": function, "x": x, "y": y, "w": w, "h": h, "roles": len(own), "edges": len(block_edges)}
        )
        xy = {n: (px + x, py + y + CAPTION_H) for n, (px, py) in frame.xy.items()}
        for e in block_edges:
            a, c = xy[e.src], xy[e.dst]
            is_back = (e.src, e.dst) in lay.back
            skip = not is_back and lay.pos[e.dst][0] - lay.pos[e.src][0] > 1
            lx, ly = _label_at(a, c, is_back, skip) if e.label else (0, 0)
            title = f"{e.src} → {e.dst}" + (f" ({e.label})" if e.label else "")
            out_edges.append(
                [b, _edge_path(a, c, is_back, skip), int(is_back), title, e.label, lx, ly, int(skip)]
            )
        for n in sorted(xy):
            px, py = xy[n]
            label = names.get(n) or n
            out_nodes.append(
                [
                    b,
                    px,
                    py,
                    _short(label),
                    _short(n),
                    node_rids.get(n),
                    int(function_of(n) != function),
                    f"{label} ({n})",
                ]
            )
        x += w + GAP_X
        row_h = max(row_h, h)
        width = max(width, x - GAP_X)
    return {
        "w": width,
        "h": y + row_h,
        "box": [NODE_W, NODE_H],
        "blocks": blocks,
        "nodes": out_nodes,
        "edges": out_edges,
    }
