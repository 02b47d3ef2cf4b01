"""Optical character recognition of chart and diagram text, offline.

Two engines stand behind one small API, both with models installed beside the code (nothing
is downloaded at run time):

- ``tesseract``: Tesseract 5 through ``tesserocr`` (its wheel carries libtesseract), with the
  English model of Debian's ``tesseract-ocr-eng`` package (``/usr/share/tesseract-ocr``);
- ``rapidocr``: PP-OCRv4 recognition through ``rapidocr-onnxruntime``, whose wheel ships the
  ONNX models.

The engine is chosen by measurement (``bench/ocr_engines.py``): ``DEFAULT_ENGINE``. Both are
imported lazily, on the first read.

``read_line(image, box=..., rotate=...)`` reads one line of text from a crop (a tick label, a
category label, a title); ``read_words`` reads the words of a region with their boxes.
Images are HxW or HxWx3/HxWx4 uint8 arrays (alpha composited on white), or float arrays in
[0, 1].
"""

from __future__ import annotations

import glob
import os
import re
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels, origin top-left, end exclusive

ENGINES = ("tesseract", "rapidocr")
DEFAULT_ENGINE = "tesseract"
UPSCALE_TARGET_PX = 48  # text lines are scaled to about this height before recognition
SURE = 0.9
# (height, gamma) of each read, the next tried while the engine is not sure (each height misreads
# some labels another reads); gamma raises the grey levels to a power (ink stays black, ground
# white), darkening the anti-aliased rims of thin strokes
READS: tuple[tuple[int, float], ...] = ((48, 1.0), (32, 1.0), (64, 1.0))
# ... for the chart reader's small text (text.py): 8 px labels read bolder ('Dales' -> 'Dates',
# 'Qu' -> 'Q1', '54' -> '5.4'). Measured on the category and legend labels the chart reader cuts
# out (glyphs only) of charts of seeds 11, 12, 13 and 31: exact 1300 -> 1315 of 1398 against
# READS; bench/ocr_engines.py in the reader 531 -> 533 of 562, on its raw crops 543 -> 539 (a tick
# mark beside a 90-degree label, darkened, is read as '|': the reader's crops hold glyphs only).
# Not the default: a diagram's large letters read worse (an 'O' was lost)
CHART_READS: tuple[tuple[int, float], ...] = ((48, 2.0), (48, 1.0), (32, 2.0), (64, 1.0))
# ... tried after them when every read so far has fewer characters than the text has glyphs (a
# letter dropped: 'Q4' read 'Q' at 0.92); a read with them all is taken from FULL_READ sure on
FULL_READS: tuple[tuple[int, float], ...] = ((80, 2.0), (96, 1.0))
FULL_READ = 0.6
# Tesseract's single-line layout analysis finds no line at all in some crops of clear small words, at
# most heights ('In store', 'Men' at 8 px in a legend: '' at 32, 48, 64, 80 and 96 px, read right at
# 24 and 44): when every read of a crop with ink comes back empty, it is read as a raw line (no layout
# analysis) at these (height, gamma), the surest read taken ('Men' 0.87, 'In store' 0.77 at 96 px)
RAW_READS: tuple[tuple[int, float], ...] = ((96, 1.0), (64, 1.0), (48, 1.0))
# a read with letters stops the reads only this sure (``word_sure``; the chart reader's labels): small
# words misread at 0.9-0.94 ('Chernes', 'Sal') are read right, surer, at another height ('Cherries'
# 0.96 at 32 px). Numbers stop at SURE: their reads agree
WORD_SURE = 0.95
TRIM_INK, TRIM_PX = 32, 2  # a slanted crop turned upright is cut to its ink (this much darker than ground), this margin
PAD_PX = 6  # white margin put around a crop (both engines read text touching the border badly)
DIGITS = "0123456789.,-%"
MIN_INK_CONTRAST = 60  # grey levels: a crop with less has no text
TESSDATA_GLOBS = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata")


class OcrUnavailable(RuntimeError):
    """The OCR engine (or its model) is not installed."""


