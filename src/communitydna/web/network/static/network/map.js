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
  // Relationships by strength 1 to 5, light to dark; tense ones in amber.
  const SHADES = ["#c6c6c6", "#b0b0b0", "#9a9a9a", "#767676", "#505050"];
  const TENSE_SHADES = ["#dcc08c", "#cba468", "#b58840", "#96692a", "#74501a"];
  // Above this many relationships the map is drawn for speed (see draw).
  const LARGE = 5000;

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
      EdgeLineProgram: window.Sigma.rendering.EdgeLineProgram,
    };
    fetch(container.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) { performance.mark("map-data"); draw(lib, container, status, form, data); })
      .catch(function (e) { status.textContent = "The map could not be loaded (" + e.message + "). The tables hold the same information."; });
  }

  function draw(lib, container, status, form, data) {
    const graph = new lib.Graph({ multi: true, type: "mixed" });
    const nodes = data.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      graph.addNode(String(i), {
        x: n.x, y: 1 - n.y, size: n.broker || n.cut_point ? 6 : 3.5,
        label: LETTERS[n.sector] + "· " + n.name, color: COLOURS[n.sector],
        type: SHAPE_OF[n.sector], row: n,
      });
    }
    // Edges stay in the data's columns; each edge of the graph carries only its index.
    const columns = data.edges;
    const count = columns.id.length;
    const large = count > LARGE;
    for (let i = 0; i < count; i++) {
      const source = columns.source[i];
      const target = columns.target[i];
      if (source === target) continue;
      const strength = columns.strength[i];
      const tense = columns.tense[i] === 1;
      graph.addEdgeWithKey("e" + i, String(source), String(target), large
        ? { i: i, color: (tense ? TENSE_SHADES : SHADES)[strength - 1] }
        : { i: i, size: 0.4 + strength * 0.3, color: tense ? TENSE_SHADES[2] : SHADES[2] });
    }
    performance.mark("map-graph");
    const renderer = new lib.Sigma(graph, container, {
      nodeProgramClasses: {
        circle: lib.NodeCircleProgram,
        square: pointProgram(lib, SHAPES.square),
        diamond: pointProgram(lib, SHAPES.diamond),
      },
      // Thousands of thick, smoothed edges are slow to fill without a graphics card: a large
      // map draws one-pixel lines, strength shown by how dark they are.
      edgeProgramClasses: large ? { line: lib.EdgeLineProgram } : {},
      labelRenderedSizeThreshold: 7,
      hideEdgesOnMove: large,
      hideLabelsOnMove: large,
      zIndex: false,
    });
    performance.mark("map-sigma");
    const state = { type: "", strength: 1, status: "", date: "", brokers: false, cuts: false, gaps: false };

    function edgeShown(i) {
      if (state.type && columns.type[i] !== state.type) return false;
      if (columns.strength[i] < state.strength) return false;
      if (state.status && columns.status[i] !== state.status) return false;
      if (state.date) {
        const since = columns.since[i];
        const until = columns.until[i];
        if (since && since > state.date) return false;
        if (until && until < state.date) return false;
      }
      return true;
    }
    const anyFilter = function () { return Boolean(state.type || state.strength > 1 || state.status || state.date); };
    function marked(n) {
      return (state.brokers && n.broker) || (state.cuts && n.cut_point) || (state.gaps && n.gaps.length > 0);
    }
    const anyHighlight = function () { return state.brokers || state.cuts || state.gaps; };

    function hideFiltered(key, attrs) {
      return edgeShown(attrs.i) ? attrs : Object.assign({}, attrs, { hidden: true });
    }
    function highlight(key, attrs) {
      if (marked(attrs.row)) {
        return Object.assign({}, attrs, { color: attrs.color, size: attrs.size * 1.8, zIndex: 1, forceLabel: true, borderColor: HIGHLIGHT });
      }
      return Object.assign({}, attrs, { color: MUTED, label: "", zIndex: 0 });
    }

    // Reducers run for every node and edge on each refresh, so they are set only while a
    // filter or highlight needs them; with none, the first drawing is sigma's own.
    function readForm(first) {
      const f = new FormData(form);
      state.type = f.get("type") || "";
      state.strength = Number(f.get("strength") || 1);
      state.status = f.get("status") || "";
      state.date = f.get("date") || "";
      state.brokers = f.get("brokers") === "on";
      state.cuts = f.get("cuts") === "on";
      state.gaps = f.get("gaps") === "on";
      const filtering = anyFilter();
      const highlighting = anyHighlight();
      if (!first || filtering || highlighting) {
        renderer.setSetting("edgeReducer", filtering ? hideFiltered : null);
        renderer.setSetting("nodeReducer", highlighting ? highlight : null);
        renderer.setSetting("zIndex", highlighting);
      }
      let shownEdges = count;
      if (filtering) {
        shownEdges = 0;
        for (let i = 0; i < count; i++) if (edgeShown(i)) shownEdges += 1;
      }
      let highlighted = 0;
      if (highlighting) nodes.forEach(function (n) { if (marked(n)) highlighted += 1; });
      status.textContent = nodes.length + " organisations, " + shownEdges + " of " + count +
        " relationships shown" + (highlighting ? "; " + highlighted + " organisations highlighted" : "") + ".";
    }
    form.addEventListener("change", function () { readForm(false); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); readForm(false); });

    renderer.on("clickNode", function (ev) {
      const row = graph.getNodeAttribute(ev.node, "row");
      window.location.href = container.dataset.organisationUrl + row.id + "/";
    });
    renderer.on("enterNode", function () { container.style.cursor = "pointer"; });
    renderer.on("leaveNode", function () { container.style.cursor = ""; });

    readForm(true);
    container.dataset.nodes = String(graph.order);
    container.dataset.edges = String(graph.size);
    // Rendered once the browser has painted the first frame of the drawing: sigma draws in
    // the next frame's callbacks, and the one after that runs once it is on the screen.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        performance.mark("map-drawn");
        container.dataset.rendered = "true";
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
