"""Verify a figure program against its image: every stated point, line, circle and label.

    source + image ──1 check──▶ the figure (parse and check) and its positions (renderer's space)
                   ──2 place──▶ the one scale and shift that lays the program's strokes on the ink
                   ──3 judge──▶ a located diagnostic for each disagreement:
                                E121 a point is not where the image shows it (off the ink, or its
                                     letter is printed at another point),
                                E122 a line, circle or arc of the program is not inked,
                                E123 a label of the program reads otherwise in the image,
                                E124 the image shows a line or circle the program does not draw,
                                E125 (warning) a label of the program is not read in the image,
                                E104 nothing to check (no stroke, or the program cannot be placed)

The image is read with the diagram reader's pieces (``perception.diagram``: ink mask, stroke
width, texts by OCR, straight strokes and circles); the program's strokes are sampled in the
image's pixels and compared with the ink, one pixel at a time. The frame is found from the
image: a figure drawn at any scale verifies (our renderer's, or Geometry3K's cropped frame).
The verdict is ``verified`` when there is no error; the JSON has each item's residual in pixels.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import ndimage, optimize

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RecodeError, Span, has_errors
from recode_dsl.fmt import format_scene

XY = tuple[float, float]
Float = NDArray[np.float64]

# A sample of a stroke counts as inked within this many pixels of ink (plus half the stroke).
INK_PX = 2.5
# A stroke is drawn when this share of its samples is inked and no gap is longer than GAP_SHARE
# of it (and GAP_MIN_PX): dashed lines keep short gaps, a missing line has one long gap.
COVER_MIN = 0.8
GAP_SHARE = 0.25
GAP_MIN_PX = 14.0
# Each end of a straight stroke may sit this far across it (points placed by hand, marks a pixel aside).
END_PX = 4.0
# A point sits on ink within this many pixels.
POINT_PX = 6.0
# The image's line or circle longer than this share of the figure's size must be drawn by the program.
UNEXPLAINED_SHARE = 0.12
SCALE_SLACK = 0.25  # the fitted scale stays within e^0.25 (28%) of the boxes' ratio
CAP_PX = 12.0  # distances are capped here when the frame is fitted (a missing stroke costs the same wherever)


@dataclass(slots=True)
class Item:
    """One checked item: what it is, where it is stated, its residual and verdict."""

    kind: str  # "point", "stroke", "label", "unexplained"
    what: str
    span: Span
    ok: bool
    residual_px: float | None = None
    cover: float | None = None
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "what": self.what, "line": self.span.line, "ok": self.ok,
                               "residual_px": None if self.residual_px is None else round(self.residual_px, 2)}
        if self.cover is not None:
            out["cover"] = round(self.cover, 3)
        if self.detail is not None:
            out["detail"] = self.detail
        return out


@dataclass(slots=True)
class FigureVerdict:
    """The outcome: ``verified`` when nothing disagrees; the diagnostics; each item checked."""

    verified: bool
    diagnostics: list[Diagnostic]
    items: list[Item] = field(default_factory=list)
    frame: tuple[float, float, float] | None = None  # scale, ox, oy: pixel = (ox + s*x, oy - s*y)
    tolerance_px: float = INK_PX

    @property
    def score(self) -> float:
        """In [0, 1]: 1 when verified; falls with each item that disagrees."""
        if not self.items:
            return 0.0
        bad = sum(not i.ok for i in self.items)
        return round(1.0 if self.verified else (1.0 - bad / len(self.items)) / (1.0 + bad), 6)

    def to_json(self) -> dict[str, Any]:
        return {"verified": self.verified, "kind": "figure", "score": self.score,
                "tolerance_px": self.tolerance_px,
                "frame": None if self.frame is None else {"scale": round(self.frame[0], 6),
                                                          "ox": round(self.frame[1], 3),
                                                          "oy": round(self.frame[2], 3)},
                "items": [i.to_json() for i in self.items],
                "diagnostics": [d.to_json() for d in self.diagnostics]}


# -- the program's strokes, in world units ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stroke:
    """A drawn piece of the program: a polyline in world units (y up) and the statement drawing it."""

    what: str
    span: Span
    path: tuple[XY, ...]
    circle: bool = False


def _segment(a: XY, b: XY) -> tuple[XY, ...]:
    return (a, b)


def _arc_path(cx: float, cy: float, r: float, t0: float, sweep: float) -> tuple[XY, ...]:
    n = max(8, int(abs(sweep) / (2 * math.pi) * 96))
    return tuple((cx + r * math.cos(t0 + sweep * k / n), cy + r * math.sin(t0 + sweep * k / n))
                 for k in range(n + 1))


def strokes_of(fig: s.Figure, pos: dict[str, XY], circles: Any) -> list[Stroke]:
    """Every stroke the program draws (as the renderer does), with the statement that draws it."""
    from recode_dsl.renderer.geo_draw import DRAWN_BY_RELATION, arc_geometry

    out: list[Stroke] = []
    drawn: set[frozenset[str]] = set()

    def geo(g: object, span: Span) -> None:
        if isinstance(g, (s.Seg, s.Ln, s.Ray)) and g.a in pos and g.b in pos:
            out.append(Stroke(format_scene(g), span, _segment(pos[g.a], pos[g.b])))
            drawn.add(frozenset((g.a, g.b)))
        elif isinstance(g, s.Poly):
            v = g.vertices
            for i in range(len(v)):
                a, b = v[i], v[(i + 1) % len(v)]
                if a in pos and b in pos:
                    out.append(Stroke(f"side {a}{b} of {format_scene(g)}", span, _segment(pos[a], pos[b])))
                    drawn.add(frozenset((a, b)))
        elif isinstance(g, s.Circ):
            c = circles.circle(g)
            if c is not None:
                out.append(Stroke(format_scene(g), span, _arc_path(c[0], c[1], c[2], 0.0, 2 * math.pi), circle=True))
        elif isinstance(g, s.Arc):
            found = arc_geometry(g, circles)
            if found is not None:
                out.append(Stroke(format_scene(g), span, _arc_path(*found), circle=True))
        elif isinstance(g, s.Sector) and all(p in pos for p in (g.center, g.a, g.b)):
            cp, ap, bp = pos[g.center], pos[g.a], pos[g.b]
            r = math.dist(ap, cp)
            t0 = math.atan2(ap[1] - cp[1], ap[0] - cp[0])
            sweep = (math.atan2(bp[1] - cp[1], bp[0] - cp[0]) - t0) % (2 * math.pi)
            what = format_scene(g)
            out.append(Stroke(what, span, _segment(cp, ap)))
            out.append(Stroke(what, span, _segment(cp, bp)))
            out.append(Stroke(what, span, _arc_path(cp[0], cp[1], r, t0, sweep), circle=True))
        elif isinstance(g, s.RegionOp):
            geo(g.left, span)
            geo(g.right, span)

    for sh in fig.shapes:
        geo(sh.value, sh.span)
    for rel in fig.relations:
        line = rel.args[0] if rel.name in DRAWN_BY_RELATION and rel.args else None
        if isinstance(line, (s.Seg, s.Ln, s.Ray)) and frozenset((line.a, line.b)) not in drawn:
            geo(line, rel.span)
    return out


MAX_SAMPLES = 20000  # a stroke is sampled at most this often (one that runs far off the image)


def _sample(path: tuple[XY, ...], step: float) -> Float:
    """Points every ``step`` units along a polyline (both ends included), at most MAX_SAMPLES."""
    pts: list[XY] = []
    total = sum(math.dist(a, b) for a, b in zip(path, path[1:]))
    if not math.isfinite(total):
        return np.asarray([path[0]], dtype=np.float64)
    step = max(step, total / MAX_SAMPLES, 1e-12)
    for a, b in zip(path, path[1:]):
        n = max(1, int(math.ceil(math.dist(a, b) / step)))
        pts.extend((a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n) for k in range(n))
    pts.append(path[-1])
    return np.asarray(pts, dtype=np.float64)


# -- the frame -----------------------------------------------------------------------------------------


def _to_px(world: Float, frame: tuple[float, float, float]) -> Float:
    sc, ox, oy = frame
    return np.column_stack((ox + sc * world[:, 0], oy - sc * world[:, 1]))


def _lookup(dist: Float, px: Float) -> Float:
    """The distance map at pixel positions (bilinear); far outside the image counts as far."""
    h, w = dist.shape
    vals = ndimage.map_coordinates(dist, [px[:, 1], px[:, 0]], order=1, mode="nearest")
    outside = (px[:, 0] < -0.5) | (px[:, 0] > w - 0.5) | (px[:, 1] < -0.5) | (px[:, 1] > h - 0.5)
    vals[outside] = 1e6
    return np.asarray(vals, dtype=np.float64)


def fit_frame(world: Float, dist: Float, drawing: tuple[float, float, float, float],
              guess: tuple[float, float, float] | None = None) -> tuple[float, float, float]:
    """The scale and shift (pixel = ox + s*x, oy - s*y) that lay the world samples on the ink.

    Starts from the boxes of the samples and of the drawing (and from scale 1: pixel-sized
    programs; and from ``guess``, the frame the printed point letters give), then minimises the
    mean capped distance from each sample to the ink.
    """
    x0, y0 = world.min(axis=0)
    x1, y1 = world.max(axis=0)
    dx0, dy0, dx1, dy1 = drawing
    w, h = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    ratios = [r for r, size in (((dx1 - dx0) / w, w), ((dy1 - dy0) / h, h)) if size > 1e-6 * max(w, h)]
    scale = float(np.exp(np.mean(np.log([max(r, 1e-9) for r in ratios])))) if ratios else 1.0
    if guess is not None:
        scale = guess[0]  # the letters sit beside their points: a better scale than lines that overhang
    # the drawing's box gives the scale to within its overhangs (arrows, lines past their points):
    # the fit stays within SCALE_SLACK of it, or a figure shrunk onto one stroke would fit best
    lo, hi = math.log(scale) - SCALE_SLACK, math.log(scale) + SCALE_SLACK
    sub = world if len(world) <= 1500 else world[np.linspace(0, len(world) - 1, 1500).astype(int)]
    coarse = sub[:: max(1, len(sub) // 300)]
    capped = np.minimum(dist, CAP_PX)
    starts = []
    for sc in sorted({scale, 1.0, *ratios}):
        if lo <= math.log(max(sc, 1e-12)) <= hi:
            starts.append(_grid_start(coarse, capped, sc, drawing, (x0 + x1) / 2, (y0 + y1) / 2))
    if guess is not None:
        starts.append(_grid_start(coarse, capped, guess[0], drawing, (x0 + x1) / 2, (y0 + y1) / 2,
                                  (guess[1], guess[2])))

    def cost(p: Float, cap: float) -> float:
        sc = math.exp(min(max(p[0], lo), hi))
        out = float(np.minimum(_lookup(dist, _to_px(sub, (sc, p[1], p[2]))), cap).mean())
        return out + cap * float(max(0.0, lo - p[0], p[0] - hi))

    best: tuple[float, tuple[float, float, float]] | None = None
    for _, sc, ox, oy in sorted(starts)[:2]:
        p0 = np.array([math.log(max(sc, 1e-12)), ox, oy])
        for cap in (CAP_PX, 4.0):
            simplex = np.array([p0, p0 + [0.05, 0, 0], p0 + [0, 6.0, 0], p0 + [0, 0, 6.0]])
            res = optimize.minimize(cost, p0, args=(cap,), method="Nelder-Mead",
                                    options={"initial_simplex": simplex, "xatol": 0.05, "fatol": 1e-3,
                                             "maxfev": 400})
            p0 = np.asarray(res.x, dtype=np.float64)
        c = cost(p0, 4.0)
        if best is None or c < best[0]:
            best = (c, (math.exp(min(max(p0[0], lo), hi)), float(p0[1]), float(p0[2])))
    assert best is not None
    if lo <= 0.0 <= hi and best[1][0] != 1.0:
        # a program in the image's pixels (the reader's, Geometry3K's cropped frame) is laid at scale 1
        # when that fits about as well: the frame differs from the image's by a shift alone
        def shift(p: Float, cap: float) -> float:
            return float(np.minimum(_lookup(dist, _to_px(sub, (1.0, p[0], p[1]))), cap).mean())

        _, _, ox, oy = _grid_start(coarse, capped, 1.0, drawing, (x0 + x1) / 2, (y0 + y1) / 2)
        p1 = np.array([ox, oy])
        for cap in (CAP_PX, 4.0):
            p1 = np.asarray(optimize.minimize(shift, p1, args=(cap,), method="Nelder-Mead",
                                              options={"xatol": 0.05, "fatol": 1e-3, "maxfev": 200}).x)
        if shift(p1, 4.0) <= best[0] + 0.15:
            return (1.0, float(p1[0]), float(p1[1]))
    return best[1]


def _grid_start(world: Float, capped: Float, sc: float, drawing: tuple[float, float, float, float],
                cx: float, cy: float, at: tuple[float, float] | None = None) -> tuple[float, float, float, float]:
    """(cost, scale, ox, oy): the best shift on a grid around the boxes' centres (or around the
    shift ``at``, more closely), at one scale."""
    h, w = capped.shape
    dx0, dy0, dx1, dy1 = drawing
    ox0, oy0 = (dx0 + dx1) / 2 - sc * cx, (dy0 + dy1) / 2 + sc * cy
    reach = 0.3 * max(dx1 - dx0, dy1 - dy0, 8.0)
    if at is not None:
        ox0, oy0 = at
        reach = max(0.08 * max(dx1 - dx0, dy1 - dy0), 8.0)
    step = max(1.0, reach / 24)
    base_x, base_y = sc * world[:, 0], -sc * world[:, 1]
    best = (math.inf, sc, ox0, oy0)
    for ox in np.arange(ox0 - reach, ox0 + reach + step / 2, step):
        xs = np.rint(base_x + ox).astype(int)
        xin = (xs >= 0) & (xs < w)
        for oy in np.arange(oy0 - reach, oy0 + reach + step / 2, step):
            ys = np.rint(base_y + oy).astype(int)
            inside = xin & (ys >= 0) & (ys < h)
            vals = np.full(len(xs), CAP_PX)
            vals[inside] = capped[ys[inside], xs[inside]]
            c = float(vals.mean())
            if c < best[0]:
                best = (c, sc, float(ox), float(oy))
    return best


# -- verify ------------------------------------------------------------------------------------------


def compile_figure(source: str) -> tuple[Any, s.Scene | None, list[Diagnostic]]:
    """Parse and check (no solving): the program, its scene and the diagnostics."""
    from recode_dsl.fit.verify import compile_chart

    return compile_chart(source)


def verify_figure_source(source: str, image: NDArray[np.generic], tolerance_px: float = INK_PX,
                         reading: Any = None) -> FigureVerdict:
    """Verify a figure program's text against an image; ``reading`` is the image's
    ``perception.diagram.read_figure`` when the caller has it already (it is read otherwise)."""
    program, scene, diags = compile_figure(source)
    if program is None or scene is None or has_errors(diags):
        return FigureVerdict(False, diags, tolerance_px=tolerance_px)
    if not isinstance(scene, s.Figure):
        return FigureVerdict(False, [Diagnostic("E104", messages.verify_cannot("a chart is verified as a chart"),
                                                program.header.span)], tolerance_px=tolerance_px)
    return verify_figure(scene, image, tolerance_px, program.header.span, reading)


def verify_figure(fig: s.Figure, image: NDArray[np.generic], tolerance_px: float = INK_PX,
                  header: Span | None = None, reading: Any = None) -> FigureVerdict:
    """Verify a checked figure against an image; ``header`` locates whole-figure diagnostics;
    ``reading`` is the image's ``read_figure`` when the caller has it (it is read otherwise)."""
    from recode_dsl.perception.diagram import image as dimage

    head = header or Span(1, 1, 1, 2)

    def cannot(why: str) -> FigureVerdict:
        return FigureVerdict(False, [Diagnostic("E104", messages.verify_cannot(why), head)], tolerance_px=tolerance_px)

    try:
        space = _space(fig)
    except RecodeError as err:
        return FigureVerdict(False, list(err.diagnostics), tolerance_px=tolerance_px)
    strokes = strokes_of(fig, space.pos, space)
    if not strokes:
        return cannot("the program draws no line, circle or arc to compare with the image")
    page = dimage.page_of(np.asarray(image))
    if not page.ink.any():
        return cannot("the image has no ink")
    dist = np.asarray(ndimage.distance_transform_edt(~page.ink), dtype=np.float64)
    size = max(max(math.dist(p, q) for p in st.path for q in st.path[:1]) for st in strokes)
    world = np.vstack([_sample(st.path, max(size, 1e-9) / 200) for st in strokes])
    pieces = _read(image) if reading is None else _pieces(reading)
    frame = fit_frame(world, dist, _drawing_box(page), _letter_frame(pieces[0] if pieces else [], space.pos))
    if not all(math.isfinite(v) for v in frame) or frame[0] <= 0:
        return cannot("the program's strokes cannot be laid on the image")
    tol = tolerance_px + page.stroke / 2
    items: list[Item] = []
    diags: list[Diagnostic] = []
    prog_px: list[Float] = []
    for st in strokes:
        item, px = _check_stroke(st, frame, dist, tol)
        prog_px.append(px)
        items.append(item)
        if not item.ok:
            diags.append(Diagnostic("E122", messages.figure_stroke_missing(st.what, item.cover or 0.0,
                                                                             item.detail or ""), st.span))
    names = {p.name: p for p in fig.points}
    pix = {n: (frame[1] + frame[0] * xy[0], frame[2] - frame[0] * xy[1]) for n, xy in space.pos.items()}
    on_stroke = _points_on_strokes(strokes, space.pos)
    for name, xy in pix.items():
        pt = names.get(name)
        span = pt.span if pt is not None else head
        d = float(_lookup(dist, np.array([xy]))[0])
        need = name in on_stroke
        ok = d <= max(POINT_PX, tol) or not need
        items.append(Item("point", f"point {name}", span, ok, d))
        if not ok:
            why = f"{d:.1f} px from any ink" if d < 1e5 else "it falls outside the image"
            diags.append(Diagnostic("E121", messages.figure_point_off(name, why), span))
    if pieces is not None:
        texts, segs, rings = pieces
        hidden = {g.name for g in fig.unlabeled if isinstance(g, s.Pt)}
        items_l, diags_l = _check_letters(texts, pix, names, hidden, head)
        items += items_l
        diags += diags_l
        items_v, diags_v = _check_values(fig, texts, pix, space, frame)
        items += items_v
        diags += diags_v
        allpx = np.vstack(prog_px) if prog_px else np.zeros((0, 2))
        sides = [(tuple(px[0]), tuple(px[-1])) for st, px in zip(strokes, prog_px) if not st.circle and len(px) > 1]
        items_u, diags_u = _check_unexplained(segs, rings, allpx, sides,  # type: ignore[arg-type]
                                              page.ink.shape, tol, head, _drawing_box(page))
        items += items_u
        diags += diags_u
    return FigureVerdict(not has_errors(diags), diags, items, frame, tolerance_px)


