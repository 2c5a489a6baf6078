"use strict";
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const STYLES = {
    Place: { color: "#4e9a06", shape: "dot", glyph: "●" },
    Organization: { color: "#3465a4", shape: "square", glyph: "■" },
    Program: { color: "#cc0000", shape: "diamond", glyph: "◆" },
    Event: { color: "#f57900", shape: "triangle", glyph: "▲" },
    Person: { color: "#75507b", shape: "star", glyph: "★" },
    Work: { color: "#c4a000", shape: "triangleDown", glyph: "▼" },
  };
  const OTHER = { color: "#888888", shape: "dot", glyph: "●" };
  const LABELS = {
    zh: (n) => n.zh || n.en || n.py || n.iri,
    en: (n) => n.en || n.py || n.zh || n.iri,
    py: (n) => n.py || n.en || n.zh || n.iri,
    both: (n) => [n.zh, n.en].filter(Boolean).join("\n") || n.iri,
  };
  const byId = (id) => document.getElementById(id);
  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  const style = (top) => STYLES[top] || OTHER;

  // What is shown: classes and predicates ticked, and the nodes of one funder (null: all).
  const order = Object.keys(STYLES);
  const rank = (top) => (order.includes(top) ? order.indexOf(top) : order.length);
  const tops = [...new Set(data.nodes.map((n) => n.top))].sort((a, b) => rank(a) - rank(b));
  const predicates = [...new Set(data.edges.map((e) => e.p))].sort();
  const shown = { tops: new Set(tops), predicates: new Set(predicates), funder: null };

  const label = (n) => LABELS[byId("language").value](n);
  const nodes = new vis.DataSet(data.nodes.map((n, i) => ({
    id: i, label: label(n), value: n.deg, x: n.x, y: n.y,
    shape: style(n.top).shape, color: style(n.top).color,
  })));
  const edges = new vis.DataSet(data.edges.map((e, i) => ({ id: i, from: e.from, to: e.to, label: e.p })));
  const nodeView = new vis.DataView(nodes, {
    filter: (item) => shown.tops.has(data.nodes[item.id].top) && (!shown.funder || shown.funder.has(item.id)),
  });
  const edgeView = new vis.DataView(edges, { filter: (item) => shown.predicates.has(data.edges[item.id].p) });

  const options = {
    // Positions come laid out: physics would only drift lone nodes away, and costs time on large graphs.
    physics: false,
    nodes: {
      scaling: { min: 8, max: 40, label: { enabled: true, min: 12, max: 24, drawThreshold: 4 } },
      font: { size: 13 }, borderWidth: 1,
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      font: { size: 10, align: "middle", color: "#555" },
      color: { color: "#a0a0a0", highlight: "#333333", hover: "#333333" },
      smooth: data.large ? false : { type: "continuous" },
    },
    interaction: { hover: true, hideEdgesOnDrag: data.large, hideEdgesOnZoom: data.large },
  };
  const network = new vis.Network(byId("network"), { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network;

  // Tests and scripts wait for this: the network has drawn its nodes once.
  network.once("afterDrawing", () => { document.body.dataset.ready = "true"; });

  // The side panel: every text of the graph goes in with textContent, never as HTML.
  const details = byId("details");
  let pinned = false;

  function safeUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }
  function fields(pairs) {
    const list = element("dl");
    for (const [name, value] of pairs) {
      if (value === undefined || value === null || value === "") continue;
      list.append(element("dt", name), element("dd", value));
    }
    return list;
  }
  function evidence(items) {
    const box = element("div");
    box.append(element("h2", items.length ? `Evidence (${items.length})` : "No evidence"));
    for (const [sentence, documentIndex, strength] of items) {
      const item = element("div", null, "evidence");
      if (sentence !== null) item.append(element("p", data.sentences[sentence].trim()));
      const doc = documentIndex === null ? null : data.documents[documentIndex];
      const source = element("p", null, "source");
      if (doc) {
        source.append(element("span", [doc.title || doc.path || doc.iri, doc.publisher, doc.date].filter(Boolean).join(" · ")));
        const href = doc.url && safeUrl(doc.url);
        if (href) {
          const link = element("a", "open report");
          link.href = href;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          source.append(" · ", link);
        } else if (doc.url) {
          source.append(` · ${doc.url}`);
        }
        if (doc.path) source.append(element("br"), `file: ${doc.path}`);
      }
      if (strength) source.append(element("br"), `evidence: ${strength}`);
      item.append(source);
      box.append(item);
    }
    return box;
  }
  function nodeButton(index) {
    const button = element("button", LABELS.zh(data.nodes[index]), "link");
    button.type = "button";
    button.addEventListener("click", () => goTo(index));
    return button;
  }
  function showNode(index) {
    const n = data.nodes[index];
    details.replaceChildren(
      element("h2", LABELS.zh(n)),
      fields([["class", `${n.cls || ""} (${n.top || "?"})`], ["中文", n.zh], ["English", n.en], ["Pinyin", n.py],
              ["other names", (n.alt || []).join("; ")], ["links", String(n.deg)], ["IRI", n.iri]]),
      evidence(n.ev),
    );
    const links = network.getConnectedEdges(index);
    if (links.length) {
      details.append(element("h2", "Links"));
      const list = element("ul");
      for (const edgeIndex of links.slice(0, 100)) {
        const e = data.edges[edgeIndex];
        const link = element("button", e.from === index ? `${e.p} →` : `← ${e.p}`, "link");
        link.type = "button";
        link.addEventListener("click", () => { network.selectEdges([edgeIndex]); showEdge(edgeIndex); });
        const row = element("li");
        row.append(link, " ", nodeButton(e.from === index ? e.to : e.from));
        list.append(row);
      }
      details.append(list);
    }
  }
  function showEdge(index) {
    const e = data.edges[index];
    const heading = element("h2");
    heading.append(nodeButton(e.from), ` —${e.p}→ `, nodeButton(e.to));
    details.replaceChildren(heading, evidence(e.ev));
  }
  network.on("click", (event) => {
    pinned = event.nodes.length > 0 || event.edges.length > 0;
    if (event.nodes.length) showNode(event.nodes[0]);
    else if (event.edges.length) showEdge(event.edges[0]);
  });
  network.on("hoverNode", (event) => { if (!pinned) showNode(event.node); });
  network.on("hoverEdge", (event) => { if (!pinned) showEdge(event.edge); });

  // Filters.
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    byId("shown").textContent = `${nodeView.length} of ${data.nodes.length} nodes shown`;
  }
  function checkbox(container, text, glyph, color, checked, onChange) {
    const row = element("label", null, "filter");
    const box = element("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    const mark = element("span", glyph, "glyph");
    mark.style.color = color;
    row.append(box, mark, text[0], element("span", ` (${text[1]})`, "count"));
    container.append(row);
    return box;
  }
  const count = (list, key, value) => list.filter((item) => item[key] === value).length;
  const topBoxes = tops.map((top) => checkbox(byId("classes"), [top || "?", count(data.nodes, "top", top)],
    style(top).glyph, style(top).color, true, (on) => { on ? shown.tops.add(top) : shown.tops.delete(top); refresh(); }));
  const predicateBoxes = predicates.map((p) => checkbox(byId("predicates"), [p, count(data.edges, "p", p)], "→", "#666",
    true, (on) => { on ? shown.predicates.add(p) : shown.predicates.delete(p); refresh(); }));
  const funderSelect = byId("funder");
  const funders = [...data.funders].sort((a, b) => LABELS.zh(data.nodes[a.node]).localeCompare(LABELS.zh(data.nodes[b.node])));
  for (const funder of funders) {
    const option = element("option", `${LABELS.zh(data.nodes[funder.node])} (${funder.members.length})`);
    option.value = String(funder.node);
    funderSelect.append(option);
  }
  funderSelect.addEventListener("change", () => {
    const funder = data.funders.find((f) => String(f.node) === funderSelect.value);
    shown.funder = funder ? new Set(funder.members) : null;
    refresh();
    if (funder) network.fit({ nodes: funder.members, animation: false });
  });
  function showAll() {
    tops.forEach((top, i) => { shown.tops.add(top); topBoxes[i].checked = true; });
    predicates.forEach((p, i) => { shown.predicates.add(p); predicateBoxes[i].checked = true; });
    shown.funder = null;
    funderSelect.value = "";
    refresh();
  }
  byId("language").addEventListener("change", () => {
    nodes.update(data.nodes.map((n, i) => ({ id: i, label: label(n) })));
  });

  // Search by any label: Chinese, English, pinyin with or without tones, other names.
  const normal = (text) => (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[\s'’‘"“”·•\-_.,()（）《》「」]/g, "");
  const keys = data.nodes.map((n) => [n.zh, n.en, n.py, ...(n.alt || [])].filter(Boolean).map(normal));
  function search(text) {
    const query = normal(text);
    if (!query) return [];
    const hits = [];
    keys.forEach((names, i) => {
      // Best match first: the whole name, its start, anywhere in it; then the most linked node.
      let best = 3;
      for (const name of names) {
        best = Math.min(best, name === query ? 0 : name.startsWith(query) ? 1 : name.includes(query) ? 2 : 3);
      }
      if (best < 3) hits.push([best, -data.nodes[i].deg, i]);
    });
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return hits.map((hit) => hit[2]);
  }
  function goTo(index) {
    if (!nodeView.get(index)) showAll();
    network.selectNodes([index]);
    network.focus(index, { scale: Math.max(network.getScale(), 1), animation: false });
    pinned = true;
    showNode(index);
  }
  byId("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const hits = search(byId("query").value);
    const results = byId("results");
    results.replaceChildren(element("p", hits.length ? `${hits.length} found` : "Nothing found", "hint"));
    for (const index of hits.slice(1, 20)) results.append(nodeButton(index));
    if (hits.length) goTo(hits[0]);
  });
  refresh();
})();
