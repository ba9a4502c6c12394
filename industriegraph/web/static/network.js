/* industriegraph: draws the networks of the explorer with vis-network and wires our filter panel.
 * Positions come from Python (networkx), physics is off, so even large networks appear at once.
 * Filtering uses vis DataSet/DataView: the view shows the nodes that pass the type, kind, edge-type, state,
 * topic and community filters. After a filter change (or expanding a group) the layout is recomputed on the
 * visible subgraph: physics runs on the visible nodes only until it has stabilised, then is switched off again.
 * Large ego networks arrive with groups collapsed ("23 Unternehmen"); a double click or the button of the group
 * expands one. Tooltips are built from plain text with textContent, so no data is ever interpreted as HTML. */
(function () {
  "use strict";

  var RELAYOUT = {
    enabled: true,
    solver: "forceAtlas2Based",
    forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, avoidOverlap: 0.4 },
    stabilization: { enabled: true, iterations: 300, updateInterval: 50, fit: false },
    minVelocity: 1
  };

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
        return Object.assign({}, n, { title: tooltip(n.title), fullTitle: n.title });
      })
    );
    var edges = new vis.DataSet(
      data.edges.map(function (e, i) { return Object.assign({ id: "e" + i }, e); })
    );
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    var neighbours = {};
    data.nodes.forEach(function (n) { neighbours[n.id] = []; });
    data.edges.forEach(function (e) {
      if (!e.aggregate && neighbours[e.from] && neighbours[e.to]) {
        neighbours[e.from].push(e.to);
        neighbours[e.to].push(e.from);
      }
    });
    var collapsed = new Set((data.groups || []).map(function (g) { return g.id; }));
    var form = root.querySelector("form.ig-filter");
    var visible = new Set();
    var rels = null;
    var layouts = 0;

    function checked(name) {
      var out = new Set();
      if (!form) return null;
      var boxes = form.querySelectorAll("input[name=" + name + "]");
      if (!boxes.length) return null;
      boxes.forEach(function (box) { if (box.checked) out.add(box.value); });
      return out;
    }

    // A node passes a state/topic filter when it carries the value itself, or carries no values of that
    // kind at all (people, measures …) but sits next to a node that carries the value.
    function passes(field, wanted) {
      var ok = new Set();
      if (!wanted) return null;
      data.nodes.forEach(function (n) {
        if ((n[field] || []).indexOf(wanted) >= 0) ok.add(n.id);
      });
      data.nodes.forEach(function (n) {
        if (!n.aggregate && (n[field] || []).length === 0 && neighbours[n.id].some(function (m) { return ok.has(m); })) ok.add(n.id);
      });
      return ok;
    }

    function compute() {
      var types = checked("typ");
      var kinds = checked("art");
      rels = checked("kante");
      var state = form && form.elements.bundesland ? form.elements.bundesland.value : "";
      var topic = form && form.elements.thema ? form.elements.thema.value : "";
      var community = form && form.elements.gemeinschaft ? form.elements.gemeinschaft.value : "";
      var byState = passes("states", state);
      var byTopic = passes("topics", topic);
      function own(n) {
        return (!types || types.has(n.group_type)) && (!kinds || !n.kind || kinds.has(n.kind)) &&
          (!community || String(n.community) === community);
      }
      function place(n) { return (!byState || byState.has(n.id)) && (!byTopic || byTopic.has(n.id)); }
      visible = new Set();
      data.nodes.forEach(function (n) {
        var show;
        if (n.aggregate) {
          show = collapsed.has(n.id) && own(n) && n.members.some(function (m) { return place(byId[m]); });
        } else {
          show = own(n) && place(n) && !(n.in_group && collapsed.has(n.in_group));
        }
        if (show || n.id === centre) visible.add(n.id);
      });
      root.setAttribute("data-visible", String(visible.size));
      var count = root.querySelector(".ig-count");
      if (count) count.textContent = visible.size + " von " + data.nodes.length + " Knoten sichtbar";
    }

    compute();
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
    var edgeView = new vis.DataView(edges, {
      filter: function (e) { return visible.has(e.from) && visible.has(e.to) && (!rels || rels.has(e.rel)); }
    });
    var network = new vis.Network(root.querySelector(".ig-canvas"), { nodes: nodeView, edges: edgeView }, data.options);
    network.once("afterDrawing", function () {
      root.setAttribute("data-drawn", "true");
      // positions from Python are for the whole network; with groups collapsed lay out what is drawn
      if (collapsed.size) window.setTimeout(relayout, 0);
    });

    // Recompute the layout of what is visible: physics on the visible nodes until stable, then off again.
    function relayout() {
      var ids = nodeView.getIds();
      if (!ids.length) return;
      root.setAttribute("data-layout-busy", "true");
      nodes.update(ids.map(function (id) { return { id: id, physics: true, fixed: id === centre }; }));
      network.setOptions({ physics: RELAYOUT });
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        nodes.update(ids.map(function (id) { return { id: id, physics: false, fixed: false }; }));
        network.fit({ animation: false });
        layouts += 1;
        root.setAttribute("data-layouts", String(layouts));
        root.removeAttribute("data-layout-busy");
      });
      network.stabilize(RELAYOUT.stabilization.iterations);
    }

    function refresh(layoutAgain) {
      compute();
      nodeView.refresh();
      edgeView.refresh();
      groupButtons();
      if (layoutAgain) relayout();
    }

    function expand(id, open) {
      var group = byId[id];
      if (!group || !group.aggregate) return;
      if (open) {
        var at = network.getPositions([id])[id] || { x: group.x, y: group.y };
        collapsed.delete(id);
        // start the members around the place of the group, so the new layout grows from there
        nodes.update(group.members.map(function (m, i) {
          var a = 2 * Math.PI * i / group.members.length;
          return { id: m, x: at.x + 60 * Math.cos(a), y: at.y + 60 * Math.sin(a) };
        }));
      } else {
        collapsed.add(id);
      }
      refresh(true);
    }

    function groupButtons() {
      root.querySelectorAll("button[data-group]").forEach(function (button) {
        var open = !collapsed.has(button.getAttribute("data-group"));
        button.setAttribute("aria-pressed", String(open));
        button.textContent = button.getAttribute(open ? "data-close" : "data-open");
      });
    }

    function recolour() {
      var byCommunity = form && form.elements.farbe && form.elements.farbe.value === "gemeinschaft";
      var colours = {};
      (data.communities || []).forEach(function (c) { colours[c.id] = c.colour; });
      nodes.update(data.nodes.map(function (n) {
        return { id: n.id, color: byCommunity && colours[n.community] ? colours[n.community] : n.color };
      }));
      root.setAttribute("data-colour", byCommunity ? "gemeinschaft" : "art");
    }

    if (form) {
      form.addEventListener("change", function (ev) {
        if (ev.target && ev.target.name === "farbe") recolour();
        else refresh(true);
      });
      form.addEventListener("reset", function () {
        window.setTimeout(function () { recolour(); refresh(true); }, 0);
      });
      form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    }
    root.querySelectorAll("button[data-group]").forEach(function (button) {
      button.addEventListener("click", function () {
        var id = button.getAttribute("data-group");
        expand(id, collapsed.has(id));
      });
    });
    groupButtons();
    network.on("doubleClick", function (params) {
      var node = params.nodes.length ? byId[params.nodes[0]] : null;
      if (node && node.aggregate) expand(node.id, true);
      else if (node && node.url) window.location.href = node.url;
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
    root.igVisibleIds = function () { return nodeView.getIds(); };
    root.igTitle = function (id) { return byId[id] ? byId[id].title : null; };
  }

  function start() {
    document.querySelectorAll(".ig-network").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