def _space(fig: s.Figure) -> Any:
    """Every point's position: as the program states it (sketches too); a point it leaves to the
    solver is placed by the renderer's layout, carried into the stated points' frame by the
    similarity that best lays the layout's stated points on them."""
    from recode_dsl.renderer import geo_space

    stated = {p.name: (float(p.x), float(p.y)) for p in fig.points  # type: ignore[arg-type]
              if p.x is not None and p.y is not None}
    if len(stated) == len(fig.points):
        return geo_space.resolve(fig)
    pos = dict(stated)
    try:
        laid = geo_space.resolve(fig).pos
    except RecodeError:
        laid = {}
    common = [n for n in stated if n in laid]
    if len(common) < 2:  # nothing (or one point) to carry the layout by: its own frame, shifted
        dx, dy = (stated[common[0]][0] - laid[common[0]][0], stated[common[0]][1] - laid[common[0]][1]) \
            if common else (0.0, 0.0)
        for n, xy in laid.items():
            pos.setdefault(n, (xy[0] + dx, xy[1] + dy))
    else:
        src = np.array([laid[n] for n in common]) @ np.array([1.0, 1j])
        dst = np.array([stated[n] for n in common]) @ np.array([1.0, 1j])
        sm, dm = src.mean(), dst.mean()
        den = complex(np.vdot(src - sm, src - sm))
        a = complex(np.vdot(src - sm, dst - dm)) / den if abs(den) > 0 else 1.0
        for n, xy in laid.items():
            if n not in pos:
                z = a * (complex(*xy) - sm) + dm
                pos[n] = (z.real, z.imag)
    try:
        circles = geo_space._circles(fig, pos)
    except KeyError:  # a circle about a point nothing placed: not checked
        circles = {}
    return geo_space.Space(pos, circles)


