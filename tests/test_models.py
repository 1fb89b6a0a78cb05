"""The data contract rejects what SPEC section 2 rules out."""

import pytest
from pydantic import ValidationError

from extract.models import CareerStep, Evidence, Requirement, RoleRecord, Salary

SAL = dict(text="6.000.000", start=0, end=9, min=6e6, max=6e6, currency="VND", period="month", stat="minimum")


@pytest.mark.parametrize(
    "model,kwargs",
    [
        (Evidence, dict(text="", start=0, end=0)),  # empty text
        (Evidence, dict(text="x", start=5, end=2)),  # start > end
        (Evidence, dict(text="x", start=-1, end=2)),  # negative offset
        (Salary, {**SAL, "min": -1}),  # negative amount
        (Salary, {**SAL, "min": 9e6, "max": 6e6}),  # min > max
        (Salary, {**SAL, "period": "week"}),  # period outside the list
        (Salary, {**SAL, "stat": "mean"}),  # stat outside the list
        (Salary, {**SAL, "component": "tips"}),  # component outside the list
        (Salary, {**SAL, "currency": "dong"}),  # not ISO 4217
        (Salary, {**SAL, "min": None, "max": None}),  # no bound at all
        (Requirement, dict(text="x", start=0, end=1, kind="hobby")),  # kind outside the list
        (Requirement, dict(text="x", start=0, end=1, kind="experience", min_years=5, max_years=3)),
        (CareerStep, dict(text="x", start=0, end=1, order=0, name="x", role_id="a/staff")),  # order is 1-based
        (RoleRecord, dict(role_id="sales/boss", function="sales", level="boss", name="x")),  # level outside the list
        (RoleRecord, dict(role_id="sales/staff", function="sales", level="manager", name="x")),  # id != parts
    ],
)
def test_invalid_values_are_rejected(model, kwargs):
    with pytest.raises(ValidationError):
        model(**kwargs)


def test_open_range_keeps_null_bound():
    s = Salary(**{**SAL, "max": None, "stat": "range"})
    assert s.max is None and s.min == 6e6
