"""The data contract of SPEC.md sections 2 and 3 as pydantic v2 models.

These models are the single source of truth for the JSON the pipeline writes:
`extract schema` turns them into `schemas/*.schema.json`, and every record the
pipeline emits is validated through them before it is written.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SCHEMA_VERSION = "1.0"  # the JSON contract (SPEC); written into every record
PIPELINE_VERSION = "0.1.0"  # the code that fills it; written into the manifest, part of the cache key

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]
Offset = Annotated[int, Field(ge=0)]
Years = Annotated[float, Field(ge=0)]
Amount = Annotated[float, Field(ge=0)]


class Level(StrEnum):
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
    education = "education"
    experience = "experience"
    skill = "skill"
    knowledge = "knowledge"
    language = "language"
    certification = "certification"
    appearance = "appearance"
    other = "other"


class Period(StrEnum):
    month = "month"
    year = "year"
    hour = "hour"
    day = "day"


class Stat(StrEnum):
    range = "range"
    average = "average"
    median = "median"
    minimum = "minimum"
    low = "low"
    high = "high"
    maximum = "maximum"


class Component(StrEnum):
    total = "total"
    base = "base"
    bonus = "bonus"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


def _check_range(lo: float | None, hi: float | None, what: str) -> None:
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"{what}: min {lo} > max {hi}")


class Evidence(_Strict):
    """A value read from the article: its text and where it stands in the decoded source."""

    text: NonEmptyStr
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _start_before_end(self) -> Self:
        if self.start > self.end:
            raise ValueError(f"start {self.start} > end {self.end}")
        return self


class Requirement(Evidence):
    kind: RequirementKind
    min_years: Years | None = None
    max_years: Years | None = None

    @model_validator(mode="after")
    def _years(self) -> Self:
        _check_range(self.min_years, self.max_years, "years")
        return self


class Salary(Evidence):
    min: Amount | None
    max: Amount | None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    period: Period
    stat: Stat
    component: Component | None = None
    region: NonEmptyStr | None = None
    experience: NonEmptyStr | None = None
    cited_source: NonEmptyStr | None = None

    @model_validator(mode="after")
    def _amounts(self) -> Self:
        if self.min is None and self.max is None:
            raise ValueError("a salary needs at least one bound")
        _check_range(self.min, self.max, "salary")
        return self


class CareerStep(Evidence):
    order: Annotated[int, Field(ge=1)]
    name: NonEmptyStr
    role_id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+/[a-z_]+$")]
    min_years: Years | None = None
    max_years: Years | None = None

    @model_validator(mode="after")
    def _years(self) -> Self:
        _check_range(self.min_years, self.max_years, "years")
        return self


RoleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+/[a-z_]+$")]


class RoleRecord(_Strict):
    role_id: RoleId
    function: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
    level: Level
    name: NonEmptyStr
    mentions: list[NonEmptyStr] = Field(default_factory=list)
    summary: Evidence | None = None
    duties: list[Evidence] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
    salaries: list[Salary] = Field(default_factory=list)
    career_path: list[CareerStep] = Field(default_factory=list)

    @model_validator(mode="after")
    def _id_matches_parts(self) -> Self:
        if self.role_id != f"{self.function}/{self.level}":
            raise ValueError(f"role_id {self.role_id!r} is not {self.function}/{self.level}")
        return self


class SourceInfo(_Strict):
    path: NonEmptyStr
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    bytes: Annotated[int, Field(ge=0)]
    encoding: NonEmptyStr


class DocumentRecord(_Strict):
    schema_version: str = SCHEMA_VERSION
    doc_id: NonEmptyStr
    source: SourceInfo
    title: str | None = None
    languages: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    roles: list[RoleRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


# --- merged output (SPEC section 3) -------------------------------------------------


class Source(_Strict):
    doc_id: NonEmptyStr
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _start_before_end(self) -> Self:
        if self.start > self.end:
            raise ValueError(f"start {self.start} > end {self.end}")
        return self


class MergedItem(_Strict):
    text: NonEmptyStr
    sources: list[Source] = Field(min_length=1)


class MergedRequirement(MergedItem):
    kind: RequirementKind
    min_years: Years | None = None
    max_years: Years | None = None


class MergedSalary(Salary):
    doc_id: NonEmptyStr
    monthly_vnd: Amount | None = None
    monthly_vnd_max: Amount | None = None


class EdgeYears(_Strict):
    """The years one article gives for a career edge (kept per article: figures that disagree all stay)."""

    doc_id: NonEmptyStr
    min_years: Years | None = None
    max_years: Years | None = None


class CareerEdge(_Strict):
    """`min_years`/`max_years`: the widest span over the articles; `years_by_source` keeps each article's."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: RoleId = Field(alias="from")
    to: RoleId
    min_years: Years | None = None
    max_years: Years | None = None
    sources: list[Source] = Field(min_length=1)
    years_by_source: list[EdgeYears] = Field(default_factory=list)


class SalarySummary(_Strict):
    """Monthly-VND figures of one stat: `count` observations; min/median/max over every stated bound."""

    count: Annotated[int, Field(ge=1)]
    min: Amount
    median: Amount
    max: Amount


class MergedRole(_Strict):
    role_id: RoleId
    function: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
    level: Level
    names: dict[str, list[NonEmptyStr]] = Field(default_factory=dict)
    sources: list[NonEmptyStr] = Field(default_factory=list)
    duties: list[MergedItem] = Field(default_factory=list)
    requirements: list[MergedRequirement] = Field(default_factory=list)
    salaries: list[MergedSalary] = Field(default_factory=list)
    career_edges: list[CareerEdge] = Field(default_factory=list)
    salary_summary: dict[str, SalarySummary] = Field(default_factory=dict)  # keyed by Stat value


class RolesFile(_Strict):
    schema_version: str = SCHEMA_VERSION
    roles: list[MergedRole] = Field(default_factory=list)
    exchange_rates: dict[str, float] = Field(default_factory=dict)
    exchange_rates_as_of: str | None = None

    @model_validator(mode="after")
    def _sorted(self) -> Self:
        ids = [r.role_id for r in self.roles]
        if ids != sorted(ids) or len(set(ids)) != len(ids):
            raise ValueError("roles must be unique and sorted by role_id")
        return self


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "document": DocumentRecord,
    "roles": RolesFile,
}