def _letter_frame(texts: list[Any], pos: dict[str, XY]) -> tuple[float, float, float] | None:
    """The frame that lays the program's points on the printed letters of their names (least
    squares; each letter sits a little beside its point), from three letters or more; None
    without them or when they do not agree with one frame."""
    pairs = [(pos[t.value], t.centre) for t in texts if t.kind == "point" and t.value in pos]
    names = {t.value for t in texts if t.kind == "point" and t.value in pos}
    if len(names) < 3 or len(pairs) != len(names):
        return None  # a letter read twice: one of them is misread
    world = np.array([p for p, _ in pairs], dtype=np.float64)
    pix = np.array([c for _, c in pairs], dtype=np.float64)
    wm, pm = world.mean(axis=0), pix.mean(axis=0)
    dw, dp = world - wm, pix - pm
    den = float((dw ** 2).sum())
    if den <= 0:
        return None
    sc = float((dw[:, 0] * dp[:, 0] - dw[:, 1] * dp[:, 1]).sum() / den)
    if sc <= 0:
        return None
    ox, oy = float(pm[0] - sc * wm[0]), float(pm[1] + sc * wm[1])
    spread = float(np.sqrt((dp ** 2).sum(axis=1).mean()))
    resid = pix - np.column_stack((ox + sc * world[:, 0], oy - sc * world[:, 1]))
    if float(np.sqrt((resid ** 2).sum(axis=1).mean())) > 0.25 * max(spread, 1.0):
        return None
    return (sc, ox, oy)


