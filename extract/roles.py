"""Role names in Vietnamese, English and mixed text, and their `function/level` (SPEC section 2).

How a name is found, in three steps over one spaCy Doc:

1. Atoms. A PhraseMatcher on folded token keys (`nlp.loose_key`) finds every lexicon
   term: title words (levels.json: "Trưởng phòng", "Manager", "Senior") and function
   words (functions.json: department words such as "CSKH", "Marketing", and whole jobs
   such as "Kế toán", "Luật sư", "Accountant"; a department phrase made of a job and its
   workplace, "lễ tân khách sạn", reads as that job). A match is kept when each token also
   agrees with the diacritics of the term, or was typed without any; the longest
   match wins. A title of several words with a wrong tone mark ("trường nhóm", a common
   scraping typo of "trưởng nhóm") is kept only right before a department word
   ("trường nhóm kinh doanh"): alone, "trường" is a school.
2. Groups. Adjacent atoms join into one name following the two word orders: Vietnamese
   titles lead ("Trưởng phòng chăm sóc khách hàng", "Kỹ sư cơ khí"), English titles
   close ("Customer Service Team Lead"), with "phòng/bộ phận" and "of" as links
   ("Nhân viên phòng kinh doanh", "Head of Marketing") and a few post-modifiers
   ("Kế toán trưởng", "... cấp cao", "Marketing Intern"). Qualifiers belong to the name
   without changing its function: a workplace after a Vietnamese job ("Lễ tân khách sạn",
   "Giáo viên tiểu học", "Bảo vệ tòa nhà"), listed words and capital abbreviations before
   an English job noun ("Primary School Teacher", "ICU Nurse", "Certified Public
   Accountant"), so the name is the full title a posting or gold file writes. After a
   comma ("Nurse, ICU") the workplace is a job board's suffix and not part of the name.
3. Context. Words that are also verbs or field names only count as role names where
   the context says so (role_context.json): "quản lý"/"giám sát" need a noun context
   ("vị trí quản lý kho", a capitalised mid-sentence "Giám sát", or a title standing
   alone); a bare "nhân viên"/"Manager" with no department word needs to be written as
   a title; "kế toán" after "phần mềm"/"ngành" is the field, not the accountant.
   Precision comes first: a doubtful mention is dropped, not guessed.

Matches are kept in `doc.spans["roles"]`, labelled "<function>/<level>" ("/<level>"
when the name has no department word). A name made of a generic job noun only
("Engineers", "Developer", "Kỹ sư") is flagged, and `resolve_function` gives it the
article's field when that field is a kind of it ("Entry-level engineers" in a software
article are software engineers).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import accumulate

import numpy
from spacy.attrs import NORM
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from extract.lexicon import load_data
from extract.nlp import blank_pipeline, loose_key, strict_key

ROLE_SPANS = "roles"
GENERAL = "general"
_WORD_RE = re.compile(r"[\w\u0300-\u036f]+(?:[-'’][\w\u0300-\u036f]+)*|[^\w\s]")
# A word with the one space spaCy keeps after it, or a run of white space (a token of its own).
_TOKEN_RE = re.compile(rf"({_WORD_RE.pattern})( ?)|(\s+)")
_BULLET_PREFIX_RE = re.compile(r"^[\s\-\*•+–—>#·○●▪■◦\d.)(\]\[IVXivx]*$")
_SENTENCE_END = ".!?:;"
_WINDOW = 400  # context rules look this far around a name, which keeps long texts linear
_QUALIFIER_WORDS = 4  # the longest English qualifier looked for before a job noun


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class Term:
    """One reading of a lexicon phrase: a title word or a function word."""

    kind: str  # "level" | "core"
    lang: str  # "vi" | "en" | "any" (listed for both)
    strict: tuple[str, ...]
    caps: bool  # an abbreviation written in capitals matches capitals only
    single_vi: bool  # one accented Vietnamese syllable: never matched from unaccented text
    level: str | None = None
    lkind: str = "head"  # head | senior | junior | intern | deputy
    attach: str = "both"  # pre | post | both
    bare: str = "never"  # always | title | never
    verb: bool = False
    weak: bool = False
    title_case: bool = False
    deputy_before_level: bool = False
    not_after: frozenset[str] = frozenset()
    function: str | None = None
    is_job: bool = False
    ambiguous: str | None = None  # None | "field" | "verb"
    generic: bool = False  # a job noun naming a whole family of jobs ("Engineer", "Developer")


@dataclass(frozen=True)
class Lexicon:
    """Everything compiled once per process: readings by folded phrase, and the matcher."""

    readings: dict[str, tuple[Term, ...]]
    matcher: PhraseMatcher
    ranks: dict[str, int]
    parents: dict[str, str]
    generic: frozenset[str]
    kinds: dict[str, frozenset[str]]  # function -> the functions it is a kind of (see _kinds)
    compose: dict[str, str]
    context: dict[str, frozenset[str]]
    fillers: tuple[tuple[str, ...], ...]
    and_links: frozenset[str]  # words that join two department words into one ("Sales & Marketing")
    conjunctions: frozenset[str]  # "và", "or" …: a list of names goes on, a phrase ends
    list_gap: re.Pattern[str]  # what may stand between two names of a list
    of_links: tuple[tuple[str, ...], ...]
    qualifiers_by_length: tuple[tuple[int, frozenset[tuple[str, ...]]], ...]  # `qualifiers`, longest first
    pre_qualifiers: tuple[tuple[str, ...], ...]  # English words that narrow a job noun ("ICU", "High School")


def _words(phrase: str) -> list[str]:
    return _WORD_RE.findall(phrase)


def _is_caps(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _make_term(phrase: str, lang: str, **attrs: object) -> Term:
    words = _words(phrase)
    return Term(
        strict=tuple(strict_key(w) for w in words),
        lang=lang,
        caps=_is_caps(phrase),
        single_vi=len(words) == 1 and not phrase.isascii(),
        **attrs,  # type: ignore[arg-type]
    )


def _key(words: list[str] | tuple[str, ...]) -> str:
    return " ".join(loose_key(w) for w in words)


def _fold_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(strict_key(w) for w in _words(phrase))


def _level_terms(data: dict) -> list[tuple[str, Term]]:
    out = []
    for entry in data["terms"]:
        attrs = {
            "kind": "level",
            "level": entry["level"],
            "lkind": entry["kind"],
            "attach": entry["attach"],
            "bare": entry["bare"],
            "verb": entry.get("verb", False),
            "weak": entry.get("weak", False),
            "title_case": entry.get("title_case", False),
            "deputy_before_level": entry.get("deputy_before_level", False),
            "not_after": frozenset(strict_key(w) for w in entry.get("not_after", [])),
        }
        for lang in ("vi", "en"):
            out.extend((p, _make_term(p, lang, **attrs)) for p in entry[lang])
    return out


def _function_terms(functions: dict, ambiguous: dict[tuple[str, ...], str]) -> list[tuple[str, Term]]:
    out = []
    for fn, entry in functions.items():
        groups: list[tuple[str, str, bool, str | None]] = []
        for part, is_job in (("job", True), ("dept", False)):
            for lang in ("vi", "en"):
                groups.extend((p, lang, is_job, None) for p in entry.get(part, {}).get(lang, []))
        for level, by_lang in entry.get("job_level", {}).items():
            for lang in ("vi", "en"):
                groups.extend((p, lang, True, level) for p in by_lang.get(lang, []))
        jobs = {_fold_phrase(p) for p, _, is_job, level in groups if is_job and level is None}
        generic = {_fold_phrase(p) for p in entry.get("generic_job", [])}
        for phrase, lang, is_job, level in groups:
            folded = _fold_phrase(phrase)
            head = folded if is_job else _job_head(folded, lang, jobs)
            term = _make_term(
                phrase,
                lang,
                kind="core",
                function=fn,
                is_job=head is not None,
                level=level,
                ambiguous=ambiguous.get(head) if head else None,
                generic=head is not None and (bool(entry.get("generic")) or head in generic),
            )
            out.append((phrase, term))
    return out


def _job_head(folded: tuple[str, ...], lang: str, jobs: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The job a department phrase is made of, if any: 'lễ tân khách sạn' is a 'lễ tân' at a hotel.

    Such a phrase names the job at a workplace, so it reads as that job (and inherits its
    ambiguity: 'ngành lễ tân khách sạn' is still the field).
    """
    return next((job for job in jobs if len(job) < len(folded) and _head_of(folded, job, lang)), None)


