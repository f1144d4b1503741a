/* The interactive map before Dash has booted, then Dash. The index page (dashboard/app/index_page.py)
 * puts the view's figure in #early-map and loads plotly.js, then this, right after the static first
 * screen; React, Dash's bundles and the renderer's start follow as scripts the browser does not run
 * (text/x-atlas-later) until this starts them. So plotly.js draws the map as soon as it could on a
 * bare page, in a layer laid exactly over the map's box, with nothing else competing for the
 * network or the processor; then this boots Dash (at once when there is no early map, or when
 * drawing it fails).
 *
 * The layer is a real plotly map: hover labels, and the zoom buttons and keys of
 * assets/dashboard_map.js once the live page is there. A click on a country is kept and given to
 * Dash (dash_clientside.set_props on the map's clickData, what a click on dcc.Graph does) once the
 * live map is drawn; then the layer hands over its zoom and goes. It is aria-hidden: the live
 * map's box carries the map's description, and nothing in the layer takes focus. */
(function () {
  "use strict";
  var BOOT_AFTER_MS = 4000; // boot Dash even if the early map has not drawn by then
  var booted = false;

  /* Dash's scripts in their order (typed text/x-atlas-later by the index page, so the browser left
   * them alone): external ones load in parallel but run in order (async = false); an inline one
   * runs once every external one before it has run. */
  function boot() {
    if (booted) { return; }
    // the held scripts come after this one in the page: wait until the parser has seen them
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", boot, { once: true });
      return;
    }
    booted = true;
    var queue = Array.prototype.slice.call(document.querySelectorAll('script[type="text/x-atlas-later"]'));
    var waiting = 0;
    function add(old) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (a) {
        if (a.name !== "type") { script.setAttribute(a.name, a.value); }
      });
      if (old.src) {
        script.async = false;
        waiting += 1;
        script.onload = script.onerror = function () { waiting -= 1; drain(); };
      } else {
        script.text = old.text;
      }
      old.parentNode.replaceChild(script, old);
    }
    function drain() {
      while (queue.length && (queue[0].src || waiting === 0)) { add(queue.shift()); }
    }
    drain();
  }

  var spec = document.getElementById("early-map");
  var first = document.querySelector(".first-screen");
  var box = first && first.querySelector('[data-id="map"]');
  var figure = null;
  try { figure = spec && JSON.parse(spec.textContent); } catch (e) { figure = null; }
  if (!figure || !box || !window.Plotly) { boot(); return; }
  var mapId = box.getAttribute("data-id"); // the static copy names the live map's id (ids.MAP)

  var layer = document.createElement("div");
  layer.className = "early-map";
  layer.setAttribute("aria-hidden", "true");
  var gd = document.createElement("div");
  gd.className = "early-map-graph";
  layer.appendChild(gd);
  var pending = null; // a click to give to Dash
  var moved = false; // zoomed or panned: the live map takes the same view

  function liveBox() { return document.querySelector("#react-entry-point #" + CSS.escape(mapId)); }

  function place(target) {
    var r = target.getBoundingClientRect();
    if (!r.width || !r.height) { return false; }
    var changed = layer.style.width !== r.width + "px" || layer.style.height !== r.height + "px";
    layer.style.left = r.left + window.scrollX + "px";
    layer.style.top = r.top + window.scrollY + "px";
    layer.style.width = r.width + "px";
    layer.style.height = r.height + "px";
    if (changed && gd._fullLayout && window.Plotly.Plots) { window.Plotly.Plots.resize(gd); }
    return true;
  }

  function handOver(live) {
    observer.disconnect();
    window.removeEventListener("resize", follow);
    var g = gd._fullLayout && gd._fullLayout.geo;
    if (moved && g && live) {
      window.Plotly.relayout(live, {
        "geo.projection.scale": g.projection.scale,
        "geo.center.lon": g.center.lon,
        "geo.center.lat": g.center.lat,
        dragmode: gd._fullLayout.dragmode,
      });
    }
    if (pending && window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props(mapId, { clickData: pending });
    }
    window.Plotly.purge(gd);
    layer.remove();
  }

  function follow() {
    var target = first.isConnected ? box : liveBox();
    if (target) { place(target); }
  }

  var observer = new MutationObserver(function () {
    var target = liveBox();
    var live = target && target.querySelector(".js-plotly-plot");
    if (live && live.querySelector(".choroplethlocation")) { handOver(live); return; }
    if (!first.isConnected) { follow(); }
  });

  if (!place(box)) { boot(); return; }
  document.body.appendChild(layer);
  window.addEventListener("resize", follow);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  window.setTimeout(boot, BOOT_AFTER_MS);
  if (window.performance && performance.mark) { performance.mark("atlas:early-map-start"); }
  window.Plotly.newPlot(gd, figure.data, figure.layout, figure.config).then(
    function () {
      if (window.performance && performance.mark) { performance.mark("atlas:early-map-drawn"); }
      gd.on("plotly_click", function (event) {
        var point = event && event.points && event.points[0];
        if (point) { pending = { points: [{ location: point.location, customdata: point.customdata }] }; }
      });
      gd.on("plotly_relayout", function () { moved = true; });
      boot();
    },
    boot
  );
})();