def _drawing_box(page: Any) -> tuple[float, float, float, float]:
    """The box of the drawing's ink, leaving out the small blobs (letters, numbers, marks)."""
    from recode_dsl.perception.diagram import image as dimage
    from recode_dsl.perception.diagram.reader import text_size

    labels, blobs = dimage.blobs(page.ink)
    big = [b for b in blobs if not dimage.is_small(b, text_size(page))] or blobs
    r0 = min(b.box[0] for b in big)
    c0 = min(b.box[1] for b in big)
    r1 = max(b.box[2] for b in big)
    c1 = max(b.box[3] for b in big)
    return (float(c0), float(r0), float(c1 - 1), float(r1 - 1))


def _check_stroke(st: Stroke, frame: tuple[float, float, float], dist: Float, tol: float) -> tuple[Item, Float]:
    px = _sample(tuple((frame[1] + frame[0] * x, frame[2] - frame[0] * y) for x, y in st.path), 1.0)
    d = _lookup(dist, px)
    if not st.circle and len(px) > 2:
        d = _best_sway(px, dist, d, tol)
    inked = d <= tol
    cover = float(inked.mean()) if len(d) else 0.0
    gap = _longest_run(~inked)
    length = max(len(px) - 1, 1)
    ok = cover >= COVER_MIN and gap <= max(GAP_MIN_PX, GAP_SHARE * length)
    detail = None if ok else f"{cover:.0%} inked, longest gap {gap} px"
    return Item("stroke", st.what, st.span, ok, float(np.median(d)) if len(d) else None, cover, detail), px


