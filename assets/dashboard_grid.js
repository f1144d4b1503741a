/* Cell renderers for the Atlas table (dash-ag-grid). Loaded from assets/: no eval, CSP-safe.
 * SourceLink: the cell holds a source number; the column's cellRendererParams.urls holds the
 * URLs once per view, so a table update sends each (long) URL once, not once per country. */
(function () {
  var funcs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});
  funcs.SourceLink = function (props) {
    var urls = (props.colDef.cellRendererParams || {}).urls || [];
    var url = urls[props.value];
    if (props.value === null || props.value === undefined || !url) return null;
    var host = url.replace(/^https?:\/\/(www\.)?/, "").split("/")[0];
    return window.React.createElement(
      "a",
      { href: url, target: "_blank", rel: "noopener noreferrer", title: url },
      host
    );
  };
})();
