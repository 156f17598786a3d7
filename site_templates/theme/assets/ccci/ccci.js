/* CCCI directory: loaded in <head> on every page (the site loads no Material JavaScript: main.html).
 *
 * 1. Material's storage helpers (__md_get / __md_set), which the theme normally defines inline and which
 *    read and write localStorage and sessionStorage, are replaced by versions that store nothing.
 * 2. Exit this page, after GOV.UK's pattern: the "Exit this page" button (a plain link with target="_top"
 *    that works without JavaScript), or pressing Shift three times within 5 seconds, blanks the page and
 *    replaces it in the history with a neutral site. Inside a frame it takes the whole tab away
 *    (window.top), and the page hides its content there (another site must not show it). It does not
 *    erase earlier history; the "Browsing more safely" page says so.
 */
(function () {
  "use strict";

  // ---- 1. Nothing is ever stored -------------------------------------------------------------------
  var me = document.currentScript;
  window.__md_scope = new URL("../../", me ? me.src : location.href);
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (h, ch) { return ((h << 5) - h + ch.charCodeAt(0)) | 0; }, 0);
  };
  window.__md_get = function () { return null; };
  window.__md_set = function () {};

  // ---- 2. Quick exit -------------------------------------------------------------------------------
  var FALLBACK = "about:blank";
  var PRESSES = 3;
  var WINDOW_MS = 5000;

  var leavingTo = null;

  function exitLink() { return document.getElementById("ccci-exit"); }

  // The words come from the exit link's data- attributes, in the page's language (partials/header.html).
  function words(name, english) {
    var link = exitLink();
    var text = link && link.getAttribute("data-" + name);
    return text || english;
  }

  function say(text) {
    var status = document.getElementById("ccci-exit-status");
    if (status) status.textContent = text;
  }

  function exitNow(event) {
    if (event) event.preventDefault();
    if (leavingTo !== null) return;  // already leaving (pointer and click of one tap)
    var link = exitLink();
    var url = leavingTo = link ? link.href : FALLBACK;
    try {
      document.title = words("loading", "Loading");
      document.documentElement.classList.add("ccci-exiting");
      if (document.body) document.body.textContent = "";
    } catch (e) { /* leave anyway */ }
    leave(url);
  }

  // The whole tab goes, even when another site shows this page in a frame. A browser lets a framed page
  // move its top window after a tap or a key press; if it refuses (a sandboxed frame), this frame leaves.
  function leave(url) {
    if (framed) {
      try { window.top.location.replace(url); return; } catch (e) { /* fall through: leave the frame */ }
    }
    window.location.replace(url);
  }

  // Not inside another site's frame.
  // Hosts that can send headers refuse framing (hosting/: frame-ancestors 'none', X-Frame-Options: DENY);
  // where they cannot (GitHub Pages), the page hides its content inside a frame and offers the real page.
  var framed = false;
  try { framed = window.top !== window.self; } catch (e) { framed = true; }
  if (framed) {
    document.documentElement.classList.add("ccci-framed");
    document.addEventListener("DOMContentLoaded", function () {
      var own = document.getElementById("ccci-framed-link");
      if (own) own.href = window.location.href;
    });
  }

  function onExit(target) { return !!(target && target.closest && target.closest("#ccci-exit")); }

  document.addEventListener("click", function (event) {
    if (onExit(event.target) && event.button === 0 && !event.metaKey && !event.ctrlKey) exitNow(event);
  });

  // A press that starts on the exit leaves when it ends, wherever the exit is by then: pressing it moves focus,
  // and an open menu or search that closes on that could move the page under the finger before the click.
  // (A finger that scrolls instead ends in pointercancel.)
  var pressed = false;
  document.addEventListener("pointerdown", function (event) {
    pressed = event.isPrimary && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey &&
      onExit(event.target);
  }, true);
  document.addEventListener("pointercancel", function () { pressed = false; }, true);
  document.addEventListener("pointerup", function (event) {
    if (pressed) { pressed = false; exitNow(event); }
  }, true);

  // Shift x3: count Shift key releases that are not part of a typed capital letter (GOV.UK's rule).
  var count = 0;
  var timer = null;
  var lastWasModified = false;

  function dots(n) {
    var link = exitLink();
    if (!link) return;
    var spans = link.querySelectorAll(".ccci-exit__dots span");
    for (var i = 0; i < spans.length; i++) spans[i].classList.toggle("ccci-on", i < n);
    link.classList.toggle("ccci-counting", n > 0);
  }

  function reset() {
    count = 0;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    dots(0);
  }

  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastWasModified) {
      count += 1;
      dots(count);
      if (count >= PRESSES) {
        say(words("activated", "Exit this page activated"));
        reset();
        exitNow(null);
        return;
      }
      var left = PRESSES - count;
      say(left === 1 ? words("more-one", "Shift, press 1 more time to exit.")
        : words("more-many", "Shift, press {n} more times to exit.").replace("{n}", String(left)));
      if (timer === null) {
        timer = setTimeout(function () { reset(); say(words("expired", "Exit this page expired.")); }, WINDOW_MS);
      }
    } else if (timer !== null) {
      reset();
    }
    lastWasModified = event.shiftKey;
  }, true);

  // A page restored from the back-forward cache after an exit must not show its content again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.documentElement.classList.contains("ccci-exiting")) {
      window.location.replace(leavingTo || FALLBACK);
    }
  });

  document.documentElement.classList.add("ccci-js");
  // The finder's first results are drawn at build time; when a search comes with the page (a link with a query,
  // or the home page's hand-over in window.name: generator/finder/static/src/main.js), they are not its results
  // and wait hidden until finder.js draws its own (generator/finder/static/finder.css). Nothing is read here
  // but whether there is a search.
  if (location.search || (typeof window.name === "string" && window.name.indexOf("ccci-find:") === 0)) {
    document.documentElement.classList.add("ccci-asked");
  }
})();

