"""Column roles from names and content, --columns, sections from labels and group rows, lists
without a time column or a year, and the review list (issue 15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gpstd import register
from gpstd.importer import build, names, tables

TODAY = dt.date(2024, 6, 1)


def _build(rows: list[list[str]], title: str = "某某市2021年重点任务清单", merges_known: bool = True, **kw):
    source = tables.Source([title] if title else [], [tables.Table(rows, merges_known=merges_known)])
    return build.build(source, "list.txt", today=TODAY, **kw)


def _tasks(result: build.Result) -> list[dict]:
    return result.data["tasks"]


def _messages(result: build.Result) -> list[str]:
    return [r.message for r in result.reviews]


def test_label_merged_down_beside_requirements_is_the_section() -> None:
    result = _build(
        [
            ["工作任务", "具体要求", "落实单位", "时限要求"],
            ["一、做好财政信息公开。", "1.推进预算公开。", "财务科", "2021年6月底前"],
            ["一、做好财政信息公开。", "2.推进决算公开。", "办公室牵头,各科室配合", "持续推进"],
            ["二、做好网站信息公开。", "3.更新概况信息。", "办公室", "长期"],
        ]
    )
    tasks = _tasks(result)
    assert [t["cells"]["task"] for t in tasks] == ["1.推进预算公开。", "2.推进决算公开。", "3.更新概况信息。"]
    assert [t["section"] for t in tasks] == ["一", "一", "二"]
    assert tasks[1]["units"] == {"lead": ["办公室"], "cooperating": ["各科室"]}
    assert "一：一、做好财政信息公开。；二：二、做好网站信息公开。" in result.data["meta"]["notes"][2]
    assert result.layout.labels == [0]


def test_columns_found_by_content_when_names_say_little() -> None:
    result = _build(
        [
            ["", "内容", "", ""],  # a header that names one column only
            ["1", "制定公众参与行政决策的制度，并在网站公开。", "区司法局", "2021年3月31日前"],
            ["2", "编制政务公开事项标准目录，动态调整。", "区发展改革局、区民政局", "2021年6月30日前"],
        ],
        forced=None,
    )
    assert result.layout.columns == {"seq": 0, "deadline": 3, "responsible": 2, "task": 1}
    assert set(result.layout.by_content) == {"seq", "deadline", "responsible", "task"}


def test_a_progress_column_beside_the_time_column_is_not_the_deadline() -> None:
    result = _build(
        [
            ["序号", "考核指标", "序时进度", "考核时间", "分管\n领导", "责任\n股室"],
            ["1", "地区生产总值增长6.5%左右。", "2025年上半年,增速5.3%。", "2025年12月", "杨长生", "综合股"],
        ]
    )
    task = _tasks(result)[0]
    assert task["cells"]["deadline"] == "2025年12月"
    assert [i["due"] for i in task["schedule"]] == [dt.date(2025, 12, 31)]
    assert task["units"] == {"lead": ["综合股"]}
    assert "分管领导：杨长生。" in task["note"]


def test_two_unit_columns_the_one_named_lead_leads() -> None:
    result = _build(
        [
            ["序号", "目标与任务", "牵头责任单位", "责任单位"],
            ["1", "加快推进国土空间规划编制。", "市自然资源和规划局", "各县(市)区政府、开发区管委会"],
        ]
    )
    assert _tasks(result)[0]["units"] == {
        "lead": ["市自然资源和规划局"],
        "cooperating": ["各县(市)区政府", "开发区管委会"],
    }


def test_no_time_column_imports_with_one_review_item_and_dates_in_the_task_proposed() -> None:
    rows = [["工作任务", "具体要求", "落实单位"]]
    rows += [[f"任务{i}", f"{i}.做好第{i}项工作。", "各镇街(园区);市直各单位"] for i in range(1, 12)]
    rows += [["任务12", "12.2021年底前制定工作制度。", "各镇街(园区);市直各单位"]]
    result = _build(rows)
    tasks = _tasks(result)
    assert [t["schedule"] for t in tasks[:11]] == [[]] * 11
    assert tasks[11]["schedule"][0]["due"] == dt.date(2021, 12, 31)
    assert tasks[11]["schedule"][0]["source"] == "task"
    messages = _messages(result)
    assert (
        messages.count("原表没有时间栏：各任务的时间安排记为未写明（工作任务栏中读出的时间已列出，请核对）")
        == 1
    )
    assert len(result.reviews) <= 6, messages  # a 12-row list: one item per doubt


def test_a_list_without_a_year_dates_nothing_yearless() -> None:
    result = _build(
        [
            ["任务", "责任单位", "时限"],
            ["做好公开。", "市政府各部门", "年底前"],
            ["做好解读。", "各科室", "持续推进"],
        ],
        title="",
    )
    tasks = _tasks(result)
    assert tasks[0]["schedule"] == []
    assert tasks[1]["schedule"][0]["kind"] == "ongoing"
    assert any("「年底前」未写年份，清单中也没有年份，未定日期" in m for m in _messages(result))


def test_start_keeps_the_deadlines_of_the_lists_own_year(tmp_path: Path) -> None:
    result = _build(
        [
            ["序号", "责任单位", "工作任务", "完成时限"],
            ["1", "区统计局", "报送年报。", "每年1月31日前"],
            ["2", "区财政局", "公开预算。", "2021年3月底前"],
        ]
    )
    assert result.data["meta"]["start"] == dt.date(2021, 1, 1)
    out = tmp_path / "out.yaml"
    from gpstd.importer import writer

    out.write_text(writer.to_yaml(result.data, "list.txt"), encoding="utf-8")
    reg = register.load(str(out))
    from gpstd.schedule.occurrences import expand

    assert dt.date(2021, 1, 31) in {o.due for o in expand(reg, None, dt.date(2021, 12, 31))}


def test_group_rows_nest_and_give_sections() -> None:
    result = _build(
        [
            ["序号", "重点工作任务", "主要责任单位", "协同配合单位"],
            ["一、主要预期目标", "一、主要预期目标", "一、主要预期目标", "一、主要预期目标"],
            ["1", "地区生产总值增长6.5%左右。", "区发改委", "区政府各部门,各乡镇人民政府、街道办事处。"],
            ["二、扩投资", "二、扩投资", "二、扩投资", "二、扩投资"],
            ["(一)优服务", "(一)优服务", "(一)优服务", "(一)优服务"],
            ["2", "固定资产投资增长7.5%左右。", "区财政局\n区税务局", "区发改委、区市场监管局。"],
        ]
    )
    tasks = _tasks(result)
    assert [t["section"] for t in tasks] == ["一", "二.一"]
    assert tasks[1]["units"]["lead"] == ["区财政局", "区税务局"]
    assert tasks[0]["units"]["cooperating"] == ["区政府各部门", "各乡镇人民政府", "街道办事处"]
    assert any("二、扩投资 › (一)优服务" in n for n in result.data["meta"]["notes"])


def test_text_files_read_an_empty_cell_below_a_merged_one_as_its_copy() -> None:
    result = _build(
        [
            ["工作任务", "具体要求", "责任单位"],
            ["一、深入解读政策", "(一)做到同步解读。", "各镇(街),市直各单位"],
            ["", "(二)对关注度高的政府(部门)文件进行政策解读，做到应解尽解。", ""],
        ],
        merges_known=False,
    )
    tasks = _tasks(result)
    assert tasks[1]["units"] == {"lead": ["各镇(街)", "市直各单位"]}
    assert tasks[1]["section"] == tasks[0]["section"] == "一"
    assert "原表本行责任单位栏为空，按上一行读" in tasks[1]["note"]


# --- --columns and the message when no layout is found ---------------------------------

ODD = ["栏目一", "栏目二", "栏目三", "栏目四"]
ODD_ROW = ["1", "区司法局", "制定制度。", "2021年2月20日前"]


def _odd_list(tmp_path: Path) -> Path:
    path = tmp_path / "odd.txt"
    path.write_text("\n".join("\t".join(r) for r in (ODD, ODD_ROW)), encoding="utf-8")
    return path


def test_columns_by_number_and_by_name(run, tmp_path: Path) -> None:
    path = _odd_list(tmp_path)
    for spec in ("task=3,unit=2,deadline=4", "task=栏目三,unit=栏目二,deadline=栏目四,seq=1"):
        out = tmp_path / "out.yaml"
        result = run("import", str(path), "--columns", spec, "-o", str(out), "--force")
        assert result.exit_code == 0, result.stderr
        task = register.load(str(out)).tasks[0]
        assert (task.cells.task, task.units.lead, task.schedule[0].due) == (
            "制定制度。",
            ["区司法局"],
            dt.date(2021, 2, 20),
        )


def test_no_layout_names_the_header_tried_and_the_role_missing(run, tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("序号\t工作任务\t完成时限\n1\t制定制度。\t2021年2月20日前\n", encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"gpstd: {path}: 没有找到责任单位栏：表头在第1行「序号」「工作任务」「完成时限」，"
        "认出的栏目：序号「序号」（第1栏）、工作任务「工作任务」（第2栏）、完成时间「完成时限」（第3栏）；"
        "请用 --columns 指明，例如 --columns task=工作任务,unit=责任单位,deadline=完成时限（栏名或栏号）\n"
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("task", "--columns 的「task」应写成 栏目=栏名或栏号"),
        ("owner=3", "--columns 中没有栏目「owner」"),
        ("task=1,task=2", "--columns 中 task 写了两次"),
    ],
)
def test_malformed_columns_is_a_usage_error(run, tmp_path: Path, spec: str, message: str) -> None:
    result = run("import", str(_odd_list(tmp_path)), "--columns", spec)
    assert result.exit_code == 2
    assert message in result.stderr


def test_columns_naming_what_the_file_lacks(run, tmp_path: Path) -> None:
    result = run("import", str(_odd_list(tmp_path)), "--columns", "task=工作任务,unit=2")
    assert result.exit_code == 1
    assert "--columns 指明的栏名「工作任务」不在任何表格的前 15 行中" in result.stderr
    result = run("import", str(_odd_list(tmp_path)), "--columns", "task=9,unit=2")
    assert result.exit_code == 1 and "--columns 中的栏号 9 超出表格（共 4 栏）" in result.stderr


def test_declared_charset_gives_no_encoding_hint(run, tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    page = (
        '<meta charset="gb2312"><table><tr><td>甲</td><td>乙</td></tr><tr><td>1</td><td>2</td></tr></table>'
    )
    path.write_bytes(page.encode("gbk"))
    result = run("import", str(path))
    assert result.exit_code == 1 and "没有找到表头" in result.stderr
    assert "UTF-8" not in result.stderr


# --- units -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "lead", "cooperating"),
    [
        ("区财政局\n区税务局", ["区财政局", "区税务局"], []),
        ("区财政局 区税务局", ["区财政局", "区税务局"], []),
        ("市安委办 (工作专班办公室)", ["市安委办 (工作专班办公室)"], []),
        ("各县区(开发区) 安委会", ["各县区(开发区) 安委会"], []),
        ("市规划和自然资源\n局", ["市规划和自然资源局"], []),
        ("各县（市、区）政府、市直各单位", ["各县（市、区）政府", "市直各单位"], []),
        (
            "市有关单位(见附件1,下同),各县(市、区)人民政府负责",
            ["市有关单位(见附件1,下同)", "各县(市、区)人民政府"],
            [],
        ),
        ("市编办牵头,市电子政务办、市有关单位负责", ["市编办"], ["市电子政务办", "市有关单位"]),
        ("市财政局牵头,市民政局等有关部门落实;各镇(街)参照落实", ["市财政局"], ["市民政局", "各镇(街)"]),
        ("市金融办、潍坊银监分局分别牵头落实", ["市金融办", "潍坊银监分局"], []),
        ("市发改委牵头落实", ["市发改委"], []),
        ("市税务局等市有关单位", ["市税务局"], []),
        ("高新区党工委和管委会", ["高新区党工委和管委会"], []),
        ("区政府各部门,各乡镇人民政府、街道办事处。", ["区政府各部门", "各乡镇人民政府", "街道办事处"], []),
        ("区政府办（牵头），区司法局", ["区政府办"], ["区司法局"]),
        ("区财政局（牵头单位）", ["区财政局"], []),
        ("牵头单位：区财政局；配合单位：区司法局、区审计局", ["区财政局"], ["区司法局", "区审计局"]),
        ("牵头：区发改局\n配合：区财政局、区统计局", ["区发改局"], ["区财政局", "区统计局"]),
        ("牵头:区住建局;协办:各街道", ["区住建局"], ["各街道"]),
        ("责任：区教育局", ["区教育局"], []),
        ("无", [], []),
        ("暂无", [], []),
        ("——", [], []),
        ("-", [], []),
        ("无线电管理局", ["无线电管理局"], []),
        ("区发改局等5个部门", ["区发改局"], []),
        # roles in brackets or after 为: no part of a name
        ("县发改委、县财政局、县住建局（按职责分工负责）", ["县发改委", "县财政局", "县住建局"], []),
        ("县发改委为牵头单位，县财政局为配合单位", ["县发改委"], ["县财政局"]),
        ("县发改委（主责）、县财政局", ["县发改委"], ["县财政局"]),
        ("县发改委（负责）", ["县发改委"], []),
        ("区发改局、区财政局等三个单位", ["区发改局", "区财政局"], []),
    ],
)
def test_units_split_as_a_careful_reader_does(cell: str, lead: list[str], cooperating: list[str]) -> None:
    found = names.split(cell)
    assert (found.lead, found.cooperating) == (lead, cooperating)


def test_group_row_with_its_number_in_the_sequence_column() -> None:
    result = _build(
        [
            ["序号", "工作任务", "责任单位", "完成时限"],
            ["一", "标准目录编制", "标准目录编制", "标准目录编制"],
            ["1", "编制目录。", "区政府办", "2021年6月底前"],
            ["二", "平台建设", "平台建设", "平台建设"],
            ["2", "建设平台。", "区政数局", "2021年12月底前"],
        ]
    )
    assert [(t["id"], t["section"]) for t in _tasks(result)] == [(1, "一"), (2, "二")]
    assert "一：一、标准目录编制；二：二、平台建设。" in result.data["meta"]["notes"][2]


def test_a_list_nested_in_a_page_layout_table(run, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<meta charset="utf-8"><table><tr><td>网站首页 | 政务公开</td></tr><tr><td>'
        "<h2>某某县2022年政务公开重点任务清单</h2><table>"
        "<tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>"
        "<tr><td>1</td><td>推进政务公开。</td><td>县政府办</td><td>2022年6月底前</td></tr>"
        "</table></td></tr><tr><td>主办单位：某某县人民政府</td></tr></table>",
        encoding="utf-8",
    )
    out = tmp_path / "out.yaml"
    result = run("import", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "未导入" not in result.stderr  # the layout table around the list is no left-out list
    reg = register.load(str(out))
    assert (reg.meta.title, reg.meta.district) == ("某某县2022年政务公开重点任务清单", "某某县")
    assert reg.tasks[0].units.lead == ["县政府办"]


def test_title_rows_above_and_notes_rows_below() -> None:
    result = _build(
        [
            ["附件", "", "", ""],
            ["某某市2021年政务公开重点任务分工表", "", "", ""],
            ["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "编制目录。", "市政府办", "2021年6月底前"],
            ["注：各单位于每季度末报送进展。", "", "", ""],
        ],
        title="",
    )
    meta = result.data["meta"]
    assert (meta["title"], meta["district"]) == ("某某市2021年政务公开重点任务分工表", "某某市")
    assert "原表注：注：各单位于每季度末报送进展。" in meta["notes"]
    assert len(_tasks(result)) == 1


def test_a_sequence_of_ten_thousand_digits_is_no_sequence(run, tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(
        "序号\t责任单位\t工作任务\t完成时限\n" + "1" * 10_000 + "\t区司法局\t任务\t长期\n", encoding="utf-8"
    )
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"gpstd: {path}: 第2行的序号有 10000 位数字，不是序号；请检查这一行\n"


def test_numbering_afresh_in_each_part_passes_check(tmp_path: Path) -> None:
    result = _build(
        [
            ["序号", "工作任务", "责任单位", "完成时限"],
            ["一、标准目录", "", "", ""],
            ["1", "编制目录。", "区政府办", "2021年6月底前"],
            ["二、平台建设", "", "", ""],
            ["1", "建设平台。", "区政数局", "2021年12月底前"],
        ]
    )
    tasks = _tasks(result)
    assert [(t["id"], t["cells"]["seq"]) for t in tasks] == [(1, "1"), (2, "二.1")]
    assert "原表序号为「1」（各部分重新编号），cells.seq 记为「二.1」" in tasks[1]["note"]
    from gpstd.importer import writer

    _reg, problems = register.inspect("x.yaml", writer.to_yaml(result.data, "list.txt").encode("utf-8"))
    assert [p for p in problems if p.severity == "error"] == []


def test_a_list_whose_header_names_nothing_known_is_read_from_its_cells() -> None:
    result = _build(
        [
            ["某某区2021年重点任务分解表"] * 4,
            ["栏1", "栏2", "栏3", "栏4"],
            ["1", "制定公众参与行政决策的制度，并在网站公开。", "区司法局", "2021年3月31日前"],
            ["2", "编制政务公开事项标准目录，动态调整。", "区发展改革局、区民政局", "每季度"],
        ],
        title="",
    )
    assert result.layout.header_rows == [1]
    assert [t["units"]["lead"] for t in _tasks(result)] == [["区司法局"], ["区发展改革局", "区民政局"]]
    assert result.data["meta"]["title"] == "某某区2021年重点任务分解表"


def test_of_two_named_time_columns_the_surer_name_is_the_deadline() -> None:
    result = _build(
        [
            ["序号", "工作任务", "责任单位", "开始时间", "完成时间"],
            ["1", "编制目录。", "区政府办", "2021年1月", "2021年6月底前"],
        ]
    )
    assert result.layout.columns["deadline"] == 4 and result.layout.extra == [3]
    assert [i["due"] for i in _tasks(result)[0]["schedule"]] == [dt.date(2021, 6, 30)]


def test_a_column_named_like_a_section_is_the_task_when_no_other_text_is_left() -> None:
    """苍南县's 项目内容 (项目 reads as 方案项目) beside 当前进度, 牵头单位 and 备注: the only text
    column holds the tasks; a 项目 column beside a task column stays the section."""
    result = _build(
        [
            ["序号", "项目内容", "当前进度", "牵头单位", "备注"],
            [
                "1",
                "新(改、扩)建公办园5所,新增公办幼儿学位1000个。",
                "80%(进度滞后)",
                "县教育局",
                "市民生实事",
            ],
            ["2", "建设四好农村路55公里。", "95%", "县交通局", "县民生实事"],
        ]
    )
    assert result.layout.columns["task"] == 1 and "section" not in result.layout.columns
    assert [t["units"] for t in _tasks(result)] == [{"lead": ["县教育局"]}, {"lead": ["县交通局"]}]
    beside = _build(
        [
            ["项目", "工作任务", "责任单位"],
            ["一、政策解读", "制定解读方案，同步发布。", "区政府办"],
        ]
    )
    assert beside.layout.columns["section"] == 0 and beside.layout.columns["task"] == 1


def test_a_second_task_under_a_merged_sequence_is_no_continuation_in_a_text_file() -> None:
    """大竹县's item 5: 序号 and 责任单位 merged over two tasks with a time each; a text file keeps
    their text in the first row only. A row whose task breaks off mid-sentence still continues."""
    result = _build(
        [
            ["序号", "民生实事", "责任单位", "完成时限"],
            ["5", "开工建设县老年养护楼。", "县民政局", "5月底前动工"],
            ["", "开工建设老年大学。", "", "12月底前"],
            ["6", "迁建县政务服务中心，完成主体", "县代建中心", "12月底前"],
            ["", "工程。", "", ""],
        ],
        title="2016年民生实事目标任务分解表",
        merges_known=False,
    )
    tasks = _tasks(result)
    assert [t["cells"]["task"] for t in tasks] == [
        "开工建设县老年养护楼。",
        "开工建设老年大学。",
        "迁建县政务服务中心，完成主体工程。",
    ]
    assert tasks[1]["units"] == {"lead": ["县民政局"]}
    assert [i["due"] for i in tasks[1]["schedule"]] == [dt.date(2016, 12, 31)]
    assert "续行" in tasks[2]["note"]


@pytest.mark.parametrize(
    ("cell", "known", "lead", "cooperating"),
    [
        ("宣传处会办公室", {"办公室"}, ["宣传处"], ["办公室"]),
        ("区政府办会区财政局", set(), ["区政府办"], ["区财政局"]),
        ("宣传处会办公室", set(), ["宣传处会办公室"], []),  # 办公室 not written on its own
        ("开发区管委会办公室", {"办公室"}, ["开发区管委会办公室"], []),
        ("区社会事务局", {"事务局"}, ["区社会事务局"], []),
        ("区红十字会", set(), ["区红十字会"], []),
    ],
)
def test_hui_between_two_names_is_hui_tong(
    cell: str, known: set[str], lead: list[str], cooperating: list[str]
) -> None:
    """广东省卫健委's 宣传处会办公室: X会Y is X主办、Y会办 when Y is a name the list writes on its
    own (or one with its level); 管委会, 社会, 红十字会 stay inside their names."""
    found = names.split(cell, known)
    assert (found.lead, found.cooperating) == (lead, cooperating)


def test_the_names_a_list_writes_elsewhere_resolve_hui() -> None:
    result = _build(
        [
            ["序号", "细化分工", "责任处室", "完成时限"],
            ["1", "提高疫情信息发布规范化水平。", "宣传处会办公室", "2021年8月前"],
            ["2", "修订完善本部门主动公开目录。", "办公室", "长期推进"],
        ]
    )
    assert _tasks(result)[0]["units"] == {"lead": ["宣传处"], "cooperating": ["办公室"]}


@pytest.mark.parametrize(
    ("cell", "lead", "cooperating"),
    [
        ("区政府办公室*、区财政局", ["区政府办公室"], ["区财政局"]),
        ("区财政局*、区科技局、区投促中心", ["区财政局"], ["区科技局", "区投促中心"]),
        ("*区财政局、区发改局", ["区财政局"], ["区发改局"]),
        ("区财政局＊ 区发改局", ["区财政局"], ["区发改局"]),
        ("区发改局*、区财政局*", ["区发改局", "区财政局"], []),  # every name starred: all lead
        ("区发改局", ["区发改局"], []),
    ],
)
def test_a_star_after_a_name_marks_the_lead(cell: str, lead: list[str], cooperating: list[str]) -> None:
    """温州市龙湾区's 区财政局*、区科技局、区投促中心 (列*者为牵头单位): the starred names lead, the
    others cooperate, and the star is no part of a name."""
    found = names.split(cell)
    assert (found.lead, found.cooperating) == (lead, cooperating)


def test_starred_units_are_declared_without_the_star() -> None:
    result = _build(
        [
            ["序号", "重点工作", "责任单位"],
            ["1", "地区生产总值增长6.5%。", "区发改局"],
            ["2", "争取省市财政专项资金13亿元以上。", "区财政局*、区发改局"],
        ]
    )
    assert _tasks(result)[1]["units"] == {"lead": ["区财政局"], "cooperating": ["区发改局"]}
    declared = {u["name"] for u in result.data["units"]}
    assert "区财政局" in declared and not any("*" in n for n in declared)


@pytest.mark.parametrize(
    ("cell", "known", "lead"),
    [
        ("文化站 派出所工商质监所", {"工商质监所"}, ["文化站", "派出所", "工商质监所"]),
        ("派出所工商质监所", set(), ["派出所工商质监所"]),  # 工商质监所 not written on its own
        ("区政府办公室", {"办公室"}, ["区政府办公室"]),  # a body and its own office
        ("县委宣传部", {"宣传部"}, ["县委宣传部"]),
        ("县公安局派出所", {"派出所"}, ["县公安局派出所"]),
        ("区委组织部（区公务员局）", {"区公务员局"}, ["区委组织部（区公务员局）"]),
    ],
)
def test_two_names_glued_together_are_two_names(cell: str, known: set[str], lead: list[str]) -> None:
    """登封市徐庄镇's 派出所工商质监所 (the line break between them lost): two names of the same kind
    (所, 所) with nothing between them, the second written on its own elsewhere in the list, are two
    names; a body followed by its own office (区政府办公室) is one."""
    assert names.split(cell, known).lead == lead


def test_a_glued_name_is_cut_by_the_names_the_list_writes_elsewhere() -> None:
    result = _build(
        [
            ["专项整治行业名称", "时间安排", "责任单位"],
            ["特种设备", "7月份", "工商质监所 安监站"],
            ["网吧、KTV", "8月份", "文化站 派出所工商质监所"],
        ],
        title="徐庄镇2017年安全生产专项整治工作安排",
    )
    assert _tasks(result)[1]["units"] == {"lead": ["文化站", "派出所", "工商质监所"]}


def test_a_pages_date_line_gives_the_year_of_a_list_that_names_none(tmp_path: Path) -> None:
    """杭州市临安区 2022 (the third held-out round): a page with no title and no year in its table,
    but 发布时间：2022-07-14 above it; its 4月底前 is 2022's."""
    from gpstd.importer.run import run

    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>信息公开_某区人民政府</title></head><body>"
        "<div>当前位置：首页 &gt; 政务公开</div><div>发布时间：2022-07-14&nbsp;&nbsp;来源：区政府</div><table>"
        "<tr><td>序号</td><td>实事项目</td><td>工作举措及实施计划</td><td>责任单位</td><td>配合单位</td></tr>"
        "<tr><td>1</td><td>新建幼儿园7所。</td><td>1.4月底前主体完工。 2.8月底前竣工交付。</td>"
        "<td>教育局</td><td>财政局、妇联,各镇(街道)</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    task = run(path, None).result.data["tasks"][0]
    assert [item["due"] for item in task["schedule"]] == [dt.date(2022, 4, 30), dt.date(2022, 8, 31)]


