"""`gpstd notice`: the 催办通知 a unit receives, read back from the .docx (and printed, where
LibreOffice is installed)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from documents.pdf import lines, needs_office, pages, to_pdf


def _notice(run, tmp_path: Path, *args: str) -> docx.document.Document:
    out = tmp_path / "notice.docx"
    result = run("notice", "--today", "2020-11-28", "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(out))


def test_a_units_notice_lists_its_overdue_and_due_soon_items_verbatim(run, tmp_path: Path) -> None:
    doc = _notice(run, tmp_path, "--unit", "市桥街", "--issuer", "番禺区人民政府办公室")
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:3] == ["关于抓紧办理重点任务有关事项的催办通知", "市桥街道：", texts[2]]
    assert texts[2] == (
        "根据《番禺区基层政务公开标准化规范化工作重点任务清单》，截至2020年11月28日，"
        "你单位承担的事项中逾期未完成3项、3日内到期1项（以登记的完成情况为准），具体如下："
    )
    assert texts[3:8] == [
        "一、逾期未完成事项",
        "（一）任务3：编制本镇（街）政务公开事项标准目录。",
        "完成时间及方式（原文）：2020年8月31日前，报区政府办（调研科）。到期日：2020年8月31日，已逾期89天。原文责任单位为“各镇（街）”，按登记册的解释包括你单位。",
        "（二）任务11：落实文件确定和标注公开属性。",
        "完成时间及方式（原文）：2020年9月30日前。到期日：2020年9月30日，已逾期59天。原文责任单位为“各镇（街）”，按登记册的解释包括你单位。",
    ]
    assert "二、3日内到期事项" in texts
    assert (
        "完成时间及方式（原文）：落实情况请于每年11月30日前报区政府办（调研科）。到期日：2020年11月30日，距到期还有2天。原文责任单位为“各镇（街）”，按登记册的解释包括你单位。"
        in texts
    )
    assert texts[-4:] == [
        "请你单位对逾期未完成事项立即组织办理，对临近到期事项按时完成，办结后及时报送完成情况及佐证材料（文件、网址或文号）。",
        "特此通知。",
        "番禺区人民政府办公室",
        "2020年11月28日",
    ]
    assert doc.core_properties.title == "关于抓紧办理重点任务有关事项的催办通知"


def test_recorded_parts_are_not_chased(run, register_copy: Path, record_done, tmp_path: Path) -> None:
    record_done(register_copy)
    doc = _notice(run, tmp_path, "--unit", "市桥街道", "--file", str(register_copy))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert "你单位承担的事项中逾期未完成2项、3日内到期1项" in texts[2]
    assert not any(t.startswith("完成时间及方式（原文）：2020年8月31日前") for t in texts)


def test_all_units_in_one_file_each_from_page_one(run, tmp_path: Path) -> None:
    doc = _notice(run, tmp_path, "--all", "--days", "0")
    assert len(doc.sections) == 26
    assert [p.text for p in doc.paragraphs if p.text.endswith("：") and len(p.text) < 20][:2] == [
        "区政府办：",
        "区政务服务数据管理局：",
    ]
    for section in doc.sections[1:]:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_default_file_names_and_no_overwrite(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = run("notice", "--unit", "区民政局", "--today", "2020-11-25")
    assert first.exit_code == 0, first.stderr
    assert first.stderr == "已导出区民政局的催办通知：催办通知-区民政局.docx\n"
    again = run("notice", "--unit", "区民政局", "--today", "2020-11-25")
    assert again.exit_code == 1
    assert again.stderr == "gpstd: 催办通知-区民政局.docx: 文件已存在；加 --force 覆盖，或换一个输出文件名\n"
    every = run("notice", "--all", "--today", "2020-11-25")
    assert every.stderr == "已导出催办通知（26 个单位）：催办通知-2020-11-25.docx\n"


def test_nothing_to_chase_makes_no_file(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("notice", "--unit", "市桥街道", "--today", "2020-08-01")
    assert result.exit_code == 0
    assert result.stderr == "截至 2020-08-01，市桥街道没有逾期或 3 天内到期的事项，不需催办；未生成文件。\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "用 --unit 指定一个单位（或集合称谓），或用 --all 为每个单位各出一份"),
        (
            ["--unit", "市桥街道", "--all"],
            "用 --unit 指定一个单位（或集合称谓），或用 --all 为每个单位各出一份",
        ),
        (["--all", "--red"], "--red（红头）需要 --issuer 给出发文机关"),
    ],
)
def test_notice_usage(run, args, message) -> None:
    result = run("notice", "--today", "2020-11-28", *args)
    assert result.exit_code == 2
    assert message in result.stderr


@needs_office
def test_the_notice_prints(run, tmp_path: Path) -> None:
    out = tmp_path / "notice.docx"
    result = run(
        "notice",
        "--unit",
        "区政务服务数据管理局",
        "--today",
        "2020-11-28",
        "-o",
        str(out),
        "--issuer",
        "番禺区人民政府办公室",
        "--number",
        "番府办督〔2020〕12号",
        "--red",
    )
    assert result.exit_code == 0, result.stderr
    printed = [lines(page) for page in pages(to_pdf(out))]
    first = printed[0]
    assert first[:3] == [
        "番禺区人民政府办公室",
        "番府办督〔2020〕12号",
        "关于抓紧办理重点任务有关事项的催办通知",
    ]
    assert first[3] == "区政务服务数据管理局："
    assert [page[-1] for page in printed] == [f"—{n}—" for n in range(1, len(printed) + 1)]
    last = printed[-1]
    # the signature and the date never stand alone: 特此通知 goes with them
    assert last[-4:-1] == ["特此通知。", "番禺区人民政府办公室", "2020年11月28日"]


def test_a_notice_with_over_ninety_nine_items_numbers_them_all(
    run, tmp_path: Path, register_copy: Path
) -> None:
    # A unit owing 120 items: （一）…（九十九） and then an internal error (IndexError, exit 70).
    import datetime as dt

    text = register_copy.read_text(encoding="utf-8")
    days = [dt.date(2020, 9, 1) + dt.timedelta(days=i) for i in range(120)]
    cell = "；".join(f"{d.year}年{d.month}月{d.day}日前" for d in days) + "。"
    items = "".join(
        f"      - kind: dated\n        text: {d.year}年{d.month}月{d.day}日前\n        due: {d}\n"
        for d in days
    )
    text = text.replace(
        "      deadline: 2020年8月31日前，报区政府办（调研科）。\n", f"      deadline: {cell}\n", 1
    )
    old = (
        "    schedule:\n      - kind: dated\n        text: 2020年8月31日前，报区政府办（调研科）\n"
        "        due: 2020-08-31\n        action: 报区政府办（调研科）\n        recipient: 区政府办（调研科）\n"
    )
    assert old in text
    register_copy.write_text(text.replace(old, "    schedule:\n" + items, 1), encoding="utf-8")
    out = tmp_path / "notice.docx"
    args = ("--unit", "区发展改革局", "--today", "2021-03-01", "-o", str(out), "--file", str(register_copy))
    result = run("notice", *args)
    assert result.exit_code == 0, result.stderr
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "（一百）任务1：相应编制本领域政务公开事项标准目录。" in texts
    assert "（一百二十）任务1：相应编制本领域政务公开事项标准目录。" in texts
