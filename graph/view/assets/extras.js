/* tipgraph network view: exports made in the page (PNG, SVG, CSV: no server, no request),
 * the timeline, the map's outlines and graticule, and the start (the last part of the
 * page's script; see view.js). */

// ------------------------------------------------------------ exports
function save(blob, name) {
  var link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}
function exportPng() {
  var source = container.querySelector("canvas");
  var canvas = document.createElement("canvas");
  canvas.width = source.width; canvas.height = source.height;
  var ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0);
  canvas.toBlob(function (blob) { save(blob, "tipgraph-view.png"); }, "image/png");
}
function svgElement(tag, attrs, text) {
  var node = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
  if (text !== undefined) node.textContent = text;
  return node;
}
function exportSvg() {
  var ids = nodesView.getIds(), positions = network.getPositions(ids);
  var xs = ids.map(function (id) { return positions[id].x; }), ys = ids.map(function (id) { return positions[id].y; });
  var pad = 80, left = Math.min.apply(null, xs.concat([0])) - pad, top = Math.min.apply(null, ys.concat([0])) - pad;
  var width = Math.max.apply(null, xs.concat([0])) + pad - left, height = Math.max.apply(null, ys.concat([0])) + pad - top;
  var svg = svgElement("svg", { xmlns: SVG, viewBox: [left, top, width, height].join(" "), width: Math.round(width), height: Math.round(height), "font-family": "sans-serif", "font-size": 14 });
  svg.append(svgElement("rect", { x: left, y: top, width: width, height: height, fill: "#ffffff" }));
  edgesView.getIds().forEach(function (id) {
    var row = edgeRows[id], style = lineStyle(row), a = positions[row.from], b = positions[row.to];
    if (!a || !b) return;
    var line = svgElement("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: style.colour, "stroke-width": row.tie ? style.width : 1.5 + 1.5 * Math.log2(Math.max(row.statements.length, 1)) });
    if (style.dashes) line.setAttribute("stroke-dasharray", Array.isArray(style.dashes) ? style.dashes.join(" ") : "5 3");
    svg.append(line);
  });
  ids.forEach(function (id) {
    var row = nodeRows[id], p = positions[id];
    var group = svgElement("g", {});
    group.append(svgElement("title", {}, row.label));
    group.append(svgElement("circle", { cx: p.x, cy: p.y, r: row.size, fill: classStyle(row.cls).colour, stroke: "#333333" }));
    group.append(svgElement("text", { x: p.x, y: p.y + row.size + 15, "text-anchor": "middle", fill: "#222222" }, truncate(row.label, 40)));
    svg.append(group);
  });
  save(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }), "tipgraph-view.svg");
}
function csvCell(value) {
  var text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}
function shownStatementRows() {
  var filter = currentFilter(), rows = [["relation", "from", "to", "statement", "document", "title", "date", "date stated", "document date", "confidence", "negated", "evidence"]];
  edgeRows.forEach(function (row) {
    if (!edgeShown[row.id]) return;
    row.statements.forEach(function (s) {
      if (!statementShown(s, filter)) return;
      rows.push([row.relation, nodeRows[row.from].label, nodeRows[row.to].label, s.statement, s.document, documentTitle(s.document), s.date, s.date_stated, s.document_date, s.confidence, s.negated, s.evidence]);
    });
  });
  return rows;
}
function exportCsv() {
  var text = shownStatementRows().map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  save(new Blob([text], { type: "text/csv" }), "tipgraph-statements.csv");
}
byId("export-png").addEventListener("click", exportPng);
byId("export-svg").addEventListener("click", exportSvg);
byId("export-csv").addEventListener("click", exportCsv);

// ------------------------------------------------------------ timeline
function buildTimeline() {
  var years = {}, seen = {};
  edgeRows.forEach(function (row) {
    row.statements.forEach(function (s) {
      if (!s.date || seen[s.statement]) return;
      seen[s.statement] = true;
      var year = Number(s.date.slice(0, 4));
      years[year] = (years[year] || 0) + 1;
    });
  });
  var keys = Object.keys(years).map(Number).sort(function (a, b) { return a - b; });
  var box = byId("timeline");
  if (!keys.length) { box.append(el("p", { className: "note", text: "No statement is dated." })); return; }
  var first = keys[0], last = keys[keys.length - 1], span = last - first + 1, most = Math.max.apply(null, keys.map(function (k) { return years[k]; }));
  var width = 200, height = 46, bar = width / span;
  var svg = svgElement("svg", { width: width, height: height + 14, viewBox: "0 0 " + width + " " + (height + 14), role: "img" });
  var brush = svgElement("rect", { x: 0, y: 0, width: 0, height: height, fill: "#1a5fb4", "fill-opacity": 0.18, id: "timeline-brush" });
  for (var year = first; year <= last; year++) {
    var h = years[year] ? Math.max(2, height * years[year] / most) : 0;
    var rect = svgElement("rect", { x: (year - first) * bar + 0.5, y: height - h, width: Math.max(bar - 1, 1), height: h, fill: "#7f8c9a", "data-year": year });
    rect.append(svgElement("title", {}, year + ": " + (years[year] || 0) + " statements"));
    svg.append(rect);
  }
  svg.append(brush);
  svg.append(svgElement("text", { x: 0, y: height + 12, "font-size": 10, fill: "#666" }, String(first)));
  svg.append(svgElement("text", { x: width, y: height + 12, "font-size": 10, fill: "#666", "text-anchor": "end" }, String(last)));
  box.append(svg);
  var yearAt = function (event) { var r = svg.getBoundingClientRect(); return first + Math.min(span - 1, Math.max(0, Math.floor((event.clientX - r.left) / bar))); };
  var anchor = null;
  function paint(a, b) { brush.setAttribute("x", String((Math.min(a, b) - first) * bar)); brush.setAttribute("width", String((Math.abs(b - a) + 1) * bar)); }
  svg.addEventListener("mousedown", function (event) { anchor = yearAt(event); paint(anchor, anchor); event.preventDefault(); });
  svg.addEventListener("mousemove", function (event) { if (anchor !== null) paint(anchor, yearAt(event)); });
  window.addEventListener("mouseup", function (event) {
    if (anchor === null) return;
    var end = yearAt(event), low = Math.min(anchor, end), high = Math.max(anchor, end);
    anchor = null;
    byId("date-from").value = low + "-01-01"; byId("date-to").value = high + "-12-31"; byId("undated").checked = false;
    applyFilters();
  });
  window.tipgraphTimeline = { clear: function () { brush.setAttribute("width", "0"); } };
}

