"""The question's own words when its Find form cannot be imported: "Find m \\angle v." asks v.

An annotator may misread the question (``Find(LengthOf(Line(m)))`` for "Find m \\angle v",
the "m" of "measure" taken for a line named m). When no Find form gives the program an
``ask``, a question that reads just "Find v." or "Find m \\angle v." about a variable the
forms label is asked as that variable. Nothing else of the text is read.
"""

from __future__ import annotations

import re

from recode_dsl.interop.geometry3k.text import ASK, Stmt, ask, equation_variables, named

_FIND_VARIABLE = re.compile(r"\s*Find\s+(?:m\s*\\angle\s*)?([a-z])\s*\.?\s*")


def asked_in_text(question: str, stmts: list[Stmt]) -> list[Stmt]:
    """``stmts`` with ``ask v`` added when none asks anything and the question is "Find v." for a
    variable some equation has.

    >>> from recode_dsl.interop.geometry3k.text import EQUATION, call, statement
    >>> said = Stmt(EQUATION, statement(call("angle", "A", "V", "B"), named("v")))
    >>> asked_in_text("Find m \\\\angle v.", [said])[-1].text
    'ask v'
    """
    if any(st.section == ASK for st in stmts):
        return stmts
    said = _FIND_VARIABLE.fullmatch(question)
    known = equation_variables(stmts)
    if said is None or said[1] not in known:
        return stmts
    return [*stmts, Stmt(ASK, ask(named(said[1])))]
