"""A reading against a Geometry3K record's annotations.

The annotated positions are in a cropped frame: the one translation that best aligns the two
point sets is found first (every pairing of a read and an annotated point proposes one; the
proposal that matches most points within the tolerance wins, refined to the matched pairs'
mean offset). Points are then matched one to one within the tolerance, lines compared as the
pairs of matched points they join, circles by their matched centres.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Xy = tuple[float, float]

TOLERANCE = 6.0


@dataclass(frozen=True, slots=True)
class Match:
    """Read point index -> annotated name, and the translation read + shift = annotated."""

    names: dict[int, str]
    shift: Xy


def _count(read: np.ndarray, ann: np.ndarray, shift: np.ndarray, tol: float) -> tuple[int, float]:
    d = np.hypot(*(read[:, None, :] + shift - ann[None, :, :]).transpose(2, 0, 1))
    cost = np.where(d <= tol, d, 1e6)
    r, c = linear_sum_assignment(cost)
    ok = cost[r, c] <= tol
    return int(ok.sum()), float(cost[r, c][ok].sum())


def match_points(
    read: Sequence[Xy], annotated: Mapping[str, Xy], tol: float = TOLERANCE
) -> Match:
    """The translation and one-to-one matching of read points to annotated ones."""
    names = [n for n, xy in annotated.items() if xy[0] != -1 or xy[1] != -1]
    if not read or not names:
        return Match({}, (0.0, 0.0))
    r = np.array(read, dtype=float)
    a = np.array([annotated[n] for n in names], dtype=float)
    best: tuple[int, float, np.ndarray] | None = None
    seen: set[tuple[int, int]] = set()
    for i in range(len(r)):
        for j in range(len(a)):
            shift = a[j] - r[i]
            key = (int(round(shift[0] / 2)), int(round(shift[1] / 2)))
            if key in seen:
                continue
            seen.add(key)
            n, total = _count(r, a, shift, tol)
            if best is None or n > best[0] or (n == best[0] and total < best[1]):
                best = (n, total, shift)
    assert best is not None
    shift = best[2]
    for _ in range(2):
        d = np.hypot(*(r[:, None, :] + shift - a[None, :, :]).transpose(2, 0, 1))
        costs = np.where(d <= tol, d, 1e6)
        ri, ci = linear_sum_assignment(costs)
        ok = costs[ri, ci] <= tol
        if not ok.any():
            break
        new = (a[ci[ok]] - r[ri[ok]]).mean(axis=0)
        if _count(r, a, new, tol)[0] < int(ok.sum()):
            break
        shift = new
    d = np.hypot(*(r[:, None, :] + shift - a[None, :, :]).transpose(2, 0, 1))
    final = np.where(d <= tol, d, 1e6)
    ri, ci = linear_sum_assignment(final)
    pairs = {int(i): names[int(j)] for i, j in zip(ri, ci) if final[i, j] <= tol}
    return Match(pairs, (float(shift[0]), float(shift[1])))


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, read total and annotated total of one kind of thing."""

    hit: int
    read: int
    annotated: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.hit + other.hit, self.read + other.read, self.annotated + other.annotated)

    @property
    def recall(self) -> float:
        return self.hit / self.annotated if self.annotated else 1.0

    @property
    def precision(self) -> float:
        return self.hit / self.read if self.read else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pair_counts(read_pairs: set[frozenset[str]], ann_pairs: set[frozenset[str]]) -> Counts:
    return Counts(len(read_pairs & ann_pairs), len(read_pairs), len(ann_pairs))


def annotated_line_pairs(record: Mapping[str, object], known: set[str]) -> set[frozenset[str]]:
    """The record's line instances (``"AB"`` or longer names) as pairs of known points."""
    out: set[frozenset[str]] = set()
    names = sorted(known, key=len, reverse=True)
    raw = record.get("line_instances") or []
    for inst in raw if isinstance(raw, list) else []:
        parts = _split_names(str(inst), names)
        if parts is not None and len(parts) == 2 and parts[0] != parts[1]:
            out.add(frozenset(parts))
    return out


def _split_names(text: str, names: list[str]) -> list[str] | None:
    """Split ``"ABC"`` or ``"A'B"`` into point names (longest names first)."""
    if not text:
        return []
    for n in names:
        if text.startswith(n):
            rest = _split_names(text[len(n) :], names)
            if rest is not None:
                return [n, *rest]
    return None


def distance(a: Xy, b: Xy) -> float:
    return math.dist(a, b)


_LENGTH = re.compile(r"^Equals\(LengthOf\(Line\((\w+), (\w+)\)\), ([^()]*(?:\([^()]*\))*[^()]*)\)$")
_ANGLE = re.compile(r"^Equals\(MeasureOf\(Angle\((\w+), (\w+), (\w+)\)\), (.*)\)$")
_OTHER_ANGLE = re.compile(r"^MeasureOf\(Angle\((\w+), ?(\w+), ?(\w+)\)\)$")
_TWO_LINES = re.compile(r"^(Parallel|Perpendicular)\(Line\((\w+), (\w+)\), Line\((\w+), (\w+)\)\)$")


