r"""Statements a problem's text makes in words rather than symbols (for ``textforms``).

Each rule is a way textbooks say a fact, read from a whole sentence before it is cut at commas:

- lists of segments and what they are: ``J H, J P, and P H are midsegments of △KLM``, ``Y Z is
  the midsegment of trapezoid TWRV``, ``m is the perpendicular bisector of X Z``;
- chords and diagonals that meet: ``Chords J F and B C intersect at K``, ``The diagonals of
  rhombus FGHJ intersect at K``, ``Circle A has diameters D F and P G``, ``⊙F with diameter A C``;
- one quantity as a multiple of another: ``the radius of circle A is twice the radius of circle B
  and four times the radius of circle C``, ``The measure of ∠A is half the measure of ∠B``,
  ``The height of a triangle is 5 centimeters more than its base``;
- sums: ``the sum of the circumferences of circles H, J, K is 56π``;
- a circle's measures where the text names one circle: ``In ⊙B, the diameter is 20 units long``;
- a right angle: ``∠RST is a right angle``; lines said in words: ``B E and A D are
  perpendicular``, ``K H is parallel to J I``.

The text is matched, never evaluated. A shape named without its points (``a triangle``, ``the
circles``) is a placeholder the caller resolves from the diagram.
"""

from __future__ import annotations

import re

from recode_dsl.interop.geometry3k import textforms as tf

_PT = r"[A-Z](?:\s*')?"
_PTS = rf"{_PT}(?:\s+{_PT})*"
_SEG = rf"(?:{_PT}\s+{_PT}|[a-z])"  # a segment (two letters) or a line named by one small letter
_LIST = rf"{_SEG}(?:\s*,\s*(?:and\s+)?{_SEG})*(?:,?\s+and\s+{_SEG})?"
# where a list of segments may start: the sentence's start, or after a comma or a joining word
_START = r"(?:^|(?<=, )|(?<=\b[Ii]f )|(?<=\band )|(?<=\bthat )|(?<=\bso )|(?<=\b[Ll]ines )|(?<=\b[Ss]egments ))"
_POLY = rf"(?:(?:△\s*|(?i:triangle)\s+)(?P<tri>{_PTS})|(?P<kind>(?i:{tf._KIND}))\s+(?P<run>{_PTS}))"
CIRCLES = "Circles($)"  # "the three circles": the diagram's circles (textforms.with_text_forms)

_ROLES = {"midsegment": "IsMidsegmentOf", "median": "IsMedianOf", "altitude": "IsAltitudeOf",
          "perpendicular bisector": "IsPerpendicularBisectorOf", "diameter": "IsDiameterOf", "radius": "IsRadiusOf",
          "radii": "IsRadiusOf", "chord": "IsChordOf", "diagonal": "IsDiagonalOf"}
_ROLE = r"(?P<role>midsegment|median|altitude|perpendicular bisector|diameter|radius|radii|chord|diagonal)s?"
_TIMES = {"twice": "2", "double": "2", "three times": "3", "four times": "4", "five times": "5", "six times": "6",
          "half": "1/2", "one half": "1/2"}
_TIMES_RE = r"(?P<times>" + "|".join(sorted(_TIMES, key=len, reverse=True)) + r"|\d+(?:\.\d+)? times)"


def segments(run: str) -> list[str]:
    """``J H, J P, and P H`` or ``l and m`` as lines (``Line(J,H)``, ``Line(l)``).

    >>> segments("J H, J P, and P H"), segments("l and m")
    (['Line(J,H)', 'Line(J,P)', 'Line(P,H)'], ['Line(l)', 'Line(m)'])
    """
    out = []
    for part in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", run.strip()):
        if re.fullmatch(r"[a-z]", part):
            out.append(f"Line({part})")
        elif (line := tf._line(part)) is not None and re.fullmatch(_PTS, part):
            out.append(line)
        else:
            return []
    return out


def _poly(m: re.Match[str]) -> str | None:
    """The polygon a ``_POLY`` match names."""
    if m["tri"]:
        return tf._polygon("triangle", m["tri"])
    return tf._polygon(m["kind"].lower(), m["run"])


