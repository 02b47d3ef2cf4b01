"""``make demo``: compile every example, write its image and print its answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl.errors import RecodeError, format_text
from recode_dsl.pipeline import compile, render  # noqa: A004


def run(examples: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    status = 0
    for path in sorted(examples.glob("*.rdsl")):
        source = path.read_text(encoding="utf-8")
        result = compile(source, str(path))
        print(f"== {path.name}")
        if result.diagnostics:
            print(format_text(result.diagnostics, source, str(path)))
        if result.scene is None:
            status = 1
            continue
        try:
            image = out / f"{path.stem}.png"
            image.write_bytes(render(result.scene, "png"))
            print(f"   image: {image}")
        except RecodeError as err:
            print(format_text(err.diagnostics, source, str(path)))
        for ans in result.answers:
            print(f"   {ans.query} = {ans.text}")
    return status


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--examples", type=Path, default=Path("examples"))
    ap.add_argument("--out", type=Path, default=Path("build/demo"))
    args = ap.parse_args()
    sys.exit(run(args.examples, args.out))


if __name__ == "__main__":
    main()
