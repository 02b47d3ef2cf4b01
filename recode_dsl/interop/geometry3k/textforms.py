r"""Read a problem's text into the text logic forms of the Geometry3K record format (issue 13, item 4).

A rule-based reader: the text is never evaluated. Its LaTeX commands become symbols
(``m \angle A B C`` -> ``m∠ABC``), the sentences are cut into clauses (at ``,``, ``and``,
``if``, ``so that`` ...), and each clause is matched against the ways textbooks state a fact
or ask a question:

- ``Find x.``, ``find m \angle 2``, ``What is the radius of \odot Q?``, ``Find the area of the
  shaded region.`` -> ``Find(x)``, ``Find(MeasureOf(Angle(2)))``, ``Find(RadiusOf(Circle(Q)))``,
  ``Find(AreaOf(Shaded(Shape($))))``;
- ``A B = 12``, ``m \angle A B C = 70``, ``m \widehat A B = 98``, ``b = 18`` -> ``Equals(...)``;
- ``In \odot A``, ``\triangle A B C``, ``Quadrilateral W X Y Z is a rectangle``, ``A B \parallel
  C D``, ``A B \perp C D``, ``A B \cong C D``, ``A B C \sim D E F``, ``M is the midpoint of A B``,
  ``The diameter of \odot S is 30 units`` -> the shape, relation or measure they state.

A shape the text names without its points ("the parallelogram", "the figure") is ``Shape($)``,
which the importer resolves from the diagram (its outline); "the circle" is ``Circle($)``, resolved
here when the diagram has one circle (``resolve_circle``). Values are kept as the text writes
them (``3x+40``, ``2\sqrt{3}``), units dropped; the importer parses them with its grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

_COMMANDS = (
    (r"\\angle", " ∠ "), (r"\\measuredangle", " ∠ "), (r"\\odot", " ⊙ "), (r"\\bigodot", " ⊙ "),
    (r"\\circle", " ⊙ "), (r"\\triangle", " △ "), (r"\\widehat", " ⌒ "), (r"\\overparen", " ⌒ "),
    (r"\\parallelogram", " parallelogram "), (r"\\arc", " ⌒ "), (r"\\parallel", " ∥ "), (r"\\perp", " ⊥ "),
    (r"\\cong", " ≅ "), (r"\\sim", " ∼ "),
    (r"\\overline", " "), (r"\\overleftrightarrow", " "), (r"\\overrightarrow", " "), (r"\\square", " □ "),
    (r"\\cdot", " * "), (r"\\times", " * "),
    (r"\\sin", " sin "), (r"\\cos", " cos "), (r"\\tan", " tan "), (r"\\left", " "), (r"\\right", " "),
    (r"\\text\s*\{([^{}]*)\}", r" \1 "), (r"\\mathrm\s*\{([^{}]*)\}", r" \1 "), (r"\\degree", "°"),
    (r"\^\s*\{\s*\\circ\s*\}", "°"), (r"\^\s*\\circ", "°"), (r"\\circ", "°"),
)
_UNITS = ("square centimeters", "square meters", "square inches", "square feet", "square units", "square yards",
          "centimeters", "centimeter", "millimeters", "meters", "meter", "inches", "inch", "feet", "foot", "yards",
          "yard", "miles", "units", "unit", "cm", "mm", "km", "ft", "in", "yd", "m", "degrees", "°")
_UNIT = re.compile(r"\s*(?:" + "|".join(re.escape(u) for u in _UNITS) + r")\.?\s*$")
_PT = r"[A-Z](?:\s*')?"
_PTS = rf"{_PT}(?:\s+{_PT})*"  # a run of point letters: "A B C"
_VALUE_CHARS = re.compile(r"^[0-9a-z.+\-*/()\s\\{}^]+$")
_NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}

POLYGON_BY_SIZE = {3: "Triangle", 4: "Quadrilateral", 5: "Pentagon", 6: "Hexagon"}
KINDS = {"triangle": "Triangle", "quadrilateral": "Quadrilateral", "parallelogram": "Parallelogram",
         "rectangle": "Rectangle", "rhombus": "Rhombus", "square": "Square", "trapezoid": "Trapezoid",
         "kite": "Kite", "pentagon": "Pentagon", "hexagon": "Hexagon", "polygon": "Polygon"}
_KIND = "|".join(KINDS)
_NAMED_KINDS = ("triangle", "parallelogram", "rectangle", "rhombus", "square", "trapezoid", "kite")
SECTOR = "Sector($)"  # "the shaded sector": the one the diagram draws (with_text_forms)
# what a figure's shape may be called without naming its points
_SHAPE_WORDS = rf"(?:{_KIND}|figure|region|shape|polygon|trapezoid|regular \w+)"


def normalise(text: str) -> str:
    r"""The text with LaTeX commands as symbols and single spaces.

    >>> normalise(r"Find m \angle A B C if m \widehat A B = 70^{\circ}.")
    'Find m ∠ A B C if m ⌒ A B = 70°.'
    """
    out = text
    for pattern, repl in _COMMANDS:
        out = re.sub(pattern, repl, out)
    out = out.replace("$", " ").replace("\u2220", " ∠ ").replace("~", " ∼ ")
    out = re.sub(r"\s+is similar to\s+", " ∼ ", out)
    out = re.sub(r"\s+is parallel to\s+", " ∥ ", out)
    out = re.sub(r"\s+is perpendicular to\s+", " ⊥ ", out)
    out = re.sub(r"\s+is congruent to\s+", " ≅ ", out)
    return re.sub(r"\s+", " ", out).strip()


def _points(run: str) -> list[str]:
    return [p.replace(" ", "") for p in re.findall(_PT, run)]


def _line(run: str) -> str | None:
    pts = _points(run)
    return f"Line({pts[0]},{pts[1]})" if len(pts) == 2 else None


def _angle(run: str) -> str | None:
    run = run.strip()
    if re.fullmatch(r"\d+", run):
        return f"Angle({run})"
    pts = _points(run)
    if re.fullmatch(_PTS, run) and len(pts) in (1, 3):
        return f"Angle({','.join(pts)})"
    return None


def _arc(run: str) -> str | None:
    pts = _points(run)
    return f"Arc({','.join(pts)})" if re.fullmatch(_PTS, run.strip()) and len(pts) in (2, 3) else None


def _polygon(kind: str | None, run: str) -> str | None:
    pts = _points(run)
    if not re.fullmatch(_PTS, run.strip()) or len(pts) < 3:
        return None
    name = KINDS.get(kind or "", None) or POLYGON_BY_SIZE.get(len(pts), "Polygon")
    return f"{name}({','.join(pts)})"


def value(text: str) -> str | None:
    r"""A value as the annotations write it: no spaces, no unit, no degree sign; None if not a value.

    >>> value("3 x + 40"), value(r"2 \sqrt { 3 }"), value("8 inches"), value("70°"), value("A B")
    ('3x+40', '2\\sqrt{3}', '8', '70', None)
    """
    t = re.sub(r"\s+long$", "", text.strip().rstrip("."))
    while True:
        m = _UNIT.search(t)
        if m is None or m.start() == 0:
            break
        t = t[: m.start()]
    t = t.replace("°", "").strip()
    t = _NUMBER_WORDS.get(t, t)
    if not t or not _VALUE_CHARS.match(t) or re.search(r"[a-z]{2,}", t.replace("\\sqrt", "").replace("\\frac", "")
                                                          .replace("\\pi", "")):
        return None
    t = re.sub(r"\s+", "", t)
    if not re.search(r"[0-9a-z]", t) or t.count("(") != t.count(")") or t.count("{") != t.count("}"):
        return None
    return t


def quantity(text: str) -> str | None:
    r"""A measured thing of the text as a form: ``m∠ABC``, ``AB``, ``m⌒AB``, ``the radius of ⊙Q``.

    >>> quantity("m ∠ A B C"), quantity("A B"), quantity("m ⌒ A B"), quantity("the radius of ⊙ Q")
    ('MeasureOf(Angle(A,B,C))', 'LengthOf(Line(A,B))', 'MeasureOf(Arc(A,B))', 'RadiusOf(Circle(Q))')
    """
    t = text.strip().rstrip(".?")
    t = re.sub(r"^(?:its |their )", "", t)
    if two := re.fullmatch(r"(m\s*∠\s*" + _PTS + r") \+ (m\s*∠\s*" + _PTS + ")", t):  # "m∠HEF + m∠EFG"
        a, b = quantity(two[1]), quantity(two[2])
        return f"Add({a},{b})" if a and b else None
    if m := re.fullmatch(r"(?:the )?scale factor (?:of|from) (.+?) to (.+)", t):
        a, b = _figure(m[1]), _figure(m[2])
        return f"ScaleFactorOf({a},{b})" if a and b else None
    t = re.sub(r"^(?:the )?(?:value of |measure of |angle measure of |length of |variable of |variable |the )+",
               lambda m: "measure of " if "measure" in m.group(0) else ("length of " if "length" in m.group(0)
                                                                         else ""), t)
    t = re.sub(r"^measure of m\s*(?=[∠⌒])", "m ", t)
    t = re.sub(r"^(measure of |length of )?(?:the |segment |side )+", r"\1", t)
    t = re.sub(r"\s+at vertex \S+$", "", t)
    if re.fullmatch(r"(?:its )?circumference(?: of the (?:figure|circle))?", t):
        return "CircumferenceOf(Circle($))"
    if (m := re.fullmatch(r"(?:m|measure of)\s*∠\s*(.+)", t)) or (m := re.fullmatch(r"∠\s*(.+)", t)):
        a = _angle(m[1])
        return f"MeasureOf({a})" if a else None
    if m := re.fullmatch(r"(?:m|measure of)\s*⌒\s*(.+)", t):
        a = _arc(m[1])
        return f"MeasureOf({a})" if a else None
    if m := re.fullmatch(r"length of\s*⌒\s*(.+)", t):
        a = _arc(m[1])
        return f"LengthOf({a})" if a else None
    if m := re.fullmatch(r"⌒\s*(.+)", t):  # "Find ⌒AB": its measure; the importer reads the question's words
        a = _arc(m[1])
        return f"MeasureOf({a})" if a else None
    if m := re.fullmatch(r"(?:length of |measure of )?(" + _PTS + ")", t):
        return f"LengthOf({_line(m[1])})" if _line(m[1]) else None
    if m := re.fullmatch(r"(radius|diameter|circumference|area) of (?:the circle|(?:⊙|circle)\s*(" + _PT + r"))", t):
        fn = {"radius": "RadiusOf", "diameter": "DiameterOf", "circumference": "CircumferenceOf",
              "area": "AreaOf"}[m[1]]
        return f"{fn}(Circle({m[2].replace(' ', '') if m[2] else '$'}))"
    if m := re.fullmatch(r"(sin|cos|tan)\s*∠?\s*(.+)", t):
        a = m[2] if re.fullmatch(r"[a-z]", m[2]) else _angle(m[2])  # "\tan x": x is an angle's measure
        return f"{m[1].capitalize()}Of({a})" if a else None
    if re.fullmatch(r"(?:length of |measure of )?(?:the )?altitude drawn to the hypotenuse", t):
        return f"LengthOf({ALTITUDE_TO_HYPOTENUSE})"
    if re.fullmatch(r"(?:length of |measure of )?(?:the )?hypotenuse(?: of the right triangle)?", t):
        return f"LengthOf({HYPOTENUSE})"
    if m := re.fullmatch(r"height of (" + _PTS + ")", t):  # "the height of A B C D" (a trapezoid's)
        shape = _polygon(None, m[1])
        return f"HeightOf({shape})" if shape else None
    if (m := re.fullmatch(r"(height|base) of (.+)", t)) and (shape := _shape(m[2])) and "$" in shape \
            and not shape.startswith(("Shape", "Shaded")):  # "the height of the parallelogram"
        return f"{m[1].capitalize()}Of({shape})"

    t = re.sub(r"^(perimeter|area) or (?:circumference|area|perimeter)\b", r"\1", t)
    if m := re.fullmatch(r"(area|perimeter) of (.+)", t):
        shape = _shape(m[2])
        return f"{m[1].capitalize()}Of({shape})" if shape else None
    if re.fullmatch(r"(?:its |total )?(area|perimeter)", t):  # "what is its area?": the figure's
        return f"{t.split()[-1].capitalize()}Of(Shape($))"
    t = re.sub(r"^(?:measure|length) of (?=[a-z]$)", "", t)
    if re.fullmatch(r"[a-z](?:_\{?\d+\}?)?", t) and t not in ("m",):
        return t
    return None


def _shape(text: str) -> str | None:
    """A shape the text names: ``△ABC``, ``quadrilateral WXYZ``, ``⊙O``, ``the shaded region``."""
    t = re.sub(r"^(?:the |a |an )", "", text.strip())
    t = re.sub(rf"^given (?:(?:{_KIND}|figure) )?(?=△|□|⊙|{_KIND}|figure)", "", t)
    t = re.sub(r"\s+(?:shown|below|above|at the right|at the left|in the figure)$", "", t)
    if "shaded" in t or "green" in t or "blue" in t:
        colour = "Shaded" if "shaded" in t else ("Green" if "green" in t else "Blue")
        m = re.search(r"sector (" + _PTS + ")$", t)
        return f"{colour}({_sector(m[1]) if m else (SECTOR if t.endswith('sector') else 'Shape($)')})"
    if t == "sector":
        return SECTOR
    if t in _NAMED_KINDS:  # "the parallelogram": the one the diagram draws (with_text_forms), else the figure
        return f"{KINDS[t]}($)"
    if m := re.fullmatch(r"△\s*(" + _PTS + ")", t):
        return _polygon("triangle", m[1])
    if m := re.fullmatch(rf"(?:regular )?({_KIND})\s+({_PTS})", t):
        return _polygon(m[1], m[2])
    if m := re.fullmatch(r"⊙\s*(" + _PT + ")", t):
        return f"Circle({m[1].replace(' ', '')})"
    if m := re.fullmatch(r"(?:□|parallelogram)\s*(" + _PTS + ")", t):
        return _polygon("parallelogram", m[1])
    if re.fullmatch(r"(?:circle|semicircle)", t):
        return "Circle($)"
    if re.fullmatch(rf"(?:{_SHAPE_WORDS})(?: \w+)?", t) or re.fullmatch(_PTS, t) is None and len(t.split()) <= 3 \
            and any(w in t for w in ("figure", "polygon", "region", "shape")):
        return "Shape($)"
    if m := re.fullmatch(_PTS, t):
        return _polygon(None, t)
    return None


def _figure(text: str) -> str | None:
    """A figure named in a scale factor: ``A B C D E`` (a polygon), ``W`` or ``W'`` (a shape named by a letter)."""
    t = re.sub(r"^(?:the |figure |polygon |△\s*)", "", text.strip())
    if m := re.fullmatch(r"([A-Z])\s*('*)", t):
        return f"Shape({m[1]}{m[2]})"
    return _polygon(None, t) if re.fullmatch(_PTS, t) else _shape(t)


