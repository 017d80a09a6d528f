"""Synthetic registers of any size, in the shapes of the seed (data/tasks.yaml).

    python benchmarks/make_register.py --tasks 10000 -o /tmp/tasks-10k.yaml

The header (meta, units, groups, comments) is the seed's, verbatim. Each task borrows a
seed task's verbatim cells and units (so the Chinese text, the unit names and the
collective terms are real), gets a unique id and a fresh schedule of every kind: dated
milestones, recurring clauses drawn from a pool of ~50 distinct rules (as a merged city
register would repeat the same few rules thousands of times), start dates, 长期 and 不定期.
Every schedule text appears verbatim in its cell, so the output passes `gpstd check`.
The same --seed gives the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "tasks.yaml"

ACTIONS = [
    "报区政府办（调研科）",
    "在区政府门户网站公开",
    "在区政府门户网站以文件汇编形式公开",
    "抄送区政府办（调研科）",
    "将工作情况报区政府办（调研科）",
    "将落实情况书面报区政府办（调研科）",
    "通过政务公开专区公开",
    "纳入网站季度通报",
]
MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _seed_header_and_tasks() -> tuple[str, list[dict[str, Any]]]:
    from ruamel.yaml import YAML

    text = SEED.read_text(encoding="utf-8")
    header = text[: text.index("\ntasks:") + 1]
    data = YAML(typ="safe").load(text)
    return header, data["tasks"]


def rule_pool() -> list[tuple[str, str, int]]:
    """(rrule, Chinese wording, weight): the kinds of rule a district's list actually uses."""
    from gpstd.schedule.recurrence import describe_rule, make_rule

    pool: list[tuple[str, str, int]] = []
    for month in range(1, 13):  # 每年M月D日前: the commonest shape
        for day in (-1, 10, 20):
            rule = make_rule("YEARLY", bymonth=(month,), bymonthday=(day,))
            pool.append((rule, describe_rule(rule) + "前", 3 if day == -1 else 1))
    quarter_end = make_rule("YEARLY", bymonth=(3, 6, 9, 12), bymonthday=(-1,))
    pool.append((quarter_end, "每季度", 8))
    pool.append((quarter_end, "每季度末", 4))
    pool.append((make_rule("YEARLY", bymonth=(1, 4, 7, 10), bymonthday=(10,)), "每季度结束后10日内", 4))
    pool.append((make_rule("YEARLY", bymonth=(6, 12), bymonthday=(-1,)), "每半年", 5))
    pool.append((make_rule("YEARLY", bymonth=(1, 7), bymonthday=(15,)), "每半年结束后15日内", 2))
    for day in (5, 10, 15, 25, -1):
        rule = make_rule("MONTHLY", bymonthday=(day,))
        pool.append((rule, describe_rule(rule) + "前", 2))
    for weekday in ("MO", "FR"):
        rule = make_rule("WEEKLY", byday=(weekday,))
        pool.append((rule, describe_rule(rule), 1))
    rule = make_rule("YEARLY", interval=2, bymonth=(12,), bymonthday=(-1,))
    pool.append((rule, describe_rule(rule) + "末", 1))
    return pool


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _random_day(rng: random.Random) -> dt.date:
    year = rng.choice((2020, 2020, 2021, 2021, 2022, 2023))
    month = rng.randint(9 if year == 2020 else 1, 12)
    day = rng.choice((MONTH_END[month], MONTH_END[month], 15, 20, 10))
    return dt.date(year, month, day)