def _best_sway(px: Float, dist: Float, d: Float, tol: float) -> Float:
    """The distances along a straight stroke whose ends may each sit up to END_PX across it (a
    point placed by hand, a mark drawn a pixel aside): the sway that inks the most of it."""
    a, b = px[0], px[-1]
    n = np.array([a[1] - b[1], b[0] - a[0]])
    n = n / max(float(np.hypot(*n)), 1e-9)
    u = np.linspace(0.0, 1.0, len(px))[:, None]
    best, best_cover = d, float((d <= tol).mean())
    steps = np.arange(-END_PX, END_PX + 0.5, END_PX / 2)
    for da in steps:
        for db in steps:
            if da == 0 and db == 0:
                continue
            moved = px + n[None, :] * (da * (1 - u) + db * u)
            dd = _lookup(dist, moved)
            cover = float((dd <= tol).mean())
            if cover > best_cover + 1e-9:
                best, best_cover = dd + 0.0, cover
    return best


def _longest_run(flags: NDArray[np.bool_]) -> int:
    best = run = 0
    for f in flags.tolist():
        run = run + 1 if f else 0
        best = max(best, run)
    return best


def _points_on_strokes(strokes: list[Stroke], pos: dict[str, XY]) -> set[str]:
    """The points that some stroke passes through (a circle's centre alone need not be inked)."""
    out: set[str] = set()
    for name, p in pos.items():
        for st in strokes:
            if any(_near_segment(p, a, b, 1e-6 * (1 + abs(a[0]) + abs(a[1]) + abs(b[0]) + abs(b[1])) + 1e-9)
                   for a, b in zip(st.path, st.path[1:])) if not st.circle else _on_path(p, st.path):
                out.add(name)
                break
    return out


