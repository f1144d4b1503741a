/* Keyboard paths the dashboard's components do not give by themselves (CSP-safe: a plain asset).
 * - Enter or Space on a table cell opens that country's panel, as a click on the row does.
 * - When a person opens the panel (row, map, country box), focus moves to the panel's heading
 *   (tabindex=-1), so keyboard and screen-reader users land on what opened; a panel opened by the
 *   URL on load leaves focus alone.
 * - The panel's close button, or Escape, closes it and returns focus to what opened it.
 * - Escape closes an open Download / Embed / Cite menu (native <details>) and focuses its summary. */
(function () {
  "use strict";
  var opener = null; // the element a person used to open the panel
  var waiting = 0; // interval that waits for the panel to show the new country

  function panel() { return document.getElementById("country-panel"); }
  function heading() { return document.getElementById("panel-heading"); }
  function isOpen() { var p = panel(); return !!p && !p.hidden; }

  function focusPanelWhenShown() {
    var before = isOpen() && heading() ? heading().textContent : null;
    var tries = 0;
    clearInterval(waiting);
    waiting = setInterval(function () {
      var h = heading();
      if (isOpen() && h && h.textContent !== before) {
        clearInterval(waiting);
        h.focus();
      } else if (++tries > 50) {
        clearInterval(waiting);
      }
    }, 100);
  }

  function returnFocus() {
    var target = opener && document.body.contains(opener) ? opener : document.getElementById("control-country");
    opener = null;
    if (target) { target.focus(); }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target.closest && target.closest(".atlas-grid .ag-cell")) {
      event.preventDefault();
      target.click(); // ag-grid's cellClicked, and the click listener below: the mouse's path
      return;
    }
    if (event.key !== "Escape") { return; }
    var menu = target.closest && target.closest("details.share-menu[open]");
    menu = menu || document.querySelector("details.share-menu[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
      event.preventDefault();
      return;
    }
    if (isOpen() && !/^(INPUT|TEXTAREA)$/.test(target.tagName)) {
      document.getElementById("country-panel-close").click();
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) { return; }
    if (target.closest("#country-panel-close")) {
      returnFocus();
    } else if (target.closest(".atlas-grid .ag-cell")) {
      opener = target.closest(".ag-cell");
      focusPanelWhenShown();
    } else if (target.closest("#map")) {
      opener = document.getElementById("control-country");
      focusPanelWhenShown();
    }
  }, true);
})();
