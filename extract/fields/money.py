"""Pay figures in a block of text or a salary table (SPEC sections 2 and 4.1).

A number becomes a salary in three steps, so that each rule stays small:

1. scan: money-looking figures: a number with its currency ("$", "VNĐ"), multiplier
   ("triệu", "k", "M"), period ("/tháng", "a year"), open bound ("lên tới", "trở lên")
   and the range it forms with its neighbour ("15 - 20 triệu", "$50k-$70k").
2. license: the figure speaks of pay: the nearest cue before it in its sentence is a pay
   word ("lương", "earn") rather than a non-pay one ("doanh thu", "revenue"), or it carries
   a period, or the surrounding text is about pay. Bare numbers ("6.000.000") need more:
   a pay word in their own sentence, or a line of their own under a pay heading/table.
3. qualify: period, currency, stat, component, region, experience and source, read first
   from the figure's own sentence, then from label lines next to it (a flattened widget
   or table: "Tổng lương" under "195 - 260 triệu /năm"), then from the context.

All word lists live in extract/data/money.json. Offsets are local to the text given.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Any

from extract.lexicon import load_data, vi_letters
from extract.sentences import sentence_spans

_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_SP = r"[ \u00a0\u202f]"
_NUMBER_IN_LABEL = r"\d+(?:[.,]\d+)?\s*"
_GROUP_SEPS = "\u00a0\u202f\u2009"
_DIGIT = re.compile(r"\d")
_NUM = re.compile(r"(?<![\d.,])\d+(?:[.,\u00a0\u202f\u2009]\d+)*")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_BLANKISH = re.compile(r"[\s+•*·–—-]*")
_CENT = Decimal("0.01")


# --- public API --------------------------------------------------------------------------


def default_currency(vietnamese: bool) -> str:
    """The currency of a figure that names none: the page's (money.json "default_currency")."""
    return _lex().data["default_currency"]["vietnamese" if vietnamese else "other"]


def _vietnamese(text: str) -> bool:
    return not vi_letters(own_only=True).isdisjoint(text)


@dataclass(frozen=True, slots=True)
class SalaryFinding:
    """One pay figure: its span in the text given and the values SPEC's Salary needs."""

    start: int
    end: int
    min: int | Decimal | None
    max: int | Decimal | None
    currency: str
    period: str
    stat: str
    component: str | None
    region: str | None
    experience: str | None
    cited_source: str | None


def find_salaries(text: str, *, context: str = "", default_period: str | None = None) -> list[SalaryFinding]:
    """All pay figures in `text` (a sentence, paragraph, list item or a few lines).

    `context` is the text around it (heading, neighbouring lines, or the whole section):
    it only supplies labels, periods, currency and source, never figures. When `text`
    occurs in `context`, its first occurrence is taken as its place, so that cues are read
    by distance on both sides (labels under a figure in a flattened widget); otherwise
    `text` is read as following `context`. A figure whose period neither text nor context
    states takes `default_period` (the caller's period for the section), else the size
    rule of money.json applied to the largest such figure of its currency in `text`.
    """
    if not _DIGIT.search(text) or not _scan(text):
        return []
    if context:
        at = context.find(text)
        full, base = (context, at) if at >= 0 else (f"{context}\n{text}", len(context) + 1)
    else:
        full, base = text, 0
    items = [
        replace(f, start=f.start - base, end=min(f.end - base, len(text)))
        for f in _analyse(full)
        if base <= f.start < base + len(text)
    ]
    return _settle_periods(items, default_period)


def salaries_from_table(
    rows: list[list[str]], *, unit_text: str = ""
) -> list[tuple[int, int, SalaryFinding]]:
    """(row, column, finding) for every money cell of a table.

    The first row is a header when it holds no money; the first column holds row labels
    when its cells hold no money. Stat, component, region and experience come from the
    cell itself, else its row label, else its column header; a label column headed
    "Kinh nghiệm"/"Region" makes its row labels experience/region qualifiers. Currency,
    period, a unit multiplier ("Đơn vị: triệu đồng") and the cited source come from
    `unit_text` (the unit line under or over the table). Bare numbers count as money when
    `unit_text` names a currency or the labels speak of pay. Offsets are local to the cell.
    """
    if len(rows) < 1:
        return []
    lex = _lex()
    header = rows[0] if len(rows) > 1 and not any(_scan(c) for c in rows[0][1:]) else None
    body = range(1 if header is not None else 0, len(rows))
    label_col = all(not _scan(rows[r][0]) for r in body if rows[r])
    labels_text = " ".join([*(header or []), *(rows[r][0] for r in body if rows[r] and label_col)])
    unit = _unit_info(unit_text)
    # a column header may state its unit: "Mức lương (triệu đồng/tháng)", "Pay (USD per hour)"
    column_units = [_merged_unit(_unit_info(h), unit) for h in header] if header is not None else []
    pay_words = any(
        rx.search(t) for rx in (lex.cues, lex.stat, lex.component) for t in (labels_text, unit_text)
    )
    bare_ok = unit.currency is not None or pay_words
    vi = _vietnamese(labels_text + unit_text)
    axis = _table_axis(header[0]) if header is not None and label_col and header else None
    cells: list[tuple[int, int]] = []
    items: list[SalaryFinding] = []
    for r in body:
        row = rows[r]
        row_labels = _row_labels(row[0], axis) if label_col and row else _Labels()
        for c in range(1 if label_col else 0, len(row)):
            col_labels = _labels_of(header[c]) if header is not None and c < len(header) else _Labels()
            col_unit = column_units[c] if c < len(column_units) else unit
            for fig in _scan(row[c], loose=True):
                finding = _table_finding(fig, row[c], row_labels, col_labels, col_unit, bare_ok, vi)
                if finding is not None:
                    cells.append((r, c))
                    items.append(finding)
    settled = _settle_periods(items, None, keep_all=True)
    return [(r, c, f) for (r, c), f in zip(cells, settled, strict=True) if f.period != "week"]


def _settle_periods(
    items: list[SalaryFinding], default: str | None, *, keep_all: bool = False
) -> list[SalaryFinding]:
    """Give figures with no stated period (period "") the caller's default, else the size
    rule applied to the largest unstated figure of the same currency, so that "lương 15
    triệu, phụ cấp 500 nghìn" or "$85,000 base, $10,000 bonus" share one period. Weekly
    figures cannot be expressed in the contract and are dropped unless `keep_all`."""
    largest: dict[str, Decimal | int] = {}
    for f in items:
        if not f.period:
            value = f.max if f.max is not None else f.min or 0
            largest[f.currency] = max(largest.get(f.currency, 0), value)
    out = []
    for f in items:
        if not f.period:
            f = replace(f, period=default or _size_period(f.currency, largest[f.currency]))
        if f.period != "week" or keep_all:
            out.append(f)
    return out


