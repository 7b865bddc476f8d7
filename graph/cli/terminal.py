"""What the ``tipgraph`` command prints: text from documents made safe for a terminal, and a closed pipe.

Document text and file names are data: an ESC or OSC sequence in a cable
(clear the screen, set the window title, write the clipboard with OSC 52)
must reach the terminal as visible characters, never as a command, and a
file name with a line break must not fake a line of the report. Control
characters (C0 but tab, DEL, C1) and the bidirectional overrides become
escapes a reader sees:

>>> visible("a\\x1b]0;pwned\\x07b\\nc")
'a\\\\x1b]0;pwned\\\\x07b\\\\nc'
>>> visible("tab\\tand\\nline", keep="\\n")
'tab\\tand\\nline'
"""

from __future__ import annotations

import os
import re
import sys
from typing import NoReturn

import typer

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def visible(text: str, keep: str = "") -> str:
    """``text`` with each control character (but those in ``keep``) written as an escape."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")

    return _CONTROL.sub(escape, text)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def quiet_broken_pipe() -> None:
    """The reader of our output went away (``tipgraph query … | head``): that is normal, say nothing.

    stdout is pointed at /dev/null so that the interpreter's last flush at exit
    does not raise again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout already closed or not a real file
        pass


def fail(message: str) -> NoReturn:
    """One error line on stderr, exit code 1."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)
