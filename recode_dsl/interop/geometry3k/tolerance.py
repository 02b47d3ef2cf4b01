"""How far the Geometry3K drawings may slip: every tolerance the importer's rules read them with.

The importer never writes a measured number; positions only choose between readings of the forms.
Each constant says which slip of the drawing (hand-placed points, rounded pixel positions, labels
set off their corner) it absorbs. One idea has one tolerance: a point the forms put on a circle
drawn off it (was 0.15 and 0.25), a point drawn on a circle no form puts it on (was 0.10 and
0.12), two directions that are one (same ray, parallel: was 2 and 3 degrees); each was unified to
the value that changed none of the 2,401 train+val imports. Points
no form places are judged more tightly than points the forms place (ON_CIRCLE against OFF_CIRCLE,
ON_SEGMENT against IN_LINE): a point merely drawn near a circle or a segment may be a different
point (a chord's midpoint, a corner near a side), while a point the forms place is on it unless
the drawing misses grossly.

>>> ON_CIRCLE < OFF_CIRCLE and ON_SEGMENT < IN_LINE
True
>>> LABEL_STRAIGHT_DEG
178.0
"""

from __future__ import annotations

# -- points and circles (fractions of the drawn radius) --------------------------------------------
# a point the forms put on a circle (PointLiesOnCircle, or a point of a three-letter arc) but
# drawn this far from it is not on it (offarc, offcircle; circles: a tangent's end or a
# spread of distances beyond 1 + OFF_CIRCLE): only a gross miss (a neighbour on the same line, a
# point outside the circle) overrules the forms
OFF_CIRCLE = 0.25
# a point no form puts on a circle is on it when drawn within this of the radius (arcends; a
# polygon's corners or sides touching a circle, regions): hand-placed points scatter by a few
# percent, while a chord's midpoint, which must not count as on the circle, is drawn 13% inside it
# for a 60-degree chord
ON_CIRCLE = 0.10
# the other points of a circle agree on its radius within this ratio (offcircle, circles):
# they are hand-placed too, and must agree much better than the miss they judge
RADII_AGREE = 1.1
# a triangle's centre (centroid, incentre ...) is drawn at a point within this share of the drawn
# triangle's perimeter (centres): the centre is placed by eye
CENTRE_NEAR = 0.01

# -- directions (degrees) -------------------------------------------------------------------------
# two directions within this turn are one: segments leaving a point along one ray (labels,
# wedges, importer._rays), lines drawn parallel (lines); the rounding of pixel positions
SAME_DIRECTION_DEG = 2.0
# a gap wider than this between two rays is no angle a label sits in (labels): the two rays
# are one straight line
LABEL_STRAIGHT_DEG = 180.0 - SAME_DIRECTION_DEG
# a gap this wide is a reflex angle beyond doubt (wedges): 5 degrees past a straight angle,
# more than the slip of two rays drawn as one line
REFLEX_CLEAR_DEG = 185.0
# two angles named by the same label but drawn further apart than this are not one angle
# (twice): labels sit loosely in their corner; 20 degrees is no such slip
UNEQUAL_DEG = 20.0

# -- points on lines (fractions of the segment's length) -------------------------------------------
# points the forms put on one line are drawn in line when each is this near it (labels): points
# set by hand on a drawn line
IN_LINE = 0.05
# a point no form puts on a drawn segment lies on it when this near it (lines, outline): the
# pixel rounding of the point and of the segment's ends; tighter than IN_LINE since a corner drawn
# near a long side must not split it
ON_SEGMENT = 0.015
# a point this far beyond a segment's end still lies within it (lines): pixel rounding along
# the segment
SEGMENT_END = 0.01

# -- regular polygons (regular) ----------------------------------------------------------------
# a vertex this close to 180 degrees is a point on a side, not a corner: a point set on a side by hand
REGULAR_STRAIGHT_DEG = 10.0
# the longest drawn side at most this times the shortest: a sketch of a regular polygon
REGULAR_SIDES = 1.2
# each corner within this of (n - 2) * 180 / n: a sketch of a regular polygon
REGULAR_CORNER_DEG = 12.0

__all__ = [
    "CENTRE_NEAR", "IN_LINE", "LABEL_STRAIGHT_DEG", "OFF_CIRCLE", "ON_CIRCLE", "ON_SEGMENT", "RADII_AGREE",
    "REFLEX_CLEAR_DEG", "REGULAR_CORNER_DEG", "REGULAR_SIDES", "REGULAR_STRAIGHT_DEG", "SAME_DIRECTION_DEG",
    "SEGMENT_END", "UNEQUAL_DEG",
]
