// Katalog SOP: the search page. Pagefind's UI, started with the query and the instansi
// filter from the address (?q=...&instansi=...), so the header box and links can use it.
(function () {
  "use strict";
  if (!window.PagefindUI || !document.getElementById("pencarian")) return;
  var params = new URLSearchParams(window.location.search);
  var instansi = params.get("instansi");
  // On a phone an open filter list would push the first result below the screen: it starts
  // closed there, unless the address chose an instansi (then the reader sees the choice).
  var openFilter = instansi || window.matchMedia("(min-width: 60em)").matches;
  var root = document.getElementById("pencarian");
  if (!openFilter) {
    // Pagefind opens a single short filter list by itself: close it once, when it appears.
    var observer = new MutationObserver(function () {
      var list = root.querySelector("details.pagefind-ui__filter-block");
      if (!list) return;
      list.open = false;
      observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true });
  }
  var ui = new window.PagefindUI({
    element: "#pencarian",
    showSubResults: false,
    showImages: false,
    openFilters: openFilter ? ["instansi"] : [],
    autofocus: !params.get("q"),
    // Each result's details in one fixed order, shown on one line (katalog.css).
    processResult: function (result) {
      var meta = result.meta || {};
      var ordered = {title: meta.title};
      ["instansi", "nomor", "status"].forEach(function (key) {
        if (meta[key]) ordered[key] = meta[key];
      });
      result.meta = ordered;
      return result;
    },
    translations: {
      placeholder: "Cari SOP",
      zero_results: "Tidak ada SOP yang cocok dengan [SEARCH_TERM]",
      filters_label: "Saring",
    },
  });
  if (instansi) ui.triggerFilters({ instansi: [instansi] });
  var query = params.get("q");
  if (query) ui.triggerSearch(query);
})();
