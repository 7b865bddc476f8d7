"""The ``tg:`` vocabulary as an rdflib ``DefinedNamespace``.

Generated from ``tipgraph.ttl`` by ``python -m tipgraph.ontology.generate_namespace``;
do not edit by hand.
"""

from typing import Literal

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class TG(DefinedNamespace):
    """tipgraph ontology: https://w3id.org/tipgraph/ontology#"""

    _NS = Namespace("https://w3id.org/tipgraph/ontology#")
    _fail = True

    Actor: URIRef  # Actor
    Agency: URIRef  # Agency
    Begging: URIRef  # forced begging
    Boys: URIRef  # boys
    CannabisCultivation: URIRef  # cannabis cultivation
    Children: URIRef  # children
    City: URIRef  # City
    Cooperation: URIRef  # Cooperation
    Country: URIRef  # Country
    Curation: URIRef  # Curation
    Document: URIRef  # Document
    DomesticServitude: URIRef  # domestic servitude
    ForcedLabour: URIRef  # forced labour
    ForcedMarriage: URIRef  # forced marriage
    Funding: URIRef  # Funding
    Girls: URIRef  # girls
    IllegalAdoption: URIRef  # illegal adoption
    Infants: URIRef  # infants
    InternationalOrganization: URIRef  # International organization
    Men: URIRef  # men
    Migrants: URIRef  # migrants
    NGO: URIRef  # NGO
    Official: URIRef  # Official
    OrganRemoval: URIRef  # organ removal
    Organization: URIRef  # Organization
    Person: URIRef  # Person
    Place: URIRef  # Place
    Province: URIRef  # Province
    Purpose: URIRef  # Purpose
    Purposes: URIRef  # Purposes of trafficking
    Region: URIRef  # Region
    SexualExploitation: URIRef  # sexual exploitation
    Statement: URIRef  # Statement
    TraffickingRoute: URIRef  # Trafficking route
    VictimGroup: URIRef  # Victim group
    VictimGroups: URIRef  # Victim groups
    Women: URIRef  # women
    abstract: URIRef  # abstract
    affiliation: URIRef  # affiliation
    amount: URIRef  # amount
    classification: URIRef  # classification
    confidence: URIRef  # confidence
    cooperatesWith: URIRef  # cooperates with
    country: URIRef  # country
    curated: URIRef  # curated
    decisionKind: URIRef  # decision kind
    destination: URIRef  # destination
    end: URIRef  # end
    evidence: URIRef  # evidence
    funder: URIRef  # funder
    funds: URIRef  # funds
    locatedIn: URIRef  # located in
    mentionCount: URIRef  # mention count
    mentionedIn: URIRef  # mentioned in
    negated: URIRef  # negated
    origin: URIRef  # origin
    participant: URIRef  # participant
    purpose: URIRef  # purpose
    recipient: URIRef  # recipient
    recordField: URIRef  # record field
    recordKind: URIRef  # record kind
    rejected: URIRef  # rejected
    role: URIRef  # role
    routeTo: URIRef  # route to
    sha256: URIRef  # SHA-256
    shortcut: URIRef  # shortcut
    shortcutObject: URIRef  # shortcut object
    shortcutSubject: URIRef  # shortcut subject
    source: URIRef  # source
    start: URIRef  # start
    statedDate: URIRef  # stated date
    transit: URIRef  # transit
    victimGroup: URIRef  # victim group


TGR = Namespace("https://w3id.org/tipgraph/resource/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")

# The classes an entity node can have and the kinds of relation records, from the ontology.
EntityClass = Literal[
    "Agency",
    "City",
    "Country",
    "InternationalOrganization",
    "NGO",
    "Official",
    "Person",
    "Province",
    "Region",
]
RelationKindName = Literal[
    "cooperation",
    "funding",
    "route",
]