@pytest.mark.parametrize(
    ("lines", "year"),
    [
        (["发布时间：2022-07-14 来源：区政府"], 2022),
        (["发文日期：2019/3/2"], 2019),
        (["成文日期：2020年5月6日"], 2020),
        (["填报单位：（盖章） 填报日期：2023年12月5日"], 2023),  # a sheet's line above its header
        (["浏览次数：2023"], None),  # a number, not a date line
        ([], None),
    ],
)
def test_the_issued_date_line(lines: list[str], year: int | None) -> None:
    source = tables.Source([], [tables.Table([["任务", "责任单位"], ["做好公开。", "各科室"]])])
    from gpstd.importer import rows

    records = rows.records(source.tables, build.gather(source.tables, build._layout(source, None))[0]).records
    assert build.list_year(source, records, "list.txt", lines) == year


@pytest.mark.parametrize("name", ["妇联", "区残联", "市侨联", "县文联", "工商联", "区科协", "县政协"])
def test_the_people_s_organisations_short_names_are_units(name: str) -> None:
    """临安's 配合单位 cell 财政局、教育局、…、妇联,各镇(街道): a column of such cells is a unit
    column even when its name says nothing (the cells alone decide)."""
    assert names.looks_like_unit(name)


def test_a_second_unit_column_is_read_by_its_cells_alone() -> None:
    result = _build(
        [
            ["栏1", "栏2", "栏3", "栏4"],
            ["1", "新建成成长驿站7家。", "卫生健康局", "财政局、教育局、民政局、妇联,各镇(街道)"],
            ["2", "新建成公办中小学7所。", "教育局", "发改局、住建局、国兴集团,锦城街道、昌化镇"],
        ]
    )
    assert _tasks(result)[0]["units"] == {
        "lead": ["卫生健康局"],
        "cooperating": ["财政局", "教育局", "民政局", "妇联", "各镇(街道)"],
    }