def _congruent_shape(text: str) -> str | None:
    """``⊙ M``, ``△ N D G`` or ``A B C D`` as a shape (for ``≅`` between shapes, not lengths)."""
    t = text.strip()
    if m := re.fullmatch(r"⊙\s*(" + _PT + ")", t):
        return f"Circle({m[1].replace(' ', '')})"
    if m := re.fullmatch(r"△\s*(" + _PTS + ")", t):
        return _polygon("triangle", m[1])
    if m := re.fullmatch(rf"(?i:polygon|{_KIND})\s+({_PTS})", t):  # "polygon B C D E ≅ polygon R S T U"
        kind = t.split()[0].lower()
        return _polygon(kind if kind in KINDS and kind != "polygon" else None, m[1])
    return None


def _sector(run: str) -> str:
    pts = _points(run)
    return f"Sector({','.join(pts)})" if len(pts) == 3 else "Shape($)"


_GOAL = re.compile(r"^(?:.*?\b)?(?:find|fnd|what is|what's|what it|determine|calculate|compute|solve for|"
                   r"give|express|estimate|how long is|for what value of)\s+"
                   r"(?:the (?:exact )?value of\s+|the exact\s+|exact\s+)?(.+)$",
                   re.I)
_TRAILING = re.compile(r"\s+(?:to the nearest .*|in the figure.*|in the diagram.*|in each .*|exactly|"
                       r"rounded .*|round .*|if necessary.*|in simplest .*|as a decimal.*|shown.*|below|"
                       r"at the right|at the left|in terms of .*|for the .*|using .*|given (?:its|that|the|an?) .*|"
                       r"(?:is|are|so that|such that) .*)$")