def circle_context(text: str) -> str | None:
    """The one circle a (normalised) text names (``⊙ B``, ``circle B``, ``In B,``), or None.

    >>> circle_context("In ⊙ B, the diameter is 20 units long."), circle_context("In H, the radius is 4.")
    ('B', 'H')
    """
    names = {m[1].replace(" ", "") for m in re.finditer(rf"(?:⊙\s*|\b[Cc]ircle\s+)({_PT})(?![A-Za-z])", text)}
    names |= {m[1] for m in re.finditer(r"(?:^|[.?] )In ([A-Z]),", text)}
    return next(iter(names)) if len(names) == 1 else None


def _circle_of(text: str, ctx: str | None) -> str | None:
    """``⊙ A``, ``circle A`` or ``the circle`` (the text's one circle) as ``Circle(A)``."""
    t = text.strip()
    if m := re.fullmatch(rf"(?:the )?(?:⊙\s*|circle\s+)({_PT})", t, flags=re.I):
        return f"Circle({m[1].replace(' ', '')})"
    if re.fullmatch(r"(?:the )?circle", t, flags=re.I):
        return f"Circle({ctx or '$'})"
    return None


def _measure(text: str, ctx: str | None, shape: str | None) -> str | None:
    """A measured thing: what ``textforms.quantity`` reads, a circle's measure, or a named
    shape's base or height (``its base``: of ``shape``)."""
    t = re.sub(r"^(?:the |its )", "", text.strip().rstrip(".?"), flags=re.I)
    if m := re.fullmatch(r"(radius|diameter|circumference|area) of (.+)", t, flags=re.I):
        circle = _circle_of(m[2], ctx)
        if circle is not None:
            return f"{m[1].capitalize()}Of({circle})" if m[1].lower() != "area" else f"AreaOf({circle})"
    if m := re.fullmatch(r"(base|height)(?: of (.+))?", t, flags=re.I):
        of = tf._shape(m[2]) if m[2] else shape
        return f"{m[1].capitalize()}Of({of})" if of else None
    return tf.quantity(t)


def shape_named(text: str) -> str | None:
    """The first shape a sentence names without points: ``a triangle`` -> ``Triangle($)``."""
    m = re.search(rf"\b(?:a|an|the) (?:right |isosceles |regular )?({tf._KIND})\b", text, flags=re.I)
    return f"{tf.KINDS[m[1].lower()]}($)" if m else None


def with_circles(forms: list[str], centres: list[str]) -> list[str]:
    """``SumOf(CircumferenceOf(Circles($)))`` made one term a circle of the diagram (at least two);
    the form left out when the diagram has fewer.

    >>> with_circles(["Equals(SumOf(RadiusOf(Circles($))),9)"], ["A", "B"])
    ['Equals(SumOf(RadiusOf(Circle(A)),RadiusOf(Circle(B))),9)']
    """
    out = []
    found = sorted(set(centres))
    for f in forms:
        if f == f"Congruent({CIRCLES})":  # "the two circles are congruent"
            if len(found) == 2:
                out.append(f"Congruent(Circle({found[0]}),Circle({found[1]}))")
            continue
        if CIRCLES in f:
            if len(found) < 2:
                continue
            f = re.sub(r"(\w+)\(" + re.escape(CIRCLES) + r"\)",
                       lambda m: ",".join(f"{m[1]}(Circle({c}))" for c in found), f)
        out.append(f)
    return out


def _multiple(q: str, times: str) -> str:
    n = _TIMES[times] if times in _TIMES else times.split()[0]
    return f"HalfOf({q})" if n == "1/2" else f"Mul({q},{n})"


def _relations(sentence: str, ctx: str | None, shape: str | None) -> tuple[list[str], str]:
    """``X is twice Y [and three times Z]``, ``X is 5 more than Y``, ``X is half Y``: the forms
    and the sentence without them."""
    m = re.search(rf"(?:^|\b(?:if|that|and|,)\s+)(?P<x>(?:the |its )?[^,]+?) is (?:equal to )?{_TIMES_RE} "
                  rf"(?:as (?:long|large|much) as )?(?:the )?(?P<y>[^,]+?)(?: and {_TIMES_RE.replace('times>', 't2>')} "
                  r"(?:the )?(?P<z>[^,]+?))?(?=$|[,.?]|\s+(?:if|and|find)\b)", sentence, flags=re.I)
    if m:
        x, y = _measure(m["x"], ctx, shape), _measure(m["y"], ctx, shape)
        if x is None or y is None or x == y:
            return [], sentence
        out = [f"Equals({x},{_multiple(y, m['times'].lower())})"]
        if m["z"] and (z := _measure(m["z"], ctx, shape)) is not None:
            out.append(f"Equals({x},{_multiple(z, m['t2'].lower())})")
        return out, sentence[:m.start()] + sentence[m.end():]
    m = re.search(r"(?:^|\b(?:if|that|and|,)\s+)(?P<x>(?:the |its )?[^,]+?) is (?P<v>\d+(?:\.\d+)?)(?: [a-z]+)? "
                  r"(?:more|longer|greater) than (?P<y>[^,]+?)(?=$|[,.?]|\s+(?:if|and)\b)", sentence, flags=re.I)
    if m:
        x, y = _measure(m["x"], ctx, shape), _measure(m["y"], ctx, shape)
        if x is None or y is None or x == y:
            return [], sentence
        return [f"Equals({x},Add({y},{m['v']}))"], sentence[:m.start()] + sentence[m.end():]
    return [], sentence


