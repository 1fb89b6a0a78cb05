(function () {
  "use strict";
  // Record data arrives as inert JSON; everything shown from it goes through textContent.
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var records = data.records;
  var title = document.getElementById("panel-title");
  var body = document.getElementById("panel-body");
  var hint = document.getElementById("panel-hint");
  var firstInText = {};

  Array.prototype.forEach.call(document.querySelectorAll("pre.text [data-r]"), function (el) {
    el.getAttribute("data-r").split(" ").forEach(function (r) {
      if (!(r in firstInText)) { firstInText[r] = el; }
    });
  });

  function ids(el) { return el.getAttribute("data-r").split(" ").filter(function (r) { return r !== ""; }); }

  function select(rid) {
    Array.prototype.forEach.call(document.querySelectorAll(".sel"), function (el) { el.classList.remove("sel"); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-r~="' + rid + '"]'), function (el) {
      el.classList.add("sel");
    });
  }

  function show(rids) {
    body.textContent = "";
    hint.hidden = true;
    rids.forEach(function (r, i) {
      var rec = records[Number(r)];
      if (!rec) { return; }
      var h = document.createElement("h3");
      h.textContent = rec.label;
      var pre = document.createElement("pre");
      pre.className = "record";
      pre.textContent = JSON.stringify(rec.show, null, 2);
      body.appendChild(h);
      body.appendChild(pre);
    });
    title.textContent = rids.length > 1 ? rids.length + " records here" : "Record";
    if (rids.length) { select(rids[0]); }
  }

  function activate(el) {
    var rids = ids(el);
    show(rids);
    if (!el.closest("pre.text") && firstInText[rids[0]]) {
      firstInText[rids[0]].scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-r]");
    if (el) { activate(el); }
  });
  document.addEventListener("keydown", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-r][tabindex]");
    if (el && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); activate(el); }
  });
  document.getElementById("panel-close").addEventListener("click", function () {
    body.textContent = "";
    title.textContent = "Record";
    hint.hidden = false;
    select("none");
  });
}());