_WHERE = re.compile(rf"\s+(?:in|of|for|on)\s+(?:the |a |an )?(?:given )?(?:isosceles |right |regular |equilateral )?"
                    rf"(?:△|□|⊙|{_KIND}|figure|diagram|circle|quadrilateral).*$")


def _goal(clause: str) -> list[str]:
    m = _GOAL.match(clause)
    if m is None:
        return []
    whole = re.sub(r"\s+and$", "", m[1].strip().rstrip(".?").strip())
    ratio = "ratio of" in whole
    whole = re.sub(r"^(?:the )?ratio of\s+", "", whole)
    if ratio and (two := re.fullmatch(r"(.+?) to (.+)", whole)):  # "the ratio of the area of X to the area of Y"
        a, b = quantity(two[1]), quantity(_TRAILING.sub("", two[2]).strip())
        if a and b:
            return [f"Find(RatioOf({a},{b}))"]
    q = None
    for target in (whole, _TRAILING.sub("", whole).strip(), _WHERE.sub("", whole).strip(),
                   _WHERE.sub("", _TRAILING.sub("", whole)).strip()):
        q = quantity(target)
        if q is not None:
            break
    if q is None and re.fullmatch(r"[A-Z]", _TRAILING.sub("", whole).strip()):  # "find Z": the angle at Z
        q = f"MeasureOf(Angle({_TRAILING.sub('', whole).strip()}))"
    if q is None:
        return []
    return [f"Find(RatioOf({q}))" if ratio else f"Find({q})"]


def _split(sentence: str) -> list[str]:
    """A sentence cut into clauses at commas, 'and', 'if', 'so that', 'such that', 'where'."""
    parts = re.split(r",\s*(?:and\s+|then\s+)?|;\s*|\s+and\s+(?=[A-Zm∠⌒△⊙a-z]\S*\s*(?:[A-Z]|=|∠|⌒|is|are))|"
                     r"\s+(?:if|when|so that|such that|where|given that)\s+|\s+given\s+(?=[A-Zm∠⌒] )|"
                     r"(?<=[A-Z])\s+with\s+(?=[m∠⌒] |[A-Z] [A-Z] (?:=|≅))", sentence)
    out: list[str] = []
    for p in (p.strip() for p in parts if p and p.strip()):
        if out and re.fullmatch(_PTS, out[-1]) and re.match(_PTS + r" (?:is|are) ", p):
            out[-1] = f"{out[-1]} and {p}"  # "E C and A B are diameters": one clause
        else:
            out.append(p)
    return out


