"""What the solver gives for one ``ask``: the exact value, its float and a formatted string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Answer:
    """The answer to one ``ask``: exact value, its float, and a formatted string."""

    query: str
    exact: Any
    value: float | None
    text: str
    unit: str | None = None
    span: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "exact": str(self.exact), "value": self.value, "text": self.text,
                "unit": self.unit, "line": getattr(self.span, "line", None)}
