// The finder's scorer, places and distances under Node, for tests/test_finder_parity.py (no browser, no DOM).
//
//   node finder_parity.js <static/src dir> <find dir> <input.json>   ->   JSON on stdout
//
// It runs the parts of finder.js that need no page (text.js, score.js, places.js from static/src, the same bytes
// produce.py joins into finder.js) inside one function, like finder.js does, on the shipped find/lunr.js,
// find/index.json, find/docs.json and find/places.json. input.json: {"queries": [text], "near": [text],
// "pairs": [[lat1, lon1, lat2, lon2]], "terms": [[folded term, [synonym group]]]}. Output: {"search": [[[service,
// score, matched, direct]]], "places": [[table, entry] or null], "km": [km], "fold": [folded],
// "terms": [[[document, score]]] (the scorer's, in the order documents were first reached)}.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [srcDir, findDir, inputPath] = process.argv.slice(2);
const lunr = require(path.resolve(findDir, 'lunr.js'));  // the shipped file (UMD: module.exports = lunr)
const read = (name) => fs.readFileSync(path.join(findDir, name), 'utf8');
const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));

const parts = ['text', 'score', 'places'].map((n) => fs.readFileSync(path.join(srcDir, n + '.js'), 'utf8'));
const source = '(function (lunr, window, docsData, placesData, indexData) {\n  \'use strict\';\n' + parts.join('\n') +
  `
  docs = docsData;
  places = placesData;
  docs.t.k.forEach(function (k, i) { countyByName[k[0]] = i; });
  lunr.Pipeline.registerFunction(foldToken, 'ccciFold');
  searchArrays();
  scorer = new Scorer(indexData, docs.s.length, docs.o.length);
  return { searchSorted: searchSorted, findPlace: findPlace, haversineKm: haversineKm, fold: fold,
           termScores: function (term, groups) {
             var r = scorer.termScores(term, groups), out = [];
             for (var n = 0; n < r.n; n++) out.push([r.docs[n], r.scores[n]]);
             return out;
           } };
})`;
const finder = vm.runInThisContext(source, { filename: 'finder-parts.js' })(
  lunr, { lunr: lunr }, JSON.parse(read('docs.json')), JSON.parse(read('places.json')), JSON.parse(read('index.json')));

process.stdout.write(JSON.stringify({
  search: input.queries.map((q) => finder.searchSorted(q)),
  places: input.near.map((t) => finder.findPlace(t)),
  km: input.pairs.map((p) => finder.haversineKm(p[0], p[1], p[2], p[3])),
  fold: input.queries.map((q) => finder.fold(q)),
  terms: (input.terms || []).map(([t, groups]) => finder.termScores(t, groups)),
}));