def _fact(clause: str, context: str | None = None, full: str | None = None) -> list[str]:
    """The forms a clause states (no question); ``context`` is the triangle the text is about,
    ``full`` the whole text."""
    c = clause.strip().rstrip(".?")
    c = re.sub(r"^(?:if|in the figure|in the diagram|assume that|suppose|given|then|with)\s*,?\s*", "", c, flags=re.I)
    out: list[str] = []
    if re.fullmatch(r"(?:for )?(?:each|the|a) pair of similar (?:figures|polygons|triangles)|(?:each|the) pair of "
                    r"(?:polygons|figures|triangles) (?:is|are) similar|(?:the )?two (?:polygons|figures|triangles) "
                    r"are similar", c, flags=re.I):
        return [SIMILAR_PAIR]
    if re.fullmatch(r"(?:that )?all polygons that appear to be regular are regular", c, flags=re.I):
        return ["Regular(Polygon($))"]
    if re.fullmatch(r"(?:that )?(?:any )?segments? that appears? (?:to be )?tangent (?:is|are) tangent", c,
                    flags=re.I) or re.fullmatch(r"the segments? (?:is|are) tangent to the circles?", c, flags=re.I):
        return [TANGENT_LOOK]
    if m := re.fullmatch(rf"(?:so that |such that )?the (?:quadrilateral|figure|polygon) is an? ({_KIND})", c,
                         flags=re.I):
        return [f"{KINDS[m[1].lower()]}($)"]  # the figure's outline, from the diagram (with_text_forms)
    if m := re.fullmatch(r"A = (.+)", c):  # "A = 92 in^2": the figure's area (the shaded region's, if A is its)
        v = value(re.sub(r"\^\s*\{?\s*2\s*\}?$", "", m[1]))
        shaded = re.search(r"\barea A of the shaded region\b", full or "", flags=re.I)
        return [f"Equals(AreaOf({'Shaded(Shape($))' if shaded else 'Shape($)'}),{v})"] if v else []
    if m := re.fullmatch(rf"(△\s*|triangle\s+|(?:{_KIND})\s+)?({_PTS}) is (circumscribed about|inscribed in) "
                         r"(?:⊙\s*|circle\s+)(" + _PT + ")", c, flags=re.I):
        kind = (m[1] or "").strip().lower().replace("△", "triangle")
        poly = _polygon(kind if kind in KINDS else None, m[2])
        fn = "CircumscribedTo" if m[3].lower().startswith("circ") else "InscribedIn"
        return [f"{fn}({poly},Circle({m[4].replace(' ', '')}))"] if poly else []
    if m := re.fullmatch(r"(?:in\s+)?⊙\s*(" + _PT + ")", c, flags=re.I):
        return [f"Circle({m[1].replace(' ', '')})"]
    if m := re.fullmatch(r"[Ii]n ([A-Z])", c):  # "In H, the diameter is 18": a one-letter figure is a circle
        return [f"Circle({m[1]})"]
    if m := re.fullmatch(r"(?:in\s+)?△\s*(" + _PTS + ")", c, flags=re.I):
        p = _polygon("triangle", m[1])
        return [p] if p else []
    if m := re.fullmatch(rf"(?:figure|polygon)\s+({_PTS})(?: is shown| shown(?: below)?)?", c, flags=re.I):
        p = _polygon(None, m[1])  # "Given figure A B C D": a polygon by its corners
        return [p] if p else []
    if m := re.fullmatch(rf"(?:in |for |use )?({_KIND})\s+({_PTS})(?: to .*| is shown| shown(?: below)?)?", c,
                         flags=re.I):
        p = _polygon(m[1].lower(), m[2])
        return [p] if p else []
    if m := re.fullmatch(rf"(?:(?:quadrilateral|polygon|figure)\s+)?({_PTS}) is an? ({_KIND})(?: .*)?", c, flags=re.I):
        p = _polygon(m[2].lower(), m[1])
        return [p] if p else []
    if m := re.fullmatch(r"((?:△\s*" + _PTS + r"(?:\s*,\s*|\s+and\s+)?)+) (?:is|are) (isosceles|equilateral)(?: .*)?",
                         c):
        fn = m[2].capitalize()
        return [f"{fn}({_polygon('triangle', r)})" for r in re.findall(r"△\s*(" + _PTS + ")", m[1])
                if _polygon("triangle", r)]
    if "∼" in c:
        sides = [re.sub(rf"^(?:if\s+)?(?:[△□]|(?:{_KIND}|figure)\s)?\s*", "", s.strip(), flags=re.I)
                 for s in c.split("∼")]
        polys = [_polygon(None, s) for s in sides]
        if len(polys) == 2 and all(polys):
            return [f"Similar({polys[0]},{polys[1]})"]
    for sym, fn in (("∥", "Parallel"), ("⊥", "Perpendicular")):
        if sym in c:
            sides = [re.sub(r"^(?i:line|segment)\s+", "", s.strip()) for s in c.split(sym)]
            lines = [_line(s) if re.fullmatch(_PTS, s) else (f"Line({s})" if re.fullmatch(r"[a-z]", s) else None)
                     for s in sides]
            if len(lines) == 2 and all(lines):
                return [f"{fn}({lines[0]},{lines[1]})"]
    if "≅" in c:
        shapes = [_congruent_shape(s) for s in c.split("≅")]
        if len(shapes) == 2 and all(shapes):
            return [f"Congruent({shapes[0]},{shapes[1]})"]
        qs = [quantity(s) for s in c.split("≅")]
        if len(qs) >= 2 and all(qs):
            return [f"Equals({a},{b})" for a, b in zip(qs, qs[1:])]
    if m := re.fullmatch(r"(" + _PTS + r") bisects ∠\s*(" + _PTS + ")", c):
        line, angle = _line(m[1]), _angle(m[2])
        return [f"BisectsAngle({line},{angle})"] if line and angle else []
    if m := re.fullmatch(r"(?:point\s+)?(" + _PT + r") is the (centroid|incenter|circumcenter|orthocenter)"
                         r"(?: of (△\s*|triangle\s+|∠\s*)(" + _PTS + "))?", c, flags=re.I):
        tri = (_angle(m[4]) if "∠" in m[3] else _polygon("triangle", m[4])) if m[4] else context
        fn = {"centroid": "IsCentroidOf", "incenter": "IsIncenterOf", "circumcenter": "IsCircumcenterOf",
              "orthocenter": "IsOrthocenterOf"}[m[2].lower()]
        return [f"{fn}(Point({m[1].replace(' ', '')}),{tri})"] if tri else []
    if m := re.fullmatch(r"(" + _PTS + r") is (?:a|an|the) (median|altitude)"
                         r"(?: of (?:△\s*|triangle\s+)(" + _PTS + "))?", c, flags=re.I):
        tri = _polygon("triangle", m[3]) if m[3] else context
        line = _line(m[1])
        fn = "IsMedianOf" if m[2].lower() == "median" else "IsAltitudeOf"
        return [f"{fn}({line},{tri})"] if tri and line else []
    if m := re.fullmatch(r"(?:points?\s+)?((?:" + _PT + r"(?:\s*,\s*(?:and\s+)?|\s+and\s+))+" + _PT + r") are (?:the )?"
                         r"midpoints of (.+?),? respectively", c, flags=re.I):
        names = re.findall(_PT, m[1])
        lines = [_line(s) for s in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m[2])]
        if len(names) == len(lines) and all(lines):
            return [f"IsMidpointOf(Point({n.replace(' ', '')}),{ln})" for n, ln in zip(names, lines)]
        return []
    if m := re.fullmatch(r"(" + _PT + r") and (" + _PT + r") are (?:the )?midpoints of the legs", c, flags=re.I):
        trap = re.search(r"trapezoid\s+(" + _PTS + ")", full or "", flags=re.I)
        shape = _polygon("trapezoid", trap[1]) if trap else None
        return [f"IsMidpointOf(Point({n.replace(' ', '')}),LegOf({shape}))" for n in (m[1], m[2])] if shape else []
    if m := re.fullmatch(r"(?:point\s+)?(" + _PT + r") is the midpoint of (" + _PTS + ")", c, flags=re.I):
        line = _line(m[2])
        return [f"IsMidpointOf(Point({m[1].replace(' ', '')}),{line})"] if line else []
    if m := re.fullmatch(r"((?:" + _PTS + r")(?:(?:\s*,\s*|\s+and\s+)" + _PTS + r")*) (?:is|are) (?:a |the )?"
                         r"(diameter|radius|radii|diameters|chord|tangent)s?(?: (?:of|to) (?:the circle|⊙\s*(" + _PT
                         + r")))?", c, flags=re.I):
        circle = f"Circle({m[3].replace(' ', '') if m[3] else '$'})"
        fn = {"diameter": "IsDiameterOf", "diameters": "IsDiameterOf", "radius": "IsRadiusOf",
              "radii": "IsRadiusOf", "chord": "IsChordOf", "tangent": "Tangent"}[m[2].lower()]
        for run in re.split(r"\s*,\s*|\s+and\s+", m[1]):
            line = _line(run)
            if line:
                out.append(f"{fn}({line},{circle})")
        return out
    if m := re.fullmatch(r"the (radius|diameter|circumference|area|perimeter) of (.+?) (?:is|=) (.+)", c, flags=re.I):
        fn = {"radius": "RadiusOf", "diameter": "DiameterOf", "circumference": "CircumferenceOf", "area": "AreaOf",
              "perimeter": "PerimeterOf"}[m[1].lower()]
        v = value(m[3])
        shape = _shape(m[2]) if m[1].lower() in ("area", "perimeter") else None
        if m[1].lower() not in ("area", "perimeter"):
            cm = re.fullmatch(r"⊙\s*(" + _PT + ")", m[2].strip())
            shape = f"Circle({cm[1].replace(' ', '')})" if cm else ("Circle($)" if "circle" in m[2] else None)
        return [f"Equals({fn}({shape}),{v})"] if shape and v else []
    if m := re.fullmatch(r"the (radii|diameters) of (.+?) are (.+?),? respectively\.?", c, flags=re.I):
        circles = re.findall(r"⊙\s*(" + _PT + ")", m[2])
        vals = [value(v) for v in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m[3])]
        fn = "RadiusOf" if m[1].lower() == "radii" else "DiameterOf"
        if len(circles) == len(vals) and all(vals):
            return [f"Equals({fn}(Circle({p.replace(' ', '')})),{v})" for p, v in zip(circles, vals)]
        return []
    if m := re.fullmatch(r"(?:circle\s+|⊙\s*)(" + _PT + r") has an? (radius|diameter|circumference|area) of (.+)",
                         c, flags=re.I):
        v = value(m[3])
        fn = {"radius": "RadiusOf", "diameter": "DiameterOf", "circumference": "CircumferenceOf",
              "area": "AreaOf"}[m[2].lower()]
        return [f"Equals({fn}(Circle({m[1].replace(' ', '')})),{v})"] if v else []
    if m := re.fullmatch(r"(.+?) (?:is|is equal to|measures) (.+)", c):
        q, v = quantity(m[1]), value(m[2])
        if q is not None and v is not None and not re.fullmatch(r"[a-z]", q):
            return [f"Equals({q},{v})"]
    if m := re.fullmatch(rf"({_KIND}) ({_PTS}) has an? (area|perimeter) of (.+)", c, flags=re.I):
        shape, v = _polygon(m[1].lower(), m[2]), value(m[4])
        return [f"Equals({m[3].capitalize()}Of({shape}),{v})"] if shape and v else []
    if "=" in c:
        sides = [s.strip() for s in c.split("=")]
        last = value(sides[-1])
        qs = [quantity(s) for s in sides[:-1]]
        if not all(qs):
            return []
        times = re.fullmatch(rf"(\d+(?:\.\d+)?)\s*({_PTS})", sides[-1].strip())  # "P M = 2 K P"
        twice = f"Mul(LengthOf({_line(times[2])}),{times[1]})" if times and _line(times[2]) else None
        rhs = last if last is not None else (twice or quantity(sides[-1]))
        if rhs is None:
            return []
        chain = [*qs, rhs]
        return [f"Equals({a},{chain[-1]})" for a in chain[:-1]]
    return []


