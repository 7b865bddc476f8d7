"""Minting instance IRIs under ``tgr:``: the only place where they are made.

IRIs are stable: the same entity, document or statement gets the same IRI on
every build, so that analysts' saved queries and links keep working.

>>> str(place_iri("VN"))
'https://w3id.org/tipgraph/resource/place/VN'
>>> str(entity_iri("Agency", "Ministry of Public Security", "VN"))
'https://w3id.org/tipgraph/resource/agency/ministry-of-public-security-vn'
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from tipgraph.ontology.folding import fold
from tipgraph.ontology.namespace import TGR, WD


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (``Hà Nội`` -> ``ha-noi``), folded as names are
    (:func:`~tipgraph.ontology.folding.fold`); a possessive keeps its ``s`` (published IRIs never change)."""
    words = re.findall(r"[a-z0-9]+", fold(text).encode("ascii", "ignore").decode().lower())
    if not words:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return "-".join(words)[:80]


def place_iri(gazetteer_id: str) -> URIRef:
    """A place or body the gazetteer knows, by its gazetteer id."""
    return (
        TGR[f"place/{gazetteer_id}"]
        if re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]+)?", gazetteer_id)
        else TGR[f"known/{slug(gazetteer_id)}"]
    )


def entity_iri(cls: str, label: str, country: str | None = None) -> URIRef:
    """An entity the gazetteer does not know: class, name and jurisdiction."""
    suffix = f"-{country.lower()}" if country else ""
    return TGR[f"{slug(cls)}/{slug(label)}{suffix}"]


def document_iri(sha256: str) -> URIRef:
    return TGR[f"document/{sha256[:20]}"]


def statement_iri(document_sha256: str, kind: str, index: int) -> URIRef:
    return TGR[f"statement/{document_sha256[:20]}/{kind}-{index}"]


def wikidata_iri(qid: str) -> URIRef:
    return WD[qid]


def named_graph_iri(name: str = "tipgraph") -> URIRef:
    """The named graph a triple store keeps a pushed build in (``tipgraph push``)."""
    return TGR[f"graph/{slug(name)}"]


def curated_statement_iri(document_sha256: str, kind: str, digest: str) -> URIRef:
    """A statement a reviewer added (tipgraph.graph.curation): named by its decision, not by an extraction index.

    >>> str(curated_statement_iri("ab" * 32, "cooperation", "0123456789ab"))
    'https://w3id.org/tipgraph/resource/statement/abababababababababab/cooperation-curated-0123456789ab'
    """
    return TGR[f"statement/{document_sha256[:20]}/{kind}-curated-{digest}"]


def curation_iri(digest: str) -> URIRef:
    """One decision of a corrections file, by the digest of what it says (stable while its text is)."""
    return TGR[f"curation/{digest}"]
