/* tipgraph network view: label placement. vis-network draws every label under its node,
 * so in a dense core labels run into each other and over other nodes. Labels scale with
 * the zoom like the nodes do, so whether two labels collide does not depend on the zoom:
 * one pass per layout (the first view, a repack, the map) decides, most mentioned first,
 * where each label goes: under its node, else above it (font.vadjust), else the same in a
 * smaller font (drawn once zoomed in further), else shortened, else shortened again in a smaller
 * font still, else hidden (the node keeps its tooltip,
 * and its label shows while it is selected). The page runs this file first, then view.js
 * (their functions and constants are one script's). */
"use strict";
var LABEL_PAD = 3;  // the white stroke drawn round the text (strokeWidth 3), and a little air
var SMALL_LABEL = 0.7;  // the smaller font, as a share of the node's own
var SHORT_LABEL = 16;  // characters of a shortened label
var TINY_LABEL = 0.55, TINY_TEXT = 10;  // the last resort: a shorter label in a smaller font still
// 0 under, 1 above, 2 under in the smaller font, 3 above in it, 4 and 5 the same shortened,
// 6 and 7 the tiny font and text, -1 hidden
// labelPlace (by node id) is made in view.js before the nodes' data: firstLabelPlaces()
var LABEL_REACH = 1.15;  // SHAPE_REACH: the outline of a triangle or star reaches past its size

function labelFont(row, place) {
  var font = Math.round(8 + row.size * 0.3);
  return place >= 6 ? Math.round(font * TINY_LABEL) : place >= 2 ? Math.round(font * SMALL_LABEL) : font;
}
function labelText(row, place) { return truncate(row.label, place >= 6 ? TINY_TEXT : place >= 4 ? SHORT_LABEL : 40); }
var widths100 = {}, measure = null;
function labelWidth(text, font) {
  // widths measured once at 100 px and scaled: the text is one line in the page's face
  if (widths100[text] === undefined) {
    measure = measure || document.createElement("canvas").getContext("2d");
    measure.font = "100px " + visOptions.nodes.font.face;
    widths100[text] = measure.measureText(text).width;
  }
  return widths100[text] * font / 100;
}
// Where vis-network draws a label under a shape: its top at y + size + font/2 + 4.
function labelBox(row, p, place) {
  var font = labelFont(row, place), width = labelWidth(labelText(row, place), font), top = p.y + row.size + font / 2 + 4;
  if (place % 2 === 1) top = p.y - row.size - 4 - font - LABEL_PAD;
  return { left: p.x - width / 2 - LABEL_PAD, right: p.x + width / 2 + LABEL_PAD, top: top - LABEL_PAD, bottom: top + font + LABEL_PAD };
}
function labelShift(row, place) {
  // font.vadjust moving the text from under the node to above it
  return place % 2 === 1 ? -(2 * row.size + 8 + labelFont(row, place) * 1.5 + LABEL_PAD) : 0;
}

// A grid of cells over the canvas: what each cell holds (node discs and placed labels).
function LabelGrid(cell) { this.cell = cell; this.cells = new Map(); }
LabelGrid.prototype.keys = function (box, visit) {
  var c = this.cell;
  for (var gx = Math.floor(box.left / c); gx <= Math.floor(box.right / c); gx++)
    for (var gy = Math.floor(box.top / c); gy <= Math.floor(box.bottom / c); gy++) visit(gx + "," + gy);
};
LabelGrid.prototype.add = function (box) {
  var cells = this.cells;
  this.keys(box, function (key) { (cells.get(key) || cells.set(key, []).get(key)).push(box); });
};
LabelGrid.prototype.free = function (box, owner) {
  var cells = this.cells, clear = true;
  this.keys(box, function (key) {
    if (!clear) return;
    (cells.get(key) || []).forEach(function (other) {
      if (other.owner !== owner && other.left < box.right && other.right > box.left && other.top < box.bottom && other.bottom > box.top) clear = false;
    });
  });
  return clear;
};

var labelTimes = [];  // ms per pass (the benchmark reports them)
// Where each of these nodes' labels goes, given the nodes' positions (by id).
function labelPlaces(ids, positions) {
  var grid = new LabelGrid(80), places = {};
  ids.forEach(function (id) {
    var p = positions[id], r = nodeRows[id].size * LABEL_REACH;
    grid.add({ owner: id, left: p.x - r, right: p.x + r, top: p.y - r, bottom: p.y + r });
  });
  ids = ids.slice().sort(function (a, b) { return nodeRows[b].size - nodeRows[a].size || nodeRows[b].mentions - nodeRows[a].mentions || a - b; });
  ids.forEach(function (id) {
    places[id] = -1;
    [0, 1, 2, 3, 4, 5, 6, 7].some(function (candidate) {
      var box = labelBox(nodeRows[id], positions[id], candidate);
      box.owner = id;
      if (!grid.free(box, id)) return false;
      grid.add(box); places[id] = candidate;
      return true;
    });
  });
  return places;
}
// The first view's labels, placed before the nodes go to vis-network (placing them after
// would cost an update of every moved label: half a second at 5,000 nodes). The first
// view shows the nodes the force layout placed (those with a line).
function firstLabelPlaces() {
  var ids = [], positions = {}, places = new Int8Array(nodeRows.length);
  nodeRows.forEach(function (row) { if (row.x !== undefined) { ids.push(row.id); positions[row.id] = row; } });
  var placed = labelPlaces(ids, positions);
  ids.forEach(function (id) { places[id] = placed[id]; });
  return places;
}
function placeLabels() {
  var began = performance.now();
  var ids = nodeRows.filter(function (row) { return nodeShown[row.id]; }).map(function (row) { return row.id; });
  var positions = {}, updates = [];
  nodes.get(ids, { fields: ["id", "x", "y"] }).forEach(function (item) { positions[item.id] = item; });
  var places = labelPlaces(ids, positions);
  ids.forEach(function (id) {
    if (places[id] !== labelPlace[id]) updates.push(labelUpdate(nodeRows[id], places[id], id === selectedNode));
    labelPlace[id] = places[id];
  });
  if (updates.length) nodes.update(updates);
  labelTimes.push(Math.round(performance.now() - began));
}
function labelUpdate(row, place, selected) {
  var shown = place >= 0 || selected;
  place = Math.max(place, 0);
  return { id: row.id, label: shown ? labelText(row, place) : "", font: { size: labelFont(row, place), vadjust: labelShift(row, place) } };
}
// The selected node's label shows even where the pass hid it.
function labelForSelection(previous, next) {
  var updates = [];
  if (previous !== null && previous !== next && labelPlace[previous] < 0) updates.push(labelUpdate(nodeRows[previous], -1, false));
  if (next !== null && labelPlace[next] < 0) updates.push(labelUpdate(nodeRows[next], -1, true));
  if (updates.length) nodes.update(updates);
}
