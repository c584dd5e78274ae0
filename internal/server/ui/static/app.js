// dyad dashboard: plain JS over the JSON API (/api/...), no build step.
"use strict";
(function () {
  const $ = (sel) => document.querySelector(sel);
  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const FILTERS = ["from", "to", "actor", "dyad", "plover", "quad", "code", "text"];
  const state = { offset: 0, limit: 25, charts: {} };

  // ---------- helpers ----------
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  function showError(msg) {
    const box = $("#error");
    box.textContent = msg || "";
    box.hidden = !msg;
  }
  async function api(path, opts) {
    const r = await fetch(path, opts);
    const body = await r.json().catch(() => ({ error: r.status + " " + r.statusText }));
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }
  function filterParams() {
    const p = new URLSearchParams();
    const f = $("#filters");
    for (const k of FILTERS) {
      const v = f.elements[k].value.trim();
      if (v) p.set(k, v);
    }
    return p;
  }
  function gclass(g) { return g > 0 ? "g-pos" : g < 0 ? "g-neg" : ""; }
  // gcolor maps a Goldstein score (-10..10) to red..grey..green.
  function gcolor(g) {
    const t = Math.max(-1, Math.min(1, g / 6));
    const mix = (a, b, u) => Math.round(a + (b - a) * u);
    const grey = [150, 155, 160], green = [46, 139, 87], red = [192, 57, 43];
    const c = t >= 0 ? grey.map((v, i) => mix(v, green[i], t)) : grey.map((v, i) => mix(v, red[i], -t));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }
  function actorLabel(a) {
    if (!a || (!a.code && !a.name)) return "—";
    return a.code ? (a.name ? `${a.code} ${a.name}` : a.code) : a.name;
  }
  function toUnix(d) { return Date.parse(d + "T00:00:00Z") / 1000; }

  // highlight fills container with text, marking the byte ranges [start,end) of spans (UTF-8
  // offsets, as the API gives them). Each span is {start, end, label, key}; spans sharing a range
  // share one mark. Returns the marks by key.
  function highlight(container, text, spans) {
    container.textContent = "";
    const bytes = new TextEncoder().encode(text);
    const dec = new TextDecoder();
    const cuts = new Set([0, bytes.length]);
    for (const s of spans) {
      if (s.start >= 0 && s.end <= bytes.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
    }
    const bounds = [...cuts].sort((a, b) => a - b);
    const marks = {};
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i], b = bounds[i + 1];
      const piece = dec.decode(bytes.subarray(a, b));
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { container.append(piece); continue; }
      const m = el("mark", { class: "evidence", "data-keys": covering.map((s) => s.key).join(" ") }, piece);
      m.append(el("sup", {}, covering.map((s) => s.label).join(",")));
      for (const s of covering) (marks[s.key] = marks[s.key] || []).push(m);
      container.append(m);
    }
    return marks;
  }
  function selectMarks(marks, key) {
    document.querySelectorAll("mark.evidence.selected").forEach((m) => m.classList.remove("selected"));
    (marks[key] || []).forEach((m, i) => { m.classList.add("selected"); if (i === 0) m.scrollIntoView({ block: "center" }); });
  }

  // ---------- charts ----------
  function chartWidth(node) { return Math.max(320, node.clientWidth || node.parentNode.clientWidth - 20); }
  function drawChart(name, node, opts, data) {
    if (state.charts[name]) state.charts[name].destroy();
    node.textContent = "";
    opts.width = chartWidth(node);
    opts.height = 280;
    state.charts[name] = new uPlot(opts, data, node);
  }
  const bars = () => uPlot.paths.bars({ size: [0.8, 40] });

  async function loadTimeline(p) {
    const q = new URLSearchParams(p);
    q.set("by", $("#series-by").value);
    const res = await api("/api/series?" + q);
    const pts = res.points;
    const node = $("#timeline");
    const total = pts.reduce((s, x) => s + x.events, 0);
    node.dataset.points = pts.length;
    node.dataset.total = total;
    $("#total").textContent = `${total} events`;
    const data = [pts.map((x) => toUnix(x.period)), pts.map((x) => x.events), pts.map((x) => x.mean)];
    drawChart("timeline", node, {
      scales: { x: { time: true }, y: { range: (u, lo, hi) => [0, Math.max(1, hi) * 1.1] }, g: { range: [-10, 10] } },
      series: [{}, { label: "events", stroke: "#2457a6", fill: "rgba(36,87,166,.35)", paths: bars(), points: { show: false } },
        { label: "mean Goldstein", stroke: "#c0392b", width: 2, scale: "g", points: { show: true, size: 5 } }],
      axes: [{}, { label: "events" }, { scale: "g", side: 1, label: "Goldstein", grid: { show: false } }],
    }, data);
  }

  async function loadCounts(p) {
    const res = await api("/api/counts?" + p);
    const box = $("#counts");
    box.textContent = "";
    const rows = res.plover.filter((k) => k.key);
    const max = Math.max(1, ...rows.map((k) => k.events));
    for (const k of rows) {
      const mean = k.events ? k.goldstein / k.events : 0;
      box.append(el("div", { class: "bar", title: `${k.events} events, mean Goldstein ${mean.toFixed(1)}`, onclick: () => setFilter("plover", k.key) },
        el("span", { class: "k" }, k.key),
        el("span", { class: "b", style: `width:${Math.max(2, 220 * k.events / max)}px;background:${gcolor(mean)}` }),
        el("span", {}, String(k.events))));
    }
    const quads = res.quad.filter((k) => k.key && k.key !== "0");
    box.append(el("p", { class: "muted small" }, "Quad classes: " + (quads.map((k) => `${k.key}: ${k.events}`).join(" · ") || "none")));
    if (!rows.length) box.append(el("p", { class: "muted" }, "No events with a PLOVER type."));
  }

  async function loadNetwork(p) {
    const q = new URLSearchParams(p);
    q.set("level", "country");
    q.set("limit", "30");
    const res = await api("/api/top/dyads?" + q);
    const g = $("#network");
    g.textContent = "";
    const nodes = [];
    for (const d of res.dyads) for (const c of [d.source, d.target]) if (!nodes.includes(c)) nodes.push(c);
    g.dataset.nodes = nodes.length;
    g.dataset.edges = res.dyads.length;
    if (!nodes.length) {
      g.append(Object.assign(svg("text", { x: 210, y: 210, "text-anchor": "middle" }), { textContent: "No actor pairs." }));
      return;
    }
    const cx = 210, cy = 210, r = 160;
    const pos = {};
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      pos[n] = [cx + r * Math.cos(a), cy + r * Math.sin(a), a];
    });
    const defs = svg("defs");
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }));
    defs.append(marker);
    g.append(defs);
    const max = Math.max(...res.dyads.map((d) => d.events));
    for (const d of res.dyads) {
      const [x1, y1] = pos[d.source], [x2, y2] = pos[d.target];
      // bend each direction to its own side so A→B and B→A do not overlap
      const mx = (x1 + x2) / 2 + (y2 - y1) * 0.15, my = (y1 + y2) / 2 - (x2 - x1) * 0.15;
      // stop short of the target's dot so the arrowhead shows
      const dx = x2 - mx, dy = y2 - my, len = Math.hypot(dx, dy) || 1;
      const ex = x2 - (dx / len) * 6, ey = y2 - (dy / len) * 6;
      const path = svg("path", { d: `M${x1},${y1} Q${mx},${my} ${ex},${ey}`, fill: "none", stroke: gcolor(d.mean),
        "stroke-width": 1 + 5 * Math.sqrt(d.events / max), "stroke-opacity": 0.75, "marker-end": "url(#arrow)", class: "edge" });
      const t = svg("title");
      t.textContent = `${d.source} → ${d.target}: ${d.events} events, mean Goldstein ${d.mean.toFixed(1)}`;
      path.append(t);
      path.addEventListener("click", () => openDyad(d.source, d.target));
      g.append(path);
    }
    for (const n of nodes) {
      const [x, y, a] = pos[n];
      g.append(svg("circle", { cx: x, cy: y, r: 4, fill: "#2457a6" }));
      const lx = cx + (r + 16) * Math.cos(a), ly = cy + (r + 16) * Math.sin(a);
      const t = svg("text", { x: lx, y: ly + 4, "text-anchor": Math.abs(Math.cos(a)) < 0.3 ? "middle" : Math.cos(a) > 0 ? "start" : "end" });
      t.textContent = n;
      t.addEventListener("click", () => setFilter("actor", n));
      g.append(t);
    }
  }

  // ---------- map ----------
  const W = 720, H = 360;
  const project = ([lon, lat]) => [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];
  let mapBase = null;
  async function mapShapes() {
    if (mapBase) return mapBase;
    const topo = await (await fetch("/vendor/countries-110m.json")).json();
    const geo = topojson.feature(topo, topo.objects.countries);
    const ring = (pts) => "M" + pts.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
    mapBase = geo.features.map((f) => {
      const g = f.geometry;
      if (!g) return "";
      const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      return polys.map((poly) => poly.map(ring).join("")).join("");
    });
    return mapBase;
  }
  async function loadMap(p) {
    const [shapes, res] = await Promise.all([mapShapes(), api("/api/places?" + p)]);
    const g = $("#map");
    g.textContent = "";
    g.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
    for (const d of shapes) if (d) g.append(svg("path", { d, class: "land" }));
    const max = Math.max(1, ...res.places.map((x) => x.events));
    g.dataset.places = res.places.length;
    for (const pl of res.places.slice().reverse()) {
      const [x, y] = project([pl.lon, pl.lat]);
      const c = svg("circle", { cx: x, cy: y, r: 2.5 + 12 * Math.sqrt(pl.events / max), fill: gcolor(pl.mean), class: "place" });
      const t = svg("title");
      t.textContent = `${pl.name} (${pl.country}): ${pl.events} events, mean Goldstein ${pl.mean.toFixed(1)}`;
      c.append(t);
      c.addEventListener("click", () => { $("#filters").elements.text.value = ""; setFilterRaw("place", pl.name); });
      g.append(c);
    }
  }

  // ---------- events table ----------
  async function loadEvents(p) {
    const q = new URLSearchParams(p);
    q.set("limit", state.limit);
    q.set("offset", state.offset);
    q.set("sort", $("#sort").value);
    const res = await api("/api/events?" + q);
    const tb = $("#event-rows");
    tb.textContent = "";
    for (const e of res.events) {
      const tr = el("tr", { "data-doc": e.doc, "data-id": e.id, onclick: () => openArticle(e.doc, e.id) },
        el("td", {}, e.date || ""), el("td", {}, actorLabel(e.source)), el("td", {}, actorLabel(e.target)),
        el("td", {}, e.cameo), el("td", {}, e.plover || ""),
        el("td", { class: gclass(e.goldstein) }, e.goldstein.toFixed(1)),
        el("td", {}, e.location ? e.location.name : ""), el("td", { class: "ev" }, e.evidence));
      tb.append(tr);
    }
    if (!res.events.length) tb.append(el("tr", {}, el("td", { colspan: 8, class: "muted" }, "No events match.")));
    const last = Math.min(res.total, res.offset + res.events.length);
    $("#page-info").textContent = res.total ? `${res.offset + 1}–${last} of ${res.total}` : "0 of 0";
    $("#prev").disabled = res.offset === 0;
    $("#next").disabled = last >= res.total;
    $("#events").dataset.total = res.total;
  }

  // ---------- article ----------
  async function openArticle(doc, eventID) {
    try {
      const res = await api("/api/articles/" + encodeURIComponent(doc));
      const a = res.article;
      $("#article-title").textContent = a.title || a.id;
      $("#article-meta").textContent = [a.date, a.source, a.url, a.id].filter(Boolean).join(" · ");
      const spans = res.events.map((e, i) => ({ start: e.span[0], end: e.span[1], label: String(i + 1), key: e.id }));
      const marks = highlight($("#article-text"), a.text, spans);
      const tb = $("#article-events");
      tb.textContent = "";
      res.events.forEach((e, i) => {
        tb.append(el("tr", { "data-id": e.id, onclick: () => selectMarks(marks, e.id) },
          el("td", {}, String(i + 1)), el("td", {}, e.date || ""), el("td", {}, actorLabel(e.source)), el("td", {}, actorLabel(e.target)),
          el("td", {}, e.cameo), el("td", {}, e.plover || ""), el("td", { class: gclass(e.goldstein) }, e.goldstein.toFixed(1))));
      });
      const d = $("#article");
      if (!d.open) d.showModal();
      if (eventID) selectMarks(marks, eventID);
    } catch (err) { showError(err.message); }
  }

  // ---------- dyad view ----------
  function openDyad(a, b) {
    const f = $("#dyad-form");
    f.elements.a.value = a;
    f.elements.b.value = b;
    location.hash = "#/dyad";
    loadDyad();
  }
  async function loadDyad() {
    const f = $("#dyad-form");
    const a = f.elements.a.value.trim(), b = f.elements.b.value.trim();
    if (!a || !b) return;
    const q = filterParams();
    for (const k of ["actor", "dyad"]) q.delete(k);
    q.set("a", a); q.set("b", b); q.set("by", f.elements.by.value);
    try {
      const res = await api("/api/dyad?" + q);
      showError("");
      const xs = [...new Set([...res.ab, ...res.ba].map((x) => x.period))].sort();
      const byP = (pts) => Object.fromEntries(pts.map((x) => [x.period, x]));
      const ab = byP(res.ab), ba = byP(res.ba);
      const n = (m, k) => (m[k] ? m[k].events : 0), g = (m, k) => (m[k] ? m[k].mean : null);
      const sum = (pts) => pts.reduce((s, x) => s + x.events, 0);
      $("#dyad-total").textContent = `${res.a}→${res.b}: ${sum(res.ab)} events · ${res.b}→${res.a}: ${sum(res.ba)} events`;
      const node = $("#dyad-chart");
      node.dataset.ab = sum(res.ab);
      node.dataset.ba = sum(res.ba);
      drawChart("dyad", node, {
        scales: { x: { time: true }, y: { range: (u, lo, hi) => [0, Math.max(1, hi) * 1.1] }, g: { range: [-10, 10] } },
        series: [{},
          { label: `${res.a}→${res.b}`, stroke: "#2457a6", fill: "rgba(36,87,166,.35)", paths: bars(), points: { show: false } },
          { label: `${res.b}→${res.a}`, stroke: "#d98c1f", fill: "rgba(217,140,31,.35)", paths: bars(), points: { show: false } },
          { label: `Goldstein ${res.a}→${res.b}`, stroke: "#2457a6", width: 2, dash: [5, 3], scale: "g", spanGaps: true },
          { label: `Goldstein ${res.b}→${res.a}`, stroke: "#d98c1f", width: 2, dash: [5, 3], scale: "g", spanGaps: true }],
        axes: [{}, { label: "events" }, { scale: "g", side: 1, label: "Goldstein", grid: { show: false } }],
      }, [xs.map(toUnix), xs.map((k) => n(ab, k)), xs.map((k) => n(ba, k)), xs.map((k) => g(ab, k)), xs.map((k) => g(ba, k))]);
    } catch (err) { showError(err.message); }
  }

  // ---------- code some text ----------
  async function codeText(ev) {
    ev.preventDefault();
    const text = $("#code-text").value;
    const date = $("#code-date").value;
    $("#code-status").textContent = "coding…";
    try {
      const res = await api("/api/code", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, date: date || null }) });
      showError("");
      const spans = res.events.map((e, i) => ({ start: e.span[0], end: e.span[1], label: String(i + 1), key: e.id }));
      const marks = highlight($("#code-out"), res.article.text, spans);
      const tb = $("#code-events");
      tb.textContent = "";
      res.events.forEach((e, i) => {
        tb.append(el("tr", { "data-id": e.id, onclick: () => selectMarks(marks, e.id) },
          el("td", {}, String(i + 1)), el("td", {}, actorLabel(e.source)), el("td", {}, actorLabel(e.target)),
          el("td", { title: e.evidence }, e.cameo), el("td", {}, e.plover || ""),
          el("td", { class: gclass(e.goldstein) }, e.goldstein.toFixed(1)), el("td", {}, e.location ? e.location.name : "")));
      });
      $("#code-status").textContent = `${res.events.length} events`;
    } catch (err) {
      $("#code-status").textContent = "";
      showError(err.message);
    }
  }

  // ---------- wiring ----------
  function setFilterRaw(name, value) {
    const f = $("#filters");
    if (f.elements[name]) f.elements[name].value = value; else state.extra = { [name]: value };
    state.offset = 0;
    refresh();
  }
  function setFilter(name, value) { setFilterRaw(name, value); }

  async function refresh() {
    const p = filterParams();
    if (state.extra) for (const [k, v] of Object.entries(state.extra)) p.set(k, v);
    history.replaceState(null, "", "?" + p + location.hash);
    const view = currentView();
    try {
      if (view === "overview") {
        await Promise.all([loadTimeline(p), loadEvents(p), loadCounts(p), loadNetwork(p), loadMap(p)]);
      } else if (view === "dyad") {
        await loadDyad();
      }
      showError("");
    } catch (err) { showError(err.message); }
    document.body.dataset.loaded = String(Date.now());
  }
  function currentView() {
    const v = (location.hash.match(/^#\/(\w+)/) || [])[1];
    return ["overview", "dyad", "code"].includes(v) ? v : "overview";
  }
  function showView() {
    const v = currentView();
    for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== "view-" + v;
    for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.view === v);
    $("#filters").hidden = v === "code";
    refresh();
  }

  function init() {
    $("#code-date").value = new Date().toISOString().slice(0, 10); // relative dates in pasted text resolve from today
    const sel = $("#filters").elements.plover;
    for (const t of PLOVER) sel.append(el("option", { value: t }, t));
    const params = new URLSearchParams(location.search);
    for (const k of FILTERS) if (params.has(k)) $("#filters").elements[k].value = params.get(k);
    if (params.has("place")) state.extra = { place: params.get("place") };
    $("#filters").addEventListener("submit", (e) => { e.preventDefault(); state.offset = 0; state.extra = null; refresh(); });
    $("#reset-filters").addEventListener("click", () => { $("#filters").reset(); state.offset = 0; state.extra = null; refresh(); });
    $("#series-by").addEventListener("change", () => loadTimeline(filterParams()).catch((e) => showError(e.message)));
    $("#sort").addEventListener("change", () => { state.offset = 0; loadEvents(filterParams()).catch((e) => showError(e.message)); });
    $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadEvents(filterParams()).catch((e) => showError(e.message)); });
    $("#next").addEventListener("click", () => { state.offset += state.limit; loadEvents(filterParams()).catch((e) => showError(e.message)); });
    $("#article-close").addEventListener("click", () => $("#article").close());
    $("#dyad-form").addEventListener("submit", (e) => { e.preventDefault(); loadDyad(); });
    $("#code-form").addEventListener("submit", codeText);
    let t = null;
    $("#filters").elements.actor.addEventListener("input", (e) => {
      clearTimeout(t);
      t = setTimeout(async () => {
        try {
          const res = await api("/api/actors?limit=15&q=" + encodeURIComponent(e.target.value.trim()));
          const dl = $("#actor-list");
          dl.textContent = "";
          for (const a of res.actors) dl.append(el("option", { value: a.code }, `${a.name} (${a.events})`));
        } catch (err) { /* suggestions are optional */ }
      }, 200);
    });
    api("/api/stats").then((s) => {
      $("#stats").textContent = `${s.articles} articles · ${s.events} events` + (s.first ? ` · ${s.first} to ${s.last}` : "");
    }).catch((e) => showError(e.message));
    window.addEventListener("hashchange", showView);
    let rt = null;
    window.addEventListener("resize", () => { clearTimeout(rt); rt = setTimeout(() => {
      for (const [k, c] of Object.entries(state.charts)) c.setSize({ width: chartWidth(c.root.parentNode), height: 280 });
    }, 150); });
    showView();
  }
  init();
})();
