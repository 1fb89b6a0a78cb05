"""How heavy a review page is: its size, and how long headless Chromium takes to load it.

    python bench/review_load.py OUTPUT_DIR/review.html [--runs 3]

Load time is navigation start to the end of the load event, plus (when the page reports it)
the time until its script has drawn the first screen (`document.body.dataset.ready`). Each
run uses a fresh tab in one browser; the best run is reported, as the machine is shared.
Needs Debian's chromium and chromedriver (.ci/install-browser) and selenium (the test extra).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

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
TIMING = """
const t = performance.getEntriesByType('navigation')[0];
return {load_ms: t.loadEventEnd, dom_ms: t.domContentLoadedEventEnd,
        ready_ms: Number(document.body.dataset.readyMs || 0) || null,
        nodes: document.getElementsByTagName('*').length};
"""


def measure(page: Path, runs: int) -> dict:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.set_page_load_timeout(600)
        try:
            results = []
            for _ in range(runs):
                driver.get("about:blank")
                started = time.perf_counter()
                driver.get(page.resolve().as_uri())
                wall = time.perf_counter() - started
                timing = driver.execute_script(TIMING)
                results.append({**timing, "wall_s": round(wall, 2)})
        finally:
            driver.quit()
    best = min(results, key=lambda r: r["load_ms"])
    return {"page": str(page), "bytes": page.stat().st_size, "best": best, "runs": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.page, args.runs), indent=2))


if __name__ == "__main__":
    main()