def test_short_role_labels_one_to_a_line_in_the_unit_cell() -> None:
    """牵头：区发改局 / 配合：区财政局、区统计局 in one cell: the labels are no part of a name, the
    units after 配合： cooperate. Controls: 区政府办牵头，区司法局配合 and a plain cell keep their reading."""
    result = _build(
        [
            ["责任单位", "序号", "工作任务", "时间节点"],
            ["牵头：区发改局\n配合：区财政局、区统计局", "1", "编制年度投资计划。", "2021年6月底前"],
            ["区政府办牵头，区司法局配合", "2", "清理规范性文件。", "2021年9月底前"],
            ["区教育局", "3", "新建学校2所。", "2021年12月底前"],
        ]
    )
    assert [t["units"] for t in _tasks(result)] == [
        {"lead": ["区发改局"], "cooperating": ["区财政局", "区统计局"]},
        {"lead": ["区政府办"], "cooperating": ["区司法局"]},
        {"lead": ["区教育局"]},
    ]
    declared = [u["name"] for u in result.data["units"]]
    assert not [n for n in declared if "：" in n or n in ("牵头", "配合")]


@pytest.mark.parametrize(
    ("title", "start", "dates"),
    [
        # three years in the title: 年底前 and 6月底前 may be any of them; 2024年底前 says which
        (
            "某县优化营商环境三年行动（2023—2025年）任务清单",
            dt.date(2023, 1, 1),
            [None, None, dt.date(2024, 12, 31)],
        ),
        ("某县2023年至2025年重点任务清单", dt.date(2023, 1, 1), [None, None, dt.date(2024, 12, 31)]),
        # two years named: which is the year-less 年底前's? (was the earlier, 2023)
        ("某县2023年工作总结和2025年工作计划", dt.date(2023, 1, 1), [None, None, dt.date(2024, 12, 31)]),
        # controls: a single year besides the span, or a single year alone, is the list's year
        (
            "某县2024年度三年行动（2023-2025年）任务清单",
            dt.date(2024, 1, 1),
            [dt.date(2024, 12, 31), dt.date(2024, 6, 30), dt.date(2024, 12, 31)],
        ),
        (
            "某县2023年重点任务清单",
            dt.date(2023, 1, 1),
            [dt.date(2023, 12, 31), dt.date(2023, 6, 30), dt.date(2024, 12, 31)],
        ),
    ],
)
def test_a_title_spanning_years_dates_no_year_less_deadline(
    title: str, start: dt.date, dates: list[dt.date | None]
) -> None:
    result = _build(
        [
            ["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "建成政务服务中心。", "县政务服务中心", "年底前"],
            ["2", "推进一网通办。", "县数据局", "6月底前"],
            ["3", "完成改造。", "县住建局", "2024年底前"],
        ],
        title=title,
    )
    assert result.data["meta"]["start"] == start
    assert [(t["schedule"] or [{}])[0].get("due") for t in _tasks(result)] == dates
    if dates[0] is None:
        assert any("清单跨 2023—2025 年" in m and "「年底前」" in m for m in _messages(result))


def test_the_years_of_the_task_text_are_not_the_list_s_year() -> None:
    """比2020年下降 and 到2025年 say what the work refers to: a list that names no year of its own
    dates no 年底前 by them (was 31 December 2020)."""
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "单位生产总值能耗比2020年下降13.5%。", "县发改局", "年底前"],
        ["2", "到2025年建成区绿化覆盖率达到40%。", "县住建局", "6月底前"],
    ]
    result = _build(rows, title="某县重点任务清单")
    assert [t["schedule"] for t in _tasks(result)] == [[], []]
    assert any("「年底前」" in m and "清单中也没有年份" in m for m in _messages(result))
    # controls: a year in the title is the list's; without a time column 到2025年 is still read
    dated = _build(rows, title="某县2023年重点任务清单")
    assert [t["schedule"][0]["due"] for t in _tasks(dated)] == [dt.date(2023, 12, 31), dt.date(2023, 6, 30)]
    untimed = _build([r[:3] for r in rows], title="某县重点任务清单")
    assert [item["due"] for item in _tasks(untimed)[1]["schedule"]] == [dt.date(2025, 12, 31)]


