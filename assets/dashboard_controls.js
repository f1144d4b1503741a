/* The map settings (native <select>s with data-param) write the URL here, in the browser: no round
 * trip before the view's one render request. A change pushes the new query to history and tells
 * Dash's dcc.Location (the event dcc.Link sends), whose search drives every view callback.
 * Back and forward set the selects from the URL again. Values follow the server's reading of a
 * query (dashboard/core/state.py): the first non-empty value of a repeated parameter wins (the
 * server notes the repeat; a change here keeps only that first value), a value equal to the
 * default is left out, and comparing an edition with itself is not offered. */
(function () {
  "use strict";
  var NONE = "none";

  function selects() { return document.querySelectorAll("select[data-param]"); }

  // The first non-empty value of a parameter, trimmed ("" when there is none), as the server reads it.
  function first(params, name) {
    var given = params.getAll(name).map(function (v) { return v.trim(); });
    return given.find(function (v) { return v !== ""; }) || "";
  }

  function valueOf(param) {
    var el = document.querySelector('select[data-param="' + param + '"]');
    return el ? el.value : null;
  }

  function markCompare() {
    var edition = valueOf("edition");
    var compare = document.querySelector('select[data-param="compare"]');
    if (!compare) { return; }
    Array.prototype.forEach.call(compare.options, function (o) { o.disabled = o.value === edition; });
    if (compare.value === edition) { compare.value = NONE; }
  }

  function navigate(params) {
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    history.pushState(null, "", url);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  }

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches("select[data-param]")) { return; }
    var params = new URLSearchParams(location.search);
    var param = el.dataset.param;
    Array.prototype.forEach.call(selects(), function (s) { // a repeated parameter: keep the value used
      var name = s.dataset.param, used = first(params, name);
      if (params.getAll(name).length > 1) { params.delete(name); if (used) { params.set(name, used); } }
    });
    params.delete(param);
    if (el.value !== el.dataset["default"]) { params.set(param, el.value); }
    markCompare();
    var edition = first(params, "edition") || document.querySelector('select[data-param="edition"]').dataset["default"];
    var compare = first(params, "compare");
    if (compare === edition || compare === NONE) { params.delete("compare"); }
    navigate(params);
  });

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(selects(), function (el) {
      var wanted = first(params, el.dataset.param).toLowerCase();
      var match = Array.prototype.find.call(el.options, function (o) { return o.value.toLowerCase() === wanted; });
      el.value = match ? match.value : el.dataset["default"];
    });
    markCompare();
  }
  window.addEventListener("popstate", fromUrl);
})();

/* Copy link: the page's address is the whole view. The button says "Link copied" for a moment
 * (its data-done, in the page's language), announced by its live region. The tab's title follows
 * the map's title, so a tab, a bookmark and history name the view. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#copy-link");
    if (!button) { return; }
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    function done() {
      button.textContent = button.dataset.done || label;
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(location.href).then(done, function () { window.prompt("", location.href); });
    } else {
      window.prompt("", location.href);
    }
  });

  var site = null;
  function retitle() {
    var heading = document.getElementById("map-title");
    if (!heading || !heading.textContent) { return; }
    if (site === null) {
      var parts = document.title.split(" – ");
      site = parts[parts.length - 1];
    }
    var title = heading.textContent + " – " + site;
    if (document.title !== title) { document.title = title; }
  }
  new MutationObserver(retitle).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
