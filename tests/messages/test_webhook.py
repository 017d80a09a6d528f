"""Posting reminders to a group robot: one POST per unit, in the service's JSON, never twice."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse

import pytest

from gpstd.messages import webhook
from messages.robot import robot

TODAY = "2020-11-25"


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Waits are recorded, not waited: the clock moves on by each (and by nothing else)."""
    waits: list[float] = []
    now = [1000.0]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(webhook.time, "sleep", sleep)
    monkeypatch.setattr(webhook.time, "monotonic", lambda: now[0])
    return waits


def _expected_units(run) -> list[dict]:
    result = run("remind", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_one_post_per_unit_in_wecom_markdown(run, _no_waiting) -> None:
    blocks = _expected_units(run)
    with robot() as bot:
        result = run("remind", "--today", TODAY, "--webhook", bot.url, "--to", "wecom")
    assert result.exit_code == 0, result.stderr
    assert len(bot.posts) == len(blocks) == 26
    for post, block in zip(bot.posts, blocks):
        assert post == {"msgtype": "markdown", "markdown": {"content": block["markdown"].rstrip("\n")}}
        assert len(post["markdown"]["content"].encode()) <= 4096
    assert bot.posts[0]["markdown"]["content"].startswith(
        "### 督办提醒：区政府办\n截至2020年11月25日，逾期未完成3项。"
    )
    # the blocks are posted, not printed: one line per unit, then the count
    lines = result.stdout.splitlines()
    assert lines[0] == "已发送：区政府办（逾期 3 项，临近到期 0 项）"
    assert lines[-1] == "共向企业微信机器人发送 26 个单位的提醒，26 条消息。"
    assert "任务" not in result.stdout
    # 20 messages a minute: the 21st waits for the first minute to pass
    assert _no_waiting == [60]


def test_dingtalk_gets_title_and_text_and_a_signature(run) -> None:
    with robot() as bot:
        result = run(
            "remind",
            "--today",
            TODAY,
            "--unit",
            "区民政局",
            "--webhook",
            bot.url,
            "--to",
            "dingtalk",
            "--secret",
            "SECabc",
        )
    assert result.exit_code == 0, result.stderr
    assert len(bot.posts) == 1
    (post,) = bot.posts
    assert post["msgtype"] == "markdown"
    assert post["markdown"]["title"] == "督办提醒：区民政局"
    assert post["markdown"]["text"].startswith("### 督办提醒：区民政局\n")
    assert "**已逾期86天**" in post["markdown"]["text"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(bot.paths[0]).query)
    stamp = query["timestamp"][0]
    expected = base64.b64encode(hmac.new(b"SECabc", f"{stamp}\nSECabc".encode(), hashlib.sha256).digest())
    assert query["sign"][0] == expected.decode()
    assert query["key"] == ["secret-key"]


def test_a_refusal_stops_the_run_and_names_what_was_sent(run) -> None:
    with robot() as bot:
        bot.answers = [
            (200, {"errcode": 0, "errmsg": "ok"}),
            (200, {"errcode": 93000, "errmsg": "invalid webhook url"}),
        ]
        result = run("remind", "--today", TODAY, "--webhook", bot.url, "--to", "wecom")
    assert result.exit_code == 1
    assert len(bot.posts) == 2  # the refused one is not tried again, the rest not sent
    assert (
        "「区政务服务数据管理局」的提醒未能发出：企业微信机器人拒绝了消息（errcode 93000：invalid webhook url）"
        in result.stderr
    )
    assert "已发出 1 个单位：区政府办；未发出：区政务服务数据管理局、区发展改革局" in result.stderr
    assert "secret-key" not in result.stderr
    assert result.stdout == "已发送：区政府办（逾期 3 项，临近到期 0 项）\n"


def test_a_busy_robot_is_tried_again_and_posts_once(run, _no_waiting) -> None:
    with robot() as bot:
        bot.answers = [(503, {}), (502, {})]
        result = run("remind", "--today", TODAY, "--unit", "区民政局", "--webhook", bot.url, "--to", "wecom")
    assert result.exit_code == 0, result.stderr
    assert len(bot.posts) == 3  # two refused before taking it, then one message in the group
    assert _no_waiting == [1, 2]


def test_no_answer_is_not_retried(run, monkeypatch) -> None:
    monkeypatch.setattr(webhook, "TIMEOUT", 0.5)
    monkeypatch.setattr(webhook.Sender, "__init__", _short_timeout(webhook.Sender.__init__))
    with robot() as bot:
        bot.stall = {0}
        result = run("remind", "--today", TODAY, "--unit", "区民政局", "--webhook", bot.url, "--to", "wecom")
    assert result.exit_code == 1
    assert len(bot.posts) == 1  # it may have arrived: never sent again
    assert "这条消息可能已经发出，请到群中核对" in result.stderr


def _short_timeout(init):
    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.timeout = 0.5

    return patched


def test_nobody_listening_is_a_message_not_a_traceback(run, _no_waiting) -> None:
    result = run(
        "remind",
        "--today",
        TODAY,
        "--unit",
        "区民政局",
        "--webhook",
        "http://127.0.0.1:9/x?key=k",
        "--to",
        "wecom",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "gpstd: 「区民政局」的提醒未能发出：无法连接企业微信机器人 http://127.0.0.1:9/x?…"
    )
    assert "已重试 3 次" in result.stderr
    assert (
        "连接被拒绝" in result.stderr and "Errno" not in result.stderr
    )  # was [Errno 111] Connection refused


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--webhook", "ftp://x/y"], "--webhook 应为 http(s):// 开头的机器人地址"),
        # urllib's ValueError (Invalid IPv6 URL, Port out of range) was an internal error
        (["--webhook", "http://[::1/x", "--to", "wecom"], "--webhook 应为 http(s):// 开头的机器人地址"),
        (["--webhook", "http://a.cn:99999/x", "--to", "wecom"], "--webhook 应为 http(s):// 开头的机器人地址"),
        (
            ["--webhook", "https://example.org/hook?key=1"],
            "无法从地址 https://example.org/hook?… 判断是哪种机器人",
        ),
        (
            ["--webhook", "https://example.org/", "--to", "feishu"],
            "--to 应为 wecom（企业微信）或 dingtalk（钉钉）",
        ),
    ],
)
def test_bad_robot_options(run, args, message) -> None:
    result = run("remind", "--today", TODAY, *args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_a_secret_is_for_dingtalk_only(run) -> None:
    with robot() as bot:
        result = run("remind", "--today", TODAY, "--webhook", bot.url, "--to", "wecom", "--secret", "SECabc")
    assert result.exit_code == 2
    assert "--secret（加签）只用于钉钉机器人" in result.stderr
    assert bot.posts == []


def test_service_is_known_from_the_official_hosts() -> None:
    assert webhook.service_for("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", None).key == "wecom"
    assert webhook.service_for("https://oapi.dingtalk.com/robot/send?access_token=x", None).key == "dingtalk"


def test_sizes_are_what_each_service_counts() -> None:
    wecom, ding = webhook.SERVICES["wecom"], webhook.SERVICES["dingtalk"]
    assert wecom.size("t", "汉字") == 6
    assert ding.size("t", "汉字") == len(
        '{"msgtype":"markdown","markdown":{"title":"t","text":"汉字"}}'.encode()
    )
