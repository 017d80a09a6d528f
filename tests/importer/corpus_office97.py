"""The real lists of tests/corpus/lists as Office 97–2003 files (.xls and .doc), scored like the
other formats.

CI has no LibreOffice, so this is run by hand where `soffice` is installed: each list is rendered
as .xlsx or .docx (tests/corpus/render_lists.py), saved as .xls or .doc by LibreOffice, imported and
scored by `importer.corpus_eval.score_file`. Run
`PYTHONPATH=tests .venv/bin/python -m importer.corpus_office97 [xls|doc]` (both when none is named).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from importer.corpus_eval import renderer, score_file

# Each old format, from the newer one LibreOffice converts.
FROM = {"xls": "xlsx", "doc": "docx"}


def score(fmt: str) -> None:
    render = renderer()
    specs = render.load_specs()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        newer = [str(render.render(spec, FROM[fmt], out / FROM[fmt])) for spec in specs]
        command = ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out / fmt), *newer]
        subprocess.run(command, check=True, capture_output=True)
        scores = [
            score_file(spec, fmt, out / fmt / f"{spec['key']}.{fmt}", out / fmt / f"{spec['key']}.yaml")
            for spec in specs
        ]
    passed = sum(1 for s in scores if s.imported and s.checked)
    print(f".{fmt}: files imported and passing check: {passed}/{len(scores)}")
    print(
        f".{fmt}: rows with both right: {sum(s.both_right for s in scores)} of {sum(s.rows for s in scores)}"
    )
    for s in scores:
        if s.error:
            print(f"{s.key}: {s.error[:200]}")
        for line in s.wrong:
            print(f"{s.key}: {line}")


def main(argv: list[str]) -> int:
    for fmt in argv or list(FROM):
        score(fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
