  // ------------------------------------------------------------------------------------------ cards
  // A result row as a card, and the list drawn from cached rows. (A part of finder.js: generator/finder/produce.py
  // joins the parts in its order.)

  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  // p: [number, kind, number as shown (written by generator/present/phones.py), text keyword]
  function phoneLink(p) {
    if (!/^\+?\d{3,15}$/.test(p[0])) return null;
    var shown = p[2] || p[0], a = node('a', 'ccci-finder__phone');
    if (p[1] === 't') {
      a.href = 'sms:' + p[0];
      a.textContent = p[3] ? fmt('text_keyword', { keyword: p[3], number: shown }) : fmt('text', { number: shown });
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

  // A name as the page shows it: on the Spanish page a record without Spanish text keeps its English name, marked
  // lang="en" (a screen reader reads it in English); a program's name also says "(in English)".
  function nameNode(tag, cls, item, note) {
    var n = node(tag, cls);
    if (item.e) {
      var span = node('span', null, item.n);
      span.lang = 'en';
      n.appendChild(span);
      if (note) n.appendChild(node('span', 'ccci-finder__lang-note', ' (' + S.in_english + ')'));
    } else {
      n.textContent = item.n;
    }
    return n;
  }

  function drawRow(row) {
    var org = docs.o[row.org], li = node('li', 'ccci-finder__result');
    // Near a place the list has groups: local programs, statewide and national lines, programs farther away.
    if (row.groupStart) {
      li.appendChild(node('p', 'ccci-finder__group', [S.group_near, S.group_lines, S.group_far, S.group_unreach][row.section]));
    }
    var h = node('h3', 'ccci-finder__name'), a = nameNode('a', null, org, false);
    a.href = orgUrl(org.i);
    h.appendChild(a);
    li.appendChild(h);
    // Services offered in Spanish say so right under the name.
    if (row.services.some(function (i) { return (docs.s[i].f || 0) & FLAG.spanish; })) {
      li.appendChild(node('p', 'ccci-finder__spanish', S.spanish_mark));
    }
    var where = whereText(row);
    if (where) li.appendChild(node('p', 'ccci-finder__where', where));
    var ul = node('ul', 'ccci-finder__services');
    // The services whose own text matched come first; those only their organization's text matched, only
    // when no service matched by itself.
    var hits = row.hits.slice().sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var direct = hits.filter(function (h) { return h[3] > 0; });
    var names = [], shown = [];
    (direct.length ? direct : hits).forEach(function (h) {
      var s = docs.s[h[0]];
      if (names.indexOf(s.n) < 0) { names.push(s.n); shown.push(s); }
    });
    shown.slice(0, 4).forEach(function (s) { ul.appendChild(nameNode('li', null, s, true)); });
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
  // the rest of the page after the browser has painted those. Three cover a phone's first screen (the first card
  // starts about 450-600 px down a 740 px screen); at 10,000 records (4x CPU throttle) three rather than six
  // took keypress -> rendered results p95 from 92-118 ms to 78-89 ms, five runs each (scripts/bench_finder.py).
  var FIRST = 3, rowCache = new Map(), drawGeneration = 0;
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
