  // ------------------------------------------------------------------------------------------ text
  // Words: fold, query terms, fillers, stems, synonym groups; the twin of generator/finder/text.py. (A part of
  // finder.js: generator/finder/produce.py joins the parts in its order.)

  var docs;  // the result documents (find/docs.json), set by start()

  var MARKS = /\p{M}/gu, TRIM_START = /^[^\p{L}\p{N}]+/u, TRIM_END = /[^\p{L}\p{N}]+$/u;
  // generator/finder/text.py: fold
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
  // generator/finder/text.py: query_terms
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

  // generator/finder/text.py: without_fillers. "help", "ayuda", "need"... are left out when other words remain; a
  // phrase that held one still gives its synonym group to its other words.
  function withoutFillers(terms, groups) {
    var filler = (docs && docs.w && docs.w[1]) || [], keep = [];
    terms.forEach(function (t, i) { if (filler.indexOf(t) < 0) keep.push(i); });
    if (!keep.length || keep.length === terms.length) return { terms: terms, groups: groups };
    return { terms: keep.map(function (i) { return terms[i]; }), groups: keep.map(function (i) { return groups[i]; }) };
  }

  var PREFIX_MIN = 3, PREFIX_BOOST = 0.5, STEM_PREFIX_MIN = 5, STEM_SLACK = 3;
  var SYNONYM_TOKEN = '0zq';

  // generator/finder/index.py: stem_prefixes. Stemming the other way: indexed words that begin the query's stem
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

  function stem(term) { return lunr.stemmer(new lunr.Token(term)).toString(); }

  // generator/finder/text.py: query_groups
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
