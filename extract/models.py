"""The data contract of SPEC.md sections 2-4 as pydantic v2 models.

These models are the single source of truth for the JSON the pipeline writes:
`extract schema` turns them into `schemas/*.schema.json`, and every record the
pipeline emits is validated through them before it is written. The docstring under
each field is its description in the schemas (`use_attribute_docstrings`), so a code
generator gets the contract's wording; every field the writer always writes is marked
required there (`json_schema_serialization_defaults_required`).

The manifest, the career graph and gold files have models here too: the pipeline writes
the first two as plain dicts and gold is hand-written, so these models describe and check
those files (tests validate real ones) rather than produce them.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

SCHEMA_VERSION = "1.0"  # the JSON contract (SPEC); written into every record
PIPELINE_VERSION = "0.1.0"  # the code that fills it; written into the manifest, part of the cache key

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]
Offset = Annotated[int, Field(ge=0)]
Years = Annotated[float, Field(ge=0)]
# Money is exact: whole amounts are ints, amounts with cents ("$28,33 /giờ") Decimals, written
# as JSON numbers; never a binary float ("8,3 triệu" is 8300000, not 8300000.000000001).
def _non_negative(value: int | Decimal) -> int | Decimal:
    if value < 0:
        raise ValueError("an amount is never negative")
    return value


Amount = Annotated[
    int | Decimal,
    AfterValidator(_non_negative),
    PlainSerializer(lambda v: v if isinstance(v, int) else float(v), when_used="json"),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
RoleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+/[a-z_]+$")]
FunctionName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Level(StrEnum):
    """Seniority of a role, from the title word (SPEC section 2); a title with no level word is staff."""

    intern = "intern"
    staff = "staff"
    specialist = "specialist"
    senior = "senior"
    lead = "lead"
    supervisor = "supervisor"
    manager = "manager"
    senior_manager = "senior_manager"
    director = "director"
    vice_president = "vice_president"
    chief = "chief"


class RequirementKind(StrEnum):
    """What a requirement asks of a candidate."""

    education = "education"
    experience = "experience"
    skill = "skill"
    knowledge = "knowledge"
    language = "language"
    certification = "certification"
    appearance = "appearance"
    other = "other"


class Period(StrEnum):
    """The time a salary figure pays for."""

    month = "month"
    year = "year"
    hour = "hour"
    day = "day"


class Stat(StrEnum):
    """What a salary figure is: a range, or the statistic the article labels it as."""

    range = "range"
    average = "average"
    median = "median"
    minimum = "minimum"
    low = "low"
    high = "high"
    maximum = "maximum"


class Component(StrEnum):
    """Which part of the pay a figure covers."""

    total = "total"
    base = "base"
    bonus = "bonus"


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        use_enum_values=True,
        use_attribute_docstrings=True,
        json_schema_serialization_defaults_required=True,
    )


def _check_range(lo: float | None, hi: float | None, what: str) -> None:
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"{what}: min {lo} > max {hi}")


class Evidence(_Strict):
    """A value read from the article: its text and where it stands in the decoded source."""

    text: NonEmptyStr
    """The value as written in the article (source[start:end], give or take trimmed white space)."""
    start: Offset
    """Character offset of the value's first character in the source text as decoded, before any normalisation."""
    end: Offset
    """Character offset just past the value's last character (exclusive), in the same text as start."""

    @model_validator(mode="after")
    def _start_before_end(self) -> Self:
        if self.start > self.end:
            raise ValueError(f"start {self.start} > end {self.end}")
        return self


class Requirement(Evidence):
    """What a candidate must have or be (a degree, years of experience, a skill …), read from the article."""

    kind: RequirementKind
    """What the requirement is about."""
    min_years: Years | None = None
    """Fewest years of experience the requirement states; null when it states no years."""
    max_years: Years | None = None
    """Most years of experience the requirement states; null when it states no upper bound."""

    @model_validator(mode="after")
    def _years(self) -> Self:
        _check_range(self.min_years, self.max_years, "years")
        return self


