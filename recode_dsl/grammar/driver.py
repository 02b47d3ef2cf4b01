"""Lark's LALR parse loop, inlined over its own parse table and callbacks.

``Lark.parse`` feeds each token through ``ParserState.feed_token``: a method call, two
assertions (one a Python-level ``Rule.__eq__``) and three attribute look-ups per token and per
reduction, and rule names that are ``Token`` objects, so each goto look-up calls a Python
``__eq__``. On a 200-line program that loop is most of the parse. ``parse`` runs the same
table with the same callbacks (the inline transformer that builds the AST), with each state's
actions prepared once as ``(shift, next state)`` or ``(reduce, (size, callback, origin))``,
the origin a plain ``str``. A reduction of one child whose callback is Lark's
``ExpandSingleChild`` (a ``?rule`` passing its only child up, most reductions of an expression)
returns that child, so it only changes the state. Lark's repetition rules (``__call_star_3``:
the arguments of a call, the items of a list) build a plain ``Tree`` through four wrappers
(child filter, partial, default callback, the transformer's ``__default__``); with
``repetition_trees`` (the transformer's ``__default__`` builds that ``Tree``, as ``syntax``'s
does) the table builds it in one step, and a left-recursive repetition (``x* , item``) appends
the item to the tree it already has rather than copying it into a new one.

It accepts exactly what Lark accepts and returns the same value. On a token the table has no
action for, it raises ``NoAction`` and the caller lets Lark parse the text again, for Lark's
own ``UnexpectedInput`` with its expected-token sets (the error path is rare; ``syntax``
re-parses statement by statement there anyway).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lark import Lark, Token, Tree
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders, ExpandSingleChild
from lark.parsers.lalr_analysis import Shift

Action = tuple[bool, Any]  # (True, next state) or (False, (size, callback or None, rule origin name))


class NoAction(Exception):
    """The parse table has no action for a token here: a syntax error."""


class Table:
    """One start symbol's prepared parse table."""

    __slots__ = ("end", "start", "states")

    def __init__(self, lark: Lark, start: str, repetition_trees: bool = False) -> None:
        inner = lark.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table, callbacks = inner.parse_table, inner.callbacks
        if any(isinstance(k, str) for k in callbacks):
            raise ValueError("token callbacks are not supported")  # the grammar has none
        self.states: list[dict[str, Action]] = [
            {str(term): (True, arg) if action is Shift
             else (False, _reduction(arg, callbacks[arg], repetition_trees))
             for term, (action, arg) in table.states[state].items()}
            for state in range(len(table.states))]
        self.start: int = table.start_states[start]
        self.end: int = table.end_states[start]


def _reduction(rule: Any, callback: Callable[[list[Any]], Any], repetition_trees: bool) -> tuple[int, Any, str]:
    size = len(rule.expansion)
    passes_child = size == 1 and isinstance(callback, ExpandSingleChild)
    origin = str(rule.origin.name)
    if repetition_trees and origin.startswith("__") and type(callback) is ChildFilterLALR_NoPlaceholders:
        callback = _repetition(origin, callback.to_include) or callback
    return size, None if passes_child else callback, origin


def _repetition(data: str, include: list[tuple[int, bool]]) -> Callable[[list[Any]], Any] | None:
    """The value of a repetition rule's reduction in one step (what the child filter and the
    default callback give: ``Tree(data, the kept children, with an expanded first child's
    children in front)``); None for a shape left to Lark."""
    if len(include) == 2 and include[0] == (0, True) and not include[1][1]:
        item = include[1][0]

        def append(children: list[Any]) -> Any:
            tree = children[0]
            tree.children.append(children[item])  # Lark's filter also extends this very list
            return tree

        return append
    if all(not expand for _, expand in include):
        kept = tuple(i for i, _ in include)
        return lambda children: Tree(data, [children[i] for i in kept])
    return None


def parse(table: Table, tokens: Iterable[Token]) -> Any:
    """The value of the start rule (what ``Lark.parse`` returns), or ``NoAction``."""
    states = table.states
    state_stack = [table.start]
    values: list[Any] = []
    push_state, push_value = state_stack.append, values.append
    try:
        for tok in tokens:
            kind = tok.type
            while True:
                shift, arg = states[state_stack[-1]][kind]
                if shift:
                    push_state(arg)
                    push_value(tok)
                    break
                size, callback, origin = arg
                if callback is None:  # the rule's one child is its value (most reductions; inlined)
                    state_stack[-1] = states[state_stack[-2]][origin][1]
                else:
                    _reduce(arg, states, state_stack, values)
        while True:
            shift, arg = states[state_stack[-1]]["$END"]
            _reduce(arg, states, state_stack, values)
            if state_stack[-1] == table.end:
                return values[-1]
    except KeyError:
        raise NoAction from None


def _reduce(arg: tuple[int, Callable[[list[Any]], Any] | None, str], states: list[dict[str, Action]],
            state_stack: list[int], values: list[Any]) -> None:
    size, callback, origin = arg
    if callback is None:  # the rule's one child is its value
        state_stack[-1] = states[state_stack[-2]][origin][1]
        return
    if size:
        children = values[-size:]
        del state_stack[-size:]
        del values[-size:]
    else:
        children = []
    values.append(callback(children))
    state_stack.append(states[state_stack[-1]][origin][1])
