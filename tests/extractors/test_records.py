from tipgraph.extractors.pipeline import extract_text
from tipgraph.extractors.records import DocumentRecord


def test_a_document_record_round_trips_through_a_dict(nlp):
    text = (
        "The UN Children's Fund (UNICEF) is cooperating with the Ministry of Public Security. "
        "The Asia Foundation project, also funded by the USG, focuses on prevention of trafficking."
    )
    record = extract_text(nlp, text, "note.txt")
    assert record.entities and record.relations
    assert DocumentRecord.from_dict(record.to_dict()) == record
