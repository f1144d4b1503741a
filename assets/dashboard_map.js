/* Zoom and pan for the dashboard map, by buttons and keys; the page never scroll-zooms (a wheel or
 * a swipe over the map still scrolls the page). + and − zoom about the centre, ⟲ resets; with focus
 * on one of these buttons, the arrow keys pan and + / − / 0 zoom. A zoomed-in map can be dragged.
 * The zoom survives a view change of the same region (plotly keeps the geo's projection state
 * when the figure keeps uirevision); reset goes back to the figure's own view. */
(function () {
  "use strict";
  var STEP = 1.6, MAX = 40, PAN = 0.15;

  /* The early map (assets/dashboard_early.js) while it is shown, then the live one. */
  function graph() {
    return document.querySelector(".early-map .js-plotly-plot") || document.querySelector("#map .js-plotly-plot");
  }

  function geo(gd) { return (gd && gd._fullLayout && gd._fullLayout.geo) || null; }

  function zoom(factor) {
    var gd = graph(), g = geo(gd);
    if (!g || !window.Plotly) { return; }
    var scale = Math.min(MAX, Math.max(0.8, (g.projection.scale || 1) * factor));
    window.Plotly.relayout(gd, { "geo.projection.scale": scale, dragmode: scale > 1.01 ? "pan" : false });
  }

  function pan(dx, dy) {
    var gd = graph(), g = geo(gd);
    if (!g || !window.Plotly) { return; }
    var scale = g.projection.scale || 1;
    var lon = g.center.lon + (dx * 360 * PAN) / scale;
    var lat = Math.max(-80, Math.min(85, g.center.lat + (dy * 170 * PAN) / scale));
    window.Plotly.relayout(gd, { "geo.center.lon": lon, "geo.center.lat": lat });
  }

  function reset() {
    var gd = graph();
    if (!gd || !window.Plotly || !gd.layout) { return; }
    var initial = gd.__atlasInitialGeo;
    var update = { dragmode: false };
    if (initial) {
      update["geo.projection.scale"] = initial.scale;
      update["geo.center.lon"] = initial.lon;
      update["geo.center.lat"] = initial.lat;
    }
    window.Plotly.relayout(gd, update);
  }

  function remember() {
    var gd = graph(), g = geo(gd);
    if (g && !gd.__atlasInitialGeo) {
      gd.__atlasInitialGeo = { scale: g.projection.scale, lon: g.center.lon, lat: g.center.lat };
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".zoom-controls button");
    if (!button) { return; }
    remember();
    if (button.id === "map-zoom-in") { zoom(STEP); }
    else if (button.id === "map-zoom-out") { zoom(1 / STEP); }
    else { reset(); }
  });

  document.addEventListener("keydown", function (event) {
    var frame = event.target.closest && event.target.closest(".zoom-controls");
    if (!frame || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var keys = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    remember();
    if (keys[event.key]) { pan(keys[event.key][0], keys[event.key][1]); }
    else if (event.key === "+" || event.key === "=") { zoom(STEP); }
    else if (event.key === "-" || event.key === "_") { zoom(1 / STEP); }
    else if (event.key === "0") { reset(); }
    else { return; }
    event.preventDefault();
  });

  /* A new figure (another view) starts from its own projection: forget the remembered one. */
  var observer = new MutationObserver(function () {
    var gd = graph();
    if (gd && !gd.__atlasWatched && gd.on) {
      gd.__atlasWatched = true;
      gd.on("plotly_react", function () { gd.__atlasInitialGeo = null; });
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
