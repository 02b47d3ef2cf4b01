"""The Geometry3K importer: Inter-GPS logic forms and drawn point positions as programs.

    record ──parse (logicform.lark), once──▶ trees ──repairs──▶ trees ──translate──▶ statements ──▶ program

- ``importer``: one problem in, one program out (``import_problem``, ``read_problems``)
- ``repairs`` and one module per rule (``arcends``, ``centres``, ``circles``, ``corner``, ...):
  the annotation's known slips, mended before translation
- ``pattern``: what a repair matches in a form's tree and how it rebuilds one
- ``parse``, ``translate``, ``statements``, ``forms``, ``regular``, ``text``: logic form -> DSL
- ``geom``, ``outline``, ``labels``, ``tolerance``: reading the drawn positions
- ``bench``: solve the imported programs in worker processes and score them (the compiler is
  passed in: interop stands below the pipeline)
"""

from recode_dsl.interop.geometry3k.importer import LETTERS, PREDICATES, Imported, Problem, import_problem, read_problems

__all__ = ["LETTERS", "PREDICATES", "Imported", "Problem", "import_problem", "read_problems"]
