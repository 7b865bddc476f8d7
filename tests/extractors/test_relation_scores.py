"""The relation targets of issue 4, measured by the shared scorer on the seed documents."""

import pytest

# (score key, measure, floor)
TARGETS = [
    ("relations.all", "f1", 0.80),
    ("relations.all", "precision", 0.85),
    ("relations.cooperation", "f1", 0.70),
    ("relations.funding", "f1", 0.70),
    ("relations.route", "f1", 0.70),
    ("routes.purposes", "f1", 0.80),
    ("routes.victims", "f1", 0.80),
]


@pytest.mark.parametrize("key, measure, floor", TARGETS)
def test_relation_extraction_meets_its_target_on_the_seeds(seed_scores, key, measure, floor):
    assert seed_scores[key][measure] >= floor, seed_scores[key]