class TaskMaker:
    def __init__(self, seed_tasks: list[dict[str, Any]], rng: random.Random):
        self.seed_tasks = seed_tasks
        self.rng = rng
        self.pool = rule_pool()
        self.weights = [w for _r, _t, w in self.pool]

    def schedule(self) -> tuple[list[dict[str, Any]], list[str], list[str]]:
        """Schedule items and the deadline-cell and task-cell clauses they quote."""
        rng = self.rng
        items: list[dict[str, Any]] = []
        deadline: list[str] = []
        task_clauses: list[str] = []
        shape = rng.choices(
            ("dated", "dated2", "recurring", "start", "ongoing", "irregular"), weights=(40, 15, 30, 7, 5, 3)
        )[0]
        if shape in ("dated", "dated2"):
            for day in sorted({_random_day(rng) for _ in range(1 if shape == "dated" else 2)}):
                action = rng.choice(ACTIONS)
                text = f"{_cn_date(day)}前，{action}" if rng.random() < 0.6 else f"{_cn_date(day)}前"
                item = {"kind": "dated", "text": text, "due": day.isoformat()}
                if text != f"{_cn_date(day)}前":
                    item["action"] = action
                items.append(item)
                deadline.append(text)
        elif shape == "recurring":
            rule, wording, _w = rng.choices(self.pool, weights=self.weights)[0]
            action = rng.choice(ACTIONS)
            text = f"{wording}{action}"
            item = {"kind": "recurring", "text": text, "rrule": rule, "action": action}
            if wording in ("每季度", "每半年"):  # the day is the register's reading: 推定
                item["assumed"] = True
            if rng.random() < 0.15:  # the rule stated in the task text, as seed task 13 does
                item["source"] = "task"
                task_clauses.append(text)
            elif rng.random() < 0.3:  # 2021年3月起，每季度…: the start bounds the rule after it
                first = _random_day(rng)
                item["text"] = text = f"{first.year}年{first.month}月起，{text}"
                item["start"] = first.replace(day=1).isoformat()
                deadline.append(text)
            else:
                deadline.append(text)
            items.append(item)
        elif shape == "start":
            first = _random_day(rng).replace(day=1)
            text = f"{_cn_date(first)}起"
            items.append({"kind": "start", "text": text, "start": first.isoformat()})
            deadline.append(text)
        else:
            text = "长期" if shape == "ongoing" else "不定期"
            items.append({"kind": shape, "text": text})
            deadline.append(text)
        return items, deadline, task_clauses

    def task(self, task_id: int) -> dict[str, Any]:
        template = self.rng.choice(self.seed_tasks)
        items, deadline, task_clauses = self.schedule()
        task_text = template["cells"]["task"]
        if task_clauses:
            task_text = task_text.rstrip("。") + "，" + "，".join(task_clauses) + "。"
        out = {
            "id": task_id,
            "section": template["section"],
            "cells": {
                "seq": str(task_id),
                "responsible": template["cells"]["responsible"],
                "task": task_text,
                "deadline": "，".join(deadline) + "。" if deadline else "长期。",
                "section": template["cells"]["section"],
            },
            "units": template["units"],
            "schedule": items,
        }
        if not items:
            out["schedule"] = [{"kind": "ongoing", "text": "长期"}]
        return out


# --- a small block-style YAML writer: 100,000 tasks in seconds, in the seed's style ---

_NOT_PLAIN = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|: | #|\s$|[\n\t]""")
_RESOLVES = re.compile(r"^(?:[-+0-9.:_ eExXoO]*|true|false|yes|no|on|off|y|n|null|~)$", re.IGNORECASE)


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # a date, as the seed writes it
    if value == "" or _NOT_PLAIN.search(value) or _RESOLVES.match(value):
        return json.dumps(value, ensure_ascii=False)
    return value


def emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                emit(item, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {scalar(item) if item != [] else '[]'}")
    else:
        for item in value:
            if isinstance(item, dict):
                inner: list[str] = []
                emit(item, indent + 2, inner)
                inner[0] = f"{pad}- " + inner[0][indent + 2 :]
                out.extend(inner)
            else:
                out.append(f"{pad}- {scalar(item)}")


def make(n: int, seed: int = 2020) -> str:
    header, seed_tasks = _seed_header_and_tasks()
    maker = TaskMaker(seed_tasks, random.Random(seed))
    out = [header.rstrip("\n"), "tasks:"]
    for task_id in range(1, n + 1):
        emit([maker.task(task_id)], 2, out)
        out.append("")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, required=True, help="number of tasks")
    parser.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
    args = parser.parse_args(argv)
    text = make(args.tasks, args.seed)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{args.output}: {args.tasks} tasks, {len(text.encode()) / 1048576:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