@dataclass(frozen=True, slots=True)
class Word:
    """A word (or a line, from ``read_line``) read from the image: text, box and confidence in [0, 1]."""

    text: str
    box: Box
    confidence: float


def gray(image: NDArray[Any]) -> NDArray[np.uint8]:
    """An HxW uint8 grey image (alpha composited on white) from any image array.

    >>> gray(np.zeros((2, 2, 4), np.uint8)).tolist()
    [[255, 255], [255, 255]]
    """
    img = np.asarray(image)
    if img.dtype != np.uint8:
        img = np.clip(np.round(img.astype(np.float64) * 255.0), 0, 255).astype(np.uint8)
    if img.ndim == 2:
        return np.asarray(img, np.uint8)
    rgb = img[..., :3].astype(np.float64)
    if img.shape[-1] == 4:
        alpha = img[..., 3:4].astype(np.float64) / 255.0
        rgb = rgb * alpha + 255.0 * (1.0 - alpha)
    g: NDArray[np.float64] = rgb @ np.array([0.299, 0.587, 0.114])
    out: NDArray[np.uint8] = np.clip(np.round(g), 0, 255).astype(np.uint8)
    return out


def prepare(image: NDArray[Any], box: Box | None = None, rotate: int = 0,
            height: int = UPSCALE_TARGET_PX, gamma: float = 1.0) -> NDArray[np.uint8]:
    """The crop as dark text on a light ground, rotated upright, padded and scaled for the engines.

    ``rotate`` is the angle the text is drawn at, in degrees counter-clockwise (90: reading
    upwards, as a y-axis title); the crop is turned back by it.
    """
    img = np.asarray(image)
    if box is not None:
        x0, y0, x1, y1 = box
        img = img[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
    g = gray(img)
    if g.size == 0:
        return np.full((8, 8), 255, np.uint8)
    if _light_ink(g):  # light text on a darker ground
        g = 255 - g
    if rotate % 360:
        from skimage.transform import rotate as sk_rotate

        ground = float(np.median(g))
        g = (sk_rotate(g.astype(np.float64) / 255.0, -rotate, resize=True, cval=1.0, order=1)  # type: ignore[no-untyped-call]
             * 255).astype(np.uint8)
        if rotate % 90:
            g = _trimmed(g, ground)
    # stretch the contrast: the ground to white, the darkest ink to black
    lo, hi = float(g.min()), float(np.percentile(g, 90))
    if hi - lo > 8:
        g = np.clip((g.astype(np.float64) - lo) * 255.0 / (hi - lo), 0, 255).astype(np.uint8)
    h = g.shape[0]
    scale = height / max(h, 1)
    if scale > 1.25 or scale < 0.5:
        from skimage.transform import resize

        out = (int(round(g.shape[0] * scale)), max(1, int(round(g.shape[1] * scale))))
        small = resize(g.astype(np.float64) / 255.0, out, order=1, anti_aliasing=scale < 1)  # type: ignore[no-untyped-call]
        g = (small * 255).astype(np.uint8)
    if gamma != 1.0:  # the anti-aliased rims of thin strokes darkened: small text reads bolder
        g = np.round(255.0 * (g / 255.0) ** gamma).astype(np.uint8)
    return np.pad(g, PAD_PX * 2, constant_values=255)


def _trimmed(g: NDArray[np.uint8], ground: float) -> NDArray[np.uint8]:
    """A slanted text's crop turned upright, cut to its ink (pixels TRIM_INK darker than the crop's
    ground) and TRIM_PX around: turned, the crop's box holds the line in a band across its middle,
    a third of its height or less ('Lemons' at 45 degrees: 11 px in 62), so the read's height,
    the crop's, would leave the letters at their small drawn size ('Lemons.' 0.81 at 48 px, 'Lemons'
    0.96 at 80 px, the line scaled up). Not trimmed when no pixel is ink.

    >>> g = np.full((60, 60), 255, np.uint8); g[25:36, 7:57] = 0
    >>> _trimmed(g, 255.0).shape, _trimmed(np.full((9, 9), 255, np.uint8), 255.0).shape
    ((15, 54), (9, 9))
    """
    ink = g < ground - TRIM_INK
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return g
    return g[max(0, int(rows[0]) - TRIM_PX):int(rows[-1]) + 1 + TRIM_PX,
             max(0, int(cols[0]) - TRIM_PX):int(cols[-1]) + 1 + TRIM_PX]


def _light_ink(g: NDArray[np.uint8]) -> bool:
    """Whether a crop's text is lighter than its ground: its ink (the pixels far from the median,
    the ground) lies further above it than below. A dark ground with light text, or black text on
    a mid-tone ground (a pie wedge), whose median alone would say dark ground.

    >>> ground = np.full((9, 9), 100, np.uint8); dark, light = ground.copy(), ground.copy()
    >>> dark[3:6, 2:7] = 0; light[3:6, 2:7] = 255
    >>> _light_ink(dark), _light_ink(light), _light_ink(255 - light), _light_ink(255 - dark)
    (False, True, False, True)
    """
    lo, med, hi = (float(v) for v in np.percentile(g, (1, 50, 99)))
    return hi - med > med - lo


# -- engines ------------------------------------------------------------------------------

_LOCK = threading.Lock()
_ENGINES: dict[str, Any] = {}


def _tessdata() -> str:
    env = os.environ.get("TESSDATA_PREFIX")
    candidates = ([env] if env else []) + [p for pat in TESSDATA_GLOBS for p in sorted(glob.glob(pat))]
    for path in candidates:
        if os.path.exists(os.path.join(path, "eng.traineddata")):
            return path
    raise OcrUnavailable("no Tesseract English model (eng.traineddata): install tesseract-ocr-eng (make setup)")


def _engine(name: str) -> Any:
    with _LOCK:
        if name in _ENGINES:
            return _ENGINES[name]
        if name == "tesseract":
            try:
                import tesserocr
            except ImportError as err:  # pragma: no cover - depends on the installation
                raise OcrUnavailable("tesserocr is not installed (pip install tesserocr)") from err
            api = tesserocr.PyTessBaseAPI(path=_tessdata(), lang="eng", psm=tesserocr.PSM.SINGLE_LINE,
                                          oem=tesserocr.OEM.LSTM_ONLY)
            api.SetVariable("debug_file", "/dev/null")
            _ENGINES[name] = api
        elif name == "rapidocr":
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as err:  # pragma: no cover
                raise OcrUnavailable("rapidocr-onnxruntime is not installed") from err
            _ENGINES[name] = RapidOCR()
        else:
            raise ValueError(f"unknown OCR engine {name!r} (one of {', '.join(ENGINES)})")
        return _ENGINES[name]


def available(name: str = DEFAULT_ENGINE) -> bool:
    """Whether ``name`` can read (its package and its model are installed)."""
    try:
        _engine(name)
    except (OcrUnavailable, ImportError, OSError, RuntimeError):
        return False
    return True


def _tesseract_line(g: NDArray[np.uint8], chars: str = "", raw: bool = False) -> tuple[str, float]:
    """Tesseract's read of one line; ``raw`` reads it as a raw line (no layout analysis: ``RAW_READS``)."""
    import tesserocr
    from PIL import Image

    api = _engine("tesseract")
    with _LOCK:
        api.SetVariable("tessedit_char_whitelist", chars)
        if raw:
            api.SetPageSegMode(tesserocr.PSM.RAW_LINE)
        try:
            api.SetImage(Image.fromarray(g))
            text = api.GetUTF8Text()
            conf = api.MeanTextConf()
        finally:
            if raw:
                api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE)
            if chars:
                api.SetVariable("tessedit_char_whitelist", "")
    return " ".join(text.split()), max(0.0, min(1.0, conf / 100.0))


