/* Wide time grids open on today: the operational and executive timelines (their "Today" line, their lane
 * labels kept in sight as a sticky column) and the workload heat map (the column of the current week). Only the grid's own scroll box moves, never the page; a reader who
 * already scrolled it is left alone. A static file: the Content-Security-Policy forbids inline scripts.
 */
(function () {
  "use strict";

  // Puts `target` a quarter of the way into `box`, so the weeks just before today stay in sight.
  function reveal(box, target) {
    if (!box || !target || box.scrollLeft > 0 || box.scrollWidth <= box.clientWidth) return;
    var offset = target.getBoundingClientRect().left - box.getBoundingClientRect().left + box.scrollLeft;
    box.scrollLeft = Math.max(0, offset - box.clientWidth / 4);
  }

  // The week of the site's day (the page's data-today, Paris), not of the browser's clock: on Monday at
  // 00:30 in Paris a browser set to UTC is still on Sunday, and would open on the week before.
  function monday(today) {
    var d = new Date(today + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  }

  // The lane labels stay in sight however far the chart is scrolled: a sticky first column.
  function stick(box) {
    var labels = box.querySelector("g.tl-labels");
    if (labels) labels.setAttribute("transform", "translate(" + box.scrollLeft + " 0)");
  }

  function scrollToToday(root) {
    root.querySelectorAll(".timeline-scroll").forEach(function (box) {
      reveal(box, box.querySelector("g.tl-today line"));
      stick(box);
      if (!box.dataset.sticky) {
        box.dataset.sticky = "1";
        box.addEventListener("scroll", function () { stick(box); }, { passive: true });
      }
    });
    var today = document.body.dataset.today;
    if (!today) return;
    var week = monday(today);
    root.querySelectorAll(".workload-scroll").forEach(function (box) {
      reveal(box, box.querySelector('th[data-week="' + week + '"]'));
    });
  }

  document.addEventListener("DOMContentLoaded", function () { scrollToToday(document); });
  // The timeline is redrawn in place (filters, moves): a fresh chart opens on today again.
  document.addEventListener("htmx:afterSwap", function (event) { scrollToToday(event.target); });
})();
