"""A long fuzzing pass, run outside CI: the checks of ``tests/test_fuzz.py`` for minutes, not seconds.

Runs each property (cleaning, decoding, extraction, export) in rounds of
fresh random examples until its share of the time budget is spent, and
prints how many inputs each one tried and any failing input hypothesis
found (shrunk to a small example).

    python -m benchmarks.fuzz_long                  # 10 minutes
    python -m benchmarks.fuzz_long --minutes 2
"""

from __future__ import annotations

import argparse
import time
import traceback

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fuzz import (
    any_text,
    check_cleaning,
    check_decoding,
    check_export,
    check_extraction,
    document_records,
)

# Share of the budget per property: extraction is the slow one and the one most likely to break.
SHARES = {"cleaning": 0.2, "decoding": 0.1, "extraction": 0.5, "export": 0.2}
ROUND = {"cleaning": 500, "decoding": 500, "extraction": 50, "export": 50}


def properties(nlp):
    bytes_input = st.one_of(
        st.binary(max_size=2000),
        any_text.map(lambda t: t.encode("utf-8")),
        any_text.map(lambda t: t.encode("utf-16")),
        any_text.map(lambda t: t.encode("cp1252", "replace")),
    )
    return {
        "cleaning": (any_text, check_cleaning),
        "decoding": (bytes_input, check_decoding),
        "extraction": (any_text, lambda text: check_extraction(nlp, text)),
        "export": (st.lists(document_records(), min_size=1, max_size=4, unique_by=lambda r: r.sha256), check_export),
    }


def fuzz(name: str, strategy, check, seconds: float) -> tuple[int, list[str]]:
    tried = 0
    failures: list[str] = []

    def counted(value):
        nonlocal tried
        tried += 1
        check(value)

    run = settings(max_examples=ROUND[name], deadline=None, database=None, suppress_health_check=list(HealthCheck))(
        given(strategy)(counted)
    )
    ends = time.monotonic() + seconds
    while time.monotonic() < ends and len(failures) < 3:
        try:
            run()
        except Exception:  # hypothesis re-raises the shrunk failing example
            failures.append(traceback.format_exc(limit=3))
    return tried, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()

    from tipgraph.extractors.pipeline import load_pipeline

    nlp = load_pipeline()
    total = 0
    print(f"fuzzing for {args.minutes:g} minutes")
    for name, (strategy, check) in properties(nlp).items():
        started = time.monotonic()
        tried, failures = fuzz(name, strategy, check, args.minutes * 60 * SHARES[name])
        total += tried
        elapsed = time.monotonic() - started
        print(f"{name:11} {tried:8d} inputs in {elapsed:6.0f} s  ({tried / elapsed:7.1f}/s)  failures: {len(failures)}")
        for failure in failures:
            print("    " + failure.replace("\n", "\n    "))
    print(f"total       {total:8d} inputs")


if __name__ == "__main__":
    main()