def _rapid_line(g: NDArray[np.uint8]) -> tuple[str, float]:
    eng = _engine("rapidocr")
    rgb = np.stack([g] * 3, axis=-1)
    with _LOCK:
        result, _ = eng(rgb, use_det=False, use_cls=False, use_rec=True)
    if not result:
        return "", 0.0
    text, conf = result[0][0], float(result[0][1])
    return " ".join(str(text).split()), max(0.0, min(1.0, conf))


LOOKALIKES = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})
DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})


QUOTES = "\u2018\u2019'`\"\u201c\u201d"
# a bracket opening a read that none closes, or a quote before a capital that none closes: a
# misread curve or speck, never a label's first character ('(Sweden', '\u2018Sweden' at 45 degrees)
UNOPENED = re.compile(r"[(\[{](?!.*[)\]}])|[" + QUOTES + r"](?=[A-Z])(?!.+[" + QUOTES + r"])")


def clean(text: str) -> str:
    """Spaces collapsed, the minus signs and dashes engines return for '-' made '-', and a bracket
    or quote opening the text that nothing closes dropped (``UNOPENED``).

    >>> clean(" \u22122000  k "), clean("(Sweden"), clean("\u2018Sweden"), clean("(USD)"), clean("'19"), clean("'A'")
    ('-2000 k', 'Sweden', 'Sweden', '(USD)', "'19", "'A'")
    """
    out = " ".join(_digits(w) for w in text.translate(DASHES).split())
    return out[1:].lstrip() if UNOPENED.match(out) else out


