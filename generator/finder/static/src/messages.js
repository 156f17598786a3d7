  // ------------------------------------------------------------------------------------------ messages
  // What is said around the list: what still fits, the guides, the count, the place note. (A part of finder.js:
  // generator/finder/produce.py joins the parts in its order.)

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
      wanted.push([own, syn, kept.groups[n]]);
    });
    docs.g.forEach(function (sec, i) {
      var score = 0;
      for (var k = 0; k < wanted.length; k++) {
        var own = wanted[k][0], syn = wanted[k][1], gs = wanted[k][2];
        var inH = function (x) { return sec.s.indexOf(x) >= 0; }, inW = function (x) { return sec.w.indexOf(x) >= 0; };
        var gH = function (g) { return (sec.gh || []).indexOf(g) >= 0; }, gW = function (g) { return (sec.gw || []).indexOf(g) >= 0; };
        if (inH(own)) score += 3;
        else if (syn.some(inH) || gs.some(gH)) score += 2;
        else if (inW(own)) score += 1;
        else if (syn.some(inW) || gs.some(gW)) score += 0.5;
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
    // Only the filters folded in "Filters" (the Spanish page shows "Offered in Spanish" above them).
    var n = SELECTS.filter(function (k) { return state[k]; }).length +
      CHECKS.filter(function (k) { return state[k] && el.more.contains(el[k]); }).length;
    setText(el.moreCount, n ? ' ' + fmt('more_on', { n: n }) : '');
  }
