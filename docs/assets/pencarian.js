// Katalog SOP: the search page. Pagefind's UI, started with the query and the instansi
// filter from the address (?q=...&instansi=...), so the header box and links can use it.
(function () {
  "use strict";
  if (!window.PagefindUI || !document.getElementById("pencarian")) return;
  var params = new URLSearchParams(window.location.search);
  var ui = new window.PagefindUI({
    element: "#pencarian",
    showSubResults: false,
    showImages: false,
    openFilters: ["instansi"],
    autofocus: !params.get("q"),
    translations: {
      placeholder: "Cari SOP",
      zero_results: "Tidak ada SOP yang cocok dengan [SEARCH_TERM]",
      filters_label: "Saring",
    },
  });
  var instansi = params.get("instansi");
  if (instansi) ui.triggerFilters({ instansi: [instansi] });
  var query = params.get("q");
  if (query) ui.triggerSearch(query);
})();
