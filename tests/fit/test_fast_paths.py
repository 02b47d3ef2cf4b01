"""The critic's fast paths read what the plain computations read (issue 11, critic CPU): a line's
runs from an index built once an image, a pie's rings sampled for three channels at once, the
cover worked channel by channel."""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from recode_dsl.fit import marks as K
from recode_dsl.fit.image import coverage, dist2


def test_runs_read_in_a_window_as_in_the_window_alone() -> None:
    rng = np.random.default_rng(3)
    alpha = np.zeros((60, 40))
    for c in range(40):  # a line 3 px thick drifting down, a faint gridline, a mark at the top
        alpha[20 + c // 4:23 + c // 4, c] = 1.0
        alpha[19 + c // 4, c] = 0.4
        alpha[45, c] = 0.3
    alpha[2:8, 10:14] = 1.0
    alpha += rng.uniform(0, 0.05, alpha.shape)
    runs = K.runs_of(alpha.T)  # one line a column
    lo = np.full(40, 10)
    hi = np.full(40, 50)
    expect = 21.5 + np.arange(40) / 4
    centre, mass = K._nearest_runs(runs, 0, lo, hi, expect)
    for c in range(40):  # the same column read on its own, by hand
        col = alpha[:, c]
        s = e = 21 + c // 4  # the run through the line's middle (the mark at the top is outside)
        while s > 10 and col[s - 1] > 0.25:
            s -= 1
        while e < 50 and col[e] > 0.25:
            e += 1
        a0, a1 = max(s - 1, 10), min(e + 1, 50)
        m = col[a0:a1].sum()
        assert math.isclose(mass[c], m, rel_tol=1e-9)
        assert math.isclose(centre[c], float((col[a0:a1] * (np.arange(a0, a1) + 0.5)).sum() / m), rel_tol=1e-9)
    # a window that holds nothing strong (the faint gridline only) reads nothing
    centre, _ = K._nearest_runs(runs, 0, np.full(40, 40), np.full(40, 50), np.full(40, 45.5))
    assert np.isnan(centre).all()


def test_rings_sampled_as_scipy_samples_them() -> None:
    rng = np.random.default_rng(5)
    img = rng.uniform(0, 1, (30, 40, 3))
    rows, cols = rng.uniform(-2, 32, 500), rng.uniform(-2, 42, 500)
    want = np.stack([ndimage.map_coordinates(img[..., k], [rows, cols], order=1, mode="nearest")
                     for k in range(3)], axis=-1)
    assert np.abs(K._bilinear(img, rows, cols) - want).max() < 1e-12


def test_cover_channel_by_channel_is_the_projection() -> None:
    rng = np.random.default_rng(7)
    px = rng.uniform(0, 1, (50, 3))
    fg, bg = (0.2, 0.4, 0.7), (0.95, 0.95, 0.9)
    got = coverage(px, fg, bg, 1.2)
    d = np.subtract(fg, bg)
    rel = px - np.asarray(bg)
    t = rel @ d / (d @ d)
    resid = np.linalg.norm(rel - t[:, None] * d, axis=1)
    want = np.where((resid <= max(0.06, 0.2 * np.linalg.norm(d))) & (t <= 1.2), np.clip(t, 0, 1), 0.0)
    assert np.abs(got - want).max() < 1e-12
    assert np.abs(dist2(px, fg) - ((px - np.asarray(fg)) ** 2).sum(axis=1)).max() < 1e-12


def test_near_any_reads_what_the_maximum_filter_reads() -> None:
    rng = np.random.default_rng(11)
    for shape in ((1, 5), (4, 9), (30, 17), (60, 3)):
        mask = rng.uniform(size=shape) > 0.93
        at = rng.integers(0, shape[0], shape[1])
        for reach in (0, 1, 3):
            plain = ndimage.maximum_filter1d(mask.astype(np.int8), 2 * reach + 1, axis=0, mode="constant")
            want = plain[at, np.arange(shape[1])] > 0
            assert K.near_any(mask, at, reach).tolist() == want.tolist()
            assert K.near_any(np.ascontiguousarray(mask.T).T, at, reach).tolist() == want.tolist()  # a transposed view
    assert K.near_any(np.zeros((0, 4), bool), np.zeros(4, np.int64), 3).tolist() == [False] * 4


def test_the_background_kept_for_an_image_is_the_one_worked_out_again() -> None:
    from recode_dsl.fit.measure import _background, _ring_background
    from recode_dsl.renderer import chart_marks

    rng = np.random.default_rng(7)
    img = np.full((120, 160, 3), 0.92)
    img[30:90, 40:60] = (0.2, 0.4, 0.8)  # a bar reaching the ring
    img += rng.uniform(0, 0.01, img.shape)
    box = (20.4, 10.6, 150.2, 110.0)
    bar = chart_marks.Rect(0, 0, 40.0, 30.0, 60.0, 110.0, (0.2, 0.4, 0.8), 1.0, False)
    for marks in ((), (bar,)):
        first = _background(img, box, marks)
        again = _background(img, box, marks)  # from the memo where no bar is placed
        plain = _ring_background(img.copy(), box, marks)
        assert first == again == plain


def test_wedge_colours_from_kept_distances_as_worked_out_plainly() -> None:
    rng = np.random.default_rng(13)
    fills = [(0.9, 0.2, 0.1), (0.1, 0.5, 0.9), (0.2, 0.8, 0.3)]
    img = np.ones((50, 70, 3))
    img[5:45, 5:25], img[5:45, 25:45], img[5:45, 45:65] = fills
    img += rng.normal(0, 0.04, img.shape)
    bg = (1.0, 1.0, 1.0)

    def plain(fs: list[tuple[float, float, float]]) -> object:
        off = dist2(img, bg) > 0.05 ** 2
        near = np.min([dist2(img, f) for f in fs], axis=0) < 0.12 ** 2
        return (off & near).tolist()

    for fs in (fills, fills[:2], fills[1:], fills):  # the later ones from kept distances
        assert K._label_colours(img, fs, bg).tolist() == plain(fs)


def _plain_runs(alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The runs and prefix sums over whole lines, as runs_of worked them out before it kept only
    the cells of cover."""
    n, length = alpha.shape
    on = np.zeros((n, length + 2), np.int8)
    on[:, 1:-1] = alpha > 0.25
    d = np.diff(on, axis=1).ravel()
    at = np.flatnonzero(d)
    line, start = np.divmod(at[d[at] == 1], length + 1)
    end = at[d[at] == -1] % (length + 1)
    cw, cwi = np.zeros((n, length + 1)), np.zeros((n, length + 1))
    np.cumsum(alpha, axis=1, out=cw[:, 1:])
    np.cumsum(alpha * (np.arange(length) + 0.5), axis=1, out=cwi[:, 1:])
    return np.stack([line, start, end]), cw, cwi, np.cumsum(alpha >= 0.6, axis=1), on


def test_runs_sums_are_the_prefix_sums_to_the_last_bit() -> None:
    rng = np.random.default_rng(11)
    kept = set()
    for shape, share in (((50, 300), 0.05), ((30, 90), 0.9), ((7, 5), 0.5), ((4, 80), 0.0)):
        alpha = np.where(rng.uniform(0, 1, shape) < share, rng.uniform(0, 1, shape), 0.0)
        alpha[1, :] = rng.uniform(0, 1, shape[1])  # a line of cover all along (over the padded block's width)
        alpha[-1, -1] = 0.9  # a run at the very end of the last line
        runs = K.runs_of(alpha)
        kept.add(runs.cw.ndim)  # 1: the cells of cover kept; 2: prefix sums over dense cover
        want_runs, cw, cwi, strong, _ = _plain_runs(alpha)
        assert np.array_equal(np.stack([runs.line, runs.start, runs.end]), want_runs)
        n, length = shape
        ln = np.repeat(np.arange(n), length + 1)
        p = np.tile(np.arange(length + 1), n)
        w, m = runs.sums(ln, p)
        # the same floats: every bit (a zero's sign aside, which no sum read can show)
        assert np.array_equal(w, cw[ln, p]) and np.array_equal(m, cwi[ln, p])
        s = rng.integers(0, length + 1, len(ln))
        e = np.maximum(s, rng.integers(0, length + 1, len(ln)))
        before = np.concatenate([np.zeros((n, 1), np.int64), strong], axis=1)
        assert np.array_equal(runs.strong_in(ln, s, e), before[ln, e] - before[ln, s])
    assert kept == {1, 2}
    # a view across an image's columns (a line a column), as the line reader passes it
    img = np.where(rng.uniform(0, 1, (40, 70)) < 0.1, rng.uniform(0, 1, (40, 70)), 0.0)
    runs, (_, cw, _, _, _) = K.runs_of(img.T), _plain_runs(np.ascontiguousarray(img.T))
    w, _ = runs.sums(np.repeat(np.arange(70), 41), np.tile(np.arange(41), 70))
    assert np.array_equal(w, cw.ravel())


def test_marker_cores_kept_once_a_window_read_as_worked_out_afresh() -> None:
    from recode_dsl.fit import measure
    from recode_dsl.fit.image import make_frame

    img = np.ones((120, 160, 3))
    blue = (0.12, 0.47, 0.71)
    fr = make_frame((20.0, 10.0, 140.0, 110.0), False, (0.0, 10.0, False), (0.0, 4.0, False))
    ys = [fr.value.to_px(v) for v in (2.0, 7.5, 4.0, 6.0, 3.0)]
    for i, y in enumerate(ys):  # round markers of radius 4 on the vertices, a 2 px line between
        x = fr.other.to_px(float(i))
        rr, cc = np.mgrid[0:120, 0:160]
        img[(rr + 0.5 - y) ** 2 + (cc + 0.5 - x) ** 2 <= 16] = blue
        if i:
            xa = fr.other.to_px(i - 1.0)
            for c in range(int(xa), int(x)):
                r = int(ys[i - 1] + (ys[i] - ys[i - 1]) * (c + 0.5 - xa) / (x - xa))
                img[r:r + 2, c] = blue
    img[40:44, 60:64] = (0.9, 0.5, 0.1)  # another series' mark near no vertex
    others = ((0.9, 0.5, 0.1),)
    nears = [fr.value.to_value(y + d) for y in ys for d in (-0.7, 0.0, 0.6)]  # candidates' polylines
    fresh = [measure._marker_value(img.copy(), fr, k // 3, n, blue, (1.0, 1.0, 1.0), others)
             for k, n in enumerate(nears)]  # each in an image of its own: nothing kept
    kept = [measure._marker_value(img, fr, k // 3, n, blue, (1.0, 1.0, 1.0), others) for k, n in enumerate(nears)]
    assert kept == fresh
    assert sum(abs(v - n) > 1e-9 for v, n in zip(kept, nears)) >= 5  # the markers were read, not the guesses