def test_a_column_of_quannian_is_the_time_column_not_people() -> None:
    """霍山's 全年 column, its name blanked: 全年 is as short as a name but the parser reads it, so
    the column is the time column (was taken for people, and no deadline read). The 叶林 column
    beside it stays the people column."""
    result = _build(
        [
            ["栏1", "栏2", "栏3", "栏4", "栏5"],
            ["1", "坚持服务跟着项目走，全力服务重大项目落地见效。", "叶林", "招商工作部、安商工作部", "全年"],
            ["2", "全力推进开发区空间再造，盘活存量土地400亩。", "马振明", "改革办", "全年"],
            ["3", "持续提升园区承载能力，加快推进污水管网提升项目。", "张云峰", "规划建设局", "全年"],
        ],
        title="2025年开发区重点工作及责任清单",
    )
    assert [t["schedule"][0]["due"] for t in _tasks(result)] == [dt.date(2025, 12, 31)] * 3
    assert _tasks(result)[0]["note"] == "栏3：叶林。"
    assert "人员「栏3」" in result.layout.describe() and "完成时间「栏5」" in result.layout.describe()


def test_a_start_column_beside_the_completion_column_is_no_deadline() -> None:
    """计划开工时间 / 计划完工时间: the deadline is when the work is done (was the first of the two
    named time columns, so 2024年3月 made the road due on 31 March instead of 31 October)."""
    result = _build(
        [
            ["序号", "项目名称", "建设内容", "计划开工时间", "计划完工时间", "责任单位"],
            ["1", "城区道路改造", "改造道路3公里。", "2024年3月", "2024年10月", "县住建局"],
            ["2", "新建幼儿园", "新建幼儿园1所。", "2024年5月", "2024年12月", "县教育局"],
        ]
    )
    assert [t["schedule"][0]["due"] for t in _tasks(result)] == [dt.date(2024, 10, 31), dt.date(2024, 12, 31)]
    # control: a start column alone is still no deadline, and its dates are not read as one
    alone = _build(
        [
            ["序号", "建设内容", "开始时间", "责任单位"],
            ["1", "改造道路3公里。", "2024年3月", "县住建局"],
        ]
    )
    assert _tasks(alone)[0]["schedule"] == []


