"""Posting messages to a group robot of 企业微信 (WeCom) or 钉钉 (DingTalk), stdlib only.

Message formats, as the services document them:

- WeCom group robot: POST JSON `{"msgtype": "markdown", "markdown": {"content": …}}`; the content
  at most 4096 bytes of UTF-8 (errcode 40058 past it); 20 messages a minute per robot.
- DingTalk custom robot: POST JSON `{"msgtype": "markdown", "markdown": {"title": …, "text": …}}`;
  the request body at most 20000 bytes; 20 messages a minute per robot (past it, throttled for
  10 minutes). A robot secured by 加签 takes `timestamp` and `sign` (HMAC-SHA256 of
  "timestamp\\nsecret", Base64) in the query string; one secured by keywords needs a keyword in the
  text (督办、提醒 are in every message).

Sources: WeCom 群机器人配置说明 <https://work.weixin.qq.com/api/doc/90000/90136/91770>
(developer.work.weixin.qq.com/document/path/91770); DingTalk 自定义机器人接入
<https://open.dingtalk.com/document/group/custom-robot-access> (每个机器人每分钟最多发送20条，
超过后限流10分钟, as quoted in copies of that page, e.g. help.h3yun.com/contents/1212/2357.html).

Both answer HTTP 200 with `{"errcode": 0, "errmsg": "ok"}` when the message is posted.

Nothing is posted twice: a request is tried again only when it certainly did not arrive (the
connection could not be made, or the server answered 429/502/503/504); a request whose answer
never came (a timeout while waiting, a dropped connection) may have been posted, so sending stops
there and the error says which units were sent. Messages are paced to the robots' 20 a minute.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gpstd.errors import GpstdError

PER_MINUTE = 20
TIMEOUT = 10.0
RETRIES = 3
_RETRY_STATUS = {429, 502, 503, 504}


class WebhookFailed(GpstdError):
    """A message the robot did not take; the message says what was sent before it."""


@dataclass(frozen=True)
class Service:
    key: str
    label: str
    max_bytes: int
    """The service's size limit, measured by `size`."""
    hosts: tuple[str, ...]

    def payload(self, title: str, content: str) -> dict[str, Any]:
        if self.key == "wecom":
            return {"msgtype": "markdown", "markdown": {"content": content}}
        return {"msgtype": "markdown", "markdown": {"title": title, "text": content}}

    def size(self, title: str, content: str) -> int:
        """What the limit counts: WeCom the content's bytes, DingTalk the whole body's."""
        if self.key == "wecom":
            return len(content.encode("utf-8"))
        return len(body(self.payload(title, content)))

    def fits(self, title: str) -> Callable[[str], bool]:
        return lambda content: self.size(title, content) <= self.max_bytes


SERVICES = {
    "wecom": Service("wecom", "企业微信", 4096, ("qyapi.weixin.qq.com",)),
    "dingtalk": Service("dingtalk", "钉钉", 20000, ("oapi.dingtalk.com",)),
}


