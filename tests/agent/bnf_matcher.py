"""A small reference matcher for GBNF and W3C EBNF grammars, independent of the exporter.

``Matcher(text, notation)`` reads a grammar written in either notation (its own tokenizer and
parser, sharing nothing with ``recode_dsl.grammar.export``) and ``matches(s)`` says whether the
whole string is in the language of its ``root`` rule: an Earley recognizer over characters,
which accepts any context-free grammar (ambiguous, left-recursive, with empty rules).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Pred = Callable[[str], bool]


@dataclass(frozen=True)
class Tok:
    kind: str  # NAME, ASSIGN, BAR, LP, RP, OP, STR, CLS
    value: object


_GBNF_ESC = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"', "[": "[", "]": "]", "-": "-", "^": "^"}


def _gbnf_char(text: str, i: int) -> tuple[str, int]:
    if text[i] != "\\":
        return text[i], i + 1
    c = text[i + 1]
    if c == "x":
        return chr(int(text[i + 2:i + 4], 16)), i + 4
    if c == "u":
        return chr(int(text[i + 2:i + 6], 16)), i + 6
    return _GBNF_ESC[c], i + 2


def _ebnf_char(text: str, i: int) -> tuple[str, int]:
    m = re.compile(r"#x([0-9A-Fa-f]+)").match(text, i)
    if m:
        return chr(int(m.group(1), 16)), m.end()
    return text[i], i + 1


def tokenize(text: str, notation: str) -> list[Tok]:
    char = _gbnf_char if notation == "gbnf" else _ebnf_char
    toks: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif notation == "gbnf" and c == "#":
            i = text.find("\n", i) if "\n" in text[i:] else n
        elif notation == "ebnf" and text.startswith("/*", i):
            i = text.index("*/", i) + 2
        elif text.startswith("::=", i):
            toks.append(Tok("ASSIGN", None))
            i += 3
        elif c in "|()*+?":
            toks.append(Tok({"|": "BAR", "(": "LP", ")": "RP"}.get(c, "OP"), c))
            i += 1
        elif c == '"' or (notation == "ebnf" and c == "'"):
            j, s = i + 1, ""
            while text[j] != c:
                if notation == "gbnf":
                    ch, j = _gbnf_char(text, j)
                else:
                    ch, j = text[j], j + 1
                s += ch
            toks.append(Tok("STR", s))
            i = j + 1
        elif notation == "ebnf" and text.startswith("#x", i):
            ch, i = _ebnf_char(text, i)
            toks.append(Tok("STR", ch))
        elif c == "[":
            i += 1
            negated = text[i] == "^"
            i += negated
            ranges: list[tuple[str, str]] = []
            while text[i] != "]":
                lo, i = char(text, i)
                hi = lo
                if text[i] == "-" and text[i + 1] != "]":
                    hi, i = char(text, i + 1)
                ranges.append((lo, hi))
            i += 1
            toks.append(Tok("CLS", (negated, tuple(ranges))))
        else:
            m = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*").match(text, i)
            if not m:
                raise ValueError(f"unexpected {text[i:i + 20]!r}")
            toks.append(Tok("NAME", m.group()))
            i = m.end()
    return toks


Sym = tuple[str, object]  # ("nt", name) or ("ch", predicate)


class Matcher:
    def __init__(self, text: str, notation: str) -> None:
        toks = tokenize(text, notation)
        self.rules: dict[str, list[list[Sym]]] = {}
        self._fresh = 0
        starts = [i for i in range(len(toks) - 1) if toks[i].kind == "NAME" and toks[i + 1].kind == "ASSIGN"]
        for k, s in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(toks)
            body = toks[s + 2:end]
            self.pos, self.toks = 0, body
            alts = self._alt()
            if self.pos != len(body):
                raise ValueError(f"rule {toks[s].value}: cannot read {body[self.pos:self.pos + 3]}")
            self.rules.setdefault(str(toks[s].value), []).extend(alts)
        missing = {str(name) for alts in self.rules.values() for alt in alts for kind, name in alt
                   if kind == "nt" and name not in self.rules}
        if missing:
            raise ValueError(f"undefined rules: {sorted(missing)}")
        self.nullable = self._nullable()

    # -- reading the notation
    def _peek(self) -> Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def _alt(self) -> list[list[Sym]]:
        alts = [self._seq()]
        while (t := self._peek()) is not None and t.kind == "BAR":
            self.pos += 1
            alts.append(self._seq())
        return alts

    def _seq(self) -> list[Sym]:
        out: list[Sym] = []
        while (t := self._peek()) is not None and t.kind in ("NAME", "STR", "CLS", "LP"):
            out.extend(self._postfix())
        return out

    def _new(self, alts: list[list[Sym]]) -> Sym:
        self._fresh += 1
        name = f" g{self._fresh}"
        self.rules[name] = alts
        return ("nt", name)

    def _postfix(self) -> list[Sym]:
        item = self._primary()
        while (t := self._peek()) is not None and t.kind == "OP":
            self.pos += 1
            if t.value == "?":
                item = [self._new([[], item])]
            else:
                self._fresh += 1
                rep = f" r{self._fresh}"
                self.rules[rep] = [[], item + [("nt", rep)]]
                item = [("nt", rep)] if t.value == "*" else item + [("nt", rep)]
        return item

    def _primary(self) -> list[Sym]:
        t = self.toks[self.pos]
        self.pos += 1
        if t.kind == "NAME":
            return [("nt", t.value)]
        if t.kind == "STR":
            return [("ch", _eq(c)) for c in str(t.value)]
        if t.kind == "CLS":
            negated, ranges = t.value  # type: ignore[misc]
            return [("ch", _in(negated, ranges))]
        alts = self._alt()
        assert self.toks[self.pos].kind == "RP"
        self.pos += 1
        return [self._new(alts)]

    def _nullable(self) -> set[str]:
        null: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, alts in self.rules.items():
                if name not in null and any(all(k == "nt" and v in null for k, v in alt) for alt in alts):
                    null.add(name)
                    changed = True
        return null

    # -- Earley recognition
    def matches(self, text: str, start: str = "root") -> bool:
        flat = [(name, alt) for name, alts in self.rules.items() for alt in alts]
        by_lhs: dict[str, list[int]] = {}
        for idx, (name, _) in enumerate(flat):
            by_lhs.setdefault(name, []).append(idx)
        n = len(text)
        sets: list[dict[tuple[int, int, int], None]] = [{} for _ in range(n + 1)]
        for r in by_lhs[start]:
            sets[0][(r, 0, 0)] = None
        for i in range(n + 1):
            agenda = list(sets[i])
            waiting: dict[str, list[tuple[int, int, int]]] = {}
            done_lhs: set[tuple[str, int]] = set()
            while agenda:
                item = agenda.pop()
                r, dot, origin = item
                lhs, rhs = flat[r]
                if dot < len(rhs):
                    kind, val = rhs[dot]
                    if kind == "nt":
                        name = str(val)
                        waiting.setdefault(name, []).append(item)
                        for q in by_lhs[name]:
                            new = (q, 0, i)
                            if new not in sets[i]:
                                sets[i][new] = None
                                agenda.append(new)
                        if name in self.nullable or (name, i) in done_lhs:
                            new = (r, dot + 1, origin)
                            if new not in sets[i]:
                                sets[i][new] = None
                                agenda.append(new)
                    elif i < n and val(text[i]):  # type: ignore[operator]
                        sets[i + 1][(r, dot + 1, origin)] = None
                else:
                    if origin == i:
                        done_lhs.add((lhs, i))
                    parents = waiting.get(lhs, []) if origin == i else [
                        p for p in sets[origin] if p[1] < len(flat[p[0]][1]) and flat[p[0]][1][p[1]] == ("nt", lhs)]
                    for pr, pdot, porigin in list(parents):
                        new = (pr, pdot + 1, porigin)
                        if new not in sets[i]:
                            sets[i][new] = None
                            agenda.append(new)
            if i < n and not sets[i + 1]:
                return False
        return any(flat[r][0] == start and dot == len(flat[r][1]) and origin == 0 for r, dot, origin in sets[n])


def _eq(c: str) -> Pred:
    return lambda x: x == c


def _in(negated: bool, ranges: tuple[tuple[str, str], ...]) -> Pred:
    return lambda x: any(lo <= x <= hi for lo, hi in ranges) != negated
