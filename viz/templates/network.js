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
  // A large network opens on its overview: funders and places, one link per funder and place that
  // stands for the programs between them (width: how many). Other nodes come in when opened.
  const overview = data.overview;
  const aggregated = new Map();  // node index -> programs on its overview links
  if (overview) {
    for (const [a, b, count] of overview) {
      aggregated.set(a, (aggregated.get(a) || 0) + count);
      aggregated.set(b, (aggregated.get(b) || 0) + count);
    }
  }
  const nodeItem = (n, i) => ({
    id: i, label: label(n), value: overview ? (aggregated.get(i) || 1) : n.deg, x: n.x, y: n.y,
    shape: style(n.top).shape, color: style(n.top).color,
  });
  const inOverview = (n, i) => !overview || n.x !== null;
  const nodes = new vis.DataSet(data.nodes.map(nodeItem).filter((item) => inOverview(data.nodes[item.id], item.id)));
  const edgeItem = (e, i) => ({ id: i, from: e.from, to: e.to, label: e.p });
  const edges = new vis.DataSet(overview
    ? overview.map(([a, b, count], i) => ({
      id: `o${i}`, from: a, to: b, width: 0.5 + Math.log2(count),
      title: `${count} program${count === 1 ? "" : "s"}`,
    }))
    : data.edges.map(edgeItem));
  const predicateOf = (id) => (typeof id === "string" ? "fundedBy" : data.edges[id].p);
  // Links of each node, for opening it.
  const linksOf = data.nodes.map(() => []);
  data.edges.forEach((e, i) => { linksOf[e.from].push(i); linksOf[e.to].push(i); });
  const nodeView = new vis.DataView(nodes, {
    filter: (item) => shown.tops.has(data.nodes[item.id].top) && (!shown.funder || shown.funder.has(item.id)),
  });
  const edgeView = new vis.DataView(edges, { filter: (item) => shown.predicates.has(predicateOf(item.id)) });

  const options = {
    // Positions come laid out: physics would only drift lone nodes away, and costs time on large graphs.
    physics: false,
    // Labels grow with the node's links and are not drawn when they would be under 7 px on screen:
    // zoom in to read the small ones.
    nodes: {
      scaling: { min: 8, max: 40, label: { enabled: true, min: 16, max: 34, drawThreshold: 9, maxVisible: 40 } },
      font: { size: 14, strokeWidth: 3, color: "#343434", strokeColor: "#ffffff" }, borderWidth: 1,
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

  // Opening a node: its neighbours not yet drawn come in on a ring round it, wide enough that their
  // labels do not overlap, with every link among the drawn nodes.
  function reveal(index) {
    if (!nodes.get(index)) {
      const n = data.nodes[index];
      const near = linksOf[index].map((e) => data.edges[e]).map((e) => (e.from === index ? e.to : e.from))
        .find((other) => nodes.get(other));
      const at = near !== undefined ? network.getPosition(near) : { x: 0, y: 0 };
      nodes.add({ ...nodeItem(n, index), x: at.x + 60, y: at.y + 60 });
    }
    const centre = network.getPosition(index);
    const fresh = [];
    for (const e of linksOf[index]) {
      const other = data.edges[e].from === index ? data.edges[e].to : data.edges[e].from;
      if (!nodes.get(other) && !fresh.includes(other)) fresh.push(other);
    }
    const shownFresh = fresh.slice(0, 200);
    const radius = Math.max(180, (shownFresh.length * 46) / (2 * Math.PI));
    nodes.add(shownFresh.map((other, k) => {
      const angle = (2 * Math.PI * k) / shownFresh.length;
      return { ...nodeItem(data.nodes[other], other), x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
    }));
    const drawn = new Set(nodes.getIds());
    const add = [];
    for (const other of [index, ...shownFresh]) {
      for (const e of linksOf[other]) {
        const edge = data.edges[e];
        if (drawn.has(edge.from) && drawn.has(edge.to) && !edges.get(e)) add.push(edgeItem(edge, e));
      }
    }
    edges.update(add);
    return shownFresh.length < fresh.length ? fresh.length - shownFresh.length : 0;
  }
  // The node asked for (--around, --funder, a search) stands out: bigger, thick dark border, bold label.
  let highlighted = null;
  function highlight(index) {
    if (highlighted !== null && nodes.get(highlighted)) {
      const before = highlighted;
      highlighted = null;
      nodes.update({ id: before, borderWidth: 1, color: style(data.nodes[before].top).color, font: fontOf(before) });
    }
    highlighted = index;
    nodes.update({
      id: index, borderWidth: 5,
      color: { background: style(data.nodes[index].top).color, border: "#111111" },
      font: fontOf(index),
    });
    document.body.dataset.focus = data.nodes[index].iri;
  }

  // No label covers another. vis-network sizes labels by links (scaling.label) and leaves out those
  // too small on screen (drawThreshold), but draws the rest over each other. So after each drawing
  // the labels in view are taken in order — the focus and its neighbours first, then the biggest
  // nodes — and one that would overlap a label kept before it (or a node of the focus's
  // neighbourhood) is made transparent, until zooming in makes room for it.
  const FONT = { color: "#343434", strokeColor: "#ffffff" };
  const HIDDEN = "rgba(0,0,0,0)";
  let hidden = new Set();
  function fontOf(index) {
    const font = hidden.has(index) ? { color: HIDDEN, strokeColor: HIDDEN } : { ...FONT };
    return index === highlighted ? { ...font, size: 18, bold: true } : font;
  }
  const overlaps = (a, b, pad) => a.left < b.right + pad && b.left < a.right + pad &&
    a.top < b.bottom + pad && b.top < a.bottom + pad;
  function declutter() {
    const scale = network.getScale();
    const box = byId("network").getBoundingClientRect();
    const corner = network.DOMtoCanvas({ x: 0, y: 0 });
    const far = network.DOMtoCanvas({ x: box.width, y: box.height });
    const view = { left: corner.x, top: corner.y, right: far.x, bottom: far.y };
    const near = new Set();
    if (highlighted !== null) {
      near.add(highlighted);
      for (const other of network.getConnectedNodes(highlighted)) near.add(other);
    }
    const labels = [];
    for (const id of network.body.nodeIndices) {
      const node = network.body.nodes[id];
      const module = node.labelModule;
      const threshold = node.options.scaling.label.drawThreshold;
      if (!node.options.label || module.fontOptions.size * scale < threshold - 1 || !module.size.width) continue;
      const { left, top, width, height } = module.size;
      const label = { left, top, right: left + width, bottom: top + height };
      if (!overlaps(label, view, 0)) continue;
      labels.push([near.has(id) ? 0 : 1, -(node.options.value || 0), id, label]);
    }
    labels.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    // The nodes of the focus's neighbourhood stay uncovered too (their shapes: vis-network's
    // boundingBox of a node includes its label).
    const kept = [...near].filter((id) => network.body.nodes[id]).map((id) => {
      const node = network.body.nodes[id];
      const r = node.options.size;
      return [id, { left: node.x - r, top: node.y - r, right: node.x + r, bottom: node.y + r }];
    });
    const hide = new Set();
    const pad = 2 / scale;  // two pixels between labels on screen
    for (const [, , id, label] of labels) {
      if (kept.some(([owner, other]) => owner !== id && overlaps(label, other, pad))) hide.add(id);
      else kept.push([id, label]);
    }
    const changed = [...hide].filter((id) => !hidden.has(id)).concat([...hidden].filter((id) => !hide.has(id) && nodes.get(id)));
    hidden = hide;
    if (changed.length) nodes.update(changed.map((id) => ({ id, font: fontOf(id) })));
  }

  // Tests and scripts wait for this: the network has drawn its nodes once.
  network.once("afterDrawing", () => {
    if (data.focus !== null && data.focus !== undefined) goTo(data.focus);
    document.body.dataset.ready = "true";
  });
  network.on("afterDrawing", declutter);

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
    const links = linksOf[index];
    if (links.length) {
      details.append(element("h2", "Links"));
      const list = element("ul");
      for (const edgeIndex of links.slice(0, 100)) {
        const e = data.edges[edgeIndex];
        const link = element("button", e.from === index ? `${e.p} →` : `← ${e.p}`, "link");
        link.type = "button";
        link.addEventListener("click", () => {
          if (edges.get(edgeIndex)) network.selectEdges([edgeIndex]);
          showEdge(edgeIndex);
        });
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
  function showAggregate(id) {
    const [a, b, count] = overview[Number(id.slice(1))];
    const heading = element("h2");
    heading.append(nodeButton(a), " —fundedBy→ programs located in ", nodeButton(b));
    details.replaceChildren(heading,
      element("p", `${count} program${count === 1 ? "" : "s"}: open either end (click it) to draw them.`, "hint"));
  }
  network.on("click", (event) => {
    pinned = event.nodes.length > 0 || event.edges.length > 0;
    if (event.nodes.length) {
      if (overview) reveal(event.nodes[0]);
      showNode(event.nodes[0]);
    } else if (event.edges.length) {
      const id = event.edges[0];
      if (typeof id === "string") showAggregate(id);
      else showEdge(id);
    }
  });
  network.on("hoverNode", (event) => { if (!pinned) showNode(event.node); });
  network.on("hoverEdge", (event) => {
    if (pinned) return;
    if (typeof event.edge === "string") showAggregate(event.edge);
    else showEdge(event.edge);
  });

  // Filters.
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    byId("shown").textContent = `${nodeView.length} of ${data.nodes.length} nodes shown` +
      (overview ? " (overview: funders and the places of their programs; click a node to open it)" : "");
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
  if (overview) {
    for (const [a, b] of overview) for (const end of [a, b]) if (!nodes.get(end)) nodes.add(nodeItem(data.nodes[end], end));
  }
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
    if (funder && overview) reveal(funder.node);
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
    if (overview) reveal(index);
    if (!nodeView.get(index)) showAll();
    highlight(index);
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
