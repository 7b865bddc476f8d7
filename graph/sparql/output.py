"""Rows of a SELECT as the command prints them: an aligned table, CSV or JSON.

>>> result = QueryResult(["actor", "partner"], [["UNICEF", "Ministry of Labour"], ["IOM", None]])
>>> for line in generate_table(result):
...     print(line)
actor   partner
------  ------------------
UNICEF  Ministry of Labour
IOM
(2 rows)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import Enum

from tipgraph.graph.sparql.core import QueryResult


class OutputFormat(str, Enum):
    """How ``generate_table`` writes rows."""

    table = "table"
    csv = "csv"
    json = "json"


def generate_table(result: QueryResult, fmt: str = "table", cut: int | None = 60) -> Iterator[str]:
    """Yield ``result`` as an aligned text table (cells cut at ``cut`` characters; None: whole), CSV or JSON."""
    fmt = OutputFormat(fmt).value  # a ValueError names a format that is none of these
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        yield buffer.getvalue()
    elif fmt == "json":
        yield json.dumps([dict(zip(result.variables, row)) for row in result.rows], ensure_ascii=False, indent=1)
    else:
        # A table cell holds one line: evidence sentences keep their line breaks in CSV and JSON only.
        cells = [result.variables] + [["" if v is None else " ".join(v.split()) for v in row] for row in result.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(result.variables))]
        widths = [min(cut, width) for width in widths] if cut else widths
        for number, row in enumerate(cells):
            yield "  ".join(value[:width].ljust(width) for value, width in zip(row, widths)).rstrip()
            if number == 0:
                yield "  ".join("-" * width for width in widths)
        yield f"({len(result.rows)} rows)"