def norm_value(v: str) -> str:
    """A value as compared: no spaces, no degree sign or outer parentheses, lower case; an
    angle's printed number spelled one way (the annotators write ``MeasureOf(angle 3)`` and
    ``MeasureOf(Angle(3))`` alike).

    >>> norm_value("MeasureOf(Angle(3))") == norm_value("MeasureOf(angle 3)")
    True
    """
    t = v.replace(" ", "").replace("°", "").replace("\\circ", "").lower()
    t = re.sub(r"^measureof\(angle\(([0-9]+)\)\)$", r"measureof(angle\1)", t)
    t = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", t)
    t = t.replace("{", "").replace("}", "").replace("^", "")
    while t.startswith("(") and t.endswith(")") and t.count("(") == 1:
        t = t[1:-1]
    return t


def _dir(p: Xy, q: Xy) -> float:
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def _same_dir(a: float, b: float, tol: float, mod: float = 360.0) -> bool:
    d = abs((a - b + mod / 2) % mod - mod / 2)
    return d <= tol


def facts_stated(
    forms: Sequence[str],
    annotated: Mapping[str, Xy],
    read_xy: Sequence[Xy],
    read_facts: Sequence[tuple[str, tuple[int, ...], str | None]],
    match: Match,
) -> tuple[int, int]:
    """How many of the annotated length, angle-measure (a value, or another angle: equal
    angles), parallel and perpendicular forms the reading states (same points after the match,
    same value), and how many there are."""
    inv = {n: i for i, n in match.names.items()}
    total = hit = 0
    for f in forms:
        f = f.strip()
        m = _LENGTH.match(f)
        if m and "LengthOf" not in m.group(3):
            total += 1
            want = {m.group(1), m.group(2)}
            val = norm_value(m.group(3))
            for kind, pts, v in read_facts:
                if kind == "length" and v is not None and norm_value(v) == val:
                    if {match.names.get(i) for i in pts} == want:
                        hit += 1
                        break
            continue
        m = _ANGLE.match(f)
        if m:
            total += 1
            a, b, c = m.group(1), m.group(2), m.group(3)
            val = norm_value(m.group(4))
            if b not in inv or a not in annotated or c not in annotated:
                continue
            other = _OTHER_ANGLE.match(m.group(4).strip())
            if other:
                d, e, g = other.group(1, 2, 3)
                if e in inv and d in annotated and g in annotated and _equal_angles_read(
                    ((a, b, c), (d, e, g)), annotated, read_xy, read_facts, inv
                ):
                    hit += 1
                continue
            dirs = sorted((_dir(annotated[b], annotated[a]), _dir(annotated[b], annotated[c])))
            for kind, pts, v in read_facts:
                if kind == "angle_label" and v is not None:
                    v = f"MeasureOf(angle {v})"
                elif kind != "angle":
                    continue
                if v is None or norm_value(v) != val or pts[1] != inv[b]:
                    continue
                rd = sorted((_dir(read_xy[pts[1]], read_xy[pts[0]]), _dir(read_xy[pts[1]], read_xy[pts[2]])))
                if (_same_dir(rd[0], dirs[0], 8) and _same_dir(rd[1], dirs[1], 8)) or (
                    _same_dir(rd[0], dirs[1], 8) and _same_dir(rd[1], dirs[0], 8)
                ):
                    hit += 1
                    break
            continue
        m = _TWO_LINES.match(f)
        if m:
            total += 1
            kind_want = m.group(1).lower()
            names4 = m.group(2, 3, 4, 5)
            if any(n not in annotated for n in names4):
                continue
            p = [annotated[n] for n in names4]
            d1, d2 = _dir(p[0], p[1]), _dir(p[2], p[3])
            for kind, pts, _v in read_facts:
                if kind != kind_want:
                    continue
                q = [read_xy[i] for i in pts]
                e1, e2 = _dir(q[0], q[1]), _dir(q[2], q[3])
                same = (_same_dir(e1, d1, 6, 180) and _same_dir(e2, d2, 6, 180)) or (
                    _same_dir(e1, d2, 6, 180) and _same_dir(e2, d1, 6, 180)
                )
                if same and _lines_near(p, q, match.shift):
                    hit += 1
                    break
    return hit, total