def _table_axis(text: str) -> str | None:
    axes = _lex().data["table_axes"]
    low = text.strip().lower()
    return next(
        (k for k in ("experience", "region") if any(w == low or w in low.split("/") for w in axes[k])), None
    )


def _row_labels(text: str, axis: str | None) -> _Labels:
    labels = _labels_of(text)
    if axis == "experience" and labels.experience is None and text.strip():
        m = _lex().exp_numeric.search(text)
        labels.experience = _experience_text(m) if m else text.strip()
    elif axis == "region" and labels.region is None and text.strip():
        labels.region = text.strip()
    return labels


# --- lexicon -------------------------------------------------------------------------------


def _alt(phrases: list[str] | tuple[str, ...]) -> str:
    """Alternation of literal phrases, longest first; spaces match any spacing; {N} a number."""
    uniq = sorted({p for p in phrases if p}, key=len, reverse=True)
    return _word_first([(p, _phrase(p)) for p in uniq])


def _phrase(p: str) -> str:
    """One phrase's pattern, without the word-start check (`_word_first` puts that in front)."""
    body = re.escape(p).replace(r"\{N\}", _NUMBER_IN_LABEL).replace(r"\ ", r"\s+")
    return body + _NOT_LETTER_AFTER if p[-1].isalnum() else body


def _word_first(items: list[tuple[str, str]]) -> str:
    """Alternatives (phrase, pattern) in order, those that open with a letter or digit behind one
    word-start check and a class of their first characters.

    Python's re tries every alternative at every position; hundreds of phrases made the pay
    lexicon the slowest part of the pipeline. Inside a word, or before a character no phrase
    opens with, one check now fails them all. A phrase opening with a letter and one opening
    with punctuation never match at the same place, so order within each part is all that counts.
    """
    words = [(p, pat) for p, pat in items if p[0].isalnum()]
    others = [(p, pat) for p, pat in items if not p[0].isalnum()]
    branches = []
    if words:
        branches.append(f"{_NOT_LETTER_BEFORE}{_opening(words)}(?:{'|'.join(pat for _, pat in words)})")
    if others:
        branches.append(f"{_opening(others)}(?:{'|'.join(pat for _, pat in others)})")
    return "|".join(branches) or r"(?!x)x"


def _opening(items: list[tuple[str, str]]) -> str:
    """A lookahead for the characters the phrases open with (either case; '{N}' opens with a digit)."""
    firsts: set[str] = set()
    for p, _ in items:
        firsts |= (
            {r"\d"} if p.startswith("{N}") else {re.escape(c) for c in {p[0], p[0].lower(), p[0].upper()}}
        )
    return f"(?=[{''.join(sorted(firsts))}])"


def _tagged(groups: dict[str, list[str]], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], list[str]]:
    """One regex over phrases of several kinds; group gN of a match tells the kind via the list."""
    pairs = sorted(
        ((p, k) for k, ps in groups.items() for p in ps if p), key=lambda x: len(x[0]), reverse=True
    )
    kinds = [k for _, k in pairs]
    body = _word_first([(p, f"(?P<g{i}>{_phrase(p)})") for i, (p, _) in enumerate(pairs)])
    return re.compile(body, flags), kinds


def _kind(m: re.Match[str], kinds: list[str]) -> str:
    return kinds[int(m.lastgroup[1:])]  # type: ignore[index]


@dataclass(frozen=True)
class _Lex:
    data: dict[str, Any]
    slash_kind: dict[str, str]
    prefix: re.Pattern[str]
    prefix_kinds: list[str]
    suffix: re.Pattern[str]
    suffix_kinds: list[str]
    mult: re.Pattern[str]
    mult_values: dict[str, tuple[Decimal, str | None]]
    glued: frozenset[str]
    joiner: re.Pattern[str]
    pair_joiner: re.Pattern[str]
    pair_opener: re.Pattern[str]
    filler: str
    exp_lead: re.Pattern[str]
    bound_before: re.Pattern[str]
    bound_before_kinds: list[str]
    bound_after: re.Pattern[str]
    bound_after_kinds: list[str]
    period_after: re.Pattern[str]
    period_after_kinds: list[str]
    period_next_line: re.Pattern[str]
    period_any: re.Pattern[str]
    period_any_kinds: list[str]
    period_only_line: re.Pattern[str]
    cues: re.Pattern[str]
    cue_kinds: list[str]
    not_role: re.Pattern[str]
    after_nouns: re.Pattern[str]
    non_money_after: re.Pattern[str]
    stat: re.Pattern[str]
    stat_kinds: list[str]
    component: re.Pattern[str]
    component_kinds: list[str]
    region: re.Pattern[str]
    exp_numeric: re.Pattern[str]
    exp_words: re.Pattern[str]
    exp_less: frozenset[str]
    exp_more: frozenset[str]
    source_cue: re.Pattern[str]
    source_known: re.Pattern[str]
    connectors: frozenset[str]
    context_currency: re.Pattern[str]
    context_currency_kinds: list[str]


