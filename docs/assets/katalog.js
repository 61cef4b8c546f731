// Katalog SOP: the "Cetak" button, swimlane diagrams fitted to the printed page, and
// scrolling tables that a keyboard can reach.
// A static file (no inline script), loaded on every page through extra_javascript.
(function () {
  "use strict";

  // Settings for Mermaid whichever loader starts it: Material calls mermaid.initialize()
  // with its own options (theme), so ours are merged into every call. The loader allows
  // 1000 steps and 1 MB files; Mermaid's defaults (500 edges, 50,000 characters) would show
  // an error instead of such a diagram. securityLevel is Mermaid's default, made explicit.
  var MERMAID_SETTINGS = { securityLevel: "strict", maxEdges: 20000, maxTextSize: 10000000 };
  if (!("mermaid" in window)) {
    // mermaid.min.js ends with `globalThis["mermaid"] = ...`: catch that assignment.
    Object.defineProperty(window, "mermaid", {
      configurable: true,
      enumerable: true,
      get: function () { return undefined; },
      set: function (library) {
        var initialize = library.initialize;
        library.initialize = function (config) {
          return initialize.call(library, Object.assign({}, config, MERMAID_SETTINGS));
        };
        Object.defineProperty(window, "mermaid", {
          value: library, writable: true, configurable: true, enumerable: true,
        });
      },
    });
  }

  // Printable height of the diagram on an A4 landscape page (katalog.css: @page sop),
  // less room for the heading, in CSS pixels (96 per inch).
  var PRINTABLE_HEIGHT_PX = (210 - 12 - 20 - 16) * 96 / 25.4;

  // Material replaces each <pre class="mermaid"> with a rendered <div class="mermaid">.
  function diagramsPending() {
    return document.querySelectorAll(".sop-diagram pre.mermaid").length > 0;
  }

  function whenDiagramsReady(timeoutMs) {
    return new Promise(function (resolve) {
      var started = Date.now();
      (function poll() {
        if (!diagramsPending() || Date.now() - started > timeoutMs) return resolve();
        setTimeout(poll, 100);
      })();
    });
  }

  // Scale each diagram so that it fits one printed page: width is free (the SVG follows its
  // container's width), so the container is narrowed until the height fits.
  function fitDiagrams() {
    document.querySelectorAll(".sop-diagram div.mermaid").forEach(function (host) {
      host.style.maxWidth = "";
      var box = host.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) {
        host.dataset.rasio = String(box.width / box.height);
      }
      var ratio = parseFloat(host.dataset.rasio || "0");
      if (ratio > 0) {
        host.style.maxWidth = Math.floor(PRINTABLE_HEIGHT_PX * ratio) + "px";
      }
    });
  }

  function unfitDiagrams() {
    document.querySelectorAll(".sop-diagram div.mermaid").forEach(function (host) {
      host.style.maxWidth = "";
    });
  }

  // Material's scroll box around a Markdown table (the benchmark tables, on a phone) and a
  // wide code example (katalog.css): where it scrolls, a keyboard can reach it, and a
  // screen reader names the table's.
  function focusableScrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre").forEach(function (box) {
      var names = box.tagName === "PRE" ? ["tabindex"] : ["tabindex", "role", "aria-label"];
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
        if (names.length > 1) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "Tabel (dapat digeser ke samping)");
        }
      } else {
        names.forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  // After Material has wrapped the tables (it does so once the document has loaded).
  window.addEventListener("load", focusableScrollBoxes);
  window.addEventListener("resize", focusableScrollBoxes);

  window.addEventListener("beforeprint", fitDiagrams);
  window.addEventListener("afterprint", unfitDiagrams);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-katalog-cetak]");
    if (!button) return;
    button.disabled = true;
    whenDiagramsReady(15000).then(function () {
      button.disabled = false;
      window.print();
    });
  });
})();
