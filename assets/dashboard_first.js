/* The first screen (static HTML of the page, dashboard/app/index_page.py) goes as soon as React has
 * rendered the live page under it: in the same task, before the next paint, so the two are never
 * seen apart. The map's first picture stays under plotly's drawing until the countries are drawn,
 * then .is-drawn hides it (assets/first_screen.css). */
(function () {
  "use strict";
  var first = document.querySelector(".first-screen");
  var entry = document.getElementById("react-entry-point");

  function drawn() {
    var wrap = document.getElementById("map-wrap");
    if (wrap && !wrap.classList.contains("is-drawn") && wrap.querySelector(".choroplethlocation")) {
      wrap.classList.add("is-drawn");
    }
    return !!(wrap && wrap.classList.contains("is-drawn"));
  }

  var observer = new MutationObserver(function () {
    if (first && entry && entry.querySelector(".map-layout, main")) {
      first.remove();
      first = null;
    }
    if (!first && drawn()) { observer.disconnect(); }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
