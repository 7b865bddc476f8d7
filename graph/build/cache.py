"""The per-document extraction cache that makes rebuilds incremental.

A document's record depends on its bytes (``sha256``) and on the pipeline
that read it: tipgraph's ``PIPELINE_VERSION``, the spaCy model and its version
(:func:`tipgraph.extractors.pipeline.pipeline_fingerprint`), plus a digest of the
extractor code and the gazetteers, so that a forgotten version bump can
never serve a stale record. Records live as JSON under the output folder,
``OUT/.cache/records/<sha256>.json``, one file each, renamed into place when
complete: a build killed midway leaves every finished record usable by the
next run.

The fingerprint is computed from the model's ``meta.json``, without loading
the model: a rebuild in which every document is cached never loads spaCy's
weights.

>>> import tempfile
>>> from tipgraph.extractors.records import DocumentRecord
>>> cache = RecordCache(tempfile.mkdtemp(), "1:core_web_sm:3.8.0")
>>> cache.put(DocumentRecord(["a.txt"], "ab" * 32).to_dict())
>>> cache.get("ab" * 32).names
['a.txt']
>>> cache.get("cd" * 32) is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import spacy.util

from tipgraph import extractors, ontology
from tipgraph.extractors.pipeline import PIPELINE_VERSION, ModelNotFound
from tipgraph.extractors.records import DocumentRecord
from tipgraph.graph.build.outputs import read_manifest
from tipgraph.graph.io import _signals_held
from tipgraph.ontology.model import entity_classes, relation_kind

CACHE_DIR = Path(".cache") / "records"


@cache
def code_digest() -> str:
    """Digest of what extraction reads besides the model: extractor code and gazetteers."""
    digest = hashlib.sha256()
    roots = [Path(extractors.__file__).parent, Path(ontology.__file__).parent]
    # code, data and trained weights (files with no suffix among them)
    files = [p for root in roots for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted(files, key=lambda p: (p.parent.name, p.name)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_meta(model: str) -> dict[str, Any]:
    """The ``meta.json`` of an installed spaCy pipeline (a package name or a folder)."""
    try:
        if spacy.util.is_package(model):
            path = spacy.util.get_package_path(model) / "meta.json"
        else:
            path = Path(model) / "meta.json"
        return spacy.util.load_meta(path)
    except (OSError, ValueError, ModuleNotFoundError) as error:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed: install its package (pip install ...) or pick another with --model"
        ) from error


def model_fingerprint(model: str) -> str:
    """What :func:`tipgraph.extractors.pipeline.pipeline_fingerprint` says of ``model``, without loading it."""
    meta = model_meta(model)
    return f"{PIPELINE_VERSION}:{meta.get('name')}:{meta.get('version')}"


def cache_key(fingerprint: str) -> str:
    """The key a record is stored under: the pipeline fingerprint plus the code digest."""
    return f"{fingerprint}:{code_digest()}"


def record_problem(record: DocumentRecord) -> str | None:
    """Why ``record`` cannot be merged (a class the ontology lacks, a key naming no entity), or None.

    A record this tipgraph wrote never has one; an edited or foreign cache file may, and it must
    cost one re-extraction, not every build until ``--rebuild``.
    """
    classes = set(entity_classes())
    keys = {entity.key for entity in record.entities}
    for entity in record.entities:
        if entity.cls not in classes:
            return f"entity {entity.key!r} has the class {entity.cls!r}, which the ontology does not have"
        if entity.affiliation is not None and entity.affiliation not in keys:
            return f"entity {entity.key!r} serves {entity.affiliation!r}, which is no entity of the record"
    for relation in record.relations:
        for key in relation_kind(relation.kind).entity_keys(relation):
            if key not in keys:
                return f"a {relation.kind} statement names the entity {key!r}, which is not in the record"
    return None


class RecordCache:
    """Document records by content hash, valid for one pipeline fingerprint.

    ``get`` returns ``None`` for a record that is missing, unreadable or made
    by another pipeline; ``put`` stores a record dict atomically.
    """

    def __init__(self, out_dir: str | Path, fingerprint: str):
        self.folder = Path(out_dir) / CACHE_DIR
        self.key = cache_key(fingerprint)
        self.dropped: dict[str, str] = {}  # sha256 -> why its record was not used

    def path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.json"

    def get(self, sha256: str) -> DocumentRecord | None:
        """The record of ``sha256``, or None; a record that reads but does not hold together is
        dropped too, with the reason in ``dropped[sha256]`` for the build's warning."""
        try:
            data = json.loads(self.path(sha256).read_text(encoding="utf-8"))
            if data.get("key") != self.key:
                return None
            record = DocumentRecord.from_dict(data["record"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, half-written by an older tipgraph, or of another schema: extract again
        problem = record_problem(record)
        if problem:
            self.dropped[sha256] = problem
            return None
        return record

    def put(self, record: dict[str, Any]) -> None:
        """Store ``record``: written beside its place and renamed into it, so it is whole or absent.

        Unlike the outputs (:func:`tipgraph.graph.io.atomic_write`) a record is not
        fsynced: a kill loses nothing that the page cache holds, a power cut
        at worst leaves an entry :meth:`get` rejects (it is extracted again),
        and an fsync per document cost more than reading it.
        """
        path = self.path(record["sha256"])
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = None
        try:
            # a Ctrl-C comes once the temporary is known, so that it is removed; named like atomic_write's
            # temporaries, so graph.io.remove_stale_temporaries tidies a killed build's
            with _signals_held():
                fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"key": self.key, "record": record}, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except BaseException:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self, keep: set[str]) -> int:
        """Remove the records of the documents not in ``keep``; return how many."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


class NoBuildToPrune(RuntimeError):
    """``tipgraph cache prune`` on a folder with no build manifest: it cannot know which records are in use."""


def prune_cache(out_dir: str | Path) -> tuple[int, int]:
    """Remove the records of documents the current build of ``out_dir`` did not use; return (removed, kept).

    A build never prunes the cache itself, so a mistyped or unmounted input
    path costs no extraction already done; this is the explicit way to
    reclaim the space, after a build of the whole corpus.
    """
    manifest = read_manifest(out_dir)
    if manifest is None or "sha256" not in manifest:
        raise NoBuildToPrune(f"{out_dir}: no build here to prune the cache against; run tipgraph build first")
    keep = set(manifest["sha256"])
    cache = RecordCache(out_dir, "")
    removed = cache.prune(keep)
    return removed, len(keep)