def _on_path(p: XY, path: tuple[XY, ...]) -> bool:
    scale = max(math.dist(path[0], q) for q in path) or 1.0
    return min(math.dist(p, q) for q in path) <= 0.05 * scale


def _near_segment(p: XY, a: XY, b: XY, eps: float) -> bool:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n2 = dx * dx + dy * dy
    t = 0.0 if n2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / n2))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy)) <= max(eps, 1e-3 * math.sqrt(n2))


def _read(image: NDArray[np.generic]) -> tuple[list[Any], list[Any], list[Any]] | None:
    """The image's texts, straight strokes and circles, as the diagram reader reads them."""
    from recode_dsl.perception.diagram import read_figure

    try:
        r = read_figure(np.asarray(image))
    except (ValueError, IndexError, ArithmeticError, MemoryError):
        return None
    return _pieces(r)


def _pieces(r: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """The texts, straight strokes and circles of a ``Reading``."""
    return list(r.texts), list(r.diagram.segments), _circles_of(r.diagram)


def _circles_of(d: Any) -> list[tuple[float, float, float]]:
    out = []
    for ring in d.circles:
        cx, cy = d.points[ring.centre].xy if 0 <= ring.centre < len(d.points) else (math.nan, math.nan)
        out.append((float(cx), float(cy), float(ring.radius)))
    return out


def _box_distance(box: tuple[int, int, int, int], p: XY) -> float:
    x0, y0, x1, y1 = box
    return math.hypot(max(x0 - p[0], 0.0, p[0] - x1), max(y0 - p[1], 0.0, p[1] - y1))


def _check_letters(texts: list[Any], pix: dict[str, XY], names: dict[str, s.Point], hidden: set[str],
                   head: Span) -> tuple[list[Item], list[Diagnostic]]:
    """Each point letter printed in the image is printed at the program's point of that name."""
    items: list[Item] = []
    diags: list[Diagnostic] = []
    def beside(t: Any) -> bool:
        name = t.value
        near = min(pix, key=lambda n: _box_distance(t.box, pix[n]))
        d_own, d_near = _box_distance(t.box, pix[name]), _box_distance(t.box, pix[near])
        return bool(near == name or d_own <= max(2.5 * t.height, 12.0) or d_own <= d_near + 0.5 * t.height)

    letters = [t for t in texts if t.kind == "point" and t.value in pix and t.value not in hidden]
    for t in letters:
        name = t.value
        near = min(pix, key=lambda n: _box_distance(t.box, pix[n]))
        d_own = _box_distance(t.box, pix[name])
        # a letter read twice, once beside its point: the other is another letter misread
        ok = beside(t) or any(beside(o) for o in letters if o is not t and o.value == name)
        span = names[name].span if name in names else head
        detail = None if ok else f"the letter {name} is printed {d_own:.0f} px from it, beside {near}"
        items.append(Item("label", f"letter {name}", span, ok, d_own, detail=detail))
        if not ok:
            diags.append(Diagnostic("E121", messages.figure_point_off(name, detail or ""), span))
    return items, diags


def _agree(printed: str, stated: str, angle: bool) -> bool:
    """The printed text reads as the stated value, allowing OCR's usual slips on a long label: one
    character missed, added or misread (``by-8`` for ``6y-8``), or a degree sign read as a digit."""
    if _norm(printed) == _norm(stated):
        return True
    p, s = _plain(printed), _plain(stated)
    if angle and len(p) == len(s) + 1 and p.startswith(s) and p[-1] in "2o0":
        return True
    if "." in s and len(s) >= 3 and _edits(p, s.replace(".", "")) <= 1:
        return True  # the decimal point missed, and one digit misread with it
    return len(s) >= 3 and _edits(p, s) <= 1


def _plain(text: str) -> str:
    t = text.replace("\u2212", "-").replace("\u2013", "-").replace("\u2014", "-").replace("--", "-")
    return t.replace("*", "").replace(" ", "").replace("\u00b7", "").rstrip("°º\"'\u2019\u201d").lower()


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _norm(text: str) -> str:
    t = text.replace("\u2212", "-").replace("\u2013", "-").replace("\u2014", "-").replace("--", "-")
    t = t.replace("*", "").replace(" ", "").replace("\u00b7", "")
    t = t.rstrip("°º\"'\u2019\u201d")  # a degree sign OCR reads as a quote
    t = t.strip("()") if t.startswith("(") and t.endswith(")") and t.count("(") == 1 else t
    try:
        return repr(float(t))
    except ValueError:
        return t.lower()


def _value_like(text: str) -> bool:
    """A printed text that can be a value: a number or an expression (digits, lower-case
    variables, operators), not a word or a unit (``in``) printed beside one."""
    v = text.strip()
    if not v or not re.fullmatch(r"[0-9a-z.+\-\u2212*/()\u221a\u03c0 \u00b0'\"]+", v):
        return False
    return any(ch.isdigit() for ch in v) or (len(v) == 1 and v.isalpha())


def _value_labels(fig: s.Figure) -> list[tuple[s.Equation, s.Geo, str]]:
    """(equation, the thing labelled, the label's text) for ``length(A, B) = 5``, ``angle(...) = 3x``."""
    from recode_dsl.renderer.geo_text import quantity_text

    out: list[tuple[s.Equation, s.Geo, str]] = []
    for eq in fig.equations:
        for lhs, rhs in ((eq.lhs, eq.rhs), (eq.rhs, eq.lhs)):
            if isinstance(lhs, s.Measure) and lhs.fn in ("length", "measure") and len(lhs.args) == 1 \
                    and isinstance(lhs.args[0], (s.Seg, s.Ang, s.Arc)) and not isinstance(rhs, s.Measure):
                g = lhs.args[0]
                if isinstance(g, s.Ang) and (g.label is not None or g.vertex is None):
                    break
                out.append((eq, g, quantity_text(rhs)))
                break
    return out


def _anchor(g: s.Geo, pix: dict[str, XY], space: Any, frame: tuple[float, float, float]) -> XY | None:
    """Where a label of ``g`` is printed about: a segment's middle, an angle's vertex, an arc's middle."""
    if isinstance(g, s.Seg) and g.a in pix and g.b in pix:
        a, b = pix[g.a], pix[g.b]
        return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if isinstance(g, s.Ang) and g.vertex in pix:
        return pix[g.vertex]
    if isinstance(g, s.Arc):
        from recode_dsl.renderer.geo_draw import arc_geometry

        found = arc_geometry(g, space)
        if found is not None:
            cx, cy, r, t0, sweep = found
            t = t0 + sweep / 2
            return (frame[1] + frame[0] * (cx + r * math.cos(t)), frame[2] - frame[0] * (cy + r * math.sin(t)))
    return None


def _check_values(fig: s.Figure, texts: list[Any], pix: dict[str, XY], space: Any,
                  frame: tuple[float, float, float]) -> tuple[list[Item], list[Diagnostic]]:
    """Each stated value is printed in the image; one printed otherwise at its place is an error."""
    values = [t for t in texts if t.kind in ("length", "angle", "other") and _value_like(t.value)]
    labels = _value_labels(fig)
    stated = {text for _, _, text in labels}
    items: list[Item] = []
    diags: list[Diagnostic] = []
    for eq, g, text in labels:
        where = _anchor(g, pix, space, frame)
        if where is None:
            continue
        what = _label_what(g)
        same = [t for t in values if _agree(t.value, text, isinstance(g, (s.Ang, s.Arc)))]
        if same:
            d = min(_box_distance(t.box, where) for t in same)
            items.append(Item("label", f"{what} = {text}", eq.span, True, d))
            continue
        # the nearest printed value that no other statement accounts for
        free = [t for t in values if not any(_agree(t.value, other, False) for other in stated)]
        near = min(free, key=lambda t: _box_distance(t.box, where), default=None)
        reach = 3.0 * (near.height if near is not None else 0.0) + 6.0
        # OCR reads digits, letters and + - / ( ): a root or pi it cannot read is no disagreement
        readable = all(ch.isalnum() or ch in "+-−/(). " for ch in text) and "√" not in text and "π" not in text
        if readable and near is not None and _box_distance(near.box, where) <= reach:
            detail = f"the image shows {near.value!r} there"
            items.append(Item("label", f"{what} = {text}", eq.span, False, _box_distance(near.box, where),
                              detail=detail))
            diags.append(Diagnostic("E123", messages.figure_label_otherwise(what, text, near.value), eq.span))
        else:
            items.append(Item("label", f"{what} = {text}", eq.span, True, None, detail="not read in the image"))
            diags.append(Diagnostic("E125", messages.figure_label_unread(what, text), eq.span, severity="warning"))
    return items, diags


def _label_what(g: s.Geo) -> str:
    """The quantity a printed value states, as the program writes it (``fmt``)."""
    if isinstance(g, s.Seg):
        return format_scene(s.Measure("length", (s.Pt(g.a), s.Pt(g.b))))
    if isinstance(g, (s.Ang, s.Arc)):
        return format_scene(g if isinstance(g, s.Ang) else s.Measure("measure", (g,)))
    return "a value"


def _angle_between(u: tuple[XY, XY], v: tuple[XY, XY]) -> float:
    """The angle between two segments' directions, 0..90 degrees."""
    a = math.atan2(u[1][1] - u[0][1], u[1][0] - u[0][0]) - math.atan2(v[1][1] - v[0][1], v[1][0] - v[0][0])
    a = abs(math.degrees(a)) % 180.0
    return min(a, 180.0 - a)


def _dimension_of(sg: tuple[XY, XY], side: tuple[XY, XY]) -> bool:
    """A dimension line of ``side``: parallel to it, beside it (not on it), and as long, about."""
    a, b = side
    n = math.dist(a, b)
    if n < 1e-9 or _angle_between(sg, side) > 6.0:
        return False
    ux, uy = (b[0] - a[0]) / n, (b[1] - a[1]) / n
    ts = [((p[0] - a[0]) * ux + (p[1] - a[1]) * uy) / n for p in sg]
    off = [abs((p[0] - a[0]) * uy - (p[1] - a[1]) * ux) for p in sg]
    # a whole one, or a half of one cut by its value; close beside the side (a midsegment is not)
    return (min(ts) >= -0.15 and max(ts) <= 1.15 and max(ts) - min(ts) >= 0.15
            and 3.0 <= min(off) and max(off) <= max(0.12 * n, 20.0))


def _end_bar(sg: tuple[XY, XY], dim: tuple[XY, XY], reach: float) -> bool:
    """A bar across a dimension line's end (or an extension line from the side to it)."""
    if _angle_between(sg, dim) < 60.0:
        return False
    return any(_seg_point_distance(sg, end) <= reach for end in dim)


def _seg_point_distance(sg: tuple[XY, XY], p: XY) -> float:
    (ax, ay), (bx, by) = sg
    dx, dy = bx - ax, by - ay
    n2 = dx * dx + dy * dy
    u = 0.0 if n2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / n2))
    return math.dist(p, (ax + u * dx, ay + u * dy))


