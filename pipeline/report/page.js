// Détente report: an interactive tone chart drawn as SVG from the embedded data.
// All feed text is inserted with textContent, never as HTML.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const COLORS = ["#1f5fa8", "#c0392b"];
  const state = { period: DATA.default_period, pair: DATA.pairs.length ? 0 : -1, actor: "", selected: null };

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }
  function fmt(x) { return (x >= 0 ? "+" : "") + x.toFixed(2); }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

  function dyadsOfPair() {
    if (state.pair < 0) return [];
    const [a, b] = DATA.pairs[state.pair];
    return [a + ":" + b, b + ":" + a];
  }

  function statementsOf(dyad, period) {
    return DATA.statements.filter(s => s.dyad === dyad
      && (period === null || s[state.period] === period)
      && (!state.actor || s.speakers.includes(state.actor)));
  }

  // Points for the actor filter are computed here (mean and normal interval); without
  // it the series computed by Détente (bootstrap for small n) are used as they are.
  function pointsOf(dyad) {
    if (!state.actor) return (DATA.series[state.period] || {})[dyad] || [];
    const groups = new Map();
    for (const s of statementsOf(dyad, null)) {
      const key = s[state.period];
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(s.tone);
    }
    return [...groups.keys()].sort().map(period => {
      const t = groups.get(period), n = t.length, mean = t.reduce((a, b) => a + b, 0) / n;
      const sd = n > 1 ? Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
      const half = 1.96 * sd / Math.sqrt(n);
      return { period, dyad, n, tone: mean, ci_low: mean - half, ci_high: mean + half, shift: null };
    });
  }

  function draw() {
    const host = document.getElementById("chart");
    host.replaceChildren();
    const dyads = dyadsOfPair();
    const series = dyads.map(pointsOf);
    const periods = [...new Set(series.flat().map(p => p.period))].sort();
    const W = 960, H = 360, L = 48, R = 16, T = 16, B = 46;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "tone chart" });
    const x = i => L + (periods.length < 2 ? (W - L - R) / 2 : i * (W - L - R) / (periods.length - 1));
    const y = v => T + (1 - (v + 1) / 2) * (H - T - B);
    for (const v of [-1, -0.5, 0, 0.5, 1]) {
      root.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? "zero" : "grid" }));
      const label = svg("text", { x: 4, y: y(v) + 4, class: "axis" });
      label.textContent = fmt(v);
      root.appendChild(label);
    }
    const step = Math.max(1, Math.ceil(periods.length / 12));
    periods.forEach((p, i) => {
      if (i % step) return;
      const label = svg("text", { x: x(i), y: H - 24, class: "axis", "text-anchor": "middle" });
      label.textContent = p;
      root.appendChild(label);
    });
    series.forEach((points, k) => {
      if (!points.length) return;
      const idx = p => periods.indexOf(p.period);
      const band = points.map(p => `${x(idx(p))},${y(p.ci_high)}`)
        .concat(points.slice().reverse().map(p => `${x(idx(p))},${y(p.ci_low)}`)).join(" ");
      root.appendChild(svg("polygon", { points: band, fill: COLORS[k], opacity: 0.15 }));
      root.appendChild(svg("polyline", { points: points.map(p => `${x(idx(p))},${y(p.tone)}`).join(" "),
        fill: "none", stroke: COLORS[k], "stroke-width": 2 }));
      for (const p of points) {
        const dot = svg("circle", { cx: x(idx(p)), cy: y(p.tone), r: p.shift !== null ? 7 : 5, fill: COLORS[k],
          class: "point" + (p.shift !== null ? " shift" : ""), "data-dyad": p.dyad, "data-period": p.period,
          tabindex: 0 });
        const tip = svg("title");
        tip.textContent = `${p.dyad.replace(":", " → ")} ${p.period}: tone ${fmt(p.tone)} ` +
          `[${fmt(p.ci_low)}, ${fmt(p.ci_high)}], n=${p.n}` + (p.shift !== null ? `, shift z=${fmt(p.shift)}` : "");
        dot.appendChild(tip);
        dot.addEventListener("click", () => select(p.dyad, p.period));
        root.appendChild(dot);
      }
    });
    host.appendChild(root);
    const legend = document.getElementById("legend");
    legend.replaceChildren(...dyads.map((d, k) => el("span", { style: `color:${COLORS[k]}` },
      "● " + d.replace(":", " → ") + " ")));
    renderTop();
  }

  function select(dyad, period) {
    state.selected = { dyad, period };
    const rows = statementsOf(dyad, period).sort((a, b) => a.tone - b.tone);
    const box = document.getElementById("statements");
    box.replaceChildren(el("h3", {}, `${dyad.replace(":", " → ")} · ${period} · ${rows.length} statements`));
    const table = el("table", { class: "rows" });
    table.appendChild(headerRow(["date", "speaker", "targets", "statement", "coop", "tension", "P(coop)",
      "P(tension)", "event", "tone", "source"]));
    for (const s of rows) table.appendChild(statementRow(s));
    box.appendChild(table);
    renderTop();
  }

  function headerRow(names) {
    const tr = el("tr");
    for (const n of names) tr.appendChild(el("th", {}, n));
    return tr;
  }

  function statementRow(s) {
    const tr = el("tr", { class: "statement" });
    const speaker = s.speakers.join(", ") + (s.speaker_text ? ` ("${s.speaker_text}")` : "");
    const cells = [s.day, speaker, s.targets.join(", "), s.text,
      s.cooperation ? "yes" : "no", s.tension ? "yes" : "no", s.p_cooperation.toFixed(2),
      s.p_tension.toFixed(2), s.event, fmt(s.tone)];
    for (const c of cells) tr.appendChild(el("td", {}, c));
    const td = el("td");
    const url = safeUrl(s.url);
    const link = el(url ? "a" : "span", url ? { href: url, rel: "noopener noreferrer", target: "_blank" } : {},
      s.title || s.document_id);
    td.appendChild(link);
    td.appendChild(el("div", { class: "trace" },
      `doc ${s.document_id} · ${s.source_id} · run ${s.document_run} · model ${s.model}`));
    tr.appendChild(td);
    return tr;
  }

  function renderTop() {
    const sel = state.selected;
    const dyads = dyadsOfPair();
    const seen = new Set();
    const pool = DATA.statements.filter(s => dyads.includes(s.dyad)
      && (!sel || s[state.period] === sel.period) && (!state.actor || s.speakers.includes(state.actor))
      && !seen.has(s.statement_id) && seen.add(s.statement_id));
    const label = sel ? `period ${sel.period}` : "whole range";
    for (const [id, sign] of [["top-coop", -1], ["top-tense", 1]]) {
      const rows = pool.slice().sort((a, b) => sign * (a.tone - b.tone)).slice(0, 5);
      const box = document.getElementById(id);
      box.replaceChildren(el("h3", {}, (sign < 0 ? "Most cooperative" : "Most tense") + ` (${label})`));
      const table = el("table", { class: "rows" });
      table.appendChild(headerRow(["date", "speaker", "targets", "statement", "coop", "tension", "P(coop)",
        "P(tension)", "event", "tone", "source"]));
      for (const s of rows) table.appendChild(statementRow(s));
      box.appendChild(table);
    }
  }

  function controls() {
    const pair = document.getElementById("pair");
    DATA.pairs.forEach(([a, b], i) => pair.appendChild(el("option", { value: i }, `${a} ⇄ ${b}`)));
    pair.addEventListener("change", () => { state.pair = +pair.value; state.selected = null; draw(); });
    const period = document.getElementById("period");
    for (const p of Object.keys(DATA.series)) period.appendChild(el("option", { value: p }, p));
    period.value = state.period;
    period.addEventListener("change", () => { state.period = period.value; state.selected = null; draw(); });
    const actor = document.getElementById("actor");
    actor.appendChild(el("option", { value: "" }, "all speakers"));
    for (const [id, name] of DATA.actors) actor.appendChild(el("option", { value: id }, name));
    actor.addEventListener("change", () => { state.actor = actor.value; state.selected = null; draw(); });
  }

  controls();
  draw();
})();