def body(payload: dict[str, Any]) -> bytes:
    """The request body: compact UTF-8 JSON (escaped Chinese would triple the size)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def service_for(url: str, to: str | None) -> Service:
    """The service named by --to, else the one whose host the URL has; GpstdError otherwise."""
    check_url(url)
    if to is not None:
        if to not in SERVICES:
            raise GpstdError(f"--to 应为 wecom（企业微信）或 dingtalk（钉钉），实为「{to}」")
        return SERVICES[to]
    host = urllib.parse.urlsplit(url).hostname or ""
    for service in SERVICES.values():
        if host in service.hosts:
            return service
    raise GpstdError(f"无法从地址 {redact(url)} 判断是哪种机器人：请加 --to wecom 或 --to dingtalk")


def check_url(url: str) -> None:
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 - reading it checks it (0 to 65535)
    except ValueError:  # an unclosed [ of an IPv6 address, a port out of range
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in url.strip())
    ):
        raise GpstdError(f"--webhook 应为 http(s):// 开头的机器人地址，实为「{redact(url)}」")


def redact(url: str) -> str:
    """The address without its query (the robot's key): safe to print in logs."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url[:40]
    shown = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else url[:40]
    return shown + ("?…" if parts.query else "")


def signed(url: str, secret: str, now_ms: int) -> str:
    """The DingTalk address with 加签's timestamp and sign added."""
    digest = hmac.new(secret.encode(), f"{now_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={now_ms}&sign={sign}"


class _Retry(Exception):
    """The request certainly did not arrive: it may be tried again."""


@dataclass
class Sender:
    """Posts messages to one robot, paced and retried as the module says."""

    url: str
    service: Service
    secret: str | None = None
    timeout: float = TIMEOUT
    retries: int = RETRIES
    per_minute: int = PER_MINUTE
    sent: deque[float] = field(default_factory=deque)
    """When the last requests went out (time.monotonic), for pacing."""

    def post(self, title: str, content: str) -> None:
        """Post one message; WebhookFailed if the robot did not take it."""
        data = body(self.service.payload(title, content))
        for attempt in range(self.retries + 1):
            self._pace()
            try:
                answer = self._request(data)
            except _Retry as exc:
                if attempt == self.retries:
                    raise WebhookFailed(f"{exc}（已重试 {self.retries} 次）") from None
                time.sleep(2**attempt)
                continue
            self._check(answer)
            return

    def _pace(self) -> None:
        """At most `per_minute` requests in any 60 seconds."""
        now = time.monotonic()
        while self.sent and now - self.sent[0] >= 60:
            self.sent.popleft()
        if len(self.sent) >= self.per_minute:
            time.sleep(60 - (now - self.sent[0]))
            self.sent.popleft()
        self.sent.append(time.monotonic())

    def _request(self, data: bytes) -> bytes:
        url = self.url
        if self.secret:
            url = signed(url, self.secret, int(time.time() * 1000))
        request = urllib.request.Request(
            url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
        )
        where = f"{self.service.label}机器人 {redact(self.url)}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer: bytes = response.read()
                return answer
        except urllib.error.HTTPError as exc:
            if exc.code in _RETRY_STATUS:
                raise _Retry(f"{where} 暂时无法处理（HTTP {exc.code}）") from None
            raise WebhookFailed(f"{where} 拒绝了请求（HTTP {exc.code} {exc.reason}）") from None
        except urllib.error.URLError as exc:  # raised before the request was sent: it did not arrive
            raise _Retry(f"无法连接{where}：{_why(exc.reason)}") from None
        except (TimeoutError, OSError) as exc:
            raise WebhookFailed(
                f"等待{where}的答复时出错（{_why(exc)}）：这条消息可能已经发出，请到群中核对"
            ) from None

    def _check(self, answer: bytes) -> None:
        where = f"{self.service.label}机器人"
        try:
            reply = json.loads(answer.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise WebhookFailed(f"{where}的答复不是 JSON：{answer[:80]!r}") from None
        code = reply.get("errcode") if isinstance(reply, dict) else None
        if code != 0:
            message = reply.get("errmsg") if isinstance(reply, dict) else None
            raise WebhookFailed(f"{where}拒绝了消息（errcode {code}：{message}）")


def _why(reason: object) -> str:
    """Why a connection failed, in Chinese (the system's words are English)."""
    import socket
    import ssl

    from gpstd.files import os_reason

    if isinstance(reason, socket.gaierror):
        return "找不到这个地址的主机（域名解析失败，或没有联网）"
    if isinstance(reason, ssl.SSLError):
        return "安全连接（HTTPS）失败：证书无效或不受信任"
    if isinstance(reason, TimeoutError):
        return "超时"
    if isinstance(reason, OSError) and reason.errno:
        return os_reason(reason)
    return "连接中断"