class Salary(Evidence):
    """One pay figure or range the article states for a role, with its unit applied."""

    min: Amount | None
    """Lower bound in the currency's unit (VND: whole đồng); equal to max for a single or labelled figure; null for an open range with no lower bound."""
    max: Amount | None
    """Upper bound in the currency's unit; null for an open range with no upper bound ("từ 8 triệu trở lên")."""
    currency: Currency
    """ISO 4217 code ("VND", "USD")."""
    period: Period
    """The time the amount pays for."""
    stat: Stat
    """range for an unlabelled range, else the statistic the article labels the figure as."""
    component: Component | None = None
    """The part of the pay the figure covers, when the article says."""
    region: NonEmptyStr | None = None
    """The region the figure applies to, as the article names it ("Hà Nội"); null when none is given."""
    experience: NonEmptyStr | None = None
    """The experience group the figure applies to, as the article groups it ("1-4 năm"); null when none is given."""
    cited_source: NonEmptyStr | None = None
    """The survey or site the article cites for the figure ("Việt Nam Salary"); null when none is cited."""

    @model_validator(mode="after")
    def _amounts(self) -> Self:
        if self.min is None and self.max is None:
            raise ValueError("a salary needs at least one bound")
        _check_range(self.min, self.max, "salary")
        return self


class CareerStep(Evidence):
    """One rung of a career ladder the article lays out for a role."""

    order: Annotated[int, Field(ge=1)]
    """1-based position of the rung on the ladder, lowest first."""
    name: NonEmptyStr
    """The rung's role name as the article writes it."""
    role_id: RoleId
    """The rung's role identity, "<function>/<level>"."""
    min_years: Years | None = None
    """Fewest years the article gives for this rung (months as fractions of a year); null when none."""
    max_years: Years | None = None
    """Most years the article gives for this rung; null when none."""

    @model_validator(mode="after")
    def _years(self) -> Self:
        _check_range(self.min_years, self.max_years, "years")
        return self


class RoleRecord(_Strict):
    """One role an article speaks of, with everything the article says about it (one record per role_id)."""

    role_id: RoleId
    """The role's identity, "<function>/<level>" (e.g. "customer_service/manager"); equal to function + "/" + level."""
    function: FunctionName
    """The department or job, snake_case English (customer_service, sales, accounting …); general when the article gives none."""
    level: Level
    """The role's seniority."""
    name: NonEmptyStr
    """The fullest name the article gives the role."""
    mentions: list[NonEmptyStr] = Field(default_factory=list)
    """Every other surface form seen for the role (abbreviations, English names)."""
    summary: Evidence | None = None
    """The article's one-sentence definition of the role; null when it gives none."""
    duties: list[Evidence] = Field(default_factory=list)
    """What the role does, one item per list item or sentence."""
    requirements: list[Requirement] = Field(default_factory=list)
    """What a candidate for the role must have or be."""
    salaries: list[Salary] = Field(default_factory=list)
    """Every pay figure or range the article states for the role."""
    career_path: list[CareerStep] = Field(default_factory=list)
    """The ladder the article lays out for the role, in order."""

    @model_validator(mode="after")
    def _id_matches_parts(self) -> Self:
        if self.role_id != f"{self.function}/{self.level}":
            raise ValueError(f"role_id {self.role_id!r} is not {self.function}/{self.level}")
        return self


class SourceInfo(_Strict):
    """The input file an article was read from, as the run saw it."""

    path: NonEmptyStr
    """The file's path or URL as given to the run."""
    sha256: Sha256
    """SHA-256 of the file's bytes, lowercase hex."""
    bytes: Annotated[int, Field(ge=0)]
    """Size of the file in bytes."""
    encoding: NonEmptyStr
    """The text encoding the file was decoded with (offsets index the decoded text)."""


