(function () {
  "use strict";
  // Data arrives as inert JSON: the index at load, each article's data when it is opened.
  // Everything shown from it goes through textContent or createElement, never markup.
  var INDEX = JSON.parse(document.getElementById("review-index").textContent);
  var ROWS = INDEX.rows;
  var GRAPH = INDEX.graph;
  var FIELDS = INDEX.fields;
  var SCORE_FIELDS = ["roles", "duties", "requirements", "salaries", "career_path"];
  var PAGE = 200;
  var SVG = "http://www.w3.org/2000/svg";
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function short(text, n) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    return text.length <= n ? text : text.slice(0, n - 1) + "…";
  }

  // --- filters and the index -------------------------------------------------------------------
  var state = { q: "", inText: false, field: "", role: "", miss: false, extra: false, shown: PAGE, open: -1 };
  var matches = [];
  var applied = null;
  var lowerText = {};

  function docText(i) {
    if (!(i in lowerText)) { lowerText[i] = $("doc-data-" + i).textContent.normalize("NFC").toLowerCase(); }
    return lowerText[i];
  }
  function rowMatches(r) {
    if (state.field && r.fields.indexOf(state.field) < 0) { return false; }
    if (state.role && r.roles.indexOf(state.role) < 0) { return false; }
    if (state.miss && !r.miss) { return false; }
    if (state.extra && !r.extra) { return false; }
    if (!state.q) { return true; }
    var hay = (r.id + " " + r.t + " " + r.roles.join(" ") + " " + r.names).normalize("NFC").toLowerCase();
    return hay.indexOf(state.q) >= 0 || (state.inText && docText(r.i).indexOf(state.q) >= 0);
  }
  function scoreCell(v) {
    if (v === null || v === undefined) { return el("td", "num na", "–"); }
    return el("td", "num " + (v >= 0.8 ? "good" : v >= 0.5 ? "mid" : "bad"), v.toFixed(2));
  }
  function indexHead() {
    var top = el("tr"), sub = el("tr");
    var a = el("th", "", "Article"); a.rowSpan = 2; top.appendChild(a);
    var counted = ["Roles", "Duties", "Reqs", "Salaries", "Career", "Notes"];
    var ex = el("th", "", "Extracted"); ex.colSpan = counted.length; top.appendChild(ex);
    counted.forEach(function (h) { sub.appendChild(el("th", "", h)); });
    if (INDEX.gold) {
      var f1 = el("th", "", "F1 against gold"); f1.colSpan = SCORE_FIELDS.length; top.appendChild(f1);
      ["Roles", "Duties", "Reqs", "Salaries", "Career"].forEach(function (h) { sub.appendChild(el("th", "", h)); });
      ["Gold misses", "Extras"].forEach(function (h) { var c = el("th", "", h); c.rowSpan = 2; top.appendChild(c); });
    }
    $("index-head").appendChild(top);
    $("index-head").appendChild(sub);
    if (INDEX.gold && INDEX.totals) {
      var tr = el("tr");
      var c = el("th", "", "Shown articles (micro-averaged)"); c.colSpan = 7; tr.appendChild(c);
      SCORE_FIELDS.forEach(function (f) { tr.appendChild(scoreCell(INDEX.totals[f])); });
      tr.appendChild(el("td", "num", ROWS.reduce(function (s, r) { return s + r.miss; }, 0)));
      tr.appendChild(el("td", "num", ROWS.reduce(function (s, r) { return s + r.extra; }, 0)));
      $("index-foot").appendChild(tr);
      if (INDEX.totals.merge !== null && INDEX.totals.merge !== undefined) {
        $("run-notes").appendChild(el("li", "", "Merge (pairwise, across articles) F1: " + INDEX.totals.merge.toFixed(2)));
      }
    }
  }
  function indexRow(r) {
    var tr = el("tr");
    tr.setAttribute("data-i", r.i);
    if (r.i === state.open) { tr.className = "open"; }
    var first = el("td");
    var link = el("a", "", r.id);
    link.href = "#doc=" + encodeURIComponent(r.id);
    first.appendChild(link);
    var t = el("div", "doc-title", short(r.t, 90)); t.title = r.t;
    first.appendChild(t);
    tr.appendChild(first);
    r.n.forEach(function (n) { tr.appendChild(el("td", "num", n)); });
    tr.appendChild(el("td", "num", r.notes));
    if (INDEX.gold) {
      (r.sc || []).forEach(function (v) { tr.appendChild(scoreCell(v)); });
      tr.appendChild(el("td", "num", r.miss));
      tr.appendChild(el("td", "num", r.extra));
    }
    return tr;
  }
  function renderIndex() {
    var body = $("index-body");
    body.textContent = "";
    matches.slice(0, state.shown).forEach(function (r) { body.appendChild(indexRow(r)); });
    $("count").textContent = matches.length + " of " + ROWS.length + " articles";
    var more = $("more");
    more.hidden = matches.length <= state.shown;
    more.textContent = "Show " + Math.min(PAGE, matches.length - state.shown) + " more";
  }
  function applyFilters() {
    state.q = $("q").value.trim().normalize("NFC").toLowerCase();  // composed or decomposed Vietnamese alike
    state.inText = $("q-text").checked;
    state.field = $("f-field").value;
    state.role = $("f-role").value.trim();
    state.miss = $("f-miss").checked;
    state.extra = $("f-extra").checked;
    var key = JSON.stringify([state.q, state.inText, state.field, state.role, state.miss, state.extra]);
    if (key === applied) { return; }  // a late keystroke timer after Enter: nothing changed
    applied = key;
    state.shown = PAGE;
    matches = ROWS.filter(rowMatches);
    renderIndex();
    styleArticle();
  }

  // --- one article at a time -------------------------------------------------------------------
  var current = null;

  function styleArticle() {
    var sec = $("article");
    if (state.field) { sec.setAttribute("data-only-field", state.field); } else { sec.removeAttribute("data-only-field"); }
    sec.classList.toggle("only-extras", state.extra);
    sec.classList.toggle("only-misses", state.miss);
  }
  function renderText(doc) {
    var pre = el("pre", "text");
    var text = doc.text, at = 0;
    doc.marks.forEach(function (m) {
      if (m[0] > at) { pre.appendChild(document.createTextNode(text.slice(at, m[0]))); }
      var span = el("span", m[2], text.slice(m[0], m[1]));
      span.setAttribute("data-r", m[3]);
      pre.appendChild(span);
      at = m[1];
    });
    if (at < text.length) { pre.appendChild(document.createTextNode(text.slice(at))); }
    return pre;
  }
  function badge(st) {
    if (st === "extra") { return el("span", "badge extra", "extra"); }
    if (st === "ok") { return el("span", "badge ok", "✓ gold"); }
    return null;
  }
  function valueOf(doc, rec) {
    // A value shipped without its text (it is exactly the article's text at its offsets) gets it back here.
    if (!rec.t) { return rec.v; }
    var out = { text: doc.text.slice(rec.v.start, rec.v.end) };
    Object.keys(rec.v).forEach(function (k) { out[k] = rec.v[k]; });
    return out;
  }
  function listed(doc, item) {
    var rec = doc.records[item[1]];
    var li = el("li", "rec f-" + item[0] + (rec.st ? " st-" + rec.st : ""));
    li.setAttribute("data-r", item[1]);
    li.tabIndex = 0;
    li.appendChild(document.createTextNode(valueOf(doc, rec).text || ""));
    if (rec.a) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", "attrs", rec.a)); }
    var b = badge(rec.st);
    if (b) { li.appendChild(document.createTextNode(" ")); li.appendChild(b); }
    if (!item[2]) { li.appendChild(el("span", "warn", " offsets outside the text")); }
    return li;
  }
  function renderRecords(doc) {
    var col = el("div", "rec-col records");
    doc.roles.forEach(function (role) {
      var h = el("h3", "role", role.head.name || "?");
      h.appendChild(document.createTextNode(" "));
      h.appendChild(el("code", "", role.head.role_id || "?"));
      var b = badge(role.st);
      if (b) { h.appendChild(document.createTextNode(" ")); h.appendChild(b); }
      col.appendChild(h);
      if (role.head.mentions && role.head.mentions.length) {
        col.appendChild(el("p", "mentions", "also: " + role.head.mentions.join(", ")));
      }
      Object.keys(FIELDS).forEach(function (f) {
        var items = role.items.filter(function (it) { return it[0] === f; });
        if (!items.length) { return; }
        var h4 = el("h4", "", FIELDS[f] + " ");
        h4.appendChild(el("span", "n", items.length));
        col.appendChild(h4);
        var ul = el("ul", "recs");
        items.forEach(function (it) { ul.appendChild(listed(doc, it)); });
        col.appendChild(ul);
      });
    });
    if (!doc.roles.length) { col.appendChild(el("p", "empty", "No roles extracted.")); }
    if (doc.misses.length) {
      var h = el("h3", "misses", "Gold misses ");
      h.appendChild(el("span", "n", doc.misses.length));
      col.appendChild(h);
      var ul = el("ul", "recs");
      doc.misses.forEach(function (m) {
        var rec = doc.records[m[0]];
        var li = el("li", "rec gold-miss f-" + rec.field);
        li.setAttribute("data-r", m[0]);
        li.tabIndex = 0;
        li.appendChild(el("span", "attrs", rec.a));
        li.appendChild(el("br"));
        li.appendChild(document.createTextNode(rec.miss));
        ul.appendChild(li);
      });
      col.appendChild(ul);
    }
    return col;
  }
  function neighbour(step) {
    var at = matches.findIndex(function (r) { return r.i === state.open; });
    var next = matches[at + step];
    if (next) { location.hash = "doc=" + encodeURIComponent(next.id); }
  }
  function openArticle(i, scroll) {
    var node = $("doc-data-" + i);
    if (!node) { return; }
    current = JSON.parse(node.textContent);
    state.open = i;
    var sec = $("article");
    sec.textContent = "";
    sec.setAttribute("data-doc", current.id);
    var nav = el("div", "article-nav");
    var prev = el("button", "", "← Previous"); prev.type = "button"; prev.id = "prev";
    var next = el("button", "", "Next →"); next.type = "button"; next.id = "next";
    prev.addEventListener("click", function () { neighbour(-1); });
    next.addEventListener("click", function () { neighbour(1); });
    nav.appendChild(prev); nav.appendChild(next);
    sec.appendChild(nav);
    var h2 = el("h2", "", current.id + (current.title ? " — " + short(current.title, 140) : ""));
    h2.title = current.title;
    sec.appendChild(h2);
    sec.appendChild(el("p", "meta", current.meta));
    if (current.notes.length) {
      var ul = el("ul", "notes");
      current.notes.forEach(function (n) { ul.appendChild(el("li", "", n)); });
      sec.appendChild(ul);
    }
    var cols = el("div", "cols");
    var textCol = el("div", "text-col");
    textCol.appendChild(current.text === null ? el("p", "empty", "The source text is not available.") : renderText(current));
    cols.appendChild(textCol);
    cols.appendChild(renderRecords(current));
    sec.appendChild(cols);
    styleArticle();
    Array.prototype.forEach.call(document.querySelectorAll("#index-body tr"), function (tr) {
      tr.classList.toggle("open", Number(tr.getAttribute("data-i")) === i);
    });
    if (scroll) { sec.scrollIntoView({ block: "start" }); }
  }
  function openFromHash(scroll) {
    var m = /^#doc=(.*)$/.exec(location.hash);
    if (!m) { return; }
    var id = decodeURIComponent(m[1]);
    var row = ROWS.find(function (r) { return r.id === id; });
    if (row) { openArticle(row.i, scroll); }
  }

  // --- the record panel --------------------------------------------------------------------------
  var title = $("panel-title"), body = $("panel-body"), hint = $("panel-hint");

  function select(rid) {
    Array.prototype.forEach.call(document.querySelectorAll(".sel"), function (e) { e.classList.remove("sel"); });
    if (rid === null) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('#article [data-r~="' + rid + '"]'), function (e) {
      e.classList.add("sel");
    });
  }
  var VERDICT = { ok: "matches a gold item", extra: "extra: matches no gold item", neutral: "counted neither way (optional gold)" };
  function label(rec) {
    if (rec.label) { return rec.label; }
    return FIELDS[rec.f] + " · " + (current.roles[rec.ri].head.role_id || "?");
  }
  function shown(rec) {
    if (rec.ri === undefined) { return rec.show; }
    var out = { field: rec.f, value: valueOf(current, rec) };
    if (rec.src !== undefined) { out.source_at_offsets = rec.src; }
    out.role = current.roles[rec.ri].head;
    if (rec.st) { out.against_gold = VERDICT[rec.st]; }
    return out;
  }
  function show(recs) {
    body.textContent = "";
    hint.hidden = true;
    recs.forEach(function (rec) {
      body.appendChild(el("h3", "", label(rec)));
      body.appendChild(el("pre", "record", JSON.stringify(shown(rec), null, 2)));
    });
    title.textContent = recs.length > 1 ? recs.length + " records here" : "Record";
  }
  function activate(target) {
    var node = target.closest("svg.graph .node[data-r]");
    if (node) {
      show([GRAPH.records[Number(node.getAttribute("data-r"))]]);
      Array.prototype.forEach.call(document.querySelectorAll("svg.graph .sel"), function (e) { e.classList.remove("sel"); });
      node.classList.add("sel");
      return true;
    }
    var e = target.closest("#article [data-r]");
    if (!e || !current) { return false; }
    var rids = e.getAttribute("data-r").split(" ").filter(function (r) { return r !== ""; });
    show(rids.map(function (r) { return current.records[Number(r)]; }));
    select(rids[0]);
    if (!e.closest("pre.text")) {
      var first = document.querySelector('#article pre.text [data-r~="' + rids[0] + '"]');
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
    return true;
  }
  document.addEventListener("click", function (ev) {
    if (activate(ev.target)) { return; }
    var tr = ev.target.closest("#index-body tr");
    if (tr && !ev.target.closest("a")) {
      var r = ROWS[Number(tr.getAttribute("data-i"))];
      location.hash = "doc=" + encodeURIComponent(r.id);
    }
  });
  document.addEventListener("keydown", function (ev) {
    var e = ev.target.closest && ev.target.closest("[data-r][tabindex]");
    if (e && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); activate(e); }
  });
  $("panel-close").addEventListener("click", function () {
    body.textContent = "";
    title.textContent = "Record";
    hint.hidden = false;
    select(null);
  });

  // --- the career graph: blocks per function, zoom and pan -----------------------------------------
  var view = null, full = null, canvas = null, blocks = [];

  function setView(v) {
    view = v;
    canvas.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) { return Math.round(n); }).join(" "));
  }
  function fit(box) {
    var wrap = $("graph-wrap");
    var ratio = (wrap.clientHeight || 400) / (wrap.clientWidth || 800);
    var w = Math.max(box.w + 40, (box.h + 40) / ratio, 400);
    setView({ x: box.x - 20, y: box.y - 20, w: w, h: w * ratio });
  }
  function zoom(f, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    setView({ x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w: view.w * f, h: view.h * f });
  }
  function currentBox() {
    var fn = $("g-fn").value;
    var b = GRAPH.blocks.find(function (x) { return x.fn === fn; });
    return b || full;
  }
  function filterGraph() {
    var fn = $("g-fn").value;
    blocks.forEach(function (g, i) { g.classList.toggle("hidden", !!fn && GRAPH.blocks[i].fn !== fn); });
    fit(currentBox());
  }
  function drawGraph() {
    var wrap = $("graph-wrap");
    if (!GRAPH.nodes.length) { wrap.appendChild(el("p", "empty", "No roles and no career edges in this run.")); return; }
    canvas = svg("svg", { "class": "graph", role: "img", "aria-label": "Merged career graph" });
    var defs = svg("defs");
    var marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", "class": "arrowhead" }));
    defs.appendChild(marker);
    canvas.appendChild(defs);
    var W = GRAPH.box[0], H = GRAPH.box[1];
    GRAPH.blocks.forEach(function (b) {
      var g = svg("g", { "class": "block", "data-fn": b.fn });
      g.appendChild(svg("rect", { "class": "block-frame", x: b.x, y: b.y, width: b.w, height: b.h, rx: 8 }));
      g.appendChild(svg("text", { "class": "caption", x: b.x + 12, y: b.y + 22 }, b.fn + " · " + b.roles + " roles · " + b.edges + " steps"));
      blocks.push(g);
      canvas.appendChild(g);
      var opt = el("option", "", b.fn + " (" + b.roles + " roles, " + b.edges + " steps)");
      opt.value = b.fn;
      $("g-fn").appendChild(opt);
    });
    GRAPH.edges.forEach(function (e) {
      var g = svg("g", { "class": e[2] ? "edge back" : "edge" });
      g.appendChild(svg("title", {}, e[3]));
      g.appendChild(svg("path", { d: e[1], "marker-end": "url(#arrow)" }));
      if (e[4]) { g.appendChild(svg("text", { "class": "edge-label", x: e[5], y: e[6], "text-anchor": e[7] ? "end" : "start" }, e[4])); }
      blocks[e[0]].appendChild(g);
    });
    GRAPH.nodes.forEach(function (n) {
      var g = svg("g", { "class": n[6] ? "node ghost" : "node" });
      if (n[5] !== null && n[5] !== undefined) { g.setAttribute("data-r", n[5]); g.setAttribute("tabindex", "0"); }
      g.appendChild(svg("title", {}, n[7]));
      g.appendChild(svg("rect", { x: n[1], y: n[2], width: W, height: H, rx: 6 }));
      g.appendChild(svg("text", { x: n[1] + 10, y: n[2] + 19, "class": "node-name" }, n[3]));
      g.appendChild(svg("text", { x: n[1] + 10, y: n[2] + 36, "class": "node-id" }, n[4]));
      blocks[n[0]].appendChild(g);
    });
    wrap.appendChild(canvas);
    full = { x: 0, y: 0, w: GRAPH.w, h: GRAPH.h };
    fit({ x: 0, y: 0, w: Math.min(GRAPH.w, 1600), h: 0 });
    $("g-fn").addEventListener("change", filterGraph);
    $("g-in").addEventListener("click", function () { zoom(0.8); });
    $("g-out").addEventListener("click", function () { zoom(1.25); });
    $("g-fit").addEventListener("click", function () { fit(currentBox()); });
    function point(ev) {
      var r = canvas.getBoundingClientRect();
      return { x: view.x + (ev.clientX - r.left) / r.width * view.w, y: view.y + (ev.clientY - r.top) / r.height * view.h };
    }
    canvas.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = point(ev);
      zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, { passive: false });
    var drag = null;
    canvas.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest(".node")) { return; }
      drag = { x: ev.clientX, y: ev.clientY, v: view };
      canvas.setPointerCapture(ev.pointerId);
    });
    canvas.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      var r = canvas.getBoundingClientRect();
      setView({ x: drag.v.x - (ev.clientX - drag.x) / r.width * drag.v.w, y: drag.v.y - (ev.clientY - drag.y) / r.height * drag.v.h, w: drag.v.w, h: drag.v.h });
    });
    canvas.addEventListener("pointerup", function () { drag = null; });
  }

  // --- start ----------------------------------------------------------------------------------------
  Object.keys(FIELDS).forEach(function (f) {
    var o = el("option", "", "Has " + FIELDS[f].toLowerCase()); o.value = f; $("f-field").appendChild(o);
  });
  var roleIds = {};
  ROWS.forEach(function (r) { r.roles.forEach(function (id) { roleIds[id] = 1; }); });
  Object.keys(roleIds).sort().forEach(function (id) { var o = el("option"); o.value = id; $("role-ids").appendChild(o); });
  INDEX.notes.forEach(function (n) { $("run-notes").appendChild(el("li", "", n)); });
  indexHead();
  var timer = null;
  $("filters").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(applyFilters, 120); });
  $("filters").addEventListener("change", applyFilters);
  $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); applyFilters(); });
  $("f-clear").addEventListener("click", function () { $("filters").reset(); applyFilters(); });
  $("more").addEventListener("click", function () { state.shown += PAGE; renderIndex(); });
  window.addEventListener("hashchange", function () { openFromHash(true); });
  applyFilters();
  drawGraph();
  openFromHash(true);
  document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
}());
