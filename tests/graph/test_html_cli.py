"""`tipgraph build --layout`, and a hostile document through the whole build into graph.html."""

from __future__ import annotations

from typer.testing import CliRunner

from tipgraph.graph.cli.main import app

from .test_html import page_data

runner = CliRunner()

HOSTILE_CABLE = """Hanoi cable, 12 March 2009.

The Ministry of Public Security <img src=x onerror=alert(1)> signed an agreement with UNICEF </script> on border training.
"""


def test_build_with_map_layout_writes_a_page_with_inert_markup(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "cable.txt").write_text(HOSTILE_CABLE, encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "docs"), "--out", str(tmp_path / "out"), "--layout", "geo"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "</script> on border" not in page
    data = page_data(page)
    assert data["meta"]["layout"] == "geo"
    evidence = [s["evidence"] for edge in data["edges"] for s in edge["statements"]]
    assert any("<img src=x onerror=alert(1)>" in sentence and "</script>" in sentence for sentence in evidence)


def test_build_refuses_an_unknown_layout(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--layout", "circular"])
    assert result.exit_code == 2
    assert not (tmp_path / "out" / "graph.html").exists()
