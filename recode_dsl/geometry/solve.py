"""Numeric solving of a figure: seed from the drawing, least squares, then checks.

    figure ──1 model──▶ unknowns + residual blocks ──2 seed──▶ start vector
           ──3 fit with priors (drawn shape, free scale)──▶ ──4 project onto the constraints──▶ x*
           ──5 checks──▶ residuals (inconsistent?) and null space (is a query determined?)

Deterministic: seeds come from the drawing or from a fixed sequence, never from a clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

import numpy as np
from scipy.optimize import least_squares

from recode_dsl import scene as s
from recode_dsl.budget import clock
from recode_dsl.errors import Span
from recode_dsl.geometry import constraints as geo_constraints
from recode_dsl.geometry import touch as geo_touch
from recode_dsl.geometry.numeric import Model, Num, SolveTimeout, Vec, dist
from recode_dsl.geometry.untangle import untangle

CONSISTENT = 1e-6  # constraints hold when every residual is below this (lengths relative to the scale)
_GOLDEN = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Solution:
    model: Model
    x: np.ndarray
    residuals: list[tuple[int, float]]  # (block index, largest residual) of the constraints
    skipped: list[tuple[Span, str]]

    @property
    def worst(self) -> float:
        return max((r for _, r in self.residuals), default=0.0)

    @property
    def consistent(self) -> bool:
        return self.worst < CONSISTENT


def make_model(fig: s.Figure, oriented: bool = True, between: bool = False) -> tuple[Model, list[tuple[Span, str]]]:
    """The model of a figure: drawn positions scaled to the units of the text, then constraints."""
    fig = untangle(fig)
    model = Model(fig, oriented=oriented, between=between)
    raw = {p.name: (float(p.x), float(p.y)) for p in fig.points if p.x is not None and p.y is not None}
    ratio = _unit_ratio(fig, raw)
    model.drawn = {n: (x * ratio, y * ratio) for n, (x, y) in raw.items()}
    model.scale = _length_scale(fig, model.drawn)
    for p in fig.points:
        model.pslot(p.name)
    skipped = geo_constraints.build(model)
    return model, skipped


def _unit_ratio(fig: s.Figure, raw: dict[str, tuple[float, float]]) -> float:
    """Text units per drawing unit, from the lengths the text gives for drawn segments."""
    ratios = []
    for eq in fig.equations:
        for side, other in ((eq.lhs, eq.rhs), (eq.rhs, eq.lhs)):
            if (isinstance(side, s.Measure) and side.fn == "length" and isinstance(other, s.Const)
                    and isinstance(side.args[0], s.Seg)):
                a, b = side.args[0].a, side.args[0].b
                if a in raw and b in raw and dist(raw[a], raw[b]) > 1e-9 and float(other.value) > 0:
                    ratios.append(float(other.value) / dist(raw[a], raw[b]))
    return median(ratios) if ratios else 1.0


def _length_scale(fig: s.Figure, drawn: dict[str, tuple[float, float]]) -> float:
    pts = list(drawn.values())
    if len(pts) >= 2:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        span = max(max(xs) - min(xs), max(ys) - min(ys))
        if span > 1e-9:
            return span
    lengths = [abs(float(e.rhs.value)) for e in fig.equations
               if e.unit == "length" and isinstance(e.rhs, s.Const) and float(e.rhs.value) != 0]
    return median(lengths) * 2 if lengths else 10.0


# -- seeding ---------------------------------------------------------------------------------


def seed(model: Model) -> np.ndarray:
    """A start vector: drawn positions, then points placed by simple rules, then radii and variables."""
    x = np.array(model.seed, dtype=float)
    known: dict[str, tuple[float, float]] = dict(model.drawn)
    names = [k[2:] for k in model.slots if k.startswith("p:") and not k.endswith(".y")]
    _seed_polygons(model, known)
    for _ in range(3):
        for n in names:
            if n not in known:
                guess = _place(model, n, known)
                if guess is not None:
                    known[n] = guess
    k = 0
    for n in names:
        if n not in known:
            k += 1
            known[n] = _spiral(model, known, k)
        i = model.slots[f"p:{n}"]
        x[i], x[i + 1] = known[n]
    for key in model.circles:
        x[model.slots[f"r:{key}"]] = _radius_seed(model, key, known)
    return x


def _seed_polygons(model: Model, known: dict[str, tuple[float, float]]) -> None:
    """Undrawn polygon vertices start on a regular polygon: convex, counter-clockwise.

    A polygon with no drawn vertex goes beside the others; one with two consecutive drawn
    vertices is completed on that side, turned towards the rest of the drawing.
    """
    k = 0
    for _, poly in geo_constraints.polygons(model.fig):
        vs = poly.vertices
        if all(v in known for v in vs) or len(set(vs)) != len(vs):
            continue
        if not any(v in known for v in vs):
            n, r = len(vs), model.scale / 2
            for i, v in enumerate(vs):
                t = math.pi / 2 + 2 * math.pi * i / n + 0.1
                known[v] = (2.5 * r * k + r * math.cos(t), r * math.sin(t))
            k += 1
            continue
        _complete(vs, known)


def _complete(vs: tuple[str, ...], known: dict[str, tuple[float, float]]) -> None:
    n = len(vs)
    pair = next((i for i in range(n) if vs[i] in known and vs[(i + 1) % n] in known), None)
    if pair is None:
        return
    a, b = known[vs[pair]], known[vs[(pair + 1) % n]]
    others = [known[v] for v in known if v not in (vs[pair], vs[(pair + 1) % n])]
    best: list[tuple[float, float]] = []
    best_cost = math.inf
    for turn in (1, -1):
        ring = _regular_from(a, b, n, turn)
        targets = [known[vs[(pair + j) % n]] for j in range(n) if vs[(pair + j) % n] in known]
        got = [ring[j] for j in range(n) if vs[(pair + j) % n] in known]
        cost = sum(dist(p, q) for p, q in zip(targets, got))
        if others and cost == 0:
            cx, cy = sum(p[0] for p in ring) / n, sum(p[1] for p in ring) / n
            ox, oy = sum(p[0] for p in others) / len(others), sum(p[1] for p in others) / len(others)
            cost = -1e-9 / (1 + math.hypot(cx - ox, cy - oy))
        if cost < best_cost:
            best, best_cost = ring, cost
    for j in range(n):
        v = vs[(pair + j) % n]
        if v not in known:
            known[v] = best[j]


def _regular_from(a: tuple[float, float], b: tuple[float, float], n: int, turn: int) -> list[tuple[float, float]]:
    """A regular n-gon whose first side is ab, turning left (1) or right (-1)."""
    pts = [a, b]
    step = turn * 2 * math.pi / n
    dx, dy = b[0] - a[0], b[1] - a[1]
    for _ in range(n - 2):
        dx, dy = dx * math.cos(step) - dy * math.sin(step), dx * math.sin(step) + dy * math.cos(step)
        pts.append((pts[-1][0] + dx, pts[-1][1] + dy))
    return pts


def _spiral(model: Model, known: dict[str, tuple[float, float]], k: int) -> tuple[float, float]:
    cx = sum(p[0] for p in known.values()) / len(known) if known else 0.0
    cy = sum(p[1] for p in known.values()) / len(known) if known else 0.0
    r = model.scale * (0.3 + 0.1 * k)
    return cx + r * math.cos(k * _GOLDEN), cy + r * math.sin(k * _GOLDEN)


def _place(model: Model, n: str, known: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    lines: list[tuple[str, str]] = []
    for r in model.fig.relations:
        args = r.args
        if r.name == "midpoint" and args[0] == s.Pt(n) and isinstance(args[1], s.Seg):
            a, b = args[1].a, args[1].b
            if a in known and b in known:
                return _mid(known[a], known[b])
        if r.name in ("centroid", "incenter", "circumcenter", "orthocenter") and args[0] == s.Pt(n):
            vs = getattr(args[1], "vertices", ())
            if vs and all(v in known for v in vs):
                return (sum(known[v][0] for v in vs) / len(vs), sum(known[v][1] for v in vs) / len(vs))
        if r.name == "on" and args[0] == s.Pt(n) and isinstance(args[1], (s.Seg, s.Ln, s.Ray)):
            lines.append((args[1].a, args[1].b))
        if r.name == "intersect" and args[2] == s.Pt(n):
            lines += [(g.a, g.b) for g in args[:2] if isinstance(g, (s.Seg, s.Ln, s.Ray))]
    lines = [ln for ln in lines if ln[0] in known and ln[1] in known]
    if len(lines) >= 2:
        cross = _intersection(*(known[v] for v in lines[0]), *(known[v] for v in lines[1]))
        if cross is not None:
            return cross
    if lines:  # spread the points of one segment out, so that none start on top of another
        pa, pb = known[lines[0][0]], known[lines[0][1]]
        taken = sum(1 for q in known.values() if abs(_cross(pa, pb, q)) < 1e-9 * (1 + dist(pa, pb) ** 2))
        f = 0.5 + 0.13 * (taken - 1) * (-1) ** taken
        return (pa[0] + f * (pb[0] - pa[0]), pa[1] + f * (pb[1] - pa[1]))
    beyond = _beyond(model, n, known)
    if beyond is not None:
        return beyond
    return geo_touch.centre_seed(model, n, known)


def _beyond(model: Model, n: str, known: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    """An end of a segment that a known point lies on: past that point, away from the other end."""
    for r in model.fig.relations:
        g = r.args[1] if len(r.args) > 1 else None
        if r.name != "on" or not isinstance(g, s.Seg) or n not in (g.a, g.b) or not isinstance(r.args[0], s.Pt):
            continue
        p, other = r.args[0].name, (g.b if g.a == n else g.a)
        if p in known and other in known and dist(known[p], known[other]) > 1e-9:
            (px, py), (ox, oy) = known[p], known[other]
            return (px + 0.5 * (px - ox), py + 0.5 * (py - oy))
    return None


def _cross(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> float:
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])


def _mid(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _intersection(p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float],
                  p4: tuple[float, float]) -> tuple[float, float] | None:
    d = (p1[0] - p2[0]) * (p3[1] - p4[1]) - (p1[1] - p2[1]) * (p3[0] - p4[0])
    if abs(d) < 1e-12:
        return None
    a, b = p1[0] * p2[1] - p1[1] * p2[0], p3[0] * p4[1] - p3[1] * p4[0]
    return ((a * (p3[0] - p4[0]) - (p1[0] - p2[0]) * b) / d, (a * (p3[1] - p4[1]) - (p1[1] - p2[1]) * b) / d)


def _radius_seed(model: Model, key: str, known: dict[str, tuple[float, float]]) -> float:
    c = model.circles[key]
    centre = known.get(c.center if c.center is not None else f"@{key}")
    pts = [known[p] for p, keys in model.on_circle.items() if key in keys and p in known]
    if centre is not None and pts:
        return sum(dist(centre, p) for p in pts) / len(pts)
    if c.radius is not None and isinstance(c.radius, s.Const):
        return float(c.radius.value)
    return model.scale / 3


# -- solving ---------------------------------------------------------------------------------


def _hard(model: Model, x: Vec) -> list[float]:
    out: list[float] = []
    for b in model.blocks:
        out.extend(b.fn(x))
    return out


def _fit(fun: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, deadline: float, max_nfev: int,
         tol: float = 1e-12) -> np.ndarray:
    def guarded(z: np.ndarray) -> np.ndarray:
        if clock() > deadline:
            raise SolveTimeout()
        r = fun(z)
        # residuals past floats, or past 1e100 (a power tower), are held finite and moderate, so
        # that no Jacobian SciPy differences or decomposes holds an inf or a NaN
        return np.where(np.isfinite(r), np.clip(r, -1e100, 1e100), 1e6)
    m = len(guarded(x0))
    method = "lm" if m >= len(x0) else "trf"
    res = least_squares(guarded, x0, method=method, xtol=tol, ftol=max(tol * 1e-2, 1e-15), gtol=max(tol * 1e-2, 1e-15),
                        max_nfev=max_nfev)
    return np.asarray(res.x, dtype=float)


def solve(model: Model, skipped: list[tuple[Span, str]], deadline: float,
          accept: Callable[[Solution], bool] | None = None, weights: tuple[float, ...] = (0.1, 1.0, 0.01)) -> Solution:
    """Fit the constraints starting from the drawing; a few deterministic tries.

    Tries pull towards the drawing with different strengths; the first solution that meets
    the constraints and that ``accept`` likes (say, every query is determined there) wins,
    else the first that meets the constraints, else the closest.
    """
    x0 = seed(model)
    x0 = _fit_free(model, x0, deadline)
    closest: Solution | None = None
    first_ok: Solution | None = None
    for weight in weights:
        x1 = _with_priors(model, x0, weight, deadline)
        x2 = _project(model, x1, deadline)
        sol = Solution(model, x2, _block_residuals(model, x2), skipped)
        if sol.consistent:
            if accept is None or accept(sol):
                return sol
            first_ok = first_ok or sol
        elif closest is None or sol.worst < closest.worst:
            closest = sol
    out = first_ok or closest
    assert out is not None
    return out


def drawing_misfit(fig: s.Figure, deadline: float) -> dict[Span, float]:
    """How far each statement is from holding in the drawing (variables, radii and undrawn
    points fitted with the drawn points held, the size free): its largest residual there."""
    model, _ = make_model(fig)
    x = _fit_free(model, seed(model), deadline)
    out: dict[Span, float] = {}
    for i, r in _block_residuals(model, x):
        span = model.blocks[i].span
        out[span] = max(out.get(span, 0.0), r)
    return out


def _fit_free(model: Model, x0: np.ndarray, deadline: float) -> np.ndarray:
    """Variables, radii and undrawn points first, with the drawn points held where drawn.

    The text's units and the drawing's can differ by a factor nothing else tells (lengths
    given only as expressions): when the drawing as it stands cannot meet the constraints,
    its size is fitted too, so that the priors do not fight it later.
    """
    if not model.blocks:
        return x0
    drawn = {f"p:{n}" for n in model.drawn} | {f"p:{n}.y" for n in model.drawn}
    free = [i for k, i in model.slots.items() if k.startswith(("v:", "r:")) or (k.startswith("p:") and k not in drawn)]
    pos = [i for k, i in model.slots.items() if k in drawn]
    full = x0.copy()
    # lengths (undrawn points and radii) grow with the drawing; variables keep their own units
    sizes = np.array([1.0 if k.startswith(("p:", "r:")) else 0.0 for k, i in model.slots.items() if i in set(free)])

    def fun(z: np.ndarray, sized: bool) -> np.ndarray:
        k = z[0] if sized else 1.0
        full[pos] = k * x0[pos]
        full[free] = z[1:] * (1 + (k - 1) * sizes)
        pulls = 1e-3 * (z[1:] - x0[free]) / model.scale
        return np.concatenate([np.asarray(_hard(model, full.tolist())), pulls, [1e-3 * (k - 1)]])
    start = np.concatenate([[1.0], x0[free]])
    z = _fit(lambda v: fun(v, False), start, deadline, 100)
    if pos and max(abs(v) for v in _hard(model, full.tolist())) > CONSISTENT:
        z = _fit(lambda v: fun(v, True), start, deadline, 100)
        if not 1e-3 < z[0] < 1e3:
            z[0] = 1.0
    else:
        z[0] = 1.0
    out: np.ndarray = x0.copy()
    k = float(z[0])
    out[pos] = k * x0[pos]
    out[free] = z[1:] * (1 + (k - 1) * sizes)
    model.drawn = {n: (k * p[0], k * p[1]) for n, p in model.drawn.items()}
    model.scale *= k
    return out


def _point_slots(model: Model) -> list[tuple[str, int]]:
    return [(k[2:], i) for k, i in model.slots.items() if k.startswith("p:") and not k.endswith(".y")]


def _with_priors(model: Model, x0: np.ndarray, weight: float, deadline: float) -> np.ndarray:
    """Constraints plus weak pulls of drawn points towards the drawing (scale and shift free)."""
    pts = _point_slots(model)
    drawn = [(i, model.drawn[n]) for n, i in pts if n in model.drawn]
    other = [(i, (x0[i], x0[i + 1])) for n, i in pts if n not in model.drawn]
    n = len(x0)
    sc = model.scale
    pull = [1e-2]
    rest = [i for k, i in model.slots.items() if not k.startswith("p:")]

    def fun(z: np.ndarray) -> np.ndarray:
        x, (k, tx, ty) = z[:n], z[n:]
        pri = [weight * (x[i] - (k * px + tx)) / sc for i, (px, _) in drawn]
        pri += [weight * (x[i + 1] - (k * py + ty)) / sc for i, (_, py) in drawn]
        pri += [pull[0] * weight * (x[i + j] - p[j]) / sc for i, p in other for j in (0, 1)]
        pri += [weight * (k - 1), weight * tx / sc, weight * ty / sc]
        pri += [1e-4 * (z[i] - x0[i]) / sc for i in rest]
        return np.concatenate([np.asarray(_hard(model, x.tolist())), np.asarray(pri)])
    z = _fit(fun, np.concatenate([x0, [1.0, 0.0, 0.0]]), deadline, 80)
    if other:  # again, with the undrawn points pulled to where the first fit put them
        other = [(i, (z[i], z[i + 1])) for i, _ in other]
        pull[0] = 1e-4
        z = _fit(fun, z, deadline, 40)
    return z[:n]


def _project(model: Model, x1: np.ndarray, deadline: float) -> np.ndarray:
    """The nearest point of x1 that meets the constraints (tiny pulls keep it unique)."""
    def fun(z: np.ndarray) -> np.ndarray:
        return np.concatenate([np.asarray(_hard(model, z.tolist())), 1e-6 * (z - x1) / model.scale])
    x2 = _fit(fun, x1, deadline, 60)
    if not model.blocks:
        return x2
    polished = _fit(lambda z: np.asarray(_hard(model, z.tolist())), x2, deadline, 15, tol=1e-15)
    return polished if _max_abs(model, polished) <= _max_abs(model, x2) else x2


def _max_abs(model: Model, x: np.ndarray) -> float:
    return max((abs(v) for v in _hard(model, x.tolist())), default=0.0)


def _block_residuals(model: Model, x: np.ndarray) -> list[tuple[int, float]]:
    xs = x.tolist()
    out = []
    for i, b in enumerate(model.blocks):
        vals = b.fn(xs)
        out.append((i, max((abs(v) if math.isfinite(v) else math.inf for v in vals), default=0.0)))
    return out


# -- checks ----------------------------------------------------------------------------------


def jacobian(fun: Callable[[list[float]], list[float]], x: np.ndarray) -> np.ndarray:
    """Central differences."""
    cols = []
    for i in range(len(x)):
        h = 1e-6 * max(1.0, abs(x[i]))
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        with np.errstate(invalid="ignore", over="ignore"):
            cols.append((np.asarray(fun(up.tolist())) - np.asarray(fun(down.tolist()))) / (2 * h))
    out: np.ndarray = np.array(cols).T
    return out


def free_directions(sol: Solution) -> np.ndarray:
    """An orthonormal basis (columns) of the directions the constraints leave free at x*."""
    model = sol.model
    n = len(sol.x)
    if not model.blocks:
        return np.eye(n)
    jac = jacobian(lambda z: _hard(model, z), sol.x)
    if not np.all(np.isfinite(jac)):
        # Past what floats hold (a power tower overflows): nothing is known to be pinned. LAPACK's
        # SVD of a matrix with NaN can also loop forever in C, where no deadline reaches it.
        return np.eye(n)
    _, sv, vt = np.linalg.svd(jac, full_matrices=True)
    tol = max(sv[0] if len(sv) else 0.0, 1.0) * 1e-6
    rank = int(np.sum(sv > tol))
    return np.asarray(vt[rank:].T)


def determined(value: Num, sol: Solution, free: np.ndarray) -> bool:
    """Whether a quantity cannot move along the free directions (to first order)."""
    if free.shape[1] == 0:
        return True
    grad = jacobian(lambda z: [value(z)], sol.x)[0]
    norm = float(np.linalg.norm(grad))
    if not math.isfinite(norm):
        return False
    return float(np.linalg.norm(free.T @ grad)) <= 1e-4 * norm + 1e-12