def _head_of(phrase: tuple[str, ...], head: tuple[str, ...], lang: str) -> bool:
    """Whether `head` is the head noun of `phrase`: its first words in Vietnamese, its last in English."""
    n = len(head)
    return phrase[:n] == head if lang == "vi" else phrase[-n:] == head


def _kinds(functions: dict) -> dict[str, frozenset[str]]:
    """Per function, the broader functions it is a kind of: its ancestors by `parent`, and every
    function whose generic job noun heads one of its own or its ancestors' jobs ('software
    engineer' makes software_engineering a kind of engineering, 'kỹ thuật viên xét nghiệm'
    makes laboratory a kind of technician). Parents of such a noun's function do not follow:
    a laboratory is a kind of technician, not of engineering."""
    generic_jobs: list[tuple[tuple[str, ...], str]] = []
    for fn, entry in functions.items():
        listed = {_fold_phrase(p) for p in entry.get("generic_job", [])}
        for lang in ("vi", "en"):
            for p in entry.get("job", {}).get(lang, []):
                folded = _fold_phrase(p)
                if entry.get("generic") or folded in listed:
                    generic_jobs.append((folded, fn))
    out = {}
    for fn in functions:
        line = [fn]
        while functions[line[-1]].get("parent") and functions[line[-1]]["parent"] not in line:
            line.append(functions[line[-1]]["parent"])
        kinds = set(line[1:])
        for member in line:
            for lang in ("vi", "en"):
                for p in functions[member].get("job", {}).get(lang, []):
                    folded = _fold_phrase(p)
                    kinds.update(
                        g for job, g in generic_jobs if len(job) < len(folded) and _head_of(folded, job, lang)
                    )
        kinds.discard(fn)
        out[fn] = frozenset(kinds)
    return out


def _dedupe(readings: list[Term]) -> tuple[Term, ...]:
    """One reading per kind and position; a phrase listed for both languages becomes lang "any".

    A job beats a department word of the same spelling and function; across
    functions the first listed wins.
    """
    best: dict[tuple[str, str, tuple[str, ...], bool], Term] = {}
    for t in readings:
        slot = (t.kind, t.attach if t.kind == "level" else "", t.strict, t.caps)
        old = best.get(slot)
        if old is None:
            best[slot] = t
            continue
        if t.kind == "core" and t.function != old.function:
            continue
        keep = t if (t.kind == "core" and t.is_job and not old.is_job) else old
        lang = old.lang if old.lang == t.lang else "any"
        best[slot] = replace(keep, lang=lang)
    return tuple(best.values())