def _check_unexplained(segs: list[Any], rings: list[tuple[float, float, float]], prog: Float,
                       sides: list[tuple[XY, XY]],
                       shape: tuple[int, ...], tol: float, head: Span,
                       box: tuple[float, float, float, float]) -> tuple[list[Item], list[Diagnostic]]:
    """The image's lines and circles (as the reader reads them) lie along the program's strokes."""
    items: list[Item] = []
    diags: list[Diagnostic] = []
    if len(prog) == 0:
        return items, diags
    h, w = int(shape[0]), int(shape[1])
    mask = np.zeros((h, w), dtype=bool)
    xs = np.clip(np.rint(prog[:, 0]).astype(int), 0, w - 1)
    ys = np.clip(np.rint(prog[:, 1]).astype(int), 0, h - 1)
    inside = (prog[:, 0] >= 0) & (prog[:, 0] < w) & (prog[:, 1] >= 0) & (prog[:, 1] < h)
    mask[ys[inside], xs[inside]] = True
    dist = np.asarray(ndimage.distance_transform_edt(~mask), dtype=np.float64)
    figure_size = max(box[2] - box[0], box[3] - box[1], 1.0)
    shortest = UNEXPLAINED_SHARE * figure_size
    pieces: list[tuple[str, tuple[XY, ...]]] = []
    dims = [(sg.a, sg.b) for sg in segs if any(_dimension_of((sg.a, sg.b), ab) for ab in sides)]
    for sg in segs:
        if (sg.a, sg.b) in dims or any(_end_bar((sg.a, sg.b), d, tol + 4.0) for d in dims):
            continue  # a dimension line beside a side, or a bar at its end: a measurement, not the figure's
        if math.dist(sg.a, sg.b) >= shortest:
            pieces.append((f"a line from ({sg.a[0]:.0f}, {sg.a[1]:.0f}) to ({sg.b[0]:.0f}, {sg.b[1]:.0f})",
                           (sg.a, sg.b)))
    for cx, cy, r in rings:
        if math.isfinite(cx) and 2 * math.pi * r >= shortest:
            pieces.append((f"a circle about ({cx:.0f}, {cy:.0f}) of radius {r:.0f}", _arc_path(cx, cy, r, 0.0,
                                                                                              2 * math.pi)))
    for what, path in pieces:
        d = _lookup(dist, _sample(path, 1.0))
        cover = float((d <= tol + 1.0).mean())
        ok = cover >= 0.5
        items.append(Item("unexplained", what, head, ok, float(np.median(d)), cover))
        if not ok:
            diags.append(Diagnostic("E124", messages.figure_unexplained(what + " (image pixels, y down)"), head,
                                    "add the segment or circle the image shows"))
    return items, diags
