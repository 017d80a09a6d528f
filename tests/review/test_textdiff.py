"""gpstd.review.textdiff: verbatim cells against their edits, marked as a reader of Chinese reads them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpstd.review.textdiff import segments


def marked(old: str, new: str) -> str:
    return "".join(
        s.text if s.op == "equal" else f"[-{s.text}-]" if s.op == "delete" else f"{{+{s.text}+}}"
        for s in segments(old, new)
    )


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("2020年10月31日前", "2020年11月30日前", "2020年[-10月31-]{+11月30+}日前"),
        ("2020年9月30日前。", "2020年10月30日前。", "2020年[-9-]{+10+}月30日前。"),
        (
            "落实文件确定和标注公开属性。",
            "落实文件确定和标注公开属性，并定期自查。",
            "落实文件确定和标注公开属性{+，并定期自查+}。",
        ),
        ("区政府办会同区司法局", "区政府办组织区司法局", "区政府办[-会同-]{+组织+}区司法局"),
        ("长期。", "", "[-长期。-]"),
        ("", "（二十）", "{+（二十）+}"),
        ("FREQ=YEARLY", "FREQ=MONTHLY", "FREQ=[-YEARLY-]{+MONTHLY+}"),
        ("相同", "相同", "相同"),
    ],
)
def test_marked_runs(old, new, shown):
    assert marked(old, new) == shown


@given(
    st.text(alphabet="年月日前区镇街12 3,，。ab", max_size=30),
    st.text(alphabet="年月日前区镇街12 3,，。ab", max_size=30),
)
def test_the_runs_give_back_both_texts(old, new):
    runs = segments(old, new)
    assert "".join(s.text for s in runs if s.op != "insert") == old
    assert "".join(s.text for s in runs if s.op != "delete") == new
    assert all(s.text for s in runs)
