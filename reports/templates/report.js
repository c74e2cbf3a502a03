/* factcheck HTML report: filters, keyboard navigation, deep links, triage and baseline export.
   Runs under a CSP that allows only this script (by hash): no eval, no inline handlers, no requests.
   Corpus text is never inserted as HTML here: only textContent and attributes. */
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  var data = JSON.parse($("#fc-data").textContent);
  var PAGE = data.page;
  var PAGE_OF = { "Findings": data.page, "Documents": data.docpage || 1 };
  var results = $("#findings .results");
  var pagers = $$("nav.pager[data-pages=findings]");
  var storageKey = "factcheck-triage:" + data.corpus;
  var storageOk = true;

  /* ---- every finding, from the data island ---------------------------------------------------
     A record per finding, in the order they are shown (subject by subject). The first page is in
     the markup; report.js renders the others from the island when they are shown, with the same
     elements the template writes. */
  var recs = [];
  var byId = new Map();
  data.groups.forEach(function (g, gi) {
    g.f.forEach(function (fi) {
      var f = data.findings[fi];
      var rec = { i: fi, f: f, g: gi, id: f.id, sev: f.sev, rule: f.rule, docs: f.docs.map(String),
                  pos: recs.length, el: null, text: null, vis: true };
      recs.push(rec);
      byId.set(rec.id, rec);
    });
  });
  var groupEls = new Map();        // group index -> its section element
  $$("section.group", results).forEach(function (sec) {
    groupEls.set(Number(sec.id.replace(/^subject-/, "")), sec);
  });
  var paged = recs.length > PAGE;

  function recOf(el) { return el ? byId.get(el.id.replace(/^finding-/, "")) : undefined; }

  /* ---- rendering from the island: only textContent and attributes ---------------------------- */
  function h(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, attrs[k]); }
    });
    for (var i = 2; i < arguments.length; i++) { add(e, arguments[i]); }
    return e;
  }
  function add(e, kid) {
    if (kid === null || kid === undefined || kid === "") { return; }
    if (Array.isArray(kid)) { kid.forEach(function (k) { add(e, k); }); return; }
    e.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
  }
  function docName(d) { return typeof d === "string" ? d : data.docs[d]; }
  var C = { doc: 0, line: 1, kind: 2, lang: 3, before: 4, quote: 5, after: 6, value: 7, exact: 8, interval: 9,
            note: 10, anchor: 11, raw: 12 };
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function ruleName(f) { return f.name || data.rules[f.rule] || ""; }

  function claimCard(ref) {
    var c = data.claims[ref[0]], role = ref[1] || "", outlier = ref[2] === 1;
    var name = docName(c[C.doc]);
    return h("div", { "class": "claim" + (outlier ? " outlier" : "") },
      h("div", { "class": "c-where" },
        c[C.anchor] ? h("a", { href: "#" + c[C.anchor], "class": "docname" }, name) : h("span", { "class": "docname" }, name),
        " ", h("span", { "class": "muted" }, "line " + c[C.line]),
        role ? [" ", h("span", { "class": "tag" }, role)] : null,
        outlier ? [" ", h("span", { "class": "tag outlier-tag" }, "outlier")] : null),
      "\n",
      h("blockquote", { lang: c[C.lang] }, c[C.before], h("mark", { "class": "k-" + c[C.kind] }, c[C.quote]), c[C.after]),
      "\n",
      h("div", { "class": "c-value" }, h("span", { "class": "chip k-" + c[C.kind] }, c[C.kind]), " ", h("b", {}, c[C.value]),
        c[C.exact] ? [" ", h("span", { "class": "muted" }, "= " + c[C.exact])] : null,
        c[C.interval] ? [" ", h("span", { "class": "muted" }, "· " + c[C.interval])] : null,
        c[C.note] ? [" ", h("span", { "class": "muted" }, "· " + c[C.note])] : null));
  }

  function missingCard(m) {
    return h("div", { "class": "claim missing" },
      h("div", { "class": "c-where" }, h("a", { href: "#doc-" + m[0], "class": "docname" }, data.docs[m[0]]), " ",
        h("span", { "class": "tag" }, "not found here")),
      m[1] ? [h("blockquote", {}, m[1]), h("div", { "class": "c-value muted" }, "the aligned sentence, without this figure")] : null);
  }

  function renderFinding(rec) {
    var f = rec.f;
    var claims = h("div", { "class": "claims" });
    f.c.forEach(function (ref) { claims.appendChild(claimCard(ref)); });
    (f.miss || []).forEach(function (m) { claims.appendChild(missingCard(m)); });
    return h("article", { "class": "finding sev-" + f.sev + (f.base ? " baselined" : ""), id: "finding-" + f.id, tabindex: "-1",
                          "data-sev": f.sev, "data-rule": f.rule, "data-docs": f.docs.join(" "), "aria-labelledby": "msg-" + rec.i },
      "\n",
      h("div", { "class": "f-head" }, h("span", { "class": "badge sev-" + f.sev }, f.sev), " ",
        h("a", { "class": "rule-link", href: "#rule-" + f.rule, "data-rule": f.rule }, f.rule + " " + ruleName(f)), " ",
        h("span", { "class": "conf" }, "confidence " + f.conf + "%"), " ",
        h("span", { "class": "path" }, f.path + (f.sim ? " · similarity " + f.sim : "")),
        f.base ? [" ", h("span", { "class": "badge base" }, "baselined")] : null, " ",
        h("span", { "class": "status", "data-status": "" }), " ",
        h("a", { "class": "permalink", href: "#finding-" + f.id, "aria-label": "Link to this finding" }, "#")),
      "\n", h("p", { "class": "msg", id: "msg-" + rec.i }, f.msg),
      "\n", claims,
      "\n", h("div", { "class": "triage-slot" }),
      "\n");
  }

  function sourcesTable(t) {
    var head = h("tr", {}, h("th", { scope: "col" }, "Source"));
    t.cols.forEach(function (col) {
      head.appendChild(h("th", { scope: "col", "class": col[2] ? "majority" : "" }, col[0],
        h("div", { "class": "small" }, plural(col[1], "source"), col[2] ? [" · ", h("span", { "class": "maj" }, "✓ majority")] : null)));
    });
    var body = h("tbody", {});
    t.rows.forEach(function (row) {
      var tr = h("tr", {}, h("th", { scope: "row" }, h("span", { "class": "docname" }, docName(row[0])),
        row[1] ? h("div", { "class": "muted small" }, row[1]) : null));
      row[2].forEach(function (cell, k) {
        var td = h("td", { "class": t.cols[k][2] ? "majority" : "" });
        cell.forEach(function (ci, j) {
          var c = data.claims[ci];
          add(td, [j ? h("br", {}) : null, h("a", { href: "#" + c[C.anchor], lang: c[C.lang], "class": "q" }, "«" + c[C.quote] + "»"), " ",
                   h("span", { "class": "muted small" }, "line " + c[C.line])]);
        });
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    return h("div", { "class": "scroll" }, h("table", { "class": "sources" },
      h("caption", {}, "What each source states" + (t.maj ? " · majority: " + t.maj : " · no majority")),
      h("thead", {}, head), body));
  }

  function groupEl(gi) {
    var sec = groupEls.get(gi);
    if (sec) { return sec; }
    var g = data.groups[gi];
    sec = h("section", { "class": "group sev-" + g.sev, id: "subject-" + gi, "aria-labelledby": "subject-" + gi + "-h" },
      h("h3", { id: "subject-" + gi + "-h", "class": "g-title" }, h("span", { "class": "muted small" }, "Subject"), " ",
        h("span", { "class": "subject" }, g.s), " ", h("span", { "class": "muted small g-count" }, plural(g.f.length, "finding"))),
      g.t ? sourcesTable(g.t) : null);
    groupEls.set(gi, sec);
    return sec;
  }

  function searchText(rec) {
    if (rec.text === null) {
      var f = rec.f, parts = [data.groups[rec.g].s, f.sev, f.rule, ruleName(f), "confidence " + f.conf + "%", f.path, f.sim,
                              f.base ? "baselined" : "", f.msg];
      f.c.forEach(function (ref) {
        var c = data.claims[ref[0]];
        parts.push(docName(c[C.doc]), "line " + c[C.line], ref[1] || "", ref[2] === 1 ? "outlier" : "",
                   c[C.before] + c[C.quote] + c[C.after], c[C.kind], c[C.value], c[C.exact], c[C.interval], c[C.note]);
      });
      (f.miss || []).forEach(function (m) { parts.push(data.docs[m[0]], "not found here", m[1]); });
      rec.text = parts.join(" ").toLowerCase();
    }
    return rec.text;
  }

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
    if (!rec.el) { return; }
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
    apply(true);
  }

  var tpl = $("#triage-tpl");
  function decorate(rec) {
    // a finding's element, with its triage controls (made once, kept while it is off the page)
    var el = rec.el;
    var fs = tpl.content.firstElementChild.cloneNode(true);
    $$("input[type=radio]", fs).forEach(function (r) {
      r.name = "triage-" + rec.pos;
      r.addEventListener("change", function () { if (r.checked) { setStatus(rec, r.value); } });
    });
    var c = $("input[type=text]", fs);
    c.name = "comment-" + rec.pos;
    c.addEventListener("change", function () {
      var st = statusOf(rec.id);
      setStatus(rec, st === "untriaged" ? "" : st, c.value);
    });
    $(".triage-slot", el).appendChild(fs);
    showStatus(rec);
  }
  function elementOf(rec) {
    if (!rec.el) {
      rec.el = renderFinding(rec);
      decorate(rec);
    }
    return rec.el;
  }
  $$("article.finding", results).forEach(function (el) {
    var rec = recOf(el);
    rec.el = el;
    decorate(rec);
  });

  function updateTriaged() {
    var n = 0;
    recs.forEach(function (rec) { if (statusOf(rec.id) !== "untriaged") { n += 1; } });
    $("#triaged").textContent = n + " of " + recs.length + " triaged" + (storageOk ? "" : " (not saved: storage unavailable)");
  }

  function exportBaseline() {
    var out = { schema_version: 1, tool: "factcheck", findings: [] };
    data.findings.forEach(function (f) {
      var t = triage[f.id];
      if (!t || !t.status) { return; }
      var claims = f.c.slice(0, 2).map(function (ref) {
        var c = data.claims[ref[0]];
        return { doc: docName(c[C.doc]), text: c[C.quote], value: c[C.raw] };
      });
      out.findings.push({ id: f.id, rule: f.rule, status: t.status, comment: t.comment || "", claims: claims });
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

  /* ---- filters: over every finding, rendered or not ------------------------------------------ */
  var form = $("#filters");
  var q = $("#q");
  var FACETS = ["sev", "rule", "doc", "status"];
  var shownRecs = recs.slice();    // what the filters let through, in order
  var page = 0;
  // the findings on the page now, to skip redrawing an unchanged page (at first: the markup's)
  var pageIds = $$("article.finding", results).map(function (el) { return recOf(el).id; }).join(" ");

  function checked(name) {
    var s = new Set();
    $$("input[name=" + name + "]", form).forEach(function (i) { if (i.checked) { s.add(i.value); } });
    return s;
  }

  /* The document filter: which documents are unchecked is kept here, since of thousands only those
     scrolled to have a checkbox (report.js adds them to the list as it scrolls). */
  var docOff = new Set();
  var docList = $(".doclist", form);
  var facetDocs = null;            // every document some finding cites, in corpus order
  var lastCounts = {};

  function allFacetDocs() {
    if (!facetDocs) {
      var seen = new Set();
      recs.forEach(function (r) { r.docs.forEach(function (d) { seen.add(Number(d)); }); });
      facetDocs = Array.from(seen).sort(function (a, b) { return a - b; }).map(String);
    }
    return facetDocs;
  }

  function moreDocs() {
    if (!docList || !docList.dataset.more) { return; }
    var list = allFacetDocs(), from = Number(docList.dataset.more), to = Math.min(list.length, from + (data.docpage || 100));
    for (var i = from; i < to; i++) {
      var v = list[i];
      var box = h("input", { type: "checkbox", name: "doc", value: v });
      box.checked = !docOff.has(v);
      add(docList, ["\n          ", h("label", { "class": "opt" }, box, h("span", { "class": "docname" }, data.docs[Number(v)]),
        h("span", { "class": "count", "data-count": "doc:" + v }, String(lastCounts["doc:" + v] || 0)))]);
    }
    if (to >= list.length) { delete docList.dataset.more; } else { docList.dataset.more = String(to); }
  }
  if (docList) {
    docList.addEventListener("scroll", function () {
      if (docList.scrollTop + docList.clientHeight > docList.scrollHeight - 150) { moreDocs(); }
    });
  }

  function facetValues(rec) {
    return { sev: [rec.sev], rule: [rec.rule], doc: rec.docs, status: [statusOf(rec.id)] };
  }

  function apply(keepPage) {
    // new filters start from the first page; triage (which may change what is shown) stays on it
    if (keepPage !== true) { page = 0; }
    var sel = {};
    FACETS.forEach(function (f) { sel[f] = f === "doc" ? null : checked(f); });
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var counts = {};
    var groupsShown = new Set();
    shownRecs = [];
    recs.forEach(function (rec) {
      var vals = facetValues(rec);
      var textOk = !words.length || words.every(function (w) { return searchText(rec).indexOf(w) >= 0; });
      var ok = {};
      FACETS.forEach(function (f) {
        ok[f] = vals[f].some(f === "doc" ? function (v) { return !docOff.has(v); } : function (v) { return sel[f].has(v); });
      });
      rec.vis = textOk && FACETS.every(function (f) { return ok[f]; });
      if (rec.vis) { shownRecs.push(rec); groupsShown.add(rec.g); }
      // a facet's counts: findings that pass every other filter and carry that value
      FACETS.forEach(function (f) {
        if (!textOk || !FACETS.every(function (g) { return g === f || ok[g]; })) { return; }
        vals[f].forEach(function (v) { var k = f + ":" + v; counts[k] = (counts[k] || 0) + 1; });
      });
    });
    lastCounts = counts;
    $$("[data-count]").forEach(function (span) { span.textContent = String(counts[span.dataset.count] || 0); });
    if (paged) {
      showPage(Math.min(page, Math.max(0, Math.ceil(shownRecs.length / PAGE) - 1)));
    } else {
      recs.forEach(function (rec) { rec.el.hidden = !rec.vis; });
      groupEls.forEach(function (sec, gi) { sec.hidden = !groupsShown.has(gi); });
    }
    var shown = shownRecs.length, total = recs.length, nGroups = groupsShown.size;
    $("#shown").textContent = (shown === total ? "" : shown + " of ") + total + " finding" + (total === 1 ? "" : "s") +
      " shown in " + nGroups + " subject" + (nGroups === 1 ? "" : "s");
    $("#none-shown").hidden = !(total && shown === 0);
  }

  /* ---- pages (only when there are more findings than one page holds) ------------------------- */
  function showPage(n) {
    page = n;
    var slice = shownRecs.slice(n * PAGE, (n + 1) * PAGE);
    var ids = slice.map(function (r) { return r.id; }).join(" ");
    if (ids !== pageIds) {
      pageIds = ids;
      $$("section.group", results).forEach(function (sec) { sec.remove(); });
      var anchor = pagers[pagers.length - 1];
      var sec = null, gi = -1;
      slice.forEach(function (rec) {
        if (rec.g !== gi) {
          gi = rec.g;
          sec = groupEl(gi);
          $$("article.finding", sec).forEach(function (a) { a.remove(); });
          results.insertBefore(sec, anchor);
        }
        var el = elementOf(rec);
        el.hidden = false;
        sec.appendChild(el);
      });
    }
    drawPagers();
  }

  function drawPagers() {
    drawPager(pagers, shownRecs.length, page, "Findings", function (n) { showPage(n); results.scrollIntoView({ block: "start" }); });
  }

  function drawPager(navs, count, current, what, goTo) {
    var pages = Math.ceil(count / PAGE_OF[what]);
    navs.forEach(function (nav) {
      nav.textContent = "";
      nav.hidden = pages < 2;
      if (pages < 2) { return; }
      var size = PAGE_OF[what];
      var from = current * size + 1, to = Math.min(count, (current + 1) * size);
      function btn(label, target, aria) {
        var b = h("button", { type: "button", "aria-label": aria }, label);
        b.disabled = target < 0 || target >= pages || target === current;
        b.addEventListener("click", function () { goTo(target); });
        return b;
      }
      add(nav, [btn("« First", 0, "First page"), " ", btn("‹ Previous", current - 1, "Previous page"), " ",
                h("span", { "class": "where" }, what + " " + from.toLocaleString("en") + "–" + to.toLocaleString("en") + " of " +
                  count.toLocaleString("en") + " · page " + (current + 1) + " of " + pages), " ",
                btn("Next ›", current + 1, "Next page"), " ", btn("Last »", pages - 1, "Last page")]);
    });
  }

  function showRec(rec) {
    // the page holding this finding (filters reset first if they hide it); its element
    if (!rec.vis) { resetFilters(); }
    if (paged) { showPage(Math.floor(shownRecs.indexOf(rec) / PAGE)); }
    return rec.el;
  }

  function resetFilters() {
    form.reset();
    apply();
  }

  var typing = null;
  q.addEventListener("input", function () {
    // on a large report, searching waits for a pause in typing
    if (paged) { clearTimeout(typing); typing = setTimeout(apply, 150); } else { apply(); }
  });
  form.addEventListener("change", function (e) {
    if (e.target === q) { return; }
    if (e.target.name === "doc") {
      if (e.target.checked) { docOff.delete(e.target.value); } else { docOff.add(e.target.value); }
    }
    apply();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { docOff.clear(); setTimeout(apply, 0); });
  $$("[data-action=reset]").forEach(function (b) { b.addEventListener("click", resetFilters); });

  function only(name, value) {
    $$("input[type=checkbox]", form).forEach(function (i) { i.checked = true; });
    $$("input[name=" + name + "]", form).forEach(function (i) { i.checked = i.value === value; });
    docOff = new Set(name === "doc" ? allFacetDocs().filter(function (v) { return v !== value; }) : []);
    q.value = "";
    apply();
    go("#findings", true);
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("[data-only-doc]") : null;
    if (b) { only("doc", b.dataset.onlyDoc); }
  });
  $$("g.bar[data-filter]").forEach(function (g) {
    var parts = g.dataset.filter.split(":");
    g.addEventListener("click", function () { only(parts[0], parts[1]); });
  });

  /* ---- documents and translation pairs rendered when opened (large corpora) ------------------- */
  var docParts = {};
  function docIsland(di) {
    // the part of the documents island that holds document di (parsed the first time it is needed)
    var part = data.docpage ? Math.floor(Number(di) / data.docpage) : 0;
    if (!(part in docParts)) {
      var el = document.getElementById("fc-docs-" + part);
      docParts[part] = el ? JSON.parse(el.textContent) : { lines: {}, pairs: {} };
    }
    return docParts[part];
  }

  function segments(segs, withIds) {
    return segs.map(function (s) {
      if (typeof s === "string") { return s; }
      var sev = s[5] || "";
      var mark = h("mark", { "class": "k-" + s[1] + (sev ? " f-" + sev : ""), id: withIds && s[2] ? s[2] : null, title: s[3] }, s[0]);
      return [mark, (s[4] || []).map(function (fi) {
        var f = data.findings[fi];
        return h("a", { "class": "ref sev-" + f.sev, href: "#finding-" + f.id, title: f.sev + ": " + f.rule + " " + ruleName(f) }, f.rule);
      })];
    });
  }

  function fillDoc(box) {
    if (!box || box.dataset.doc === undefined || box.firstChild) { return; }
    var lines = docIsland(box.dataset.doc).lines[box.dataset.doc] || [];
    var frag = document.createDocumentFragment();
    lines.forEach(function (line) {
      frag.appendChild(h("div", { "class": "ln", "data-n": String(line[0]) }, segments(line.slice(1), true)));
    });
    box.appendChild(frag);
  }

  function fillPair(body) {
    if (!body || body.dataset.pair === undefined || body.firstChild) { return; }
    var rows = docIsland(body.dataset.pair).pairs[body.dataset.pair] || [];
    var frag = document.createDocumentFragment();
    rows.forEach(function (row) {
      frag.appendChild(h("tr", { "class": row[0] ? "flag-" + row[0] : null },
        h("td", { lang: body.dataset.srcLang }, segments(row[1], false)),
        h("td", { lang: body.dataset.tgtLang }, segments(row[2], false))));
    });
    body.appendChild(frag);
  }

  /* ---- pages of documents (corpora of many): the overview table and the document views ------- */
  var docRows = data.doclist || null;
  var D = { name: 0, title: 1, lang: 2, date: 3, dateSource: 4, source: 5, trOf: 6, trIdx: 7, claims: 8, kinds: 9,
            findings: 10, fm: 11, pair: 12 };
  var docPages = { "doc-rows": 0, "doc-views": 0 };

  function docRow(i) {
    var d = docRows[i];
    var tr = d[D.trOf] ? (d[D.trIdx] >= 0 ? h("a", { href: "#doc-" + d[D.trIdx] }, d[D.trOf]) : d[D.trOf]) : "—";
    return h("tr", {}, "\n        ",
      h("th", { scope: "row" }, h("a", { href: "#doc-" + i, "class": "docname" }, d[D.name]),
        d[D.title] ? h("div", { "class": "doctitle", lang: d[D.lang] }, d[D.title]) : null), "\n        ",
      h("td", {}, d[D.lang]), "\n        ",
      h("td", {}, d[D.date] || "—", d[D.dateSource] ? h("div", { "class": "muted small" }, "from " + d[D.dateSource]) : null), "\n        ",
      h("td", { lang: d[D.lang] }, d[D.source] || "—"), "\n        ",
      h("td", {}, tr), "\n        ",
      h("td", { "class": "numcell" }, String(d[D.claims]), d[D.kinds].length ? h("div", { "class": "kinds" }, d[D.kinds].map(function (k) {
        return h("span", { "class": "chip k-" + k[0] }, k[0] + " " + k[1]);
      })) : null), "\n        ",
      h("td", { "class": "numcell" }, String(d[D.findings])), "\n      ");
  }

  function docView(i) {
    var d = docRows[i];
    var meta = d[D.lang] + (d[D.date] ? " · " + d[D.date] : "") + (d[D.source] ? " · " + d[D.source] : "") + " · " +
      d[D.claims] + " claims · " + plural(d[D.findings], "finding");
    var actions = null;
    if (d[D.findings]) {
      actions = h("p", { "class": "doc-actions" },
        h("button", { type: "button", "class": "linkish", "data-only-doc": String(i) }, "Show only this document's findings"),
        d[D.trIdx] >= 0 ? [" · ", h("a", { href: "#pair-" + i }, "aligned with " + d[D.trOf])] : null);
    }
    return h("details", { "class": "doc", id: "doc-" + i },
      h("summary", {}, h("span", { "class": "docname" }, d[D.name]), " ", h("span", { "class": "muted" }, meta)),
      actions,
      d[D.fm] ? h("details", { "class": "fm" }, h("summary", {}, "Front matter"), h("pre", {}, d[D.fm])) : null,
      h("div", { "class": "text", lang: d[D.lang], "data-doc": String(i) }));
  }

  function pairView(t) {
    var d = docRows[t], src = d[D.pair][0], s = docRows[src];
    return h("details", { "class": "pair", id: "pair-" + t },
      h("summary", {}, h("span", { "class": "docname" }, s[D.name]), " ⇄ ", h("span", { "class": "docname" }, d[D.name]), " ",
        h("span", { "class": "muted" }, "aligned sentence by sentence (" + d[D.pair][1] + " rows, as the checker paired them)")),
      h("div", { "class": "scroll" }, h("table", { "class": "aligned" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "original · " + s[D.name]), h("th", { scope: "col" }, "translation · " + d[D.name]))),
        h("tbody", { "data-pair": String(t), "data-src-lang": s[D.lang], "data-tgt-lang": d[D.lang] }))));
  }

  function showDocPage(which, n) {
    if (!docRows) { return; }
    var size = data.docpage, from = n * size, to = Math.min(docRows.length, from + size);
    var navs = $$("nav.pager[data-pages=" + which + "]");
    if (docPages[which] !== n) {
      docPages[which] = n;
      var i;
      if (which === "doc-rows") {
        var body = $("table.docs tbody");
        body.textContent = "";
        for (i = from; i < to; i++) { body.appendChild(docRow(i)); }
      } else {
        $$("#documents > details.pair, #documents > details.doc").forEach(function (e) { e.remove(); });
        var frag = document.createDocumentFragment();
        for (i = from; i < to; i++) { if (docRows[i][D.pair]) { frag.appendChild(pairView(i)); } }
        for (i = from; i < to; i++) { frag.appendChild(docView(i)); }
        navs[navs.length - 1].before(frag);
      }
    }
    drawPager(navs, docRows.length, n, "Documents", function (k) {
      showDocPage(which, k);
      navs[0].scrollIntoView({ block: which === "doc-rows" ? "end" : "start" });
    });
  }
  if (docRows) {
    showDocPage("doc-rows", 0);
    showDocPage("doc-views", 0);
  }

  function fillDetails(d) {
    if (d.classList.contains("doc")) { fillDoc($(".text[data-doc]", d)); }
    if (d.classList.contains("pair")) { fillPair($("tbody[data-pair]", d)); }
  }
  document.addEventListener("toggle", function (e) {
    if (e.target.tagName === "DETAILS" && e.target.open) { fillDetails(e.target); }
  }, true);
  $$("details.doc[open], details.pair[open]").forEach(fillDetails);

  /* ---- navigation: deep links, j/k, Enter ------------------------------------------------- */
  var current = null;

  function openAncestors(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) { p.open = true; fillDetails(p); }
    }
  }

  function target(id) {
    // an element of the page, rendering the finding's page or the document it is in first
    var m = /^finding-(.+)$/.exec(id);
    if (m && byId.has(m[1])) { return showRec(byId.get(m[1])); }
    m = /^(?:doc-|pair-|c)(\d+)(?:-\d+)?$/.exec(id);
    if (m && docRows && Number(m[1]) < docRows.length && !document.getElementById("doc-" + m[1])) {
      // a document (its view, its pair, a claim in it) on another page of documents
      showDocPage("doc-views", Math.floor(Number(m[1]) / data.docpage));
    }
    var el = document.getElementById(id);
    if (el) { return el; }
    m = /^c(\d+)-\d+$/.exec(id);
    if (m) {
      fillDoc($(".text[data-doc]", document.getElementById("doc-" + m[1])));
      return document.getElementById(id);
    }
    return null;
  }

  function reveal(hash) {
    var id;
    try { id = decodeURIComponent((hash || "").replace(/^#/, "")); } catch (e) { return; }
    if (!id) { return; }
    var el = target(id);
    if (!el) { return; }
    if (el.classList.contains("finding")) {
      setCurrent(el);
    }
    openAncestors(el);
    if (el.tagName === "DETAILS") { el.open = true; fillDetails(el); }
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

  function onPage() {
    // the shown findings whose elements are on the page now
    return shownRecs.filter(function (rec) { return rec.el && rec.el.isConnected && !rec.el.hidden; });
  }

  function move(step) {
    var list = shownRecs;
    if (!list.length) { return; }
    var cur = current && current.isConnected ? recOf(current) : null;
    var i = cur ? list.indexOf(cur) : -1;
    var next;
    if (i >= 0) {
      next = list[Math.min(list.length - 1, Math.max(0, i + step))];
    } else {
      // no current finding yet: start from what is on screen
      var here = onPage();
      if (!here.length) { return; }
      var edge = $("header.top").getBoundingClientRect().bottom + 1;
      if (step > 0) {
        next = here.find(function (r) { return r.el.getBoundingClientRect().top >= edge - 2; }) || here[here.length - 1];
      } else {
        var above = here.filter(function (r) { return r.el.getBoundingClientRect().top < edge - 2; });
        next = above.length ? above[above.length - 1] : here[0];
      }
    }
    var el = showRec(next);
    setCurrent(el);
    history.replaceState(null, "", "#" + el.id);
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
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
    var hd = $("h3", clone);
    if (hd) { hd.id = "rule-dialog-h"; }
    body.appendChild(clone);
    ruleDialog.showModal();
  }

  $("#help-btn").addEventListener("click", function () { $("#help").showModal(); });

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    var inField = t && (t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(t.type)));
    if (inField) {
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
        if (!current || current.hidden || !current.isConnected) { return; }
        setStatus(recOf(current), { c: "confirmed", n: "not-a-problem", u: "" }[e.key]);
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
