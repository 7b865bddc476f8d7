/* tipgraph network view: data, drawing, filters, layouts and selection. The page runs
 * view.js, panel.js and extras.js as one script (html.py joins them in one function).
 * Every string from the documents is written with textContent / text nodes: nothing
 * from the data is ever parsed as HTML. */
"use strict";
var started = performance.now();
var data = JSON.parse(document.getElementById("tipgraph-data").textContent);
var visOptions = JSON.parse(document.getElementById("tipgraph-options").textContent);
var meta = data.meta, styles = data.styles;
var nodeRows = data.nodes, edgeRows = data.edges;
var documentsByName = {};
data.documents.forEach(function (doc) { documentsByName[doc.name] = doc; });
var SVG = "http://www.w3.org/2000/svg";  // a namespace name, not a request

// ------------------------------------------------------------ helpers
function el(tag, props) {
  var node = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else if (key === "onclick") node.addEventListener("click", props[key]);
      else node.setAttribute(key, props[key]);
    });
  }
  for (var i = 2; i < arguments.length; i++) {
    var child = arguments[i];
    if (child === null || child === undefined) continue;
    node.append(child);  // strings become text nodes
  }
  return node;
}
function byId(id) { return document.getElementById(id); }
function classStyle(cls) { return styles.classes[cls] || styles.fallback_class; }
function lineStyle(row) { return row.tie ? (styles.ties[row.relation] || styles.fallback_relation) : (styles.relations[row.relation] || styles.fallback_relation); }
function humanise(word) { return String(word).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase(); }
function truncate(text, length) { return text.length > length ? text.slice(0, length - 1) + "…" : text; }
function documentTitle(name) { var doc = documentsByName[name]; return (doc && doc.title) || name; }

function shapeIcon(shape, colour) {
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("viewBox", "0 0 14 14");
  var figure;
  var polygons = {
    diamond: "7,1 13,7 7,13 1,7", triangle: "7,1 13,12 1,12", triangleDown: "1,2 13,2 7,13",
    hexagon: "4,1 10,1 13,7 10,13 4,13 1,7", star: "7,0.5 8.8,5 13.5,5.2 9.8,8.2 11,13 7,10.3 3,13 4.2,8.2 0.5,5.2 5.2,5",
    square: "2,2 12,2 12,12 2,12"
  };
  if (polygons[shape]) { figure = document.createElementNS(SVG, "polygon"); figure.setAttribute("points", polygons[shape]); }
  else { figure = document.createElementNS(SVG, "circle"); figure.setAttribute("cx", "7"); figure.setAttribute("cy", "7"); figure.setAttribute("r", "5.5"); }
  figure.setAttribute("fill", colour); figure.setAttribute("stroke", "#333"); figure.setAttribute("stroke-width", "0.6");
  svg.appendChild(figure);
  return svg;
}
function lineIcon(style) {
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "28"); svg.setAttribute("height", "10"); svg.setAttribute("viewBox", "0 0 28 10");
  var line = document.createElementNS(SVG, "line");
  line.setAttribute("x1", "1"); line.setAttribute("y1", "5"); line.setAttribute("x2", style.arrow ? "21" : "27"); line.setAttribute("y2", "5");
  line.setAttribute("stroke", style.colour); line.setAttribute("stroke-width", String(style.width || 2.5));
  if (style.dashes) line.setAttribute("stroke-dasharray", Array.isArray(style.dashes) ? style.dashes.join(" ") : "5 3");
  svg.appendChild(line);
  if (style.arrow) {
    var head = document.createElementNS(SVG, "polygon");
    head.setAttribute("points", "20,1 27,5 20,9"); head.setAttribute("fill", style.colour);
    svg.appendChild(head);
  }
  return svg;
}

