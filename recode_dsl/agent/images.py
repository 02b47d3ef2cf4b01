"""Images of the loop: reading the input, PNG bytes of arrays, the difference image."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import numpy as np
from numpy.typing import NDArray

from recode_dsl.errors import WHOLE_INPUT, Diagnostic
from recode_dsl.messages import image_unreadable

Image = NDArray[np.uint8]

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")


MAX_PIXELS = 40_000_000  # an image larger than this (say 8000 x 5000) is refused before it is decoded


def unreadable_image(err: Exception) -> Diagnostic:
    """E113 at the file's start for bytes ``load_image`` refused (or a decoder raised on)."""
    from recode_dsl.agent.text import clean

    return Diagnostic("E113", image_unreadable(clean(str(err), 200)), WHOLE_INPUT,
                      hint="give a PNG, JPEG, GIF, BMP, TIFF or WebP image")


def load_image(data: bytes) -> Image:
    """An HxWx4 uint8 array from PNG (or JPEG, GIF, BMP, TIFF, WebP) bytes; ValueError otherwise
    (not an image, truncated or corrupt, or larger than ``MAX_PIXELS``: its size is read from the
    header before anything is decoded)."""
    from PIL import Image as PILImage
    from skimage.io import imread

    if not (data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")):
        raise ValueError("not a PNG, JPEG, GIF, BMP, TIFF or WebP image")
    try:
        with PILImage.open(io.BytesIO(data)) as header:
            width, height = header.size
    except PILImage.DecompressionBombError:
        raise ValueError(f"the image header claims more than {MAX_PIXELS:,} pixels") from None
    except Exception as err:  # noqa: BLE001 - PIL raises many kinds for a corrupt header
        raise ValueError(f"the image header cannot be read ({type(err).__name__})") from None
    if width * height > MAX_PIXELS:
        raise ValueError(f"the image is {width} x {height} pixels; the limit is {MAX_PIXELS:,} pixels")
    try:
        img = np.asarray(imread(io.BytesIO(data)))
    except Exception as err:  # noqa: BLE001 - imageio and PIL raise many kinds for a corrupt body
        raise ValueError(f"the image cannot be decoded ({type(err).__name__}: {str(err)[:120]})") from None
    if img.ndim == 3 and img.shape[0] in (1,) and img.shape[-1] not in (3, 4):  # single-frame stack
        img = img[0]
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=-1)
    if img.ndim != 3 or img.shape[-1] not in (3, 4):
        raise ValueError(f"unsupported image shape {img.shape}")
    if img.dtype != np.uint8:
        top = float(img.max()) if img.size else 1.0
        img = (img.astype(np.float64) * (255.0 / (top or 1.0))).round()
    if img.shape[-1] == 3:
        img = np.concatenate([img, np.full(img.shape[:2] + (1,), 255, img.dtype)], axis=-1)
    return np.asarray(img, dtype=np.uint8)


def png_bytes(img: Image) -> bytes:
    """A PNG file of an HxWx{3,4} uint8 array (no dependency: zlib and struct).

    >>> png_bytes(np.zeros((2, 3, 4), np.uint8))[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    arr = np.ascontiguousarray(img, dtype=np.uint8)
    h, w, c = arr.shape
    colour = {3: 2, 4: 6}[c]
    raw = np.concatenate([np.zeros((h, 1), np.uint8), arr.reshape(h, w * c)], axis=1).tobytes()

    def chunk(tag: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload))

    header = struct.pack(">IIBBBBB", w, h, 8, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 3)) + chunk(b"IEND", b"")


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _ink(img: Image) -> NDArray[np.float64]:
    """Darkness in [0, 1] of each pixel, composited on white."""
    rgb = img[..., :3].astype(np.float64) / 255.0
    if img.shape[-1] == 4:
        alpha = img[..., 3:4].astype(np.float64) / 255.0
        rgb = rgb * alpha + (1.0 - alpha)
    return np.asarray(1.0 - rgb.mean(axis=-1), dtype=np.float64)


def fit_to(img: Image, shape: tuple[int, int]) -> Image:
    """``img`` resized (nearest neighbour) to ``shape`` (height, width) when it differs."""
    if img.shape[:2] == shape:
        return img
    rows = (np.arange(shape[0]) * img.shape[0] / shape[0]).astype(int)
    cols = (np.arange(shape[1]) * img.shape[1] / shape[1]).astype(int)
    return np.asarray(img[rows][:, cols], dtype=np.uint8)


def difference(target: Image, rendered: Image) -> tuple[Image, float]:
    """The difference image and the share of pixels that differ.

    White where both agree; red where the rendering has ink the target lacks; blue where the
    target has ink the rendering lacks; colour differences of equally dark pixels in purple.

    >>> a = np.full((4, 4, 4), 255, np.uint8); b = a.copy(); b[0, 0, :3] = 0
    >>> img, share = difference(a, b); [int(v) for v in img[0, 0, :3]], share
    ([255, 0, 0], 0.0625)
    """
    target = fit_to(target, rendered.shape[:2])
    ink_t, ink_r = _ink(target), _ink(rendered)
    extra = np.clip(ink_r - ink_t, 0.0, 1.0)
    missing = np.clip(ink_t - ink_r, 0.0, 1.0)
    colour = np.abs(target[..., :3].astype(np.int16) - rendered[..., :3].astype(np.int16)).max(axis=-1) / 255.0
    recolour = np.clip(colour - extra - missing, 0.0, 1.0)
    out = np.full(rendered.shape[:2] + (4,), 255, np.float64)
    out[..., 0] -= 255 * (missing + 0.5 * recolour)
    out[..., 1] -= 255 * (extra + missing + recolour)
    out[..., 2] -= 255 * (extra + 0.5 * recolour)
    differs = (np.maximum(np.maximum(extra, missing), recolour) > 0.2)
    return np.clip(out, 0, 255).astype(np.uint8), float(differs.mean())
