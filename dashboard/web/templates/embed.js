/* Harm Reduction Atlas embed page: draw the map from the JSON blocks, then tell the host page
   (if any) how tall the page is: {type: "hra-embed-height", height}. See docs/api.md. */
(function () {
  "use strict";
  function read(id) { return JSON.parse(document.getElementById(id).textContent); }
  var fig = read("hra-figure");
  var config = read("hra-config");
  var node = document.getElementById("hra-map");
  var lastHeight = 0;

  function postHeight() {
    if (window.parent === window) { return; }
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      window.parent.postMessage({ type: "hra-embed-height", height: height }, "*");
    }
  }

  window.Plotly.newPlot(node, fig.data, fig.layout, config).then(function () {
    node.setAttribute("data-drawn", "true");
    postHeight();
  });
  if (window.ResizeObserver) { new ResizeObserver(postHeight).observe(document.body); }
  window.addEventListener("resize", postHeight);
  window.addEventListener("load", postHeight);
})();