// ------------------------------------------------------------ vis data
function nodeColour(row, faded) {
  var colour = classStyle(row.cls).colour;
  if (faded) return { background: "#eeeeee", border: "#dddddd" };
  return { background: colour, border: "#333333", highlight: { background: colour, border: "#000000" }, hover: { background: colour, border: "#000000" } };
}
function searchDetail(row) {
  var style = classStyle(row.cls);
  return (style === styles.fallback_class ? String(row.cls) : style.label) + (row.country_label && row.cls !== "Country" ? ", " + row.country_label : "");
}
function visNode(row) {
  var place = Math.max(labelPlace[row.id], 0);
  return {
    id: row.id,
    label: labelPlace[row.id] < 0 ? "" : labelText(row, place),
    title: row.label + "\n" + searchDetail(row) + (row.aliases.length ? "\nalso: " + truncate(row.aliases.join("; "), 160) : ""),
    shape: classStyle(row.cls).shape,
    size: row.size,
    color: nodeColour(row, false),
    // Labels grow with the node: zooming in names the most mentioned first, the rest
    // once there is room (vis-network draws a label from 12 px on screen).
    font: { color: "#222222", size: labelFont(row, place), vadjust: labelShift(row, place) },
    x: row.x === undefined ? 0 : row.x,
    y: row.y === undefined ? 0 : row.y
  };
}
function visEdge(row) {
  var style = lineStyle(row);
  var n = row.statements.length;
  var negatedOnly = n > 0 && row.statements.every(function (s) { return s.negated; });
  var colour = negatedOnly ? styles.negated.colour : style.colour;
  var ends = nodeRows[row.from].label + (style.arrow ? " → " : " — ") + nodeRows[row.to].label;
  return {
    id: row.id, from: row.from, to: row.to,
    width: row.tie ? style.width : 1.5 + 1.5 * Math.log2(n),
    color: { color: colour, highlight: meta.large ? "#111111" : colour, hover: colour, opacity: 1 },
    dashes: negatedOnly ? styles.negated.dashes : style.dashes,
    arrows: { to: { enabled: !!style.arrow, scaleFactor: row.tie ? 0.4 : 0.7 } },
    title: style.label + ": " + ends + (row.tie ? "" : "\n" + n + (n === 1 ? " statement" : " statements") + " (click for the evidence)")
  };
}

// Two or more lines between one pair (a route and a tie, say) would be drawn on top of
// each other: the second and later ones bend, each a little more.
var parallel = {};
function bendOf(row) {
  var key = Math.min(row.from, row.to) + "-" + Math.max(row.from, row.to);
  var rank = parallel[key] = (parallel[key] || 0) + 1;
  if (rank === 1) return false;
  // curvedCW bends to the right of from -> to: flip it for lines drawn the other way
  var clockwise = (rank % 2 === 0) === (row.from < row.to);
  return { enabled: true, type: clockwise ? "curvedCW" : "curvedCCW", roundness: 0.18 * Math.ceil((rank - 1) / 2) };
}
var labelPlace = firstLabelPlaces();
var nodes = new vis.DataSet(nodeRows.map(visNode));
var edges = new vis.DataSet(edgeRows.map(function (row) { var edge = visEdge(row); edge.smooth = bendOf(row); return edge; }));
var adjacency = nodeRows.map(function () { return []; });
edgeRows.forEach(function (row) { adjacency[row.from].push(row.id); if (row.to !== row.from) adjacency[row.to].push(row.id); });

// ------------------------------------------------------------ filters
var nodeShown = new Uint8Array(nodeRows.length);
var edgeShown = new Uint8Array(edgeRows.length);
var unrelated = [];  // node ids that pass the filters but have no shown line
var nodesView = new vis.DataView(nodes, { filter: function (item) { return nodeShown[item.id] === 1; } });
var edgesView = new vis.DataView(edges, { filter: function (item) { return edgeShown[item.id] === 1; } });
var classBoxes = {}, relationBoxes = {}, tieBoxes = {};

