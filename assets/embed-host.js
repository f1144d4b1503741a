/* Harm Reduction Atlas: host-page helper for embedded maps (https://<atlas>/embed?...).
   Include once on a page that has Atlas iframes:
     <script src="https://<atlas>/assets/embed-host.js" defer></script>
   Each embed posts {type: "hra-embed-height", height} to its parent whenever its content height
   changes; this script sets that height on the iframe that sent it, so no scroll bar appears.
   Only iframes marked data-hra-embed are resized; no other message is acted on. */
(function () {
  "use strict";
  if (window.hraEmbedHost) { return; }
  window.hraEmbedHost = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "hra-embed-height" || typeof data.height !== "number") { return; }
    var frames = document.querySelectorAll("iframe[data-hra-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(150, Math.min(5000, Math.round(data.height))) + "px";
      }
    }
  });
})();
