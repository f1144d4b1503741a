/* The map settings (native <select>s with data-param) write the URL here, in the browser: no round
 * trip before the view's one render request. A change pushes the new query to history and tells
 * Dash's dcc.Location (the event dcc.Link sends), whose search drives every view callback.
 * Back and forward set the selects from the URL again. Values follow the server's reading of a
 * query: the first of a repeated parameter wins (URLSearchParams.get, as Flask's args.get), a value
 * equal to the default is left out, and comparing an edition with itself is not offered. */
(function () {
  "use strict";
  var NONE = "none";

  function selects() { return document.querySelectorAll("select[data-param]"); }

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
    params.delete(param); // every copy of a repeated parameter
    if (el.value !== el.dataset["default"]) { params.set(param, el.value); }
    markCompare();
    var edition = params.get("edition") || document.querySelector('select[data-param="edition"]').dataset["default"];
    if (params.get("compare") === edition || params.get("compare") === NONE) { params.delete("compare"); }
    navigate(params);
  });

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(selects(), function (el) {
      var wanted = (params.get(el.dataset.param) || "").trim().toLowerCase();
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
