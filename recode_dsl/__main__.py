"""``python -m recode_dsl``."""

from recode_dsl.cli import entry

entry()