@cache
def lexicon() -> Lexicon:
    """Compile levels.json, functions.json and role_context.json into one matcher."""
    ctx = load_data("role_context.json")
    ambiguous = {_fold_phrase(p): kind for kind in ("field", "verb") for p in ctx["ambiguous_jobs"][kind]}
    functions = load_data("functions.json")["functions"]
    pairs = _level_terms(load_data("levels.json")) + _function_terms(functions, ambiguous)
    by_key: dict[str, list[Term]] = {}
    phrases: dict[str, str] = {}
    for phrase, term in pairs:
        k = _key(_words(phrase))
        by_key.setdefault(k, []).append(term)
        phrases.setdefault(k, phrase)
    nlp = blank_pipeline()
    for k in phrases:  # match ids are read back (`strings[match_id]`): keep them past any memory zone
        nlp.vocab.strings.add(k, allow_transient=False)
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for k, phrase in phrases.items():
        matcher.add(k, [_make_doc(phrase)])
    levels = load_data("levels.json")
    return Lexicon(
        readings={k: _dedupe(v) for k, v in by_key.items()},
        matcher=matcher,
        ranks={lvl: i for i, lvl in enumerate(levels["ranks"])},
        parents={fn: e["parent"] for fn, e in functions.items() if e.get("parent")},
        generic=frozenset(fn for fn, e in functions.items() if e.get("generic")),
        kinds=_kinds(functions),
        compose={fn: e["compose"] for fn, e in functions.items() if e.get("compose")},
        context={
            name: frozenset(" ".join(_fold_phrase(p)) for p in ctx[name])
            for name in (
                "noun_cues",
                "verb_cues",
                "field_cues",
                "next_field_cues",
                "stop_after",
                "reject_after",
            )
        },
        fillers=tuple(_fold_phrase(p) for p in ctx["fillers_vi"]),
        and_links=frozenset(" ".join(_fold_phrase(p)) for p in ctx["and"]),
        conjunctions=frozenset(" ".join(_fold_phrase(p)) for p in ctx["conjunctions"]),
        list_gap=re.compile(
            r"\s*(?:,|/|&|" + "|".join(re.escape(w) for w in ctx["conjunctions"]) + r")?\s*", re.IGNORECASE
        ),
        of_links=tuple(_fold_phrase(p) for p in ctx["of_en"]),
        qualifiers_by_length=_by_length(ctx["qualifiers_vi"] + ctx["workplaces_vi"]),
        pre_qualifiers=_longest_first(ctx["qualifiers_en"]),
    )


def _longest_first(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({_fold_phrase(p) for p in phrases}, key=len, reverse=True))


def _by_length(phrases: list[str]) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
    """Folded phrases grouped by word count, longest first: the longest phrase that opens a
    word sequence is found with one set look-up per length, not a scan of the list."""
    folded = {_fold_phrase(p) for p in phrases}
    lengths = sorted({len(f) for f in folded}, reverse=True)
    return tuple((n, frozenset(f for f in folded if len(f) == n)) for n in lengths)


# --------------------------------------------------------------------------- doc


@dataclass(frozen=True, slots=True)
class _Tokens:
    """Each token's text, white-space flag and start offset, read once per Doc.

    The rules below look at tokens hundreds of thousands of times per run; a spaCy
    `Token` object per look-up (`doc[i]`, `for tok in doc[a:b]`) costs more than the
    rule itself, so they index these plain lists instead. Index k is token k of the Doc.
    """

    words: list[str]
    space: list[bool]  # `Token.is_space`: a run of white space kept as a token
    starts: list[int]  # `Token.idx`: offset into the text

    def end_char(self, k: int) -> int:
        """The offset just after token k."""
        return self.starts[k] + len(self.words[k])


def _layout(text: str) -> tuple[list[str], list[bool], list[int]]:
    """Words and white-space runs as tokens, with spaCy's trailing-space flags and start offsets.

    The same alignment as `spacy.util.get_words_and_spaces(_WORD_RE.findall(text), text)`
    (one space after a word is its trailing space, any other white space a token of its
    own), in one pass: every character that is not white space belongs to a regex match.
    """
    found = _TOKEN_RE.findall(text)
    words = [word or gap for word, _, gap in found]
    spaces = [bool(space) for _, space, _ in found]
    starts = list(accumulate((len(word) + len(space) + len(gap) for word, space, gap in found), initial=0))
    starts.pop()
    return words, spaces, starts


@lru_cache(maxsize=65536)
def _norm_id(word: str) -> int:
    """The string id of a token's NORM: its loose key (white space as written).

    Only the hash, never added to the StringStore: this cache outlives each article's
    memory zone (`nlp.article_zone`), and nothing reads a NORM string back (the
    PhraseMatcher compares ids), so no id handed out here can point at an evicted string.
    """
    return get_string_id(word.lower() if word.isspace() else loose_key(word))


def _make_doc(text: str) -> Doc:
    """Tokens over `text` (white space kept as tokens, so `doc.text == text`), NORM = loose key."""
    return _tokenize(text)[0]


def _tokenize(text: str) -> tuple[Doc, _Tokens]:
    """`_make_doc` and the plain per-token lists the rules read."""
    nlp = blank_pipeline()
    words, spaces, starts = _layout(text)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    if words:  # set NORM in one array write: far cheaper than a Token object per word
        norms = numpy.array([_norm_id(w) for w in words], dtype="uint64").reshape(-1, 1)
        doc.from_array([NORM], norms)
    return doc, _Tokens(words, [w.isspace() for w in words], starts)


@dataclass(slots=True)
class _Atom:
    """A matched lexicon phrase over content tokens `[i, j)` with its possible readings."""

    i: int
    j: int
    readings: tuple[Term, ...]
    chosen: Term | None = None
    misspelt: bool = False  # a title phrase written with a wrong tone mark ("trường nhóm")


def _agrees(tokens: list[str], term: Term) -> bool:
    """Each token spells the term's word, up to case/tone placement, or was typed without diacritics."""
    for text, want in zip(tokens, term.strict, strict=True):
        if term.caps and not (text.isupper() or (text[-1:] == "s" and text[:-1].isupper() and len(text) > 2)):
            return False  # an abbreviation is written in capitals ("SREs", "PMs": its plural too)
        if strict_key(text) == want:
            continue
        if text.isascii() and not term.single_vi:
            continue
        return False
    return True


def _atoms(doc: Doc, toks: _Tokens, lex: Lexicon) -> list[_Atom]:
    spans: list[tuple[int, int]] = []
    found: dict[tuple[int, int], tuple[Term, ...]] = {}
    wrong: set[tuple[int, int]] = set()
    strings = doc.vocab.strings
    for match_id, start, end in lex.matcher(doc):
        key = strings[match_id]
        tokens = toks.words[start:end]
        ok = tuple(
            t for t in lex.readings.get(key, ()) if _agrees(tokens, t) and _fits_context(toks, start, t)
        )
        misspelt = False
        if not ok:
            ok = tuple(
                t for t in lex.readings.get(key, ()) if _misspelt(tokens, t) and _fits_context(toks, start, t)
            )
            misspelt = bool(ok)
        if ok:
            found[(start, end)] = ok
            spans.append((start, end))
            if misspelt:
                wrong.add((start, end))
    return [_Atom(s, e, found[(s, e)], misspelt=(s, e) in wrong) for s, e in _longest_spans(spans)]


