/* tipgraph network view: the details panel, the document reader, search and the list of
 * nodes without a line (the second part of the page's script; see view.js). */

// ------------------------------------------------------------ panel
var panel = byId("panel");
function fill(parent, children) {
  // append() would write a null as the text "null": leave absent parts out.
  parent.replaceChildren.apply(parent, children.filter(function (c) { return c !== null && c !== undefined; }));
}
function showHint() {
  panel.replaceChildren(el("p", { className: "hint", text: "Click a node for who or what it is and where it is mentioned; click a line for the sentences that state it." }));
  panel.removeAttribute("data-node");
  panel.removeAttribute("data-edge");
}
function nodeLink(id, text) {
  return el("button", { type: "button", className: "link", onclick: function () { selectNode(id, true); } }, text);
}
function documentLabel(name) {
  return el("span", { className: "document", title: name, text: documentTitle(name) });
}
function addField(list, term, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
  list.append(el("dt", { text: term }), el("dd", null, value));
}
function relationList(id) {
  var relations = el("ul");
  var LISTED = 200;  // a hub can have thousands of lines; the panel lists the first ones
  adjacency[id].slice(0, LISTED).forEach(function (edgeId) {
    var edge = edgeRows[edgeId], other = edge.from === id ? edge.to : edge.from, style = lineStyle(edge);
    var direction = style.arrow ? (edge.from === id ? "→ " : "← ") : "— ";
    relations.append(el("li", { className: edge.tie ? "tie" : "relation" },
      el("button", { type: "button", className: "link", onclick: function () { selectEdge(edgeId); } }, style.label + " " + direction + nodeRows[other].label),
      edge.tie ? null : " (" + edge.statements.length + ")"));
  });
  if (adjacency[id].length > LISTED) relations.append(el("li", { text: "and " + (adjacency[id].length - LISTED) + " more" }));
  return relations;
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
  fill(panel, [
    el("div", { className: "kind" }, shapeIcon(style.shape, style.colour), style === styles.fallback_class ? String(row.cls) : style.label),
    el("h2", { id: "panel-title", text: row.name }),
    el("div", { className: "iri", text: row.iri }),
    fields,
    row.aliases.length ? el("h3", { text: "Also called" }) : null,
    row.aliases.length ? el("ul", { className: "aliases" }, ...row.aliases.map(function (a) { return el("li", { text: a }); })) : null,
    el("h3", { text: "Mentioned in " + row.documents.length + (row.documents.length === 1 ? " document" : " documents") }),
    el("ul", { className: "documents" }, ...row.documents.map(function (d) { return el("li", null, documentLabel(d)); })),
    el("h3", { text: "Lines (" + adjacency[id].length + ")" }),
    adjacency[id].length ? relationList(id) : el("p", { className: "hint", text: "No relation was extracted for it, and no tie." })
  ]);
  panel.setAttribute("data-node", row.iri);
  panel.removeAttribute("data-edge");
}

