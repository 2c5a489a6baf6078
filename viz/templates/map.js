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
  const map = L.map("map", { worldCopyJump: true, fadeAnimation: false });
  L.control.scale().addTo(map);
  // Lines every 5° give a sense of place when there is no background map.
  const lines = [];
  for (let lat = -80; lat <= 80; lat += 5) lines.push([[lat, -180], [lat, 180]]);
  for (let lng = -180; lng <= 180; lng += 5) lines.push([[-85, lng], [85, lng]]);
  L.polyline(lines, { color: "#c8c4bb", weight: 0.6, interactive: false, className: "aid-grid" }).addTo(map);

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
      box.append(el("p", "note",
        `Not on the map: ${missing.no_place} without a place, ${missing.no_coordinates} in places without coordinates.`));
    }

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
      ? "Background: OpenStreetMap tiles (needs a connection)."
      : "No background map: the page works offline.";
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
  if (points.length) {
    map.fitBounds(points, { paddingTopLeft: [40, 40], paddingBottomRight: [legendWidth + 40, 40], maxZoom: 8 });
  }
  else map.setView([35, 105], 4);
  for (const place of data.places) {
    if (place.ring_m > 0) {
      L.circle([place.lat, place.long], {
        radius: place.ring_m, color: place.colour === data.colours.none ? "#333" : place.colour,
        weight: 1, dashArray: "4 4", fillOpacity: 0.06, interactive: false, className: "aid-ring",
      }).addTo(map);
    }
  }
  for (const place of data.places) {
    const marker = L.circleMarker([place.lat, place.long], {
      radius: place.radius, color: "#333", weight: 1.5, fillColor: place.colour, fillOpacity: 0.9,
      className: "aid-place",
    });
    marker.bindTooltip(el("span", null, `${nameOf(place)} · ${plural(place.count, "program")}`));
    marker.bindPopup(() => popup(place), { maxWidth: 380, maxHeight: 360 });
    marker.addTo(map);
    marker.getElement().setAttribute("data-place", place.iri);
  }
})();