_LINE_KINDS = {"perpendicular bisectors": "IsPerpendicularBisectorOf", "medians": "IsMedianOf",
               "altitudes": "IsAltitudeOf", "angle bisectors": "IsAngleBisectorOf"}


def _sentence_facts(sentence: str, context: str | None) -> tuple[list[str], str] | None:
    """Statements read from a whole sentence before it is cut at commas and 'and': the forms, and
    the sentence left to read (the statement taken out); None when there is none.

    "Lines l, m, and n are perpendicular bisectors of △PQR and meet at T", "trapezoid CDFG with
    median HE", "Let WX be the median of CDEH", "Rhombus ABCD ... and has a perimeter of 32",
    "T A and W B are medians", "J N is an angle bisector" (of the triangle the text is about).
    """
    out: list[str] = []
    rest = sentence
    if m := re.search(r"\b(?i:lines) ((?:[a-z],? )+and [a-z]) are (?:the )?"
                      r"(perpendicular bisectors|medians|altitudes) of "
                      rf"(?:△\s*|triangle\s+)({_PTS})(?: and meet at ({_PT}))?", rest):
        names = re.findall(r"\b[a-z]\b", m[1].replace("and", ""))
        tri = _polygon("triangle", m[3])
        out += [f"{_LINE_KINDS[m[2].lower()]}(Line({n}),{tri})" for n in names]
        if m[4]:
            out.append(f"IntersectAt({','.join(f'Line({n})' for n in names)},Point({m[4].replace(' ', '')}))")
        rest = rest[:m.start()] + rest[m.end():]
    for m in re.finditer(rf"\b(?:(isosceles) )?((?i:{_KIND})) ({_PTS}) with (median|midsegment) ({_PTS})\b", rest):
        shape = _polygon(m[2].lower(), m[3])
        line = _line(m[5])
        if shape and line:
            fn = "IsMedianOf" if m[4].lower() == "median" else "IsMidsegmentOf"
            out += [shape, *([f"Isosceles({shape})"] if m[1] else []), f"{fn}({line},{shape})"]
    if m := re.search(rf"\b({_PTS}) is an? (isosceles )?({_KIND}) with (median|midsegment) ({_PTS})\b", rest):
        shape, line = _polygon(m[3].lower(), m[1]), _line(m[5])
        if shape and line:
            fn = "IsMedianOf" if m[4].lower() == "median" else "IsMidsegmentOf"
            out += [shape, *([f"Isosceles({shape})"] if m[2] else []), f"{fn}({line},{shape})"]
            rest = rest[:m.start()] + rest[m.end():]
    if m := re.search(rf"\b(?i:let) ({_PTS}) be the (median|midsegment) of (?:(?:the )?({_KIND}) )?({_PTS})\b", rest):
        shape, line = _polygon((m[3] or "").lower() or None, m[4]), _line(m[1])
        if shape and line:
            out.append(f"{'IsMedianOf' if m[2].lower() == 'median' else 'IsMidsegmentOf'}({line},{shape})")
            rest = rest[:m.start()] + rest[m.end():]
    if m := re.search(rf"\b((?i:{_KIND})) ({_PTS}) (?:is .*? )?and has an? (area|perimeter) of ([^,.]+)", rest):
        shape, v = _polygon(m[1].lower(), m[2]), value(m[4])
        if shape and v:
            out.append(f"Equals({m[3].capitalize()}Of({shape}),{v})")
            rest = rest[:m.start(3) - len("and has a ")].rstrip() + rest[m.end():]
    if m := re.search(rf"\b({_PTS}) and ({_PTS}) are (medians|altitudes)\b", rest):
        tris = re.findall(rf"(?:△\s*|triangle\s+)({_PTS})", sentence)
        fn = "IsMedianOf" if m[3] == "medians" else "IsAltitudeOf"
        for run in (m[1], m[2]):
            line = _line(run)
            tri = next((t for t in tris if _points(run)[0] in _points(t)), None)
            if line and tri:
                out.append(f"{fn}({line},{_polygon('triangle', tri)})")
        rest = rest[:m.start()] + rest[m.end():]
    if (m := re.search(rf"\b({_PTS}) is an angle bisector\b", rest)) and context:
        line = _line(m[1])
        corners = context[context.index("(") + 1:-1].split(",")
        v = _points(m[1])[0]
        if line and v in corners:
            others = [c for c in corners if c != v]
            out.append(f"BisectsAngle({line},Angle({others[0]},{v},{others[1]}))")
            rest = rest[:m.start()] + rest[m.end():]
    return (out, rest) if out else None


