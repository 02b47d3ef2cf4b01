"""Text finding on pages that hold no text: a speckled page is refused at once, a word next to specks is kept."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from recode_dsl.perception import text


def test_a_speckled_page_is_refused_before_its_marks_are_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    page = np.ones((700, 700, 3))
    page[rng.random((700, 700)) < 0.15] = 0.0
    marks = ndimage.label(page[..., 0] < 0.5, structure=np.ones((3, 3)))[1]
    assert marks > text.MAX_MARKS  # the page is past the cap, so the rule is what is tested

    def measured(*args: object, **kwargs: object) -> None:
        raise AssertionError("a page of specks was measured mark by mark (seconds of CPU on a large page)")

    monkeypatch.setattr(ndimage, "maximum", measured)  # the module text.py calls
    assert text.find_texts(page, read=False) == []


def test_under_the_cap_letters_are_still_found() -> None:
    page = np.ones((200, 400, 3))
    for k in range(5):  # five letter-sized blocks in a row: one line of text
        page[90:102, 100 + 9 * k:106 + 9 * k] = 0.0
        page[94:98, 102 + 9 * k:104 + 9 * k] = 1.0  # hollow, as strokes are, not a solid swatch
    found = text.find_texts(page, read=False)
    assert len(found) == 1
    x0, y0, x1, y1 = found[0].box
    assert x0 <= 100 and x1 >= 142 and y0 <= 90 and y1 >= 102
