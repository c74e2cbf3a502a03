/* factcheck HTML report: filters, keyboard navigation, deep links, triage and baseline export.
   Runs under a CSP that allows only this script (by hash): no eval, no inline handlers, no requests.
   Corpus text is never inserted as HTML here: only textContent and attributes. */
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  var data = JSON.parse($("#fc-data").textContent);
  var findings = $$("article.finding");
  var groups = $$("section.group");
  var info = new Map();            // element -> {id, sev, rule, docs, text}
  var byId = new Map();
  var storageKey = "factcheck-triage:" + data.corpus;
  var storageOk = true;

  findings.forEach(function (el) {
    var group = el.closest(".group");
    var subject = group ? $(".subject", group).textContent : "";
    var text = [subject, $(".f-head", el).textContent, $(".msg", el).textContent, $(".claims", el).textContent]
      .join(" ").toLowerCase();
    var rec = { id: el.id.replace(/^finding-/, ""), sev: el.dataset.sev, rule: el.dataset.rule,
                docs: el.dataset.docs ? el.dataset.docs.split(" ") : [], text: text, el: el };
    info.set(el, rec);
    byId.set(rec.id, rec);
  });

  /* ---- triage ----------------------------------------------------------------------------- */
  var triage = {};
  Object.keys(data.baseline || {}).forEach(function (id) { triage[id] = data.baseline[id]; });
  try {
    var saved = JSON.parse(window.localStorage.getItem(storageKey) || "{}");
    Object.keys(saved).forEach(function (id) {
      if (byId.has(id)) { triage[id] = saved[id]; }
    });
  } catch (e) {
    storageOk = false;
  }

  function save() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(triage));
    } catch (e) {
      storageOk = false;
    }
    updateTriaged();
  }

  function statusOf(id) {
    var t = triage[id];
    return t && t.status ? t.status : "untriaged";
  }

  var STATUS_TEXT = { "confirmed": "confirmed", "not-a-problem": "not a problem", "accepted": "accepted (baseline)" };

  function showStatus(rec) {
    var st = statusOf(rec.id);
    var badge = $("[data-status]", rec.el);
    badge.textContent = STATUS_TEXT[st] || "";
    badge.className = "status" + (st === "untriaged" ? "" : " st-" + st);
    rec.el.classList.toggle("cleared", st === "not-a-problem" || st === "accepted");
    var t = triage[rec.id];
    var comment = t && t.comment ? t.comment : "";
    badge.title = comment;
    var fs = $("fieldset.triage", rec.el);
    if (fs) {
      $$("input[type=radio]", fs).forEach(function (r) { r.checked = r.value === (st === "untriaged" ? "" : st); });
      var c = $("input[type=text]", fs);
      if (document.activeElement !== c) { c.value = comment; }
    }
  }

  function setStatus(rec, status, comment) {
    var prev = triage[rec.id] || {};
    var next = { status: status, comment: comment === undefined ? (prev.comment || "") : comment };
    if (!next.status && !next.comment) { delete triage[rec.id]; } else { triage[rec.id] = next; }
    save();
    showStatus(rec);
    apply();
  }

  var tpl = $("#triage-tpl");
  findings.forEach(function (el, i) {
    var rec = info.get(el);
    var fs = tpl.content.firstElementChild.cloneNode(true);
    $$("input[type=radio]", fs).forEach(function (r) {
      r.name = "triage-" + i;
      r.addEventListener("change", function () { if (r.checked) { setStatus(rec, r.value); } });
    });
    var c = $("input[type=text]", fs);
    c.name = "comment-" + i;
    c.addEventListener("change", function () {
      var st = statusOf(rec.id);
      setStatus(rec, st === "untriaged" ? "" : st, c.value);
    });
    $(".triage-slot", el).appendChild(fs);
    showStatus(rec);
  });

  function updateTriaged() {
    var n = 0;
    findings.forEach(function (el) { if (statusOf(info.get(el).id) !== "untriaged") { n += 1; } });
    $("#triaged").textContent = n + " of " + findings.length + " triaged" + (storageOk ? "" : " (not saved: storage unavailable)");
  }

  function exportBaseline() {
    var out = { schema_version: 1, tool: "factcheck", findings: [] };
    data.findings.forEach(function (f) {
      var t = triage[f.id];
      if (!t || !t.status) { return; }
      out.findings.push({ id: f.id, rule: f.rule, status: t.status, comment: t.comment || "", claims: f.claims });
    });
    var blob = new Blob([JSON.stringify(out, null, 2) + "\n"], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "factcheck-baseline.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 2000);
  }
  $("#export").addEventListener("click", exportBaseline);

  /* ---- filters ----------------------------------------------------------------------------- */
  var form = $("#filters");
  var q = $("#q");
  var FACETS = ["sev", "rule", "doc", "status"];

  function checked(name) {
    var s = new Set();
    $$("input[name=" + name + "]", form).forEach(function (i) { if (i.checked) { s.add(i.value); } });
    return s;
  }

  function facetValues(rec) {
    return { sev: [rec.sev], rule: [rec.rule], doc: rec.docs, status: [statusOf(rec.id)] };
  }

  function apply() {
    var sel = {};
    FACETS.forEach(function (f) { sel[f] = checked(f); });
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var counts = {};
    var shown = 0;
    findings.forEach(function (el) {
      var rec = info.get(el);
      var vals = facetValues(rec);
      var textOk = words.every(function (w) { return rec.text.indexOf(w) >= 0; });
      var ok = {};
      FACETS.forEach(function (f) {
        ok[f] = vals[f].some(function (v) { return sel[f].has(v); });
      });
      var visible = textOk && FACETS.every(function (f) { return ok[f]; });
      el.hidden = !visible;
      if (visible) { shown += 1; }
      // a facet's counts: findings that pass every other filter and carry that value
      FACETS.forEach(function (f) {
        if (!textOk || !FACETS.every(function (g) { return g === f || ok[g]; })) { return; }
        vals[f].forEach(function (v) { var k = f + ":" + v; counts[k] = (counts[k] || 0) + 1; });
      });
    });
    $$("[data-count]").forEach(function (span) { span.textContent = String(counts[span.dataset.count] || 0); });
    var nGroups = 0;
    groups.forEach(function (g) {
      var any = $$("article.finding", g).some(function (el) { return !el.hidden; });
      g.hidden = !any;
      if (any) { nGroups += 1; }
    });
    var total = findings.length;
    $("#shown").textContent = (shown === total ? "" : shown + " of ") + total + " finding" + (total === 1 ? "" : "s") +
      " shown in " + nGroups + " subject" + (nGroups === 1 ? "" : "s");
    $("#none-shown").hidden = !(total && shown === 0);
  }

  function resetFilters() {
    form.reset();
    apply();
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  $$("[data-action=reset]").forEach(function (b) { b.addEventListener("click", resetFilters); });

  function only(name, value) {
    $$("input[type=checkbox]", form).forEach(function (i) { i.checked = true; });
    $$("input[name=" + name + "]", form).forEach(function (i) { i.checked = i.value === value; });
    q.value = "";
    apply();
    go("#findings", true);
  }
  $$("[data-only-doc]").forEach(function (b) {
    b.addEventListener("click", function () { only("doc", b.dataset.onlyDoc); });
  });
  $$("g.bar[data-filter]").forEach(function (g) {
    var parts = g.dataset.filter.split(":");
    g.addEventListener("click", function () { only(parts[0], parts[1]); });
  });

  /* ---- navigation: deep links, j/k, Enter ------------------------------------------------- */
  var current = null;

  function openAncestors(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) { p.open = true; }
    }
  }

  function reveal(hash) {
    var id;
    try { id = decodeURIComponent((hash || "").replace(/^#/, "")); } catch (e) { return; }
    if (!id) { return; }
    var el = document.getElementById(id);
    if (!el) { return; }
    if (el.classList.contains("finding")) {
      if (el.hidden) { resetFilters(); }
      setCurrent(el);
    }
    openAncestors(el);
    if (el.tagName === "DETAILS") { el.open = true; }
    el.scrollIntoView({ block: el.classList.contains("finding") ? "start" : "center" });
    if (el.tabIndex < 0 && !el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
    el.focus({ preventScroll: true });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }

  function go(hash, push) {
    if (push) { history.pushState(null, "", hash); } else { history.replaceState(null, "", hash); }
    reveal(hash);
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
    if (a.classList.contains("rule-link")) {
      e.preventDefault();
      showRule(a.dataset.rule);
      return;
    }
    e.preventDefault();
    go(a.getAttribute("href"), true);
  });
  window.addEventListener("popstate", function () { reveal(location.hash); });
  window.addEventListener("hashchange", function () { reveal(location.hash); });

  function setCurrent(el) {
    if (current) { current.classList.remove("current"); }
    current = el;
    if (el) { el.classList.add("current"); }
  }

  function visibleFindings() {
    return findings.filter(function (el) { return !el.hidden; });
  }

  function move(step) {
    var list = visibleFindings();
    if (!list.length) { return; }
    var i = current ? list.indexOf(current) : -1;
    var next;
    if (i >= 0) {
      next = list[Math.min(list.length - 1, Math.max(0, i + step))];
    } else {
      // no current finding yet: start from what is on screen
      var edge = $("header.top").getBoundingClientRect().bottom + 1;
      if (step > 0) {
        next = list.find(function (el) { return el.getBoundingClientRect().top >= edge - 2; }) || list[list.length - 1];
      } else {
        var above = list.filter(function (el) { return el.getBoundingClientRect().top < edge - 2; });
        next = above.length ? above[above.length - 1] : list[0];
      }
    }
    setCurrent(next);
    history.replaceState(null, "", "#" + next.id);
    next.scrollIntoView({ block: "start" });
    next.focus({ preventScroll: true });
  }

  function openCurrent() {
    if (!current) { return; }
    var link = $(".claim a.docname[href^='#']", current);
    if (link) { go(link.getAttribute("href"), true); }
  }

  var ruleDialog = $("#rule-dialog");
  function showRule(id) {
    var src = document.getElementById("rule-" + id);
    if (!src) { return; }
    var body = $(".dialog-body", ruleDialog);
    body.textContent = "";
    var clone = src.cloneNode(true);
    clone.removeAttribute("id");
    $$("[id]", clone).forEach(function (n) { n.removeAttribute("id"); });
    var h = $("h3", clone);
    if (h) { h.id = "rule-dialog-h"; }
    body.appendChild(clone);
    ruleDialog.showModal();
  }

  $("#help-btn").addEventListener("click", function () { $("#help").showModal(); });

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    var typing = t && (t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(t.type)));
    if (typing) {
      if (e.key === "Escape") { t.blur(); }
      return;
    }
    if (document.querySelector("dialog[open]")) { return; }
    var onFinding = t && t.classList && t.classList.contains("finding");
    switch (e.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "Enter":
        if (!onFinding) { return; }
        setCurrent(t);
        openCurrent();
        break;
      case "/": q.focus(); q.select(); break;
      case "?": $("#help").showModal(); break;
      case "c": case "n": case "u":
        if (!current || current.hidden) { return; }
        setStatus(info.get(current), { c: "confirmed", n: "not-a-problem", u: "" }[e.key]);
        break;
      default: return;
    }
    e.preventDefault();
  });

  /* ---- layout and print -------------------------------------------------------------------- */
  if (window.matchMedia && window.matchMedia("(max-width: 900px)").matches) {
    $("#filter-box").open = false;
  }
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    $$("#findings details:not([open])").forEach(function (d) { d.open = true; reopened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  apply();
  updateTriaged();
  if (location.hash) { reveal(location.hash); }
  document.documentElement.dataset.readyMs = String(Math.round(performance.now()));
  document.documentElement.dataset.ready = "1";
})();