// ------------------------------------------------------------ the map: outlines and graticule
var outlines = data.outlines || [];
network.on("beforeDrawing", function (ctx) {
  if (currentLayout !== "geo" || !meta.projection) return;
  var p = meta.projection;
  var merc = function (lat) { lat = Math.max(Math.min(lat, 85), -85); return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI; };
  var xOf = function (lon) { return (lon - p.long0) * p.scale; };
  var yOf = function (lat) { return (p.y0 - merc(lat)) * p.scale; };
  var zoom = network.getScale();
  ctx.save();
  ctx.lineWidth = 1 / zoom;
  ctx.fillStyle = "#f1efe8"; ctx.strokeStyle = "#c9c3b4";
  outlines.forEach(function (ring) {
    ctx.beginPath();
    for (var i = 0; i < ring.length; i += 2) { var x = xOf(ring[i]), y = yOf(ring[i + 1]); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); }
    ctx.closePath(); ctx.fill(); ctx.stroke();
  });
  var view = network.getViewPosition(), half = { x: container.clientWidth / 2 / zoom, y: container.clientHeight / 2 / zoom };
  var lonOf = function (x) { return x / p.scale + p.long0; };
  var latOf = function (y) { var m = p.y0 - y / p.scale; return (2 * Math.atan(Math.exp(m * Math.PI / 180)) - Math.PI / 2) * 180 / Math.PI; };
  var west = lonOf(view.x - half.x), east = lonOf(view.x + half.x), north = Math.min(latOf(view.y - half.y), 85), south = Math.max(latOf(view.y + half.y), -85);
  var step = [1, 2, 5, 10, 20, 30].find(function (s) { return (east - west) / s <= 12; }) || 30;
  ctx.strokeStyle = "#dfe4ea"; ctx.fillStyle = "#7b8794"; ctx.font = (11 / zoom) + "px system-ui, sans-serif";
  for (var lon = Math.ceil(west / step) * step; lon <= east; lon += step) {
    ctx.beginPath(); ctx.moveTo(xOf(lon), yOf(north)); ctx.lineTo(xOf(lon), yOf(south)); ctx.stroke();
    ctx.fillText(Math.abs(lon) + "°" + (lon < 0 ? "W" : lon > 0 ? "E" : ""), xOf(lon) + 3 / zoom, yOf(south) - 4 / zoom);
  }
  for (var lat = Math.ceil(south / step) * step; lat <= north; lat += step) {
    ctx.beginPath(); ctx.moveTo(xOf(west), yOf(lat)); ctx.lineTo(xOf(east), yOf(lat)); ctx.stroke();
    ctx.fillText(Math.abs(lat) + "°" + (lat < 0 ? "S" : lat > 0 ? "N" : ""), xOf(west) + 4 / zoom, yOf(lat) - 3 / zoom);
  }
  ctx.restore();
});

// ------------------------------------------------------------ start
buildFilters();
buildTimeline();
if (currentLayout === "geo") nodes.update(placeFor("geo"));
applyFilters("start");
fitView(false);
dashesForZoom();
showHint();

// For tests, benchmarks and the curious: counts from the live data sets.
window.tipgraph = {
  network: network,
  counts: function () {
    var shown = shownCounts(), all = statementCounts(edgeRows);
    return {
      nodes: nodes.length, statements: total(all), byRelation: all, lines: edges.length,
      shownNodes: shown.nodes, shownLines: shown.lines, shownStatements: shown.statements, shownByRelation: shown.byRelation,
      unrelated: unrelated.length
    };
  },
  nodeId: function (iri) { for (var i = 0; i < nodeRows.length; i++) if (nodeRows[i].iri === iri) return i; return null; },
  selected: function () { return selectedNode === null ? null : nodeRows[selectedNode].iri; },
  edges: edgeRows,
  nodes: nodeRows,
  shown: function () { return { nodes: Array.from(nodeShown), edges: Array.from(edgeShown) }; },
  timing: function () { return { setup: started, firstDraw: firstDraw, ready: readyAt, labels: labelTimes.slice() }; },
  selectNode: selectNode,
  selectEdge: selectEdge,
  objectAt: objectAtDOM,
  setLayout: setLayout,
  csvRows: shownStatementRows
};
