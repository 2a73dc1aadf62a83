// On paper a folded section cannot be opened: a closed <details> marked data-print-open, whose content is the
// page's (the weeks over the pressure ceiling, a review's activities), prints open and folds again after
// printing. The others (the advisor's "What it takes", filters, advanced fields) print as they are shown.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details[data-print-open]:not([open])").forEach(function (section) {
      section.open = true;
      opened.push(section);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.splice(0).forEach(function (section) { section.open = false; });
  });
})();