def _digits(word: str) -> str:
    """A word read with letters for look-alike digits, fixed: 'l', 'I', '|' as 1 and 'O', 'o' as 0
    among digits ('20l7'), and a letter and one 'l' ('Ql') as a letter and '1'.

    >>> [_digits(w) for w in ("20l7", "Ql", "Hello", "l0O", "Ali", "Oslo")]
    ['2017', 'Q1', 'Hello', '100', 'Ali', 'Oslo']
    """
    if re.fullmatch(r"[A-HJ-KM-Z][l|]", word):
        return word[0] + "1"
    if any(ch.isdigit() for ch in word) and re.fullmatch(r"[-+]?[0-9lI|Oo.,]+%?", word):
        return word.translate(LOOKALIKES)
    return word


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def read_line(image: NDArray[Any], *, box: Box | None = None, rotate: int = 0,
              engine: str | None = None, digits: bool = False,
              reads: tuple[tuple[int, float], ...] | None = None, glyphs: int = 0,
              chars: str = "", word_sure: float = SURE, agree: bool = False,
              raw_line: bool = False) -> tuple[str, float]:
    """The text of one line in ``box`` of ``image`` (all of it by default) and a confidence in [0, 1].

    ``digits`` reads only the characters of numbers (Tesseract; a number misread as letters),
    ``chars`` only those characters (Tesseract; ``digits`` wins);
    ``reads`` the (height, gamma) of each try (``READS`` by default). ``glyphs`` is how many
    separate letters the caller sees in the crop: a read with fewer characters has dropped one,
    so the next reads (``FULL_READS`` too) are tried, and a read with them all is preferred when
    at least ``FULL_READ`` sure. A read with a letter ends the tries only when ``word_sure`` sure
    (``SURE`` by default; a number, at ``SURE``); the surest read is taken. With ``agree`` (small
    words and numbers at 45 degrees, where one read drops a letter or a digit surely, 'Fig' 0.96
    for 'Figs', '20' 0.96 for '2011'), a read ends them only when another read, both ``SURE``,
    gives the same text (when none do, ``FULL_READS`` are tried too), and the text taken is the
    one the reads at least ``FULL_READ`` sure give with the most confidence summed (the surest
    read's, on a tie). With ``raw_line`` (a chart's texts), a crop with ink that no read finds a
    line in is read again as a raw line (``RAW_READS``); a diagram's reader leaves it unread (its
    unread crops are mostly marks: read raw, an arrowhead gave a label that took a fact).
    Raises ``OcrUnavailable`` when the engine is not installed.
    """
    name = engine or os.environ.get("RECODE_OCR_ENGINE") or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r} (one of {', '.join(ENGINES)})")
    tries = list(reads or READS)
    best = ("", 0.0)
    full = ("", 0.0)
    votes: dict[str, list[float]] = {}
    heard = False  # whether any read gave any text
    k = 0
    while k < len(tries):
        height, gamma = tries[k]
        k += 1
        g = prepare(image, box, rotate, height, gamma)
        if int(g.max()) - int(g.min()) < MIN_INK_CONTRAST:
            return "", 0.0
        text, conf = _tesseract_line(g, DIGITS if digits else chars) if name == "tesseract" else _rapid_line(g)
        text = clean(text)
        heard = heard or bool(text)
        if conf > best[1] and _alnum(text) >= _alnum(best[0]):
            best = (text, conf)
        short = len(text.replace(" ", "")) < glyphs
        if not short and conf > full[1]:
            full = (text, conf)
        word = any(ch.isalpha() for ch in text)
        if agree and text and not short:
            if conf >= FULL_READ:
                votes.setdefault(text, []).append(conf)
                if sum(c >= SURE for c in votes[text]) >= 2:
                    break
        elif conf >= (word_sure if word else SURE) and not short:
            break
        if k == len(tries) and (glyphs and full[1] < FULL_READ or agree and votes) and tries[-1] not in FULL_READS:
            tries += [r for r in FULL_READS if r not in tries]  # (``agree``: no two reads agreed yet)
    if votes and (not glyphs or full[1] >= FULL_READ):
        text = max(votes, key=lambda x: (sum(votes[x]), max(votes[x])))
        # a read as sure holding the taken text and a letter or two after it: the taken reads dropped
        # them (the same darkening merges a thin last letter into the one before: 'Ap' 0.95 at 48 and
        # 32 px with gamma 2, 'Apr' 0.96 at 48 px; 'Fig' twice, 'Figs' 0.95), never invented them
        longer = [x for x in votes if x.startswith(text) and 1 <= _alnum(x) - _alnum(text) <= 2
                  and x[len(text):].strip().isalnum() and max(votes[x]) >= SURE]
        if longer:
            text = max(longer, key=lambda x: (sum(votes[x]), max(votes[x])))
        return text, max(votes[text])
    if raw_line and name == "tesseract" and not heard:  # no read found a line: read it as a raw line (RAW_READS)
        for height, gamma in RAW_READS:
            g = prepare(image, box, rotate, height, gamma)
            text, conf = _tesseract_line(g, DIGITS if digits else chars, raw=True)
            text = clean(text)
            if _alnum(text) and conf > best[1]:
                best = (text, conf)
                if conf >= SURE:
                    break
    return full if glyphs and full[1] >= FULL_READ else best


