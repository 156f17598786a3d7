/* The finder (/find/): search, filters and "near me", all on this device. No network beyond the three data
 * files of this site, no storage, no cookies. The state lives in the URL query (history.replaceState).
 * Search logic mirrors generator/search.py (fold, queryTerms, searchText); tests compare the two.
 * Data shapes: see generator/finder.py. Text from the data is only ever set with textContent. */
(function () {
  'use strict';

  var root = document.getElementById('ccci-finder');
  if (!root) return;
  var S = JSON.parse(root.getAttribute('data-strings') || '{}');
  var $ = function (id) { return document.getElementById(id); };
  var el = {
    q: $('f-q'), near: $('f-near'), nearNote: $('f-near-note'), geo: $('f-geo'),
    need: $('f-need'), sub: $('f-sub'), region: $('f-region'), county: $('f-county'),
    who: $('f-who'), lang: $('f-lang'), free: $('f-free'), allday: $('f-allday'), walkin: $('f-walkin'),
    more: $('f-more'), moreCount: $('f-more-count'), clear: $('f-clear'),
    status: $('f-status'), results: $('f-results'), showing: $('f-showing'), moreResults: $('f-more-results')
  };
  var PAGE = 25;          // result rows drawn at a time
  var NEAR_KM = 50;       // a service that serves the whole place ranks like one this far away
  var KM_PER_MILE = 1.609344;
  var FLAG = { free: 1, allday: 2, walkin: 4 };
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
  // generator/search.py: fold
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
  // generator/search.py: query_terms
  function queryTerms(text) {
    var out = [];
    String(text).toLowerCase().split(SEPARATOR).forEach(function (word) {
      if (!word) return;
      var term = fold(word);
      if (term && lunr.stopWordFilter(new lunr.Token(term)) !== undefined && out.indexOf(term) < 0) out.push(term);
    });
    return out.slice(0, 12);
  }

  var PREFIX_MIN = 2, PREFIX_BOOST = 0.5;
  var SYNONYM_TOKEN = '0zq';
  // generator/search.py: term_scores
  function termScores(term, groups) {
    var out = Object.create(null);
    idx.query(function (q) {
      q.term(term, { usePipeline: true, boost: 1 });
      if (Array.from(term).length >= PREFIX_MIN) {
        q.term(term, { usePipeline: false, boost: PREFIX_BOOST, wildcard: lunr.Query.wildcard.TRAILING });
      }
      groups.forEach(function (g) { q.term(SYNONYM_TOKEN + g, { usePipeline: false, boost: 1 }); });
    }).forEach(function (r) { out[r.ref] = r.score; });
    return out;
  }

  function stem(term) { return lunr.stemmer(new lunr.Token(term)).toString(); }

  // generator/search.py: query_groups
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

  // generator/search.py: Searcher.term_hits. Service number -> score; an organization document's score
  // counts for each of its services.
  function termHits(term, groups) {
    var raw = termScores(term, groups), out = new Map();
    Object.keys(raw).forEach(function (ref) {
      if (ref.charAt(0) !== 'o') out.set(+ref, [raw[ref] + (raw['o' + docs.s[+ref].o] || 0), 1]);
    });
    Object.keys(raw).forEach(function (ref) {
      if (ref.charAt(0) === 'o') {
        (orgServices[+ref.slice(1)] || []).forEach(function (i) { if (!out.has(i)) out.set(i, [raw[ref], 0]); });
      }
    });
    return out;
  }

  // generator/search.py: Searcher.search. {hits: [[service, score, matched, direct]], terms: n, best: n}
  function searchText(text, keep) {
    var terms = queryTerms(text), groups = queryGroups(terms), totals = new Map();
    terms.forEach(function (term, n) {
      termHits(term, groups[n]).forEach(function (hit, i) {
        var t = totals.get(i);
        if (!t) { t = [0, 0, 0]; totals.set(i, t); }
        t[0] += hit[0];
        t[1] += 1;
        t[2] += hit[1];
      });
    });
    var best = 0, hits = [];
    totals.forEach(function (t, i) { if ((!keep || keep(i)) && t[1] > best) best = t[1]; });
    totals.forEach(function (t, i) { if (t[1] === best && (!keep || keep(i))) hits.push([i, six(t[0]), best, t[2]]); });
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return { hits: hits, terms: terms.length, best: best };
  }

  // ------------------------------------------------------------------------------------------ places

  function placeKey(name) {
    return fold(String(name).split(/\s+/).join(' ')).replace(/\s/g, '').replace(/[^\p{L}\p{N}]/gu, '');
  }

  function haversineKm(lat1, lon1, lat2, lon2) {  // generator/geo.py: haversine_km
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
      var z = places.z[zip[1]];
      return z ? { lat: z[0], lon: z[1], county: countyIndex(z[2]), label: zip[1] + ' (' + places.n[z[3]] + ')' } : false;
    }
    var key = placeKey(t.replace(/,?\s*(idaho|id)\.?\s*$/i, ''));
    var c = key && places.c[key];
    return c ? { lat: c[0], lon: c[1], county: countyIndex(c[2]), label: places.n[c[3]] } : false;
  }

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

  var idx, docs, places, orgServices = [], countyByName = Object.create(null), nameOrder = [];
  var state = {}, place = null, shownRows = PAGE, lastRows = [], statusTimer = 0, pending = 0;

  function readControls() {
    state = { q: el.q.value, near: el.near.value };
    SELECTS.forEach(function (k) { state[k] = el[k].value; });
    CHECKS.forEach(function (k) { state[k] = el[k].checked; });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set(TEXT_PARAM, state.q.trim());
    if (state.near.trim()) params.set('near', state.near.trim());
    SELECTS.forEach(function (k) { if (state[k]) params.set(k, state[k]); });
    CHECKS.forEach(function (k) { if (state[k]) params.set(k, '1'); });
    var query = params.toString();
    var url = location.pathname + (query ? '?' + query : '');
    if (url !== location.pathname + location.search) history.replaceState(null, '', url);
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return true;
    return false;
  }

  function restoreFromUrl() {
    var params = new URLSearchParams(location.search);
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
  function fillSubs() {
    var area = el.need.value;
    if (!area) return fillSelect(el.sub, true, allSubs);
    var name = docs.t.a.filter(function (a) { return a[0] === area; })[0];
    fillSelect(el.sub, true, allSubs.filter(function (g) { return name && g.label === name[1]; })
      .map(function (g) { return { label: null, options: g.options }; }));
  }
  function fillCounties() {
    var region = el.region.value;
    if (!region) return fillSelect(el.county, true, allCounties);
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

  // One row per organization, holding its matching services.
  function rows() {
    var keep = makeFilter(), hasQuery = queryTerms(state.q).length > 0, found, partial = false;
    var services = [];  // [ref, score]
    if (hasQuery) {
      found = searchText(state.q, keep);
      partial = found.hits.length > 0 && found.best < found.terms;
      services = found.hits;
    } else {
      for (var i = 0; i < docs.s.length; i++) if (!keep || keep(i)) services.push([i, 0]);
    }
    var byOrg = Object.create(null), list = [];
    services.forEach(function (hit) {
      var s = docs.s[hit[0]], row = byOrg[s.o];
      if (!row) {
        row = byOrg[s.o] = { org: s.o, services: [], hits: [], score: hit[1], eff: Infinity, km: Infinity, loc: -1 };
        list.push(row);
      }
      row.services.push(hit[0]);
      row.hits.push(hit);
      if (hit[1] > row.score) row.score = hit[1];
      if (place) {
        var locs = docs.o[s.o].L || [];
        (s.L || []).forEach(function (li) {
          var l = locs[li];
          if (l[1] === null || l[1] === undefined) return;
          var km = haversineKm(place.lat, place.lon, l[1], l[2]);
          if (km < row.km) { row.km = km; row.loc = li; }
          if (km < row.eff) row.eff = km;
        });
        var servesHere = s.g || (s.k && place.county >= 0 && s.k.indexOf(place.county) >= 0);
        if (servesHere && NEAR_KM < row.eff) row.eff = NEAR_KM;
      }
    });
    list.sort(function (a, b) {
      if (place && a.eff !== b.eff) return a.eff - b.eff;
      if (hasQuery && a.score !== b.score) return b.score - a.score;
      return nameOrder[a.org] - nameOrder[b.org];
    });
    return { rows: list, partial: partial };
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
    var pp = node('p', 'ccci-finder__phones'), count = 0;
    phones.forEach(function (p) {
      var key = p[0] + p[1];
      if (seen[key] || count >= 3) return;
      var link = phoneLink(p);
      if (!link) return;
      seen[key] = 1;
      if (count++) pp.appendChild(document.createTextNode(' · '));
      pp.appendChild(link);
    });
    if (count) li.appendChild(pp);
    li.appendChild(node('p', 'ccci-finder__verified' + (org.v ? ' is-verified' : ''),
      org.v ? fmt('verified', { date: showDate(org.v) }) : S.unverified));
    return li;
  }

  function draw(from) {
    var frag = document.createDocumentFragment(), end = Math.min(shownRows, lastRows.length);
    for (var i = from; i < end; i++) frag.appendChild(drawRow(lastRows[i]));
    if (!from) el.results.textContent = '';
    el.results.appendChild(frag);
    el.moreResults.hidden = end >= lastRows.length;
    el.showing.textContent = lastRows.length > end ? fmt('showing', { shown: end, n: lastRows.length }) : '';
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

  function updatePlace() {
    var resolved = resolvePlace(state.near);
    place = resolved || null;
    if (resolved === false) el.nearNote.textContent = fmt('place_unknown', { place: state.near.trim() });
    else if (resolved) el.nearNote.textContent = fmt('place_found', { place: resolved.label });
    else el.nearNote.textContent = '';
  }

  function updateMoreCount() {
    var n = SELECTS.filter(function (k) { return state[k]; }).length +
      CHECKS.filter(function (k) { return state[k]; }).length;
    el.moreCount.textContent = n ? ' ' + fmt('more_on', { n: n }) : '';
  }

  var timings = [];
  function run(startedAt, announceNow) {
    readControls();
    updatePlace();
    updateMoreCount();
    var result = rows();
    lastRows = result.rows;
    shownRows = PAGE;
    draw(0);
    writeUrl();
    announce(countText(lastRows.length, result.partial), announceNow);
    if (startedAt !== undefined) {
      var dom = performance.now() - startedAt;
      requestAnimationFrame(function () {
        setTimeout(function () {
          timings.push({ dom: dom, paint: performance.now() - startedAt });
          if (timings.length > 1000) timings.shift();
        }, 0);
      });
    }
  }

  function schedule(e) {
    var started = e && e.timeStamp ? e.timeStamp : performance.now();
    if (pending) return;
    pending = setTimeout(function () { pending = 0; run(started); }, 0);
  }

  // ------------------------------------------------------------------------------------------ start

  function fail() {
    root.hidden = false;
    var form = root.querySelector('[role="search"]');
    if (form) form.hidden = true;
    el.status.textContent = S.load_error;  // the browse links below the finder stay
  }

  function getJson(attr) {
    return fetch(new URL(root.getAttribute(attr), document.baseURI).href, { credentials: 'omit' })
      .then(function (r) { if (!r.ok) throw new Error(r.status + ' ' + r.url); return r.json(); });
  }

  function start(data) {
    lunr.Pipeline.registerFunction(foldToken, 'ccciFold');
    idx = lunr.Index.load(data[0]);
    docs = data[1];
    places = data[2];
    docs.t.k.forEach(function (k, i) { countyByName[k[0]] = i; });
    docs.s.forEach(function (s, i) { (orgServices[s.o] = orgServices[s.o] || []).push(i); });
    var order = docs.o.map(function (o, i) { return i; });
    var collator = new Intl.Collator(document.documentElement.lang || 'en', { sensitivity: 'base' });
    order.sort(function (a, b) { return collator.compare(docs.o[a].n, docs.o[b].n) || a - b; });
    nameOrder = new Array(order.length);
    order.forEach(function (o, rank) { nameOrder[o] = rank; });
    allSubs = snapshot(el.sub);
    allCounties = snapshot(el.county);
    restoreFromUrl();
    readControls();
    // Filters start open on a wide screen, or when the link sets one; on a phone they start closed so the
    // results are near the top.
    if (window.matchMedia('(min-width: 45em)').matches || SELECTS.some(function (k) { return state[k]; }) ||
        CHECKS.some(function (k) { return state[k]; })) el.more.open = true;

    el.q.addEventListener('input', schedule);
    el.near.addEventListener('input', schedule);
    SELECTS.concat(CHECKS).forEach(function (k) { el[k].addEventListener('change', function (e) {
      if (k === 'need') fillSubs();
      if (k === 'region') fillCounties();
      if (k === 'sub' && el.sub.value) {
        var s = docs.t.s[indexOfId(docs.t.s, el.sub.value)];
        if (s && s[2] >= 0 && el.need.value !== docs.t.a[s[2]][0]) { el.need.value = docs.t.a[s[2]][0]; fillSubs(); }
      }
      if (k === 'county' && el.county.value) {
        var c = docs.t.k[indexOfId(docs.t.k, el.county.value)];
        if (c && c[1] >= 0 && el.region.value !== docs.t.r[c[1]][0]) { el.region.value = docs.t.r[c[1]][0]; fillCounties(); }
      }
      schedule(e);
    }); });
    el.clear.addEventListener('click', function () {
      el.q.value = ''; el.near.value = '';
      SELECTS.forEach(function (k) { el[k].value = ''; });
      CHECKS.forEach(function (k) { el[k].checked = false; });
      fillSubs(); fillCounties();
      run(undefined, true);
      el.q.focus();
    });
    el.moreResults.addEventListener('click', function () {
      var from = Math.min(shownRows, lastRows.length);
      shownRows += PAGE;
      draw(from);
      var first = el.results.children[from];
      var link = first && first.querySelector('a');
      if (link) link.focus();
    });
    el.geo.addEventListener('click', function () {
      if (!navigator.geolocation) { el.nearNote.textContent = S.location_unsupported; return; }
      el.nearNote.textContent = S.locating;
      navigator.geolocation.getCurrentPosition(function (pos) {
        var code = nearestZip(pos.coords.latitude, pos.coords.longitude);  // only the ZIP is kept, never the point
        if (!code) { el.nearNote.textContent = S.location_denied; return; }
        el.near.value = code;
        run(undefined, true);
        el.nearNote.textContent = fmt('place_from_location', { zip: code, city: places.n[places.z[code][3]] });
      }, function () {
        el.nearNote.textContent = S.location_denied;
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });

    run(undefined, true);
    window.ccciFinder.ready = true;
    root.setAttribute('data-ready', '1');
    if (performance.mark) performance.mark('ccci-finder-ready');
  }

  window.ccciFinder = {
    ready: false, timings: timings,
    fold: fold, queryTerms: queryTerms,
    search: function (text) { return searchText(text).hits; },
    // What the list shows, for tests: organization id, distance (km) and the service numbers of each row.
    rows: function () {
      return lastRows.map(function (r) {
        return { id: docs.o[r.org].i, km: r.km === Infinity ? null : r.km, services: r.services.slice() };
      });
    }
  };
  root.hidden = false;
  if (typeof lunr === 'undefined' || !window.fetch || !window.URLSearchParams) { fail(); return; }
  Promise.all([getJson('data-index'), getJson('data-docs'), getJson('data-places')]).then(start, fail);
})();
