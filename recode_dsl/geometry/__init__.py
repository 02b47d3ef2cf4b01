"""The geometry kernel: a figure as a numeric model, solved, measured and laid out.

The solver, the renderer and the importers stand on it; it imports none of them.

- ``numeric``: the model (unknowns, residual blocks), primitives (distances, angles, circles)
- ``prims``, ``kinds``, ``tangent``, ``touch``: residuals of the relations and the shape kinds
- ``constraints``: a figure's statements as residual blocks of the model
- ``measures``, ``regions``: lengths, angles, areas and Shapely regions as functions of the unknowns
- ``untangle``, ``solve``: seeding from the drawing, least squares, consistency and null space
- ``layout``: positions for a figure whose points have no coordinates (for the renderer)
"""