def _sums(sentence: str, ctx: str | None) -> list[str]:
    """``the sum of the circumferences of circles H, J, K is 56π``; ``... of the three circles is 42π``."""
    m = re.search(r"\bthe sum of the (circumference|radius|radii|diameter|area)s? of (?:the )?(.+?) is (.+?)"
                  r"(?=$|,|\.\s|\.$|\s+(?:find|and)\b)", sentence, flags=re.I)
    if m is None:
        return []
    fn = {"circumference": "CircumferenceOf", "radius": "RadiusOf", "radii": "RadiusOf", "diameter": "DiameterOf",
          "area": "AreaOf"}[m[1].lower()]
    v = tf.value(m[3])
    if v is None:
        return []
    one = rf"(?:⊙\s*)?{_PT}"
    named = re.fullmatch(rf"(?:circles|⊙)\s*({_PT}(?:\s*,\s*(?:and\s+)?{one})*(?:,?\s+and\s+{one})?)", m[2].strip())
    if named:
        circles = [p.replace(" ", "") for p in re.findall(_PT, named[1])]
        if len(circles) >= 2:
            return [f"Equals(SumOf({','.join(f'{fn}(Circle({c}))' for c in circles)}),{v})"]
    if re.fullmatch(r"(?:two |three |four |all )?(?:the )?circles", m[2].strip(), flags=re.I):
        return [f"Equals(SumOf({fn}({CIRCLES})),{v})"]
    return []


def _inscribed(sentence: str, ctx: str | None) -> list[str]:
    """``X is inscribed in Y`` / ``circumscribed about`` with shapes named or not (``the triangle``,
    ``a circle``: the figure's, resolved later), and a square's side given on the way."""
    side = r"(?: with (?:a )?side(?: length)? of (?P<side>[^,]+?)| with (?P<side2>\d+(?:\.\d+)?) ?- ?\w+ sides)?"
    art = r"(?:(?i:the|an?) (?=[a-zA-Z⊙△]{2}|[⊙△]))"  # an article before a word, not a point letter
    adj = r"(?:(?i:regular|equilateral|isosceles|right) )"
    m = re.search(rf"(?:^|\b(?:if|that|and|,)\s+)(?P<a>⊙\s*{_PT}|{art}circle|{art}?{adj}?"
                  rf"(?:(?i:{tf._KIND}|polygon)s?)?\s*(?:△\s*)?(?:{_PTS}(?: and {_PTS})?)?)"
                  rf"{side} (?:is |are )?(?:an? (?P<kind>{tf._KIND}) )?(?P<how>inscribed|circumscribed) "
                  rf"(?:in|into|about|to|around) (?P<b>⊙\s*{_PT}|{art}circle|{art}?{adj}?"
                  rf"(?:(?i:{tf._KIND}|polygon)\s*)?(?:△\s*)?(?:{_PTS})?)(?![A-Za-z])", sentence)
    if m is None:
        return []
    inner = _figure_named(m["a"], m["kind"], ctx)
    outer = _figure_named(m["b"], None, ctx)
    if not inner or not outer:
        return []
    fn = "InscribedIn" if m["how"] == "inscribed" else "CircumscribedTo"
    # "a regular polygon is inscribed in a circle": the polygon is the outline, which Regular(Polygon($)) states
    out = [f"{fn}({a},{outer[-1]})" for a in inner if "Polygon($)" not in a]
    v = tf.value(m["side"] or m["side2"] or "") if (m["side"] or m["side2"]) else None
    if v is not None:
        out.append(f"Equals(SideOf({inner[0]}),{v})")
    return out


