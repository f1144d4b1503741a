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