def _longest_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spacy.util.filter_spans` on (start, end) pairs: the longest (then first) of overlapping
    spans wins; the result is in order of position."""
    result = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            result.append((start, end))
            seen.update(range(start, end))
    return sorted(result)


def _misspelt(tokens: list[str], term: Term) -> bool:
    """A title phrase of several words with a word's marks wrong ("trường nhóm" for "trưởng nhóm").

    Scraped Vietnamese often carries such typos. The matcher already found the phrase up to
    its marks; at least one word must be spelt right, and `role_doc` keeps the name only
    when a department word follows ("trường nhóm kinh doanh"): a wrong mark can make another
    word ("trường" is a school), and a department word is what makes the title plain.
    Text typed without any marks ("truong nhom") is not misspelt: it agrees (`_agrees`).
    """
    if term.kind != "level" or len(term.strict) < 2 or term.caps:
        return False
    return any(strict_key(text) == want for text, want in zip(tokens, term.strict, strict=True))


def _prev_word(toks: _Tokens, i: int) -> str | None:
    j = i - 1
    while j >= 0 and toks.space[j] and "\n" not in toks.words[j]:
        j -= 1
    if j < 0 or toks.space[j]:
        return None
    return strict_key(toks.words[j])


def _fits_context(toks: _Tokens, start: int, term: Term) -> bool:
    if term.title_case and not toks.words[start][:1].isupper():
        return False
    if term.not_after:
        prev = _prev_word(toks, start)
        if prev in term.not_after:
            return False
    return True


# --------------------------------------------------------------------------- grouping


@dataclass(slots=True)
class _Group:
    atoms: list[_Atom] = field(default_factory=list)
    end: int = 0  # token index after the last token of the name

    @property
    def last(self) -> Term:
        return self.atoms[-1].chosen  # type: ignore[return-value]

    @property
    def has_core(self) -> bool:
        return any(a.chosen and a.chosen.kind == "core" for a in self.atoms)

    @property
    def heads(self) -> list[Term]:
        return [
            a.chosen for a in self.atoms if a.chosen and a.chosen.kind == "level" and a.chosen.lkind == "head"
        ]

    @property
    def start(self) -> int:
        return self.atoms[0].i


def _link(toks: _Tokens, a: int, b: int) -> tuple[str, ...] | None:
    """The folded words between two atoms, or None when a line break or tab separates them."""
    words = []
    for text, space in zip(toks.words[a:b], toks.space[a:b], strict=True):
        if space:
            if "\n" in text or "\t" in text:
                return None
            continue
        words.append(strict_key(text))
    return tuple(words)


def _reading(atom: _Atom, kind: str) -> Term | None:
    return next((t for t in atom.readings if t.kind == kind), None)


def _attach(g: _Group, atom: _Atom, link: tuple[str, ...], lex: Lexicon) -> Term | None:
    """The reading under which `atom` continues the name in `g`, or None to start a new name."""
    last = g.last
    level, core = _reading(atom, "level"), _reading(atom, "core")
    heads = g.heads
    if link in lex.fillers:
        ok = last.kind == "level" and last.lang == "vi" and not g.has_core and core is not None
        return core if ok else None
    if link in lex.of_links:
        ok = last.kind == "level" and last.lang == "en" and last.lkind == "head" and not g.has_core
        return core if ok and core is not None else None
    if link == ("/",):
        if level and last.kind == "level" and not g.has_core:
            return level
        if core and last.kind == "core" and not heads and not (last.is_job and core.is_job):
            return core
        return None
    if len(link) == 1 and link[0] in lex.and_links:
        return core if core and not core.is_job and last.kind == "core" else None
    if link:
        return None
    if level is not None:
        return _attach_level(g, level, heads)
    if core is not None:
        return _attach_core(g, core, heads, lex)
    return None


def _attach_level(g: _Group, level: Term, heads: list[Term]) -> Term | None:
    last = g.last
    if g.has_core:
        if level.lkind in ("senior", "junior", "intern") and level.attach in ("post", "both"):
            return level
        if level.lkind == "head" and level.attach in ("post", "both"):
            if not heads and last.kind == "core":
                return level
            if heads and level.weak and last.kind == "core":
                return level
        return None
    if not heads or level.lkind in ("senior", "junior", "intern"):
        return level  # "Phó giám đốc", "Nhân viên thực tập", "Senior Manager"
    if len(heads) == 1 and heads[0].deputy_before_level and last is heads[0] and level.lkind == "head":
        return level
    return None


def _attach_core(g: _Group, core: Term, heads: list[Term], lex: Lexicon) -> Term | None:
    last = g.last
    if not g.has_core:
        titles = [a.chosen for a in g.atoms if a.chosen and a.chosen.kind == "level"]
        return core if any(t.attach in ("pre", "both") for t in titles) else None
    if last.kind != "core":
        return None
    generic_head = last.function in lex.generic and _group_lang(g) == "vi"  # "Kỹ sư | QA"
    if (
        last.is_job
        and not generic_head
        and (core.is_job or _group_lang(g) == "en" or core.function in lex.generic)
    ):
        # English names end with their job noun ("Project Manager | Education"); a broad field word
        # after a job is a verb more often than a title ("Luật sư | tư vấn cho khách hàng").
        return None
    if _group_lang(g) == "vi" and not last.is_job and not core.is_job and not _widens(last, core, lex):
        return None  # "nhân viên chăm sóc khách hàng | chất lượng": a second field word is an epithet
    if _group_lang(g) == "en" and last.function in lex.compose and core.function not in lex.compose:
        return None  # English puts "training" after its subject ("Sales Trainer"); before, it is a verb
    first_core = next(a.chosen for a in g.atoms if a.chosen and a.chosen.kind == "core")
    if not heads and not first_core.is_job and first_core.lang == "vi" and core.is_job and core.lang == "vi":
        return None  # "văn phòng luật sư": the office of a lawyer, not a title
    return core


def _widens(first: Term, second: Term, lex: Lexicon) -> bool:
    """A broad field word made specific by the next one ("tư vấn tài chính", "đào tạo bán hàng")."""
    fn = first.function or ""
    return fn in lex.generic or fn in lex.compose or fn in _ancestors(second.function or "", lex)


def _groups(toks: _Tokens, atoms: list[_Atom], lex: Lexicon) -> list[_Group]:
    groups: list[_Group] = []
    cur: _Group | None = None
    for atom in atoms:
        if cur is not None:
            link = _link(toks, cur.end, atom.i)
            if link and _narrows(toks, cur, atom, lex):
                link = ()  # "Senior | ICU | Nurse": the qualifier belongs to the name
            reading = _attach(cur, atom, link, lex) if link is not None else None
            if reading is not None:
                atom.chosen = reading
                cur.atoms.append(atom)
                cur.end = atom.j
                continue
        atom.chosen = _reading(atom, "level") or _reading(atom, "core")
        cur = _Group([atom], atom.j)
        groups.append(cur)
    return groups


def _narrows(toks: _Tokens, g: _Group, atom: _Atom, lex: Lexicon) -> bool:
    """English qualifiers between a title word and a job noun ("Senior High School Math Teacher")."""
    core = _reading(atom, "core")
    if core is None or not core.is_job or core.lang == "vi" or g.has_core:
        return False
    if g.last.kind != "level" or g.last.lang == "vi":
        return False
    after = g.end
    while after < atom.i and toks.space[after]:
        after += 1
    # Exactly the words between: in "Senior High School Teacher" the qualifier takes the title
    # word in too ("senior high school"), so "Senior" is no level there.
    return _pre_qualifier_start(toks, atom.i, g.start, atom.i, lex) == after


def _pre_qualifier_start(toks: _Tokens, start: int, floor: int, job: int, lex: Lexicon) -> int:
    """The first token of the English qualifiers right before token `start`, not before `floor`.

    Qualifiers are listed words ("Primary School", "Licensed Practical", "Math", "ICU") and
    abbreviations in capitals ("ICU", "ER", "SAP") when the job noun at token `job` is not
    itself in capitals (a line in capitals has no abbreviations to tell apart) and they are
    not lexicon terms themselves.
    """
    words: list[str] = []
    idx: list[int] = []
    k = start - 1
    while k >= floor and len(words) < 8:
        text = toks.words[k]
        if toks.space[k]:
            if "\n" in text or "\t" in text:
                break
        else:
            words.append(text)
            idx.append(k)
        k -= 1
    words.reverse()
    idx.reverse()
    caps_ok = not toks.words[job].isupper()
    first = start
    n = len(words)
    while n:
        folded = tuple(strict_key(w) for w in words[max(0, n - _QUALIFIER_WORDS) : n])
        q = next((q for q in lex.pre_qualifiers if folded[-len(q) :] == q and len(q) <= len(folded)), None)
        size = len(q) if q else (1 if caps_ok and _abbreviation(words[n - 1], lex) else 0)
        if not size:
            break
        n -= size
        first = idx[n]
    return first


def _abbreviation(word: str, lex: Lexicon) -> bool:
    """An unknown abbreviation in capitals ("ICU", "SAP"); a lexicon term ("SR", "HR") is read as such."""
    return (
        word.isascii()
        and word.isalpha()
        and word.isupper()
        and 2 <= len(word) <= 5
        and _key([word]) not in lex.readings
    )


# --------------------------------------------------------------------------- naming


def _group_lang(g: _Group) -> str:
    """The word order of the name: that of its first word written in one language only."""
    for a in g.atoms:
        t = a.chosen
        if t is not None and t.lang != "any" and not (t.caps and t.kind == "core" and t.lang == "en"):
            return t.lang
    return "en"


def _ancestors(fn: str, lex: Lexicon) -> set[str]:
    seen: set[str] = set()
    while fn in lex.parents and lex.parents[fn] not in seen:
        fn = lex.parents[fn]
        seen.add(fn)
    return seen


def _function(g: _Group, lex: Lexicon) -> str | None:
    """The department of the name: specific beats generic/ancestor; the head word decides ties."""
    fns = [a.chosen.function for a in g.atoms if a.chosen and a.chosen.kind == "core" and a.chosen.function]
    if not fns:
        return None
    composers = [f for f in fns if f in lex.compose]
    others = [f for f in fns if f not in lex.compose]
    if composers and others:
        base = _pick(others, g, lex)
        return lex.compose[composers[0]].format(base)
    return _pick(fns, g, lex)


def _pick(fns: list[str], g: _Group, lex: Lexicon) -> str:
    covered = set().union(*(_ancestors(f, lex) for f in fns))
    keep = [f for f in fns if f not in covered] or fns
    specific = [f for f in keep if f not in lex.generic] or keep
    return specific[0] if _group_lang(g) == "vi" else specific[-1]


def _level(g: _Group, lex: Lexicon) -> str:
    chosen = [a.chosen for a in g.atoms if a.chosen]
    if any(t.kind == "level" and t.lkind == "intern" for t in chosen):
        return "intern"
    heads = [t.level for t in chosen if t.kind == "level" and t.lkind == "head" and t.level]
    heads += [t.level for t in chosen if t.kind == "core" and t.level]
    if len(heads) > 1:
        # "Assistant Manager": the assistant/associate before a title is its deputy.
        first = next((t for t in chosen if t.kind == "level" and t.lkind == "head"), None)
        if first is not None and first.deputy_before_level:
            heads = heads[1:]
    base = max(heads, key=lambda lvl: lex.ranks[lvl]) if heads else "staff"
    senior = any(t.kind == "level" and t.lkind == "senior" for t in chosen)
    if base in ("staff", "specialist") and senior:
        return "senior"
    if base == "manager" and senior:
        return "senior_manager"  # "Senior Accounting Manager", "Trưởng phòng kế toán cấp cao"
    return base


# --------------------------------------------------------------------------- context


def _line_before(text: str, start: int) -> str:
    """The text from the last line break or tab before `start` (at most `_WINDOW` characters)."""
    lo = max(0, start - _WINDOW)
    cut = max(text.rfind("\n", lo, start), text.rfind("\t", lo, start))
    return text[cut + 1 if cut >= 0 else lo : start]


def _line_after(text: str, end: int) -> str:
    """The text up to the next line break or tab after `end` (at most `_WINDOW` characters)."""
    window = text[end : end + _WINDOW]
    stops = [p for p in (window.find("\n"), window.find("\t")) if p >= 0]
    return window[: min(stops)] if stops else window


def _sentence_initial(text: str, start: int) -> bool:
    before = _line_before(text, start).rstrip()
    return not before or bool(_BULLET_PREFIX_RE.match(before)) or before[-1] in _SENTENCE_END


def _next_word(text: str, end: int) -> str:
    after = _line_after(text, end).strip()
    m = _WORD_RE.match(after)
    return strict_key(m.group()) if m else ""


def _next_two(text: str, end: int) -> tuple[str, str]:
    words = _WORD_RE.findall(_line_after(text, end))[:2]
    folded = [strict_key(w) for w in words]
    return (folded[0] if folded else "", " ".join(folded))


def _prev_words(text: str, start: int) -> tuple[str, str, str]:
    """The word before `start` (folded), the two words before, and the raw previous token."""
    words = _WORD_RE.findall(_line_before(text, start))
    if not words:
        return "", "", ""
    one = strict_key(words[-1])
    two = " ".join(strict_key(w) for w in words[-2:])
    return one, two, words[-1]


def _in(cues: frozenset[str], one: str, two: str) -> bool:
    return bool(one) and (one in cues or two in cues)


def _stop_follows(text: str, end: int, lex: Lexicon, loose_stops: bool) -> bool:
    """Nothing, a gloss or a colon after the name (or, loosely, a verb of which it is the subject)."""
    after = _line_after(text, end).strip()
    if not after or after[0] in "(:–—-/)?.!;":
        return True
    if not loose_stops:
        return False
    one, two = _next_two(text, end)
    return _in(lex.context["stop_after"], one, two)


def _phrase_ends(text: str, end: int, lex: Lexicon) -> bool:
    """Punctuation, the end of the line, a conjunction or the verb of a clause follows."""
    after = _line_after(text, end).strip()
    if not after or after[0] in ",;.(:)–—-/?!":
        return True
    one, two = _next_two(text, end)
    return one in lex.conjunctions or _in(lex.context["stop_after"], one, two)


def _capitalised_mid(text: str, start: int, lex: Lexicon) -> bool:
    """Written as a title in running text: capital letter not owed to the sentence or a Title Case line."""
    if not text[start : start + 1].isupper() or _sentence_initial(text, start):
        return False
    one, two, raw = _prev_words(text, start)
    if raw and raw[:1].isalpha() and raw[:1].isupper():
        return False
    return not _in(lex.context["verb_cues"], one, two)


def _noun_context(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A verb-like title ('quản lý', 'giám sát', 'bảo vệ') used as the name of a person."""
    one, two, _ = _prev_words(text, start)
    if _in(lex.context["verb_cues"], one, two):
        return False
    if _in(lex.context["noun_cues"], one, two):
        return True
    if _capitalised_mid(text, start, lex):
        return True
    return _sentence_initial(text, start) and _stop_follows(text, end, lex, loose_stops=True)


def _title_context(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A bare title word ('Nhân viên', 'Manager', 'Giám sát') written as a title, not a common noun."""
    if not text[start : start + 1].isupper():
        return False
    if _capitalised_mid(text, start, lex):
        return True
    return _sentence_initial(text, start) and _stop_follows(text, end, lex, loose_stops=False)


def _keep(g: _Group, text: str, start: int, end: int, lex: Lexicon, relaxed: bool, in_field: bool) -> bool:
    """Whether the group is a role name here (the precision rules of the module docstring).

    `in_field`: the words before make it a field name ("chuyên ngành Kế toán, Kiểm toán").
    """
    one_next = _next_word(text, end)
    if one_next in lex.context["reject_after"]:
        return False
    chosen = [a.chosen for a in g.atoms if a.chosen]
    levels = [t for t in chosen if t.kind == "level"]
    cores = [t for t in chosen if t.kind == "core"]
    if not cores:
        policy_terms = [t for t in levels if t.lkind in ("head", "intern")]
        if not policy_terms:
            return False
        policy = _most_permissive([t.bare for t in policy_terms])
        if policy == "never":
            return False
        if relaxed or policy == "always":
            return True
        if any(t.verb for t in policy_terms):
            # "... theo phân công Giám sát một nhóm nhỏ": a bare verb-like title must end its phrase.
            return _title_context(text, start, end, lex) and _phrase_ends(text, end, lex)
        return _title_context(text, start, end, lex)
    if relaxed:
        return bool(levels) or any(t.is_job for t in cores)
    first_head = next((t for t in levels if t.lkind == "head"), None)
    if (
        first_head is not None
        and first_head.verb
        and chosen[0].kind == "level"
        and chosen.index(first_head) <= 1
    ):
        return _noun_context(text, start, end, lex)
    if levels:
        return True
    jobs = [t for t in cores if t.is_job]
    if not jobs:
        return False
    if len(chosen) == 1 and _caps_noise(text, start, end, chosen[0]):
        return False
    head = jobs[0] if _group_lang(g) == "vi" else jobs[-1]
    if head.ambiguous == "field":
        return not in_field and one_next not in lex.context["next_field_cues"]
    if head.ambiguous == "verb":
        return _noun_context(text, start, end, lex)
    return True


def _most_permissive(policies: list[str]) -> str:
    for p in ("always", "title", "never"):
        if p in policies:
            return p
    return "never"


def _caps_noise(text: str, start: int, end: int, term: Term) -> bool:
    """A two-letter abbreviation ('BA', 'PM') inside an ALL-CAPS line is an ordinary word there."""
    if not term.caps or len(text[start:end]) > 2:
        return False
    neighbours = (
        _WORD_RE.findall(_line_before(text, start))[-1:] + _WORD_RE.findall(_line_after(text, end))[:1]
    )
    words = [w for w in neighbours if w[:1].isalpha()]
    return bool(words) and all(w.isupper() and len(w) > 1 for w in words)


def _extend_qualifiers(toks: _Tokens, end: int, lex: Lexicon) -> int:
    """Grow a Vietnamese name over trailing qualifiers and workplaces ('... khách hàng cá nhân',
    'Giao dịch viên ngân hàng', 'Giáo viên tiểu học'); the function stays the job's."""
    while True:
        words: list[str] = []
        idx: list[int] = []
        k = end
        n = len(toks.words)
        while k < n and len(words) < 3:
            text = toks.words[k]
            if toks.space[k]:
                if "\n" in text or "\t" in text:
                    break
            else:
                words.append(strict_key(text))
                idx.append(k)
            k += 1
        for n, phrases in lex.qualifiers_by_length:
            if n <= len(words) and tuple(words[:n]) in phrases:
                end = idx[n - 1] + 1
                break
        else:
            return end


# --------------------------------------------------------------------------- API


@dataclass(frozen=True)
class RoleMention:
    """One role name in a text; offsets are local to the text given."""

    start: int
    end: int
    text: str
    function: str | None  # None when the name has no department word ("Trưởng phòng", "Manager")
    level: str
    lang: str = "vi"  # "vi" or "en": the language the name is written in
    generic: bool = False  # function from a generic job noun alone ("Designer"): see resolve_function


def role_doc(text: str, relaxed: bool = False) -> Doc:
    """A Doc over `text` with every role name in `doc.spans["roles"]` (label "<function>/<level>").

    `doc.user_data["role_langs"]` holds, per span, the language the name is written in,
    `doc.user_data["role_generic"]` whether its function comes from a generic job noun alone,
    and `doc.user_data["role_fields"]` every department or job word's (start, function).
    `relaxed` reads `text` as one title standing alone (no context rules).
    """
    lex = lexicon()
    doc, toks = _tokenize(text)
    atoms = _atoms(doc, toks, lex)
    doc.user_data["role_fields"] = _field_words(text, toks, atoms, lex)
    by_start = {a.i: a for a in atoms}
    spans: list[Span] = []
    langs: list[str] = []
    generic: list[bool] = []
    taken = 0
    field_end = -1  # end of the last name read as a field name, for lists of them
    for g in _groups(toks, atoms, lex):
        if g.start < taken or not _spelt_plainly(g):
            continue
        lang = _group_lang(g)
        start_tok, end_tok = g.start, g.end
        if g.has_core and lang == "vi" and g.last.kind == "core":
            end_tok = _extend_post_level(toks, _extend_qualifiers(toks, end_tok, lex), g, by_start)
        first = g.atoms[0].chosen
        if lang == "en" and first is not None and first.kind == "core" and first.is_job:
            start_tok = _pre_qualifier_start(toks, g.start, taken, g.start, lex)
        start_char, end_char = toks.starts[start_tok], toks.end_char(end_tok - 1)
        in_field = _field_context(text, start_char, field_end, lex)
        if in_field or not (g.heads or any(t.is_job for t in _cores(g))):
            field_end = end_char  # a field name, or department words with no title
        if not _keep(g, text, start_char, end_char, lex, relaxed, in_field):
            continue
        spans.append(Span(doc, start_tok, end_tok, label=f"{_function(g, lex) or ''}/{_level(g, lex)}"))
        langs.append("en" if lang == "en" and text[start_char:end_char].isascii() else "vi")
        generic.append(_only_generic_jobs(g))
        taken = end_tok
    doc.spans[ROLE_SPANS] = spans
    doc.user_data["role_langs"] = langs
    doc.user_data["role_generic"] = generic
    return doc


def _spelt_plainly(g: _Group) -> bool:
    """A misspelt title counts only right before a department word (see `_misspelt`)."""
    for a, nxt in zip(g.atoms, [*g.atoms[1:], None], strict=True):
        if a.misspelt and (nxt is None or nxt.chosen is None or nxt.chosen.kind != "core"):
            return False
    return True


def _cores(g: _Group) -> list[Term]:
    return [a.chosen for a in g.atoms if a.chosen and a.chosen.kind == "core"]


def _field_context(text: str, start: int, field_end: int, lex: Lexicon) -> bool:
    """A field cue before the name, or the name continues a field name or a list of them
    ("chuyên ngành Kế toán, Kiểm toán", "tài chính kế toán") unless a noun cue intervenes."""
    one, two, _ = _prev_words(text, start)
    if _in(lex.context["field_cues"], one, two):
        return True
    if field_end < 0:  # no field name before this one in the text
        return False
    gap = start - field_end
    continues = 0 <= gap <= 12 and lex.list_gap.fullmatch(text[field_end:start]) is not None
    return continues and not _in(lex.context["noun_cues"], one, two)


def _only_generic_jobs(g: _Group) -> bool:
    cores = _cores(g)
    return bool(cores) and all(t.is_job and t.generic for t in cores)


def _extend_post_level(toks: _Tokens, end: int, g: _Group, by_start: dict[int, _Atom]) -> int:
    """'Nhân viên CSKH cá nhân cấp cao': a post-modifier after a qualifier still belongs to the name."""
    if end == g.end:
        return end
    nxt = end
    while nxt < len(toks.words) and toks.space[nxt] and "\n" not in toks.words[nxt]:
        nxt += 1
    atom = by_start.get(nxt)
    level = _reading(atom, "level") if atom else None
    if atom is None or level is None or level.lkind not in ("senior", "intern") or level.attach == "pre":
        return end
    g.atoms.append(_Atom(atom.i, atom.j, atom.readings, level))
    g.end = atom.j
    return atom.j


def _mentions(doc: Doc) -> list[RoleMention]:
    out = []
    spans, langs, generic = doc.spans[ROLE_SPANS], doc.user_data["role_langs"], doc.user_data["role_generic"]
    for span, lang, gen in zip(spans, langs, generic, strict=True):
        fn, _, level = span.label_.partition("/")
        end = span.end_char
        if span.text[-2:] in ("'s", "’s"):
            end -= 2  # "sales manager's": the name without the possessive
        out.append(
            RoleMention(
                span.start_char, end, span.text[: end - span.start_char], fn or None, level, lang, gen
            )
        )
    return out


@dataclass(frozen=True)
class RoleScan:
    """What one pass over a text finds: its role names, and every department or job word
    with its function (what an article's field is read from when it names no role)."""

    mentions: list[RoleMention]
    fields: list[tuple[int, str]]  # (start, function)

    def within(self, start: int, end: int) -> RoleScan:
        """The names and words in `text[start:end]` (offsets unchanged)."""
        return RoleScan(
            [m for m in self.mentions if start <= m.start and m.end <= end],
            [(i, fn) for i, fn in self.fields if start <= i < end],
        )


def scan_roles(text: str) -> RoleScan:
    doc = role_doc(text)
    return RoleScan(_mentions(doc), doc.user_data["role_fields"])


def resolve_function(function: str | None, default_function: str | None, generic: bool = False) -> str:
    """The function a name stands for in an article whose own field is `default_function`.

    A name with no department word takes the article's field (`general` when there is
    none, SPEC section 2). A name made of a generic job noun only (`RoleMention.generic`:
    "Designer", "Kỹ sư", "Engineer", "Developer") takes the field when the field is a kind
    of it: a descendant by `parent` ("graphic_design" of "design"), or a field one of whose
    own jobs is headed by that noun ("software engineer", "kỹ thuật viên xét nghiệm"), see
    `_kinds`. A department word stands as written: "Head of Design" stays `design` in a
    UI/UX article.
    """
    if function is None:
        return default_function or GENERAL
    if generic and default_function and function in lexicon().kinds.get(default_function, ()):
        return default_function
    return function


def classify_role(name: str, default_function: str | None = None) -> tuple[str, str] | None:
    """(function, level) of a role name, or None when `name` names no role.

    The name is read as a title standing alone, so bare title words count
    ("Giám sát", "Quản lý cấp cao"). When it holds several names ("Product Design
    Manager/Product Design Specialist", "Trưởng nhóm CSKH (Team Leader)") the first
    one with a department word decides.
    """
    mentions = _mentions(role_doc(name, relaxed=True))
    if not mentions:
        return None
    best = next((m for m in mentions if m.function), mentions[0])
    return resolve_function(best.function, default_function, best.generic), best.level


def role_id(function: str, level: str) -> str:
    """SPEC section 2 identity: "<function>/<level>"."""
    return f"{function}/{level}"


def article_function(title: RoleScan, lead: RoleScan) -> str | None:
    """The article's own field: the most frequent function among role names in its title
    (counted twice) and first paragraphs; failing any role name, among department words."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for weight, part in ((2, title), (1, lead)):
        for m in part.mentions:
            if m.function:
                counts[m.function] += weight
                order.setdefault(m.function, len(order))
    if not counts:
        for weight, part in ((2, title), (1, lead)):
            for _, fn in part.fields:
                counts[fn] += weight
                order.setdefault(fn, len(order))
    if not counts:
        return None
    best = max(counts, key=lambda f: (counts[f], -order[f]))
    titled = {m.function for m in title.mentions if m.function}
    parent = lexicon().parents.get(best)
    # "Software Engineer vs. Software Architect": a title naming a job and a kind of it is about the job
    return parent if best in titled and parent in titled else best


def _field_words(text: str, toks: _Tokens, atoms: list[_Atom], lex: Lexicon) -> list[tuple[int, str]]:
    out = []
    for a in atoms:
        core = _reading(a, "core")
        start = toks.starts[a.i]
        if core and core.function and not _caps_noise(text, start, toks.end_char(a.j - 1), core):
            out.append((start, core.function))
    return out


@lru_cache(maxsize=4096)
def level_words(text: str) -> str | None:
    """The level a text names when it is made of title words only ("Senior", "Associate",
    "Senior Manager", "Trưởng phòng", "Intern"), else None: a job-family page's level heading,
    or the title half of an inverted name ("Manager, Accounting")."""
    lex = lexicon()
    doc, toks = _tokenize(text)
    atoms = _atoms(doc, toks, lex)
    covered = {k for a in atoms for k in range(a.i, a.j)}
    words = [k for k, w in enumerate(toks.words) if not toks.space[k] and w[:1].isalnum()]
    if not words or any(k not in covered for k in words):
        return None
    chosen = [_reading(a, "level") for a in atoms]
    if any(t is None for t in chosen):
        return None
    group = _Group([_Atom(a.i, a.j, a.readings, t) for a, t in zip(atoms, chosen, strict=True)])
    return _level(group, lex)


def snake_case(text: str) -> str:
    """A function name from a title's own words: "Site Reliability" -> "site_reliability",
    "Kỹ sư cầu nối" -> "ky_su_cau_noi" (lower case, diacritics dropped)."""
    folded = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return "_".join(w for w in re.findall(r"[a-z0-9]+", plain))


@lru_cache(maxsize=4096)
def stated_levels(name: str) -> frozenset[str]:
    """The title words a name states its level with ("nhân viên", "Senior", "Intern"), folded;
    empty for a name whose level is the default ("Kế toán", "Data Analyst")."""
    lex = lexicon()
    doc, toks = _tokenize(name)
    return frozenset(
        " ".join(strict_key(w) for w in toks.words[a.i : a.j] if not w.isspace())
        for a in _atoms(doc, toks, lex)
        if _reading(a, "level") is not None
    )