def _figure_named(text: str, kind: str | None, ctx: str | None) -> list[str]:
    """``the triangle`` -> ``Triangle($)``; ``equilateral pentagon P Q R S T`` ->
    ``Equilateral(Pentagon(P,Q,R,S,T))``; ``triangles F G H and F H J`` -> both; ``a circle`` ->
    ``Circle($)`` (the text's one circle when it names one)."""
    t = re.sub(r"^(?:the|an?)\s+", "", text.strip(), flags=re.I)
    if (c := _circle_of(t, ctx)) is not None:
        return [c]
    if t.lower() == "circle":
        return [f"Circle({ctx or '$'})"]
    m = re.fullmatch(rf"(?:((?i:regular|equilateral|isosceles|right)) )?(?:((?i:{tf._KIND}|polygon))s? ?)?(△ ?)?"
                     rf"((?:{_PTS})(?: and {_PTS})?)?", t)
    if m is None:
        return []
    word = (m[2] or kind or ("triangle" if m[3] else "")).lower()
    runs = [r for r in re.split(r" and ", m[4] or "") if r]
    if runs:
        shapes = [tf._polygon(word if word in tf.KINDS and word != "polygon" else None, r) for r in runs]
    elif word in tf.KINDS:
        shapes = [f"{tf.KINDS[word]}($)"]
    else:
        return []
    if not all(shapes):
        return []
    mod = m[1].capitalize() if m[1] and m[1].lower() not in ("isosceles", "right") else None
    return [f"{mod}({s})" if mod else str(s) for s in shapes]