class DocumentRecord(_Strict):
    """One article's extraction: output/documents/<doc_id>.json (SPEC section 2)."""

    schema_version: str = SCHEMA_VERSION
    """Version of this contract ("1.0")."""
    doc_id: NonEmptyStr
    """The article's identity within a run; also the file's name under documents/."""
    source: SourceInfo
    """The file the article was read from."""
    title: str | None = None
    """The article's title (page title, first heading or front matter); null when it has none."""
    url: Annotated[str | None, WithJsonSchema({"type": "string", "minLength": 1})] = None
    """The page's URL, when the input gave one (a row of a JSON Lines or Parquet dump); absent otherwise."""
    date: Annotated[str | None, WithJsonSchema({"type": "string", "minLength": 1})] = None
    """The page's date as the input gave it (a dump row's `date`, ISO 8601 when it was a Parquet date); absent otherwise."""
    languages: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    """Share of the article's text in each language, keyed by ISO 639-1 code (e.g. {"vi": 0.91, "en": 0.09})."""
    roles: list[RoleRecord] = Field(default_factory=list)
    """The roles the article gives a duty, requirement, salary or summary for, or is about."""
    warnings: list[str] = Field(default_factory=list)
    """What went wrong reading or extracting the article without stopping it, for a human reader."""

    WRITTEN_WHEN_SET: ClassVar[frozenset[str]] = frozenset({"url", "date"})
    """Fields written only when they hold a value (never as null), so that the documents of
    ordinary files keep their bytes: `write.json_text` leaves them out when None."""

    model_config = ConfigDict(json_schema_extra=lambda schema, _: _not_required(schema, {"url", "date"}))


def _not_required(schema: dict[str, Any], fields: set[str]) -> None:
    """Fields the writer leaves out rather than write null: off `required`, and with no null default."""
    schema["required"] = [name for name in schema.get("required", []) if name not in fields]
    for name in fields:
        schema["properties"][name].pop("default", None)


# --- merged output (SPEC section 3) -------------------------------------------------


class Source(_Strict):
    """A place a merged value was read: an article and the offsets of the value in its source text."""

    doc_id: NonEmptyStr
    """The article (a documents/<doc_id>.json of the same run)."""
    start: Offset
    """Character offset of the value's first character in that article's decoded source."""
    end: Offset
    """Character offset just past the value's last character (exclusive)."""

    @model_validator(mode="after")
    def _start_before_end(self) -> Self:
        if self.start > self.end:
            raise ValueError(f"start {self.start} > end {self.end}")
        return self


class MergedItem(_Strict):
    """A duty (or requirement) merged across articles: near-duplicates folded into one item."""

    text: NonEmptyStr
    """The text kept for the folded item."""
    sources: list[Source] = Field(min_length=1)
    """Every place the item (or a near-duplicate of it) was read."""


class MergedRequirement(MergedItem):
    """A requirement merged across articles."""

    kind: RequirementKind
    """What the requirement is about."""
    min_years: Years | None = None
    """Fewest years of experience stated; null when none."""
    max_years: Years | None = None
    """Most years of experience stated; null when none."""


class MergedSalary(Salary):
    """One salary observation of a merged role, with the article it came from and a monthly-VND figure."""

    doc_id: NonEmptyStr
    """The article the figure was read from (start/end index its source)."""
    monthly_vnd: Amount | None = None
    """min converted to whole VND per month; null when min is null or the currency has no exchange rate."""
    monthly_vnd_max: Amount | None = None
    """max converted to whole VND per month; null when max is null or the currency has no exchange rate."""


class EdgeYears(_Strict):
    """The years one article gives for a career edge (kept per article: figures that disagree all stay)."""

    doc_id: NonEmptyStr
    """The article that gives the years."""
    min_years: Years | None = None
    """Fewest years that article gives for the step; null when none."""
    max_years: Years | None = None
    """Most years that article gives for the step; null when none."""


class CareerEdge(_Strict):
    """One step up a career ladder, from one role to the next, merged over every article that tells it.

    `min_years`/`max_years`: the widest span over the articles; `years_by_source` keeps each article's."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: RoleId = Field(alias="from")
    """The lower rung's role_id."""
    to: RoleId
    """The next rung's role_id."""
    min_years: Years | None = None
    """Fewest years any article gives for the step; null when none gives any."""
    max_years: Years | None = None
    """Most years any article gives for the step; null when none gives an upper bound."""
    sources: list[Source] = Field(min_length=1)
    """Where each article tells the step (the offsets of the rung it leads to)."""
    years_by_source: list[EdgeYears] = Field(default_factory=list)
    """The years each article gives, one entry per article that gives any."""


class SalarySummary(_Strict):
    """Monthly-VND figures of one stat: `count` observations; min/median/max over every stated bound."""

    count: Annotated[int, Field(ge=1)]
    """How many salary observations of this stat were converted to monthly VND."""
    min: Amount
    """Lowest monthly-VND bound over those observations."""
    median: Amount
    """Median of every monthly-VND bound over those observations."""
    max: Amount
    """Highest monthly-VND bound over those observations."""