function statementCounts(rows, keep) {
  // Distinct statements: a cooperation of three actors is one statement on three lines.
  var seen = {}, counts = {};
  rows.forEach(function (row) {
    row.statements.forEach(function (s) {
      if (seen[s.statement] || (keep && !keep(s))) return;
      seen[s.statement] = true;
      counts[row.relation] = (counts[row.relation] || 0) + 1;
    });
  });
  return counts;
}
function total(counts) { return Object.keys(counts).reduce(function (sum, key) { return sum + counts[key]; }, 0); }
function checkRow(box, input, icon, text, count) {
  input.checked = true;
  input.addEventListener("change", applyFilters);
  box.append(el("label", { className: "row" }, input, icon, text, count === null ? null : el("span", { className: "count", text: String(count) })));
}
function buildFilters() {
  var classCounts = {};
  nodeRows.forEach(function (r) { classCounts[r.cls] = (classCounts[r.cls] || 0) + 1; });
  var classes = Object.keys(styles.classes).filter(function (c) { return classCounts[c]; });
  Object.keys(classCounts).forEach(function (c) { if (classes.indexOf(c) < 0) classes.push(c); });
  var groups = {};
  classes.forEach(function (c) { var g = classStyle(c).group; (groups[g] = groups[g] || []).push(c); });
  var box = byId("class-filters");
  Object.keys(styles.groups).forEach(function (group) {
    if (!groups[group]) return;
    box.append(el("h3", { className: "group", text: styles.groups[group] }));
    groups[group].forEach(function (cls) {
      var style = classStyle(cls);
      classBoxes[cls] = el("input", { type: "checkbox", "data-class": cls });
      checkRow(box, classBoxes[cls], shapeIcon(style.shape, style.colour), style === styles.fallback_class ? cls : style.label, classCounts[cls]);
    });
  });
  var relationCounts = statementCounts(edgeRows);
  var relBox = byId("relation-filters");
  var relations = Object.keys(styles.relations).concat(Object.keys(relationCounts).filter(function (r) { return !styles.relations[r]; }));
  relations.forEach(function (relation) {
    relationBoxes[relation] = el("input", { type: "checkbox", "data-relation": relation });
    checkRow(relBox, relationBoxes[relation], lineIcon(lineStyle({ relation: relation })), styles.relations[relation] ? styles.relations[relation].label : relation, relationCounts[relation] || 0);
  });
  relBox.append(el("label", { className: "row" }, lineIcon({ colour: styles.negated.colour, dashes: styles.negated.dashes }), styles.negated.label));
  var tieCounts = {};
  edgeRows.forEach(function (r) { if (r.tie) tieCounts[r.relation] = (tieCounts[r.relation] || 0) + 1; });
  Object.keys(styles.ties).forEach(function (tie) {
    tieBoxes[tie] = el("input", { type: "checkbox", "data-tie": tie });
    checkRow(byId("tie-filters"), tieBoxes[tie], lineIcon(styles.ties[tie]), styles.ties[tie].label, tieCounts[tie] || 0);
  });
  var select = byId("document-filter");
  data.documents.forEach(function (doc) {
    select.append(el("option", { value: doc.name, title: doc.name, text: truncate(doc.title || doc.name, 60) + (doc.date ? " (" + doc.date.slice(0, 10) + ")" : "") }));
  });
  ["document-filter", "date-from", "date-to", "undated", "hide-isolated"].forEach(function (id) { byId(id).addEventListener("change", applyFilters); });
  byId("reset").addEventListener("click", resetFilters);
}
function currentFilter() {
  var pick = function (boxes) { var out = {}; Object.keys(boxes).forEach(function (k) { out[k] = boxes[k].checked; }); return out; };
  return {
    classes: pick(classBoxes), relations: pick(relationBoxes), ties: pick(tieBoxes), document: byId("document-filter").value,
    from: byId("date-from").value, to: byId("date-to").value, undated: byId("undated").checked,
    hideIsolated: byId("hide-isolated").checked
  };
}
function statementShown(statement, filter) {
  if (filter.document && statement.document !== filter.document) return false;
  if (!statement.date) return filter.undated || (!filter.from && !filter.to);
  // a date a sentence states can be a year or a month: it is shown where its span meets the range
  var n = Math.min(statement.date.length, 10), date = statement.date.slice(0, n);
  if (filter.from && date < filter.from.slice(0, n)) return false;
  if (filter.to && date > filter.to.slice(0, n)) return false;
  return true;
}
function lineShown(row, filter) {
  if (row.tie) return filter.ties[row.relation] !== false;
  return filter.relations[row.relation] !== false && row.statements.some(function (s) { return statementShown(s, filter); });
}
function applyFilters(event) {
  var filter = currentFilter();
  var geo = currentLayout === "geo";
  var base = new Uint8Array(nodeRows.length);
  nodeRows.forEach(function (row, i) {
    base[i] = filter.classes[row.cls] !== false && (!filter.document || row.documents.indexOf(filter.document) >= 0) && (!geo || row.gx !== undefined) ? 1 : 0;
  });
  var degree = new Uint32Array(nodeRows.length);
  edgeRows.forEach(function (row, i) {
    var shown = base[row.from] && base[row.to] && lineShown(row, filter);
    edgeShown[i] = shown ? 1 : 0;
    if (shown) { degree[row.from]++; degree[row.to]++; }
  });
  unrelated = [];
  nodeRows.forEach(function (row, i) {
    // On the map a place stands where it is, line or not.
    var placed = geo && row.lat !== null && row.lat !== undefined;
    nodeShown[i] = base[i] && (!filter.hideIsolated || degree[i] > 0 || placed) ? 1 : 0;
    if (base[i] && degree[i] === 0 && !placed) unrelated.push(i);
  });
  if (!geo && event !== "start") repack();
  nodesView.refresh();
  edgesView.refresh();
  // the first view's labels were placed with the nodes' data (the nodes with a line, as shown)
  if (event !== "start" || geo) placeLabels();
  if (selectedNode !== null && !nodeShown[selectedNode]) clearSelection();
  else if (selectedNode !== null) highlight(selectedNode);
  if (event !== "start") fitView(false);
  showUnrelated();
  updateStatus();
}
function resetFilters() {
  [classBoxes, relationBoxes, tieBoxes].forEach(function (boxes) { Object.keys(boxes).forEach(function (k) { boxes[k].checked = true; }); });
  byId("document-filter").value = ""; byId("date-from").value = ""; byId("date-to").value = "";
  byId("undated").checked = true; byId("hide-isolated").checked = true;
  if (window.tipgraphTimeline) window.tipgraphTimeline.clear();
  applyFilters();
}
function shownCounts() {
  var filter = currentFilter();
  var statements = statementCounts(edgeRows.filter(function (row) { return edgeShown[row.id]; }), function (s) { return statementShown(s, filter); });
  return { nodes: nodesView.length, lines: edgesView.length, statements: total(statements), byRelation: statements };
}
function updateStatus() {
  var shown = shownCounts();
  byId("status").textContent = shown.nodes + " nodes · " + shown.statements + " statements on " + shown.lines + " lines" +
    (unrelated.length && byId("hide-isolated").checked ? " · " + unrelated.length + " listed apart" : "");
}

