// Search for the showcase: queries the index that `showcase build` writes under <language>/search/ (docs.json
// and one file per shard of words), in the browser, with no other service. Words are split as the generator
// splits them (generator/search/search.go; testdata/tokens.json holds cases both must agree on): letters and
// digits make words, matched by prefix; Chinese, Japanese and Korean text gives every character and every pair
// of neighbours, matched exactly. Every query word must match; results are ranked by the sum of their scores.
// Results update as you type and the URL (?q=…) can be shared. Text goes into the page with textContent only.
(function () {
  "use strict";

  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var WORD = /[\p{L}\p{N}]/u;

  function tokens(text) {
    text = text.normalize("NFKC").toLowerCase();
    var out = [], word = "", cjk = [];
    function flushWord() { if (word) { out.push(word); word = ""; } }
    function flushCJK() {
      for (var i = 0; i < cjk.length; i++) {
        out.push(cjk[i]);
        if (i + 1 < cjk.length) out.push(cjk[i] + cjk[i + 1]);
      }
      cjk = [];
    }
    for (var ch of text) {
      if (CJK.test(ch)) { flushWord(); cjk.push(ch); }
      else if (WORD.test(ch)) { flushCJK(); word += ch; }
      else { flushWord(); flushCJK(); }
    }
    flushWord(); flushCJK();
    return out;
  }

  function shardOf(token) {
    var ch = Array.from(token)[0], c = ch.codePointAt(0);
    if (ch >= "a" && ch <= "z") return ch;
    if (ch >= "0" && ch <= "9") return "0";
    if (CJK.test(ch)) return "c" + String(c % 32).padStart(2, "0");
    return "x";
  }


  // scores of the documents a query word matches: letters by prefix, CJK exactly.
  function match(shard, word) {
    var found = new Map();
    if (!shard) return found;
    var t = shard.t, lo = 0, hi = t.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (t[mid] < word) lo = mid + 1; else hi = mid; }
    var prefix = !CJK.test(word);
    for (var i = lo; i < t.length && (t[i] === word || (prefix && t[i].startsWith(word))); i++) {
      var p = shard.p[i];
      for (var j = 0; j < p.length; j += 2) {
        var s = p[j + 1] * (t[i] === word ? 1 : 0.8);
        if (!(found.get(p[j]) >= s)) found.set(p[j], s);
      }
    }
    return found;
  }

  function words(q) {
    // a CJK run gives its characters and pairs: searching pairs is enough (and every character when alone)
    var all = tokens(q), seen = {}, out = [];
    var cjkPairs = all.filter(function (w) { return CJK.test(w) && Array.from(w).length === 2; });
    all.forEach(function (w) {
      var single = CJK.test(w) && Array.from(w).length === 1;
      if (single && cjkPairs.some(function (p) { return p.indexOf(w) >= 0; })) return;
      if (!seen[w]) { seen[w] = true; out.push(w); }
    });
    return out;
  }

  // find resolves to the documents ([url, title, kind, facets, summary, lang]) that match every word of q, best
  // first; load(name) resolves to a file of the index ("docs" or a shard; null when there is no such shard).
  function find(q, load) {
    var ws = words(q);
    if (ws.length === 0) return Promise.resolve([]);
    var need = ["docs"].concat(ws.map(shardOf));
    return Promise.all(need.map(load)).then(function (loaded) {
      var docs = loaded[0], total = null;
      ws.forEach(function (w, i) {
        var m = match(loaded[i + 1], w);
        if (total === null) { total = m; return; }
        var next = new Map();
        total.forEach(function (s, id) { if (m.has(id)) next.set(id, s + m.get(id)); });
        total = next;
      });
      var ids = Array.from(total.keys()).sort(function (a, b) { return total.get(b) - total.get(a) || a - b; });
      return ids.map(function (id) { return docs[id]; });
    });
  }

  // filters narrows a list page (projects, pavilion) by its <form data-filters> without a page load: the form is
  // shown, each choice is kept in the URL (?themes=smart-mobility&cities=hong-kong), and the entries that have
  // every chosen term are listed from <section>/filter.json. Without JavaScript the term pages do the same.
  function filters() {
    var form = document.querySelector("form[data-filters]");
    var status = document.querySelector("[data-filter-status]");
    var results = document.querySelector("[data-filter-results]");
    var list = document.querySelector("[data-filter-list]");
    if (!form || !status || !results || !list) return;
    var selects = Array.from(form.querySelectorAll("select"));
    var data = null;
    function apply() {
      var url = new URL(location.href), want = [];
      selects.forEach(function (el) {
        if (el.value) { url.searchParams.set(el.name, el.value); want.push(el.name + ":" + el.value); }
        else url.searchParams.delete(el.name);
      });
      history.replaceState(null, "", url);
      if (want.length === 0) { results.hidden = true; list.hidden = false; status.textContent = ""; return; }
      data = data || fetch(form.getAttribute("data-filters")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      data.then(function (items) {
        var hits = items.filter(function (it) {
          return want.every(function (w) { return it[5][1].indexOf(w) >= 0; });
        }).map(function (it) { return [it[0], it[1], it[2], it[3], it[4], it[5][0]]; });
        show(status, results, "", hits);
        results.hidden = false;
        list.hidden = true;
      }).catch(function () { status.textContent = status.getAttribute("data-error"); });
    }
    var params = new URL(location.href).searchParams, any = false;
    selects.forEach(function (el) {
      var v = params.get(el.name);
      if (v && el.querySelector('option[value="' + CSS.escape(v) + '"]')) { el.value = v; any = true; }
    });
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    if (any) apply();
  }

  if (typeof document === "undefined") { // loaded by the generator's tests in Node.js
    module.exports = { tokens: tokens, shardOf: shardOf, find: find };
    return;
  }
  // show lists docs in list, and their number in status, worded by its data-count-* attributes. (Not
  // "data-one": html/template takes a data- attribute whose rest starts with "on" for an event handler.)
  function show(status, list, q, docs) {
    var key = docs.length === 0 ? "data-count-none" : docs.length === 1 ? "data-count-one" : "data-count-many";
    status.textContent = status.getAttribute(key).replace("{n}", docs.length).replace("{q}", q.trim());
    list.textContent = "";
    docs.slice(0, 200).forEach(function (d) {
      var li = document.createElement("li");
      li.className = "search-result";
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = d[0];
      a.textContent = d[1];
      if (d[5]) h.lang = d[5]; // an untranslated entry: its text is in the default language
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "search-meta";
      meta.textContent = [d[2], d[3]].filter(Boolean).join(" · ");
      li.appendChild(meta);
      if (d[4]) {
        var p = document.createElement("p");
        p.textContent = d[4];
        if (d[5]) p.lang = d[5];
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  filters();

  var statusEl = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var input = document.getElementById("search-q");
  if (!statusEl || !list || !input) return;
  var base = statusEl.getAttribute("data-index");
  var cache = {};

  function load(name) {
    if (!cache[name]) {
      cache[name] = fetch(base + name + ".json").then(function (r) {
        if (r.status === 404) return null; // no word of the site starts there
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[name];
  }

  var seq = 0;
  function run(q) {
    var mine = ++seq;
    if (words(q).length === 0) { statusEl.textContent = ""; list.textContent = ""; return; }
    statusEl.textContent = statusEl.getAttribute("data-loading");
    find(q, load).then(function (docs) {
      if (mine === seq) show(statusEl, list, q, docs); // else a newer query is running
    }).catch(function () {
      if (mine === seq) statusEl.textContent = statusEl.getAttribute("data-error");
    });
  }

  var timer = 0;
  function update() {
    var q = input.value;
    var url = new URL(location.href);
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    run(q);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 120); });
  input.form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); update(); });
  var initial = new URL(location.href).searchParams.get("q");
  if (initial) { input.value = initial; run(initial); }

})();
