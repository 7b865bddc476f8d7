"""One readable line per error for the ``tipgraph`` command, a traceback only with ``--debug``.

Any exception class defined in tipgraph's own packages (``ModelNotFound``,
``QueryError``, ``NothingToBuild``...) is an error the user can act on: its
message is printed as it is, so a new command gets this for free by raising
its own exception class with a message that says what is wrong and what to
do. Operating-system errors (missing files, permissions, unreachable
servers) are described from their fields. Anything else is a bug: one line
naming it and asking for ``--debug``.

>>> describe_error(FileNotFoundError(2, "No such file or directory", "graph.ttl"))
'graph.ttl: no such file or directory'
>>> describe_error(KeyError("x")).startswith("unexpected KeyError")
True
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click
from typer.core import TyperGroup

from tipgraph.graph.cli.terminal import quiet_broken_pipe

OWN_PACKAGES = ("tipgraph", "benchmarks")
DEBUG_FLAG = "--debug"
EXIT_USER_ERROR = 1
EXIT_BUG = 2


def is_user_error(error: BaseException) -> bool:
    """Whether ``error`` is one of tipgraph's own, deliberate errors."""
    return any(cls.__module__.split(".")[0] in OWN_PACKAGES for cls in type(error).__mro__)


def describe_error(error: BaseException) -> str:
    """The one line a user sees for ``error``."""
    if is_user_error(error):
        return " ".join(str(error).split()) or type(error).__name__
    if type(error).__name__ == "BadSyntax":  # rdflib's Turtle parser
        return (
            f"the graph file is not valid Turtle ({' '.join(str(error).split())[:200]}); rebuild it with tipgraph build"
        )
    if isinstance(error, (ConnectionError, TimeoutError)) or type(error).__name__ in ("URLError", "gaierror"):
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        return f"cannot reach the server: {reason}; check the address and that the server is running"
    if isinstance(error, OSError):
        reason = (error.strerror or str(error)).lower()
        name = error.filename if error.filename is not None else ""
        hint = {
            PermissionError: "; check the permissions or choose another path",
            IsADirectoryError: "; give a file, not a folder",
        }.get(type(error), "")
        return f"{name}: {reason}{hint}" if name else f"{reason}{hint}"
    if isinstance(error, MemoryError):
        return "out of memory; build fewer documents at a time or use a machine with more memory"
    message = " ".join(str(error).split())[:300]
    return (
        f"unexpected {type(error).__name__}: {message} (run again with --debug for the traceback, and please report it)"
    )


def exit_code(error: BaseException) -> int:
    """1 for an error the user can fix (described above), 2 for a bug."""
    return EXIT_BUG if describe_error(error).startswith("unexpected ") else EXIT_USER_ERROR


def split_debug_flag(args: Sequence[str]) -> tuple[list[str], bool]:
    """``args`` without ``--debug`` (accepted anywhere before ``--``), and whether it was there."""
    args = list(args)
    end = args.index("--") if "--" in args else len(args)
    debug = DEBUG_FLAG in args[:end]
    return [a for i, a in enumerate(args) if not (i < end and a == DEBUG_FLAG)], debug


class ErrorReportingGroup(TyperGroup):
    """The ``tipgraph`` command group: turns exceptions into one line unless ``--debug``."""

    debug = False

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        args, debug = split_debug_flag(sys.argv[1:] if args is None else args)
        self.debug = debug or os.environ.get("TIPGRAPH_DEBUG", "") not in ("", "0")
        return super().main(args, *rest, **extra)

    def invoke(self, ctx: Any) -> Any:
        try:
            value = super().invoke(ctx)
            sys.stdout.flush()  # a reader gone before the last flush is a closed pipe too, not an error at exit
            return value
        except BrokenPipeError:
            quiet_broken_pipe()  # `tipgraph query … | head`: the reader had enough
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, _click.ClickException, KeyboardInterrupt, EOFError):
            raise  # typer's own ways out, and an interrupt (typer prints "Aborted!")
        except Exception as error:
            if self.debug:
                raise
            typer.echo(f"error: {describe_error(error)}", err=True)
            raise typer.Exit(exit_code(error)) from None