def read_words(image: NDArray[Any], *, box: Box | None = None, rotate: int = 0,
               engine: str | None = None) -> list[Word]:
    """The words of a line of text in ``box`` (all the image by default), each with its box.

    The line is read whole and split at spaces; each word's box is the matching run of ink
    columns (the text's gaps), so it is exact for horizontal text (``rotate=0``) and the
    line's box otherwise.
    """
    text, conf = read_line(image, box=box, rotate=rotate, engine=engine)
    if not text:
        return []
    img = gray(image)
    x0, y0, x1, y1 = box if box is not None else (0, 0, img.shape[1], img.shape[0])
    words = text.split(" ")
    if rotate % 360 == 0 and len(words) > 1:
        crop = img[y0:y1, x0:x1].astype(np.int32)
        ground = int(np.median(crop))
        ink: NDArray[np.bool_] = np.asarray((np.abs(crop - ground) > 60).any(axis=0))
        runs = _runs(ink, gap=max(2, (y1 - y0) // 4))
        if len(runs) == len(words):
            return [Word(w, (x0 + a, y0, x0 + b, y1), conf) for w, (a, b) in zip(words, runs)]
    return [Word(w, (x0, y0, x1, y1), conf) for w in words]


def _runs(mask: NDArray[np.bool_], gap: int) -> list[tuple[int, int]]:
    """Runs of True in ``mask`` joined across gaps shorter than ``gap``.

    >>> _runs(np.array([1, 1, 0, 1, 0, 0, 0, 1], bool), gap=2)
    [(0, 4), (7, 8)]
    """
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    runs: list[tuple[int, int]] = []
    start = prev = int(idx[0])
    for i in idx[1:]:
        i = int(i)
        if i - prev > gap:
            runs.append((start, prev + 1))
            start = i
        prev = i
    runs.append((start, prev + 1))
    return runs