class MergedRole(_Strict):
    """One role across all articles of a run (SPEC section 3)."""

    role_id: RoleId
    """The role's identity, "<function>/<level>"."""
    function: FunctionName
    """The department or job, snake_case English."""
    level: Level
    """The role's seniority."""
    names: dict[str, list[NonEmptyStr]] = Field(default_factory=dict)
    """Every name and mention of the role, grouped by language code ({"vi": [...], "en": [...]}), each list sorted."""
    sources: list[NonEmptyStr] = Field(default_factory=list)
    """doc_ids of the articles the role came from, sorted; a duplicate article counts once."""
    duties: list[MergedItem] = Field(default_factory=list)
    """The role's duties, near-duplicates folded."""
    requirements: list[MergedRequirement] = Field(default_factory=list)
    """The role's requirements, near-duplicates folded."""
    salaries: list[MergedSalary] = Field(default_factory=list)
    """Every salary observation of the role, each with its article."""
    career_edges: list[CareerEdge] = Field(default_factory=list)
    """The career steps from or to this role that the articles' ladders tell."""
    salary_summary: dict[str, SalarySummary] = Field(default_factory=dict)  # keyed by Stat value
    """Monthly-VND figures per stat, keyed by the stat's name (range, average, median …)."""


class RolesFile(_Strict):
    """output/roles.json: every merged role of a run (SPEC section 3)."""

    schema_version: str = SCHEMA_VERSION
    """Version of this contract ("1.0")."""
    roles: list[MergedRole] = Field(default_factory=list)
    """One record per role_id, sorted by role_id."""
    exchange_rates: dict[str, float] = Field(default_factory=dict)
    """VND per unit of each foreign currency used for monthly_vnd, keyed by ISO 4217 code."""
    exchange_rates_as_of: str | None = None
    """The date the exchange rates are from; null when no foreign currency was converted."""

    @model_validator(mode="after")
    def _sorted(self) -> Self:
        ids = [r.role_id for r in self.roles]
        if ids != sorted(ids) or len(set(ids)) != len(ids):
            raise ValueError("roles must be unique and sorted by role_id")
        return self


# --- career graph (output/career_graph.json) ----------------------------------------


class GraphNode(_Strict):
    """A role on the merged career graph: every role with a merged record, and every rung of a ladder."""

    id: RoleId
    """The role's role_id."""
    function: FunctionName
    """The department or job of the role."""
    level: Level
    """The role's seniority."""
    has_record: bool
    """True when roles.json holds a record for the role; false for a role seen only as a rung of a ladder."""
    names: dict[str, list[NonEmptyStr]]
    """The role's names by language code, as in roles.json ({} when it has no record)."""
    sources: list[NonEmptyStr]
    """doc_ids the role's record came from ([] when it has no record)."""


class CareerGraph(_Strict):
    """output/career_graph.json: the career ladders of a run as one graph of roles and steps."""

    schema_version: str = SCHEMA_VERSION
    """Version of this contract ("1.0")."""
    nodes: list[GraphNode]
    """Every role on a record or an edge, sorted by id."""
    edges: list[CareerEdge]
    """Every career step, merged across roles and articles by (from, to), sorted by (from, to)."""


# --- run manifest (output/manifest.json) --------------------------------------------


class ItemCounts(_Strict):
    """How many roles and items an article gave; empty for an article that gave no record."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    roles: Annotated[int, Field(ge=0)] | None = None
    """Role records."""
    duties: Annotated[int, Field(ge=0)] | None = None
    """Duties over all its roles."""
    requirements: Annotated[int, Field(ge=0)] | None = None
    """Requirements over all its roles."""
    salaries: Annotated[int, Field(ge=0)] | None = None
    """Salaries over all its roles."""
    career_path: Annotated[int, Field(ge=0)] | None = None
    """Career steps over all its roles."""


class ManifestEntry(_Strict):
    """What became of one input of the run."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    path: NonEmptyStr
    """The input's path or URL as the run read it."""
    doc_id: str | None
    """The article's doc_id (its document file is documents/<doc_id>.json when status is ok)."""
    status: Literal["ok", "skipped", "failed", "duplicate"]
    """ok: extracted and written; skipped: not an article (empty, binary, too large …); failed: could not be read or extracted; duplicate: the same article as duplicate_of, written but not merged."""
    reason: str | None
    """Why the input was skipped, failed or is a duplicate; null when ok."""
    sha256: Sha256 | None
    """SHA-256 of the input's bytes; null when they were not read."""
    bytes: Annotated[int, Field(ge=0)] | None
    """Size of the input in bytes; null when not read."""
    encoding: str | None
    """The encoding the text was decoded with; null when not decoded."""
    counts: ItemCounts
    """Roles and items extracted ({} when none were)."""
    duplicate_of: NonEmptyStr | None = None
    """Only on a duplicate: the doc_id of the article it duplicates (absent otherwise)."""