/* CCCI directory, keyboard (issue 12):
 * 3. No single-key shortcuts (WCAG 2.1.4): Material moves to the next or previous page on n . p , and opens
 *    search on s f /. Those keys are stopped before Material's handler (on window) sees them.
 * 4. The menu and the phone search open from real buttons (partials/header.html); Escape closes them and
 *    focus goes back to the button; focus moving out of an open menu or search closes it, so nothing open
 *    covers the focused element.
 * 5. Names for the safety banner (Material writes its <aside> without one).
 * 6. Tables that scroll sideways can be scrolled by keyboard.
 */
(function () {
  "use strict";

  // ---- 3. No single-key shortcuts ----------------------------------------------------------------
  var SHORTCUTS = { n: 1, p: 1, s: 1, f: 1, "/": 1, ".": 1, ",": 1 };
  document.addEventListener("keydown", function (event) {
    if (SHORTCUTS[event.key] && !event.ctrlKey && !event.metaKey && !event.altKey) event.stopPropagation();
  });

  // ---- 4. Menu and search buttons ------------------------------------------------------------------
  function toggle(id) { return document.getElementById(id); }

  function setOpen(input, open) {
    if (!input || input.checked === open) return;
    input.checked = open;
    input.dispatchEvent(new Event("change"));  // Material follows its toggles through this event
  }

  function firstFocusable(root) {
    var all = root ? root.querySelectorAll("a[href], button, input, [tabindex='0']") : [];
    for (var i = 0; i < all.length; i++) {
      if (all[i].getClientRects().length && getComputedStyle(all[i]).visibility === "visible") return all[i];
    }
    return null;
  }

  function wire(buttonClass, inputId, panelSelector, focusInside) {
    var button = document.querySelector("." + buttonClass);
    var input = toggle(inputId);
    var panel = document.querySelector(panelSelector);
    if (!button || !input || !panel) return;
    function sync() { button.setAttribute("aria-expanded", input.checked ? "true" : "false"); }
    input.addEventListener("change", sync);
    sync();
    button.addEventListener("click", function () {
      setOpen(input, !input.checked);
      if (input.checked) {
        var target = focusInside();
        if (target) target.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.checked && panel.contains(document.activeElement)) {
        setOpen(input, false);
        if (button.getClientRects().length) button.focus();
      }
    });
    // Tab out of the open panel: it closes (else it would cover the element that now has focus).
    panel.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (input.checked && next && !panel.contains(next) && next !== button && next !== input) setOpen(input, false);
    });
  }

  function start() {
    wire("ccci-menu-button", "__drawer", ".md-sidebar--primary", function () {
      return firstFocusable(document.getElementById("ccci-menu"));
    });
    wire("ccci-search-button", "__search", ".md-search", function () {
      return document.querySelector(".md-search__input");
    });
    // On a wide screen the search box is always there: once focus leaves it, its results close.
    var search = document.querySelector(".md-search"), input = toggle("__search");
    if (search && input) {
      search.addEventListener("focusout", function (event) {
        var next = event.relatedTarget;
        if (input.checked && next && !search.contains(next)) setOpen(input, false);
      });
    }
    // In the open menu (small screens), Material's section labels and the "back" titles of its sub-panels
    // are labels the keyboard cannot reach: while it is open they get a Tab stop and the role of a button
    // (Material clicks a focused label on Enter), so every panel can be opened and left by keyboard.
    var drawer = toggle("__drawer"), menu = document.getElementById("ccci-menu");
    if (drawer && menu) {
      drawer.addEventListener("change", function () {
        var labels = menu.querySelectorAll("label.md-nav__link[for^='__nav'], label.md-nav__title[for^='__nav']");
        for (var i = 0; i < labels.length; i++) {
          var label = labels[i];
          if (drawer.checked && !label.hasAttribute("tabindex")) {
            label.setAttribute("tabindex", "0");
            label.setAttribute("role", "button");
            label.setAttribute("data-ccci-tab", "");
          } else if (!drawer.checked && label.hasAttribute("data-ccci-tab")) {
            label.removeAttribute("tabindex");
            label.removeAttribute("role");
            label.removeAttribute("data-ccci-tab");
          }
        }
      });
      // Focus follows: into a sub-panel that opens (its "back" title), back to its section when it closes.
      menu.addEventListener("click", function (event) {
        var label = event.target.closest ? event.target.closest("label[for^='__nav']") : null;
        if (!label || !drawer.checked) return;
        var id = label.getAttribute("for");
        setTimeout(function () {  // once the label has switched its checkbox
          var box = document.getElementById(id), target = null;
          if (!box) return;
          if (box.checked) target = box.parentNode.querySelector("nav > label.md-nav__title");
          else target = document.getElementById(id + "_label");
          if (target && target !== document.activeElement) target.focus();
        }, 0);
      });
    }
    // ---- 5. Landmark names ----
    var banner = document.querySelector(".md-banner");
    if (banner && !banner.hasAttribute("aria-label")) banner.setAttribute("aria-label", "Safety");
  }

  // ---- 6. Wide tables: Material wraps them in a box that scrolls sideways; Tab reaches the box when it
  // scrolls (then the arrow keys scroll it), and it is named after the heading above it.
  function tableBoxes() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth <= box.clientWidth + 1 || box.hasAttribute("tabindex")) continue;
      var heading = box.previousElementSibling;
      while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table" + (heading ? ": " + heading.textContent.trim() : ""));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("load", tableBoxes);
  window.addEventListener("resize", function () { requestAnimationFrame(tableBoxes); });
})();

