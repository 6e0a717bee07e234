// Draws a study's network with sigma.js from the map_data JSON, and redraws on filters.
// Sector is shown by colour, by shape (public squares, commercial diamonds, social circles)
// and by a letter at the start of each label, so colour is never the only signal.
(function () {
  "use strict";
  const COLOURS = { public: "#1d70b8", commercial: "#d4351c", social: "#00703c" };
  const LETTERS = { public: "P", commercial: "C", social: "S" };
  const HIGHLIGHT = "#ffdd00";
  const MUTED = "#dddddd";
  // sigma's point program with other fragment shaders: whole (a square) or with the
  // corners cut off diagonally (a diamond)
  const SHAPES = {
    square: "precision mediump float;\nvarying vec4 v_color;\n" +
      "void main(void) {\n  gl_FragColor = v_color;\n}\n",
    diamond: "precision mediump float;\nvarying vec4 v_color;\n" +
      "void main(void) {\n  vec2 m = gl_PointCoord - vec2(0.5, 0.5);\n" +
      "  if (abs(m.x) + abs(m.y) > 0.5) discard;\n  gl_FragColor = v_color;\n}\n",
  };
  const SHAPE_OF = { public: "square", commercial: "diamond", social: "circle" };

  function pointProgram(lib, shader) {
    return class extends lib.NodePointProgram {
      getDefinition() {
        return Object.assign({}, super.getDefinition(), { FRAGMENT_SHADER_SOURCE: shader });
      }
    };
  }

  function start() {
    const container = document.getElementById("network-map");
    const status = document.getElementById("map-status-line");
    const form = document.getElementById("map-filters");
    if (!container || !window.Sigma || !window.graphology) return;
    const lib = {
      Graph: window.graphology.Graph,
      Sigma: window.Sigma,
      NodeCircleProgram: window.Sigma.rendering.NodeCircleProgram,
      NodePointProgram: window.Sigma.rendering.NodePointProgram,
    };
    fetch(container.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) { draw(lib, container, status, form, data); })
      .catch(function (e) { status.textContent = "The map could not be loaded (" + e.message + "). The tables hold the same information."; });
  }

  function draw(lib, container, status, form, data) {
    const graph = new lib.Graph({ multi: true, type: "mixed" });
    data.nodes.forEach(function (n, i) {
      graph.addNode(String(i), {
        x: n.x, y: 1 - n.y, size: n.broker || n.cut_point ? 6 : 3.5,
        label: LETTERS[n.sector] + "· " + n.name, color: COLOURS[n.sector],
        type: SHAPE_OF[n.sector], row: n,
      });
    });
    const columns = data.edges;
    const edges = columns.id.map(function (id, i) {
      return {
        id: id, source: columns.source[i], target: columns.target[i], type: columns.type[i],
        strength: columns.strength[i], status: columns.status[i], tense: columns.tense[i] === 1,
        directed: columns.directed[i] === 1, since: columns.since[i], until: columns.until[i],
      };
    });
    edges.forEach(function (e, i) {
      if (e.source === e.target) return;
      graph.addEdgeWithKey("e" + i, String(e.source), String(e.target), {
        size: 0.4 + e.strength * 0.3, color: e.tense ? "#b58840" : "#9a9a9a", row: e,
      });
    });
    const renderer = new lib.Sigma(graph, container, {
      nodeProgramClasses: {
        circle: lib.NodeCircleProgram,
        square: pointProgram(lib, SHAPES.square),
        diamond: pointProgram(lib, SHAPES.diamond),
      },
      labelRenderedSizeThreshold: 7,
      hideEdgesOnMove: edges.length > 5000,
      zIndex: true,
    });
    const state = { type: "", strength: 1, status: "", date: "", brokers: false, cuts: false, gaps: false };

    function edgeShown(e) {
      if (state.type && e.type !== state.type) return false;
      if (e.strength < state.strength) return false;
      if (state.status && e.status !== state.status) return false;
      if (state.date) {
        if (e.since && e.since > state.date) return false;
        if (e.until && e.until < state.date) return false;
      }
      return true;
    }
    function marked(n) {
      return (state.brokers && n.broker) || (state.cuts && n.cut_point) || (state.gaps && n.gaps.length > 0);
    }
    const anyHighlight = function () { return state.brokers || state.cuts || state.gaps; };

    renderer.setSetting("edgeReducer", function (key, attrs) {
      return edgeShown(attrs.row) ? attrs : Object.assign({}, attrs, { hidden: true });
    });
    renderer.setSetting("nodeReducer", function (key, attrs) {
      if (!anyHighlight()) return attrs;
      if (marked(attrs.row)) {
        return Object.assign({}, attrs, { color: attrs.color, size: attrs.size * 1.8, zIndex: 1, forceLabel: true, borderColor: HIGHLIGHT });
      }
      return Object.assign({}, attrs, { color: MUTED, label: "", zIndex: 0 });
    });

    function readForm() {
      const f = new FormData(form);
      state.type = f.get("type") || "";
      state.strength = Number(f.get("strength") || 1);
      state.status = f.get("status") || "";
      state.date = f.get("date") || "";
      state.brokers = f.get("brokers") === "on";
      state.cuts = f.get("cuts") === "on";
      state.gaps = f.get("gaps") === "on";
      renderer.refresh();
      let shownEdges = 0;
      edges.forEach(function (e) { if (edgeShown(e)) shownEdges += 1; });
      let highlighted = 0;
      if (anyHighlight()) data.nodes.forEach(function (n) { if (marked(n)) highlighted += 1; });
      status.textContent = data.nodes.length + " organisations, " + shownEdges + " of " + edges.length +
        " relationships shown" + (anyHighlight() ? "; " + highlighted + " organisations highlighted" : "") + ".";
    }
    form.addEventListener("change", readForm);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); readForm(); });

    renderer.on("clickNode", function (ev) {
      const row = graph.getNodeAttribute(ev.node, "row");
      window.location.href = container.dataset.organisationUrl + row.id + "/";
    });
    renderer.on("enterNode", function () { container.style.cursor = "pointer"; });
    renderer.on("leaveNode", function () { container.style.cursor = ""; });

    readForm();
    container.dataset.nodes = String(graph.order);
    container.dataset.edges = String(graph.size);
    container.dataset.rendered = "true";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
