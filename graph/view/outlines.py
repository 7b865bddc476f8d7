"""Country outlines under the map layout, vendored from Natural Earth (1:110m) by this script.

The outlines are ``assets/world-110m.json``: one flat list ``[long, lat, long,
lat, …]`` (degrees, rounded to 0.1°) per ring, decoded from the TopoJSON of the
npm package ``world-atlas`` (version 2.0.2, ISC licence; the data are Natural
Earth's, in the public domain). Its licence is ``assets/world-110m.LICENSE``.
The page draws them under the nodes; nothing is fetched at run time. To vendor
them again (needs ``npm``, reaches the npm registry)::

    python -m tipgraph.graph.view.outlines

>>> rings = world_outlines()
>>> len(rings) > 200 and all(len(ring) % 2 == 0 for ring in rings)
True
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from functools import cache
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
TOPOLOGY = "package/countries-110m.json"
ASSETS = Path(__file__).parent / "assets"
OUTLINES = ASSETS / "world-110m.json"


@cache
def world_outlines() -> list[list[float]]:
    """The vendored rings (each ``[long, lat, long, lat, …]``)."""
    return json.loads(OUTLINES.read_text(encoding="utf-8"))["rings"]


def _arc_points(topology: dict, index: int) -> list[tuple[float, float]]:
    """An arc's points in degrees (delta-decoded, untransformed); a negative index runs it backwards."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    x = y = 0
    points = []
    for dx, dy in topology["arcs"][index if index >= 0 else ~index]:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return points if index >= 0 else points[::-1]


def _unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian goes on past ±180° instead of jumping across the map."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in points:
        if out and abs(lon + shift - out[-1][0]) > 180:
            shift += 360.0 if out[-1][0] > lon + shift else -360.0
        out.append((lon + shift, lat))
    return out


def topojson_rings(topology: dict, name: str) -> list[list[float]]:
    """Every polygon ring of the object ``name`` as a flat, rounded ``[long, lat, …]`` list."""
    rings = []
    for geometry in topology["objects"][name]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry.get("arcs", [])]
        for polygon in polygons:
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for arc in ring:
                    points.extend(_arc_points(topology, arc)[1 if points else 0 :])
                flat = [round(value, 1) for point in _unwrapped(points) for value in point]
                if len(flat) >= 6:
                    rings.append(flat)
    return rings


def vendor() -> None:
    """Fetch the package with ``npm pack``, decode its countries and write the asset and its licence."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, capture_output=True)
        [tarball] = Path(folder).glob("*.tgz")
        with tarfile.open(tarball) as archive:
            topology = json.load(archive.extractfile(TOPOLOGY))  # type: ignore[arg-type]
            licence = archive.extractfile("package/LICENSE").read().decode("utf-8")  # type: ignore[union-attr]
    rings = topojson_rings(topology, "countries")
    source = f"npm {PACKAGE} ({TOPOLOGY}): Natural Earth 1:110m admin-0 countries, public domain; packaging ISC"
    OUTLINES.write_text(json.dumps({"source": source, "rings": rings}, separators=(",", ":")) + "\n", encoding="utf-8")
    (ASSETS / "world-110m.LICENSE").write_text(
        f"{source}\n\nThe world-atlas package's licence:\n\n{licence}", encoding="utf-8"
    )
    print(f"wrote {OUTLINES} ({len(rings)} rings, {OUTLINES.stat().st_size:,} bytes)")


if __name__ == "__main__":
    vendor()
