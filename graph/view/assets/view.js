/* tipgraph network view. Every string from the documents is written with
 * textContent / text nodes: nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("tipgraph-data").textContent);
  var meta = data.meta, styles = data.styles;
  var nodeRows = data.nodes, edgeRows = data.edges;
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
  function relationStyle(relation) { return styles.relations[relation] || styles.fallback_relation; }
  function humanise(word) { return String(word).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase(); }
  function truncate(text, length) { return text.length > length ? text.slice(0, length - 1) + "…" : text; }

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
    line.setAttribute("stroke", style.colour); line.setAttribute("stroke-width", "2.5");
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
  function nodeSize(row) {
    var weight = row.mentions || row.degree || 1;
    return Math.min(12 + 5 * Math.sqrt(weight - 1), 48);
  }
  function nodeColour(row, faded) {
    var colour = classStyle(row.cls).colour;
    if (faded) return { background: "#eeeeee", border: "#dddddd" };
    return { background: colour, border: "#333333", highlight: { background: colour, border: "#000000" }, hover: { background: colour, border: "#000000" } };
  }
  function visNode(row) {
    return {
      id: row.id,
      label: truncate(row.label, 40),
      title: row.label + "\n" + classStyle(row.cls).label + (row.aliases.length ? "\nalso: " + truncate(row.aliases.join("; "), 160) : ""),
      shape: classStyle(row.cls).shape,
      size: nodeSize(row),
      color: nodeColour(row, false),
      font: { color: "#222222" },
      x: meta.layout === "geo" && row.gx !== undefined ? row.gx : row.x,
      y: meta.layout === "geo" && row.gy !== undefined ? row.gy : row.y
    };
  }
  function edgeLook(row) {
    var style = relationStyle(row.relation);
    var negatedOnly = row.statements.every(function (s) { return s.negated; });
    var colour = negatedOnly ? styles.negated.colour : style.colour;
    return {
      // in a big graph the selected neighbourhood must stand out of thousands of lines
      color: { color: colour, highlight: meta.large ? "#111111" : colour, hover: colour, opacity: 1 },
      dashes: negatedOnly ? styles.negated.dashes : style.dashes,
      arrows: { to: { enabled: !!style.arrow, scaleFactor: 0.7 } }
    };
  }
  function visEdge(row) {
    var look = edgeLook(row);
    var n = row.statements.length;
    return {
      id: row.id, from: row.from, to: row.to,
      width: 1.5 + 1.5 * Math.log2(n),
      color: look.color, dashes: look.dashes, arrows: look.arrows,
      title: relationStyle(row.relation).label + ": " + nodeRows[row.from].label + (relationStyle(row.relation).arrow ? " → " : " — ") + nodeRows[row.to].label + "\n" + n + (n === 1 ? " statement" : " statements") + " (click for the evidence)"
    };
  }

  var nodes = new vis.DataSet(nodeRows.map(visNode));
  var edges = new vis.DataSet(edgeRows.map(visEdge));
  var adjacency = nodeRows.map(function () { return []; });
  edgeRows.forEach(function (row) { adjacency[row.from].push(row.id); if (row.to !== row.from) adjacency[row.to].push(row.id); });

  // ------------------------------------------------------------ filters
  var nodeShown = new Uint8Array(nodeRows.length).fill(1);
  var edgeShown = new Uint8Array(edgeRows.length).fill(1);
  var nodesView = new vis.DataView(nodes, { filter: function (item) { return nodeShown[item.id] === 1; } });
  var edgesView = new vis.DataView(edges, { filter: function (item) { return edgeShown[item.id] === 1; } });
  var classBoxes = {}, relationBoxes = {};

  function counter(values) {
    var counts = {};
    values.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    return counts;
  }
  function buildFilters() {
    var classCounts = counter(nodeRows.map(function (r) { return r.cls; }));
    var classes = Object.keys(styles.classes).filter(function (c) { return classCounts[c]; });
    Object.keys(classCounts).forEach(function (c) { if (classes.indexOf(c) < 0) classes.push(c); });
    var groups = {};
    classes.forEach(function (c) { var g = classStyle(c).group; (groups[g] = groups[g] || []).push(c); });
    var box = byId("class-filters");
    Object.keys(styles.groups).forEach(function (group) {
      if (!groups[group]) return;
      box.append(el("h3", { className: "group", text: styles.groups[group] }));
      groups[group].forEach(function (cls) {
        var input = el("input", { type: "checkbox", "data-class": cls });
        input.checked = true;
        input.addEventListener("change", applyFilters);
        classBoxes[cls] = input;
        var style = classStyle(cls);
        box.append(el("label", { className: "row" }, input, shapeIcon(style.shape, style.colour), style === styles.fallback_class ? cls : style.label, el("span", { className: "count", text: String(classCounts[cls]) })));
      });
    });
    var relationCounts = {};
    edgeRows.forEach(function (r) { relationCounts[r.relation] = (relationCounts[r.relation] || 0) + r.statements.length; });
    var relBox = byId("relation-filters");
    var relations = Object.keys(styles.relations).concat(Object.keys(relationCounts).filter(function (r) { return !styles.relations[r]; }));
    relations.forEach(function (relation) {
      var input = el("input", { type: "checkbox", "data-relation": relation });
      input.checked = true;
      input.addEventListener("change", applyFilters);
      relationBoxes[relation] = input;
      var style = relationStyle(relation);
      relBox.append(el("label", { className: "row" }, input, lineIcon(style), styles.relations[relation] ? style.label : relation, el("span", { className: "count", text: String(relationCounts[relation] || 0) })));
    });
    relBox.append(el("label", { className: "row" }, lineIcon({ colour: styles.negated.colour, dashes: styles.negated.dashes }), styles.negated.label));
    var select = byId("document-filter");
    data.documents.forEach(function (doc) {
      select.append(el("option", { value: doc.name, text: doc.name + (doc.date ? " (" + doc.date + ")" : "") }));
    });
    var dates = [];
    edgeRows.forEach(function (r) { r.statements.forEach(function (s) { if (s.date) dates.push(s.date); }); });
    dates.sort();
    if (dates.length) {
      ["date-from", "date-to"].forEach(function (id) { byId(id).min = dates[0].slice(0, 10); byId(id).max = dates[dates.length - 1].slice(0, 10); });
    }
    ["document-filter", "date-from", "date-to", "undated", "hide-isolated"].forEach(function (id) { byId(id).addEventListener("change", applyFilters); });
    byId("reset").addEventListener("click", resetFilters);
  }
  function currentFilter() {
    var classes = {}, relations = {};
    Object.keys(classBoxes).forEach(function (c) { classes[c] = classBoxes[c].checked; });
    Object.keys(relationBoxes).forEach(function (r) { relations[r] = relationBoxes[r].checked; });
    return {
      classes: classes, relations: relations, document: byId("document-filter").value,
      from: byId("date-from").value, to: byId("date-to").value, undated: byId("undated").checked,
      hideIsolated: byId("hide-isolated").checked
    };
  }
  function statementShown(statement, filter) {
    if (filter.document && statement.document !== filter.document) return false;
    if (!statement.date) return filter.undated || (!filter.from && !filter.to);
    if (filter.from && statement.date.slice(0, 10) < filter.from) return false;
    if (filter.to && statement.date.slice(0, filter.to.length) > filter.to) return false;
    return true;
  }
  function applyFilters() {
    var filter = currentFilter();
    var base = new Uint8Array(nodeRows.length);
    nodeRows.forEach(function (row, i) {
      base[i] = filter.classes[row.cls] !== false && (!filter.document || row.documents.indexOf(filter.document) >= 0) ? 1 : 0;
    });
    var degree = new Uint32Array(nodeRows.length);
    edgeRows.forEach(function (row, i) {
      var shown = base[row.from] && base[row.to] && filter.relations[row.relation] !== false &&
        row.statements.some(function (s) { return statementShown(s, filter); });
      edgeShown[i] = shown ? 1 : 0;
      if (shown) { degree[row.from]++; degree[row.to]++; }
    });
    nodeRows.forEach(function (row, i) { nodeShown[i] = base[i] && (!filter.hideIsolated || degree[i] > 0) ? 1 : 0; });
    edgeRows.forEach(function (row, i) { if (!nodeShown[row.from] || !nodeShown[row.to]) edgeShown[i] = 0; });
    nodesView.refresh();
    edgesView.refresh();
    if (selectedNode !== null && !nodeShown[selectedNode]) clearSelection();
    else if (selectedNode !== null) highlight(selectedNode);
    updateStatus();
  }
  function resetFilters() {
    Object.keys(classBoxes).forEach(function (c) { classBoxes[c].checked = true; });
    Object.keys(relationBoxes).forEach(function (r) { relationBoxes[r].checked = true; });
    byId("document-filter").value = ""; byId("date-from").value = ""; byId("date-to").value = "";
    byId("undated").checked = true; byId("hide-isolated").checked = false;
    applyFilters();
  }
  function updateStatus() {
    var shownNodes = nodesView.length, shownEdges = edgesView.length;
    byId("status").textContent = shownNodes === nodeRows.length && shownEdges === edgeRows.length
      ? nodeRows.length + " nodes · " + meta.statement_edges + " relations"
      : "showing " + shownNodes + " of " + nodeRows.length + " nodes · " + shownEdges + " of " + edgeRows.length + " lines";
  }

  // ------------------------------------------------------------ network
  var container = byId("network");
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: { borderWidth: 1, borderWidthSelected: meta.large ? 4 : 2, font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" }, scaling: { label: { drawThreshold: 7 } } },
    edges: { smooth: meta.large ? false : { type: "continuous", roundness: 0.3 }, selectionWidth: meta.large ? 3 : 2, hoverWidth: 1 },
    interaction: { hover: !meta.large, tooltipDelay: 200, hideEdgesOnDrag: meta.large, hideEdgesOnZoom: meta.large, keyboard: false, multiselect: false },
    physics: meta.physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.012, springLength: 90, springConstant: 0.06, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: meta.physics_iterations, updateInterval: 50, fit: true }
    } : { enabled: false }
  };
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  var firstDraw = null, readyAt = null;

  var settled = !meta.physics;
  function markReady() {
    if (readyAt !== null || firstDraw === null || !settled) return;
    readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
    updateStatus();
  }
  network.once("afterDrawing", function () {
    firstDraw = performance.now();
    markReady();
  });
  if (meta.physics) {
    network.once("stabilizationIterationsDone", function () {
      // The layout has settled: stop the simulation so nothing keeps moving.
      network.setOptions({ physics: { enabled: false } });
      settled = true;
      markReady();
    });
    byId("status").textContent = "Laying out…";
  }

  // ------------------------------------------------------------ layouts
  var hasMap = nodeRows.some(function (r) { return r.gx !== undefined; });
  var located = { ids: [], bounds: { west: 180, east: -180, south: 90, north: -90 } };
  nodeRows.forEach(function (r) {
    if (r.lat === null || r.lat === undefined) return;
    located.ids.push(r.id);
    located.bounds.west = Math.min(located.bounds.west, r.long); located.bounds.east = Math.max(located.bounds.east, r.long);
    located.bounds.south = Math.min(located.bounds.south, r.lat); located.bounds.north = Math.max(located.bounds.north, r.lat);
  });
  function fitView(animation) {
    // On the map, frame the places that have coordinates; the rest sit around or under them.
    var shown = currentLayout === "geo" ? located.ids.filter(function (id) { return nodeShown[id]; }) : [];
    network.fit(shown.length > 1 ? { nodes: shown, animation: animation } : { animation: animation });
  }
  var currentLayout = meta.layout === "geo" && hasMap ? "geo" : "force";
  var forcePositions = null;
  function setLayout(name) {
    if (name === currentLayout || (name === "geo" && !hasMap)) return;
    if (meta.physics) {
      network.stopSimulation();
      network.setOptions({ physics: { enabled: false } });
      settled = true;
      markReady();
    }
    if (currentLayout === "force") forcePositions = network.getPositions();
    var updates = nodeRows.map(function (row) {
      if (name === "geo") return { id: row.id, x: row.gx, y: row.gy };
      var p = forcePositions && forcePositions[row.id];
      return p ? { id: row.id, x: p.x, y: p.y } : { id: row.id, x: row.x, y: row.y };
    });
    nodes.update(updates);
    currentLayout = name;
    byId("layout-force").setAttribute("aria-pressed", String(name === "force"));
    byId("layout-geo").setAttribute("aria-pressed", String(name === "geo"));
    fitView(false);
  }
  byId("layout-force").addEventListener("click", function () { setLayout("force"); });
  byId("layout-geo").addEventListener("click", function () { setLayout("geo"); });
  byId("layout-force").setAttribute("aria-pressed", String(currentLayout === "force"));
  byId("layout-geo").setAttribute("aria-pressed", String(currentLayout === "geo"));
  if (!hasMap) { byId("layout-geo").disabled = true; byId("layout-geo").title = "No place in this graph has coordinates"; }
  byId("fit").addEventListener("click", function () { fitView({ duration: 300 }); });

  // A light graticule under the map layout, so arrows read against latitude and longitude.
  network.on("beforeDrawing", function (ctx) {
    if (currentLayout !== "geo" || !meta.projection) return;
    var p = meta.projection;
    var merc = function (lat) { lat = Math.max(Math.min(lat, 85), -85); return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI; };
    var xOf = function (lon) { return (lon - p.long0) * p.scale; };
    var yOf = function (lat) { return (p.y0 - merc(lat)) * p.scale; };
    var zoom = network.getScale();
    ctx.save();
    ctx.strokeStyle = "#e3e8ef"; ctx.fillStyle = "#9aa5b1"; ctx.lineWidth = 1 / zoom; ctx.font = (11 / zoom) + "px system-ui, sans-serif";
    var box = located.bounds, step = 10;
    var west = Math.floor(box.west / step) * step - step, east = Math.ceil(box.east / step) * step + step;
    var south = Math.max(Math.floor(box.south / step) * step - step, -80), north = Math.min(Math.ceil(box.north / step) * step + step, 80);
    for (var lon = west; lon <= east; lon += step) {
      ctx.beginPath(); ctx.moveTo(xOf(lon), yOf(north)); ctx.lineTo(xOf(lon), yOf(south)); ctx.stroke();
      ctx.fillText(Math.abs(lon) + "°" + (lon < 0 ? "W" : lon > 0 ? "E" : ""), xOf(lon) + 3 / zoom, yOf(south) - 3 / zoom);
    }
    for (var lat = south; lat <= north; lat += step) {
      ctx.beginPath(); ctx.moveTo(xOf(west), yOf(lat)); ctx.lineTo(xOf(east), yOf(lat)); ctx.stroke();
      ctx.fillText(Math.abs(lat) + "°" + (lat < 0 ? "S" : lat > 0 ? "N" : ""), xOf(west) + 3 / zoom, yOf(lat) - 3 / zoom);
    }
    ctx.restore();
  });

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
      var neighbours = Object.keys(keep).map(Number).filter(function (i) { return i !== id; });
      network.setSelection({ nodes: [id].concat(neighbours), edges: lines }, { unselectAll: true, highlightEdges: false });
      return;
    } else {
      nodes.update(nodeRows.map(function (row) { return { id: row.id, color: nodeColour(row, !keep[row.id]), font: { color: keep[row.id] ? "#222222" : "#bbbbbb" } }; }));
    }
    faded = true;
  }
  function unhighlight() {
    if (!faded) return;
    nodes.update(nodeRows.map(function (row) { return { id: row.id, color: nodeColour(row, false), font: { color: "#222222" } }; }));
    faded = false;
  }
  function clearSelection() {
    selectedNode = null;
    network.unselectAll();
    unhighlight();
    showHint();
  }
  byId("highlight").addEventListener("change", function () { if (selectedNode !== null) highlight(selectedNode); else unhighlight(); });

  function selectNode(id, focus) {
    if (!nodeShown[id]) resetFilters();
    selectedNode = id;
    network.selectNodes([id]);
    highlight(id);
    showNode(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
  }
  function selectEdge(id) {
    selectedNode = null;
    unhighlight();
    network.selectEdges([id]);
    showEdge(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else clearSelection();
  });

  // ------------------------------------------------------------ panel
  var panel = byId("panel");
  function fill(parent, children) {
    // append() would write a null as the text "null": leave absent parts out.
    parent.replaceChildren.apply(parent, children.filter(function (c) { return c !== null && c !== undefined; }));
  }
  function showHint() {
    panel.replaceChildren(el("p", { className: "hint", text: "Click a node for who or what it is and where it is mentioned; click a line for the sentences that state it." }));
  }
  function nodeLink(id, text) {
    return el("button", { type: "button", className: "link", onclick: function () { selectNode(id, true); } }, text);
  }
  function addField(list, term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    list.append(el("dt", { text: term }), el("dd", null, value));
  }
  function showNode(id) {
    var row = nodeRows[id], style = classStyle(row.cls);
    var fields = el("dl");
    addField(fields, "Country", row.country_label ? row.country_label + (row.country ? " (" + row.country + ")" : "") : row.country);
    addField(fields, "Located in", row.located_in !== null && row.located_in !== undefined ? nodeLink(row.located_in, row.located_in_label) : row.located_in_label);
    addField(fields, "Role", row.role);
    addField(fields, "Affiliation", row.affiliation !== null && row.affiliation !== undefined ? nodeLink(row.affiliation, row.affiliation_label) : row.affiliation_label);
    addField(fields, "Coordinates", row.lat !== null && row.lat !== undefined ? row.lat.toFixed(3) + ", " + row.long.toFixed(3) : null);
    addField(fields, "Mentions", String(row.mentions));
    var relations = el("ul");
    var LISTED = 200;  // a hub can have thousands of lines; the panel lists the first ones
    adjacency[id].slice(0, LISTED).forEach(function (edgeId) {
      var edge = edgeRows[edgeId], other = edge.from === id ? edge.to : edge.from;
      var direction = relationStyle(edge.relation).arrow ? (edge.from === id ? "→ " : "← ") : "— ";
      relations.append(el("li", null,
        el("button", { type: "button", className: "link", onclick: function () { selectEdge(edgeId); } }, relationStyle(edge.relation).label + " " + direction + nodeRows[other].label),
        " (" + edge.statements.length + ")"));
    });
    if (adjacency[id].length > LISTED) relations.append(el("li", { text: "and " + (adjacency[id].length - LISTED) + " more" }));
    fill(panel, [
      el("div", { className: "kind" }, shapeIcon(style.shape, style.colour), style === styles.fallback_class ? String(row.cls) : style.label),
      el("h2", { id: "panel-title", text: row.label }),
      el("div", { className: "iri", text: row.iri }),
      fields,
      row.aliases.length ? el("h3", { text: "Also called" }) : null,
      row.aliases.length ? el("ul", { className: "aliases" }, ...row.aliases.map(function (a) { return el("li", { text: a }); })) : null,
      el("h3", { text: "Mentioned in " + row.documents.length + (row.documents.length === 1 ? " document" : " documents") }),
      el("ul", { className: "documents" }, ...row.documents.map(function (d) { return el("li", { text: d }); })),
      el("h3", { text: "Relations (" + adjacency[id].length + ")" }),
      adjacency[id].length ? relations : el("p", { className: "hint", text: "No relation was extracted for it." })
    ]);
    panel.setAttribute("data-node", row.iri);
    panel.removeAttribute("data-edge");
  }
  function showEdge(id) {
    var edge = edgeRows[id], style = relationStyle(edge.relation);
    var list = el("div", { className: "statements" });
    edge.statements.forEach(function (s) {
      var details = el("div", { className: "meta" });
      var add = function (text) { details.append(el("span", { text: text })); };
      add(s.document || "unknown document");
      add(s.date || "undated");
      if (s.confidence !== null && s.confidence !== undefined) add("confidence " + Number(s.confidence).toFixed(2));
      if (s.amount) add("amount " + s.amount);
      if (s.purposes.length) add("purposes: " + s.purposes.map(humanise).join(", "));
      if (s.victims.length) add("victims: " + s.victims.map(humanise).join(", "));
      if (s.transit.length) add("via " + s.transit.join(", "));
      if (s.start !== null && s.start !== undefined) add("characters " + s.start + "–" + s.end);
      list.append(el("div", { className: "statement" + (s.negated ? " negated" : "") },
        s.negated ? el("span", { className: "badge", text: "negated" }) : null,
        el("blockquote", { className: "evidence", text: s.evidence || "" }),
        details));
    });
    fill(panel, [
      el("div", { className: "kind" }, lineIcon(style), style.label),
      el("h2", { id: "panel-title" }, nodeLink(edge.from, nodeRows[edge.from].label), style.arrow ? " → " : " — ", nodeLink(edge.to, nodeRows[edge.to].label)),
      el("h3", { text: edge.statements.length + (edge.statements.length === 1 ? " statement" : " statements") }),
      list
    ]);
    panel.setAttribute("data-edge", String(id));
    panel.removeAttribute("data-node");
  }

  // ------------------------------------------------------------ search
  var searchIndex = nodeRows.map(function (row) {
    return { id: row.id, names: [row.label].concat(row.aliases).map(function (n) { return n.toLowerCase(); }) };
  });
  function search(query) {
    query = query.trim().toLowerCase();
    if (!query) return [];
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = null;
      entry.names.forEach(function (name, i) {
        var rank = name === query ? 0 : name.indexOf(query) === 0 ? 1 : name.indexOf(query) >= 0 ? 2 : null;
        if (rank !== null && (best === null || rank < best.rank)) best = { rank: rank, name: i };
      });
      if (best) hits.push({ id: entry.id, rank: best.rank, alias: best.name > 0 ? nodeRows[entry.id].aliases[best.name - 1] : null });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || nodeRows[b.id].mentions - nodeRows[a.id].mentions || nodeRows[a.id].label.localeCompare(nodeRows[b.id].label); });
    return hits.slice(0, 15);
  }
  var searchBox = byId("search"), results = byId("search-results");
  function showResults() {
    var hits = search(searchBox.value);
    results.replaceChildren.apply(results, hits.map(function (hit) {
      var row = nodeRows[hit.id], style = classStyle(row.cls);
      return el("li", null, el("button", { type: "button", "data-node": row.iri, onclick: function () { pick(hit.id); } },
        shapeIcon(style.shape, style.colour), " ", row.label, hit.alias ? el("span", { className: "alias", text: "  (" + hit.alias + ")" }) : null));
    }));
    results.hidden = !hits.length;
    return hits;
  }
  function pick(id) {
    results.hidden = true;
    selectNode(id, true);
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { var hits = showResults(); if (hits.length) pick(hits[0].id); }
    else if (event.key === "Escape") { results.hidden = true; }
  });
  document.addEventListener("click", function (event) { if (!byId("search-box").contains(event.target)) results.hidden = true; });

  // ------------------------------------------------------------ start
  buildFilters();
  if (!meta.physics) fitView(false);
  showHint();
  updateStatus();
  if (meta.physics) byId("status").textContent = "Laying out…";

  // For tests, benchmarks and the curious: counts from the live data sets.
  window.tipgraph = {
    network: network,
    counts: function () {
      var statements = 0;
      edges.forEach(function (edge) { statements += edgeRows[edge.id].statements.length; });
      return { nodes: nodes.length, edges: statements, lines: edges.length, shownNodes: nodesView.length, shownLines: edgesView.length };
    },
    nodeId: function (iri) { for (var i = 0; i < nodeRows.length; i++) if (nodeRows[i].iri === iri) return i; return null; },
    selected: function () { return selectedNode === null ? null : nodeRows[selectedNode].iri; },
    edges: edgeRows,
    timing: function () { return { setup: started, firstDraw: firstDraw, ready: readyAt }; },
    selectNode: selectNode,
    selectEdge: selectEdge,
    setLayout: setLayout
  };
})();