def _sentences(text: str) -> list[str]:
    """Sentences: cut at '.', '?' or '!' followed by a space and not inside a number."""
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z\\∠⊙△a-z(])", text) if s.strip()]


def text_forms(problem_text: str) -> list[str]:
    r"""The text logic forms of a problem's text, in the Geometry3K record format.

    >>> text_forms("Find x.")
    ['Find(x)']
    >>> text_forms(r"In \odot K, M N = 16 and m \widehat M N = 98. Find the measure of L N.")
    ['Circle(K)', 'Equals(LengthOf(Line(M,N)),16)', 'Equals(MeasureOf(Arc(M,N)),98)', 'Find(LengthOf(Line(L,N)))']
    >>> text_forms("Find the area of the shaded region. Round to the nearest tenth.")
    ['Find(AreaOf(Shaded(Shape($))))']
    """
    facts: list[str] = []
    goals: list[str] = []
    text = normalise(problem_text)
    tri = re.search(r"(?:△\s*|(?i:triangle)\s+)(" + _PTS + ")", text)
    context = _polygon("triangle", tri[1]) if tri else None
    from recode_dsl.interop.geometry3k import textwords

    for sentence in _sentences(text):
        said, sentence = textwords.sentence_forms(sentence, text)
        facts += [f for f in said if not f.startswith("Find(")]
        goals += [f for f in said if f.startswith("Find(")]
        whole_facts = _sentence_facts(sentence, context)
        if whole_facts is not None:
            facts += whole_facts[0]
            sentence = whole_facts[1]
        if "respectively" in sentence:  # "The diameters of ⊙A and ⊙B are 8 and 18, respectively"
            whole = _fact(re.sub(r"^(?:.*?\b(?=the (?:radii|diameters)\b)|if\s+)", "", sentence, flags=re.I),
                          context, text)
            if whole:
                facts += whole
                continue
        for clause in _split(sentence):
            g = _goal(clause)
            if g:
                goals += g
                # "Solve for x in parallelogram ABCD", "Use rhombus ABCD to find ...": the shape is a fact
                for m in re.finditer(rf"\b(?:in|use|for|of) (?:the )?(?:given )?(?:isosceles |right )?({_KIND}|△) ?"
                                     rf"({_PTS})\b", clause, flags=re.I):
                    shape = _polygon("triangle" if m[1] == "△" else m[1].lower(), m[2])
                    if shape and shape not in g[0]:
                        facts.append(shape)
                # "Find m∠Z in the trapezoid": the figure's shape, named from the diagram (with_text_forms)
                if where := re.search(rf"\bin the (?:given )?({_KIND})\s*$", _TRAILING.sub("", clause.rstrip(".?"))):
                    facts.append(f"{KINDS[where[1]]}($)")
                continue
            facts += _fact(clause, context, text)
    # "isosceles △XYZ", "equilateral triangle RST", "isosceles trapezoid WXYZ", "right triangle ABC"
    for q in re.finditer(rf"\b(isosceles|equilateral|right) (△\s*|triangle\s+|trapezoid\s+)({_PTS})\b", text,
                         flags=re.I):
        kind = "trapezoid" if q[2].strip().lower() == "trapezoid" else "triangle"
        shape = _polygon(kind, q[3])
        if shape and len(_points(q[3])) == (4 if kind == "trapezoid" else 3):
            facts += [shape, f"{q[1].capitalize()}({shape})"]
    if not goals and context and re.search(r"\bfind the (?:length of the )?base\.", text, flags=re.I):
        goals.append(f"Find(LengthOf(BaseOf({context})))")
    trap = re.search(rf"\btrapezoid ({_PTS})\b", text, flags=re.I)
    if not goals and trap and re.search(r"\bfind the (?:length of the )?median\b", text, flags=re.I):
        goals.append(f"Find(MedianOf({_polygon('trapezoid', trap[1])}))")  # "For trapezoid WXYZ, find the median."
    asked = re.search(r"\bfind the (base|height)\.", text, flags=re.I)
    if not goals and asked and (named := textwords.shape_named(text)):  # "a triangle ... Find the base."
        goals.append(f"Find({asked[1].lower().capitalize()}Of({named}))")
    if not goals and re.search(r"\bmeasure of a central angle\b", text, flags=re.I):
        # of the polygon inscribed in the circle: the angle at the centre between two neighbouring corners
        for f in facts:
            if ins := re.fullmatch(r"InscribedIn\(\w+\(([^()]*)\),Circle\((" + _PT + r")\)\)", f):
                corners = ins[1].split(",")
                goals.append(f"Find(MeasureOf(Angle({corners[0]},{ins[2]},{corners[1]})))")
                break
        else:
            goals.append(f"Find(MeasureOf({CENTRAL_ANGLE}))")  # of the figure's polygon (with_text_forms)
    if not goals and re.search(r"\bfind the scale factor\b", text, flags=re.I):
        similar = next((f for f in facts if f.startswith("Similar(")), None)
        if similar is not None:
            goals.append(f"Find(ScaleFactorOf{similar[len('Similar'):]})")
    out: list[str] = []
    for f in [*facts, *goals[:1]]:
        if f not in out:
            out.append(f)
    return _the_named_polygon(out)


