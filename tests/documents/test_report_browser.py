"""The 情况通报 web page in a real browser (headless Debian chromium, as tests/exports/test_browser.py):
the charts draw, nothing is fetched, nothing fails, and it fits a phone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    if os.environ.get("CI"):  # .ci/run installs it: in CI a missing browser is a failure, not a skip
        raise RuntimeError(f"{CHROMIUM} is not installed; .ci/run should have installed it")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def report_page(run, register_copy: Path, record_done) -> Path:
    record_done(register_copy)
    out = register_copy.parent / "report.html"
    result = run(
        "report",
        "--period",
        "2020H2",
        "--today",
        "2020-11-25",
        "--format",
        "html",
        "-o",
        str(out),
        "--file",
        str(register_copy),
    )
    assert result.exit_code == 0, result.stderr
    return out


def test_report_page_draws_its_charts(report_page: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report_page.as_uri())
        assert page.title() == "关于2020年下半年重点任务落实情况的通报"
        for chart in ("#units-chart svg", "#months-chart svg"):
            box = page.locator(chart).bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 200
        bars = page.locator("#units-chart svg rect title")
        assert bars.count() > 26
        first = page.locator("#units-chart svg rect").nth(4).bounding_box()
        assert first is not None and first["width"] > 1
        assert page.get_by_role("img", name="各单位完成情况（事项数）").count() == 1
        town = page.locator("#unit-table tr", has_text="市桥街道").inner_text().split()
        assert town[:5] == [
            "市桥街道",
            "3",
            "1",
            "0",
            "2",
        ]  # task 3 Aug 31 on time; Sep 30 and Oct 31 overdue
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(report_page.as_uri())
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        assert errors == []
        assert all(url.startswith("file:") for url in requests), requests
        browser.close()