// ------------------------------------------------------------ packing (the same shelf packing as layout.py)
var COMPONENT_GAP = 70, SHAPE_REACH = 1.15;
function repack() {
  var parent = new Int32Array(nodeRows.length).map(function (_, i) { return i; });
  var find = function (i) { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
  edgeRows.forEach(function (row) { if (edgeShown[row.id]) parent[find(row.from)] = find(row.to); });
  var groups = {};
  nodeRows.forEach(function (row) { if (nodeShown[row.id]) (groups[find(row.id)] = groups[find(row.id)] || []).push(row); });
  var boxes = Object.keys(groups).map(function (key) {
    var members = groups[key], box = { members: members, left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    members.forEach(function (row) {
      var x = row.x || 0, y = row.y || 0, r = row.size * SHAPE_REACH;
      box.left = Math.min(box.left, x - r); box.right = Math.max(box.right, x + r);
      box.top = Math.min(box.top, y - r); box.bottom = Math.max(box.bottom, y + r);
    });
    box.width = box.right - box.left; box.height = box.bottom - box.top;
    return box;
  });
  var area = boxes.reduce(function (sum, b) { return sum + (b.width + COMPONENT_GAP) * (b.height + COMPONENT_GAP); }, 0);
  var rowWidth = Math.max.apply(null, [Math.sqrt(area * 1.4)].concat(boxes.map(function (b) { return b.width; })));
  boxes.sort(function (a, b) { return b.height - a.height || b.width - a.width || a.members[0].id - b.members[0].id; });
  var x = 0, y = 0, rowHeight = 0, updates = [];
  boxes.forEach(function (box) {
    if (x > 0 && x + box.width > rowWidth) { x = 0; y += rowHeight + COMPONENT_GAP; rowHeight = 0; }
    box.members.forEach(function (row) { updates.push({ id: row.id, x: (row.x || 0) - box.left + x, y: (row.y || 0) - box.top + y }); });
    x += box.width + COMPONENT_GAP;
    rowHeight = Math.max(rowHeight, box.height);
  });
  nodes.update(updates);
}

// ------------------------------------------------------------ network
var container = byId("network");
var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, visOptions);
var firstDraw = null, readyAt = null;
network.once("afterDrawing", function () {
  firstDraw = performance.now();
  readyAt = performance.now();
  document.body.setAttribute("data-ready", "true");
});
// Dashed lines cost five times as much to draw as solid ones: in a big graph seen from
// far (where dashes cannot be told apart anyway) lines are drawn solid until one zooms in.
var DASH_ZOOM = 0.5, dashed = true;
function setDashes(on) {
  if (on === dashed) return;
  dashed = on;
  edges.update(edgeRows.filter(function (row) { return visEdge(row).dashes; }).map(function (row) { return { id: row.id, dashes: on ? visEdge(row).dashes : false }; }));
}
function dashesForZoom() { if (meta.large) setDashes(network.getScale() >= DASH_ZOOM); }
network.on("zoom", dashesForZoom);
network.on("animationFinished", dashesForZoom);

// ------------------------------------------------------------ layouts
var hasMap = nodeRows.some(function (r) { return r.gx !== undefined; });
function fitView(animation) {
  network.fit({ animation: animation });
}
var currentLayout = meta.layout === "geo" && hasMap ? "geo" : "force";
function placeFor(name) {
  return nodeRows.map(function (row) {
    if (name === "geo") return { id: row.id, x: row.gx === undefined ? 0 : row.gx, y: row.gy === undefined ? 0 : row.gy };
    return { id: row.id, x: row.x === undefined ? 0 : row.x, y: row.y === undefined ? 0 : row.y };
  });
}
function setLayout(name) {
  if (name === currentLayout || (name === "geo" && !hasMap)) return;
  nodes.update(placeFor(name));
  currentLayout = name;
  byId("layout-force").setAttribute("aria-pressed", String(name === "force"));
  byId("layout-geo").setAttribute("aria-pressed", String(name === "geo"));
  applyFilters();
}
byId("layout-force").addEventListener("click", function () { setLayout("force"); });
byId("layout-geo").addEventListener("click", function () { setLayout("geo"); });
byId("layout-force").setAttribute("aria-pressed", String(currentLayout === "force"));
byId("layout-geo").setAttribute("aria-pressed", String(currentLayout === "geo"));
if (!hasMap) { byId("layout-geo").disabled = true; byId("layout-geo").title = "No place in this graph has coordinates"; }
byId("fit").addEventListener("click", function () { fitView({ duration: 300 }); });

// ------------------------------------------------------------ selection & neighbourhood
var selectedNode = null, faded = false;
function highlight(id) {
  if (!byId("highlight").checked) { unhighlight(); network.selectNodes([id]); return; }
  var keep = {}, lines = [];
  keep[id] = true;
  adjacency[id].forEach(function (edgeId) {
    if (!edgeShown[edgeId]) return;
    lines.push(edgeId);
    keep[edgeRows[edgeId].from] = true; keep[edgeRows[edgeId].to] = true;
  });
  if (meta.large) {
    // Restyling thousands of nodes costs a long update: mark the neighbourhood
    // as vis-network's selection instead (drawn highlighted, no data change).
    var neighbours = Object.keys(keep).map(Number).filter(function (i) { return i !== id && nodeShown[i]; });
    network.setSelection({ nodes: [id].concat(neighbours), edges: lines }, { unselectAll: true, highlightEdges: false });
    return;
  }
  nodes.update(nodeRows.map(function (row) { return { id: row.id, color: nodeColour(row, !keep[row.id]), font: { color: keep[row.id] ? "#222222" : "#bbbbbb" } }; }));
  faded = true;
}
function unhighlight() {
  if (!faded) return;
  nodes.update(nodeRows.map(function (row) { return { id: row.id, color: nodeColour(row, false), font: { color: "#222222" } }; }));
  faded = false;
}
function clearSelection() {
  labelForSelection(selectedNode, null);
  selectedNode = null;
  network.unselectAll();
  unhighlight();
  showHint();
}
byId("highlight").addEventListener("change", function () { if (selectedNode !== null) highlight(selectedNode); else unhighlight(); });

function selectNode(id, focus) {
  var onCanvas = nodeShown[id] === 1;
  if (!onCanvas && unrelated.indexOf(id) < 0) { resetFilters(); onCanvas = nodeShown[id] === 1; }
  labelForSelection(selectedNode, id);
  selectedNode = id;
  showNode(id);
  if (!onCanvas) { network.unselectAll(); unhighlight(); return; }  // listed apart: the panel only
  network.selectNodes([id]);
  highlight(id);
  if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
}
function selectEdge(id) {
  labelForSelection(selectedNode, null);
  selectedNode = null;
  unhighlight();
  network.selectEdges([id]);
  showEdge(id);
}
// A line's midpoint is its handle: a click within a few pixels of it picks that line.
// vis-network alone gives a click to the node under it, else to the nearest line within
// 10 canvas units, so in a dense view seen from far a line crossing near another's
// midpoint (or a node's disc reaching it) takes the click. The handle is capped in
// canvas units: the layout keeps other nodes that far from a midpoint.
var HANDLE_PX = 5, HANDLE_MAX = 12;
function lineAtMidpoint(point) {
  var reach = Math.min(HANDLE_PX / network.getScale(), HANDLE_MAX), best = null;
  network.body.edgeIndices.forEach(function (id) {
    var edge = network.body.edges[id];
    if (!edge.connected) return;
    var middle = edge.edgeType.getPoint(0.5), distance = Math.hypot(middle.x - point.x, middle.y - point.y);
    if (distance < reach) { best = id; reach = distance; }
  });
  return best;
}
// What a click at this canvas point selects: {edge} at a line's handle, else vis-network's pick.
function objectAt(point, nodeHit, edgeHit) {
  var handle = lineAtMidpoint(point);
  if (handle !== null) return { edge: handle };
  if (nodeHit !== undefined) return { node: nodeHit };
  if (edgeHit !== undefined) return { edge: edgeHit };
  return null;
}
function objectAtDOM(dom) {
  return objectAt(network.DOMtoCanvas(dom), network.getNodeAt(dom), network.getEdgeAt(dom));
}
network.on("click", function (params) {
  var hit = objectAt(params.pointer.canvas, params.nodes[0], params.edges[0]);
  if (hit && hit.node !== undefined) selectNode(hit.node, false);
  else if (hit) selectEdge(hit.edge);
  else clearSelection();
});
