  // ------------------------------------------------------------------------------------------ places
  // Places: city, county and ZIP look-up, distances, spelling slips; the twin of generator/finder/rank.py. (A part
  // of finder.js: generator/finder/produce.py joins the parts in its order.)

  var places, countyByName = Object.create(null);  // find/places.json once fetched; county name -> docs.json number

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
