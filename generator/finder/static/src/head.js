/* The finder (/find/): search, filters and "near me", all on this device. No network beyond the three data
 * files of this site, no storage, no cookies. The search lives in this page's memory only: no word, filter,
 * place or point is ever written to the URL, the title, history.state (Chromium saves it to disk with the
 * tab) or the form state the browser keeps (the controls sit in a <form autocomplete="off">). With a real
 * back-forward cache, Back from a program page shows the search again; a reload starts afresh.
 * A link that arrives with a search (?what=...&near=...) still works, and the query leaves the address bar
 * at once (history.replaceState). "Copy a link to this search" makes such a link only when asked, and says
 * that it holds the search.
 * Search logic mirrors generator/finder/text.py and index.py (fold, queryTerms, searchText); tests compare the
 * two (tests/test_finder_parity.py, under Node). Data shapes: see generator/finder/documents.py. Text from the
 * data is only ever set with textContent.
 * Built by generator/finder/produce.py from static/src/*.js, joined in a fixed order inside one function. */
