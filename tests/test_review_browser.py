"""The review page in a real browser: Debian's chromium driven by selenium and chromedriver.

What only a browser can show: that the page's own script and style run under its CSP,
that clicking a span opens its record, that nothing in the article executes, and that
the page fetches nothing. The browser is installed by `.ci/install-browser`; these tests
skip only when it is absent.
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
from test_review import ARTICLE, GOLD, HOSTILE, make_run

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
    out, gold = make_run(root, gold=GOLD)
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
    return driver


def text_spans(driver: WebDriver, css: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, f"pre.text {css}")


def panel_text(driver: WebDriver) -> str:
    return driver.find_element(By.ID, "panel-body").text


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


def test_clicking_a_span_shows_its_record_in_the_panel(page: WebDriver) -> None:
    salary = next(s for s in text_spans(page, ".hl.t-salaries") if "$77,600" in s.text)
    salary.click()
    shown = panel_text(page)
    assert '"min": 77600' in shown
    assert '"currency": "USD"' in shown
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
    assert page.execute_script("return document.scripts.length") == 2
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
    page.find_element(By.CSS_SELECTOR, "section.article").location_once_scrolled_into_view  # noqa: B018
    next(s for s in text_spans(page, ".hl.t-salaries")).click()
    path = tmp_path_factory.getbasetemp() / "review-screenshot.png"
    assert page.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("REVIEW_SCREENSHOT")
    if keep:
        shutil.copyfile(path, keep)
    print(f"screenshot: {path}")
