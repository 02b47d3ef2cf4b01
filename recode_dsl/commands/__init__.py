"""Command modules of the CLI. Each defines NAME (a tuple of words), HELP, configure(parser)
and run(args) -> exit code."""
