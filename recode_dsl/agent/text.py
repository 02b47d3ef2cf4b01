"""Model text on its way to a terminal or a log: escapes stripped, length capped.

A model (or a server pretending to be one) can answer anything: terminal escape sequences,
control characters, megabytes of text. Whatever of it is shown to a person goes through
``clean``; what is written to files goes through ``strip_controls``.
"""

from __future__ import annotations

import re

# CSI / OSC / other ESC sequences first (so their parameters go too), then any remaining C0/C1
# control character except tab and newline.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

DEFAULT_CAP = 2000


def strip_controls(text: str) -> str:
    """The text without escape sequences and control characters (tab and newline are kept).

    >>> strip_controls("red \\x1b[31mtext\\x1b[0m\\x07 ok")
    'red text ok'
    """
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def clean(text: str, cap: int = DEFAULT_CAP) -> str:
    """``strip_controls`` and at most ``cap`` characters, saying how much was left out.

    >>> clean("x" * 30, cap=10)
    'xxxxxxxxxx... (20 more characters)'
    """
    text = strip_controls(text)
    if len(text) > cap:
        return f"{text[:cap]}... ({len(text) - cap} more characters)"
    return text