@cache
def _lex() -> _Lex:
    d = load_data("money.json")
    cur = {k: v for k, v in d["currencies"].items() if not k.startswith("_")}
    prefix, prefix_kinds = _tagged({k: v["prefix"] for k, v in cur.items()})
    suffix, suffix_kinds = _tagged({k: v["suffix"] for k, v in cur.items()})
    mult_values: dict[str, tuple[Decimal, str | None]] = {}
    for entry in d["multipliers"]:
        for w in entry["words"]:
            mult_values.setdefault(w.lower(), (Decimal(str(entry["value"])), entry.get("currency")))
    b = d["bounds"]
    bound_before, bb_kinds = _tagged(
        {
            "lower": b["lower_before"],
            "upper": b["upper_before"],
            "approx": b["approx_before"],
            "between": b["between_before"],
        }
    )
    bound_after, ba_kinds = _tagged({"lower": b["lower_after"], "upper": b["upper_after"]})
    per = d["periods"]
    slash_alt = _alt([w for ws in per["slash_units"].values() for w in ws])
    slash_kind = {w.lower(): k for k, ws in per["slash_units"].items() for w in ws}
    after_re, after_kinds = _tagged(per["after"])
    slash_forms = {k: [f"/{w}" for w in ws] for k, ws in per["slash_units"].items()}
    any_groups = {k: per["before"][k] + per["after"][k] + slash_forms[k] for k in per["after"]}
    period_any, period_any_kinds = _tagged(any_groups)
    ex = d["experience"]
    rng = d["ranges"]
    num_words = _alt(ex["number_words"])
    n = rf"(?:\d+(?:[.,]\d+)?|{num_words})"
    units = _alt(ex["year_units"]["vi"] + ex["year_units"]["en"])
    exp_numeric = re.compile(
        rf"(?:(?P<op>{_alt(ex['less'] + ex['more'] + ex['range_openers'])})\s+)?"
        rf"(?P<a>{n})(?:\s*(?:[-–—]|đến|tới|to|and)\s*(?P<b>{n}))?\s*(?P<plus>\+)?\s*(?P<unit>{units})"
        rf"(?:\s+(?P<plus2>{_alt(ex['plus_after'][1:])}))?"
        rf"(?P<marker>\s+(?:{_alt(ex['markers'])}))?",
        re.IGNORECASE,
    )
    places = d["regions"]["places"]
    places = places + [p[0].upper() + p[1:] for p in places if p[0].islower()]
    cues, cue_kinds = _tagged(
        {"pay": d["pay_cues"], "non_pay": d["non_pay_cues"], "neutral": d["neutral_cues"]}
    )
    stat, stat_kinds = _tagged({k: v for k, v in d["stats"].items() if not k.startswith("_")})
    component, component_kinds = _tagged(d["components"])
    ctx_cur, ctx_cur_kinds = _tagged(
        {k: v for k, v in d["context_currency"].items() if not k.startswith("_")}
    )
    self_slash = re.compile(rf"{_SP}*/{_SP}*(?P<u>{slash_alt})", re.IGNORECASE)
    lex = _Lex(
        data=d,
        slash_kind=slash_kind,
        prefix=re.compile(rf"(?:{prefix.pattern}){_SP}?$", re.IGNORECASE),
        prefix_kinds=prefix_kinds,
        suffix=re.compile(rf"{_SP}?(?:{suffix.pattern})", re.IGNORECASE),
        suffix_kinds=suffix_kinds,
        mult=re.compile(rf"{_SP}?(?P<w>{_alt(list(mult_values) + ['M', 'K'])})", re.IGNORECASE),
        mult_values=mult_values,
        glued=frozenset(w.lower() for w in d["glued_fraction_multipliers"]),
        joiner=re.compile(rf"{_SP}*(?:{_alt(rng['joiners'])}){_SP}*", re.IGNORECASE),
        pair_joiner=re.compile(rf"{_SP}*(?:{_alt(rng['pair_joiners'])}){_SP}*", re.IGNORECASE),
        pair_opener=re.compile(rf"(?:{_alt(rng['pair_openers'])}){_SP}*$", re.IGNORECASE),
        filler=rf"(?:(?:{_alt(rng['fillers'])}){_SP}+)?",
        exp_lead=re.compile(rf"(?:{_alt(ex['leads'])})\s*$", re.IGNORECASE),
        bound_before=bound_before,
        bound_before_kinds=bb_kinds,
        bound_after=re.compile(rf"{_SP}*(?:{bound_after.pattern})", re.IGNORECASE),
        bound_after_kinds=ba_kinds,
        period_after=re.compile(rf"{self_slash.pattern}|{_SP}*(?:{after_re.pattern})", re.IGNORECASE),
        period_after_kinds=after_kinds,
        period_next_line=re.compile(rf"{_SP}*\n\s*/{_SP}*(?P<u>{slash_alt}){_SP}*(?:\n|$)", re.IGNORECASE),
        period_any=period_any,
        period_any_kinds=period_any_kinds,
        period_only_line=re.compile(rf"\s*(?:/{_SP}*(?:{slash_alt})|{after_re.pattern})\s*", re.IGNORECASE),
        cues=cues,
        cue_kinds=cue_kinds,
        not_role=re.compile(_alt(d["not_role_pay"]), re.IGNORECASE),
        after_nouns=re.compile(rf"\+?{_SP}*(?:{_alt(d['after_nouns'])})", re.IGNORECASE),
        non_money_after=re.compile(rf"{_SP}*(?:{_alt(d['non_money_after'])})", re.IGNORECASE),
        stat=stat,
        stat_kinds=stat_kinds,
        component=component,
        component_kinds=component_kinds,
        region=re.compile(_alt(places)),
        exp_numeric=exp_numeric,
        exp_words=re.compile(_alt(ex["words"]), re.IGNORECASE),
        exp_less=frozenset(w.lower() for w in ex["less"]),
        exp_more=frozenset(w.lower() for w in ex["more"]),
        source_cue=re.compile(_alt(d["sources"]["cues"]), re.IGNORECASE),
        source_known=re.compile(_alt(d["sources"]["known"])),
        connectors=frozenset(w.lower() for w in d["sources"]["connectors"]),
        context_currency=ctx_cur,
        context_currency_kinds=ctx_cur_kinds,
    )
    return lex


def _slash_kind(word: str) -> str:
    return _lex().slash_kind[word.lower()]


# --- step 1: money-looking figures ------------------------------------------------------------


@dataclass(slots=True)
class _Amount:
    start: int
    end: int
    num: Decimal
    mult: Decimal | None
    value: Decimal
    currency: str | None  # written next to the number
    implied: str | None  # implied by the multiplier ("triệu" -> VND)
    grouped: bool
    digits: str


@dataclass(slots=True)
class _Fig:
    start: int
    end: int
    lo: Decimal | None
    hi: Decimal | None
    is_range: bool
    bound: str | None  # lower | upper | None (open single figure)
    currency: str | None
    implied: str | None
    period: str | None  # written with the figure
    has_unit: bool
    amount_starts: tuple[int, ...] = ()


def _parse_number(tok: str) -> tuple[Decimal, bool] | None:
    """(value, written with thousands groups) of "6.000.000", "11,4", "1,234.56"; None if not a
    number. Decimal, so that "8,3 triệu" is 8300000 and not 8300000.000000001."""
    tok = tok.translate({ord(c): "," for c in _GROUP_SEPS}) if any(c in tok for c in _GROUP_SEPS) else tok
    parts = re.split(r"([.,])", tok)
    groups, seps = parts[0::2], parts[1::2]
    if not seps:
        return Decimal(tok), False
    head_ok = 1 <= len(groups[0]) <= 3 and not (groups[0].startswith("0"))
    if len(set(seps)) == 1:
        if len(seps) == 1 and (len(groups[1]) != 3 or not head_ok):
            return Decimal(f"{groups[0]}.{groups[1]}"), False
        if head_ok and all(len(g) == 3 for g in groups[1:]):
            return Decimal("".join(groups)), True
        return None
    last = seps[-1]
    if len(set(seps[:-1])) == 1 and seps[0] != last and head_ok:
        if all(len(g) == 3 for g in groups[1:-1]) and 1 <= len(groups[-1]) <= 2:
            return Decimal(f"{''.join(groups[:-1])}.{groups[-1]}"), True
    return None


