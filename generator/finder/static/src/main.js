  // ------------------------------------------------------------------------------------------ start
  // Handling changes, fetching the data, starting, and what tests may ask (window.ccciFinder). (A part of finder.js:
  // generator/finder/produce.py joins the parts in its order.)

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

  // The list, its status and its "Showing" line as drawn at build time carry data-pre: a search that came with the
  // page hides them (finder.css) until the finder has drawn its own list, or kept those rows; then they show.
  function shown() {
    Array.prototype.forEach.call(root.querySelectorAll('[data-pre]'), function (n) { n.removeAttribute('data-pre'); });
  }

  // With nothing searched yet, the rows drawn at build time (generator/finder/first.py, the twin of drawRow) are
  // this list's rows: they are kept as they are (no second layout, and focus stays where it is).
  function adoptDrawn() {
    if (!el.results.hasAttribute('data-pre') || state.q || state.near) return;
    if (SELECTS.some(function (k) { return state[k]; }) || CHECKS.some(function (k) { return state[k]; })) return;
    var m = match(), kids = el.results.children, rows = rowsFor(m, 0, Math.min(PAGE, m.orgs.length));
    if (rows.length !== kids.length) return;
    rows.forEach(function (row, k) { rowCache.set(rowKey(row), kids[k]); });
  }

  function fail() {
    shown();
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
    scorer = new Scorer(data, docs.s.length, docs.o.length);
    window.ccciFinder.searchReady = true;
    if (performance.mark) performance.mark('ccci-finder-search-ready');
    if (current && current.loading) run(undefined, true);
  }

  // lunr.js 2.3.9 (the text pipeline: stemmer, stop words, and the same fold as the index) is added to the
  // page once the list is on screen.
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
  // The index's bytes are asked for as the finder starts, beside the result documents, and read (JSON.parse, on
  // this thread) once the first results are drawn: at 10,000 records words are searchable ~0.4 s sooner.
  var indexResponse = null;
  function fetchIndex() {
    if (!indexResponse) {
      indexResponse = fetch(new URL(root.getAttribute('data-index'), document.baseURI).href).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + r.url);
        return r;
      });
    }
    return indexResponse;
  }
  function loadIndex() {
    return Promise.all([loadLunr(), fetchIndex().then(function (r) { return r.json(); })]).then(function (d) {
      return d[1];
    });
  }

  function start(docsData, placesData, indexData) {
    docs = docsData;
    var S = docs.s.length, O = docs.o.length;
    searchArrays();
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

    adoptDrawn();
    run(undefined, true);
    shown();
    window.ccciFinder.ready = true;
    root.setAttribute('data-ready', '1');
    if (performance.mark) {
      performance.mark('ccci-finder-ready');
      // The first results are on screen at the end of the frame that draws them (scripts/bench_finder.py).
      requestAnimationFrame(function () { setTimeout(function () { performance.mark('ccci-finder-first-results'); }, 0); });
    }
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
    // For tests: the HTML drawRow makes now for the rows on screen (the twin of the rows drawn at build time).
    fresh: function () {
      var box = document.createElement('ol');
      rowsFor(current, 0, Math.min(shownRows, current.orgs.length)).forEach(function (r) { box.appendChild(drawRow(r)); });
      return box.innerHTML;
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
  // The page comes with its controls and the first results of an empty search (generator/finder/first.py).
  // A search handed over by the home page (below) leaves window.name at once, even if the finder cannot run here.
  var handoff = typeof window.name === 'string' && window.name.indexOf(HANDOFF) === 0 ? window.name : '';
  if (handoff) window.name = '';
  if (!window.fetch || !window.URLSearchParams || !window.Map || !window.Float64Array) { fail(); return; }
  // (index.json is fetched now and read once the list shows, unless the link has words; lunr.js comes then.)
  fetchIndex().catch(function () {});  // (a failure is reported when the index is read)
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
      // The index is read once the first results are drawn (the frame after start), not before.
      if (!d[2]) {
        requestAnimationFrame(function () { setTimeout(function () { loadIndex().then(useIndex, fail); }, 0); });
      }
      // Arriving with a search (the home page's form, a need shortcut): the results are on screen at once.
      var heading = (wordsInLink || nearInLink) && document.getElementById('f-results-heading');
      if (heading) {
        heading.style.scrollMarginTop = '4rem';  // below the sticky header
        heading.scrollIntoView({ block: 'start' });
      }
    }, fail);
