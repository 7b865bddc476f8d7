from tipgraph.extractors.pipeline import extract_text
from tipgraph.extractors.records import DocumentRecord


def test_a_document_record_round_trips_through_a_dict(nlp):
    text = (
        "The UN Children's Fund (UNICEF) is working with the Ministry of Labour. "
        "The World Vision project, also funded by the USG, targets school dropouts."
    )
    record = extract_text(nlp, text, "note.txt")
    assert record.entities and record.relations
    assert DocumentRecord.from_dict(record.to_dict()) == record
