/* The finder (/find/): search, filters and "near me", all on this device. No network beyond the three data
 * files of this site, no storage, no cookies. The search lives in this page's memory only: no word, filter,
 * place or point is ever written to the URL, the title, history.state (Chromium saves it to disk with the
 * tab) or the form state the browser keeps (the controls sit in a <form autocomplete="off">). With a real
 * back-forward cache, Back from a program page shows the search again; a reload starts afresh.
 * A link that arrives with a search (?what=...&near=...) still works, and the query leaves the address bar
 * at once (history.replaceState). "Copy a link to this search" makes such a link only when asked, and says
 * that it holds the search.
 * Search logic mirrors generator/finder/search.py (fold, queryTerms, searchText); tests compare the two.
 * Data shapes: see generator/finder/page.py. Text from the data is only ever set with textContent. */
(function () {
  'use strict';

  var root = document.getElementById('ccci-finder');
  if (!root) return;
  var S = JSON.parse(root.getAttribute('data-strings') || '{}');
  var STRINGS = S;  // (start() has its own S, a count: its handlers use this name)
  var $ = function (id) { return document.getElementById(id); };
  var el = {
    q: $('f-q'), near: $('f-near'), nearNote: $('f-near-note'), geo: $('f-geo'),
    need: $('f-need'), sub: $('f-sub'), region: $('f-region'), county: $('f-county'),
    who: $('f-who'), lang: $('f-lang'), free: $('f-free'), allday: $('f-allday'), walkin: $('f-walkin'),
    more: $('f-more'), moreCount: $('f-more-count'), clear: $('f-clear'),
    share: $('f-share'), shareBox: $('f-share-box'), shareLink: $('f-share-link'), shareNote: $('f-share-note'),
    status: $('f-status'), results: $('f-results'), showing: $('f-showing'), moreResults: $('f-more-results')
  };
  var PAGE = 25;          // result rows drawn at a time
  var NEAR_KM = 50;       // a service that serves the whole place ranks like one this far away
  var FAR_KM = 100;       // local programs farther than this come after the statewide and national lines
  var RELEVANT = 0.25;    // organizations scoring less than this share of the best score are weaker matches
  var KM_PER_MILE = 1.609344;
  var FLAG = { free: 1, allday: 2, walkin: 4 };
  var HANDOFF = 'ccci-find:';  // window.name prefix of a search handed over by the home page
  // Not `q`: Material's own search box opens itself when a page's URL has ?q=.
  var TEXT_PARAM = 'what';
  var SELECTS = ['need', 'sub', 'region', 'county', 'who', 'lang'];
  var CHECKS = ['free', 'allday', 'walkin'];

  // ------------------------------------------------------------------------------------------ text

  function fmt(key, values) {
    return String(S[key] || '').replace(/\{(\w+)\}/g, function (m, k) {
      return values && values[k] !== undefined ? String(values[k]) : m;
    });
  }

  var MARKS = /\p{M}/gu, TRIM_START = /^[^\p{L}\p{N}]+/u, TRIM_END = /[^\p{L}\p{N}]+$/u;
  // generator/finder/search.py: fold
  function fold(word) {
    var s = String(word).toLowerCase().normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/\*/g, '');
    return s.replace(TRIM_START, '').replace(TRIM_END, '');
  }
  function foldToken(token) {
    var s = fold(token.toString());
    if (!s) return undefined;
    return token.update(function () { return s; });
  }

  var SEPARATOR = /[\s\-]+/;
  // generator/finder/search.py: query_terms
  function queryTerms(text) {
    var out = [];
    String(text).toLowerCase().split(SEPARATOR).forEach(function (word) {
      if (!word) return;
      var term = fold(word);
      // (Before lunr.js has come no word is dropped; the search waits for it anyway.)
      var stop = window.lunr && lunr.stopWordFilter(new lunr.Token(term)) === undefined;
      if (docs && docs.w && docs.w[0].indexOf(term) >= 0) stop = true;  // data/search/words.yaml
      if (term && !stop && out.indexOf(term) < 0) out.push(term);
    });
    return out.slice(0, 12);
  }

  // generator/finder/search.py: without_fillers. "help", "ayuda", "need"... are left out when other words remain; a
  // phrase that held one still gives its synonym group to its other words.
  function withoutFillers(terms, groups) {
    var filler = (docs && docs.w && docs.w[1]) || [], keep = [];
    terms.forEach(function (t, i) { if (filler.indexOf(t) < 0) keep.push(i); });
    if (!keep.length || keep.length === terms.length) return { terms: terms, groups: groups };
    return { terms: keep.map(function (i) { return terms[i]; }), groups: keep.map(function (i) { return groups[i]; }) };
  }

  var PREFIX_MIN = 3, PREFIX_BOOST = 0.5, STEM_PREFIX_MIN = 5, STEM_SLACK = 3;
  var SYNONYM_TOKEN = '0zq';

  // generator/finder/search.py: stem_prefixes. Stemming the other way: indexed words that begin the query's stem
  // ("counselor" finds "counsel", the stem of "counseling").
  function stemPrefixes(stems, termIndex) {
    var out = [];
    stems.forEach(function (st) {
      var chars = Array.from(st);
      for (var n = Math.max(STEM_PREFIX_MIN, chars.length - STEM_SLACK); n < chars.length; n++) {
        var t = chars.slice(0, n).join('');
        if (out.indexOf(t) < 0 && t.indexOf(SYNONYM_TOKEN) !== 0) out.push(t);
      }
    });
    return out.filter(function (t) { return termIndex.has(t); });
  }

  // generator/finder/search.py: Scorer. lunr's score of one query term, computed straight from the serialized lunr
  // index (lunr.js's own query engine makes objects for every posting: 0.3-0.9 s a keystroke on 10,000
  // records on a slow phone). Same pipeline (lunr.Pipeline.load: ccciFold + stemmer), same weights.
  function Scorer(data, services, organizations) {
    var self = this;
    this.services = services;
    this.size = services + organizations;
    this.terms = data.invertedIndex.map(function (e) { return e[0]; });
    this.termIndex = new Map();
    var nTerms = 0;
    data.invertedIndex.forEach(function (e) {
      self.termIndex.set(e[0], e[1]._index);
      if (e[1]._index >= nTerms) nTerms = e[1]._index + 1;
    });
    this.pipeline = lunr.Pipeline.load(data.pipeline);
    var vectors = new Map();
    data.fieldVectors.forEach(function (fv) { vectors.set(fv[0], fv[1]); });
    var fields = data.fields, d, f, k, v;
    var count = new Int32Array(nTerms + 1), total = 0;
    for (d = 0; d < this.size; d++) {
      for (f = 0; f < fields.length; f++) {
        v = vectors.get(fields[f] + '/' + this.ref(d));
        if (!v) continue;
        for (k = 0; k < v.length; k += 2) { count[v[k]]++; total++; }
      }
    }
    var start = new Int32Array(nTerms + 1), fill = new Int32Array(nTerms + 1);
    for (k = 0, total = 0; k < nTerms; k++) { start[k] = fill[k] = total; total += count[k]; }
    var docsOf = new Int32Array(total), weights = new Float64Array(total);
    for (d = 0; d < this.size; d++) {
      for (f = 0; f < fields.length; f++) {
        v = vectors.get(fields[f] + '/' + this.ref(d));
        if (!v) continue;
        for (k = 0; k < v.length; k += 2) {
          var t = v[k], p = fill[t];
          if (p > start[t] && docsOf[p - 1] === d) weights[p - 1] += v[k + 1];  // same term, later field
          else { docsOf[p] = d; weights[p] = v[k + 1]; fill[t] = p + 1; }
        }
      }
    }
    this.start = start; this.end = fill; this.docsOf = docsOf; this.weights = weights;
    this.acc = new Float64Array(this.size); this.seen = new Uint8Array(this.size);
  }
  Scorer.prototype.ref = function (d) { return d < this.services ? String(d) : 'o' + (d - this.services); };
  Scorer.prototype.queryVector = function (term, groups) {
    var self = this, ids = [], boosts = [], pos = new Map();
    function add(t, boost) {
      var i = self.termIndex.get(t);
      if (i === undefined) return;
      var k = pos.get(i);
      if (k === undefined) { pos.set(i, ids.length); ids.push(i); boosts.push(boost); } else boosts[k] += boost;
    }
    var stems = this.pipeline.runString(term);
    stems.forEach(function (stemmed) { add(stemmed, 1); });
    if (Array.from(term).length >= PREFIX_MIN) {
      for (var n = 0; n < this.terms.length; n++) if (this.terms[n].startsWith(term)) add(this.terms[n], PREFIX_BOOST);
    }
    stemPrefixes(stems, this.termIndex).forEach(function (t) { add(t, PREFIX_BOOST); });
    (groups || []).forEach(function (g) { add(SYNONYM_TOKEN + g, 1); });
    return { ids: ids, boosts: boosts };
  };
  // {docs, scores, n}: the first n entries are the documents in the order first reached and their scores
  // (the arrays are reused by the next call).
  Scorer.prototype.termScores = function (term, groups) {
    var q = this.queryVector(term, groups), acc = this.acc, seen = this.seen, k, n = 0;
    if (!this.hitDocs) { this.hitDocs = new Int32Array(this.size); this.hitScores = new Float64Array(this.size); }
    var hitDocs = this.hitDocs, hitScores = this.hitScores, docsOf = this.docsOf, weights = this.weights;
    if (!q.ids.length) return { docs: hitDocs, scores: hitScores, n: 0 };
    var norm = 0;
    for (k = 0; k < q.boosts.length; k++) norm += q.boosts[k] * q.boosts[k];
    norm = Math.sqrt(norm);
    for (k = 0; k < q.ids.length; k++) {
      var t = q.ids[k], boost = q.boosts[k];
      for (var p = this.start[t], e = this.end[t]; p < e; p++) {
        var d = docsOf[p];
        if (!seen[d]) { seen[d] = 1; acc[d] = 0; hitDocs[n++] = d; }
        acc[d] += boost * weights[p];
      }
    }
    for (k = 0; k < n; k++) { hitScores[k] = acc[hitDocs[k]] / norm; seen[hitDocs[k]] = 0; }
    return { docs: hitDocs, scores: hitScores, n: n };
  };

  function stem(term) { return lunr.stemmer(new lunr.Token(term)).toString(); }

  // generator/finder/search.py: query_groups
  function queryGroups(terms) {
    var stems = terms.map(stem), out = terms.map(function () { return []; });
    (docs.y || []).forEach(function (phrases, g) {
      phrases.forEach(function (phrase) {
        var n = phrase.length;
        for (var i = 0; i + n <= terms.length; i++) {
          var same = n > 0;
          for (var j = 0; j < n && same; j++) same = stems[i + j] === phrase[j];
          if (!same) continue;
          for (var k = i; k < i + n; k++) if (out[k].indexOf(g) < 0) out[k].push(g);
        }
      });
    });
    return out;
  }

  function six(x) { return Math.floor(x * 1e6 + 0.5) / 1e6; }

  // generator/finder/search.py: Searcher.term_hits + Searcher.search, over typed arrays (no objects per hit): for
  // each term, every service its own text matches gets its score plus its organization's; the other
  // services of a matching organization get the organization's score. Then the services that match the most
  // terms, among those `keep` lets through. (The services of one organization are numbered in a row.)
  var svcOrg, orgFirst, orgScoreTmp, orgHitTmp, termMark, termGen = 0;
  // The last few terms' scores: typing the second word of a query does not redo the first.
  var termCache = new Map();
  function cachedTermScores(term, groups) {
    var key = term + '|' + groups.join(','), hit = termCache.get(key);
    if (hit) return hit;
    var r = scorer.termScores(term, groups);
    hit = { docs: r.docs.slice(0, r.n), scores: r.scores.slice(0, r.n), n: r.n };
    if (termCache.size >= 8) termCache.delete(termCache.keys().next().value);
    termCache.set(key, hit);
    return hit;
  }
  var totScore, totCount, totDirect, touched;
  function searchText(text, keep, visit) {
    var all = queryTerms(text), kept = withoutFillers(all, queryGroups(all));
    var terms = kept.terms, groups = kept.groups, S = scorer.services, nt = 0, n, k, d, i, o;
    function add(svc, score, direct) {
      termMark[svc] = termGen;
      if (!totCount[svc]) { touched[nt++] = svc; totScore[svc] = 0; totDirect[svc] = 0; }
      totScore[svc] += score; totCount[svc] += 1; totDirect[svc] += direct;
    }
    for (n = 0; n < terms.length; n++) {
      var r = cachedTermScores(terms[n], groups[n]), hitDocs = r.docs, hitScores = r.scores, hits = r.n;
      termGen++;
      for (k = 0; k < hits; k++) {
        d = hitDocs[k];
        if (d >= S) { orgHitTmp[d - S] = 1; orgScoreTmp[d - S] = hitScores[k]; }
      }
      for (k = 0; k < hits; k++) {
        d = hitDocs[k];
        if (d < S) { o = svcOrg[d]; add(d, hitScores[k] + (orgHitTmp[o] ? orgScoreTmp[o] : 0), 1); }
      }
      for (k = 0; k < hits; k++) {
        d = hitDocs[k];
        if (d < S) continue;
        o = d - S;
        for (i = orgFirst[o]; i < orgFirst[o + 1]; i++) if (termMark[i] !== termGen) add(i, hitScores[k], 0);
        orgHitTmp[o] = 0;
      }
    }
    var best = 0, out = { ids: [], scores: [], direct: [], terms: terms.length, best: 0 };
    for (k = 0; k < nt; k++) {
      i = touched[k];
      if (totCount[i] > best && (!keep || keep(i))) best = totCount[i];
    }
    for (k = 0; k < nt; k++) {
      i = touched[k];
      if (totCount[i] === best && (!keep || keep(i))) {
        if (visit) visit(i, six(totScore[i]), totDirect[i]);
        else { out.ids.push(i); out.scores.push(six(totScore[i])); out.direct.push(totDirect[i]); }
      }
    }
    for (k = 0; k < nt; k++) totCount[touched[k]] = 0;
    out.best = best;
    return out;
  }

  // The same, as sorted [[service, score, matched, direct]] (tests compare it with generator/finder/search.py).
  function searchSorted(text) {
    var r = searchText(text), hits = r.ids.map(function (i, k) { return [i, r.scores[k], r.best, r.direct[k]]; });
    return hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  // ------------------------------------------------------------------------------------------ places

  function placeKey(name) {
    return fold(String(name).split(/\s+/).join(' ')).replace(/\s/g, '').replace(/[^\p{L}\p{N}]/gu, '');
  }

  function haversineKm(lat1, lon1, lat2, lon2) {  // generator/records/geo.py: haversine_km
    var R = 6371.0088, rad = Math.PI / 180;
    var p1 = lat1 * rad, p2 = lat2 * rad, dp = p2 - p1, dl = (lon2 - lon1) * rad;
    var a = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  function resolvePlace(text) {
    var t = String(text || '').trim();
    if (!t) return null;
    var zip = /^(\d{5})(?:-\d{4})?$/.exec(t);
    if (zip) {
      var z = own(places.z, zip[1]);
      return z ? { lat: z[0], lon: z[1], county: countyIndex(z[2]), label: zip[1] + ' (' + places.n[z[3]] + ')' } : false;
    }
    var found = findPlace(t);
    if (!found) return false;
    var c = found[1];
    return found[0] === 'c' ? { lat: c[0], lon: c[1], county: countyIndex(c[2]), label: places.n[c[3]] }
                            : { lat: c[0], lon: c[1], county: countyIndex(c[2]),
                                label: fmt('county_name', { name: places.k[c[2]] }) };
  }

  // generator/finder/rank.py: find_place. A city, or a county ("Canyon", "Canyon County", "condado de Canyon"); a
  // spelling one letter off (two from 9 letters on) finds the nearest name ("idaho fall" -> Idaho Falls).
  var COUNTY_WORD = /^\s*condado\s+de\s+|\s+(county|co\.?|condado)\s*$/i;
  function findPlace(text) {
    var t = String(text).replace(/,?\s*(idaho|id)\.?\s*$/i, ''), county = COUNTY_WORD.test(t);
    var key = placeKey(t.replace(COUNTY_WORD, ''));
    if (!key) return null;
    var tables = county ? [['K', places.K || {}]] : [['c', places.c], ['K', places.K || {}]], n, hit;
    for (n = 0; n < tables.length; n++) {
      hit = own(tables[n][1], key);
      if (hit) return [tables[n][0], hit];
    }
    var len = Array.from(key).length, limit = len >= 9 ? 2 : len >= 4 ? 1 : 0, best = null, bestD = limit + 1;
    if (!limit) return null;
    for (n = 0; n < tables.length; n++) {
      var keys = Object.keys(tables[n][1]);
      for (var k = 0; k < keys.length; k++) {
        var d = editDistance(key, keys[k], bestD);
        if (d < bestD) { bestD = d; best = [tables[n][0], tables[n][1][keys[k]]]; }
      }
    }
    return best;
  }

  // generator/finder/rank.py: edit_distance. Optimal string alignment distance (a swap of two letters is one edit),
  // or `stop` when it is at least that.
  function editDistance(a, b, stop) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) >= stop) return stop;
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low >= stop) return stop;
      prev2 = prev; prev = cur;
    }
    return Math.min(prev[b.length], stop);
  }

  // A table entry, never something inherited ("constructor", "__proto__" typed into the place box).
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined; }

  function countyIndex(placesCounty) {  // places.json counties -> docs.json county numbers
    var name = places.k[placesCounty];
    return name === undefined ? -1 : (countyByName[name] === undefined ? -1 : countyByName[name]);
  }

  function nearestZip(lat, lon) {
    var best = null, bestKm = Infinity;
    Object.keys(places.z).forEach(function (code) {
      var z = places.z[code], km = haversineKm(lat, lon, z[0], z[1]);
      if (km < bestKm) { bestKm = km; best = code; }
    });
    return best;
  }

  // ------------------------------------------------------------------------------------------ state

  var scorer, docs, places, countyByName = Object.create(null);
  var state = {}, place = null, shownRows = PAGE, current = null, statusTimer = 0;

  function readControls() {
    state = { q: el.q.value, near: el.near.value };
    SELECTS.forEach(function (k) { state[k] = el[k].value; });
    CHECKS.forEach(function (k) { state[k] = el[k].checked; });
  }

  // The query of a link to the search on screen: only built when "Copy a link to this search" is pressed.
  function linkQuery() {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set(TEXT_PARAM, state.q.trim());
    if (state.near.trim()) params.set('near', state.near.trim());
    SELECTS.forEach(function (k) { if (state[k]) params.set(k, state[k]); });
    CHECKS.forEach(function (k) { if (state[k]) params.set(k, '1'); });
    return params.toString();
  }

  function shareLink() {
    var query = linkQuery();
    var url = location.origin + location.pathname + (query ? '?' + query : '');
    el.shareLink.value = url;
    el.shareBox.hidden = false;
    el.shareLink.focus();
    el.shareLink.select();
    var done = function (ok) { el.shareNote.textContent = ok ? S.link_copied : S.link_select; };
    try {
      navigator.clipboard.writeText(url).then(function () { done(true); }, function () { done(false); });
    } catch (e) { done(false); }
  }

  // A shown link goes as soon as the search changes (it would hold the old search).
  function hideShare() {
    if (el.shareBox.hidden) return;
    el.shareBox.hidden = true;
    el.shareLink.value = '';
    el.shareNote.textContent = '';
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return true;
    return false;
  }

  function restoreFromUrl(params) {
    el.q.value = (params.get(TEXT_PARAM) || '').slice(0, 200);
    el.near.value = (params.get('near') || '').slice(0, 60);
    ['need', 'region'].forEach(function (k) {
      var v = params.get(k) || '';
      el[k].value = hasOption(el[k], v) ? v : '';
    });
    fillSubs(); fillCounties();
    ['sub', 'county', 'who', 'lang'].forEach(function (k) {
      var v = params.get(k) || '';
      el[k].value = hasOption(el[k], v) ? v : '';
    });
    CHECKS.forEach(function (k) { el[k].checked = params.get(k) === '1'; });
  }

  // Subcategory options follow the chosen type of help; county options follow the chosen region.
  var allSubs = null, allCounties = null;
  function fillSelect(select, keepFirst, groups) {
    var value = select.value, first = select.options[0];
    while (select.firstChild) select.removeChild(select.firstChild);
    select.appendChild(first);
    groups.forEach(function (g) {
      var parent = select;
      if (g.label !== null) {
        parent = document.createElement('optgroup');
        parent.label = g.label;
        select.appendChild(parent);
      }
      g.options.forEach(function (o) {
        var opt = document.createElement('option');
        opt.value = o[0];
        opt.textContent = o[1];
        parent.appendChild(opt);
      });
    });
    select.value = hasOption(select, value) ? value : '';
  }
  function snapshot(select) {
    var groups = [];
    Array.prototype.forEach.call(select.children, function (child) {
      if (child.tagName === 'OPTGROUP') {
        groups.push({ label: child.label, options: Array.prototype.map.call(child.children, function (o) {
          return [o.value, o.textContent];
        }) });
      }
    });
    return groups;
  }
  var subsNarrowed = false, countiesNarrowed = false;
  function fillSubs() {
    var area = el.need.value;
    if (!area && !subsNarrowed) return;
    subsNarrowed = !!area;
    if (!area) return fillSelect(el.sub, true, allSubs);
    var name = docs.t.a.filter(function (a) { return a[0] === area; })[0];
    fillSelect(el.sub, true, allSubs.filter(function (g) { return name && g.label === name[1]; })
      .map(function (g) { return { label: null, options: g.options }; }));
  }
  // With no region chosen the counties are one list from A to Z, not grouped by region: typing "Ada" then
  // picks Ada County, not Adams County (first in the region groups).
  var flatCounties = null;
  function fillCounties() {
    var region = el.region.value;
    countiesNarrowed = !!region;
    if (!region) {
      if (!flatCounties) {
        flatCounties = [];
        allCounties.forEach(function (g) { g.options.forEach(function (o) { flatCounties.push(o); }); });
        flatCounties.sort(function (a, b) { return a[1].localeCompare(b[1]); });
      }
      return fillSelect(el.county, true, [{ label: null, options: flatCounties }]);
    }
    var name = docs.t.r.filter(function (r) { return r[0] === region; })[0];
    fillSelect(el.county, true, allCounties.filter(function (g) { return name && g.label === name[1]; })
      .map(function (g) { return { label: null, options: g.options }; }));
  }

  // ------------------------------------------------------------------------------------------ matching

  function indexOfId(table, id) {
    for (var i = 0; i < table.length; i++) if (table[i][0] === id) return i;
    return -1;
  }

  function makeFilter() {
    var t = docs.t;
    var need = state.need ? indexOfId(t.a, state.need) : -1;
    var sub = state.sub ? indexOfId(t.s, state.sub) : -1;
    var region = state.region ? indexOfId(t.r, state.region) : -1;
    var county = state.county ? indexOfId(t.k, state.county) : -1;
    var who = state.who ? indexOfId(t.p, state.who) : -1;
    var lang = state.lang ? indexOfId(t.l, state.lang) : -1;
    var flags = (state.free ? FLAG.free : 0) | (state.allday ? FLAG.allday : 0) | (state.walkin ? FLAG.walkin : 0);
    var none = need < 0 && sub < 0 && region < 0 && county < 0 && who < 0 && lang < 0 && !flags;
    if (none) return null;
    function inPlace(s, test) {
      if (s.g) return true;
      if (s.k && s.k.some(test)) return true;
      var locs = docs.o[s.o].L;
      return !!(s.L && locs && s.L.some(function (li) { return locs[li][3] >= 0 && test(locs[li][3]); }));
    }
    return function (i) {
      var s = docs.s[i];
      if (need >= 0 && s.a !== need) return false;
      if (sub >= 0 && !(s.c && s.c.indexOf(sub) >= 0)) return false;
      if (who >= 0 && !(s.p && s.p.indexOf(who) >= 0)) return false;
      if (lang >= 0 && !(s.l && s.l.indexOf(lang) >= 0)) return false;
      if (flags && ((s.f || 0) & flags) !== flags) return false;
      if (county >= 0 && !inPlace(s, function (k) { return k === county; })) return false;
      if (region >= 0 && !inPlace(s, function (k) { return t.k[k][1] === region; })) return false;
      return true;
    };
  }

  // Distance from the place to each service's nearest location, worked out once per place.
  var svcKm, svcLoc, svcDone, distPlace = null;
  function serviceKm(i) {
    if (distPlace !== place) { svcDone.fill(0); distPlace = place; }
    if (!svcDone[i]) {
      var s = docs.s[i], locs = docs.o[s.o].L || [], km = Infinity, loc = -1;
      (s.L || []).forEach(function (li) {
        var l = locs[li];
        if (!l || l[1] === null || l[1] === undefined) return;
        var d = haversineKm(place.lat, place.lon, l[1], l[2]);
        if (d < km) { km = d; loc = li; }
      });
      svcKm[i] = km; svcLoc[i] = loc; svcDone[i] = 1;
    }
    return svcKm[i];
  }

  // The organizations whose services match, each with its best score and (near a place) its effective
  // distance: the nearest location of its services that are not lines, or NEAR_KM for a local service that
  // serves the whole county. Lines do not take part in the distance order: an organization with only those
  // is in the group of lines (generator/finder/rank.py: order).
  var orgScore, orgEff, orgKm, orgLoc, orgSeen, orgLocal, resGen, resScore, resDirect, matchGeneration = 0;
  // A line: a statewide or national service with no place to go to within FAR_KM, or a hotline or
  // information line.
  var lineCats = null;
  function isLine(s, km) {
    if (!s.g) return false;
    if (!lineCats) lineCats = [indexOfId(docs.t.s, 'hotline'), indexOfId(docs.t.s, 'information-referral')];
    return km > FAR_KM || !!(s.c && s.c.some(function (c) { return c >= 0 && lineCats.indexOf(c) >= 0; }));
  }
  // The heading a row sits under near a place: 0 near, 1 lines, 2 farther away, 3 listed without a way to reach.
  function section(o) { var g = orgGroup(o); return g === 2 ? 2 : docs.o[o].u ? 3 : g; }
  function orgGroup(o) {  // 0 local within FAR_KM, 1 statewide and national lines, 2 local farther away
    return !orgLocal[o] ? 1 : orgEff[o] <= FAR_KM ? 0 : 2;
  }
  function match() {
    var keep = makeFilter(), terms = queryTerms(state.q), partial = false, orgs = [], gen = ++matchGeneration, k;
    function visit(svc, sc, direct) {
      var o = svcOrg[svc];
      resGen[svc] = gen; resScore[svc] = sc; resDirect[svc] = direct;
      if (!orgSeen[o]) {
        orgSeen[o] = 1; orgs.push(o);
        orgScore[o] = sc; orgEff[o] = Infinity; orgKm[o] = Infinity; orgLoc[o] = -1; orgLocal[o] = 0;
      } else if (sc > orgScore[o]) orgScore[o] = sc;
      if (place) {
        var km = serviceKm(svc), s = docs.s[svc];
        if (km < orgKm[o]) { orgKm[o] = km; orgLoc[o] = svcLoc[svc]; }
        if (!isLine(s, km)) {
          orgLocal[o] = 1;
          var eff = km;
          if (!s.g && NEAR_KM < eff && s.k && place.county >= 0 && s.k.indexOf(place.county) >= 0) eff = NEAR_KM;
          if (eff < orgEff[o]) orgEff[o] = eff;
        }
      }
    }
    if (terms.length && !scorer) return { orgs: [], cmp: null, gen: gen, partial: false, sorted: 0, loading: true };
    if (terms.length) {  // (searchText works the terms out again: cheap, and keeps it the twin of search.py)
      var found = searchText(state.q, keep, visit);
      partial = found.best > 0 && found.best < found.terms;
    } else {
      for (k = 0; k < docs.s.length; k++) if (!keep || keep(k)) visit(k, 0, 0);
    }
    for (k = 0; k < orgs.length; k++) orgSeen[orgs[k]] = 0;
    var byPlace = !!place, byScore = terms.length > 0;
    // Strong matches, then weaker ones; near a place, each: local programs near, the lines, local programs
    // far; within each, those that can be reached (a phone, website or e-mail) first, then by distance
    // (local), then by score.
    var top = 0;
    for (k = 0; k < orgs.length; k++) if (orgScore[orgs[k]] > top) top = orgScore[orgs[k]];
    var cmp = function (a, b) {
      if (byScore) {
        var wa = orgScore[a] < RELEVANT * top ? 1 : 0, wb = orgScore[b] < RELEVANT * top ? 1 : 0;
        if (wa !== wb) return wa - wb;
      }
      var ga = byPlace ? orgGroup(a) : 0, gb = byPlace ? orgGroup(b) : 0;
      if ((ga === 2) !== (gb === 2)) return ga === 2 ? 1 : -1;
      var ua = docs.o[a].u ? 1 : 0, ub = docs.o[b].u ? 1 : 0;
      if (ua !== ub) return ua - ub;
      if (ga !== gb) return ga - gb;
      if (byPlace && ga !== 1 && orgEff[a] !== orgEff[b]) return orgEff[a] - orgEff[b];
      if (byScore && orgScore[a] !== orgScore[b]) return orgScore[b] - orgScore[a];
      return a - b;  // docs.json lists organizations in alphabetical order
    };
    return { orgs: orgs, cmp: cmp, gen: gen, partial: partial, sorted: 0 };
  }

  // The first n organizations in order (selection, not a full sort: typing redraws only the first page).
  function ordered(m, n) {
    if (m.sorted >= Math.min(n, m.orgs.length)) return m.orgs;
    n = Math.max(n, shownRows);  // the whole page at once: the rows after the first few come next frame
    if (n >= m.orgs.length / 4) {
      m.orgs.sort(m.cmp);
      m.sorted = m.orgs.length;
      return m.orgs;
    }
    var top = [], cmp = m.cmp, worst = -1;
    for (var k = 0; k < m.orgs.length; k++) {
      var o = m.orgs[k];
      if (worst >= 0 && cmp(o, worst) >= 0) continue;
      var lo = 0, hi = top.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(top[mid], o) <= 0) lo = mid + 1; else hi = mid; }
      top.splice(lo, 0, o);
      if (top.length > n) top.pop();
      if (top.length === n) worst = top[n - 1];
    }
    // The rest keep their order until a later page asks for them (then they are sorted).
    for (k = 0; k < top.length; k++) orgSeen[top[k]] = 1;
    var out = top.slice();
    for (k = 0; k < m.orgs.length; k++) if (!orgSeen[m.orgs[k]]) out.push(m.orgs[k]);
    for (k = 0; k < top.length; k++) orgSeen[top[k]] = 0;
    m.orgs = out;
    m.sorted = top.length;
    return m.orgs;
  }

  // Row objects (what drawRow shows) for organizations from..end of the order.
  function rowsFor(m, from, end) {
    var orgs = ordered(m, end), rows = [];
    for (var k = from; k < Math.min(end, orgs.length); k++) {
      var o = orgs[k], row = { org: o, hits: [], services: [], score: orgScore[o], km: place ? orgKm[o] : Infinity,
                               loc: place ? orgLoc[o] : -1, group: place ? orgGroup(o) : 0, groupStart: false };
      if (place) {
        row.section = section(o);
        row.groupStart = k === 0 ? row.section !== 0 : row.section !== section(orgs[k - 1]);
      }
      for (var svc = orgFirst[o]; svc < orgFirst[o + 1]; svc++) {
        if (resGen[svc] !== m.gen) continue;
        row.services.push(svc);
        row.hits.push([svc, resScore[svc], 0, resDirect[svc]]);
      }
      rows.push(row);
    }
    return rows;
  }

  // ------------------------------------------------------------------------------------------ drawing

  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function showNumber(number) {
    var m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
    return m ? '(' + m[1] + ') ' + m[2] + '-' + m[3] : number;
  }

  function phoneLink(p) {
    if (!/^\+?\d{3,15}$/.test(p[0])) return null;
    var shown = showNumber(p[0]), a = node('a', 'ccci-finder__phone');
    if (p[1] === 't') {
      a.href = 'sms:' + p[0];
      a.textContent = p[2] ? fmt('text_keyword', { keyword: p[2], number: shown }) : fmt('text', { number: shown });
    } else {
      a.href = 'tel:' + p[0];
      a.textContent = fmt(p[1] === 'y' ? 'tty' : 'call', { number: shown });
    }
    return a;
  }

  function showDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!m || !S.months) return iso;
    return fmt('date', { year: m[1], month: S.months[+m[2] - 1], day: String(+m[3]) });
  }

  function orgUrl(id) {
    return (root.getAttribute('data-org-url') || '{id}').replace('{id}', encodeURIComponent(id));
  }

  function whereText(row) {
    var org = docs.o[row.org], parts = [], scope = 0, counties = [];
    row.services.forEach(function (i) {
      var s = docs.s[i];
      if ((s.g || 0) > scope) scope = s.g;
      (s.k || []).forEach(function (k) { if (counties.indexOf(k) < 0) counties.push(k); });
    });
    var li = row.loc;
    if (li < 0) {  // no place given: the first location of the first matching service
      row.services.some(function (i) { var s = docs.s[i]; if (s.L && s.L.length) { li = s.L[0]; return true; } return false; });
    }
    if (li >= 0 && org.L && org.L[li]) {
      var l = org.L[li];
      parts.push(l[4] ? fmt('private_address', { city: l[0] }) : l[0]);
      if (place && row.km < Infinity) {
        var miles = row.km / KM_PER_MILE;
        parts.push(miles < 1 ? S.distance_near : fmt('distance', { n: Math.round(miles) }));
      }
    }
    if (scope === 2) parts.push(S.serves_us);
    else if (scope === 1) parts.push(S.serves_state);
    else if (li < 0 && counties.length) {
      var names = counties.slice(0, 4).map(function (k) { return fmt('county_name', { name: docs.t.k[k][0] }); });
      parts.push(fmt('serves_counties', { list: names.join(', ') + (counties.length > 4 ? ', …' : '') }));
    }
    return parts.join(' · ');
  }

  function drawRow(row) {
    var org = docs.o[row.org], li = node('li', 'ccci-finder__result');
    // Near a place the list has groups: local programs, statewide and national lines, programs farther away.
    if (row.groupStart) {
      li.appendChild(node('p', 'ccci-finder__group', [S.group_near, S.group_lines, S.group_far, S.group_unreach][row.section]));
    }
    var h = node('h3', 'ccci-finder__name'), a = node('a', null, org.n);
    a.href = orgUrl(org.i);
    h.appendChild(a);
    li.appendChild(h);
    var where = whereText(row);
    if (where) li.appendChild(node('p', 'ccci-finder__where', where));
    var ul = node('ul', 'ccci-finder__services');
    // The services whose own text matched come first; those only their organization's text matched, only
    // when no service matched by itself.
    var hits = row.hits.slice().sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var direct = hits.filter(function (h) { return h[3] > 0; });
    var names = [];
    (direct.length ? direct : hits).forEach(function (h) { var n = docs.s[h[0]].n; if (names.indexOf(n) < 0) names.push(n); });
    names.slice(0, 4).forEach(function (n) { ul.appendChild(node('li', null, n)); });
    if (names.length > 4) ul.appendChild(node('li', 'ccci-finder__extra', fmt('more_services', { n: names.length - 4 })));
    li.appendChild(ul);
    var phones = [], seen = Object.create(null);
    row.services.forEach(function (i) { (docs.s[i].p2 || []).forEach(function (p) { phones.push(p); }); });
    if (!phones.length) phones = org.p || [];
    // A TTY line of the organization is always named (Deaf and hard-of-hearing access), after the others.
    (org.p || []).forEach(function (p) { if (p[1] === 'y') phones.push(p); });
    var pp = node('p', 'ccci-finder__phones'), count = 0;
    phones.forEach(function (p) {
      var key = p[0] + p[1];
      if (seen[key] || (count >= 3 && p[1] !== 'y')) return;
      var link = phoneLink(p);
      if (!link) return;
      seen[key] = 1;
      if (count++) pp.appendChild(document.createTextNode(' · '));
      pp.appendChild(link);
    });
    if (count) li.insertBefore(pp, ul);  // the numbers right under the name: on screen first
    // No phone, website or e-mail: say so, and give the line that can help instead (from the data).
    if (org.u) {
      var reach = node('p', 'ccci-finder__reach', S.no_contact), via = org.rt && docs.o[org.rt[0]];
      var viaLink = via && phoneLink(org.rt[1]);
      if (viaLink) {
        reach.appendChild(document.createTextNode(' ' + fmt('no_contact_route', { name: via.n }) + ' '));
        reach.appendChild(viaLink);
      }
      li.appendChild(reach);
    }
    // "Call before you go" only when there is something to call.
    li.appendChild(node('p', 'ccci-finder__verified' + (org.v ? ' is-verified' : ''),
      (org.v ? fmt('verified', { date: showDate(org.v) }) : S.unverified) + (count ? ' ' + S.call_first : '')));
    return li;
  }

  // Rows are drawn from a cache of row elements (typing often keeps most rows), the first FIRST at once and
  // the rest of the page after the browser has painted those.
  var FIRST = 6, rowCache = new Map(), drawGeneration = 0;
  function rowKey(row) {
    return row.org + '|' + row.hits.map(function (h) { return h[0] + ':' + (h[3] > 0 ? 1 : 0) + ':' + h[1]; }).join(',') +
      '|' + (place ? row.loc + ':' + Math.round(row.km / KM_PER_MILE) + ':' + (row.groupStart ? row.group : '') : '');
  }
  function cachedRow(row) {
    var key = rowKey(row), li = rowCache.get(key);
    if (!li) {
      if (rowCache.size > 400) rowCache.clear();
      li = drawRow(row);
      rowCache.set(key, li);
    }
    return li;
  }
  function appendRows(from, end) {
    var frag = document.createDocumentFragment();
    rowsFor(current, from, end).forEach(function (row) { frag.appendChild(cachedRow(row)); });
    el.results.appendChild(frag);
  }
  // Text set only when it changes (setting the same text still costs the browser a layout).
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }

  function draw(from) {
    var total = current.orgs.length, end = Math.min(shownRows, total), generation = ++drawGeneration;
    if (!from) {
      var now = Math.min(end, FIRST), first = rowsFor(current, 0, now).map(cachedRow), kids = el.results.children;
      var same = kids.length === end && first.every(function (li, k) { return kids[k] === li; });
      if (same && end > now) {  // the first rows are unchanged: are the rest too?
        var rest = rowsFor(current, now, end).map(cachedRow);
        same = rest.every(function (li, k) { return kids[now + k] === li; });
      }
      if (same) {
        el.moreResults.hidden = end >= total;
        setText(el.showing, total > end ? fmt('showing', { shown: end, n: total }) : '');
        return;
      }
      el.results.textContent = '';
      var frag = document.createDocumentFragment();
      first.forEach(function (li) { frag.appendChild(li); });
      el.results.appendChild(frag);
      if (now < end) {
        requestAnimationFrame(function () {
          setTimeout(function () { if (generation === drawGeneration) appendRows(now, end); }, 0);
        });
      }
    } else {
      appendRows(from, end);
    }
    el.moreResults.hidden = end >= total;
    setText(el.showing, total > end ? fmt('showing', { shown: end, n: total }) : '');
  }

  // Never a bare "No programs match": say which filters hide programs, how to widen the search, and show what
  // still fits (programs of the need the words name, or the information lines, near the place if one is given).
  var fallbackBox = null;
  function controlLabel(k) {
    var label = document.querySelector('label[for="' + el[k].id + '"]'), text = label ? label.textContent : k;
    if (el[k].tagName === 'SELECT' && el[k].selectedIndex >= 0) text += ': ' + el[k].options[el[k].selectedIndex].textContent;
    return text;
  }
  function needOf(text) {  // the service area the words name (docs.n: taxonomy words), or -1
    var all = queryTerms(text), votes = {}, best = -1;
    withoutFillers(all, all.map(function () { return []; })).terms.forEach(function (t) {
      var a = own(docs.n || {}, window.lunr ? stem(t) : t);
      if (a !== undefined) votes[a] = (votes[a] || 0) + 1;
    });
    Object.keys(votes).forEach(function (a) { if (best < 0 || votes[a] > votes[best]) best = +a; });
    return best;
  }
  function drawFallback() {
    if (!fallbackBox) {
      fallbackBox = node('div', 'ccci-finder__fallback');
      fallbackBox.id = 'f-fallback';
      el.results.parentNode.insertBefore(fallbackBox, el.results.nextSibling);
    }
    var show = !!(current && !current.loading && !current.orgs.length);
    fallbackBox.hidden = !show;
    if (!show) { if (fallbackBox.firstChild) fallbackBox.textContent = ''; return; }
    fallbackBox.textContent = '';
    var saved = state, k, m;
    function blank() {
      var s = { q: saved.q, near: saved.near };
      SELECTS.forEach(function (x) { s[x] = saved[x]; });
      CHECKS.forEach(function (x) { s[x] = saved[x]; });
      return s;
    }
    var active = SELECTS.filter(function (x) { return saved[x]; }).concat(CHECKS.filter(function (x) { return saved[x]; }));
    if (queryTerms(saved.q).length && !active.length) fallbackBox.appendChild(node('p', null, S.nothing_for_words));
    active.forEach(function (x) {
      state = blank();
      state[x] = CHECKS.indexOf(x) >= 0 ? false : '';
      if (x === 'need') state.sub = '';
      if (x === 'region') state.county = '';
      var n = match().orgs.length;
      if (n) fallbackBox.appendChild(node('p', 'ccci-finder__hides', fmt('filter_hides', { filter: controlLabel(x), n: n })));
    });
    fallbackBox.appendChild(node('p', null, S.widen));
    // What still fits: the need the words or the filter name, else the information lines; same place.
    state = { q: '', near: saved.near };
    SELECTS.forEach(function (x) { state[x] = ''; });
    CHECKS.forEach(function (x) { state[x] = false; });
    var area = saved.need ? indexOfId(docs.t.a, saved.need) : needOf(saved.q);
    if (area >= 0) state.need = docs.t.a[area][0]; else state.sub = 'information-referral';
    m = match();
    var rows = rowsFor(m, 0, m.orgs.length), picked = [], lines = 0;
    for (k = 0; k < rows.length && picked.length < 3; k++) {  // the nearest reachable program, and the lines
      var r = rows[k], isLineRow = r.services.every(function (i) { return docs.s[i].g; });
      if (docs.o[r.org].u) continue;
      if (isLineRow ? lines < 2 : !picked.some(function (p) { return !p.line; })) {
        picked.push({ row: r, line: isLineRow });
        if (isLineRow) lines++;
      }
    }
    state = saved;
    if (!picked.length) return;
    var h = node('h3', 'ccci-finder__fallback-heading',
                 area >= 0 ? fmt('still_fits_need', { need: docs.t.a[area][1] }) : S.still_fits);
    h.id = 'f-fallback-heading';
    fallbackBox.appendChild(h);
    var ol = node('ol', 'ccci-finder__results');
    ol.setAttribute('aria-labelledby', 'f-fallback-heading');
    picked.forEach(function (p) { p.row.groupStart = false; ol.appendChild(drawRow(p.row)); });
    fallbackBox.appendChild(ol);
  }

  // generator/finder/guides.py: guide_hits. The guides' sections holding every word (the word in a heading 3, a
  // synonym there 2, the word in the text 1, a synonym there 0.5), best first.
  function guideHits(text, limit) {
    var all = queryTerms(text), kept = withoutFillers(all, queryGroups(all)), wanted = [], out = [];
    if (!kept.terms.length || !docs.g) return [];
    kept.terms.forEach(function (t, n) {
      var own = stem(t), syn = [];
      kept.groups[n].forEach(function (g) {
        docs.y[g].forEach(function (p) { if (p.length === 1 && p[0] !== own && syn.indexOf(p[0]) < 0) syn.push(p[0]); });
      });
      wanted.push([own, syn]);
    });
    docs.g.forEach(function (sec, i) {
      var score = 0;
      for (var k = 0; k < wanted.length; k++) {
        var own = wanted[k][0], syn = wanted[k][1];
        var inH = function (x) { return sec.s.indexOf(x) >= 0; }, inW = function (x) { return sec.w.indexOf(x) >= 0; };
        if (inH(own)) score += 3;
        else if (syn.some(inH)) score += 2;
        else if (inW(own)) score += 1;
        else if (syn.some(inW)) score += 0.5;
        else { score = -1; break; }
      }
      if (score > 0) out.push([score, i]);
    });
    out.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return out.slice(0, limit || 3).map(function (x) { return docs.g[x[1]]; });
  }
  var guidesBox = null;
  function drawGuides() {
    if (!guidesBox) {
      guidesBox = node('div', 'ccci-finder__guides');
      guidesBox.id = 'f-guides';
      el.results.parentNode.insertBefore(guidesBox, el.results.nextSibling);
    }
    var hits = current && !current.loading && scorer ? guideHits(state.q, 2) : [];
    var key = hits.map(function (g) { return g.u; }).join(' ');
    if (guidesBox.getAttribute('data-key') === key) return;
    guidesBox.setAttribute('data-key', key);
    guidesBox.textContent = '';
    guidesBox.hidden = !hits.length;
    if (!hits.length) return;
    var h = node('h3', null, S.guides_heading);
    h.id = 'f-guides-heading';
    var ul = node('ul');
    ul.setAttribute('aria-labelledby', 'f-guides-heading');
    hits.forEach(function (g) {
      var a = node('a', null, g.t + ': ' + g.h);
      a.href = new URL(g.u, document.baseURI).href;
      var li = node('li');
      li.appendChild(a);
      ul.appendChild(li);
    });
    guidesBox.appendChild(h);
    guidesBox.appendChild(ul);
  }

  function countText(n, partial) {
    var text = n === 0 ? S.count_none : n === 1 ? S.count_one : fmt('count_many', { n: n });
    return partial ? text + ' ' + S.partial : text;
  }

  function announce(text, now) {
    clearTimeout(statusTimer);
    var set = function () { if (el.status.textContent !== text) el.status.textContent = text; };
    if (now) set(); else statusTimer = setTimeout(set, 500);
  }

  function updatePlace(typing) {
    if (!places) {
      place = null;
      if (state.near.trim()) loadPlaces().then(function () { if (places) run(undefined, true); });
      return;
    }
    var resolved = resolvePlace(state.near);
    place = resolved || null;
    if (resolved === false) setNote(fmt('place_unknown', { place: state.near.trim() }), typing);
    else if (resolved) setNote(fmt('place_found', { place: resolved.label }), typing);
    else setNote('', typing);
  }

  // The note under the place box shows at once; a hidden copy of it is a live region (role=status, made in
  // start), so "Programs near ...", "We could not find ..." and the location messages are announced. While a
  // place is being typed the copy waits for a pause, like the result count, so that a screen reader does not
  // read it at every letter.
  var noteTimer = 0, nearLive = null;
  function setNote(text, later) {
    setText(el.nearNote, text);
    if (!nearLive) return;
    clearTimeout(noteTimer);
    if (later) noteTimer = setTimeout(function () { setText(nearLive, text); }, 500);
    else setText(nearLive, text);
  }

  function updateMoreCount() {
    var n = SELECTS.filter(function (k) { return state[k]; }).length +
      CHECKS.filter(function (k) { return state[k]; }).length;
    setText(el.moreCount, n ? ' ' + fmt('more_on', { n: n }) : '');
  }

  var timings = [];
  function run(startedAt, announceNow, typing, inFrame) {
    var timing = null;
    if (startedAt !== undefined) {  // keypress -> first rows on screen: the end of the frame that draws them
      timing = { dom: 0, paint: 0 };
      var record = function () {
        timing.paint = performance.now() - startedAt;
        timings.push(timing);
        if (timings.length > 1000) timings.shift();
      };
      // Inside a frame callback the page is drawn right after it, so a task queued now runs once it is.
      if (inFrame) setTimeout(record, 0);
      else requestAnimationFrame(function () { setTimeout(record, 0); });
    }
    readControls();
    updatePlace(typing);
    updateMoreCount();
    current = match();
    shownRows = PAGE;
    draw(0);
    drawFallback();
    drawGuides();
    if (timing) timing.dom = performance.now() - startedAt;
    hideShare();
    announce(current.loading ? S.loading : countText(current.orgs.length, current.partial), announceNow);
  }

  // Changes are handled just before the browser next draws the page, all those since the last frame at
  // once (fast typing on a slow phone searches once a frame, not once a key).
  var frameRequested = false, batchStart = 0, batchTyping = false;
  function schedule(e) {
    var started = e && e.timeStamp ? e.timeStamp : performance.now();
    batchTyping = batchTyping || !!(e && e.type === 'input');
    if (frameRequested) return;
    frameRequested = true;
    batchStart = started;  // the first change of the batch: its wait is the one measured
    requestAnimationFrame(function () {
      frameRequested = false;
      var typing = batchTyping;
      batchTyping = false;
      run(batchStart, false, typing, true);
    });
  }

  // ------------------------------------------------------------------------------------------ start

  function fail() {
    root.hidden = false;
    var form = root.querySelector('[role="search"]');
    if (form) form.hidden = true;
    el.status.textContent = S.load_error;  // the browse links below the finder stay
  }

  function getJson(attr) {  // same request as the page's <link rel="preload" as="fetch" crossorigin>
    return fetch(new URL(root.getAttribute(attr), document.baseURI).href)
      .then(function (r) { if (!r.ok) throw new Error(r.status + ' ' + r.url); return r.json(); });
  }

  // The ZIP and city table is only fetched once a place is typed, asked for, or in the link.
  var placesPromise = null;
  function loadPlaces() {
    if (!placesPromise) {
      placesPromise = getJson('data-places').then(function (data) { places = data; return data; }, function () {
        placesPromise = null;
        el.nearNote.textContent = S.load_error;
      });
    }
    return placesPromise;
  }

  // The index is only needed once words are typed: the list and the filters work from docs.json alone, so
  // the finder starts with it and builds the scorer when the index has come (at once if the link has words).
  function useIndex(data) {
    if (scorer) return;
    if (data.version !== lunr.version) console.warn('index built for lunr ' + data.version);
    scorer = new Scorer(data, docs.s.length, docs.o.length);
    window.ccciFinder.searchReady = true;
    if (performance.mark) performance.mark('ccci-finder-search-ready');
    if (current && current.loading) run(undefined, true);
  }

  // lunr.js 2.3.9 (the text pipeline: stemmer, stop words, and the same fold as the index) is added to the
  // page once the list is showing; the page preloads it.
  var lunrPromise = null;
  function loadLunr() {
    if (!lunrPromise) {
      lunrPromise = new Promise(function (resolve, reject) {
        if (window.lunr) { resolve(); return; }
        var script = document.createElement('script');
        script.src = new URL(root.getAttribute('data-lunr'), document.baseURI).href;
        script.onload = function () { resolve(); };
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function () { lunr.Pipeline.registerFunction(foldToken, 'ccciFold'); });
    }
    return lunrPromise;
  }
  function loadIndex() {
    return Promise.all([loadLunr(), getJson('data-index')]).then(function (d) { return d[1]; });
  }

  function start(docsData, placesData, indexData) {
    docs = docsData;
    var S = docs.s.length, O = docs.o.length;
    orgScoreTmp = new Float64Array(O); orgHitTmp = new Uint8Array(O); termMark = new Int32Array(S);
    totScore = new Float64Array(S); totCount = new Uint8Array(S); totDirect = new Uint8Array(S);
    touched = new Int32Array(S); svcOrg = new Int32Array(S); orgFirst = new Int32Array(O + 1);
    docs.s.forEach(function (s, i) { svcOrg[i] = s.o; });
    for (var o = 0, i = 0; o <= O; o++) { while (i < S && svcOrg[i] < o) i++; orgFirst[o] = i; }
    svcKm = new Float64Array(S); svcLoc = new Int32Array(S); svcDone = new Uint8Array(S);
    orgScore = new Float64Array(O); orgEff = new Float64Array(O); orgKm = new Float64Array(O);
    orgLoc = new Int32Array(O); orgSeen = new Uint8Array(O); orgLocal = new Uint8Array(O);
    resGen = new Int32Array(S); resScore = new Float64Array(S); resDirect = new Uint8Array(S);
    places = placesData || null;
    if (indexData) useIndex(indexData);
    docs.t.k.forEach(function (k, i) { countyByName[k[0]] = i; });
    allSubs = snapshot(el.sub);
    allCounties = snapshot(el.county);
    restoreFromUrl(link);
    readControls();
    // Filters start closed, so that the results are near the top, unless the link sets one.
    if (SELECTS.some(function (k) { return state[k]; }) || CHECKS.some(function (k) { return state[k]; })) {
      el.more.open = true;
    }

    // Enter in a box does not send the form anywhere (and the page's policy forbids it: form-action 'none').
    root.querySelector('form').addEventListener('submit', function (e) { e.preventDefault(); });
    el.share.addEventListener('click', shareLink);
    el.q.addEventListener('input', schedule);
    el.near.addEventListener('input', schedule);
    // A filter narrows the next one's options (type of help -> kinds of service, region -> counties) only
    // once the person has left it: arrow keys and typed letters in a closed <select> fire `change` at every
    // step, and the next list must not change under them (WCAG 3.2.2). Choosing a county or a kind of
    // service never changes the region or the type of help.
    var narrowing = { need: fillSubs, region: fillCounties }, narrowLater = {};
    function narrow(k) {
      narrowLater[k] = false;
      var child = k === 'need' ? el.sub : el.county, before = child.value;
      narrowing[k]();
      if (child.value !== before) schedule();
    }
    SELECTS.concat(CHECKS).forEach(function (k) { el[k].addEventListener('change', function (e) {
      if (narrowing[k]) {
        if (document.activeElement === el[k]) narrowLater[k] = true;
        else narrow(k);
      }
      schedule(e);
    }); });
    Object.keys(narrowing).forEach(function (k) {
      el[k].addEventListener('blur', function () { if (narrowLater[k]) narrow(k); });
    });
    nearLive = document.createElement('p');
    nearLive.className = 'ccci-finder__live';
    nearLive.id = 'f-near-live';
    nearLive.setAttribute('role', 'status');
    el.nearNote.parentNode.insertBefore(nearLive, el.nearNote.nextSibling);
    el.clear.addEventListener('click', function () {
      el.q.value = ''; el.near.value = '';
      SELECTS.forEach(function (k) { el[k].value = ''; });
      CHECKS.forEach(function (k) { el[k].checked = false; });
      fillSubs(); fillCounties();
      run(undefined, true);
      el.q.focus();
    });
    el.moreResults.addEventListener('click', function () {
      var from = Math.min(shownRows, current.orgs.length);
      shownRows += PAGE;
      draw(from);
      var first = el.results.children[from];
      var link = first && first.querySelector('a');
      if (link) link.focus();
    });
    el.geo.addEventListener('click', function () {
      if (!navigator.geolocation) { setNote(STRINGS.location_unsupported); return; }
      setNote(STRINGS.locating);
      loadPlaces();
      navigator.geolocation.getCurrentPosition(function (pos) {
        if (!places) { loadPlaces().then(function () { if (places) useNearest(pos); }); return; }
        useNearest(pos);
      }, function () {
        setNote(STRINGS.location_denied);
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
    function useNearest(pos) {
      var code = nearestZip(pos.coords.latitude, pos.coords.longitude);  // only the ZIP is kept, never the point
      if (!code) { setNote(STRINGS.location_denied); return; }
      el.near.value = code;
      run(undefined, true);
      setNote(fmt('place_from_location', { zip: code, city: places.n[places.z[code][3]] }));
    }

    run(undefined, true);
    clearTimeout(showTimer);
    root.hidden = false;
    window.ccciFinder.ready = true;
    root.setAttribute('data-ready', '1');
    if (performance.mark) performance.mark('ccci-finder-ready');
  }

  window.ccciFinder = {
    ready: false, searchReady: false, timings: timings,
    // The query "Copy a link to this search" would put in the link (the search on screen, once handled).
    query: function () { return linkQuery(); },
    fold: fold, queryTerms: queryTerms,
    search: function (text) { return searchSorted(text); },
    // lunr-style {ref: score} of one folded term (tests compare it with lunr.js's own query engine).
    termScores: function (term, groups) {
      var r = scorer.termScores(term, groups || []), out = {};
      for (var n = 0; n < r.n; n++) out[scorer.ref(r.docs[n])] = r.scores[n];
      return out;
    },
    // For tests: the guides' sections for some words (generator/finder/guides.py: guide_hits).
    guides: function (text) { return guideHits(text, 3); },
    // For tests: the order for words and a place, without touching the controls (generator/finder/rank.py: order).
    order: function (text, near) {
      return (near ? loadPlaces() : Promise.resolve()).then(function () {
        var saved = state, savedPlace = place;
        state = { q: text || '', near: near || '' };
        SELECTS.forEach(function (k) { state[k] = ''; });
        CHECKS.forEach(function (k) { state[k] = false; });
        place = near ? resolvePlace(near) || null : null;
        var m = match(), out = rowsFor(m, 0, m.orgs.length).map(function (r) {
          return { id: docs.o[r.org].i, group: r.group };
        });
        state = saved; place = savedPlace;
        current = match();  // the list on screen again (its rows are drawn from the last match)
        return out;
      });
    },
    // The whole list in order, for tests: organization id, distance (km) and service numbers of each row.
    rows: function () {
      if (!current) return [];
      return rowsFor(current, 0, current.orgs.length).map(function (r) {
        return { id: docs.o[r.org].i, km: r.km === Infinity ? null : r.km, services: r.services.slice(),
                 group: r.group };
      });
    }
  };
  // The finder appears with its first results (one layout, not two); if the data is slow to come, it appears
  // before, saying it is loading.
  // A search handed over by the home page (below) leaves window.name at once, even if the finder cannot run here.
  var handoff = typeof window.name === 'string' && window.name.indexOf(HANDOFF) === 0 ? window.name : '';
  if (handoff) window.name = '';
  var showTimer = setTimeout(function () { root.hidden = false; }, 400);
  if (!window.fetch || !window.URLSearchParams || !window.Map || !window.Float64Array) { fail(); return; }
  // (index.json downloads from the page's <link rel="preload"> meanwhile; it is parsed after the list shows,
  // unless the link has words.)
  var link = new URLSearchParams(location.search);
  // The home page's search and need shortcuts hand the search over in window.name, never in the address (which
  // Chromium writes to History before any script could drop it). It is read once and cleared at once.
  if (handoff && !location.search) link = new URLSearchParams(handoff.slice(HANDOFF.length));
  // A link with a search in it works, but the search leaves the address bar (and the history entry) at once.
  if (location.search) history.replaceState(null, '', location.pathname + location.hash);
  var nearInLink = !!(link.get('near') || '').trim(), wordsInLink = !!(link.get(TEXT_PARAM) || '').trim();
  var inline = document.getElementById('f-docs');  // small result documents come inside the page
  var docsPromise = inline ? Promise.resolve().then(function () { return JSON.parse(inline.textContent); })
                           : getJson('data-docs');
  Promise.all([docsPromise, nearInLink ? loadPlaces() : null, wordsInLink ? loadIndex() : null])
    .then(function (d) {
      start(d[0], d[1], d[2]);
      if (!d[2]) setTimeout(function () { loadIndex().then(useIndex, fail); }, 0);
      // Arriving with a search (the home page's form, a need shortcut): the results are on screen at once.
      var heading = (wordsInLink || nearInLink) && document.getElementById('f-results-heading');
      if (heading) {
        heading.style.scrollMarginTop = '4rem';  // below the sticky header
        heading.scrollIntoView({ block: 'start' });
      }
    }, fail);
})();
