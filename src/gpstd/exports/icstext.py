"""iCalendar (RFC 5545) content lines, written directly: values escaped, lines folded, CRLF.

The calendar export writes a few kinds of value (text, dates, a UTC time, a duration, a rule), so
they are written here rather than built as icalendar objects and serialised: at 10,000 tasks that
library's per-property objects took nine-tenths of the export's time. The tests read every file
back with icalendar, recurring_ical_events and khal.
"""

from __future__ import annotations

import datetime as dt
import re

LIMIT = 75
"""Octets a line may take before its CRLF (RFC 5545 3.1); a continuation's leading space counts."""
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped; any
    other control character (the format allows only TAB) as a space. CR and CRLF count as LF."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROLS.sub(" ", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def texts(values: list[str]) -> str:
    """A list of TEXT values (CATEGORIES): each escaped, separated by commas."""
    return ",".join(text(v) for v in values)


def date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def utc(moment: dt.datetime) -> str:
    moment = moment.astimezone(dt.UTC)
    return f"{date(moment)}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"


def duration(delta: dt.timedelta) -> str:
    """-P6DT15H for six days and fifteen hours before (RFC 5545 3.3.6)."""
    sign = "-" if delta < dt.timedelta(0) else ""
    seconds = abs(int(delta.total_seconds()))
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    if not days and not clock:
        return "PT0S"
    return f"{sign}P{f'{days}D' if days else ''}{f'T{clock}' if clock else ''}"


def fold(line: str) -> bytes:
    """One content line as UTF-8 with its CRLF, folded every 75 octets (a continuation starts
    with a space), never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= LIMIT:
        return data + b"\r\n"
    chunks = []
    start, room = 0, LIMIT
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        chunks.append(data[start:cut])
        start, room = cut, LIMIT - 1
    chunks.append(data[start:])
    return b"\r\n ".join(chunks) + b"\r\n"


def serialise(lines: list[str]) -> bytes:
    return b"".join(map(fold, lines))
