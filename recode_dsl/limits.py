"""Limits on what a program may ask for; the language reference states each one."""

from __future__ import annotations

MAX_PROGRAM_BYTES = 256 * 1024
MAX_LINES = 5000
MAX_NESTING = 48  # brackets: calls, parentheses, lists and pairs inside one another
MAX_EXPR_DEPTH = 200  # operators applied in a row (1 + 1 + ... is one level per '+')
MAX_EXPANDED = 1000  # nodes of one expression or region after every 'let' name is replaced by its value
MAX_ELEMENTS = 2000  # points, shapes, relations and equations in a figure
MAX_CATEGORIES = 500
MAX_SERIES = 50
MAX_VALUES = 20000  # values over all series of a chart
MAX_QUERIES = 200
MAX_MAGNITUDE = 10**12  # absolute value of any literal, and of anything that is drawn (coordinates,
# radii, axis ranges, setting values) or imported
MAX_DIGITS = 30  # digits written in one literal (0.000001 has 7): the precision of a number
MAX_DECIMALS = 20  # digits after the point that value labels show
MAX_IMPORT_DEPTH = 64  # nesting of JSON arrays and objects, and of Geometry3K logic forms
MAX_IMPORT_CELL = 10_000  # characters of one CSV cell, JSON string or logic form
COMPILE_SECONDS = 10.0  # default time budget of one compile (parse, check, solve, draw)
MAX_IMPORT_BYTES = 16 * 1024 * 1024  # characters of one imported file (chart spec, CSV) or JSON line
MAX_CANVAS_PX = 8192  # width or height
MIN_CANVAS_PX = 16
MAX_POLYGON_SIDES = 100
MAX_EXPONENT = 64  # |e| in a^e when e is a number
MAX_CONSTANT_BITS = 4096  # size of the exact value of an expression of numbers

TABLE = (
    ("program size", f"{MAX_PROGRAM_BYTES} bytes and {MAX_LINES} lines"),
    ("bracket nesting", f"{MAX_NESTING} levels of calls, parentheses, lists and pairs"),
    ("expression depth", f"{MAX_EXPR_DEPTH} operators in a row (a chain 1 + 1 + ... counts one level per '+')"),
    ("expression size", f"{MAX_EXPANDED} nodes after every 'let' name is replaced by its value (so doubling "
                        "a value through 'let's is refused after 9 steps)"),
    ("figure elements", f"{MAX_ELEMENTS} points, shapes, relations and equations"),
    ("chart categories", str(MAX_CATEGORIES)),
    ("chart series", str(MAX_SERIES)),
    ("chart values", f"{MAX_VALUES} over all series"),
    ("queries", f"{MAX_QUERIES} 'ask' statements"),
    ("number literals", f"|n| <= {MAX_MAGNITUDE:.0e}, at most {MAX_DIGITS} digits written (tiny values "
                        "such as 0.000001 are fine)"),
    ("drawn values", f"coordinates, radii, axis ranges and ticks within |v| <= {MAX_MAGNITUDE:.0e}"),
    ("value label decimals", f"0 to {MAX_DECIMALS}"),
    ("canvas size", f"{MIN_CANVAS_PX} to {MAX_CANVAS_PX} pixels a side"),
    ("polygon sides", str(MAX_POLYGON_SIDES)),
    ("exponents", f"|e| <= {MAX_EXPONENT} in a^e when e is a number"),
    ("exact constants", f"{MAX_CONSTANT_BITS} bits (numerator and denominator) for an expression of numbers"),
    ("imported files", f"at most {MAX_IMPORT_BYTES} characters (a Geometry3K line too), JSON nested at most "
                       f"{MAX_IMPORT_DEPTH} levels, logic forms {MAX_IMPORT_DEPTH} levels, "
                       f"cells and strings at most {MAX_IMPORT_CELL} characters; numbers as in programs"),
    ("compile time", f"{COMPILE_SECONDS:g} s of CPU by default (--timeout) for the whole compile: parse, "
                     "check, solve and draw; CPU time, so an answer does not depend on how loaded the machine is"),
)
