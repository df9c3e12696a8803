"use strict";
// dedupe review report. Renders the embedded JSON with createElement and textContent only:
// every string from a document is data, never markup. No network, no storage, no eval.
(function () {
  const D = JSON.parse(document.getElementById("report-data").textContent);
  // An interned string given as [before, k, after] is before + (string k) + after.
  const S = D.strings.map((x) => (typeof x === "string" ? x : x[0] + D.strings[x[1]] + x[2]));
  const PAGE = { overview: 100, findings: 100, clusters: 8, document: 40 };
  const VIEWS = ["overview", "clusters", "findings", "document"];
  const KIND_ORDER = ["boilerplate", "copy", "template", "subject-mismatch", "join", "truncated", "metadata"];
  const COPY_KINDS = ["exact", "near", "contained", "template", "partial"];
  const KIND_WORDS = {
    boilerplate: "removed page chrome",
    copy: "removed copied sentence",
    template: "same text, other names",
    "subject-mismatch": "subject and body disagree",
    join: "line break joined",
    truncated: "cut off by the scrape",
    metadata: "headline, byline, dateline (kept)",
  };
  const nf = new Intl.NumberFormat("en-US");
  const fmt = (n) => nf.format(n);
  const sim2 = (x) => (x < 0 ? "" : x.toFixed(2));
  const plural = (n, word) => `${fmt(n)} ${word}${n === 1 ? "" : "s"}`;

  // ---- elements -------------------------------------------------------------------------------
  function el(tag, props, ...kids) {
    const node = document.createElement(tag);
    if (props) {
      for (const key of Object.keys(props)) {
        const value = props[key];
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key === "onclick") node.addEventListener("click", value);
        else if (key === "dataset") Object.assign(node.dataset, value);
        else node.setAttribute(key, String(value)); // only lang, title, aria-*, type, colspan
      }
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid !== null && kid !== undefined && kid !== false) node.append(kid); // strings: text nodes
    }
    return node;
  }
  const $ = (id) => document.getElementById(id);
  const view = $("view");

  // ---- data -----------------------------------------------------------------------------------
  // Document and finding rows as objects: the fields of DOC_FIELDS and FINDING_FIELDS in
  // dedupe/report/html.py (a path given as a number is that interned prefix followed by the id;
  // a finding's line and start count from the previous finding's, and `to` may be left off).
  const docs = D.docs.map((r) => ({
    id: r[0], path: typeof r[1] === "number" ? S[r[1]] + r[0] : r[1], output: r[2], duplicate_of: r[3],
    stats: r[4], rows: r[5], excerpts: r[6],
  }));
  const findings = [];
  docs.forEach((doc, d) => {
    doc.kinds = new Set();
    doc.first = findings.length;
    let line = 0, start = 0;
    for (const r of doc.rows) {
      line += r[3];
      start += r[4];
      const f = {
        i: findings.length, doc: d, kind: S[r[0]], rule: S[r[1]], reason: S[r[2]],
        line, start, end: start + r[5], removed: r[6] === 1, to: r.length > 7 ? S[r[7]] : null,
        cluster: -1, sim: -1, text: null,
      };
      doc.kinds.add(f.kind);
      doc.kinds.add(f.rule);
      findings.push(f);
    }
    doc.count = findings.length - doc.first;
    doc.rows = null;
  });

  let spans = null; // "doc:start:end" -> the findings over exactly that stretch
  function findingsAt(d, start, end) {
    if (spans === null) {
      spans = new Map();
      for (const f of findings) {
        const key = f.doc + ":" + f.start + ":" + f.end;
        const list = spans.get(key);
        if (list) list.push(f); else spans.set(key, [f]);
      }
    }
    return spans.get(d + ":" + start + ":" + end) || [];
  }

  // Cluster rows as objects: the fields of CLUSTER_FIELDS, PLACE_FIELDS, MEMBER_FIELDS and
  // SENTENCE_FIELDS in dedupe/report/html_clusters.py. A member row holding only the summary
  // fields (past the report's detail budget) has no texts, changes or sentences.
  const place = (r) => ({ doc: r[0], path: r[1], line: r[2], start: r[3], end: r[4], text: r[5] || "", lang: r[6] || "" });
  const sentence = (r) => ({
    start: r[0], end: r[1], docStart: r[2], docEnd: r[3], source: { doc: r[4], line: r[5], path: "" },
    a: r[6], b: r[7], text: r[8], kind: r[9], similarity: r[10], removed: r[11] === 1, swaps: r[12],
  });
  const member = (r) => ({
    at: place(r[0]), kind: r[1], similarity: r[2], containment: r[3], removed: r[4] === 1, swaps: r[5],
    swapsLeft: r[6], mismatch: r[7], summary: r.length < 11, changes: r[8] || [], unmarked: r[9] || 0,
    sentences: (r[10] || []).map(sentence), sentencesRemoved: false,
  });
  D.clusters = D.clusters.map((r, ci) => ({ index: ci, id: r[0], kind: r[1], original: place(r[2]), why: S[r[3]], members: r[4].map(member) }));
  const memberCount = D.clusters.reduce((n, c) => n + c.members.length, 0);

  // Copy, template and subject-mismatch findings point at their cluster and carry a similarity.
  D.clusters.forEach((c, ci) => {
    for (const m of c.members) {
      for (const f of findingsAt(m.at.doc, m.at.start, m.at.end)) {
        if (f.kind === "subject-mismatch") { f.cluster = ci; f.sim = m.similarity; }
      }
      for (const s of m.sentences) {
        for (const f of findingsAt(m.at.doc, s.docStart, s.docEnd)) {
          if (f.kind === "copy" || f.kind === "template") {
            f.cluster = ci;
            f.sim = Math.max(f.sim, s.similarity);
          }
        }
      }
      const doc = docs[m.at.doc];
      if (!m.summary || !doc) continue;
      // A summary row has no sentences: its copied sentences are the findings in its paragraph.
      for (let i = doc.first; i < doc.first + doc.count; i++) {
        const f = findings[i];
        if ((f.kind === "copy" || f.kind === "template") && f.start >= m.at.start && f.end <= m.at.end) {
          f.cluster = ci;
          f.sim = Math.max(f.sim, m.similarity);
          if (f.removed) m.sentencesRemoved = true;
        }
      }
    }
  });

  function excerptAt(doc, offset) {
    const xs = doc.excerpts;
    let lo = 0, hi = xs.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid][0] <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  // The text of doc[start:end] as far as the report carries it; cut parts become " … ".
  function slice(doc, start, end) {
    let k = excerptAt(doc, start);
    if (k < 0) k = 0;
    const parts = [];
    for (; k < doc.excerpts.length && doc.excerpts[k][0] < end; k++) {
      const [at, text] = doc.excerpts[k];
      const a = Math.max(start, at), b = Math.min(end, at + text.length);
      if (a < b) parts.push(text.slice(a - at, b - at));
      else if (a === b && start === end) parts.push("");
    }
    return parts.join(" … ");
  }

  function textOf(f) {
    if (f.text === null) f.text = slice(docs[f.doc], f.start, f.end);
    return f.text;
  }

  function langAt(doc, offset) {
    const k = excerptAt(doc, offset);
    return k < 0 ? "en" : doc.excerpts[k][2];
  }

  // ---- filters --------------------------------------------------------------------------------
  const F = { kind: "", doc: "", sim: 0, q: "" };
  let docOk = null;

  function docMatches(d) {
    if (docOk === null) {
      const needle = F.doc.toLowerCase();
      docOk = docs.map((doc) => !needle || doc.id.toLowerCase().includes(needle) || doc.path.toLowerCase().includes(needle));
    }
    return d >= 0 ? docOk[d] : !F.doc;
  }

  function findingMatches(f) {
    if (F.kind && f.kind !== F.kind && f.rule !== F.kind) return false;
    if (!docMatches(f.doc)) return false;
    if (F.sim > 0 && f.sim < F.sim) return false;
    if (F.q) {
      const hay = (textOf(f) + "\n" + f.rule + "\n" + f.reason + "\n" + f.kind).toLowerCase();
      if (!hay.includes(F.q)) return false;
    }
    return true;
  }

  function memberMatches(c, m) {
    if (F.kind) {
      const ok = m.kind === F.kind
        || m.sentences.some((s) => s.kind === F.kind)
        || (F.kind === "copy" && (m.removed || m.sentences.some((s) => s.removed)))
        || (F.kind === "subject-mismatch" && m.mismatch !== null);
      if (!ok) return false;
    }
    if (!docMatches(m.at.doc) && !docMatches(c.original.doc)) return false;
    if (F.sim > 0 && m.similarity < F.sim) return false;
    if (F.q) {
      const hay = [c.id, c.original.text, c.original.path, m.at.text, m.at.path, m.swaps.join(" ")]
        .join("\n").toLowerCase();
      if (!hay.includes(F.q)) return false;
    }
    return true;
  }

  function docRowMatches(d) {
    const doc = docs[d];
    if (!docMatches(d)) return false;
    if (F.kind && !doc.kinds.has(F.kind)) return false;
    if (F.q && !(doc.id + "\n" + doc.path).toLowerCase().includes(F.q)) return false;
    return true;
  }

  // ---- state ----------------------------------------------------------------------------------
  const state = {
    view: "overview",
    page: { overview: 0, findings: 0, clusters: 0, document: 0 },
    current: { overview: 0, findings: 0, clusters: 0, document: 0 },
    doc: docs.length ? 0 : -1,
    focusFinding: -1,
    sort: { key: "index", dir: 1 },
    cache: {},
  };

  function filtered(name) {
    if (name === "document") return state.doc < 0 ? [] : docs[state.doc].excerpts;
    if (state.cache[name]) return state.cache[name];
    let out;
    if (name === "findings") out = findings.filter(findingMatches);
    else if (name === "clusters") {
      out = [];
      for (const c of D.clusters) {
        const ms = c.members.filter((m) => memberMatches(c, m));
        if (ms.length) out.push({ cluster: c, members: ms });
      }
    } else {
      out = [];
      for (let d = 0; d < docs.length; d++) if (docRowMatches(d)) out.push(d);
      out.sort(docOrder);
    }
    state.cache[name] = out;
    return out;
  }

  const SORT_KEYS = {
    index: (d) => d,
    document: (d) => docs[d].id,
    findings: (d) => docs[d].count,
    removed: (d) => docs[d].stats[4],
    joins: (d) => docs[d].stats[5],
    truncated: (d) => docs[d].stats[6],
    copies: (d) => docs[d].stats[7],
    before: (d) => docs[d].stats[0],
    after: (d) => docs[d].stats[1],
    change: (d) => docs[d].stats[1] - docs[d].stats[0],
  };

  function docOrder(a, b) {
    const key = SORT_KEYS[state.sort.key];
    const x = key(a), y = key(b);
    const c = x < y ? -1 : x > y ? 1 : a - b;
    return c * state.sort.dir;
  }

  function refilter() {
    docOk = null;
    state.cache = {};
    state.page = { overview: 0, findings: 0, clusters: 0, document: 0 };
    state.current = { overview: 0, findings: 0, clusters: 0, document: 0 };
    render();
  }

  // ---- shared pieces --------------------------------------------------------------------------
  function pager(name, total) {
    const size = PAGE[name];
    const pages = Math.max(1, Math.ceil(total / size));
    const page = state.page[name];
    const go = (p) => () => { state.page[name] = p; state.current[name] = 0; render(); };
    return el("nav", { class: "pager", "aria-label": "Pages" },
      el("button", { type: "button", onclick: go(page - 1), disabled: page === 0 }, "Previous"),
      el("span", { class: "page-of" }, `page ${page + 1} of ${pages}`),
      el("button", { type: "button", onclick: go(page + 1), disabled: page + 1 >= pages }, "Next"),
      el("span", null, plural(total, { overview: "document", clusters: "cluster", document: "excerpt" }[name] || "finding")));
  }

  function pageOf(name, items) {
    const size = PAGE[name];
    const pages = Math.max(1, Math.ceil(items.length / size));
    if (state.page[name] >= pages) state.page[name] = pages - 1;
    const start = state.page[name] * size;
    return items.slice(start, start + size);
  }

  function where(d, line) {
    const doc = docs[d];
    return (doc ? doc.id : "?") + ":" + line;
  }

  function placeName(p) {
    return (p.doc >= 0 ? docs[p.doc].id : p.path) + ":" + p.line;
  }

  function badge(kind, extra) {
    return el("span", { class: "badge k-" + kind + (extra ? " " + extra : "") }, kind);
  }

  function openDoc(d, f) {
    state.doc = d;
    state.focusFinding = f === undefined ? -1 : f;
    state.current.document = 0;
    const at = f === undefined ? -1 : excerptAt(docs[d], findings[f].start);
    state.page.document = at < 0 ? 0 : Math.floor(at / PAGE.document);
    show("document");
  }

  function openCluster(ci) {
    const list = filtered("clusters");
    let at = list.findIndex((x) => x.cluster.index === ci);
    if (at < 0) {
      F.kind = ""; F.doc = ""; F.sim = 0; F.q = "";
      syncInputs();
      docOk = null;
      state.cache = {};
      at = filtered("clusters").findIndex((x) => x.cluster.index === ci);
    }
    state.page.clusters = Math.floor(at / PAGE.clusters);
    state.current.clusters = 0;
    state.pendingCluster = ci;
    show("clusters");
  }

  // Splits text at every range boundary; each piece gets the classes and titles of the ranges
  // over it. Ranges: {s, e, cls, title, mark}; an empty range (s == e) becomes a zero-width mark.
  function paint(text, ranges, lang) {
    const cuts = new Set([0, text.length]);
    for (const r of ranges) { cuts.add(Math.max(0, Math.min(text.length, r.s))); cuts.add(Math.max(0, Math.min(text.length, r.e))); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const box = el("p", { class: "text", lang: lang });
    for (let k = 0; k < points.length; k++) {
      const a = points[k];
      for (const r of ranges) {
        if (r.s === r.e && r.s === a) box.append(el("span", { class: r.cls, title: r.title }, r.mark || ""));
      }
      if (k + 1 === points.length) break;
      const b = points[k + 1];
      const over = ranges.filter((r) => r.s <= a && b <= r.e && r.s < r.e);
      const piece = text.slice(a, b);
      if (!over.length) { box.append(piece); continue; }
      const titles = over.map((r) => r.title).filter(Boolean);
      box.append(el("span", { class: over.map((r) => r.cls).join(" "), title: titles.join("\n") || null }, piece));
    }
    return box;
  }

  // ---- overview -------------------------------------------------------------------------------
  function card(label, num, sub) {
    return el("div", { class: "card" }, el("div", { class: "sub" }, label), el("div", { class: "num" }, num), sub ? el("div", { class: "sub" }, sub) : null);
  }

  function renderOverview() {
    const s = D.summary;
    const total = Object.values(D.kinds).reduce((a, b) => a + b, 0);
    const removed = s.chars_in - s.chars_out;
    const kinds = Object.keys(D.kinds).sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
    const frag = [
      el("section", { class: "cards", "aria-label": "Totals" },
        card("documents scanned", fmt(s.documents), s.skipped ? `${fmt(s.skipped)} skipped` : "none skipped"),
        card("paragraphs kept", fmt(s.paragraphs_out), `${fmt(s.lines_in)} lines read`),
        card("findings", fmt(total), `${fmt(s.clusters)} copy clusters`),
        card("characters removed", fmt(removed), `${fmt(s.chars_in)} → ${fmt(s.chars_out)}`),
        card("lines removed", fmt(s.removed_lines), `${fmt(s.joins)} joins, ${fmt(s.truncated)} truncated`),
        card("copied sentences removed", fmt(s.copies_removed), `${fmt(s.duplicate_documents)} duplicate documents`)),
      el("h2", null, "Findings by kind"),
      el("div", { class: "kinds" }, kinds.map((k) =>
        el("button", { type: "button", class: "kind-count", title: KIND_WORDS[k] || k, onclick: () => { F.kind = k; syncInputs(); refilter(); show("findings"); } },
          badge(k), " ", fmt(D.kinds[k])))),
      el("h2", null, "Documents"),
    ];
    const rows = filtered("overview");
    const shown = pageOf("overview", rows);
    const cols = [
      ["index", "#", "n"], ["document", "document", ""], ["findings", "findings", "n"],
      ["removed", "lines removed", "n"], ["joins", "joins", "n"], ["truncated", "truncated", "n"],
      ["copies", "copies removed", "n"], ["before", "chars before", "n"], ["after", "chars after", "n"],
      ["change", "change", "n"],
    ];
    const head = el("tr", null, cols.map(([key, label, cls]) => {
      const sorted = state.sort.key === key;
      return el("th", { class: cls, "aria-sort": sorted ? (state.sort.dir > 0 ? "ascending" : "descending") : null },
        el("button", { type: "button", dataset: { sort: key }, onclick: () => {
          state.sort = { key, dir: sorted ? -state.sort.dir : key === "index" || key === "document" ? 1 : -1 };
          state.cache.overview = null;
          state.page.overview = 0;
          render();
        } }, label + (sorted ? (state.sort.dir > 0 ? " ▲" : " ▼") : "")));
    }));
    const body = el("tbody", null, shown.map((d) => {
      const doc = docs[d], st = doc.stats;
      const change = st[0] ? ((st[1] - st[0]) / st[0]) * 100 : 0;
      return el("tr", { class: "item doc-row", dataset: { doc: String(d) }, onclick: () => openDoc(d) },
        el("td", { class: "n" }, String(d + 1)),
        el("td", { class: "doc" }, doc.id, doc.duplicate_of !== null ? el("span", { class: "muted" }, ` (copy of ${doc.duplicate_of})`) : null),
        el("td", { class: "n" }, fmt(doc.count)), el("td", { class: "n" }, fmt(st[4])),
        el("td", { class: "n" }, fmt(st[5])), el("td", { class: "n" }, fmt(st[6])),
        el("td", { class: "n" }, fmt(st[7])), el("td", { class: "n" }, fmt(st[0])),
        el("td", { class: "n" }, fmt(st[1])), el("td", { class: "n" }, (change > 0 ? "+" : "") + change.toFixed(1) + "%"));
    }));
    frag.push(pager("overview", rows.length), el("table", { class: "docs" }, el("thead", null, head), body));
    if (D.skipped.length) {
      frag.push(el("h2", null, "Skipped inputs"), el("ul", null, D.skipped.map(([path, reason]) => el("li", null, path, ": ", reason))));
    }
    return frag;
  }

  // ---- findings -------------------------------------------------------------------------------
  function snippet(f) {
    const doc = docs[f.doc];
    const before = slice(doc, Math.max(0, f.start - 40), f.start);
    const after = slice(doc, f.end, f.end + 40);
    const lang = langAt(doc, f.start);
    if (f.kind === "join") {
      return el("p", { class: "snippet", lang }, el("span", { class: "ctx" }, before.replace(/\s+$/, "")),
        el("span", { class: "join-mark", title: "the line break that was joined" }, "⏎"),
        el("span", { class: "ctx" }, after.replace(/^\s+/, "")));
    }
    const cls = f.removed ? "del" : f.kind === "template" ? "tpl" : f.kind === "metadata" ? "meta" : f.kind === "subject-mismatch" ? "mismatch" : "";
    return el("p", { class: "snippet", lang }, el("span", { class: "ctx" }, before.slice(before.lastIndexOf("\n") + 1)),
      el("span", { class: cls }, textOf(f)),
      f.kind === "truncated" ? el("span", { class: "trunc-mark" }, "✂ cut off") : null,
      el("span", { class: "ctx" }, after.split("\n")[0]));
  }

  function findingRow(f) {
    return el("article", { class: "finding item", dataset: { finding: String(f.i), kind: f.kind } },
      el("div", { class: "where" }, badge(f.kind, f.removed ? "removed" : null), el("br"), where(f.doc, f.line)),
      el("div", null,
        el("div", { class: "reason" }, el("b", null, f.rule), " — ", f.reason,
          f.sim >= 0 ? el("span", { class: "muted" }, ` · similarity ${sim2(f.sim)}`) : null,
          " ", el("button", { type: "button", class: "link", onclick: () => openDoc(f.doc, f.i) }, "in document"),
          f.cluster >= 0 ? [" ", el("button", { type: "button", class: "link", onclick: () => openCluster(f.cluster) }, "cluster " + D.clusters[f.cluster].id)] : null),
        snippet(f)));
  }

  function renderFindings() {
    const rows = filtered("findings");
    if (!rows.length) return [el("p", { class: "empty" }, "No finding matches the filters.")];
    return [pager("findings", rows.length), el("div", { class: "list" }, pageOf("findings", rows).map(findingRow)), pager("findings", rows.length)];
  }

  // ---- clusters -------------------------------------------------------------------------------
  function memberCard(c, m) {
    const o = c.original;
    const aRanges = [], bRanges = [];
    for (const [a1, a2, b1, b2, swap] of m.changes) {
      const title = swap >= 0 ? "swap: " + m.swaps[swap] : null;
      const cls = swap >= 0 ? "chg swap" : "chg";
      aRanges.push(a1 === a2 ? { s: a1, e: a1, cls: "ins-point", title: "text inserted in the copy here" } : { s: a1, e: a2, cls, title });
      bRanges.push(b1 === b2 ? { s: b1, e: b1, cls: "ins-point", title: "text of the original left out here" } : { s: b1, e: b2, cls, title });
    }
    for (const s of m.sentences) {
      if (s.removed) bRanges.push({ s: s.start, e: s.end, cls: "sent-removed", title: `removed: ${s.kind} copy of ${placeName(s.source)}` });
      else if (s.kind === "template") bRanges.push({ s: s.start, e: s.end, cls: "tpl", title: `template of ${placeName(s.source)} (kept)` });
    }
    const status = m.removed ? el("span", { class: "badge removed" }, "removed") : el("span", { class: "badge kept" }, m.sentencesRemoved || m.sentences.some((s) => s.removed) ? "kept, copied sentences removed" : "kept");
    const parts = [
      el("header", null, badge(m.kind), status,
        el("span", null, `similarity ${sim2(m.similarity)} · containment ${sim2(m.containment)}`),
        el("span", { class: "muted" }, "copy ", el("b", null, placeName(m.at)), " ← original ", el("b", null, placeName(o))),
        m.at.doc >= 0 ? el("button", { type: "button", class: "link", onclick: () => openDoc(m.at.doc, findingsAt(m.at.doc, m.at.start, m.at.end).concat(firstFindingIn(m.at))[0]?.i) }, "in document") : null),
    ];
    if (m.swaps.length) {
      parts.push(el("p", { class: "swaps" }, "Swapped: ", m.swaps.map((sw) => el("span", { class: "swap", lang: "zh-CN" }, sw)),
        m.swapsLeft ? el("span", { class: "muted" }, ` and ${fmt(m.swapsLeft)} more`) : null));
    }
    if (m.mismatch) {
      parts.push(el("p", { class: "callout mismatch-note" }, "Subject mismatch: this paragraph is about ",
        el("b", { lang: "zh-CN" }, m.mismatch.subject), ", but its body still names ",
        el("b", { lang: "zh-CN" }, m.mismatch.body_mentions.join("、")),
        ", places of the original's subject: it was probably copied and only its name changed."));
    }
    if (m.summary) {
      parts.push(el("p", { class: "muted summary-note" }, "Summary only: texts, differences and sentences left out for size (see the note at the top; its document shows the copied sentences in place)."));
    } else if (m.unmarked) {
      parts.push(el("p", { class: "muted" }, `${plural(m.unmarked, "difference")} not marked: where there are this many, only the swaps are.`));
    }
    if (!m.summary) parts.push(el("div", { class: "sbs" },
      el("div", { class: "side original" }, el("h3", null, "Original · " + placeName(o)), paint(o.text, aRanges, o.lang)),
      el("div", { class: "side copy" }, el("h3", null, (m.removed ? "Copy (removed) · " : "Copy · ") + placeName(m.at)), paint(m.at.text, bRanges, m.at.lang))));
    if (m.sentences.length) {
      parts.push(el("table", { class: "sentences" },
        el("thead", null, el("tr", null, el("th", null, "sentence of the copy"), el("th", null, "came from"), el("th", null, "kind"), el("th", { class: "n" }, "similarity"), el("th", null, "removed"))),
        el("tbody", null, m.sentences.map((s) => {
          const own = m.at.text.slice(s.start, s.end);
          const inside = s.b > 0;
          const src = inside ? o.text.slice(s.a, s.b) : s.text;

          return el("tr", null,
            el("td", { class: "text", lang: m.at.lang }, own || el("span", { class: "muted" }, "(text left out)")),
            el("td", null, el("b", null, placeName(s.source)), inside ? el("span", { class: "muted" }, " (the original)") : null, el("div", { class: "text", lang: o.lang }, src)),
            el("td", null, s.kind, s.swaps.length ? el("div", null, s.swaps.map((sw) => el("span", { class: "swap" }, sw))) : null),
            el("td", { class: "n" }, sim2(s.similarity)),
            el("td", null, s.removed ? "yes" : "no"));
        }))));
    }
    return el("article", { class: "member item" + (m.summary ? " summary" : ""), dataset: { cluster: c.id } }, parts);
  }

  function firstFindingIn(place) {
    const doc = docs[place.doc];
    const out = [];
    if (!doc) return out;
    for (let i = doc.first; i < doc.first + doc.count; i++) {
      if (findings[i].start >= place.start && findings[i].start < place.end) { out.push(findings[i]); break; }
    }
    return out;
  }

  function renderClusters() {
    const rows = filtered("clusters");
    if (!D.clusters.length) return [el("p", { class: "empty" }, "No copies were found in this run.")];
    if (!rows.length) return [el("p", { class: "empty" }, "No copy matches the filters.")];
    const out = [];
    if (D.summarized) {
      out.push(el("p", { class: "callout left-out" },
        `${fmt(D.summarized)} of ${fmt(memberCount)} copies are shown as summary rows only (where, kind, similarity, containment, removed, swaps), `,
        "without their texts, differences and sentences: this run found more copies than the report carries in detail at its size. ",
        "Every detail is in the JSON report: ", el("code", null, "dedupe scan PATH --format json"), " (or ", el("code", null, "--json FILE"), " on clean)."));
    }
    out.push(pager("clusters", rows.length));
    for (const { cluster: c, members } of pageOf("clusters", rows)) {
      out.push(el("section", { class: "cluster", dataset: { cluster: c.id } },
        el("h2", null, c.id, " · ", c.kind, " · ", el("span", { class: "muted" }, `${c.members.length} ${c.members.length === 1 ? "copy" : "copies"} of ${placeName(c.original)}`)),
        el("p", { class: "why" }, "Kept as the original: ", c.why),
        members.map((m) => memberCard(c, m))));
    }
    out.push(pager("clusters", rows.length));
    return out;
  }

  // ---- document -------------------------------------------------------------------------------
  function excerptRanges(doc, at, text, list, after) {
    const ranges = [];
    for (const f of list) {
      const s = f.start - at, e = f.end - at;
      const title = `${f.kind} (${f.rule}): ${f.reason}`;
      if (f.kind === "join") ranges.push({ s, e, cls: "join", title, join: f.to });
      else if (f.removed) ranges.push({ s, e, cls: "del", title, drop: true });
      else if (f.kind === "template") ranges.push({ s, e, cls: "tpl", title });
      else if (f.kind === "subject-mismatch") ranges.push({ s, e, cls: "mismatch", title });
      else if (f.kind === "metadata") ranges.push({ s, e, cls: "meta", title });
      else if (f.kind === "truncated") ranges.push({ s: e, e, cls: "trunc-mark", title, mark: "✂ cut off" });
    }
    if (!after) {
      return paintMarks(text, ranges);
    }
    // After: removed stretches left out, joins replaced by what joined them.
    const keep = [];
    let pos = 0;
    const cuts = ranges.filter((r) => r.drop || r.join !== undefined).sort((x, y) => x.s - y.s || y.e - x.e);
    for (const r of cuts) {
      if (r.e <= pos) continue;
      if (r.s > pos) keep.push(text.slice(pos, r.s));
      if (r.join !== undefined && r.join !== null && r.s >= pos) keep.push({ joined: r.join });
      pos = Math.max(pos, r.e);
    }
    keep.push(text.slice(pos));
    const box = el("p", { class: "text", lang: langAt(doc, at) });
    let run = "";
    const flush = () => { if (run) box.append(run.replace(/\n[ \t]*(\n[ \t]*)+/g, "\n\n")); run = ""; };
    for (const piece of keep) {
      if (typeof piece === "string") { run += piece; continue; }
      flush();
      box.append(el("span", { class: "joined", title: "joined here" }, piece.joined));
    }
    flush();
    if (!box.textContent.trim() && !box.querySelector(".joined")) box.append(el("span", { class: "muted" }, "(all removed)"));
    if (box.firstChild && typeof box.firstChild.data === "string") box.firstChild.data = box.firstChild.data.replace(/^\s+/, "");
    return box;
  }

  // Before: every finding marked; a join is a marker where the line break was.
  function paintMarks(text, ranges) {
    const spans = ranges.map((r) => (r.cls === "join" ? { s: r.s, e: r.s, cls: "join-mark", title: r.title, mark: "⏎" } : r));
    return paint(text, spans, "");
  }

  function renderDocument() {
    if (state.doc < 0) return [el("p", { class: "empty" }, "No document in this report.")];
    const d = state.doc;
    const doc = docs[d], st = doc.stats;
    const list = findings.slice(doc.first, doc.first + doc.count);
    const out = [
      el("div", { class: "doc-head" },
        el("button", { type: "button", onclick: () => openDoc(Math.max(0, d - 1)), disabled: d === 0 }, "← previous"),
        el("h2", null, doc.id),
        el("button", { type: "button", onclick: () => openDoc(Math.min(docs.length - 1, d + 1)), disabled: d + 1 >= docs.length }, "next →")),
      el("p", { class: "muted" }, `${doc.path} · ${fmt(st[0])} → ${fmt(st[1])} characters · ${fmt(st[2])} lines · ${fmt(doc.count)} findings · `,
        doc.output ? "cleaned text in " + doc.output : doc.duplicate_of !== null ? "no output: it copies " + doc.duplicate_of + " whole" : "not written (scan)"),
      el("div", { class: "legend" }, el("span", { class: "del" }, "removed"), el("span", { class: "join-mark" }, "⏎"), "line break joined",
        el("span", { class: "tpl" }, "template (kept)"), el("span", { class: "mismatch" }, "subject mismatch"),
        el("span", { class: "meta" }, "metadata (kept)"), el("span", { class: "joined" }, " "), "joined in the output"),
    ];
    if (!doc.excerpts.length) {
      out.push(el("p", { class: "empty" }, "No findings: the document is kept as it is."));
      return out;
    }
    const shown = pageOf("document", doc.excerpts);
    const first = state.page.document * PAGE.document;
    if (doc.excerpts.length > PAGE.document) out.push(pager("document", doc.excerpts.length));
    let prev = first > 0 ? doc.excerpts[first - 1][0] + doc.excerpts[first - 1][1].length : 0;
    shown.forEach(([at, text], k) => {
      if (at > prev) out.push(el("p", { class: "gap" }, `⋯ ${fmt(at - prev)} characters not shown ⋯`));
      prev = at + text.length;
      const inside = list.filter((f) => f.start < at + text.length && (f.end > at || (f.start === f.end && f.start >= at)));
      const starting = inside.filter((f) => f.start >= at);
      const lang = shown[k][2];
      const before = excerptRanges(doc, at, text, inside, false);
      before.setAttribute("lang", lang);
      const after = doc.duplicate_of !== null ? el("p", { class: "muted" }, "(no output)") : excerptRanges(doc, at, text, inside, true);
      out.push(el("section", { class: "excerpt item", dataset: { findings: starting.map((f) => f.i).join(" ") } },
        el("div", { class: "sbs" },
          el("div", { class: "side" }, el("h3", null, "before · line " + (starting[0] ? starting[0].line : "")), before),
          el("div", { class: "side copy" }, el("h3", null, "after"), after)),
        el("ul", { class: "notes" }, starting.map((f) => el("li", null, badge(f.kind, f.removed ? "removed" : null), ` line ${f.line} · ${f.rule}: `, f.reason,
          f.cluster >= 0 ? [" ", el("button", { type: "button", class: "link", onclick: () => openCluster(f.cluster) }, "cluster " + D.clusters[f.cluster].id)] : null)))));
    });
    const total = doc.stats[0];
    const last = first + shown.length === doc.excerpts.length;
    if (last && prev < total) out.push(el("p", { class: "gap" }, `⋯ ${fmt(total - prev)} characters not shown ⋯`));
    if (doc.excerpts.length > PAGE.document) out.push(pager("document", doc.excerpts.length));
    return out;
  }

  // ---- navigation -----------------------------------------------------------------------------
  const RENDER = { overview: renderOverview, findings: renderFindings, clusters: renderClusters, document: renderDocument };

  function items() {
    return view.querySelectorAll(".item");
  }

  function setCurrent(k, scroll) {
    const list = items();
    if (!list.length) { updateStatus(); return; }
    k = Math.max(0, Math.min(list.length - 1, k));
    const old = view.querySelector(".item.current");
    if (old) { old.classList.remove("current"); old.removeAttribute("aria-current"); }
    state.current[state.view] = k;
    const node = list[k];
    node.classList.add("current");
    node.setAttribute("aria-current", "true");
    if (scroll) node.scrollIntoView({ block: "nearest" });
    updateStatus();
  }

  function move(step) {
    const list = items();
    const k = state.current[state.view] + step;
    const name = state.view;
    if (k >= list.length && PAGE[name]) {
      const total = filtered(name).length;
      if ((state.page[name] + 1) * PAGE[name] < total) {
        state.page[name] += 1;
        state.current[name] = 0;
        render();
        setCurrent(0, true);
      }
      return;
    }
    if (k < 0 && PAGE[name] && state.page[name] > 0) {
      state.page[name] -= 1;
      render();
      setCurrent(items().length - 1, true);
      return;
    }
    setCurrent(k, true);
  }

  function turnPage(step) {
    const name = state.view;
    if (!PAGE[name]) return;
    const pages = Math.max(1, Math.ceil(filtered(name).length / PAGE[name]));
    const next = state.page[name] + step;
    if (next < 0 || next >= pages) return;
    state.page[name] = next;
    state.current[name] = 0;
    render();
    setCurrent(0, true);
  }

  function openCurrent(toCluster) {
    const node = view.querySelector(".item.current");
    if (!node) return;
    if (node.dataset.doc !== undefined && !toCluster) openDoc(Number(node.dataset.doc));
    else if (node.dataset.finding !== undefined) {
      const f = findings[Number(node.dataset.finding)];
      if (toCluster) { if (f.cluster >= 0) openCluster(f.cluster); } else openDoc(f.doc, f.i);
    } else if (node.dataset.findings) {
      const f = findings[Number(node.dataset.findings.split(" ")[0])];
      if (toCluster && f && f.cluster >= 0) openCluster(f.cluster);
    }
  }

  function updateStatus() {
    const n = items().length;
    const k = state.current[state.view];
    const label = { overview: "document", clusters: "copy", document: "excerpt" }[state.view] || "finding";
    $("status").textContent = n ? `${label} ${k + 1} of ${n} on this page` : "";
  }

  function show(name) {
    state.view = name;
    render();
    window.scrollTo(0, 0);
    if (name === "document" && state.focusFinding >= 0) {
      const list = Array.from(items());
      const k = list.findIndex((node) => (node.dataset.findings || "").split(" ").includes(String(state.focusFinding)));
      if (k >= 0) setCurrent(k, true);
    }
    if (name === "clusters" && state.pendingCluster !== undefined) {
      const list = Array.from(items());
      const k = list.findIndex((node) => node.dataset.cluster === D.clusters[state.pendingCluster].id);
      state.pendingCluster = undefined;
      if (k >= 0) setCurrent(k, true);
    }
  }

  function render() {
    for (const b of document.querySelectorAll("#tabs button")) {
      if (b.dataset.view === state.view) b.setAttribute("aria-current", "page");
      else b.removeAttribute("aria-current");
    }
    view.replaceChildren(...RENDER[state.view]());
    setCurrent(state.current[state.view] || 0, false);
  }

  function syncInputs() {
    $("f-kind").value = F.kind;
    $("f-doc").value = F.doc;
    $("f-sim").value = String(F.sim);
    $("f-sim-out").textContent = F.sim.toFixed(2);
    $("f-q").value = F.q;
  }

  function toggleHelp(open) {
    const help = $("help");
    help.hidden = open === undefined ? !help.hidden : !open;
  }

  // ---- wiring ---------------------------------------------------------------------------------
  const kindSelect = $("f-kind");
  const present = Object.keys(D.kinds).sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
  for (const k of present) kindSelect.append(el("option", { value: k }, `${k} (${fmt(D.kinds[k])})`));
  if (D.clusters.length) {
    kindSelect.append(el("optgroup", { label: "kind of copy" }, COPY_KINDS.filter((k) => k !== "template").map((k) => el("option", { value: k }, k))));
  }
  kindSelect.addEventListener("change", () => { F.kind = kindSelect.value; refilter(); });
  let timer = 0;
  const later = (fn) => { clearTimeout(timer); timer = setTimeout(fn, 150); };
  $("f-doc").addEventListener("input", (e) => later(() => { F.doc = e.target.value.trim(); refilter(); }));
  $("f-q").addEventListener("input", (e) => later(() => { F.q = e.target.value.trim().toLowerCase(); refilter(); }));
  $("f-sim").addEventListener("input", (e) => {
    F.sim = Number(e.target.value);
    $("f-sim-out").textContent = F.sim.toFixed(2);
    later(refilter);
  });
  $("f-clear").addEventListener("click", () => { F.kind = ""; F.doc = ""; F.sim = 0; F.q = ""; syncInputs(); refilter(); });
  $("help-button").addEventListener("click", () => toggleHelp());
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.view));

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (e.key === "Escape") {
      if (typing) e.preventDefault(); // leave the box, keep what was typed (a search box clears)
      toggleHelp(false);
      if (t && t !== document.body && typeof t.blur === "function") t.blur();
      return;
    }
    if (typing) return;
    const keys = {
      j: () => move(1), k: () => move(-1), n: () => turnPage(1), p: () => turnPage(-1),
      "/": () => { const q = $("f-q"); q.focus(); q.select(); },
      "?": () => toggleHelp(), Enter: () => openCurrent(false), o: () => openCurrent(false), c: () => openCurrent(true),
      1: () => show("overview"), 2: () => show("clusters"), 3: () => show("findings"), 4: () => show("document"),
    };
    const action = keys[e.key];
    if (!action) return;
    if (e.key === "Enter" && t && t.tagName === "BUTTON") return; // let the button do its job
    e.preventDefault();
    action();
  });

  $("footer").append(`Made by ${D.tool}${D.generated ? " on " + D.generated : ""}. `,
    "Self-contained: this file makes no network request. Document text is shown as text, never as markup.");
  render();
  document.body.dataset.ready = String(Math.round(performance.now()));
})();