// The home page's search (issue 10). The site's Content-Security-Policy has form-action 'none' (no form is ever
// sent), so the form is shown only when this script runs, and it opens the finder as a plain link
// (find/?what=...&near=...; the finder reads it and drops it from the address bar at once). Without JavaScript
// the need shortcuts under it are links that work alone.
(function () {
  "use strict";
  function start() {
  var form = document.querySelector("form.ccci-home-search");
  if (!form || !window.URLSearchParams) return;
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var query = new URLSearchParams();
    ["what", "near"].forEach(function (name) {
      var value = String(form.elements[name].value || "").trim().slice(0, 200);
      if (value) query.set(name, value);
    });
    go(new URL(form.getAttribute("action"), location.href).href, query);
  });
  // A need shortcut is an ordinary link without JavaScript; with it, its need is handed over the same way.
  Array.prototype.forEach.call(document.querySelectorAll(".ccci-home-needs a[href*='?']"), function (a) {
    a.addEventListener("click", function (e) {
      if (e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;  // a new tab gets the plain link
      e.preventDefault();
      var url = new URL(a.href);
      go(url.origin + url.pathname, url.searchParams);
    });
  });
  // The search goes to the finder in window.name, never in the address: Chromium writes an address (query and
  // all) to History before the finder could drop it. The finder reads window.name once and clears it.
  function go(href, query) {
    window.name = "ccci-find:" + query.toString();
    location.href = href;
  }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
