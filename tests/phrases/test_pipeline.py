"""The parser's house rules: its modules are stages that import only the stages before them, and
every token kind has a recogniser."""

from __future__ import annotations

import ast
from pathlib import Path

from gpstd.phrases import tokens
from gpstd.phrases.lexicon import Tok

PACKAGE = Path(tokens.__file__).parent
# The order a cell goes through the parser (docs/phrases.md); __init__ is the API over all of them.
STAGES = [
    "lexicon",
    "readers",
    "tokens",
    "names",
    "split",
    "part",
    "words",
    "points",
    "dated",
    "rules",
    "offsets",
    "exemptions",
    "clauses",
    "merge",
]


def _phrase_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gpstd.phrases."):
            found.add((node.module or "").rsplit(".", 1)[1])
    return found


def test_every_module_is_a_stage() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set(STAGES)


def test_each_stage_imports_only_the_stages_before_it() -> None:
    for i, stage in enumerate(STAGES):
        later = _phrase_imports(PACKAGE / f"{stage}.py") - set(STAGES[:i])
        assert later == set(), f"{stage} imports {later}"


def test_every_token_kind_has_a_recogniser() -> None:
    assert {kind for kind, *_ in tokens.table()} == set(Tok)