def _angle_read(
    angle: tuple[str, str, str], annotated: Mapping[str, Xy], read_xy: Sequence[Xy],
    pts: tuple[int, ...], inv: Mapping[str, int],
) -> bool:
    """The read angle (pts: a, vertex, b) is the annotated one: same vertex, rays within 8
    degrees."""
    a, b, c = angle
    if pts[1] != inv.get(b):
        return False
    dirs = sorted((_dir(annotated[b], annotated[a]), _dir(annotated[b], annotated[c])))
    rd = sorted((_dir(read_xy[pts[1]], read_xy[pts[0]]), _dir(read_xy[pts[1]], read_xy[pts[2]])))
    return (_same_dir(rd[0], dirs[0], 8) and _same_dir(rd[1], dirs[1], 8)) or (
        _same_dir(rd[0], dirs[1], 8) and _same_dir(rd[1], dirs[0], 8)
    )


def _equal_angles_read(
    pair: tuple[tuple[str, str, str], tuple[str, str, str]], annotated: Mapping[str, Xy],
    read_xy: Sequence[Xy], read_facts: Sequence[tuple[str, tuple[int, ...], str | None]],
    inv: Mapping[str, int],
) -> bool:
    """A read ``equal_angle`` fact states the two annotated angles equal (in either order)."""
    for kind, pts, _v in read_facts:
        if kind != "equal_angle":
            continue
        one, two = pts[:3], pts[3:]
        for p, q in ((one, two), (two, one)):
            if _angle_read(pair[0], annotated, read_xy, p, inv) and _angle_read(pair[1], annotated, read_xy, q, inv):
                return True
    return False


def _lines_near(ann: list[Xy], read: list[Xy], shift: Xy) -> bool:
    """Each annotated line passes within the tolerance of one of the read lines."""
    moved = [(x + shift[0], y + shift[1]) for x, y in read]
    def off(p: Xy, a: Xy, b: Xy) -> float:
        L = math.dist(a, b) or 1.0
        return abs((p[0] - a[0]) * (b[1] - a[1]) - (p[1] - a[1]) * (b[0] - a[0])) / L
    lines = [(moved[0], moved[1]), (moved[2], moved[3])]
    for a, b in ((ann[0], ann[1]), (ann[2], ann[3])):
        if not any(off(a, *ln) <= 2 * TOLERANCE and off(b, *ln) <= 2 * TOLERANCE for ln in lines):
            return False
    return True


def evaluate(record: Mapping[str, object], diagram: object, facts: Sequence[object]) -> dict[str, Counts]:
    """Points, lines, circles and facts of a reading (``diagram``: a reader.Diagram, ``facts``:
    its facts.Fact list) against a Geometry3K record's annotations."""
    pos = record.get("point_positions")
    ann: dict[str, Xy] = {}
    if isinstance(pos, Mapping):
        for k, v in pos.items():
            if isinstance(v, (list, tuple)) and len(v) == 2:
                ann[str(k)] = (float(v[0]), float(v[1]))
    known = {n for n, xy in ann.items() if xy != (-1.0, -1.0)}
    pts = [p.xy for p in getattr(diagram, "points", [])]
    match = match_points(pts, ann)
    points = Counts(len(match.names), len(pts), len(known))

    def name(i: int) -> str:
        return match.names.get(i, f"#{i}")

    read_pairs: set[frozenset[str]] = set()
    for line in getattr(diagram, "lines", []):
        for k, a in enumerate(line.points):
            for b in line.points[k + 1 :]:
                read_pairs.add(frozenset((name(a), name(b))))
    lines = pair_counts(read_pairs, annotated_line_pairs(record, known))
    read_c = {name(c.centre) for c in getattr(diagram, "circles", [])}
    raw_c = record.get("circle_instances")
    ann_c = {str(c) for c in raw_c if str(c) in known} if isinstance(raw_c, list) else set()
    circles = Counts(len(read_c & ann_c), len(read_c), len(ann_c))
    read_facts = [(f.kind, f.points, f.value) for f in facts]  # type: ignore[attr-defined]
    raw_f = record.get("diagram_logic_forms")
    forms = [str(f) for f in raw_f] if isinstance(raw_f, list) else []
    hit, total = facts_stated(forms, ann, pts, read_facts, match)
    return {"points": points, "lines": lines, "circles": circles, "facts": Counts(hit, len(facts), total)}


def report(totals: Mapping[str, Counts]) -> str:
    """The reading's figures, one line each."""
    p, ln, c, f = (totals.get(k, Counts(0, 0, 0)) for k in ("points", "lines", "circles", "facts"))
    return "\n".join([
        f"reading: points recall {p.recall:.3f} precision {p.precision:.3f} within {TOLERANCE:g} px"
        f" ({p.hit}/{p.annotated}, {p.read} read)",
        f"reading: lines F1 {ln.f1:.3f} (recall {ln.recall:.3f}, precision {ln.precision:.3f})",
        f"reading: circles F1 {c.f1:.3f} (recall {c.recall:.3f}, precision {c.precision:.3f})",
        f"reading: diagram facts stated {f.recall:.3f} ({f.hit}/{f.annotated})",
    ])
