// Search for the showcase: queries the index that `showcase build` writes under <language>/search/ in the
// browser, with no other service. index.json names the files of words and of documents
// (generator/search/files.go): a query loads only the files that hold its words and those of the results it lists,
// 20 at a time. Words are split as the generator splits them (generator/search/search.go; testdata/tokens.json
// holds cases both must agree on): letters and digits make words, matched by prefix (a letter or digit alone
// matches only itself, and is left out beside longer words); Chinese, Japanese and Korean text gives every
// character and every pair of neighbours, matched exactly. Every query word must match; results are ranked by the
// sum of their scores. Results update as you type and the URL (?q=…) can be shared. The same script narrows a list
// page by its filter form (filters, below), from the section's filter data and the index's documents. Text goes
// into the page with textContent only.
(function () {
  "use strict";

  var pageSize = 20; // results listed at first, and added by each "Show more results"

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

  // cmp orders strings as the generator does: by code points (JavaScript's < compares UTF-16 units, which put
  // characters beyond U+FFFF before U+E000–U+FFFF).
  function cmp(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n;) {
      var x = a.codePointAt(i), y = b.codePointAt(i);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  // last is the index of the last of the sorted firsts ([key, name] pairs) not after key (0 when none is).
  function last(firsts, key, compare) {
    var lo = 0, hi = firsts.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (compare(firsts[mid][0], key) <= 0) lo = mid + 1; else hi = mid; }
    return Math.max(0, lo - 1);
  }

  // byPrefix tells the query words that match the words they begin: letters and digits, but not a letter or digit
  // alone (it would begin most words of a large site, and load them) nor CJK, which matches exactly.
  function byPrefix(word) {
    return !CJK.test(word) && Array.from(word).length > 1;
  }

  // filesOf names the files of words that may hold word; for a prefix, the files after the one word falls in are
  // needed too while they start with it.
  function filesOf(index, word) {
    var s = index.s;
    if (s.length === 0) return [];
    var i = last(s, word, cmp), out = [s[i][1]];
    if (byPrefix(word)) {
      for (var j = i + 1; j < s.length && s[j][0].startsWith(word); j++) out.push(s[j][1]);
    }
    return out;
  }

  // match puts into found the scores of the documents a query word matches in one file of words (by prefix or
  // exactly: byPrefix); a word it begins scores less than the word itself.
  function match(file, word, found) {
    var t = file.t, lo = 0, hi = t.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(t[mid], word) < 0) lo = mid + 1; else hi = mid; }
    var prefix = byPrefix(word);
    for (var i = lo; i < t.length && (t[i] === word || (prefix && t[i].startsWith(word))); i++) {
      var p = file.p[i];
      for (var j = 0; j < p.length; j += 2) {
        var s = p[j + 1] * (t[i] === word ? 1 : 0.8);
        if (!(found.get(p[j]) >= s)) found.set(p[j], s);
      }
    }
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
    // a letter or digit alone is left out beside longer words ("air q" as you type, "vitamin c"): alone, it
    // matches only itself (byPrefix)
    var longer = out.filter(function (w) { return CJK.test(w) || Array.from(w).length > 1; });
    return longer.length > 0 ? longer : out;
  }

  // rank resolves to the numbers of the documents that match every word of q, best first (then newest), and the
  // index (index.json). load(name) resolves to a file of the index: "index" or one that index.json names.
  function rank(q, load) {
    var ws = words(q);
    if (ws.length === 0) return Promise.resolve({ ids: [], index: null });
    return load("index").then(function (index) {
      return Promise.all(ws.map(function (w) {
        return Promise.all(filesOf(index, w).map(load)).then(function (files) {
          var found = new Map();
          files.forEach(function (f) { match(f, w, found); });
          return found;
        });
      })).then(function (matches) {
        var total = matches[0];
        matches.slice(1).forEach(function (m) {
          var next = new Map();
          total.forEach(function (s, id) { if (m.has(id)) next.set(id, s + m.get(id)); });
          total = next;
        });
        // on a score, the higher number first: the newer entry (documents are numbered oldest first)
        var ids = Array.from(total.keys()).sort(function (a, b) { return total.get(b) - total.get(a) || b - a; });
        return { ids: ids, index: index };
      });
    });
  }

  // docsOf resolves to the documents ids ([url, title, kind, facets, summary, lang]), loading the files that
  // hold them.
  function docsOf(index, ids, load) {
    var at = ids.map(function (id) { return last(index.d, id, byNumber); });
    var need = [];
    at.forEach(function (i) { if (need.indexOf(i) < 0) need.push(i); });
    return Promise.all(need.map(function (i) { return load(index.d[i][1]); })).then(function (files) {
      return ids.map(function (id, k) { return files[need.indexOf(at[k])][id - index.d[at[k]][0]]; });
    });
  }

  function byNumber(a, b) { return a - b; }

  // find resolves to {total, docs}: how many documents match q, and the first limit of them.
  function find(q, load, limit) {
    return rank(q, load).then(function (r) {
      return docsOf(r.index, r.ids.slice(0, limit), load).then(function (docs) { return { total: r.ids.length, docs: docs }; });
    });
  }

  // filtered resolves to the numbers (in the search index) of the documents that have every term of want
  // ("themes:smart-mobility"), in the list's order. load(name) resolves to a file of the section's filter data:
  // "filter", which has each filter's terms ([id, name, numbers or the name of the file that has them]).
  function filtered(want, load) {
    return load("filter").then(function (data) {
      return Promise.all(want.map(function (w) {
        var i = w.indexOf(":"), tax = w.slice(0, i), id = w.slice(i + 1);
        var terms = Object.prototype.hasOwnProperty.call(data, tax) ? data[tax] : [];
        var t = terms.find(function (t) { return t[0] === id; });
        if (!t) return [];
        return typeof t[2] === "string" ? load(t[2]) : t[2];
      }));
    }).then(function (lists) {
      lists.sort(function (a, b) { return a.length - b.length; });
      var others = lists.slice(1).map(function (l) { return new Set(l); });
      return lists[0].filter(function (id) { return others.every(function (o) { return o.has(id); }); });
    });
  }

  // loader returns load(name): the file base + name + ".json", fetched once (again after a failure).
  function loader(base) {
    var cache = {};
    return function load(name) {
      if (!cache[name]) {
        cache[name] = fetch(base + name + ".json").then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
        cache[name].catch(function () { delete cache[name]; });
      }
      return cache[name];
    };
  }

  if (typeof document === "undefined") { // loaded by the generator's tests in Node.js
    module.exports = { tokens: tokens, find: find, filtered: filtered, docsOf: docsOf };
    return;
  }
  // show lists docs in list, and total (the number found) in status, worded by its data-count-* attributes. (Not
  // "data-one": html/template takes a data- attribute whose rest starts with "on" for an event handler.)
  function show(status, list, q, docs, total) {
    var key = total === 0 ? "data-count-none" : total === 1 ? "data-count-one" : "data-count-many";
    status.textContent = status.getAttribute(key).replace("{n}", total).replace("{q}", q.trim());
    list.textContent = "";
    add(list, docs);
  }

  // add appends docs to list and returns the first one's link.
  function add(list, docs) {
    var first = null;
    docs.forEach(function (d) {
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
      first = first || a;
    });
    return first;
  }

  // Results lists the results of a query in list, pageSize at a time, and says in status how many there are:
  // more, a "Show more results" button, lists the next ones and moves the focus to the first of them.
  function Results(status, list, more) {
    var seq = 0, current = null; // current: the listed results' {ids, index, load}, and how many are listed
    function failed(mine) {
      if (mine === seq) status.textContent = status.getAttribute("data-error");
    }
    // start makes the results of the last query stale, and returns the new one's number.
    this.start = function () {
      current = null;
      if (more) more.hidden = true;
      return ++seq;
    };
    // list lists the first results found resolves to ({ids, index, load}: the documents, best first, of the
    // search index index.json, whose files load loads), for q, unless a newer query started; then shown().
    this.list = function (mine, q, found, shown) {
      found.then(function (f) {
        return docsOf(f.index, f.ids.slice(0, pageSize), f.load).then(function (docs) {
          if (mine !== seq) return;
          current = { f: f, listed: docs.length };
          show(status, list, q, docs, f.ids.length);
          if (more) more.hidden = docs.length >= f.ids.length;
          if (shown) shown();
        });
      }).catch(function () { failed(mine); });
    };
    if (more) more.addEventListener("click", function () {
      var mine = seq, c = current;
      if (!c) return;
      docsOf(c.f.index, c.f.ids.slice(c.listed, c.listed + pageSize), c.f.load).then(function (docs) {
        if (c !== current) return;
        c.listed += docs.length;
        var first = add(list, docs);
        more.hidden = c.listed >= c.f.ids.length;
        if (first) first.focus();
      }).catch(function () { failed(mine); });
    });
  }

  // filters narrows a list page (projects, pavilion) by its <form data-filters> without a page load: the form is
  // shown, each choice is kept in the URL (?themes=smart-mobility&cities=hong-kong), and the entries that have
  // every chosen term are listed from the section's filter data and the search index's documents. Without
  // JavaScript the term pages do the same.
  function filters() {
    var form = document.querySelector("form[data-filters]");
    var status = document.querySelector("[data-filter-status]");
    var results = document.querySelector("[data-filter-results]");
    var list = document.querySelector("[data-filter-list]");
    if (!form || !status || !results || !list) return;
    var selects = Array.from(form.querySelectorAll("select"));
    var data = loader(form.getAttribute("data-filters")), docs = loader(form.getAttribute("data-index"));
    var listing = new Results(status, results, document.querySelector("[data-filter-more]"));
    function apply() {
      var url = new URL(location.href), want = [];
      selects.forEach(function (el) {
        if (el.value) { url.searchParams.set(el.name, el.value); want.push(el.name + ":" + el.value); }
        else url.searchParams.delete(el.name);
      });
      history.replaceState(null, "", url);
      var mine = listing.start();
      if (want.length === 0) { results.hidden = true; list.hidden = false; status.textContent = ""; return; }
      var found = Promise.all([filtered(want, data), docs("index")]).then(function (r) {
        return { ids: r[0], index: r[1], load: docs };
      });
      listing.list(mine, "", found, function () { results.hidden = false; list.hidden = true; });
    }
    // the terms go into the selects, the choices of a shared URL are made, and the form is shown (it stays
    // hidden if the data cannot be had: the term pages do the same)
    data("filter").then(function (d) {
      var params = new URL(location.href).searchParams, any = false;
      selects.forEach(function (el) {
        (Object.prototype.hasOwnProperty.call(d, el.name) ? d[el.name] : []).forEach(function (t) {
          var o = document.createElement("option");
          o.value = t[0];
          o.textContent = t[1];
          el.appendChild(o);
        });
        var v = params.get(el.name);
        if (v && Array.from(el.options).some(function (o) { return o.value === v; })) { el.value = v; any = true; }
      });
      form.hidden = false;
      form.addEventListener("change", apply);
      form.addEventListener("reset", function () { setTimeout(apply, 0); });
      if (any) apply();
    }).catch(function () {});
  }

  filters();

  var statusEl = document.querySelector("[data-search-status]");
  var input = document.getElementById("search-q");
  var found = document.querySelector("[data-search-results]");
  if (!statusEl || !found || !input) return;
  var load = loader(statusEl.getAttribute("data-index"));
  var listing = new Results(statusEl, found, document.querySelector("[data-search-more]"));

  function run(q) {
    var mine = listing.start();
    if (words(q).length === 0) { statusEl.textContent = ""; found.textContent = ""; return; }
    statusEl.textContent = statusEl.getAttribute("data-loading");
    listing.list(mine, q, rank(q, load).then(function (r) { return { ids: r.ids, index: r.index, load: load }; }));
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
