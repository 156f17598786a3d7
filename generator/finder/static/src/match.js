  // ------------------------------------------------------------------------------------------ matching
  // Which programs match the words, the filters and the place, and their order; the twin of
  // generator/finder/rank.py. (A part of finder.js: generator/finder/produce.py joins the parts in its order.)

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
    var flags = (state.free ? FLAG.free : 0) | (state.allday ? FLAG.allday : 0) | (state.walkin ? FLAG.walkin : 0) |
      (state.spanish ? FLAG.spanish : 0);
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
    if (terms.length) {  // (searchText works the terms out again: cheap, and keeps it the twin of index.py)
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
