"""The published page in a real browser: headless Debian chromium driven by Playwright.

Uses the system chromium (apt package `chromium`) and Playwright's own driver from the
`playwright` wheel; `playwright install` is never needed. Screenshots go to
test-artifacts/ (gitignored) for a person to look at.
"""

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
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
if not CHROMIUM.exists():
    if os.environ.get("CI"):  # .ci/run installs it: in CI a missing browser is a failure, not a skip
        raise RuntimeError(f"{CHROMIUM} is not installed; .ci/run should have installed it")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)


def _export(tmp_path_factory: pytest.TempPathFactory, *args: str) -> Path:
    from typer.testing import CliRunner

    from gpstd.cli import build

    os.environ.setdefault("GPSTD_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    out = tmp_path_factory.mktemp("page") / "register.html"
    result = CliRunner().invoke(build(), ["export", "html", "--today", "2020-11-01", *args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page with states (--status), as an office publishes its progress."""
    return _export(tmp_path_factory, "--status")


@pytest.fixture(scope="module")
def plan_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page by default: the plan itself."""
    return _export(tmp_path_factory)


@pytest.fixture
def done_page(run, register_copy: Path, record_done) -> Path:
    """The page of a register whose progress file records task 1 and task 21's 2020-09-30."""

    record_done(register_copy)
    out = register_copy.parent / "done.html"
    result = run(
        "export", "html", "--status", "--today", "2020-11-01", "--file", str(register_copy), "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _open(browser, page_file: Path, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    page.requests, page.errors = requests, errors  # type: ignore[attr-defined]
    return page


def _visible_seqs(page) -> list[str]:
    return page.eval_on_selector_all(
        "tr.task:not([hidden]) th[scope=row]", "cells => cells.map(c => c.textContent.trim())"
    )


def test_table_unit_filter_and_search(browser, page_file: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = _open(browser, page_file)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator("tr.task").count() == 28
    assert _visible_seqs(page) == [str(n) for n in range(1, 29)]
    assert page.locator("#task-1 td").nth(2).inner_text() == "2020年8月31日前，报区政府办（调研科）。"
    assert "逾期" in page.locator("#task-1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "publish-all.png"), full_page=True)

    # The unit filter, by keyboard: focus the select and choose with the arrow keys.
    page.get_by_label("责任单位").select_option(label="区司法局")
    seqs = _visible_seqs(page)
    assert {"10", "13", "15", "19", "28"} <= set(seqs) and "27" not in seqs
    assert page.locator("#count").inner_text() == f"显示 {len(seqs)} / 28 项任务"
    hidden_entries = page.locator(".timeline li[data-task='27']")
    assert all(not hidden_entries.nth(i).is_visible() for i in range(hidden_entries.count()))
    page.screenshot(path=str(ARTIFACTS / "publish-unit.png"), full_page=True)

    # The search box narrows within the unit; clearing brings every row back.
    page.get_by_label("搜索").fill("普法")
    assert _visible_seqs(page) == ["28"]
    assert page.locator("tbody[data-section='二十']").is_visible()
    assert not page.locator("tbody[data-section='七']").is_visible()
    page.get_by_role("button", name="清除筛选").click()
    assert len(_visible_seqs(page)) == 28
    assert page.evaluate("document.activeElement.id") == "search"

    page.get_by_label("搜索").fill("不存在的文字")
    assert _visible_seqs(page) == []
    assert page.locator("#count").inner_text() == "显示 0 / 28 项任务"

    assert page.errors == []
    assert all(url.startswith("file:") for url in page.requests), page.requests
    page.close()


def test_keyboard_only(browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    page.keyboard.press("Tab")  # skip link first
    assert page.evaluate("document.activeElement.textContent") == "跳到任务清单"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "unit-filter"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("司法局")
    assert len(_visible_seqs(page)) >= 5
    page.close()


def test_phone_width_and_print(browser, page_file: Path) -> None:
    page = _open(browser, page_file, 390, 844)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(ARTIFACTS / "publish-phone.png"), full_page=False)
    page.get_by_label("搜索").fill("普法")
    page.emulate_media(media="print")
    assert not page.locator(".controls").is_visible()
    assert page.locator("#task-1").is_visible()  # printing shows every row, whatever the filter
    page.pdf(path=str(ARTIFACTS / "publish-print.pdf"), format="A4")
    page.close()


def test_status_filter_shows_what_is_done(browser, done_page: Path) -> None:
    page = _open(browser, done_page)
    assert page.locator("#task-1 .status").inner_text() == "✓ 已完成"
    page.locator("#status-filter").select_option(label="✓ 已完成（1）")
    assert _visible_seqs(page) == ["1"]
    assert page.locator("#count").inner_text() == "显示 1 / 28 项任务"
    shown = page.eval_on_selector_all(
        ".timeline li[data-task]:not([hidden])", "items => items.map(i => i.dataset.task)"
    )
    assert shown == ["1"]
    assert "status=done" in page.evaluate("location.hash")
    page.screenshot(path=str(ARTIFACTS / "publish-done.png"), full_page=True)
    assert page.errors == []
    page.close()


def _visible(page, selector: str, attribute: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, f"els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('{attribute}'))"
    )


def test_calendar_link_lands_the_row_below_the_sticky_header(browser, page_file: Path) -> None:
    page = _open(browser, page_file, 1280, 700)
    page.locator(".timeline li[data-task='14'] a").first.click()
    page.wait_for_function("location.hash === '#task-14'")
    page.wait_for_timeout(300)
    header = page.locator("table.register thead th").first.bounding_box()
    row = page.locator("#task-14").bounding_box()
    assert header and row
    assert header["y"] <= 1  # the header is stuck at the top of the window
    assert row["y"] >= header["y"] + header["height"] - 1, (row, header)  # the row is not under it
    assert row["y"] < 700 / 2  # and near the top, where the eye goes
    page.close()


def test_calendar_shows_one_month_and_switches(browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    assert _visible(page, ".timeline > li[data-month]", "data-month") == ["2020-11"]  # --today's month
    assert page.locator("#month-picker").input_value() == "2020-11"
    page.get_by_role("button", name="下个月 ›").click()
    assert _visible(page, ".timeline > li[data-month]", "data-month") == ["2020-12"]
    page.locator("#month-picker").select_option("2021-07")
    assert _visible(page, ".timeline > li[data-month]", "data-month") == ["2021-07"]
    assert set(_visible(page, ".timeline li[data-task]", "data-task")) == {"9", "13"}
    # Filtered to one unit's tasks, the buttons skip the months with none of their deadlines, and
    # the picker counts them: after 2021-02-20 (task 15) comes 2021-06-30 (task 16, which reaches
    # 区司法局 through 区各有关部门), March to May having none.
    page.get_by_label("责任单位").select_option(label="区司法局")
    page.locator("#month-picker").select_option("2021-02")
    assert _visible(page, ".timeline li[data-task]", "data-task") == ["15"]
    page.get_by_role("button", name="下个月 ›").click()
    assert page.locator("#month-picker").input_value() == "2021-06"
    assert _visible(page, ".timeline li[data-task]", "data-task") == ["16"]
    labels = page.eval_on_selector_all("#month-picker option", "os => os.map(o => o.textContent)")
    assert "2021年3月（0）" in labels and "2021年7月（1）" in labels  # task 13, not task 9
    assert page.errors == []
    page.close()


def test_a_month_with_nothing_for_the_filters_says_so(browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    page.get_by_label("搜索").fill("普法")  # task 28: deadlines in December only
    page.locator("#month-picker").select_option("2020-11")
    assert page.locator("#month-empty").inner_text() == "这个月没有符合筛选条件的期限。"
    page.get_by_role("button", name="下个月 ›").click()
    assert _visible(page, ".timeline > li[data-month]", "data-month") == ["2020-12"]
    assert not page.locator("#month-empty").is_visible()
    page.close()


def test_legend_and_status_counts_follow_the_filters(browser, page_file: Path) -> None:
    page = _open(browser, page_file)

    def shown_states() -> dict[str, int]:
        found: dict[str, int] = {}
        for state in _visible(page, "tr.task", "data-status"):
            found[state] = found.get(state, 0) + 1
        return found

    def legend() -> dict[str, int]:
        items = page.eval_on_selector_all(
            ".legend li[data-status]",
            "ls => ls.filter(l => !l.hidden).map(l => [l.dataset.status, l.querySelector('.n').textContent])",
        )
        return {state: int(n) for state, n in items}

    def options() -> dict[str, int]:
        texts = page.eval_on_selector_all(
            "#status-filter option[value]:not([value=''])", "os => os.map(o => [o.value, o.textContent])"
        )
        counts = {value: int(text.rsplit("（", 1)[1].rstrip("）")) for value, text in texts}
        return {value: n for value, n in counts.items() if n}

    assert legend() == shown_states() == options() and sum(legend().values()) == 28
    page.get_by_label("责任单位").select_option(label="区司法局")
    assert legend() == shown_states() == options() and sum(legend().values()) < 28
    page.locator("#status-filter").select_option("overdue")
    assert set(legend()) == {"overdue"} and legend() == shown_states()
    assert options().get("later", 0) > 0  # the other states' counts stay those of the unit's tasks
    page.close()


def test_a_search_without_match_says_so(browser, page_file: Path) -> None:
    page = _open(browser, page_file)
    assert not page.locator("#no-match").is_visible()
    page.get_by_label("搜索").fill("不存在的文字")
    assert _visible_seqs(page) == []
    assert page.locator("#no-match").is_visible()
    assert page.locator("#no-match").inner_text().startswith("无匹配")
    page.get_by_role("button", name="清除筛选").click()
    assert not page.locator("#no-match").is_visible()
    page.close()


def test_the_plan_page_shows_no_state(browser, plan_page: Path) -> None:
    page = _open(browser, plan_page)
    text = page.locator("body").inner_text()
    assert "逾期" not in text and "未到期" not in text and "状态" not in text
    assert page.locator(".status").count() == 0
    assert page.locator("#status-filter").count() == 0
    assert page.locator("thead th").all_inner_texts() == [
        "序号",
        "责任单位",
        "工作任务",
        "完成时间及方式（原文）",
    ]
    assert "来源：番禺区基层政务公开标准化规范化工作方案 附件1" in text
    page.get_by_label("责任单位").select_option(label="区司法局")
    assert {"10", "13", "15", "19", "28"} <= set(_visible_seqs(page))
    page.screenshot(path=str(ARTIFACTS / "publish-plan.png"), full_page=True)
    assert page.errors == []
    page.close()
