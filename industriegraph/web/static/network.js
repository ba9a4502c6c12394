/* industriegraph: draws the networks of the explorer with vis-network and wires our filter panel.
 * Positions come from Python (networkx), physics is off, so even large networks appear at once.
 * Filtering uses vis DataSet/DataView: the view shows the nodes that pass the type, state and topic filters.
 * Tooltips are built from plain text with textContent, so no data is ever interpreted as HTML. */
(function () {
  "use strict";

  function tooltip(text) {
    var el = document.createElement("div");
    el.className = "ig-tip";
    String(text || "").split("\n").forEach(function (line, i) {
      var row = document.createElement(i === 0 ? "strong" : "div");
      row.textContent = line;
      el.appendChild(row);
    });
    return el;
  }

  function init(root) {
    var data = JSON.parse(root.querySelector("script.ig-data").textContent);
    var centre = root.getAttribute("data-centre") || null;
    var nodes = new vis.DataSet(
      data.nodes.map(function (n) {
        return Object.assign({}, n, { title: tooltip(n.title) });
      })
    );
    var edges = new vis.DataSet(data.edges);
    var neighbours = {};
    data.nodes.forEach(function (n) { neighbours[n.id] = []; });
    data.edges.forEach(function (e) {
      if (neighbours[e.from] && neighbours[e.to]) {
        neighbours[e.from].push(e.to);
        neighbours[e.to].push(e.from);
      }
    });
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    var form = root.querySelector("form.ig-filter");
    var visible = new Set();

    // A node passes a state/topic filter when it carries the value itself, or carries no values of that
    // kind at all (people, measures …) but sits next to a node that carries the value.
    function passes(field, wanted) {
      var ok = new Set();
      if (!wanted) return null;
      data.nodes.forEach(function (n) {
        if ((n[field] || []).indexOf(wanted) >= 0) ok.add(n.id);
      });
      data.nodes.forEach(function (n) {
        if ((n[field] || []).length === 0 && neighbours[n.id].some(function (m) { return ok.has(m); })) ok.add(n.id);
      });
      return ok;
    }

    function compute() {
      var types = new Set();
      var state = "";
      var topic = "";
      if (form) {
        form.querySelectorAll("input[name=typ]").forEach(function (box) { if (box.checked) types.add(box.value); });
        state = form.elements.bundesland ? form.elements.bundesland.value : "";
        topic = form.elements.thema ? form.elements.thema.value : "";
      }
      var byState = passes("states", state);
      var byTopic = passes("topics", topic);
      visible = new Set();
      data.nodes.forEach(function (n) {
        var show = (!form || types.has(n.group_type)) && (!byState || byState.has(n.id)) && (!byTopic || byTopic.has(n.id));
        if (show || n.id === centre) visible.add(n.id);
      });
      root.setAttribute("data-visible", String(visible.size));
      var count = root.querySelector(".ig-count");
      if (count) count.textContent = visible.size + " von " + data.nodes.length + " Knoten sichtbar";
    }

    compute();
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
    var edgeView = new vis.DataView(edges, {
      filter: function (e) { return visible.has(e.from) && visible.has(e.to); }
    });
    var network = new vis.Network(root.querySelector(".ig-canvas"), { nodes: nodeView, edges: edgeView }, data.options);
    network.once("afterDrawing", function () { root.setAttribute("data-drawn", "true"); });

    function refresh() {
      compute();
      nodeView.refresh();
      edgeView.refresh();
    }
    if (form) {
      form.addEventListener("change", refresh);
      form.addEventListener("reset", function () { window.setTimeout(refresh, 0); });
      form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    }
    network.on("doubleClick", function (params) {
      var node = params.nodes.length ? byId[params.nodes[0]] : null;
      if (node && node.url) window.location.href = node.url;
    });
    network.on("selectNode", function (params) {
      var node = byId[params.nodes[0]];
      var info = root.querySelector(".ig-selected");
      if (!info || !node) return;
      info.textContent = "";
      info.appendChild(tooltip(node.title));
      if (node.url) {
        var a = document.createElement("a");
        a.href = node.url;
        a.textContent = "Seite öffnen →";
        info.appendChild(a);
      }
    });
    root.igNetwork = network;
    window.igNetwork = window.igNetwork || network;  // the first network of the page, for tests and the console
    root.igVisible = function () { return nodeView.getIds().length; };
  }

  function start() {
    document.querySelectorAll(".ig-network").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
