"""The review page in a real browser: Debian's chromium driven by selenium and chromedriver.

What only a browser can show: that the page's own script and style run under its CSP, that
search and filters narrow the list, that an article opens with its spans highlighted and
extras marked apart, that clicking opens a record, that the graph filters by function and
zooms, that nothing in the article executes, and that the page fetches nothing. The browser
is installed by `.ci/install-browser`; these tests skip only when it is absent.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select
from test_review import ARTICLE, GOLD, HOSTILE, SALES_TEXT, make_run

from extract.review import review_command

CHROMIUM = Path(os.environ.get("REVIEW_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("REVIEW_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1500,1000",
)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
    reason=f"no browser installed: {CHROMIUM} or {CHROMEDRIVER} missing (run .ci/install-browser)",
)


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review")
    out, gold = make_run(root, gold=GOLD, sales=True)
    assert review_command(out, gold) == 0
    return out / "review.html"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(scope="module")
def loaded(driver: WebDriver, page_path: Path) -> dict[str, Any]:
    """Open the page once; keep what the browser logged while loading it (and nothing from before)."""
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(page_path.as_uri())
    return {
        "performance": [json.loads(e["message"])["message"] for e in driver.get_log("performance")],
        "console": driver.get_log("browser"),
    }


@pytest.fixture
def page(driver: WebDriver, loaded: dict[str, Any]) -> WebDriver:
    """The page with every filter cleared and the nurse article open."""
    driver.find_element(By.ID, "f-clear").click()
    open_article(driver, "rn_guide")
    return driver


def open_article(driver: WebDriver, doc_id: str) -> None:
    driver.execute_script("location.hash = arguments[0]", f"doc={doc_id}")
    assert driver.find_element(By.ID, "article").get_attribute("data-doc") == doc_id


def listed_ids(driver: WebDriver) -> list[str]:
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#index-body tr td:first-child a")]


def filter_by(driver: WebDriver, *, search: str = "", in_text: bool = False, **checks: Any) -> list[str]:
    """Set the filter bar as a reviewer would (typing, ticking, choosing) and read the list."""
    driver.find_element(By.ID, "f-clear").click()
    if in_text:
        driver.find_element(By.ID, "q-text").click()
    if search:
        driver.find_element(By.ID, "q").send_keys(search + "\n")
    if "field" in checks:
        Select(driver.find_element(By.ID, "f-field")).select_by_value(checks["field"])
    if "role" in checks:
        driver.find_element(By.ID, "f-role").send_keys(checks["role"] + "\n")
    for box in ("miss", "extra"):
        if checks.get(box):
            driver.find_element(By.ID, f"f-{box}").click()
    return listed_ids(driver)


def text_spans(driver: WebDriver, css: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, f"pre.text {css}")


def panel_text(driver: WebDriver) -> str:
    return driver.find_element(By.ID, "panel-body").text


# --- the list: search and filters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how", "listed"),
    [
        ({}, ["rn_guide", "sales_exec"]),
        ({"search": "nurse"}, ["rn_guide"]),  # the title
        ({"search": "SALES/STAFF"}, ["sales_exec"]),  # a role id, any case
        ({"search": "Executive"}, ["sales_exec"]),  # a role name
        ({"search": "charts of nowhere"}, []),
        ({"search": "call new customers"}, []),  # words of the text only: not searched unless asked
        ({"search": "call new customers", "in_text": True}, ["sales_exec"]),
        ({"search": "educate patients", "in_text": True}, ["rn_guide"]),
    ],
    ids=["none", "title", "role-id", "role-name", "nothing", "text-not-asked", "text-asked", "text-vi-en"],
)
def test_search_narrows_the_list(
    loaded: dict[str, Any], driver: WebDriver, how: dict[str, Any], listed: list[str]
) -> None:
    assert filter_by(driver, **how) == listed
    assert driver.find_element(By.ID, "count").text == f"{len(listed)} of 2 articles"


@pytest.mark.parametrize(
    ("how", "listed"),
    [
        ({"field": "salaries"}, ["rn_guide", "sales_exec"]),
        ({"field": "career_path"}, ["rn_guide"]),
        ({"role": "sales/staff"}, ["sales_exec"]),
        ({"role": "nursing/staff", "field": "duties"}, ["rn_guide"]),
        ({"miss": True}, ["rn_guide"]),
        ({"extra": True}, ["rn_guide"]),
        ({"search": "sales", "miss": True}, []),
    ],
    ids=[
        "field",
        "field-career",
        "role",
        "role-and-field",
        "only-misses",
        "only-extras",
        "search-and-misses",
    ],
)
def test_filters_narrow_the_list(
    loaded: dict[str, Any], driver: WebDriver, how: dict[str, Any], listed: list[str]
) -> None:
    assert filter_by(driver, **how) == listed


def test_clicking_a_row_opens_its_article_one_at_a_time(loaded: dict[str, Any], driver: WebDriver) -> None:
    filter_by(driver)
    driver.find_element(By.CSS_SELECTOR, '#index-body tr[data-i="1"] td:nth-child(2)').click()
    assert driver.find_element(By.ID, "article").get_attribute("data-doc") == "sales_exec"
    assert driver.execute_script("return document.querySelectorAll('pre.text').length") == 1
    assert driver.execute_script("return document.querySelector('pre.text').textContent") == SALES_TEXT
    driver.find_element(By.ID, "prev").click()
    assert driver.find_element(By.ID, "article").get_attribute("data-doc") == "rn_guide"


# --- one article ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "fragment"),
    [
        ("summary", "A registered nurse (RN) provides and"),
        ("duties", "Assess patients' health and record symptoms."),
        ("requirements", "A bachelor's degree in nursing (BSN)."),
        ("salaries", "$77,600 per year"),
        ("career_path", "Charge Nurse"),
    ],
)
def test_known_spans_are_highlighted_by_field(page: WebDriver, field: str, fragment: str) -> None:
    spans = text_spans(page, f".hl.t-{field}")
    assert any(fragment in s.text for s in spans)
    colour = spans[0].value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the style sheet applied under the CSP


def test_extras_are_marked_apart_from_correct_values(page: WebDriver) -> None:
    extra = next(s for s in text_spans(page, ".hl.x-extra") if s.text == "coordinates patient care")
    correct = next(s for s in text_spans(page, ".hl.x-ok") if "Assess patients" in s.text)
    assert extra.value_of_css_property("outline-style") == "dashed"
    assert correct.value_of_css_property("outline-style") == "none"
    assert "2px" in correct.value_of_css_property("box-shadow")
    badges = {
        li.text.split("\n")[0]: li.find_element(By.CSS_SELECTOR, ".badge").text
        for li in page.find_elements(By.CSS_SELECTOR, "li.rec.f-duties:not(.gold-miss)")
    }
    assert badges["coordinates patient care extra"] == "extra"
    assert badges["Assess patients' health and record symptoms. ✓ gold"] == "✓ gold"
    extra.click()
    assert '"against_gold": "extra: matches no gold item"' in panel_text(page)


def test_only_extras_keeps_the_extras_listed_and_highlighted(
    loaded: dict[str, Any], driver: WebDriver
) -> None:
    filter_by(driver, extra=True)
    open_article(driver, "rn_guide")
    shown = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "li.rec") if li.is_displayed()]
    assert shown == ["coordinates patient care extra"]
    faded = next(s for s in text_spans(driver, ".hl") if "Assess patients" in s.text)
    assert faded.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"


def test_a_field_filter_keeps_that_fields_values_in_the_article(
    loaded: dict[str, Any], driver: WebDriver
) -> None:
    filter_by(driver, field="salaries")
    open_article(driver, "rn_guide")
    shown = [
        li.get_attribute("class")
        for li in driver.find_elements(By.CSS_SELECTOR, "li.rec")
        if li.is_displayed()
    ]
    assert shown and all("f-salaries" in c or "gold-miss" in c for c in shown)


def test_clicking_a_span_shows_its_record_in_the_panel(page: WebDriver) -> None:
    salary = next(s for s in text_spans(page, ".hl.t-salaries") if "$77,600" in s.text)
    salary.click()
    shown = panel_text(page)
    assert '"min": 77600' in shown
    assert '"currency": "USD"' in shown
    assert '"text": "$77,600 per year"' in shown  # restored from the article
    assert '"role_id": "nursing/staff"' in shown
    assert '"name": "Registered Nurse"' in shown
    assert "sel" in salary.get_attribute("class").split()


def test_clicking_an_overlap_lists_every_record_there(page: WebDriver) -> None:
    inner = next(s for s in text_spans(page, ".hl.ov") if s.text == "coordinates patient care")
    inner.click()
    assert page.find_element(By.ID, "panel-title").text == "2 records here"
    labels = [h.text for h in page.find_elements(By.CSS_SELECTOR, "#panel-body h3")]
    assert labels == ["Duty · nursing/staff", "Summary · nursing/staff"]


def test_clicking_a_listed_record_or_graph_node_shows_it(page: WebDriver) -> None:
    page.find_element(By.CSS_SELECTOR, "li.rec.f-requirements").click()
    assert '"kind": "education"' in panel_text(page)
    node = page.find_element(By.CSS_SELECTOR, "svg.graph g.node[data-r]")
    page.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    assert '"merged_role"' in panel_text(page)


def test_gold_misses_are_marked_in_place(page: WebDriver) -> None:
    missed = [s.text for s in text_spans(page, ".miss")]
    assert "Educate patients about managing illness" in missed
    miss = next(s for s in text_spans(page, ".miss") if s.text == "A valid RN license")
    miss.click()
    assert '"gold_miss"' in panel_text(page)
    assert '"kind": "certification"' in panel_text(page)


# --- the career graph -------------------------------------------------------------------------------


def view_box(driver: WebDriver) -> list[float]:
    return [
        float(v)
        for v in driver.find_element(By.CSS_SELECTOR, "svg.graph").get_dom_attribute("viewBox").split()
    ]


def test_graph_filters_by_function_and_zooms(page: WebDriver) -> None:
    select = Select(page.find_element(By.ID, "g-fn"))
    assert [o.get_attribute("value") for o in select.options] == ["", "nursing"]
    select.select_by_value("nursing")
    blocks = page.find_elements(By.CSS_SELECTOR, "svg.graph g.block")
    assert [b.get_attribute("data-fn") for b in blocks if b.is_displayed()] == ["nursing"]
    assert len(page.find_elements(By.CSS_SELECTOR, "svg.graph g.node")) == 3
    before = view_box(page)
    page.find_element(By.ID, "g-in").click()
    after = view_box(page)
    assert after[2] == pytest.approx(before[2] * 0.8, abs=1)
    page.find_element(By.ID, "g-fit").click()
    assert view_box(page) == before
    texts = [t.text for t in page.find_elements(By.CSS_SELECTOR, "svg.graph .node-name")]
    assert "Nurse Manager <svg onload=a…" in texts  # a name with markup, drawn as text (shortened)


# --- safety -----------------------------------------------------------------------------------------


def test_no_script_from_the_article_runs(page: WebDriver) -> None:
    assert page.execute_script("return typeof window.__pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - reading it is the check
    text = page.execute_script("return document.querySelector('pre.text').textContent")
    assert text == ARTICLE
    for hostile in HOSTILE:
        assert hostile in text
    inside = page.execute_script("return document.querySelectorAll('pre.text *:not(span)').length")
    assert inside == 0
    assert (
        page.execute_script(
            "return document.querySelectorAll('svg.graph foreignObject, svg.graph svg').length"
        )
        == 0
    )
    assert (
        page.execute_script("return document.scripts.length") == 4
    )  # the index, two articles' data, the page's own
    assert page.execute_script("return document.title").endswith("output")


def test_the_page_makes_no_network_request(page: WebDriver, loaded: dict[str, Any], page_path: Path) -> None:
    sent = [m["params"] for m in loaded["performance"] if m["method"] == "Network.requestWillBeSent"]
    assert any(p["request"]["url"] == page_path.as_uri() for p in sent)  # the log did record the load
    from_page = {p["request"]["url"] for p in sent if p.get("documentURL") == page_path.as_uri()}
    assert from_page == {page_path.as_uri()}
    assert [
        p["request"]["url"] for p in sent if not p["request"]["url"].startswith(("file:", "chrome:"))
    ] == []
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_the_csp_blocks_nothing_of_the_pages_own(loaded: dict[str, Any]) -> None:
    errors = [e["message"] for e in loaded["console"] if e["level"] == "SEVERE"]
    assert errors == []


def test_screenshot(page: WebDriver, tmp_path_factory: pytest.TempPathFactory) -> None:
    page.find_element(By.ID, "article").location_once_scrolled_into_view  # noqa: B018
    next(s for s in text_spans(page, ".hl.t-salaries")).click()
    path = tmp_path_factory.getbasetemp() / "review-screenshot.png"
    assert page.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("REVIEW_SCREENSHOT")
    if keep:
        shutil.copyfile(path, keep)
    print(f"screenshot: {path}")
