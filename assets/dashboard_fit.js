/* First screen: the map takes the height the header, settings and cards leave in the window, so
 * the whole map and its legend are visible without scrolling on a laptop or a projector (the CSS
 * sets a close fallback, --map-h, before this runs). Phones keep the CSS height: there the compact
 * layout of assets/style.css puts the map and the legend under it on the first screen.
 *
 * The index page runs this right after its static first screen (dashboard/app/index_page.py), so
 * that copy's map box has its height before the first paint; Dash loads it again with the other
 * assets (the second run does nothing). It fits every map layout on the page as it appears (the
 * static copy, then the live page), and again when something above the map changes height. */
(function () {
  "use strict";
  if (window.__atlasFit) { return; }
  window.__atlasFit = true;
  var MIN = 280, MAX = 680, GAP = 10, DESKTOP = 900;
  var ABOVE = ["site-header", "control-bar", "cards", "analysis-tabs", "toolbar", "notes"];

  function fit(layout) {
    if (!layout.isConnected) { return; }
    if (window.innerWidth <= DESKTOP) { layout.style.removeProperty("--map-h"); return; }
    var top = layout.getBoundingClientRect().top + window.scrollY;
    var height = Math.max(MIN, Math.min(MAX, Math.floor(window.innerHeight - top - GAP)));
    layout.style.setProperty("--map-h", height + "px");
  }

  /* On a phone the cards are one row that scrolls sideways: the card of the layer shown is
   * scrolled into that row's view (physical offsets, so right to left works too). */
  function showCard(page) {
    var row = page.querySelector(".cards");
    var shown = row ? row.querySelectorAll(".card.is-shown") : [];
    if (!row || shown.length !== 1 || row.scrollWidth <= row.clientWidth) { return; }
    var box = row.getBoundingClientRect(), card = shown[0].getBoundingClientRect();
    var rtl = getComputedStyle(row).direction === "rtl";
    if (card.left >= box.left && card.right <= box.right) { return; }
    row.scrollBy({ left: rtl ? card.right - box.right : card.left - box.left });
  }
  var cardWatch = window.MutationObserver ? new MutationObserver(function (changes) {
    changes.forEach(function (c) {
      var page = c.target.closest && c.target.closest(".page");
      if (page && c.target.classList.contains("is-shown")) { showCard(page); }
    });
  }) : null;

  var layouts = [];
  function fitAll() { layouts.forEach(fit); }
  var above = window.ResizeObserver ? new ResizeObserver(fitAll) : null;

  function watch() {
    var live = false;
    document.querySelectorAll(".map-layout").forEach(function (layout) {
      live = live || !!layout.closest("#react-entry-point");
      if (layouts.indexOf(layout) >= 0) { return; }
      layouts = layouts.filter(function (l) { return l.isConnected; }).concat([layout]);
      fit(layout);
      var page = layout.closest(".page") || document;
      showCard(page);
      var row = page.querySelector(".cards");
      if (cardWatch && row) { cardWatch.observe(row, { attributes: true, attributeFilter: ["class"], subtree: true }); }
      if (above) {
        ABOVE.forEach(function (name) {
          var el = page.querySelector("." + name);
          if (el) { above.observe(el); }
        });
      }
    });
    return live;
  }

  window.addEventListener("resize", fitAll);
  if (!watch()) {
    var observer = new MutationObserver(function () { if (watch()) { observer.disconnect(); } });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  }
})();