def _the_named_polygon(forms: list[str]) -> list[str]:
    """"the perimeter" / "its area" (``Shape($)``, unshaded) made the one polygon the text names by
    its corners ("Given figure ABCD ... find the perimeter"), when it names exactly one."""
    named = {f for f in forms if re.fullmatch(rf"(?:{'|'.join(POLYGON_BY_SIZE.values())}|{'|'.join(KINDS.values())})"
                                              rf"\((?:{_PT},)+{_PT}\)", f)}
    if len(named) != 1:
        return forms
    shape = next(iter(named))
    return [re.sub(r"\b(PerimeterOf|AreaOf)\(Shape\(\$\)\)", rf"\1({shape})", f) for f in forms]


def resolve_circle(forms: Sequence[str], centres: Iterable[str]) -> list[str]:
    """``Circle($)`` made the diagram's circle when it has exactly one; the forms unchanged otherwise.

    >>> resolve_circle(["Find(AreaOf(Circle($)))"], ["B"])
    ['Find(AreaOf(Circle(B)))']
    """
    found = sorted(set(centres))
    if len(found) != 1:
        return list(forms)
    return [f.replace("Circle($)", f"Circle({found[0]})") for f in forms]


TANGENT_LOOK = "AppearTangent($)"  # "segments that appear to be tangent are tangent": resolved by the diagram
ALTITUDE_TO_HYPOTENUSE = "AltitudeToHypotenuse($)"  # "the altitude drawn to the hypotenuse": from the diagram
HYPOTENUSE = "Hypotenuse($)"  # "the hypotenuse of the right triangle": from the diagram
SIMILAR_PAIR = "SimilarPair($)"  # "for the pair of similar figures": the diagram's two figures


def tangents_drawn(record: Mapping[str, object]) -> list[str]:
    """The diagram's segments that look tangent to one of its circles (``textfigure.tangents``).

    >>> rec = {"point_positions": {"O": [0, 0], "A": [0, 10], "B": [20, 10], "C": [10, 0]},
    ...        "line_instances": ["AB", "OA", "OC"], "circle_instances": ["O"],
    ...        "diagram_logic_forms": ["PointLiesOnCircle(A, Circle(O, radius_0_0))"]}
    >>> tangents_drawn(rec)
    ['Tangent(Line(A,B),Circle(O))']
    """
    from recode_dsl.interop.geometry3k.textfigure import tangents

    return tangents(record)


def _outline_of(record: Mapping[str, object]) -> tuple[str, ...] | None:
    """The corners of the one region the record's drawn segments bound (``outline.outline``), or None."""
    from recode_dsl.interop.geometry3k.outline import outline

    pos = record.get("point_positions")
    lines = record.get("line_instances")
    if not isinstance(pos, dict) or not isinstance(lines, list):
        return None
    from recode_dsl.interop.geometry3k.textfigure import split_names

    xy: dict[str, tuple[float, float]] = {}
    for k, v in pos.items():  # the positions that are two numbers; (-1, -1) is none
        if isinstance(v, (list, tuple)) and len(v) == 2 and list(v) != [-1, -1]:
            try:
                xy[str(k)] = (float(v[0]), float(v[1]))
            except (TypeError, ValueError):
                continue
    segs = [(e[0], e[1]) for e in (split_names(str(x)) for x in lines) if e is not None and len(e) == 2]
    try:
        return outline(segs, xy)
    except (ValueError, TypeError, ArithmeticError):
        return None


INTERIOR_ANGLE = "InteriorAngle($)"  # "an interior angle of a regular pentagon": at a corner of the outline
CENTRAL_ANGLE = "CentralAngle($)"  # "a central angle" of the polygon in the circle: between two neighbours


def _polygon_angles(forms: Sequence[str], record: Mapping[str, object]) -> list[str]:
    """``InteriorAngle($)`` and ``CentralAngle($)`` named from the figure's outline (and its one
    circle's centre); a form that cannot be named is left out."""
    if not any(INTERIOR_ANGLE in f or CENTRAL_ANGLE in f for f in forms):
        return list(forms)
    corners = _outline_of(record)
    listed = record.get("circle_instances")
    centres = {str(c) for c in listed} if isinstance(listed, list) else set()
    out: list[str] = []
    for f in forms:
        if INTERIOR_ANGLE in f:
            if corners is None:
                continue
            f = f.replace(INTERIOR_ANGLE, f"Angle({corners[-1]},{corners[0]},{corners[1]})")
        if CENTRAL_ANGLE in f:
            if corners is None or len(centres) != 1 or next(iter(centres)) in corners:
                continue
            f = f.replace(CENTRAL_ANGLE, f"Angle({corners[0]},{next(iter(centres))},{corners[1]})")
        out.append(f)
    return out


def _outline_kinds(forms: Sequence[str], record: Mapping[str, object]) -> list[str]:
    """``Parallelogram($)`` ("the quadrilateral is a parallelogram") made the diagram's outline:
    the one region its drawn segments bound, when it has as many corners as the kind; left out
    otherwise."""
    kinds = [f for f in forms if re.fullmatch(rf"(?:{'|'.join(KINDS.values())})\(\$\)", f)]
    if not kinds:
        return list(forms)
    corners = _outline_of(record)
    out: list[str] = []
    for f in forms:
        if f in kinds:
            kind = f[: -len("($)")]
            if corners is not None and (kind in ("Triangle",) and len(corners) == 3 or
                                        kind not in ("Triangle", "Pentagon", "Hexagon", "Polygon")
                                        and len(corners) == 4):
                out.append(f"{kind}({','.join(corners)})")
            continue
        out.append(f)
    return out


