/* Cell renderers and grid callbacks for the Atlas table (dash-ag-grid). Loaded from assets/: no
 * eval, CSP-safe (dash-ag-grid parses {"function": "..."} strings itself and calls these by name).
 * SourceLink: the cell holds a source number; the column's cellRendererParams.urls holds the
 * URLs once per view, so a table update sends each (long) URL once, not once per country. */
(function () {
  var funcs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});
  funcs.SourceLink = function (props) {
    var urls = (props.colDef.cellRendererParams || {}).urls || [];
    var url = urls[props.value];
    if (props.value === null || props.value === undefined || !url) return null;
    var labels = (props.colDef.cellRendererParams || {}).labels || [];
    var host = labels[props.value] || url.replace(/^https?:\/\/(www\.)?/, "").split("/")[0];
    return window.React.createElement(
      "a",
      { href: url, target: "_blank", rel: "noopener noreferrer", title: url },
      host
    );
  };

  /* leaveGrid: Tab and Shift+Tab leave the table (one Tab stop, as a WAI-ARIA grid) instead of
   * walking every cell of 200 rows; the arrow keys still move between cells. */
  var gridFuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
  gridFuncs.leaveGrid = function () {
    return false;
  };
})();

/* The table's bundle (dash-ag-grid, 1.3 MB of script and an 0.9 MB chunk) is not parsed before the
 * map: the page names it in data-grid-src (dashboard/app/index_page.py) instead of a <script>, and
 * this stands in for dash_ag_grid.AgGrid until it is needed. The stand-in keeps the grid's box (no
 * layout shift) and loads the real bundle when the table comes within two screens of the viewport,
 * when the page has been idle for a moment after load, or at once when focus or a click reaches
 * it. Then it renders the real AgGrid with the same props, so Dash's callbacks never notice. */
(function () {
  if (window.dash_ag_grid) return; // the bundle was loaded the usual way (no data-grid-src)
  var host = document.querySelector("[data-grid-src]");
  if (!host) return;
  var src = host.getAttribute("data-grid-src");
  var React = window.React;
  var loading = null;
  var Real = null;
  var LOADING = { en: "Loading the table…" };

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () {
          Real = window.dash_ag_grid && window.dash_ag_grid.AgGrid;
          // the rest of the real namespace, but AgGrid stays the stand-in (which now renders the
          // real grid), so React keeps one component in the table's place
          window.dash_ag_grid = Object.assign({}, window.dash_ag_grid, { AgGrid: LazyAgGrid });
          if (Real) resolve(Real);
          else reject(new Error("dash_ag_grid did not load"));
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function whenIdle(callback) {
    var start = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 1500 });
      else setTimeout(callback, 1000);
    };
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
  }

  function LazyAgGrid(props) {
    var state = React.useState(function () {
      return Real;
    });
    var Component = state[0];
    var setComponent = state[1];
    var box = React.useRef(null);
    var focused = React.useRef(false);
    React.useEffect(
      function () {
        if (!Component || !focused.current) return;
        // focus was on the stand-in: hand it to the grid's first header cell once it is there
        var tries = 0;
        var hand = function () {
          var cell = document.querySelector("#" + CSS.escape(props.id) + " .ag-header-cell[tabindex]");
          if (cell) cell.focus();
          // the grid may still be laying out: try again next frame until the cell has focus
          if ((!cell || document.activeElement !== cell) && tries++ < 180) window.requestAnimationFrame(hand);
        };
        hand();
      },
      [Component]
    );
    React.useEffect(
      function () {
        if (Component) return undefined;
        var live = true;
        var go = function () {
          load().then(function (real) {
            if (!live) return;
            focused.current = !!box.current && document.activeElement === box.current;
            setComponent(function () {
              return real;
            });
          });
        };
        var seen = new IntersectionObserver(
          function (entries) {
            if (entries.some(function (e) { return e.isIntersecting; })) go();
          },
          { rootMargin: "200% 0px" }
        );
        if (box.current) seen.observe(box.current);
        whenIdle(go);
        return function () {
          live = false;
          seen.disconnect();
        };
      },
      [Component]
    );
    if (Component) return React.createElement(Component, props);
    var lang = document.documentElement.lang || "en";
    var text = (props.dashGridOptions && props.dashGridOptions.localeText || {}).loadingOoo || LOADING.en;
    return React.createElement(
      "div",
      {
        ref: box,
        id: props.id,
        className: (props.className || "") + " grid-pending",
        style: props.style,
        tabIndex: 0,
        lang: lang,
        "aria-busy": "true",
        onFocus: function () {
          load();
        },
        onPointerDown: function () { load(); },
      },
      text
    );
  }

  window.dash_ag_grid = { AgGrid: LazyAgGrid };
})();