class Manifest(_Strict):
    """output/manifest.json: every input of a run and what became of it, sorted by path."""

    pipeline_version: NonEmptyStr
    """Version of the pipeline's code and data that made the run."""
    articles: list[ManifestEntry]
    """One entry per input, sorted by path."""


# --- gold files (SPEC section 4) ----------------------------------------------------


class _Gold(_Strict):
    """Gold is hand-written: a field left out takes its default, so only what the scorer needs is required."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    optional: bool = False
    """True when a careful reader could take the item either way: finding it earns nothing and costs nothing."""


class GoldText(_Gold):
    """A duty (or any text item) given as an object, to mark it optional."""

    text: NonEmptyStr
    """The item as written in the article, without its bullet mark."""


class GoldRequirement(_Gold):
    """A requirement a careful reader takes from the article."""

    kind: RequirementKind
    """What the requirement is about."""
    text: NonEmptyStr
    """The requirement as written in the article, without its bullet mark."""
    min_years: Years | None = None
    """Fewest years of experience, only when the item states years."""
    max_years: Years | None = None
    """Most years of experience, only when the item states an upper bound."""


class GoldSalary(_Gold):
    """A pay figure or range the article states for the role; matched on min, max, currency and period."""

    min: Amount | None
    """Lower bound in the currency's unit ("11,4 triệu" = 11400000)."""
    max: Amount | None
    """Upper bound; equal to min for a single figure; null for an open range."""
    currency: Currency
    """ISO 4217 code."""
    period: Period
    """The time the amount pays for."""
    stat: Stat
    """range for an unlabelled range, else the label's stat."""
    component: Component | None = None
    """The part of the pay covered, when the article says."""
    region: NonEmptyStr | None = None
    """The region the figure applies to, when the article says."""
    experience: NonEmptyStr | None = None
    """The experience group the figure applies to, as the article groups it."""


class GoldStep(_Gold):
    """A rung of the role's career ladder; matched on role_id or name."""

    order: Annotated[int, Field(ge=1)] | None = None
    """1-based position on the ladder, when the article orders the rungs."""
    name: NonEmptyStr
    """The rung's name as written."""
    role_id: RoleId
    """The rung's role identity."""
    min_years: Years | None = None
    """Fewest years the article gives for the rung."""
    max_years: Years | None = None
    """Most years the article gives for the rung."""


class GoldRole(_Gold):
    """A role the article admits (SPEC section 2) with what a careful reader takes from it; optional takes everything under it along."""

    role_id: RoleId
    """The role's identity, "<function>/<level>"."""
    names: list[NonEmptyStr] = Field(min_length=1)
    """Every name under which the role is acceptable, copied as written."""
    duties: list[NonEmptyStr | GoldText] = Field(default_factory=list)
    """What the role does: a string, or an object to mark the item optional."""
    requirements: list[GoldRequirement] = Field(default_factory=list)
    """What a candidate must have or be."""
    salaries: list[GoldSalary] = Field(default_factory=list)
    """Pay figures for the role."""
    career_path: list[GoldStep] = Field(default_factory=list)
    """The ladder the article lays out for the role, in order."""


class GoldFile(_Strict):
    """<doc_id>.gold.json: what a careful human reader takes from one article (SPEC section 4)."""

    doc_id: NonEmptyStr
    """The article's doc_id (the file name before .gold.json)."""
    roles: list[GoldRole]
    """Every role the article admits."""


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "document": DocumentRecord,
    "roles": RolesFile,
    "career_graph": CareerGraph,
    "manifest": Manifest,
    "gold": GoldFile,
}
"""File stem under schemas/ -> the model of that JSON file."""
