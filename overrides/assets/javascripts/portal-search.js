/* The portal's search: Pagefind (site/pagefind/), one query pipeline for the header box, the
 * results page and window.portalSearch(query, options).
 *
 * The index holds every đ/Đ as d/D + U+034F (an invisible combining mark Pagefind strips when it
 * matches) and a U+2060 at the end of each block (see scripts/search_index.py). So the pipeline
 * folds a query the same way ("Đại hội" → "D͏ại hội": found by "dai hoi" too, exact spelling
 * ranked first) and turns every string Pagefind hands back into the real text: excerpts, titles,
 * meta and facet values are the article's own words. Filters given in real text are folded on the
 * way in; sorting by date ascending uses the `date_asc` key, so undated articles come last both ways.
 *
 * Every request goes to this site, under its own sub-path: the base comes from the page
 * (data-base, MkDocs' base_url), never from an absolute path.
 */
(function () {
  "use strict";

  var FOLD_MARK = "\u034F";
  var BLOCK_MARK = "\u2060";
  var UNFOLD_RE = /([dD])\u034F/g;
  var BLOCK_RE = /(?:\s*\u2060)+\s*/g;
  var FACETS = [
    ["unit", "Đơn vị"], ["level", "Cấp"], ["term", "Nhiệm kỳ"], ["year", "Năm"], ["document", "Văn bản"]
  ];
  var LEVEL_ORDER = ["toàn quốc", "cấp tỉnh", "cấp huyện", "đảng bộ cơ sở", "chi bộ", "khác"];
  var UNDATED = "Chưa rõ năm";
  var PAGE_SIZE = 10;
  var DROPDOWN_SIZE = 8;
  var FACET_SHOWN = 8;

  /* --- where the site is ------------------------------------------------------------------ */

  var box = document.querySelector("[data-portal-search]");

  function baseHref() {
    var base = box && box.getAttribute("data-base");
    if (base == null) {
      var config = document.getElementById("__config");
      try { base = config ? JSON.parse(config.textContent).base : "."; } catch (e) { base = "."; }
    }
    return new URL(String(base || ".").replace(/\/?$/, "/"), document.baseURI).href;
  }

  function resultsHref() {
    var rel = box && box.getAttribute("data-results");
    return new URL(rel || "tim-kiem/", rel ? document.baseURI : baseHref()).href;
  }

  /* --- the query pipeline ------------------------------------------------------------------ */

  /** The index's form of a text: NFC, đ/Đ → d/D + U+034F. */
  function foldText(text) {
    return String(text).normalize("NFC").replace(/đ/g, "d" + FOLD_MARK).replace(/Đ/g, "D" + FOLD_MARK);
  }

  /** A reader's query as the index spells it; null (filters only) stays null. */
  function prepareQuery(query) {
    if (query == null) return null;
    return foldText(String(query).replace(/\s+/g, " ").trim());
  }

  /** Filter values in real text → the index's form, through any/all/none/not nesting. */
  function foldFilters(value) {
    if (typeof value === "string") return foldText(value);
    if (Array.isArray(value)) return value.map(foldFilters);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = foldFilters(value[k]); });
      return out;
    }
    return value;
  }

  /** {date: "asc"} sorts on date_asc, where undated articles come last (as they do with "desc"). */
  function mapSort(sort) {
    var out = {};
    Object.keys(sort || {}).forEach(function (k) {
      out[k === "date" && sort[k] === "asc" ? "date_asc" : k] = sort[k];
    });
    return out;
  }

  /** The real text of a string Pagefind stored: đ back, block marks gone. */
  function unfold(text) {
    text = text.replace(UNFOLD_RE, function (_, d) { return d === "d" ? "đ" : "Đ"; });
    return text.indexOf(BLOCK_MARK) >= 0 ? text.replace(BLOCK_RE, " ").trim() : text;
  }

  function restoreDeep(value) {
    if (typeof value === "string") return unfold(value);
    if (Array.isArray(value)) return value.map(restoreDeep);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[unfold(k)] = restoreDeep(value[k]); });
      return out;
    }
    return value;
  }

  function restoreData(data) {
    var out = restoreDeep(data);
    if (out.meta) delete out.meta.aliases;  // search-only field: abbreviations and expansions
    return out;
  }

  function restoreResponse(response) {
    if (!response) return response;
    var out = Object.assign({}, response);
    out.results = (response.results || []).map(function (result) {
      var copy = Object.assign({}, result);
      copy.data = function () { return result.data().then(restoreData); };
      return copy;
    });
    if (response.filters) out.filters = restoreDeep(response.filters);
    if (response.totalFilters) out.totalFilters = restoreDeep(response.totalFilters);
    return out;
  }

  /* --- Pagefind bundles --------------------------------------------------------------------- */

  /* The index is split by date into bundles of a few hundred articles (pagefind/bundles.json,
   * newest first, the undated last; see hooks/search.py). A common word's index grows with the
   * number of pages in an index, so a search that reads the newest bundle first downloads about
   * the same whatever the archive's size; older bundles are searched when the reader asks
   * (and the page says plainly which articles were searched). Each bundle is one Pagefind
   * instance; its results, counts and facets are Pagefind's own, summed over the bundles read. */

  var AUTO_BUNDLES = 2;   // a first search reads at most this many bundles before asking

  var manifestPromise = null;
  var modulePromise = null;
  var instances = {};

  function pagefindRoot() { return new URL("pagefind/", baseHref()); }

  function loadManifest() {
    if (!manifestPromise) {
      manifestPromise = fetch(new URL("bundles.json", pagefindRoot()).href).then(function (r) {
        if (!r.ok) throw new Error("pagefind/bundles.json: HTTP " + r.status);
        return r.json();
      });
      manifestPromise.catch(function () { manifestPromise = null; });
    }
    return manifestPromise;
  }

  function loadModule(manifest) {
    if (!modulePromise) {
      var first = manifest.bundles.length ? manifest.bundles[0].path : "";
      modulePromise = import(new URL(first + "pagefind.js", pagefindRoot()).href);
      modulePromise.catch(function () { modulePromise = null; });
    }
    return modulePromise;
  }

  /** One Pagefind instance per bundle, made when first searched. */
  function instanceFor(manifest, bundle) {
    if (!instances[bundle.path]) {
      instances[bundle.path] = loadModule(manifest).then(function (pf) {
        // noWorker: the worker would download a second copy of the search code (41 KB) for a
        // search that takes milliseconds on the main thread.
        var inst = pf.createInstance({ basePath: new URL(bundle.path, pagefindRoot()).pathname,
                                       baseUrl: new URL(baseHref()).pathname, excerptLength: 30, noWorker: true });
        return inst.init().then(function () { return { pf: inst, filters: null, queue: Promise.resolve() }; });
      });
      instances[bundle.path].catch(function () { delete instances[bundle.path]; });
    }
    return instances[bundle.path];
  }

  /** Facet counts need a bundle's filter index; loaded once per bundle, only where facets are shown. */
  function loadFilters(inst) {
    if (!inst.filters) inst.filters = inst.pf.filters();
    return inst.filters;
  }

  /** One instance's searches run one at a time: the exact-spelling pass switches one of its options. */
  function serially(inst, task) {
    var run = inst.queue.then(task, task);
    inst.queue = run.catch(function () {});
    return run;
  }

  /** The bundles a search reads, in the order it reads them: newest first (oldest first for
   * "oldest first"), the undated last; a year filter keeps only the bundles holding that year. */
  function scopeOf(manifest, options) {
    var bundles = manifest.bundles.slice();
    if (options && options.sort && options.sort.date === "asc") {
      var dated = bundles.filter(function (b) { return b.newest; });
      bundles = dated.reverse().concat(bundles.filter(function (b) { return !b.newest; }));
    }
    var years = options && options.filters && options.filters.year;
    if (years != null && typeof years !== "object") years = [years];
    if (Array.isArray(years) && years.length) {
      bundles = bundles.filter(function (b) {
        return years.some(function (y) { return (b.years || []).indexOf(String(y)) >= 0; });
      });
    }
    return bundles;
  }

  /** Pagefind ranks by relevance: words anywhere, a slight preference for exact marks. The portal
   * orders the same results (same counts) in two tiers, each in Pagefind's order: first the pages
   * that spell the words as typed ("đốc": "Giám đốc"; "dốc": "dốc sức"), then everything else
   * Pagefind found ("dốc" also finds "đốc": they fold alike). A query typed without any mark
   * ("doc") asks for no spelling, so Pagefind's order stands.
   * Pagefind's exact-marks mode tells "đốc" (d + U+034F in the index) from "dốc" only one way: a
   * query with đ excludes the d spelling, a query with d keeps the đ one. So for a d query, the
   * pages the đ spelling also finds go to the second tier. The exact pass reads the same index
   * chunks as the plain one (a word's spellings are stored together), so it costs no download.
   * (Pagefind 1.5's quoted phrase search misses a phrase on any page that also holds another
   * spelling of one of its words, "Lâm" and "làm", so phrases are not used for ranking.) */
  function exactPass(pf, term, opts) {
    return pf.options({ exactDiacritics: true })
      .then(function () { return pf.search(term, opts); })
      .finally(function () { return pf.options({ exactDiacritics: false }); });
  }

  function ids(response) {
    var out = {};
    if (response) response.results.forEach(function (r) { out[r.id] = true; });
    return out;
  }

  /** One bundle's response, each result with its tier (0: the spelling typed, 1: the rest). */
  function searchBundle(inst, term, opts, ranked) {
    var pf = inst.pf;
    if (!ranked || term == null || !/[^\x00-\x7F]/.test(term)) {
      return pf.search(term, opts).then(function (all) { return tiered(all, null); });
    }
    var withD = term.replace(/([dD])(?!\u034F)/g, "$1" + FOLD_MARK);
    var exact, dVariant;
    return exactPass(pf, term, opts)
      .then(function (r) { exact = ids(r); return withD !== term ? exactPass(pf, withD, opts) : null; })
      .then(function (r) { dVariant = ids(r); return pf.search(term, opts); })
      .then(function (all) { return tiered(all, function (r) { return exact[r.id] && !dVariant[r.id]; }); });
  }

  function tiered(response, first) {
    var out = Object.assign({}, response);
    out.results = response.results.map(function (r) {
      var copy = Object.assign({}, r);
      copy.tier = first && !first(r) ? 1 : 0;
      return copy;
    });
    return out;
  }

  function sumCounts(into, counts) {
    Object.keys(counts || {}).forEach(function (name) {
      var target = into[name] || (into[name] = {});
      Object.keys(counts[name]).forEach(function (v) { target[v] = (target[v] || 0) + counts[name][v]; });
    });
    return into;
  }

  /** Several bundles' responses as one: counts and facets summed; results by tier then score
   * (relevance), or bundle after bundle (sorted by date: the bundles are date ranges in order). */
  function mergeResponses(responses, byScope) {
    var out = { results: [], filters: {}, totalFilters: {}, unfilteredResultCount: 0 };
    responses.forEach(function (r) {
      out.results = out.results.concat(r.results);
      sumCounts(out.filters, r.filters);
      sumCounts(out.totalFilters, r.totalFilters);
      out.unfilteredResultCount += r.unfilteredResultCount || 0;
    });
    if (!byScope) {
      out.results = out.results.map(function (r, i) { return [r, i]; }).sort(function (a, b) {
        return (a[0].tier - b[0].tier) || (b[0].score - a[0].score) || (a[1] - b[1]);
      }).map(function (p) { return p[0]; });
    }
    return out;
  }

  /** Search `bundles` (in order) with the portal's pipeline; one merged response. */
  function searchBundles(manifest, bundles, query, options, withFacets) {
    options = options || {};
    var opts = {};
    Object.keys(options).forEach(function (k) { if (k !== "bundles") opts[k] = options[k]; });
    if (options.filters) opts.filters = foldFilters(options.filters);
    if (options.sort) opts.sort = mapSort(options.sort);
    var term = prepareQuery(query);
    if (term === "" && opts.filters && Object.keys(opts.filters).length) term = null;
    var sorted = !!(opts.sort && Object.keys(opts.sort).length);
    var responses = [];
    return bundles.reduce(function (chain, bundle) {
      return chain.then(function () { return instanceFor(manifest, bundle); }).then(function (inst) {
        return (withFacets ? loadFilters(inst) : Promise.resolve()).then(function () {
          return serially(inst, function () { return searchBundle(inst, term, opts, !sorted); });
        }).then(function (r) { responses.push(r); });
      });
    }, Promise.resolve()).then(function () {
      return restoreResponse(mergeResponses(responses, sorted));
    });
  }

  /** A search over the whole archive (the year filter aside), or its first `options.bundles`. */
  function runSearch(query, options, withFacets) {
    return loadManifest().then(function (manifest) {
      var scope = scopeOf(manifest, options);
      if (options && options.bundles) scope = scope.slice(0, options.bundles);
      return searchBundles(manifest, scope, query, options, withFacets);
    });
  }

  /** A reader's search, read bundle by bundle: `next(n)` reads n more (all when n is omitted) and
   * resolves with everything found so far, newest bundles' results first; `auto()` reads the first
   * bundles until a page of results is found or AUTO_BUNDLES were read. */
  function progressiveSearch(query, options, withFacets) {
    var session = { manifest: null, scope: [], searched: 0, response: null, articles: 0 };
    var ready = loadManifest().then(function (manifest) {
      session.manifest = manifest;
      session.scope = scopeOf(manifest, options);
      session.articles = manifest.articles || 0;
    });
    var sorted = !!(options && options.sort && Object.keys(options.sort).length);
    session.next = function (n) {
      return ready.then(function () {
        var from = session.searched;
        var to = n == null ? session.scope.length : Math.min(session.scope.length, from + n);
        if (to <= from && session.response) return session.response;
        return searchBundles(session.manifest, session.scope.slice(from, to), query, options, withFacets)
          .then(function (r) {
            session.searched = to;
            // a later step's results come after the earlier ones: what the reader saw stays in place
            session.response = session.response ? mergeResponses([session.response, r], true) : r;
            session.response.results.forEach(function (x) { x.tier = 0; });
            return session.response;
          });
      });
    };
    session.auto = function () {
      return session.next(1).then(function step(r) {
        if (r.results.length < PAGE_SIZE && session.searched < Math.min(session.scope.length, AUTO_BUNDLES)) {
          return session.next(1).then(step);
        }
        return r;
      });
    };
    session.remaining = function () { return session.scope.slice(session.searched); };
    session.done = function () { return session.searched >= session.scope.length; };
    return session;
  }

  /** The archive's facet counts (pagefind/facets.json, written by the build): the search page
   * opened empty shows them without reading any bundle. */
  var facetsPromise = null;
  function loadArchiveFacets() {
    if (!facetsPromise) {
      facetsPromise = fetch(new URL("facets.json", pagefindRoot()).href).then(function (r) {
        if (!r.ok) throw new Error("pagefind/facets.json: HTTP " + r.status);
        return r.json();
      });
      facetsPromise.catch(function () { facetsPromise = null; });
    }
    return facetsPromise;
  }

  /** The portal's search: Pagefind's own options ({filters, sort}) and result shape, over the whole
   * archive (`options.bundles`: only the first n bundles, as a reader's first search reads them). */
  window.portalSearch = function (query, options) { return runSearch(query, options, true); };
  window.portalSearch.prepareQuery = prepareQuery;
  window.portalSearch.unfold = unfold;
  window.portalSearch.bundles = function () { return loadManifest(); };

  /** "12/03/2024" etc.: which articles a partial search covered, in words. */
  function periodText(bundles) {
    var dated = bundles.filter(function (b) { return b.newest; });
    var parts = [];
    if (dated.length) {
      var newest = dated.map(function (b) { return b.newest; }).sort().pop();
      var oldest = dated.map(function (b) { return b.oldest; }).sort()[0];
      parts.push("đăng từ " + formatDate(oldest) + " đến " + formatDate(newest));
    }
    if (dated.length < bundles.length) parts.push("chưa rõ ngày");
    return parts.join(" và ");
  }

  function countOf(bundles) { return bundles.reduce(function (n, b) { return n + (b.count || 0); }, 0); }

  function number(n) { return n.toLocaleString("vi-VN"); }

  /** What a partial search says: how many articles were searched, which, and what is left. */
  function scopeText(session, asc) {
    if (session.done()) return "";
    var searched = session.scope.slice(0, session.searched), left = session.remaining();
    return "Đã tìm trong " + number(countOf(searched)) + " bài " + (asc ? "cũ nhất" : "mới nhất") + " ("
      + periodText(searched) + "); còn " + number(countOf(left)) + " bài " + (asc ? "mới hơn" : "cũ hơn")
      + " (" + periodText(left) + ") chưa tìm.";
  }

  /* --- rendering helpers ------------------------------------------------------------------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  /** Pagefind's excerpt (text with < > escaped, matches in <mark>) as DOM nodes, never as HTML. */
  function excerptNodes(excerpt) {
    var frag = document.createDocumentFragment();
    String(excerpt || "").split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        var text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        frag.appendChild(inMark ? el("mark", { text: text }) : document.createTextNode(text));
      }
      return inMark;
    }, false);
    return frag;
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
  }

  function metaLine(data) {
    var parts = [];
    if (data.meta && data.meta.date) parts.push(formatDate(data.meta.date));
    if (data.meta && data.meta.unit) parts.push(data.meta.unit);
    if (!data.filters || !Object.keys(data.filters).length) parts.push("Trang danh sách");
    return parts.join(" · ");
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function countText(n) { return n + " kết quả"; }

  /* --- the header box ---------------------------------------------------------------------- */

  function setupHeader() {
    if (!box) return;
    var input = box.querySelector("[data-portal-search-input]");
    var form = input && input.form;
    var status = box.querySelector("[data-portal-search-status]");
    var list = box.querySelector("[data-portal-search-list]");
    var toggle = document.getElementById("__search");
    var hint = status ? status.textContent : "";
    var seq = 0;
    if (!input || !list) return;

    function open() { if (toggle && !toggle.checked) toggle.checked = true; }

    function linkToResults(query) {
      var url = new URL(resultsHref());
      if (query) url.searchParams.set("q", query);
      return url.href;
    }

    var update = debounce(function () {
      var query = input.value.trim();
      var mine = ++seq;
      if (!query) { list.textContent = ""; status.textContent = hint; return; }
      status.textContent = "Đang tìm…";
      var session = progressiveSearch(query, {}, false);
      session.auto().then(function (response) {
        if (mine !== seq) return null;
        var shown = response.results.slice(0, DROPDOWN_SIZE);
        return Promise.all(shown.map(function (r) { return r.data(); })).then(function (items) {
          if (mine !== seq) return;
          list.textContent = "";
          var total = response.results.length;
          var partial = !session.done();
          status.textContent = (total ? countText(total) + " cho “" + query + "”"
            : "Không tìm thấy kết quả cho “" + query + "”")
            + (partial ? " trong " + number(countOf(session.scope.slice(0, session.searched))) + " bài mới nhất" : "");
          items.forEach(function (data) {
            var article = el("article", { className: "md-search-result__article md-typeset" }, [
              el("h1", { text: (data.meta && data.meta.title) || data.url }),
              el("p", { className: "portal-search-result__meta", text: metaLine(data) }),
            ]);
            var p = el("p", { className: "portal-search-result__excerpt" });
            p.appendChild(excerptNodes(data.excerpt));
            article.appendChild(p);
            list.appendChild(el("li", { className: "md-search-result__item" }, [
              el("a", { className: "md-search-result__link", href: data.url, tabindex: "-1" }, [article])
            ]));
          });
          if (total || partial) {
            var more = partial ? "Tìm tiếp trong " + number(countOf(session.remaining())) + " bài cũ hơn, với bộ lọc"
              : total > shown.length ? "Xem tất cả " + countText(total) + " và bộ lọc" : "Mở trang kết quả với bộ lọc";
            list.appendChild(el("li", { className: "md-search-result__item portal-search-result__all" }, [
              el("a", { className: "md-search-result__link", href: linkToResults(query), tabindex: "-1",
                        "data-portal-more": partial ? "older" : "all", text: more })
            ]));
          }
        });
      }).catch(function (err) {
        if (mine === seq) status.textContent = "Không tải được chỉ mục tìm kiếm.";
        if (window.console) console.error(err);
      });
    }, 200);

    input.addEventListener("focus", function () {
      open();
      // the newest bundle's search code, wasm and page list, while the reader types
      loadManifest().then(function (m) { return m.bundles.length ? instanceFor(m, m.bundles[0]) : null; })
        .catch(function () {});
    });
    input.addEventListener("input", function () { open(); update(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { input.value = ""; update(); input.focus(); }, 0);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var query = input.value.trim();
      if (resultsPage && resultsPage.setQuery) {
        resultsPage.setQuery(query);
        if (toggle) toggle.checked = false;
        input.blur();
        return;
      }
      window.location.href = linkToResults(query);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { if (toggle) toggle.checked = false; input.blur(); }
      if (ev.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) { ev.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener("keydown", function (ev) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (ev.key === "ArrowDown" && i + 1 < links.length) { ev.preventDefault(); links[i + 1].focus(); }
      if (ev.key === "ArrowUp") { ev.preventDefault(); (i ? links[i - 1] : input).focus(); }
      if (ev.key === "Escape") { if (toggle) toggle.checked = false; input.blur(); }
    });
    if (toggle) {
      toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    }
    document.addEventListener("keydown", function (ev) {
      var active = document.activeElement;
      var typing = active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable);
      if (!typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key === "/" || ev.key === "s")) {
        ev.preventDefault();
        open();
        input.focus();
      }
    });
  }

  /* --- the results page -------------------------------------------------------------------- */

  var resultsPage = null;

  function compareValues(facet, counts) {
    var vi = function (a, b) { return a.localeCompare(b, "vi"); };
    return function (a, b) {
      if (facet === "year" || facet === "term") {
        if (a === UNDATED) return 1;
        if (b === UNDATED) return -1;
        return vi(b, a);
      }
      if (facet === "level") {
        var ia = LEVEL_ORDER.indexOf(a), ib = LEVEL_ORDER.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || vi(a, b);
      }
      return (counts[b] - counts[a]) || vi(a, b);
    };
  }

  function setupResultsPage() {
    var host = document.getElementById("portal-search-page");
    if (!host) return;
    host.textContent = "";

    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", filters: {}, sort: params.get("sort") || "", shown: PAGE_SIZE };
    FACETS.forEach(function (f) {
      var values = params.getAll(f[0]);
      if (values.length) state.filters[f[0]] = values;
    });

    var input = el("input", { type: "search", name: "q", className: "portal-search-page__input",
      placeholder: "Từ khóa: đại hội, dai hoi, HĐND, 35-CT/TW…", "aria-label": "Từ khóa tìm kiếm",
      autocomplete: "off", spellcheck: "false", enterkeyhint: "search" });
    input.value = state.q;
    var form = el("form", { className: "portal-search-page__form", role: "search" }, [
      input, el("button", { type: "submit", className: "md-button md-button--primary", text: "Tìm" })
    ]);
    var sort = el("select", { "aria-label": "Sắp xếp", "data-portal-sort": "" }, [
      el("option", { value: "", text: "Phù hợp nhất" }),
      el("option", { value: "desc", text: "Mới nhất trước" }),
      el("option", { value: "asc", text: "Cũ nhất trước" })
    ]);
    sort.value = state.sort;
    var count = el("p", { className: "portal-search-page__count", "aria-live": "polite", "data-portal-count": "" });
    var facets = el("aside", { className: "portal-facets", "aria-label": "Bộ lọc", "data-portal-facets": "" });
    var list = el("ol", { className: "portal-results", "data-portal-results": "" });
    var more = el("button", { type: "button", className: "md-button portal-results__more", text: "Xem thêm kết quả", hidden: "" });
    // A search reads the newest articles first; these say what is not searched yet and search it.
    var scopeNote = el("p", { className: "portal-search-page__scope", "data-portal-scope": "" });
    var older = el("button", { type: "button", className: "md-button", "data-portal-older": "" });
    var everything = el("button", { type: "button", className: "md-button", "data-portal-everything": "",
                                    text: "Tìm trong toàn bộ kho" });
    var scopeBox = el("div", { className: "portal-search-page__older", hidden: "" }, [scopeNote, older, everything]);
    host.appendChild(form);
    host.appendChild(el("div", { className: "portal-search-page__layout" }, [
      facets,
      el("section", { className: "portal-search-page__main", "aria-label": "Kết quả tìm kiếm" }, [
        el("div", { className: "portal-search-page__bar" }, [count, el("label", { text: "Sắp xếp: " }, [sort])]),
        scopeBox, list, more
      ])
    ]));

    var seq = 0;
    var last = null;
    var session = null;
    var expanded = {};

    function writeUrl() {
      var p = new URLSearchParams();
      if (state.q) p.set("q", state.q);
      FACETS.forEach(function (f) { (state.filters[f[0]] || []).forEach(function (v) { p.append(f[0], v); }); });
      if (state.sort) p.set("sort", state.sort);
      var qs = p.toString();
      history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
    }

    function hasFilters() { return Object.keys(state.filters).length > 0; }

    function renderFacets(response) {
      facets.textContent = "";
      var counts = response.filters || {};
      if (session && !session.done()) {
        facets.appendChild(el("p", { className: "portal-facets__scope", "data-portal-facets-scope": "",
          text: "Số bài theo từng bộ lọc, trong " + number(countOf(session.scope.slice(0, session.searched)))
                + " bài đã tìm." }));
      }
      FACETS.forEach(function (f) {
        var name = f[0], selected = state.filters[name] || [];
        var values = Object.keys(counts[name] || {}).filter(function (v) {
          return counts[name][v] > 0 || selected.indexOf(v) >= 0;
        });
        selected.forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
        if (!values.length) return;
        values.sort(compareValues(name, counts[name] || {}));
        var ul = el("ul", { className: "portal-facet__values" });
        values.forEach(function (value, i) {
          var on = selected.indexOf(value) >= 0;
          var button = el("button", { type: "button", className: "portal-facet__value", "aria-pressed": on ? "true" : "false",
                                      "data-value": value }, [
            el("span", { className: "portal-facet__label", text: value }),
            el("span", { className: "portal-facet__count", text: String((counts[name] || {})[value] || 0) })
          ]);
          button.addEventListener("click", function () { toggleFilter(name, value); });
          var li = el("li", {}, [button]);
          if (i >= FACET_SHOWN && !on && !expanded[name]) li.hidden = true;
          ul.appendChild(li);
        });
        var section = el("section", { className: "portal-facet", "data-facet": name }, [
          el("h2", { className: "portal-facet__title", text: f[1] }), ul
        ]);
        if (values.length > FACET_SHOWN && !expanded[name]) {
          var all = el("button", { type: "button", className: "portal-facet__more",
                                   text: "Xem thêm " + (values.length - FACET_SHOWN) });
          all.addEventListener("click", function () { expanded[name] = true; renderFacets(last); });
          section.appendChild(all);
        }
        facets.appendChild(section);
      });
      if (hasFilters()) {
        var clear = el("button", { type: "button", className: "portal-facets__clear", text: "Bỏ chọn mọi bộ lọc" });
        clear.addEventListener("click", function () { state.filters = {}; run(); });
        facets.insertBefore(clear, facets.firstChild);
      }
    }

    function renderResults(response, mine) {
      var shown = response.results.slice(0, state.shown);
      return Promise.all(shown.map(function (r) { return r.data(); })).then(function (items) {
        if (mine !== seq) return;
        list.textContent = "";
        items.forEach(function (data) {
          var excerpt = el("p", { className: "portal-result__excerpt" });
          excerpt.appendChild(excerptNodes(data.excerpt));
          list.appendChild(el("li", { className: "portal-result" }, [
            el("h3", { className: "portal-result__title" }, [
              el("a", { href: data.url, text: (data.meta && data.meta.title) || data.url })
            ]),
            el("p", { className: "portal-result__meta", text: metaLine(data) }),
            excerpt
          ]));
        });
        more.hidden = response.results.length <= state.shown && !(session && !session.done());
        renderScope();
      });
    }

    function renderScope() {
      var partial = session && !session.done();
      scopeBox.hidden = !partial;
      if (!partial) return;
      var asc = state.sort === "asc";
      scopeNote.textContent = scopeText(session, asc);
      var next = session.remaining()[0];
      older.textContent = "Tìm tiếp trong " + number(next.count) + " bài " + (asc ? "mới hơn" : "cũ hơn")
        + " (" + periodText([next]) + ")";
      everything.hidden = session.remaining().length < 2;
    }

    /** Read more bundles of the same search (n, or all that are left), then show the results. */
    function searchFurther(n) {
      if (!session || session.done()) return Promise.resolve();
      var mine = seq;
      host.setAttribute("data-state", "loading");
      count.textContent = "Đang tìm trong các bài " + (state.sort === "asc" ? "mới hơn" : "cũ hơn") + "…";
      return session.next(n).then(function (response) {
        if (mine !== seq) return null;
        last = response;
        showResponse(response, mine);
      }).catch(failed(mine));
    }

    function failed(mine) {
      return function (err) {
        if (mine === seq) host.setAttribute("data-state", "error");
        if (mine === seq) count.textContent = "Không tải được chỉ mục tìm kiếm.";
        if (window.console) console.error(err);
      };
    }

    function showResponse(response, mine) {
      var total = response.results.length;
      count.textContent = total ? countText(total) + (state.q ? " cho “" + state.q + "”" : "")
        : "Không tìm thấy kết quả" + (state.q ? " cho “" + state.q + "”" : "")
          + (session.done() ? ". Thử gõ ít từ hơn hoặc bỏ bớt bộ lọc." : " trong các bài đã tìm.");
      renderFacets(response);
      return renderResults(response, mine).then(function () {
        if (mine === seq) host.setAttribute("data-state", "done");
      });
    }

    function run() {
      var mine = ++seq;
      writeUrl();
      var browsing = !state.q && !hasFilters();
      var options = { filters: state.filters };
      var sortBy = state.sort || (state.q ? "" : "desc");
      if (sortBy) options.sort = { date: sortBy };
      count.textContent = "Đang tìm…";
      host.setAttribute("data-state", "loading");
      if (browsing) {
        // Nothing asked yet: show the whole archive's facets (counted by the build) and list nothing:
        // listing "everything, newest first" would read every bundle.
        session = null;
        scopeBox.hidden = true;
        return loadArchiveFacets().then(function (filters) {
          if (mine !== seq) return null;
          last = { results: [], filters: filters };
          count.textContent = "Gõ từ khóa hoặc chọn bộ lọc.";
          renderFacets(last);
          list.textContent = "";
          more.hidden = true;
          host.setAttribute("data-state", "done");
        }).catch(failed(mine));
      }
      session = progressiveSearch(state.q || null, options, true);
      return session.auto().then(function (response) {
        if (mine !== seq) return null;
        last = response;
        return showResponse(response, mine);
      }).catch(failed(mine));
    }

    function toggleFilter(name, value) {
      var values = (state.filters[name] || []).slice();
      var at = values.indexOf(value);
      if (at >= 0) values.splice(at, 1); else values.push(value);
      if (values.length) state.filters[name] = values; else delete state.filters[name];
      state.shown = PAGE_SIZE;
      run();
    }

    var typed = debounce(function () { state.q = input.value.trim(); state.shown = PAGE_SIZE; run(); }, 250);
    input.addEventListener("input", typed);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      state.q = input.value.trim();
      state.shown = PAGE_SIZE;
      run();
    });
    sort.addEventListener("change", function () { state.sort = sort.value; state.shown = PAGE_SIZE; run(); });
    more.addEventListener("click", function () {
      state.shown += PAGE_SIZE;
      if (last && last.results.length < state.shown && session && !session.done()) searchFurther(1);
      else if (last) renderResults(last, seq);
    });
    older.addEventListener("click", function () { searchFurther(1); });
    everything.addEventListener("click", function () { searchFurther(); });

    resultsPage = {
      setQuery: function (q) { input.value = q; state.q = q; state.shown = PAGE_SIZE; return run(); },
      ready: null
    };
    resultsPage.ready = run();
  }

  function start() {
    setupResultsPage();
    setupHeader();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
