"""Write docs/cli-reference.md from the `--help` of every command (tests check it is current).

Run: .venv/bin/python scripts/cli_reference.py > docs/cli-reference.md
"""

from __future__ import annotations

import os

os.environ.setdefault("COLUMNS", "100")


def commands() -> list[list[str]]:
    from gpstd.cli import build

    app = build()
    from typer.main import get_command

    root = get_command(app)
    out: list[list[str]] = []
    for name in sorted(root.commands):  # type: ignore[attr-defined]
        sub = root.commands[name]  # type: ignore[attr-defined]
        if hasattr(sub, "commands"):
            out += [[name, child] for child in sorted(sub.commands)]
        else:
            out.append([name])
    return out


def help_text(args: list[str]) -> str:
    from typer.testing import CliRunner

    from gpstd.cli import build

    app = build()

    return CliRunner().invoke(app, [*args, "--help"], terminal_width=100).stdout


def render() -> str:
    parts = [
        "# 命令参考（由 `--help` 生成）\n",
        "本文件由 `scripts/cli_reference.py` 生成，请勿手改；示例与说明见 [cli.md](cli.md)。\n",
    ]
    for args in [[], *commands()]:
        title = " ".join(["gpstd", *args])
        parts.append(f"## {title}\n\n```text\n{help_text(args).rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
