"""The tests in this folder are unit tests of the rules: gazetteers, genre rules and relation patterns.

They run on the pipeline with the learned parts switched off (no entity check, statements
from the patterns alone), so that a failing test points at one rule. The learned parts
(``tipgraph_entity_model``, the entity check, the relation model) are tested in
``test_learned.py`` on the default pipeline.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from tipgraph.extractors.pipeline import load_pipeline

    return load_pipeline(relation_sources="patterns", verify=False)


@pytest.fixture(scope="session")
def default_nlp():
    from tipgraph.extractors.pipeline import load_pipeline

    return load_pipeline()
