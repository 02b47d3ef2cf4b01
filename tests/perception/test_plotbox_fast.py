"""perception.plotbox's fast paths read what the plain computations read (issue 11, the critic's CPU)."""

from __future__ import annotations

import numpy as np

from recode_dsl.perception.plotbox import as_float


def _plain(a: np.ndarray) -> np.ndarray:
    """The image as floats computed plainly: bytes over 255, alpha composited on white."""
    if a.ndim == 2:
        a = np.stack([a] * 3, axis=-1)
    rgb = a[..., :3].astype(np.float64) / 255.0
    if a.shape[-1] == 4:
        alpha = a[..., 3:4].astype(np.float64) / 255.0
        rgb = rgb * alpha + (1.0 - alpha)
    return rgb


def test_as_float_of_bytes_is_the_plain_division() -> None:
    rng = np.random.default_rng(5)
    rgba = rng.integers(0, 256, (30, 40, 4), dtype=np.uint8)
    opaque = rgba.copy()
    opaque[..., 3] = 255
    every = np.arange(256, dtype=np.uint8).reshape(16, 16)  # every byte, and every byte as alpha
    over = np.stack([every, every.T, every, every.T], axis=-1)
    for a in (rgba, opaque, rgba[..., :3], rgba[..., 0], over):
        got = as_float(a)
        assert got.dtype == np.float64 and got.shape == a.shape[:2] + (3,)
        assert np.array_equal(got, _plain(a))
    assert (as_float(rgba) != as_float(opaque)).any()  # the alpha is composited when it is not opaque


def test_as_float_keeps_a_float_image() -> None:
    img = np.random.default_rng(6).uniform(0, 1, (8, 9, 3))
    assert as_float(img) is img


def test_band_lines_are_the_whole_greys_long_lines() -> None:
    from recode_dsl.perception.plotbox import _band_lines, ground_grey, long_lines

    img = np.ones((90, 120, 3))
    img[1, 10:110] = img[30, 5:115] = img[62:64, 8:112] = img[87, 0:120] = 0.3  # lines across, one of two rows
    img[45, 10:110:4] = 0.2  # dotted
    img[:, 3] = img[:, 100] = img[12:80, 116] = 0.4  # and down
    img[20:40, 50:60] = (0.1, 0.5, 0.9)  # a bar
    grey, ground = ground_grey(img)
    across = np.ascontiguousarray(grey.T)
    for lo, hi in ((0, 90), (0, 29), (31, 90), (2, 88), (60, 70), (80, 200), (50, 40), (88, 90)):
        assert _band_lines(img, ground, lo, hi, False) == long_lines(grey, ground, lo, hi)
    for lo, hi in ((0, 120), (0, 99), (102, 120), (110, 130), (5, 5)):
        assert _band_lines(img, ground, lo, hi, True) == long_lines(across, ground, lo, hi)
    assert long_lines(grey, ground, 0, 90) and long_lines(across, ground, 0, 120)  # it finds lines


def test_changes_compared_squared_are_the_norms_compared() -> None:
    from recode_dsl.perception.plotbox import EDGE_STEP, EDGE_STEP_SQ, _channel_norm, _channel_norm2

    rng = np.random.default_rng(8)
    d = rng.normal(size=(60, 70, 3)) * 0.03
    b = EDGE_STEP_SQ
    at = np.array([np.nextafter(b, -1.0), b, np.nextafter(b, 1.0), np.nextafter(np.nextafter(b, 1.0), 1.0)])
    d[0, :4, 0], d[0, :4, 1:] = np.sqrt(at), 0.0  # norms at the bound, each way
    assert np.array_equal(_channel_norm2(d) > EDGE_STEP_SQ, _channel_norm(d) > EDGE_STEP)
    assert (_channel_norm(d) > EDGE_STEP).any() and not (_channel_norm(d) > EDGE_STEP).all()
