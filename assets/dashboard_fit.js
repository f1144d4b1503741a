/* First screen: the map takes the height the header, settings and cards leave in the window, so
 * the whole map and its legend are visible without scrolling on a laptop or a projector (the CSS
 * sets a close fallback, --map-h, before this runs). Phones keep the CSS height: there the map
 * starts on the first screen and the page scrolls on to the legend. Runs before plotly.js draws
 * (the layout is mounted first), and again when something above the map changes height. */
(function () {
  "use strict";
  var MIN = 280, MAX = 680, GAP = 10, DESKTOP = 900;

  function fit() {
    var layout = document.getElementById("map-layout");
    if (!layout) { return; }
    if (window.innerWidth <= DESKTOP) { layout.style.removeProperty("--map-h"); return; }
    var top = layout.getBoundingClientRect().top + window.scrollY;
    var height = Math.max(MIN, Math.min(MAX, Math.floor(window.innerHeight - top - GAP)));
    layout.style.setProperty("--map-h", height + "px");
  }

  var watched = false;
  function watch() {
    var layout = document.getElementById("map-layout");
    if (!layout || watched) { return !!layout; }
    watched = true;
    fit();
    if (window.ResizeObserver) {
      var above = new ResizeObserver(fit);
      ["site-header", "control-bar", "cards", "analysis-tabs", "toolbar"].forEach(function (name) {
        var el = document.querySelector("." + name);
        if (el) { above.observe(el); }
      });
      var notes = document.getElementById("view-notes");
      if (notes) { above.observe(notes); }
    }
    return true;
  }

  window.addEventListener("resize", fit);
  var observer = new MutationObserver(function () { if (watch()) { observer.disconnect(); } });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