def test_a_dash_or_wu_in_a_unit_column_names_no_unit() -> None:
    """无, ——, - in the 配合单位 column say there is none: no unit named 无 or —— is declared (they
    were), and a 责任单位 of 无 is a missing lead unit to fill in."""
    result = _build(
        [
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "任务甲。", "区发改委", "无", "2021年6月底前"],
            ["2", "任务乙。", "区财政局", "——", "2021年9月底前"],
            ["3", "任务丙。", "无", "区住建局", "2021年12月底前"],
        ]
    )
    assert [t["units"] for t in _tasks(result)] == [
        {"lead": ["区发改委"]},
        {"lead": ["区财政局"]},
        {"lead": [], "cooperating": ["区住建局"]},
    ]
    assert [u["name"] for u in result.data["units"]] == ["区发改委", "区财政局", "区住建局"]
    assert any("责任单位栏为空" in m for m in _messages(result))


def test_a_sheet_s_filled_in_line_is_no_part_of_the_title() -> None:
    """填报单位：（盖章） 填报日期：2023年12月5日 between a sheet's title row and its header: no part of
    the title (was glued onto it), and the date line gives the year of a list that names none."""
    result = _build(
        [
            ["某县重点工作推进台账", "", "", ""],
            ["填报单位：（盖章）", "", "填报日期：2023年12月5日", ""],
            ["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "完成道路改造。", "县交通局", "6月底前"],
        ],
        title="",
    )
    assert result.data["meta"]["title"] == "某县重点工作推进台账"
    assert _tasks(result)[0]["schedule"][0]["due"] == dt.date(2023, 6, 30)


@pytest.mark.parametrize(
    ("header", "note"),
    [("责任单位（列第一位的为牵头单位）", None), ("责任单位", "注：责任单位排在第一位的为牵头单位。")],
)
def test_a_list_that_says_its_first_unit_leads(header: str, note: str | None) -> None:
    """杭州's rule 列第一位的责任单位为牵头单位, in the header or a note row: the first unit of a
    cell leads and the others cooperate (all were lead units); a cell that marks its roles keeps them."""
    rows = [
        ["序号", "主要工作任务", header, "完成时限"],
        ["1", "地区生产总值增长6%。", "区发改局、区统计局、各街道", "2021年12月底前"],
        ["2", "推进一网通办。", "区政数局、区财政局牵头，各街道配合", "2021年6月底前"],
        ["3", "新建学校2所。", "区教育局", "2021年9月底前"],
    ]
    result = _build([*rows, *([[note, "", "", ""]] if note else [])])
    assert [t["units"] for t in _tasks(result)] == [
        {"lead": ["区发改局"], "cooperating": ["区统计局", "各街道"]},
        {"lead": ["区政数局", "区财政局"], "cooperating": ["各街道"]},
        {"lead": ["区教育局"]},
    ]
    assert any("列第一位的单位为牵头单位" in m for m in _messages(result))
    # control: without the rule every unit of the first cell leads
    plain = _build([["序号", "主要工作任务", "责任单位", "完成时限"], *rows[1:]])
    assert _tasks(plain)[0]["units"] == {"lead": ["区发改局", "区统计局", "各街道"]}


def test_a_number_and_a_short_title_beside_it_is_a_group_row_in_a_text_file(tmp_path: Path) -> None:
    """一 | 稳增长 | | : a sheet saved as text keeps a title merged over the rest of its row in the
    first cell only; the row is the group 一、稳增长, not a task (its unit was read from the row
    above: 惠民生 became a task of 县财政局). Control: a task numbered 1 with a short text stays a task."""
    from gpstd.importer.run import run

    path = tmp_path / "list.txt"
    path.write_text(
        "某县2024年重点任务清单\r\n序号\t工作任务\t责任单位\t完成时限\r\n一\t稳增长\t\t\r\n"
        "1\t新开工项目20个。\t县发改委\t6月底前\r\n2\t专项债发行。\t县财政局\t9月底前\r\n"
        "二\t惠民生\t\t\r\n3\t新增就业\t县人社局\t年底前\r\n",
        encoding="utf-8",
    )
    tasks = run(path, None).result.data["tasks"]
    assert [(t["section"], t["cells"]["task"], t["units"]["lead"]) for t in tasks] == [
        ("一", "新开工项目20个。", ["县发改委"]),
        ("一", "专项债发行。", ["县财政局"]),
        ("二", "新增就业", ["县人社局"]),
    ]