def sentence_forms(sentence: str, text: str) -> tuple[list[str], str]:
    """The forms a (normalised) sentence states in words, and the sentence with them taken out
    (what is left is read clause by clause). ``text`` is the whole problem text (its circle).

    >>> sentence_forms("J H, J P, and P H are midsegments of △ K L M.", "")[0]
    ['IsMidsegmentOf(Line(J,H),Triangle(K,L,M))', 'IsMidsegmentOf(Line(J,P),Triangle(K,L,M))', \
'IsMidsegmentOf(Line(P,H),Triangle(K,L,M))']
    >>> sentence_forms("Chords J F and B C intersect at K.", "")[0]
    ['IsChordOf(Line(J,F),Circle($))', 'IsChordOf(Line(B,C),Circle($))', 'IntersectAt(Line(J,F),Line(B,C),Point(K))']
    """
    ctx = circle_context(text)
    shape = shape_named(text)
    out: list[str] = []
    rest = sentence

    def take(m: re.Match[str]) -> None:
        nonlocal rest
        rest = rest[:m.start()] + rest[m.end():]

    # "J H, J P, and P H are midsegments of △KLM"; "Y Z is the midsegment of trapezoid T W R V"
    if m := re.search(rf"{_START}(?P<segs>{_LIST}) (?:is|are) (?:a |an |the )?{_ROLE} of (?:the )?{_POLY}", rest):
        lines, poly = segments(m["segs"]), _poly(m)
        role = m["role"].lower()
        if lines and poly and role not in ("diameter", "radius", "radii", "chord", "perpendicular bisector"):
            out += [f"{_ROLES[role]}({ln},{poly})" for ln in lines]
            take(m)
    # "m is the perpendicular bisector of X Z"
    if m := re.search(rf"{_START}(?P<segs>{_SEG}) is (?:a |the )?perpendicular bisector of "
                      rf"(?:segment )?({_PT}\s+{_PT})\b", rest):
        lines, target = segments(m["segs"]), tf._line(m[2])
        if lines and target:
            out.append(f"IsPerpendicularBisectorOf({lines[0]},{target})")
            take(m)
    # "Chords J F and B C intersect at K", "Chords A C and D F are equidistant from the center"
    if m := re.search(rf"\b(?i:chords) (?P<segs>{_LIST})(?: (?:of (?:⊙\s*|circle\s+)(?P<c>{_PT})))?"
                      rf"(?: (?:intersect|meet) at (?P<at>{_PT}))?", rest):
        lines = segments(m["segs"])
        circle = f"Circle({m['c'].replace(' ', '') if m['c'] else (ctx or '$')})"
        if len(lines) >= 2:
            out += [f"IsChordOf({ln},{circle})" for ln in lines]
            if m["at"]:
                out.append(f"IntersectAt({','.join(lines)},Point({m['at'].replace(' ', '')}))")
            take(m)
    # "The diagonals of rhombus F G H J intersect at K"
    if m := re.search(rf"\b(?i:the) diagonals of (?:the )?{_POLY} (?:intersect|meet) at (?P<at>{_PT})", rest):
        poly = _poly(m)
        pts = tf._points(m["run"] or "")
        if poly and len(pts) == 4:
            d1, d2 = f"Line({pts[0]},{pts[2]})", f"Line({pts[1]},{pts[3]})"
            out += [poly, f"IsDiagonalOf({d1},{poly})", f"IsDiagonalOf({d2},{poly})",
                    f"IntersectAt({d1},{d2},Point({m['at'].replace(' ', '')}))"]
            take(m)
    # "Circle A has diameters D F and P G", "on ⊙F with diameter A C"
    if m := re.search(rf"(?:⊙\s*|\b(?i:circle)\s+)(?P<c>{_PT}) (?P<verb>has|with) (?:a |the )?(?:{_ROLE}) "
                      rf"(?P<segs>{_LIST})\b", rest):
        lines = segments(m["segs"])
        role = m["role"].lower()
        if lines and role in ("diameter", "radius", "radii", "chord"):
            c = m["c"].replace(" ", "")
            out += [f"Circle({c})", *(f"{_ROLES[role]}({ln},Circle({c}))" for ln in lines)]
            # "... on ⊙F with diameter A C": the circle stays where the question names it
            rest = rest[:m.start("verb") - 1] + rest[m.end():] if m["verb"] == "with" else \
                rest[:m.start()] + rest[m.end():]
    # "△KLN and △LMN are isosceles"
    if m := re.search(rf"((?:△\s*{_PTS}(?:\s*,\s*(?:and\s+)?|\s+and\s+))+△\s*{_PTS}) are (isosceles|equilateral)\b",
                      rest):
        tris = [tf._polygon("triangle", r) for r in re.findall(rf"△\s*({_PTS})", m[1])]
        out += [g for t in tris if t for g in (t, f"{m[2].capitalize()}({t})")]
        take(m)
    # "△QRS is an equilateral triangle", "A B C D is an isosceles trapezoid"
    if m := re.search(rf"(?:△\s*)?\b({_PTS}) is an? (isosceles|equilateral|right|regular) ({tf._KIND})\b"
                  r"(?! with (?:median|midsegment))", rest):
        poly = tf._polygon(m[3].lower(), m[2 - 1])
        if poly:
            out += [poly, f"{m[2].capitalize()}({poly})"]
            take(m)
    # "Circles G, J, and K all intersect at L"
    if m := re.search(rf"\b(?i:circles) ({_PT}(?:\s*,\s*(?:and\s+)?{_PT})*(?:,?\s+and\s+{_PT})) (?:all )?"
                      rf"(?:intersect|meet) at ({_PT})", rest):
        names = [p.replace(" ", "") for p in re.findall(_PT, m[1])]
        out.append(f"IntersectAt({','.join(f'Circle({c})' for c in names)},Point({m[2].replace(' ', '')}))")
        take(m)
    # "The two circles are congruent"
    if re.search(r"\bthe two circles are congruent\b", rest, flags=re.I):
        out.append(f"Congruent({CIRCLES})")
    # "Use parallelogram to find b": the one the figure draws
    if m := re.search(rf"^(?i:use) (?:the )?({tf._KIND}) (?=to\b)", rest):
        out.append(f"{tf.KINDS[m[1].lower()]}($)")
        take(m)
    # "Use rectangle L M N P, parallelogram L K M J to solve the problem"
    if re.match(r"(?i:use) ", rest):
        for m in re.finditer(rf"(?:^(?i:use) |, )((?i:{tf._KIND})) ({_PTS})(?=,| to\b)", rest):
            poly = tf._polygon(m[1].lower(), m[2])
            if poly:
                out.append(poly)
    # "J L and M K are diagonals" (of the polygon the text names)
    if m := re.search(rf"{_START}(?P<segs>{_LIST}) are (?:the |its )?diagonals\b(?! of)", rest):
        named = re.search(rf"\b((?i:{tf._KIND})) ({_PTS})\b", text)
        poly = tf._polygon(named[1].lower(), named[2]) if named else None
        lines = segments(m["segs"])
        if poly and lines:
            out += [f"IsDiagonalOf({ln},{poly})" for ln in lines]
            take(m)
    # "The triangle is inscribed in ⊙D", "P Q R S is a rhombus inscribed in a circle", "⊙P is inscribed in
    # equilateral triangle L M N", "A square with side length of 9 inches is inscribed in ⊙J"
    out += _inscribed(rest, ctx)
    # "Assume the inscribed polygon is regular", "Find the area of the regular polygon", "If the polygon shown is
    # regular": the figure's outline, as far as it appears regular (the importer checks)
    if re.search(r"\b(?:the|a|an) (?:inscribed )?(?:polygon|figure)(?: shown)? is regular\b|"
                 r"\bthe (?:inscribed )?regular polygon\b|\bassume that the polygon is regular\b|"
                 r"\b(?:a|the) regular polygon\b(?! ?[A-Z]\b)", rest, flags=re.I) and "Regular(Polygon($))" not in out:
        out.append("Regular(Polygon($))")
    # "∠ R S T is a right angle"
    for m in re.finditer(rf"∠\s*({_PTS}) is a right angle", rest):
        angle = tf._angle(m[1])
        if angle:
            out.append(f"RightAngle({angle})")
    rest = re.sub(rf"∠\s*{_PTS} is a right angle", "", rest)
    # "B E and A D are perpendicular", "lines l and m are parallel"
    if m := re.search(rf"{_START}(?:(?i:lines?|segments?) )?({_SEG}) and ({_SEG}) are (perpendicular|parallel)\b",
                      rest):
        lines = segments(f"{m[1]} and {m[2]}")
        if len(lines) == 2:
            out.append(f"{m[3].capitalize()}({lines[0]},{lines[1]})")
            take(m)
    rel, rest = _relations(rest, ctx, shape)
    out += rel
    sums = _sums(rest, ctx)
    if sums:
        out += sums
        rest = re.sub(r"\bthe sum of .*? is [^,]+?(?=$|,|\.\s|\.$|\s+(?:find|and)\b)", "", rest, flags=re.I)
    # "Find the height of the parallelogram given its area with 100 square units"
    if shape and (m := re.search(r",?\s*(?:given|if|with|and) its (area|perimeter) (?:is |of |with |= )(\d[^,]*?)"
                                 r"(?=$|,|\.\s|\.$)", rest, flags=re.I)):
        v = tf.value(m[2])
        if v is not None:
            out.append(f"Equals({m[1].capitalize()}Of({shape}),{v})")
            take(m)
    # "the measure of an interior angle of a regular pentagon": at a corner of the figure's outline
    if m := re.search(r"\b(?:the )?measure of (?:an|each|one) interior angle of (?:a |the |each )?regular "
                      r"(?:polygon|pentagon|hexagon|heptagon|octagon|nonagon|decagon)\b(?! ?[A-Z]\b)", rest,
                      flags=re.I):
        out += ["Regular(Polygon($))", f"Find(MeasureOf({tf.INTERIOR_ANGLE}))"]
        rest = ""
    # "the area of a regular pentagon with a perimeter of 40 centimeters"
    if m := re.search(r"\b(?:a|the) regular (polygon|pentagon|hexagon|heptagon|octagon|triangle|quadrilateral) "
                      r"(?:with|has|that has) an? (perimeter|area) of ([^,]+?)(?=$|,|\.\s|\.$)", rest, flags=re.I):
        v = tf.value(m[3])
        if v is not None:
            out += ["Regular(Polygon($))", f"Equals({m[2].capitalize()}Of(Polygon($)),{v})"]
            rest = rest.replace(m[0], f"the regular {m[1]}")
    # "a regular polygon is inscribed in a circle"
    if re.search(r"\b(?:a|the) regular (?:polygon|pentagon|hexagon|heptagon|octagon) (?:is )?inscribed in\b", rest,
                 flags=re.I):
        out.append("Regular(Polygon($))")
    # "In ⊙B, the diameter is 20 units long": the text's one circle
    for m in re.finditer(r"\bthe (radius|diameter|circumference) (?:is|measures|=) ([^,]+?)(?=$|,|\.\s|\.$|\s+and\b)",
                         rest, flags=re.I):
        v = tf.value(re.sub(r"\s+long$", "", m[2].strip().rstrip(".")))
        if v is not None:
            out.append(f"Equals({m[1].capitalize()}Of(Circle({ctx or '$'})),{v})")
            rest = rest.replace(m[0], "")
    return out, rest
