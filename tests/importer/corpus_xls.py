"""The real lists of tests/corpus/lists as Excel 97–2003 files, scored like the other formats.

CI has no LibreOffice, so this is run by hand where `soffice` is installed: each list is rendered
as .xlsx (tests/corpus/render_lists.py), saved as .xls by LibreOffice, imported and scored by
`importer.corpus_eval.score_file`. Run `PYTHONPATH=tests .venv/bin/python -m importer.corpus_xls`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from importer.corpus_eval import renderer, score_file


def main() -> int:
    render = renderer()
    specs = render.load_specs()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        books = [str(render.render(spec, "xlsx", out / "xlsx")) for spec in specs]
        command = ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(out / "xls"), *books]
        subprocess.run(command, check=True, capture_output=True)
        scores = [
            score_file(spec, "xls", out / "xls" / f"{spec['key']}.xls", out / "xls" / f"{spec['key']}.yaml")
            for spec in specs
        ]
    passed = sum(1 for s in scores if s.imported and s.checked)
    print(f"files imported and passing check: {passed}/{len(scores)}")
    print(f"rows with both right: {sum(s.both_right for s in scores)} of {sum(s.rows for s in scores)}")
    for s in scores:
        for line in s.wrong:
            print(f"{s.key}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
