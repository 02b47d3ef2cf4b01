"""How far the Geometry3K drawings may slip: every tolerance the importer's rules read them with.

The importer never writes a measured number; positions only choose between readings of the forms.
Each constant says which slip of the drawing (hand-placed points, rounded pixel positions, labels
set off their corner) it absorbs. A tolerance is larger where the rule acts more strongly on the
forms: judging an unstated point on a circle (keep an arc) is milder than reading an arc as an angle,
which is milder than dropping a form the annotator wrote, so their thresholds grow in that order.

Off a circle (fractions of the drawn radius):

>>> ON_CIRCLE < ARC_POINT_OFF < STATED_POINT_OFF
True
"""

from __future__ import annotations

# -- points and circles (fractions of the drawn radius) --------------------------------------------
# a point not said to be on a circle, drawn within this of its radius, may lie on it (g3k_arcends):
# hand-placed points of a drawn circle scatter by a few percent of the radius
ON_CIRCLE = 0.10
# a point of a three-letter arc drawn this far from its circle makes the arc an angle (g3k_offarc):
# beyond the scatter of points on a circle, short of the 25% that drops a stated form
ARC_POINT_OFF = 0.15
# a point said to be on a circle but drawn this far off it is an annotation slip and its form is
# dropped (g3k_offcircle): only a gross miss (a neighbour on the same line) overrules a stated form
STATED_POINT_OFF = 0.25
# the other points of a circle agree on its radius within this ratio (g3k_offcircle): they are
# hand-placed too, and must agree better than the 25% miss they judge
RADII_AGREE = 1.1

# -- directions (degrees) -------------------------------------------------------------------------
# two segments leaving a point within this turn are one ray (g3k_labels, geometry3k._rays): the
# rounding of pixel positions of a short segment's end
SAME_RAY_DEG = 2.0
# rays closer than this share a direction and the labels cannot go round the point (g3k_wedges):
# wider than SAME_RAY_DEG since the rule gives up (keeps the forms) when two rays may coincide
WEDGE_SAME_RAY_DEG = 3.0
# a gap wider than this between two rays is no angle a label sits in: 180 less SAME_RAY_DEG
# (g3k_labels), the two rays are one straight line
LABEL_STRAIGHT_DEG = 178.0
# a gap this wide is a reflex angle beyond doubt (g3k_wedges): 5 degrees past a straight angle,
# more than the slip of two rays drawn as one line
REFLEX_CLEAR_DEG = 185.0
# lines named by a letter are drawn parallel within this turn (g3k_lines): the letter lines are long
# hand-drawn lines; the rule still needs the count of such pairs to match the forms
LETTER_PARALLEL_DEG = 3.0
# a Perpendicular mark between lines drawn parallel within this turn is a parallel mark
# (g3k_lines): it overrules a stated form, so it asks for a tighter fit than LETTER_PARALLEL_DEG
MARK_PARALLEL_DEG = 2.0
# two angles named by the same label but drawn further apart than this are not one angle
# (g3k_twice): labels sit loosely in their corner; 20 degrees is no such slip
UNEQUAL_DEG = 20.0

# -- points on segments (fractions of the segment's length) ----------------------------------------
# a point this near a drawn segment lies on it (g3k_lines, g3k_outline): pixel rounding of the
# point and of the segment's ends
ON_SEGMENT = 0.015
# a point this far beyond a segment's end still lies within it (g3k_lines): the same rounding
# along the segment
SEGMENT_END = 0.01
# a point this far off a line (relative to its length) is not drawn on it (g3k_labels)
BENT = 0.05

# -- regular polygons (g3k_regular) ----------------------------------------------------------------
# a vertex this close to 180 degrees is a point on a side, not a corner: a point set on a side by hand
REGULAR_STRAIGHT_DEG = 10.0
# the longest drawn side at most this times the shortest: a sketch of a regular polygon
REGULAR_SIDES = 1.2
# each corner within this of (n - 2) * 180 / n: a sketch of a regular polygon
REGULAR_CORNER_DEG = 12.0

__all__ = [
    "ARC_POINT_OFF", "BENT", "LABEL_STRAIGHT_DEG", "LETTER_PARALLEL_DEG", "MARK_PARALLEL_DEG", "ON_CIRCLE",
    "ON_SEGMENT", "RADII_AGREE", "REFLEX_CLEAR_DEG", "REGULAR_CORNER_DEG", "REGULAR_SIDES",
    "REGULAR_STRAIGHT_DEG", "SAME_RAY_DEG", "SEGMENT_END", "STATED_POINT_OFF", "UNEQUAL_DEG",
    "WEDGE_SAME_RAY_DEG",
]