// ------------------------------------------------------------ names in text
function namesOf(ids) {
  var names = [];
  ids.forEach(function (id) {
    [nodeRows[id].name].concat(nodeRows[id].aliases).forEach(function (name) { if (name && name.length > 2) names.push({ name: name, id: id }); });
  });
  return names.sort(function (a, b) { return b.name.length - a.name.length; });
}
function findNames(text, names) {
  // Non-overlapping occurrences, longest names first, at word boundaries.
  var hits = [], lower = text.toLowerCase();
  names.forEach(function (entry) {
    var needle = entry.name.toLowerCase(), from = 0, at;
    while ((at = lower.indexOf(needle, from)) >= 0) {
      var end = at + needle.length;
      var bounded = !/\w/.test(lower.charAt(at - 1) || " ") && !/\w/.test(lower.charAt(end) || " ");
      if (bounded && !hits.some(function (h) { return at < h.end && end > h.start; })) hits.push({ start: at, end: end, id: entry.id });
      from = at + 1;
    }
  });
  return hits.sort(function (a, b) { return a.start - b.start; });
}
function markedText(text, names, className) {
  // Text nodes and <mark> elements built one by one: the text is never parsed.
  var parts = [], at = 0;
  findNames(text, names).forEach(function (hit) {
    if (hit.start > at) parts.push(text.slice(at, hit.start));
    var mark = el("mark", { className: className, title: nodeRows[hit.id].label, "data-node": nodeRows[hit.id].iri }, text.slice(hit.start, hit.end));
    mark.addEventListener("click", function () { selectNode(hit.id, true); });
    parts.push(mark);
    at = hit.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
function evidenceQuote(edge, s) {
  // Long evidence: the clause from the first end's name to the other's, highlighted.
  var text = s.evidence || "", quote = el("blockquote", { className: "evidence", title: "Open the document at this sentence" });
  var hits = text.length > 240 ? findNames(text, namesOf([edge.from, edge.to])) : [];
  var ends = {};
  hits.forEach(function (h) { if (!ends[h.id]) ends[h.id] = h; });
  var found = Object.keys(ends).map(function (k) { return ends[k]; });
  if (found.length === 2) {
    var start = Math.min(found[0].start, found[1].start), end = Math.max(found[0].end, found[1].end);
    quote.append(text.slice(0, start), el("strong", { className: "clause", text: text.slice(start, end) }), text.slice(end));
  } else {
    quote.textContent = text;
  }
  quote.addEventListener("click", function () { openReader(edge, s); });
  return quote;
}
function showEdge(id) {
  var edge = edgeRows[id], style = lineStyle(edge);
  var list = el("div", { className: "statements" });
  edge.statements.forEach(function (s) {
    var details = el("div", { className: "meta" });
    var add = function (child) { details.append(el("span", null, child)); };
    add(s.document ? documentLabel(s.document) : "unknown document");
    add(s.date_stated ? s.date + " (stated in the sentence; document " + (s.document_date || "undated") + ")" : s.date || "undated");
    if (s.confidence !== null && s.confidence !== undefined) add("confidence " + Number(s.confidence).toFixed(2));
    if (s.amount) add("amount " + s.amount);
    if (s.purposes.length) add("purposes: " + s.purposes.map(humanise).join(", "));
    if (s.victims.length) add("victims: " + s.victims.map(humanise).join(", "));
    if (s.transit.length) add("via " + s.transit.join(", "));
    if (s.start !== null && s.start !== undefined) add("characters " + s.start + "–" + s.end);
    list.append(el("div", { className: "statement" + (s.negated ? " negated" : ""), "data-statement": s.statement },
      s.negated ? el("span", { className: "badge", text: "negated" }) : null,
      evidenceQuote(edge, s),
      details,
      el("button", { type: "button", className: "link read", onclick: function () { openReader(edge, s); } }, "Read in the document")));
  });
  var count = edge.statements.length;
  fill(panel, [
    el("div", { className: "kind" }, lineIcon(style), style.label),
    el("h2", { id: "panel-title" }, nodeLink(edge.from, nodeRows[edge.from].label), style.arrow ? " → " : " — ", nodeLink(edge.to, nodeRows[edge.to].label)),
    edge.tie ? el("p", { className: "hint", text: "A tie the graph states about the node (" + style.label.toLowerCase() + "), not a statement of a sentence." }) : null,
    edge.tie ? null : el("h3", { text: count + (count === 1 ? " statement" : " statements") }),
    list
  ]);
  panel.setAttribute("data-edge", String(id));
  panel.removeAttribute("data-node");
}

// ------------------------------------------------------------ reader
var reader = byId("reader");
function paragraphBounds(text, start, end) {
  // The paragraph(s) holding the sentence and one on each side, within about 4,000 characters.
  var from = start, to = end;
  for (var i = 0; i < 2 && from > 0; i++) { var back = text.lastIndexOf("\n\n", from - 2); from = back < 0 ? 0 : back + 2; }
  for (var j = 0; j < 2 && to < text.length; j++) { var ahead = text.indexOf("\n\n", to + 1); to = ahead < 0 ? text.length : ahead; }
  return { from: Math.max(from, start - 2000), to: Math.min(to, end + 2000) };
}
function openReader(edge, s) {
  var doc = documentsByName[s.document] || { name: s.document, title: null, text: null };
  var mentioned = nodeRows.filter(function (row) { return row.documents.indexOf(s.document) >= 0; }).map(function (row) { return row.id; });
  var names = namesOf(mentioned.length ? mentioned : [edge.from, edge.to]);
  var body = byId("reader-text"), note = byId("reader-note");
  byId("reader-title").textContent = doc.title || doc.name || "unknown document";
  byId("reader-title").title = doc.name || "";
  if (doc.text && s.start !== null && doc.text.slice(s.start, s.end).length) {
    var span = paragraphBounds(doc.text, s.start, s.end);
    var sentence = el("mark", { className: "sentence", id: "reader-sentence" }, ...markedText(doc.text.slice(s.start, s.end), names, "entity"));
    fill(body, [span.from > 0 ? "… " : null].concat(markedText(doc.text.slice(span.from, s.start), names, "entity"), [sentence],
      markedText(doc.text.slice(s.end, span.to), names, "entity"), [span.to < doc.text.length ? " …" : null]));
    note.textContent = doc.name + " · characters " + s.start + "–" + s.end + (doc.date ? " · " + doc.date : "");
  } else {
    fill(body, [el("mark", { className: "sentence", id: "reader-sentence" }, ...markedText(s.evidence || "", names, "entity"))]);
    note.textContent = (doc.name || "") + " · the page does not carry this document's text (" + (meta.texts_left_out
      ? "it carries up to " + meta.text_limit.toLocaleString("en") + " characters of document text, most cited documents first"
      : "it was written without the documents") + "): the sentence alone.";
  }
  var opening = reader.hidden;
  reader.hidden = false;
  reader.setAttribute("data-statement", s.statement || "");
  byId("reader-sentence").scrollIntoView({ block: "center" });
  if (opening) networkResized(edge);
}
// The network narrows or widens with the reader: resize its canvas now (vis-network would
// notice within a second) and keep the line being read in the middle of it.
function networkResized(edge) {
  network.setSize("100%", "100%");
  var drawn = edge && network.body.edges[edge.id];
  if (drawn && edgeShown[edge.id]) network.moveTo({ position: drawn.edgeType.getPoint(0.5), animation: false });
  else network.redraw();
}
byId("reader-close").addEventListener("click", function () { reader.hidden = true; networkResized(null); });
// The split between the network and the reader: drag its handle, or use the arrow keys on it.
var READER_MIN = 240;
function setReaderWidth(width) {
  var room = byId("network").getBoundingClientRect().width + reader.getBoundingClientRect().width;
  reader.style.width = Math.round(Math.max(READER_MIN, Math.min(width, room - READER_MIN))) + "px";
  networkResized(null);
}
(function () {
  var split = byId("reader-split"), startX = 0, startWidth = 0;
  split.addEventListener("pointerdown", function (event) {
    startX = event.clientX; startWidth = reader.getBoundingClientRect().width;
    split.setPointerCapture(event.pointerId); split.classList.add("dragging");
    event.preventDefault();
  });
  split.addEventListener("pointermove", function (event) {
    if (split.classList.contains("dragging")) setReaderWidth(startWidth + startX - event.clientX);
  });
  var stop = function () { split.classList.remove("dragging"); };
  split.addEventListener("pointerup", stop);
  split.addEventListener("pointercancel", stop);
  split.addEventListener("keydown", function (event) {
    var step = { ArrowLeft: 40, ArrowRight: -40 }[event.key];
    if (step) { setReaderWidth(reader.getBoundingClientRect().width + step); event.preventDefault(); }
  });
})();

// ------------------------------------------------------------ search
var searchIndex = nodeRows.map(function (row) {
  return { id: row.id, names: [row.label, row.name].concat(row.aliases).map(function (n) { return n.toLowerCase(); }) };
});
function search(query, within) {
  query = query.trim().toLowerCase();
  if (!query) return [];
  var hits = [];
  (within ? within.map(function (id) { return searchIndex[id]; }) : searchIndex).forEach(function (entry) {
    var best = null;
    entry.names.forEach(function (name, i) {
      var rank = name === query ? 0 : name.indexOf(query) === 0 ? 1 : name.indexOf(query) >= 0 ? 2 : null;
      if (rank !== null && (best === null || rank < best.rank)) best = { rank: rank, name: i };
    });
    if (best) hits.push({ id: entry.id, rank: best.rank, alias: best.name > 1 ? nodeRows[entry.id].aliases[best.name - 2] : null });
  });
  hits.sort(function (a, b) { return a.rank - b.rank || nodeRows[b.id].mentions - nodeRows[a.id].mentions || nodeRows[a.id].label.localeCompare(nodeRows[b.id].label); });
  return hits;
}
var searchBox = byId("search"), results = byId("search-results");
function showResults() {
  var hits = search(searchBox.value).slice(0, 15);
  results.replaceChildren.apply(results, hits.map(function (hit) {
    var row = nodeRows[hit.id], style = classStyle(row.cls);
    return el("li", null, el("button", { type: "button", "data-node": row.iri, onclick: function () { pick(hit.id); } },
      shapeIcon(style.shape, style.colour), " ", row.label, el("span", { className: "detail", text: " · " + searchDetail(row) }),
      hit.alias ? el("span", { className: "alias", text: "  (" + hit.alias + ")" }) : null));
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

// ------------------------------------------------------------ mentioned, not related
var UNRELATED_LISTED = 300;
function showUnrelated() {
  var section = byId("unrelated"), listed = byId("hide-isolated").checked ? unrelated : [];
  section.hidden = !listed.length;
  byId("unrelated-count").textContent = String(listed.length);
  var query = byId("unrelated-search").value;
  var ids = query.trim() ? search(query, listed).map(function (hit) { return hit.id; })
    : listed.slice().sort(function (a, b) { return nodeRows[b].mentions - nodeRows[a].mentions || nodeRows[a].label.localeCompare(nodeRows[b].label); });
  var items = ids.slice(0, UNRELATED_LISTED).map(function (id) {
    var row = nodeRows[id], style = classStyle(row.cls);
    return el("li", null, el("button", { type: "button", className: "link", "data-node": row.iri, title: searchDetail(row), onclick: function () { selectNode(id, false); } },
      shapeIcon(style.shape, style.colour), " ", row.label));
  });
  if (ids.length > UNRELATED_LISTED) items.push(el("li", { className: "note", text: "and " + (ids.length - UNRELATED_LISTED) + " more: type to narrow the list" }));
  byId("unrelated-list").replaceChildren.apply(byId("unrelated-list"), items);
}
byId("unrelated-search").addEventListener("input", showUnrelated);
