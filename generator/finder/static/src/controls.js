  // ------------------------------------------------------------------------------------------ controls
  // The state of the controls, the link to a search, and the options that follow other choices. (A part of
  // finder.js: generator/finder/produce.py joins the parts in its order.)

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
    // No search came with the page: what may already be typed or chosen (the controls show before finder.js
    // has started) stays.
    if (!params.toString()) { fillSubs(); fillCounties(); return; }
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
        allCounties.forEach(function (g) { g.options.forEach(function (o) { flatCounties.push([fold(o[1]), o]); }); });
        // Compared folded (no accents, lower case), not with localeCompare: the first localeCompare on a page
        // starts ICU's collator, ~50 ms of a slow phone's start, for the same order of county names.
        flatCounties.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
        flatCounties = flatCounties.map(function (x) { return x[1]; });
      }
      return fillSelect(el.county, true, [{ label: null, options: flatCounties }]);
    }
    var name = docs.t.r.filter(function (r) { return r[0] === region; })[0];
    fillSelect(el.county, true, allCounties.filter(function (g) { return name && g.label === name[1]; })
      .map(function (g) { return { label: null, options: g.options }; }));
  }
