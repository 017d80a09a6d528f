"""Issue 15's measure: the real lists of tests/corpus/lists, each rendered as docx, xlsx, html, txt
and csv, imported, checked, and every row compared with what a careful reader takes from it."""

from __future__ import annotations

from pathlib import Path

from importer.corpus_eval import evaluate


def test_real_lists_import_and_read_right(tmp_path: Path) -> None:
    score = evaluate(tmp_path)
    report = "\n".join(
        [*score.lines(), *(w for f in score.files for w in [f.key + " " + f.fmt, *f.wrong] if f.wrong)]
    )
    # 26 lists × 5 formats: 17, 4 held-out (heldout-*), 2 of the second held-out round (heldout2-*),
    # 2 of the third (heldout3-*) and 1 of the fourth (heldout4-*)
    assert len(score.files) == 130
    assert score.imported >= 0.9 * len(score.files), report
    assert score.share("both_right") >= 0.9, report
    # A short list must not drown its user: one item per doubt (issue 15, point 7).
    assert max(f.reviews for f in score.files) <= 12, report


def test_real_lists_read_from_their_cells_alone(tmp_path: Path) -> None:
    """Header names are priors, not the only signal: with every name blanked, the cells decide."""
    score = evaluate(tmp_path, formats=("xlsx", "txt"), blank_headers=True)
    assert score.imported >= 0.9 * len(score.files), score.lines()
    assert score.share("both_right") >= 0.9, score.lines()
