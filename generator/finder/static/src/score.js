  // ------------------------------------------------------------------------------------------ score
  // The scorer over the finder's index, and the search; the twin of generator/finder/index.py. (A part of
  // finder.js: generator/finder/produce.py joins the parts in its order.)

  var scorer;  // a Scorer once the index has come

  // generator/finder/index.py: Scorer. lunr's score of one query term, computed straight from the finder's own
  // index format (generator/finder/index.py: compact_index): sorted terms, and per term its documents (as steps)
  // and integer weights, written as one string (generator/finder/postings.py). Same pipeline (lunr.Pipeline.load:
  // ccciFold + stemmer), same weights. A term's postings are decoded the first time a query needs them: at
  // 10,000 records the index holds over a million, and a search touches a few terms.
  var INDEX_FORMAT = 'ccci-finder-index-2';
  var POSTING_DIGIT = new Int8Array(128).fill(-1);
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach(function (ch, i) {
    POSTING_DIGIT[ch.charCodeAt(0)] = i;
  });
  function Scorer(data, services, organizations) {
    if (data.format !== INDEX_FORMAT) throw new Error('not a finder index');
    if (data.services !== services || data.organizations !== organizations) throw new Error('index and docs differ');
    this.services = services;
    this.size = services + organizations;
    this.terms = data.t;
    var nTerms = data.t.length, termIndex = new Map(), t;
    for (t = 0; t < nTerms; t++) termIndex.set(data.t[t], t);
    this.termIndex = termIndex;
    this.pipeline = lunr.Pipeline.load(data.pipeline);
    this.scale = data.scale;
    this.encoded = data.p;
    this.decoded = new Array(nTerms);
    this.acc = new Float64Array(this.size); this.seen = new Uint8Array(this.size);
  }
  // {docs, weights} of term t (its number in the sorted terms), decoded once.
  Scorer.prototype.termPostings = function (t) {
    var done = this.decoded[t];
    if (done) return done;
    var text = this.encoded[t], n = 0, k, c;
    for (k = 0; k < text.length; k++) if (POSTING_DIGIT[text.charCodeAt(k)] < 32) n++;
    var docs = new Int32Array(n >> 1), weights = new Float64Array(n >> 1), scale = this.scale;
    var value = 0, shift = 0, i = 0, doc = 0;
    for (k = 0; k < text.length; k++) {
      c = text.charCodeAt(k);
      var digit = c < 128 ? POSTING_DIGIT[c] : -1;
      if (digit < 0) throw new Error('not a finder index');
      value |= (digit & 31) << shift;  // (documents and weights stay far below 2^30)
      if (digit & 32) { shift += 5; continue; }
      if (i & 1) weights[i >> 1] = value / scale;
      else { doc += value; docs[i >> 1] = doc; }
      i++; value = 0; shift = 0;
    }
    if (shift || (i & 1)) throw new Error('not a finder index');
    done = this.decoded[t] = { docs: docs, weights: weights };
    return done;
  };
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
    var hitDocs = this.hitDocs, hitScores = this.hitScores;
    if (!q.ids.length) return { docs: hitDocs, scores: hitScores, n: 0 };
    var norm = 0;
    for (k = 0; k < q.boosts.length; k++) norm += q.boosts[k] * q.boosts[k];
    norm = Math.sqrt(norm);
    for (k = 0; k < q.ids.length; k++) {
      var posting = this.termPostings(q.ids[k]), boost = q.boosts[k], docsOf = posting.docs, weights = posting.weights;
      for (var p = 0; p < docsOf.length; p++) {
        var d = docsOf[p];
        if (!seen[d]) { seen[d] = 1; acc[d] = 0; hitDocs[n++] = d; }
        acc[d] += boost * weights[p];
      }
    }
    for (k = 0; k < n; k++) { hitScores[k] = acc[hitDocs[k]] / norm; seen[hitDocs[k]] = 0; }
    return { docs: hitDocs, scores: hitScores, n: n };
  };

  function six(x) { return Math.floor(x * 1e6 + 0.5) / 1e6; }

  // generator/finder/index.py: Searcher.term_hits + Searcher.search, over typed arrays (no objects per hit): for
  // each term, every service its own text matches gets its score plus its organization's; the other
  // services of a matching organization get the organization's score. Then the services that match the most
  // terms, among those `keep` lets through. (The services of one organization are numbered in a row.)
  var svcOrg, orgFirst, orgScoreTmp, orgHitTmp, termMark, termGen = 0;
  // The arrays searchText works in, sized for the result documents (start() makes them).
  function searchArrays() {
    var S = docs.s.length, O = docs.o.length;
    orgScoreTmp = new Float64Array(O); orgHitTmp = new Uint8Array(O); termMark = new Int32Array(S);
    totScore = new Float64Array(S); totCount = new Uint8Array(S); totDirect = new Uint8Array(S);
    touched = new Int32Array(S); svcOrg = new Int32Array(S); orgFirst = new Int32Array(O + 1);
    docs.s.forEach(function (s, i) { svcOrg[i] = s.o; });
    for (var o = 0, i = 0; o <= O; o++) { while (i < S && svcOrg[i] < o) i++; orgFirst[o] = i; }
  }
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

  // The same, as sorted [[service, score, matched, direct]] (tests compare it with generator/finder/index.py).
  function searchSorted(text) {
    var r = searchText(text), hits = r.ids.map(function (i, k) { return [i, r.scores[k], r.best, r.direct[k]]; });
    return hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }
