"""Benchmark: the rule-based reader of problem texts against Geometry3K's annotated text forms.

    python bench/text_forms.py ../shared/data/geometry3k/train.jsonl [--show N]

For each problem: the forms ``interop.geometry3k.textforms.with_text_forms`` reads from the
problem's text (the record's annotated diagram resolves ``Circle($)``, the tangents the text
asks to assume and the shapes it names without points: ``interop.geometry3k.textfigure``),
against ``text_logic_forms_dissolved`` (spaces ignored). Prints the share of
problems whose forms are all equal, form precision and recall, the share whose ``Find`` is the
annotated one, the kinds of form missed most, and the CPU time. The annotation resolves shapes
the text leaves unnamed ("the area of the parallelogram" is ``AreaOf(Parallelogram(A,B,C,D))``,
the reader's ``AreaOf(Shape($))``, resolved later by the importer from the diagram): such forms
count as misses here although they import the same.

Solving is measured by ``recode-dsl bench geometry3k FILE --text-from-question`` (see README).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from recode_dsl.interop.geometry3k.textforms import with_text_forms


def _norm(form: str) -> str:
    return re.sub(r"\s+", "", form)


def _kind(form: str) -> str:
    m = re.match(r"(\w+)\(?(\w*)", form)
    return "" if m is None else (f"{m[1]}({m[2]}" if m[1] in ("Find", "Equals") else m[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--show", type=int, default=0, help="print the first N problems whose forms differ")
    args = ap.parse_args()
    records = [json.loads(line) for line in Path(args.file).read_text(encoding="utf-8").splitlines() if line.strip()]
    exact = tp = fp = fn = find_ok = 0
    missed: Counter[str] = Counter()
    shown = 0
    c0 = time.process_time()
    for rec in records:
        want = {_norm(f) for f in rec.get("text_logic_forms_dissolved") or []}
        read = with_text_forms(rec)["text_logic_forms_dissolved"]
        got = {_norm(str(f)) for f in read} if isinstance(read, list) else set()
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
        exact += want == got
        find_ok += {f for f in want if f.startswith("Find(")} == {f for f in got if f.startswith("Find(")}
        missed.update(_kind(f) for f in want - got)
        if want != got and shown < args.show:
            shown += 1
            print(f"{rec.get('id')}: {rec.get('problem_text')!r}")
            print(f"  missed {sorted(want - got)}\n  extra  {sorted(got - want)}")
    cpu = time.process_time() - c0
    n = max(len(records), 1)
    print(f"{args.file}: {len(records)} problems; all forms equal {exact / n:.3f}; forms precision "
          f"{tp / max(tp + fp, 1):.3f} recall {tp / max(tp + fn, 1):.3f}; Find equal {find_ok / n:.3f}; "
          f"CPU {1000 * cpu / n:.2f} ms a problem")
    print("missed most: " + ", ".join(f"{k} {v}" for k, v in missed.most_common(12)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
