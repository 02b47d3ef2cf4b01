"""fit.image's fast paths read what the plain computations read (issue 11, critic CPU)."""

from __future__ import annotations

import numpy as np

from recode_dsl.fit.image import INK, MIX_ROUNDING, STROKE_BEYOND, cover, line_cover, run_end


def off_mix(pixels: np.ndarray, fg: tuple[float, float, float], bg: tuple[float, float, float]) -> np.ndarray:
    """Each pixel's RGB distance from the mixes of ``fg`` and ``bg`` (the line through them),
    computed plainly: the reference for line_cover's channel-by-channel test.

    >>> off_mix(np.array([[0.5, 0.75, 0.5], [0.5, 0.5, 0.5]]), (0.0, 0.5, 0.0), (1.0, 1.0, 1.0)).round(2).tolist()
    [0.0, 0.24]
    """
    d = np.array(fg, np.float64) - np.array(bg, np.float64)
    norm2 = float(d @ d)
    rel = np.asarray(pixels, np.float64) - np.array(bg, np.float64)
    if norm2 < 1e-12:
        return np.asarray(np.sqrt(np.square(rel).sum(axis=-1)), np.float64)
    t = rel @ (d / norm2)
    return np.asarray(np.sqrt(np.maximum(np.square(rel).sum(axis=-1) - t * t * norm2, 0.0)), np.float64)


def _plain_line_cover(img: np.ndarray, fg: tuple[float, float, float], bg: tuple[float, float, float]) -> np.ndarray:
    cov = np.array(cover(img, fg, bg, STROKE_BEYOND))
    own, ink = off_mix(img, fg, bg), off_mix(img, INK, bg)
    cov[(cov > 0) & (own > MIX_ROUNDING) & (ink < own)] = 0.0
    return cov


def test_line_cover_leaves_out_what_off_mix_says_is_ink() -> None:
    rng = np.random.default_rng(11)
    img = rng.uniform(0, 1, (40, 50, 3))
    img[::3] = 1.0  # some ground
    img[5:9, :, :] = np.linspace(0, 1, 50)[:, None]  # greys: the edges of black text
    for fg, bg in (((0.0, 0.5, 0.0), (1.0, 1.0, 1.0)), ((0.12, 0.47, 0.71), (0.92, 0.92, 0.92)),
                   ((1.0, 0.5, 0.05), (0.9, 0.9, 0.85))):
        got = line_cover(img, fg, bg)
        assert np.array_equal(got, _plain_line_cover(img, fg, bg))
        assert (got[5:9] == 0).any() and (got > 0).any()  # it does leave pixels out, and keeps some


def test_a_grey_line_on_a_neutral_ground_keeps_its_cover() -> None:
    # the mixes of grey and white are those of black and white: no pixel is nearer the ink's
    img = np.random.default_rng(12).uniform(0, 1, (30, 30, 3))
    grey, white = (0.2, 0.2, 0.2), (1.0, 1.0, 1.0)
    assert np.array_equal(line_cover(img, grey, white), cover(img, grey, white, STROKE_BEYOND))


def _plain_run_end(alpha: np.ndarray, start: int, gap: int) -> float:
    n = len(alpha)
    if start >= n or alpha[start] <= 0.5:
        return float(start) + (float(alpha[start]) if start < n else 0.0)
    k = start
    while True:  # on to the next cell above one half within gap + 1 cells
        nxt = next((j for j in range(k + 1, min(n, k + gap + 2)) if alpha[j] > 0.5), None)
        if nxt is None:
            break
        k = nxt
    after = float(alpha[k + 1]) if k + 1 < n else 0.0
    return round(k + float(alpha[k]) + after, 6)


def test_run_end_walks_the_run_as_cell_by_cell() -> None:
    rng = np.random.default_rng(13)
    for _ in range(3000):
        n = int(rng.integers(1, 50))
        alpha = np.where(rng.uniform(0, 1, n) < 0.8, 1.0, rng.uniform(0, 0.6, n))
        start, gap = int(rng.integers(0, n + 1)), int(rng.integers(0, 4))
        assert run_end(alpha, start, gap) == _plain_run_end(alpha, start, gap)


def test_dist2_in_place_is_the_plain_squared_distance() -> None:
    from recode_dsl.fit.image import dist2

    rng = np.random.default_rng(7)
    img = rng.random((30, 40, 3))
    colour = (0.9, 0.2, 0.35)
    plain = (img[..., 0] - colour[0]) ** 2 + (img[..., 1] - colour[1]) ** 2 + (img[..., 2] - colour[2]) ** 2
    # a block, a row, a column (strided) and Nx3 pixels: the very floats of the plain sum
    for px, want in ((img, plain), (img[3], plain[3]), (img[:, 5], plain[:, 5]), (img.reshape(-1, 3), plain.ravel())):
        assert np.array_equal(dist2(px, colour), want)
    before = img.copy()
    dist2(img, colour)
    assert np.array_equal(img, before)  # the pixels are not written to


def test_a_ground_of_one_colour_is_that_colour_however_many_pixels_show_it() -> None:
    # the ground's colour, sampled in another ring by another candidate (another count of the
    # same pixels), must be the same float: the bar readings kept per image are keyed on it
    from recode_dsl.fit.image import dominant

    ground = (229 / 255, 232 / 255, 213 / 255)
    got = {dominant(np.tile(ground, (n, 1))) for n in range(1, 400)}
    assert got == {ground}
    # pixels of the commonest colour that differ (under its 1/64 bin) still give their mean
    mixed = np.array([ground, ground, (228 / 255, 232 / 255, 213 / 255)])
    assert dominant(mixed) == tuple(float(v) for v in mixed.mean(axis=0))
