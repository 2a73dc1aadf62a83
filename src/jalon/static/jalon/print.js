// On paper a folded section cannot be opened: the page's closed <details> that hold its content (the weeks
// over the pressure ceiling, a review's activities) print open, and fold again after printing. A section that
// holds a form (filters, "add a line", advanced fields) stays as it is: print.css leaves forms off paper.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("main details:not([open])").forEach(function (section) {
      if (section.querySelector("form, input, select, textarea, button")) return;
      section.open = true;
      opened.push(section);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.splice(0).forEach(function (section) { section.open = false; });
  });
})();
