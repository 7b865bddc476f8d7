/* tipgraph in-page review: mark a node "same as…" another, a node or a statement "wrong", a class
 * "should be…", and download the decisions as a corrections file (tipgraph build --corrections FILE).
 * Everything happens in the page: the file is made here and saved from a blob, no server.
 * It reads the page's data (#tipgraph-data, #tipgraph-curation) and watches #panel for what the view
 * shows (data-node: an IRI, data-edge: an index into the edges); it never parses text as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("tipgraph-data").textContent);
  var curation = JSON.parse(document.getElementById("tipgraph-curation").textContent);
  var TGR = "https://w3id.org/tipgraph/resource/";
  var STORE = "tipgraph-review:" + location.pathname;
  var byIri = {};
  data.nodes.forEach(function (row) { byIri[row.iri] = row; });
  var decisions = load();

  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "onclick") node.addEventListener("click", props[key]);
      else if (key === "className") node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    for (var i = 2; i < arguments.length; i++) if (arguments[i] !== null && arguments[i] !== undefined) node.append(arguments[i]);
    return node;
  }
  function short(iri) { return iri.indexOf(TGR) === 0 ? "tgr:" + iri.slice(TGR.length) : iri; }
  function quote(text) { return JSON.stringify(String(text)); }  // a JSON string is a YAML double-quoted scalar
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(decisions)); } catch (e) { /* a private window: kept until the page closes */ }
  }

  // ------------------------------------------------------------ decisions
  function same(a, b) { return JSON.stringify(a.body) === JSON.stringify(b.body) && a.kind === b.kind; }
  function add(decision) {
    decisions = decisions.filter(function (d) { return !same(d, decision); });
    // one verdict per node or statement: a new one replaces the old (a node cannot be both wrong and retyped)
    decisions = decisions.filter(function (d) { return d.target !== decision.target || d.kind === "merge" && decision.kind === "merge"; });
    decision.note = "";
    decisions.push(decision);
    save(); renderTray(); refreshPanel();
  }
  function remove(index) { decisions.splice(index, 1); save(); renderTray(); refreshPanel(); }
  function pending(target) { return decisions.filter(function (d) { return d.target === target; }); }
  function describe(d) {
    var label = function (iri) { return byIri[iri] ? byIri[iri].label : short(iri); };
    if (d.kind === "merge") return label(d.body[1]) + " is the same as " + label(d.body[0]);
    if (d.kind === "reject" && d.body.node) return label(d.body.node) + " is not an entity";
    if (d.kind === "reject") return "wrong statement: " + d.evidence;
    if (d.kind === "confirm") return "right statement: " + d.evidence;
    return label(d.body.node) + " should be " + d.body["class"];
  }
  function yamlLine(d) {
    if (d.kind === "merge") return "- merge: [" + d.body.map(function (iri) { return quote(short(iri)); }).join(", ") + "]";
    if (d.kind === "reject" && d.body.node) return "- reject: {node: " + quote(short(d.body.node)) + "}";
    if (d.kind === "reject") return "- reject: {statement: " + quote(short(d.body.statement)) + "}";
    if (d.kind === "confirm") return "- confirm: {statement: " + quote(short(d.body.statement)) + "}";
    return "- retype: {node: " + quote(short(d.body.node)) + ", class: " + d.body["class"] + "}";
  }
  function correctionsFile() {
    var by = tray.querySelector("#review-by").value.trim(), today = new Date().toISOString().slice(0, 10);
    var lines = ["# tipgraph corrections from the page review of " + location.pathname.split("/").pop() + ", " + today,
                 "# append to the build's corrections file (they name nodes by this build's IRIs), then rebuild:",
                 "#   tipgraph build DOCS --out DIR --corrections FILE"];
    decisions.forEach(function (d) {
      lines.push("# " + describe(d).replace(/\s+/g, " "));
      lines.push(yamlLine(d));
      if (d.note) lines.push("  note: " + quote(d.note));
      if (by) lines.push("  by: " + quote(by));
      lines.push("  date: " + today);
    });
    return lines.join("\n") + "\n";
  }
  function download() {
    var blob = new Blob([correctionsFile()], { type: "application/yaml" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "corrections.yaml" });
    document.body.append(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  function byId(id) { return document.getElementById(id); }

  // ------------------------------------------------------------ tray
  var tray = el("section", { id: "review-tray", "aria-label": "Review decisions" });
  function renderTray() {
    var list = el("ol", { id: "review-decisions" });
    decisions.forEach(function (d, i) {
      var note = el("input", { type: "text", placeholder: "note (why)", "aria-label": "Note", value: d.note || "" });
      note.addEventListener("change", function () { d.note = note.value; save(); });
      list.append(el("li", { "data-kind": d.kind }, el("span", { text: describe(d) }), " ", note,
        el("button", { type: "button", className: "link", title: "Undo", onclick: function () { remove(i); } }, "undo")));
    });
    var by = tray.querySelector("#review-by") ? tray.querySelector("#review-by").value : "";
    tray.replaceChildren(
      el("h2", { text: "Review (" + decisions.length + ")" }),
      decisions.length ? list : el("p", { className: "hint", text: "Mark nodes and statements in the panel; then download the decisions." }),
      el("label", null, "by ", el("input", { id: "review-by", type: "text", placeholder: "your name", value: by })),
      el("button", { type: "button", id: "review-download", onclick: download }, "Download corrections.yaml"), " ",
      el("button", { type: "button", id: "review-clear", className: "link", onclick: function () { decisions = []; save(); renderTray(); refreshPanel(); } }, "clear"));
    tray.querySelector("#review-download").disabled = !decisions.length;
    tray.querySelector("#review-clear").hidden = !decisions.length;
    var curated = Object.keys(curation.nodes).length + Object.keys(curation.statements).length;
    if (curated) tray.append(el("p", { className: "review-curated", text: curated + " facts here were corrected by a reviewer (marked Curated in the panel)." }));
  }

  // Curated nodes get a thick dashed border on the canvas, and their decision in the tooltip. The view
  // owns the drawing: this touches only those two options, and only if its network is there as expected.
  function markCurated() {
    var network = window.tipgraph && window.tipgraph.network;
    var set = network && network.body && network.body.data && network.body.data.nodes;
    if (set && set.getDataSet) set = set.getDataSet();
    if (!set || !set.update || !set.get) return;
    var changes = [];
    data.nodes.forEach(function (row) {
      var text = curation.nodes[row.iri], item = text ? set.get(row.id) : null;
      if (item) changes.push({ id: row.id, borderWidth: 3, shapeProperties: { borderDashes: [5, 3] }, title: (item.title ? item.title + "\n" : "") + "Curated: " + text });
    });
    if (changes.length) set.update(changes);
  }

  // ------------------------------------------------------------ panel
  var panel = byId("panel");
  function curatedNote(text) { return text ? el("p", { className: "review-curated", text: "Curated: " + text }) : null; }
  function nodeActions(iri) {
    var row = byIri[iri];
    if (!row) return null;
    var others = data.nodes.filter(function (r) { return r.iri !== iri; })
      .sort(function (a, b) { return a.label.localeCompare(b.label); });
    var target = el("select", { id: "review-same-as", "aria-label": "Same as" }, el("option", { value: "", text: "Same as…" }));
    others.forEach(function (r) { target.append(el("option", { value: r.iri, text: r.label + " (" + r.cls + (r.country ? ", " + r.country : "") + ")" })); });
    target.addEventListener("change", function () {
      if (target.value) add({ kind: "merge", body: [target.value, iri], target: iri });
    });
    var cls = el("select", { id: "review-class", "aria-label": "Class should be" }, el("option", { value: "", text: "Class should be…" }));
    curation.classes.filter(function (c) { return c !== row.cls; }).forEach(function (c) { cls.append(el("option", { value: c, text: c })); });
    cls.addEventListener("change", function () {
      if (cls.value) add({ kind: "retype", body: { node: iri, "class": cls.value }, target: iri });
    });
    var wrong = el("button", { type: "button", id: "review-node-wrong", onclick: function () { add({ kind: "reject", body: { node: iri }, target: iri }); } }, "Wrong: not an entity");
    return el("section", { id: "review-actions", "data-for": iri },
      el("h3", { text: "Review" }), curatedNote(curation.nodes[iri]),
      el("div", { className: "review-row" }, target), el("div", { className: "review-row" }, cls, " ", wrong),
      marks(iri));
  }
  function edgeActions(index) {
    var edge = data.edges[index];
    if (!edge) return null;
    var list = el("ul", { className: "review-statements" });
    edge.statements.forEach(function (s) {
      var evidence = String(s.evidence || "");
      var excerpt = evidence.length > 90 ? evidence.slice(0, 89) + "…" : evidence;
      list.append(el("li", { "data-statement": s.statement },
        el("span", { text: excerpt }), " ",
        curatedNote(curation.statements[s.statement]),
        el("button", { type: "button", className: "review-statement-wrong", onclick: function () {
          add({ kind: "reject", body: { statement: s.statement }, target: s.statement, evidence: excerpt });
        } }, "Wrong"), " ",
        el("button", { type: "button", className: "review-statement-right", onclick: function () {
          add({ kind: "confirm", body: { statement: s.statement }, target: s.statement, evidence: excerpt });
        } }, "Right"),
        marks(s.statement)));
    });
    return el("section", { id: "review-actions", "data-for": "edge:" + index }, el("h3", { text: "Review" }), list);
  }
  function marks(target) {
    var mine = pending(target);
    return mine.length ? el("p", { className: "review-pending", text: "Marked: " + mine.map(describe).join("; ") }) : null;
  }
  function refreshPanel() {
    var old = byId("review-actions");
    if (old) old.remove();
    var section = panel.hasAttribute("data-node") ? nodeActions(panel.getAttribute("data-node"))
      : panel.hasAttribute("data-edge") ? edgeActions(Number(panel.getAttribute("data-edge"))) : null;
    if (section) panel.append(section);
  }
  function wanted() {
    return panel.hasAttribute("data-node") ? panel.getAttribute("data-node")
      : panel.hasAttribute("data-edge") ? "edge:" + panel.getAttribute("data-edge") : null;
  }
  new MutationObserver(function () {
    var shown = byId("review-actions");
    if ((shown ? shown.getAttribute("data-for") : null) !== wanted()) refreshPanel();
  }).observe(panel, { childList: true, attributes: true, attributeFilter: ["data-node", "data-edge"] });

  var style = document.createElement("style");
  style.textContent = [
    "#review-tray { position: fixed; left: 244px; bottom: 10px; z-index: 20; max-width: 420px; max-height: 40vh; overflow: auto; background: #fff; border: 1px solid #bbb; border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,.12); padding: 6px 10px; }",
    "#review-tray h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #666; margin: 2px 0 4px; }",
    "#review-tray ol { margin: 0 0 6px; padding-left: 18px; } #review-tray li input { width: 9em; font: inherit; }",
    "#review-tray label input { width: 9em; font: inherit; margin-right: 6px; }",
    "#review-actions select { max-width: 100%; font: inherit; } .review-row { margin: 4px 0; }",
    ".review-statements li { margin: 4px 0; } .review-curated { color: #2e7d32; font-size: 12px; margin: 2px 0; }",
    ".review-pending { color: #b3261e; font-size: 12px; margin: 2px 0; }"
  ].join("\n");
  document.head.append(style);
  document.body.append(tray);
  markCurated();
  renderTray();
  refreshPanel();

  window.tipgraphReview = { decisions: function () { return decisions.slice(); }, correctionsFile: correctionsFile };
})();
