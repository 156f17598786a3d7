  // ------------------------------------------------------------------------------------------ page
  // The finder's element, its controls, its strings and its settings. This part comes first: without the element
  // nothing else runs. (A part of finder.js: generator/finder/produce.py joins the parts in its order.)

  var root = document.getElementById('ccci-finder');
  if (!root) return;
  // The controls show with JavaScript (finder.css). The site's ccci.js sets this in the head already; a page
  // without it (the bare page of tests and benchmarks) gets it here.
  document.documentElement.classList.add('ccci-js');
  var S = JSON.parse(root.getAttribute('data-strings') || '{}');
  var STRINGS = S;  // (start() has its own S, a count: its handlers use this name)
  var $ = function (id) { return document.getElementById(id); };
  var el = {
    q: $('f-q'), near: $('f-near'), nearNote: $('f-near-note'), geo: $('f-geo'),
    need: $('f-need'), sub: $('f-sub'), region: $('f-region'), county: $('f-county'),
    who: $('f-who'), lang: $('f-lang'), free: $('f-free'), allday: $('f-allday'), walkin: $('f-walkin'),
    spanish: $('f-spanish'),
    more: $('f-more'), moreCount: $('f-more-count'), clear: $('f-clear'),
    share: $('f-share'), shareBox: $('f-share-box'), shareLink: $('f-share-link'), shareNote: $('f-share-note'),
    status: $('f-status'), results: $('f-results'), showing: $('f-showing'), moreResults: $('f-more-results')
  };
  var PAGE = 25;          // result rows drawn at a time
  var NEAR_KM = 50;       // a service that serves the whole place ranks like one this far away
  var FAR_KM = 100;       // local programs farther than this come after the statewide and national lines
  var RELEVANT = 0.25;    // organizations scoring less than this share of the best score are weaker matches
  var KM_PER_MILE = 1.609344;
  var FLAG = { free: 1, allday: 2, walkin: 4, spanish: 8 };  // docs.s[i].f (generator/finder/documents.py)
  var HANDOFF = 'ccci-find:';  // window.name prefix of a search handed over by the home page
  // Not `q`: Material's own search box opens itself when a page's URL has ?q=.
  var TEXT_PARAM = 'what';
  var SELECTS = ['need', 'sub', 'region', 'county', 'who', 'lang'];
  var CHECKS = ['free', 'allday', 'walkin', 'spanish'];

  function fmt(key, values) {
    return String(S[key] || '').replace(/\{(\w+)\}/g, function (m, k) {
      return values && values[k] !== undefined ? String(values[k]) : m;
    });
  }