def exact(value: Decimal | int | None) -> int | Decimal | None:
    """An amount as a record holds it: a whole number as int, else the Decimal to the cent."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return value.quantize(_CENT, rounding=ROUND_HALF_UP).normalize()


def _scan_amount(text: str, m: re.Match[str]) -> _Amount | None:
    lex = _lex()
    s, e = m.span()
    tok = m.group()
    parsed = _parse_number(tok)
    if parsed is None:
        return None
    num, grouped = parsed
    start, currency = s, None
    pm = lex.prefix.search(text, max(0, s - 8), s)
    if pm is not None:
        start, currency = pm.start(), _kind(pm, lex.prefix_kinds)
    elif s > 0 and (text[s - 1].isalpha() or text[s - 1] in "+#/"):
        return None  # "v2.3", "H2O", "+84 90…", "#1", "4.5/5"
    pos, value, mult, implied = e, num, None, None
    mm = lex.mult.match(text, pos)
    if mm is not None:
        word = mm.group("w")
        if not (word == "m" and currency is None):
            mult, implied = lex.mult_values[word.lower()]
            value, pos = num * mult, mm.end()
            glued = re.match(r"\d{1,3}(?![\d.,])", text[pos : pos + 4])
            if glued and word.lower() in lex.glued:
                value += Decimal(glued.group()).scaleb(-len(glued.group())) * mult
                pos += glued.end()
            else:
                comp = re.match(rf"{_SP}+(\d{{1,3}})(?![\d.,])", text[pos : pos + 6])
                if comp:
                    m2 = lex.mult.match(text, pos + comp.end())
                    if m2 is not None and lex.mult_values[m2.group("w").lower()][0] < mult:
                        value += int(comp.group(1)) * lex.mult_values[m2.group("w").lower()][0]
                        pos = m2.end()
    sm = lex.suffix.match(text, pos) if currency is None else None
    if sm is not None and not re.match(rf"{_SP}?\d", text[sm.end() : sm.end() + 2]):
        currency, pos = _kind(sm, lex.suffix_kinds), sm.end()
    if currency is None and mult is None and lex.non_money_after.match(text, pos):
        return None
    return _Amount(start, pos, num, mult, value, currency, implied, grouped, tok)


def _join(text: str, a: _Amount, b: _Amount) -> bool:
    """True when `a` and `b` form one range ("15 - 20 triệu", "between $40k and $60k", "130 M 390 M")."""
    lex = _lex()
    gap = text[a.end : b.start]
    if lex.joiner.fullmatch(gap):
        return True
    period = lex.period_after.match(text, a.end)  # "$38.50/hr - $52.75/hr": each bound with its unit
    if period is not None and period.end() < b.start and lex.joiner.fullmatch(text[period.end() : b.start]):
        return lex.period_after.match(text, b.end) is not None
    if lex.pair_joiner.fullmatch(gap):
        return bool(lex.pair_opener.search(text, max(0, a.start - 20), a.start))
    if re.fullmatch(rf"{_SP}+", gap):
        return (a.mult is not None or a.currency is not None) and (
            b.mult is not None or b.currency is not None
        )
    return False


def _propagate(a: _Amount, b: _Amount) -> None:
    """Share a unit written on one side of a range ("18 - 25 triệu", "$5 - 10", "1.000 - 1.500 USD")."""
    if a.mult is None and b.mult is not None:
        cand = a.num * b.mult
        if cand <= b.value:
            a.value, a.mult, a.implied = cand, b.mult, b.implied
    elif b.mult is None and a.mult is not None:
        cand = b.num * a.mult
        if cand >= a.value:
            b.value, b.mult, b.implied = cand, a.mult, a.implied
    a.currency = a.currency or b.currency
    b.currency = b.currency or a.currency


@lru_cache(maxsize=4096)
def _scan(text: str, loose: bool = False) -> tuple[_Fig, ...]:
    """Money-looking figures of `text` (not yet licensed as pay); `loose` keeps small bare
    numbers too (table cells under a unit line: "7,5" with "Đơn vị: triệu đồng")."""
    if not _DIGIT.search(text):
        return ()
    lex = _lex()
    amounts: list[_Amount] = []
    for m in _NUM.finditer(text):
        if amounts and m.start() < amounts[-1].end:
            continue  # already read as part of "1 tỷ 200 triệu" or "8tr5"
        if (a := _scan_amount(text, m)) is not None:
            amounts.append(a)
    figs: list[_Fig] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        parts = [a]
        if i + 1 < len(amounts) and _join(text, a, amounts[i + 1]):
            b = amounts[i + 1]
            _propagate(a, b)
            if a.value <= b.value:
                parts = [a, b]
        i += len(parts)
        fig = _figure(text, parts, lex, loose)
        if fig is not None:
            figs.append(fig)
    return tuple(figs)


def _bare_ok(a: _Amount, loose: bool) -> bool:
    digits = a.digits
    if (digits.startswith("0") and digits[1:2].isdigit()) or _YEAR_LIKE.fullmatch(digits):
        return False
    return loose or a.grouped or (digits.isdigit() and len(digits) >= 5)


def _figure(text: str, parts: list[_Amount], lex: _Lex, loose: bool) -> _Fig | None:
    first, last = parts[0], parts[-1]
    has_unit = any(p.mult is not None or p.currency is not None for p in parts)
    if not has_unit and not all(_bare_ok(p, loose) for p in parts):
        return None
    if lex.after_nouns.match(text, last.end):
        return None
    start, end, bound = first.start, last.end, None
    bm = _last_match_ending_at(lex.bound_before, text, start, 30, rf"{_SP}*{lex.filler}")
    if bm is not None:
        kind = _kind(bm, lex.bound_before_kinds)
        start = bm.start()
        if len(parts) == 1 and kind in ("lower", "upper", "between"):
            bound = "upper" if kind == "upper" else "lower"  # "dao động từ 8 triệu": a floor
    period = None
    for _ in range(3):
        if period is None and (pm := lex.period_after.match(text, end)) is not None:
            period = _slash_kind(pm.group("u")) if pm.group("u") else _kind(pm, lex.period_after_kinds)
            end = pm.end()
            continue
        if len(parts) == 1 and (am := lex.bound_after.match(text, end)) is not None:
            kind = _kind(am, lex.bound_after_kinds)
            if bound in (None, kind):
                bound, end = kind, am.end()
                continue
        if bound is None and len(parts) == 1:
            if text.startswith("+", end):
                bound, end = "lower", end + 1
                continue
        break
    if period is None and (nl := lex.period_next_line.match(text, end)) is not None:
        period = _slash_kind(nl.group("u"))
    lo, hi = first.value, last.value
    if len(parts) == 1:
        lo, hi = (lo, None) if bound == "lower" else (None, hi) if bound == "upper" else (lo, hi)
    currency = next((p.currency for p in parts if p.currency), None)
    implied = next((p.implied for p in parts if p.implied), None)
    return _Fig(
        start,
        end,
        lo,
        hi,
        len(parts) == 2,
        bound,
        currency,
        implied,
        period,
        has_unit,
        tuple(p.start for p in parts),
    )


def _last_match_ending_at(
    rx: re.Pattern[str], text: str, pos: int, reach: int, tail: str
) -> re.Match[str] | None:
    """The match of `rx` that ends (up to `tail`) right at `pos`, looking back at most `reach` chars."""
    lo = max(0, pos - reach)
    best = None
    for m in rx.finditer(text, lo, pos):
        if re.fullmatch(tail, text[m.end() : pos], re.IGNORECASE):
            if m.start() == 0 or not text[m.start() - 1].isalnum():
                best = m
    return best


# --- steps 2 and 3: license and qualify -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: str


@dataclass(slots=True)
class _Labels:
    stat: str | None = None
    component: str | None = None
    region: str | None = None
    experience: str | None = None

    def empty(self) -> bool:
        return not (self.stat or self.component or self.region or self.experience)

    def fill(self, other: _Labels) -> None:
        self.stat = self.stat or other.stat
        self.component = self.component or other.component
        self.region = self.region or other.region
        self.experience = self.experience or other.experience


@dataclass(slots=True)
class _Scene:
    """Everything `_analyse` precomputes over one string."""

    text: str
    figs: tuple[_Fig, ...]
    lines: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    cues: list[_Hit]
    stats: list[_Hit]
    components: list[_Hit]
    regions: list[_Hit]
    experience: list[_Hit]
    periods: list[_Hit]
    sources: list[_Hit]
    currencies: list[_Hit]
    not_role: list[_Hit]
    line_of_fig: list[int] = field(default_factory=list)


def _hits(rx: re.Pattern[str], text: str, kinds: list[str] | None = None) -> list[_Hit]:
    return [_Hit(m.start(), m.end(), _kind(m, kinds) if kinds else m.group()) for m in rx.finditer(text)]


def _stat_hits(text: str, amount_starts: set[int]) -> list[_Hit]:
    """Stat labels, except one that qualifies another number ("tối thiểu 2 năm", "top 10 ngành")."""
    lex = _lex()
    out = []
    for m in lex.stat.finditer(text):
        nxt = re.match(
            rf"{_SP}*(?::{_SP}*)?{lex.filler}(?=\D?\d)", text[m.end() : m.end() + 16], re.IGNORECASE
        )
        if nxt is not None:
            at = m.end() + nxt.end()
            if not any(at <= s <= at + 1 for s in amount_starts):
                continue
        out.append(_Hit(m.start(), m.end(), _kind(m, lex.stat_kinds)))
    return out


def _period_hits(text: str) -> list[_Hit]:
    """Period words anywhere, except a 'năm' form naming a calendar year ("lương năm 2023")."""
    lex = _lex()
    out = []
    for m in lex.period_any.finditer(text):
        calendar_year = re.match(rf"{_SP}*\d{{4}}(?!\d)", text[m.end() : m.end() + 6])
        if calendar_year and m.group().endswith("năm"):
            continue
        if _experience_marker().search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "Kinh nghiệm: 1 năm", "experience 2 years": a length of experience, no period
        out.append(_Hit(m.start(), m.end(), _kind(m, lex.period_any_kinds)))
    return out


@cache
def _experience_marker() -> re.Pattern[str]:
    markers = _lex().data["experience"]["markers"]
    return re.compile(r"(?:" + _alt(markers) + r")\s*:?\s*(?:\d+(?:[.,]\d+)?\s*[-–]?\s*)*$", re.IGNORECASE)


def _experience_hits(text: str) -> list[_Hit]:
    lex = _lex()
    out = [_Hit(m.start(), m.end(), m.group()) for m in lex.exp_words.finditer(text)]
    for m in lex.exp_numeric.finditer(text):
        lead = text[max(0, m.start() - 24) : m.start()].lower()
        qualified = m.group("marker") or m.group("plus") or m.group("plus2")
        if not (qualified or lex.exp_lead.search(lead)):
            continue
        out.append(_Hit(m.start(), m.end(), _experience_text(m)))
    return sorted(out, key=lambda h: h.start)


def _experience_text(m: re.Match[str]) -> str:
    """'Dưới 1 năm kinh nghiệm' -> '<1 năm'; '1-4 năm' ; '5+ years'; worded numbers kept as written."""
    lex = _lex()
    a, b, unit = m.group("a"), m.group("b"), m.group("unit")
    if not a[0].isdigit() or (b and not b[0].isdigit()):
        return m.group().strip() if m.group("op") is None else m.group()[len(m.group("op")) :].strip()
    op = (m.group("op") or "").lower()
    if b:
        return f"{a}-{b} {unit}"
    if m.group("plus") or m.group("plus2"):
        return f"{a}+ {unit}"
    if op in lex.exp_less:
        return f"<{a} {unit}"
    if op in lex.exp_more:
        return f">{a} {unit}"
    return f"{a} {unit}"


def _source_hits(text: str) -> list[_Hit]:
    """Publishers: a known name (value "known:<name>"), or a cue with the capitalised run
    after it ("theo Glassdoor" -> "cue:Glassdoor"; "cue:" alone when no name follows,
    which still marks the line as a citation: "Sources: *, **U.S. Bureau …")."""
    lex = _lex()
    out = [_Hit(m.start(), m.end(), f"known:{m.group()}") for m in lex.source_known.finditer(text)]
    for m in lex.source_cue.finditer(text):
        name = _capitalised_run(text, m.end())
        out.append(_Hit(m.start(), name[1], f"cue:{name[0]}") if name else _Hit(m.start(), m.end(), "cue:"))
    return sorted(out, key=lambda h: h.start)


_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")


def _capitalised_run(text: str, pos: int) -> tuple[str, int] | None:
    """The publisher named after a source cue: capitalised words, with connectors ("of",
    "and") inside, up to punctuation or a lowercase word; a leading "the" is skipped:
    "the U.S. Bureau of Labor Statistics (BLS)" -> "U.S. Bureau of Labor Statistics"."""
    connectors = _lex().connectors
    taken: list[re.Match[str]] = []
    for tm in re.finditer(r"\S+", text[pos : pos + 120]):
        if taken and "\n" in text[pos + taken[-1].end() : pos + tm.start()]:
            break
        tok = tm.group()
        core = tok if _ABBREVIATION.fullmatch(tok) else tok.rstrip(",;:)].")
        if not core:
            break
        if core[0].isupper() or (taken and core[0].isdigit()):
            taken.append(tm)
        elif core.lower() in connectors and taken:
            taken.append(tm)
        elif core.lower() == "the" and not taken:
            continue
        else:
            break
        if core != tok or len(taken) >= 8:
            break
    while taken and taken[-1].group().rstrip(",;:.)").lower() in connectors:
        taken.pop()
    if not taken:
        return None
    name = text[pos + taken[0].start() : pos + taken[-1].end()]
    if not _ABBREVIATION.fullmatch(name.rsplit(None, 1)[-1]):
        name = name.rstrip(",;:.)")
    return name, pos + taken[-1].end()


@lru_cache(maxsize=512)
def _scene(text: str) -> _Scene:
    lex = _lex()
    figs = _scan(text)
    lines: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    sentences = [(ls + a, ls + b) for ls, le in lines for a, b in sentence_spans(text[ls:le])]
    starts = {s for f in figs for s in f.amount_starts}
    scene = _Scene(
        text=text,
        figs=figs,
        lines=lines,
        sentences=sentences,
        cues=_hits(lex.cues, text, lex.cue_kinds),
        stats=_stat_hits(text, starts),
        components=_hits(lex.component, text, lex.component_kinds),
        regions=_hits(lex.region, text),
        experience=_experience_hits(text),
        periods=_period_hits(text),
        sources=_source_hits(text),
        currencies=_hits(lex.context_currency, text, lex.context_currency_kinds),
        not_role=_hits(lex.not_role, text),
    )
    line_starts = [ls for ls, _ in lines]
    scene.line_of_fig = [bisect_left(line_starts, f.start + 1) - 1 for f in figs]
    return scene


def _within(hits: list[_Hit], lo: int, hi: int) -> list[_Hit]:
    return [h for h in hits if h.start >= lo and h.end <= hi]


def _last(hits: list[_Hit], lo: int, hi: int) -> _Hit | None:
    inside = _within(hits, lo, hi)
    return inside[-1] if inside else None


def _first(hits: list[_Hit], lo: int, hi: int) -> _Hit | None:
    inside = _within(hits, lo, hi)
    return inside[0] if inside else None


def _labels_in(sc: _Scene, lo: int, hi: int, last: bool = True) -> _Labels:
    pick = _last if last else _first
    st, co, rg, ex = (pick(h, lo, hi) for h in (sc.stats, sc.components, sc.regions, sc.experience))
    return _Labels(
        st.value if st else None, co.value if co else None, rg.value if rg else None, ex.value if ex else None
    )


@lru_cache(maxsize=2048)
def _labels_text_cached(text: str) -> _Labels:
    sc = _scene(text)
    got = _labels_in(sc, 0, len(text))
    if any(
        h.value == "total" for h in sc.components
    ):  # "Total pay (with commission)": the whole, parts named
        got = _Labels(got.stat, "total", got.region, got.experience)
    return got


def _labels_of(text: str) -> _Labels:
    """Labels of a short label text (a row label or column header)."""
    got = _labels_text_cached(text)
    return _Labels(got.stat, got.component, got.region, got.experience)


def _sentence_of(sc: _Scene, pos: int) -> tuple[int, int]:
    for a, b in sc.sentences:
        if a <= pos < b:
            return a, b
    ls, le = sc.lines[bisect_left([s for s, _ in sc.lines], pos + 1) - 1]
    return ls, le


def _line_kind(sc: _Scene, idx: int, fig_lines: set[int]) -> str:
    """blank | period | figure | label | other, for the label walk."""
    ls, le = sc.lines[idx]
    line = sc.text[ls:le]
    if _BLANKISH.fullmatch(line):
        return "blank"
    if idx in fig_lines:
        return "figure"
    if _lex().period_only_line.fullmatch(line):
        return "period"
    if len(line.strip()) <= 60 and not _labels_in(sc, ls, le).empty():
        return "label"
    return "other"


def _walk_labels(sc: _Scene, idx: int, kinds: list[str], own: dict[int, _Labels], alone: bool) -> _Labels:
    """Labels for a figure line from neighbouring label lines (flattened tables and widgets).

    A run of short lines (up to a line of prose) either puts labels above figures
    ("Thấp nhất / 6.000.000 / 5.000.000") or below them ("195 - 260 triệu /năm / Tổng
    lương"). The run's first figure line tells which: if it comes before any label line and
    has no label of its own, labels follow their figures. A bare figure line right under a
    labelled figure line restates it ("$58.920/năm / $28,33 /giờ") and shares its labels.
    A line of prose (`alone` False) only takes a label line standing right above it.
    """
    n = len(kinds)

    def kind(i: int) -> str:
        return kinds[i] if 0 <= i < n else "other"

    def labels_at(i: int) -> _Labels:
        return _labels_in(sc, *sc.lines[i]) if kind(i) == "label" else _Labels()

    i = idx - 1
    if not alone:
        while kind(i) == "blank":
            i -= 1
        return labels_at(i)
    lo = idx
    while kind(lo - 1) != "other":
        lo -= 1
    first_fig = next(j for j in range(lo, idx + 1) if kind(j) == "figure")
    first_label = next((j for j in range(lo, n) if kind(j) == "label"), None)
    if first_label is not None and first_fig < first_label and own.get(first_fig, _Labels()).empty():
        j = idx + 1
        while kind(j) in ("blank", "period"):
            j += 1
        return labels_at(j)
    while kind(i) in ("blank", "period", "figure"):
        if kind(i) == "figure" and not own.get(i, _Labels()).empty():
            return own[i]
        i -= 1
    return labels_at(i)


def _line_alone(sc: _Scene, fig: _Fig, line: tuple[int, int]) -> bool:
    """The figure stands on its line with nothing but labels, units and punctuation."""
    rest = [(line[0], fig.start), (fig.end, line[1])]
    words = []
    for lo, hi in rest:
        chunk = list(sc.text[lo:hi])
        for h in (*sc.stats, *sc.components, *sc.regions, *sc.experience, *sc.periods):
            if h.start >= lo and h.end <= hi:
                chunk[h.start - lo : h.end - lo] = " " * (h.end - h.start)
        words.append("".join(chunk))
    return not re.sub(r"[\W\d_]", "", "".join(words))


def _licensed(
    sc: _Scene, fig: _Fig, sent: tuple[int, int], prev_end: int, next_start: int, alone: bool
) -> bool:
    """Does this figure speak of pay? (see module docstring, step 2)."""
    clause_end = _clause_end(sc.text, fig.end, next_start)
    if _first(sc.not_role, prev_end, clause_end) is not None:
        return False
    cues = [c for c in sc.cues if c.value != "neutral"]
    before = _last(cues, sent[0], fig.start)
    if before is not None:
        return before.value == "pay"
    after = _first(cues, fig.end, sent[1])
    if after is not None and after.value == "non_pay":
        return False
    if not fig.has_unit:
        return after is not None or (alone and any(c.value == "pay" for c in sc.cues))
    return after is not None or fig.period is not None or any(c.value == "pay" for c in sc.cues)


def _currency(sc: _Scene, fig: _Fig, sent: tuple[int, int]) -> str:
    if fig.currency:
        return fig.currency
    if fig.implied:
        return fig.implied
    if max(fig.lo or 0, fig.hi or 0) >= _lex().data["bare_numbers"]["vnd_from"]:
        return "VND"
    own = _last(sc.currencies, sent[0], sent[1])
    if own is not None:
        return own.value
    if sc.currencies:
        return min(sc.currencies, key=lambda h: abs(h.start - fig.start)).value
    return default_currency(_vietnamese(sc.text))


def _period(sc: _Scene, fig: _Fig, sent: tuple[int, int], li: int, kinds: list[str], inherited: str) -> str:
    """Written with the figure; else a period word in its sentence (not one written with
    another figure); else the previous figure's of the sentence; else the nearest period
    word on its line (an earlier sentence of the paragraph: "median annual wage … The
    highest 10% earned …"); else a period-only line within a few lines ("/năm" under a
    widget figure). "" when nothing states one."""
    if fig.period:
        return fig.period
    others = [(f.start, f.end) for f in sc.figs if f is not fig]
    free = [h for h in sc.periods if not any(a <= h.start < b for a, b in others)]
    for lo, hi in ((sent[0], fig.start), (sent[0], sent[1])):
        hit = _last(free, lo, hi)
        if hit is not None:
            return hit.value
    if inherited:
        return inherited
    on_line = [h for h in _within(sc.periods, *sc.lines[li]) if _speaks_of_pay(sc, _sentence_of(sc, h.start))]
    if on_line:
        return min(on_line, key=lambda h: abs(h.start - fig.start)).value
    near = [j for j in range(li - 4, li + 5) if 0 <= j < len(kinds) and kinds[j] == "period"]
    for j in sorted(near, key=lambda j: abs(j - li)):
        hit = _first(sc.periods, *sc.lines[j])
        if hit is not None:
            return hit.value
    return ""


def _speaks_of_pay(sc: _Scene, sent: tuple[int, int]) -> bool:
    """A sentence with a pay word: its period words may be another sentence's ("median annual
    wage … The highest 10% earned …"); "6 tháng – 1 năm" of experience may not."""
    return any(c.value == "pay" for c in _within(sc.cues, *sent))


def _source(sc: _Scene, sent: tuple[int, int], line: tuple[int, int], fig_lines: set[int]) -> str | None:
    """Who published the figure: a name in its sentence, then on its line (a known
    publisher before a capitalised run after "theo"/"according to"), then on the nearest
    line without figures that cites a source ("Nguồn: …", "Sources: … Bureau of Labor Statistics")."""

    def best(hits: list[_Hit]) -> str | None:
        names = [h.value for h in hits if not h.value.endswith(":")]
        names.sort(key=lambda v: not v.startswith("known:"))
        return names[0].split(":", 1)[1] if names else None

    for lo, hi in (sent, line):
        name = best(_within(sc.sources, lo, hi))
        if name is not None:
            return name
    figure_lines = {sc.lines[i] for i in fig_lines}
    cited = [
        (a, b)
        for a, b in sc.lines
        if (a, b) not in figure_lines and any(h.value.startswith("cue:") for h in _within(sc.sources, a, b))
    ]
    for a, b in sorted(cited, key=lambda s: abs(s[0] - line[0])):
        name = best(_within(sc.sources, a, b))
        if name is not None:
            return name
    return None


def _size_period(currency: str, amount: Decimal | int | None) -> str:
    """The size rule of money.json for a figure whose period nobody states."""
    rows = _lex().data["default_period"]["VND" if currency == "VND" else "other"]
    for limit, period in rows:
        if limit is None or (amount is not None and amount < limit):
            return period
    return "month"


def _own_labels(
    sc: _Scene, fig: _Fig, sent: tuple[int, int], prev_end: int, next_start: int, first: bool
) -> _Labels:
    """Labels written with the figure: between the previous figure and it (for the first
    figure of a line, from the line start: a list item's lead "Hà Nội: …"), then region
    and experience just after it in its clause ("$70,000 in California")."""
    line = sc.lines[bisect_left([s for s, _ in sc.lines], fig.start + 1) - 1]
    labels = _labels_in(sc, prev_end, fig.start)
    if first and not any(line[0] <= f.start < sent[0] for f in sc.figs):
        labels.fill(_labels_in(sc, line[0], fig.start))
    right = _labels_in(sc, fig.end, min(next_start, _clause_end(sc.text, fig.end, sent[1])), last=False)
    labels.region = labels.region or right.region
    labels.experience = labels.experience or right.experience
    return labels


@lru_cache(maxsize=512)
def _analyse(text: str) -> tuple[SalaryFinding, ...]:
    """Licensed, qualified figures of `text`; period "" where nothing states one."""
    sc = _scene(text)
    if not sc.figs:
        return ()
    lex = _lex()
    fig_lines = set(sc.line_of_fig)
    kinds = [_line_kind(sc, i, fig_lines) for i in range(len(sc.lines))]
    placed = []
    own: dict[int, _Labels] = {}
    for i, fig in enumerate(sc.figs):
        sent = _sentence_of(sc, fig.start)
        same = [f for f in sc.figs if sent[0] <= f.start < sent[1]]
        k = same.index(fig)
        prev_end = same[k - 1].end if k > 0 else sent[0]
        next_start = same[k + 1].start if k + 1 < len(same) else sent[1]
        labels = _own_labels(sc, fig, sent, prev_end, next_start, k == 0)
        own.setdefault(sc.line_of_fig[i], _Labels()).fill(labels)
        placed.append((labels, sent, prev_end, next_start))
    found: list[SalaryFinding] = []
    echo_candidates: list[tuple[int, int]] = []  # (index in found, line) of bare single figures
    prev_labels, prev_period, prev_sent, prev_is_range = _Labels(), "", None, False
    for i, fig in enumerate(sc.figs):
        labels, sent, prev_end, next_start = placed[i]
        line = sc.lines[sc.line_of_fig[i]]
        alone = _line_alone(sc, fig, line)
        if not _licensed(sc, fig, sent, prev_end, next_start, alone):
            continue
        currency = _currency(sc, fig, sent)
        floor = lex.data["bare_numbers"]["min_vnd" if currency == "VND" else "min_other"]
        if not fig.has_unit and max(fig.lo or 0, fig.hi or 0) < floor:
            continue
        same_sentence = prev_sent == sent
        if same_sentence:  # "ở Hà Nội là 10 triệu, ở Đà Nẵng là 8 triệu" share "trung bình"
            stat_carries = fig.bound is None and fig.is_range == prev_is_range
            labels.fill(replace(prev_labels, stat=prev_labels.stat if stat_carries else None))
        if labels.stat is None or labels.component is None:
            labels.fill(_walk_labels(sc, sc.line_of_fig[i], kinds, own, alone))
        period = _period(sc, fig, sent, sc.line_of_fig[i], kinds, prev_period if same_sentence else "")
        if alone and labels.stat is None and not fig.is_range and fig.bound is None:
            echo_candidates.append((len(found), sc.line_of_fig[i]))
        ranged = fig.is_range or fig.bound in ("lower", "upper")
        found.append(
            _finding(
                fig, fig.lo, fig.hi, labels, currency, period, _source(sc, sent, line, fig_lines), ranged
            )
        )
        prev_labels, prev_period, prev_sent, prev_is_range = labels, period, sent, fig.is_range
    return tuple(_drop_echoes(found, echo_candidates, sc))


def _drop_echoes(
    found: list[SalaryFinding], candidates: list[tuple[int, int]], sc: _Scene
) -> list[SalaryFinding]:
    """Drop lone single figures that only restate an end of a nearby range (a chart's axis
    labels "195 M" / "260 M" under "195 - 260 triệu"): they are not separate pay items."""
    if not candidates:
        return found
    line_starts = [a for a, _ in sc.lines]
    ranges = [
        (f, bisect_left(line_starts, f.start + 1) - 1)
        for f in found
        if f.min is not None and f.max is not None and f.min != f.max
    ]
    drop = {
        k
        for k, li in candidates
        if any(
            abs(li - rl) <= 5 and found[k].min in (r.min, r.max) and found[k].currency == r.currency
            for r, rl in ranges
        )
    }
    return [f for k, f in enumerate(found) if k not in drop]


def _clause_end(text: str, pos: int, limit: int) -> int:
    m = re.compile(r"[,;:(]").search(text, pos, limit)
    return m.start() if m else limit


# --- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    currency: str | None
    period: str | None
    mult: Decimal | None
    source: str | None


def _unit_info(unit_text: str) -> _Unit:
    """Currency, period, multiplier and source of a table's unit line ("Đơn vị tính: đồng/tháng – …")."""
    if not unit_text.strip():
        return _Unit(None, None, None, None)
    lex = _lex()
    cur = next(iter(_hits(lex.context_currency, unit_text, lex.context_currency_kinds)), None)
    per = next(iter(_period_hits(unit_text)), None)
    mult = None
    words = [w for w in lex.mult_values if len(w) > 2 or not w.isascii()]
    m = re.search(_alt(words), unit_text, re.IGNORECASE)
    if m is not None:
        mult = lex.mult_values[m.group().lower()]
    names = [h.value for h in _source_hits(unit_text) if not h.value.endswith(":")]
    names.sort(key=lambda v: not v.startswith("known:"))
    src_name = names[0].split(":", 1)[1] if names else None
    currency = cur.value if cur else (mult[1] if mult else None)
    return _Unit(currency, per.value if per else None, mult[0] if mult else None, src_name)


def _merged_unit(own: _Unit, table: _Unit) -> _Unit:
    """A column's own unit, completed by the table's unit line."""
    return _Unit(
        own.currency or table.currency,
        own.period or table.period,
        own.mult if own.mult is not None else table.mult,
        own.source or table.source,
    )


def _table_finding(
    fig: _Fig, cell: str, row: _Labels, col: _Labels, unit: _Unit, bare_ok: bool, vi: bool
) -> SalaryFinding | None:
    lex = _lex()
    if not fig.has_unit and not bare_ok:
        return None
    lo, hi = fig.lo, fig.hi
    if not fig.has_unit and unit.mult is not None and max(lo or 0, hi or 0) < 1000:
        lo = lo * unit.mult if lo is not None else None
        hi = hi * unit.mult if hi is not None else None
    big = max(lo or 0, hi or 0) >= lex.data["bare_numbers"]["vnd_from"]
    currency = fig.currency or fig.implied or unit.currency or default_currency(vi or big)
    floor = lex.data["bare_numbers"]["min_vnd" if currency == "VND" else "min_other"]
    if not fig.has_unit and unit.mult is None and max(lo or 0, hi or 0) < floor:
        return None
    labels = _labels_of(cell)
    labels.fill(row)
    labels.fill(col)
    period = fig.period or unit.period or ""
    return _finding(fig, lo, hi, labels, currency, period, unit.source, fig.is_range or bool(fig.bound))


def _finding(
    fig: _Fig,
    lo: Decimal | None,
    hi: Decimal | None,
    labels: _Labels,
    currency: str,
    period: str,
    source: str | None,
    ranged: bool,
) -> SalaryFinding:
    """A figure with its labels. A figure labelled as a statistic is one value (SPEC: min == max
    even for "lên tới 25 triệu"); an unlabelled one is a range when `ranged`, else an average."""
    if labels.stat is not None and not fig.is_range:
        lo = hi = lo if lo is not None else hi
    stat = labels.stat or ("range" if ranged else "average")
    return SalaryFinding(
        fig.start,
        fig.end,
        exact(lo),
        exact(hi),
        currency,
        period,
        stat,
        labels.component,
        labels.region,
        labels.experience,
        source,
    )