def _name_from_figure(forms: Sequence[str], record: Mapping[str, object]) -> list[str]:
    """The shapes the text names without points (``Sector($)``, ``Parallelogram($)``, the altitude
    to the hypotenuse, the hypotenuse) named from the record's diagram (``textfigure``): where the
    figure holds exactly one. An unnamed sector or kind in a coloured region is the region
    (``Shaded(Shape($))``), an unnamed kind the figure (``Shape($)``); a question about an altitude,
    a hypotenuse or a plain sector the figure does not show is dropped (no question, no guess)."""
    kinds = [k for k in KINDS.values() if k.lower() in _NAMED_KINDS]
    marks = (SECTOR, ALTITUDE_TO_HYPOTENUSE, HYPOTENUSE, "Shape($)", *(f"{k}($)" for k in kinds))
    if not any(m in f and f != m for f in forms for m in marks) and SIMILAR_PAIR not in forms:
        return list(forms)
    from recode_dsl.interop.geometry3k import textfigure

    fig = textfigure.figure_of(record)
    pair = textfigure.similar_pair(record) if SIMILAR_PAIR in forms else None
    closed = None  # whether the drawn segments close any region (found when asked)
    out: list[str] = []
    for f in forms:
        if "Shape($)" in f and len(fig.centres) == 1:
            closed = textfigure.has_cycle(fig) if closed is None else closed
            if not closed:
                # a circle and no closed polygon: "the figure" is the circle, "the shaded region" its one sector
                shaded = textfigure.shaded_sector(record)  # read from the image: which side is filled
                sector = textfigure.the_sector(fig)
                named = shaded or (f"Sector({','.join(sector)})" if sector else None)
                f = f.replace("Shaded(Shape($))", f"Shaded({named})" if named else
                              "Shaded(Shape($))").replace("Shape($)", f"Circle({fig.centres[0]})")
        if f == SIMILAR_PAIR:
            if pair is not None:
                out.append(f"Similar({pair[0]},{pair[1]})")
            continue
        if pair is not None and re.fullmatch(r"Find\(AreaOf\((?:Green|Blue)\(Shape\(\$\)\)\)\)", f):
            unknown = textfigure.area_unknown(record, pair)  # "the area of the green figure": the one not given
            if unknown is not None:
                f = f"Find(AreaOf({unknown}))"
        if SECTOR in f:
            sector = textfigure.the_sector(fig)
            shaded = textfigure.shaded_sector(record)
            if shaded is not None and re.search(r"(?:Shaded|Green|Blue)\(" + re.escape(SECTOR), f):
                f = f.replace(SECTOR, shaded)  # the sector the image fills, the major one too
            elif sector is not None:
                f = f.replace(SECTOR, f"Sector({','.join(sector)})")
            elif re.search(r"(?:Shaded|Green|Blue)\(" + re.escape(SECTOR), f):
                f = f.replace(SECTOR, "Shape($)")
            else:
                continue
        if ALTITUDE_TO_HYPOTENUSE in f:
            alt = textfigure.altitude_to_hypotenuse(fig)
            if alt is None:
                continue
            v, d, a, b = alt  # the text says the triangle has a hypotenuse and the segment is its altitude
            out += [f"Perpendicular(Line({v},{a}),Line({v},{b}))", f"Perpendicular(Line({v},{d}),Line({a},{b}))"]
            f = f.replace(ALTITUDE_TO_HYPOTENUSE, f"Line({v},{d})")
        if HYPOTENUSE in f:
            hyp = textfigure.hypotenuse(fig)
            if hyp is None:
                continue
            f = f.replace(HYPOTENUSE, f"Line({hyp[0]},{hyp[1]})")
        for kind in kinds:
            if f"{kind}($)" in f and f != f"{kind}($)":
                shape = textfigure.the_polygon(fig, kind)
                f = f.replace(f"{kind}($)", f"{kind}({','.join(shape)})" if shape else "Shape($)")
        out.append(f)
    return out


def _unnamed_outline(forms: Sequence[str], record: Mapping[str, object]) -> list[str]:
    """"The figure" (``Shape($)`` unshaded) named by the outline's corners when the figure's points
    have no letters (a figure read from pixels names them ``P1``, ``P2``, ...; the importer finds
    outlines of lettered points only). Figures with circles are left to the importer."""
    lines = record.get("line_instances")
    if not any("Shape($)" in f for f in forms) or not isinstance(lines, list) \
            or not any(re.search(r"\d", str(x)) for x in lines) or record.get("circle_instances"):
        return list(forms)
    corners = _outline_of(record)
    if corners is None:
        return list(forms)
    shape = f"{POLYGON_BY_SIZE.get(len(corners), 'Polygon')}({','.join(corners)})"
    return [re.sub(r"\b(AreaOf|PerimeterOf)\(Shape\(\$\)\)", rf"\1({shape})", f) for f in forms]


def with_text_forms(record: Mapping[str, object]) -> dict[str, object]:
    """The record with its text forms read from its ``problem_text`` (the annotated ones dropped):
    ``--text-from-question``. ``Circle($)`` becomes the diagram's circle when it has exactly one."""
    text = record.get("problem_text")
    forms = on_figure(text_forms(text) if isinstance(text, str) else [], record)
    return {**record, "text_logic_forms_dissolved": forms, "text_logic_forms": list(forms)}


def with_figure_forms(record: Mapping[str, object]) -> dict[str, object]:
    """The record with its annotated text forms resolved against its diagram, not the annotators'.

    The data's ``text_logic_forms_dissolved`` fill the question's ``$`` ("the parallelogram") and
    line labels (``Line(m)``) with the points of the annotated diagram. A diagram read from the
    image names its points its own way, so those names point nowhere (or, by chance, elsewhere):
    the question's own forms, ``text_logic_forms``, are resolved here against the record's diagram
    as the forms read from the question are (``on_figure``). Records whose forms are not a list of
    strings are returned unchanged (the importer reports them)."""
    forms = record.get("text_logic_forms")
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
        return dict(record)
    return {**record, "text_logic_forms_dissolved": on_figure(forms, record)}


def on_figure(forms: Sequence[str], record: Mapping[str, object]) -> list[str]:
    """Text forms with what they leave to the figure (``Circle($)``, ``Parallelogram($)``, the
    outline of "the figure", the tangents drawn, ...) named from the record's diagram."""
    from recode_dsl.interop.geometry3k import textwords

    forms = list(forms)
    centres = record.get("circle_instances")
    drawn = record.get("diagram_logic_forms")
    # the centre the diagram puts points on, when it names one: it outranks a listed circle
    on = {m[1] for f in (drawn if isinstance(drawn, list) else [])
          if (m := re.match(r"\s*PointLiesOnCircle\(\s*[A-Z]'*\s*,\s*Circle\(\s*([A-Z]'*)", str(f)))}
    if len(on) == 1:
        forms = resolve_circle(forms, on)
    elif isinstance(centres, list):
        forms = resolve_circle(forms, [str(c) for c in centres])
    if any(textwords.CIRCLES in f for f in forms):
        forms = textwords.with_circles(forms, [str(c) for c in centres] if isinstance(centres, list) else [])
    forms = _outline_kinds(forms, record)
    forms = _polygon_angles(forms, record)
    forms = _name_from_figure(forms, record)
    if TANGENT_LOOK in forms:
        at = forms.index(TANGENT_LOOK)
        forms = forms[:at] + tangents_drawn(record) + forms[at + 1:]
    return _unnamed_outline(_sized_outline(forms, record), record)


_SIZED = {"Quadrilateral": 4, "Pentagon": 5, "Hexagon": 6, "Polygon": 0}


def _sized_outline(forms: Sequence[str], record: Mapping[str, object]) -> list[str]:
    """"The quadrilateral" (``Quadrilateral($)``, ``Pentagon($)``, ``Polygon($)`` measured: its area,
    perimeter or height) named by the diagram's outline when it has that many corners."""
    pattern = re.compile(r"\b(AreaOf|PerimeterOf|HeightOf)\((" + "|".join(_SIZED) + r")\(\$\)\)")
    if not any(pattern.search(f) for f in forms):
        return list(forms)
    corners = _outline_of(record)
    if corners is None:
        return list(forms)

    def name(m: re.Match[str]) -> str:
        size = _SIZED[m[2]]
        if size and size != len(corners):
            return m[0]
        return f"{m[1]}({POLYGON_BY_SIZE.get(len(corners), 'Polygon') if not size else m[2]}({','.join(corners)}))"

    return [pattern.sub(name, f) for f in forms]
