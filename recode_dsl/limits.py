"""Limits on what a program may ask for; the language reference states each one."""

from __future__ import annotations

MAX_PROGRAM_BYTES = 256 * 1024
MAX_LINES = 5000
MAX_NESTING = 48
MAX_ELEMENTS = 2000  # points, shapes, relations and equations in a figure
MAX_CATEGORIES = 500
MAX_SERIES = 50
MAX_VALUES = 20000  # values over all series of a chart
MAX_QUERIES = 200
MAX_MAGNITUDE = 10**12  # absolute value of any literal
MAX_DIGITS = 30  # digits in one literal
MAX_CANVAS_PX = 8192  # width or height
MIN_CANVAS_PX = 16
MAX_POLYGON_SIDES = 100
MAX_EXPONENT = 64  # |e| in a^e when e is a number
MAX_CONSTANT_BITS = 4096  # size of the exact value of an expression of numbers

TABLE = (
    ("program size", f"{MAX_PROGRAM_BYTES} bytes and {MAX_LINES} lines"),
    ("expression nesting", f"{MAX_NESTING} levels"),
    ("figure elements", f"{MAX_ELEMENTS} points, shapes, relations and equations"),
    ("chart categories", str(MAX_CATEGORIES)),
    ("chart series", str(MAX_SERIES)),
    ("chart values", f"{MAX_VALUES} over all series"),
    ("queries", f"{MAX_QUERIES} 'ask' statements"),
    ("number magnitude", f"|n| <= {MAX_MAGNITUDE:.0e}, at most {MAX_DIGITS} digits"),
    ("canvas size", f"{MIN_CANVAS_PX} to {MAX_CANVAS_PX} pixels a side"),
    ("polygon sides", str(MAX_POLYGON_SIDES)),
    ("exponents", f"|e| <= {MAX_EXPONENT} in a^e when e is a number"),
    ("exact constants", f"{MAX_CONSTANT_BITS} bits (numerator and denominator) for an expression of numbers"),
)
