/* Drag and keys on the operational timeline: a thin layer over the SVG the server draws.
 *
 * A move goes to the same service as the form without JavaScript (POST to the activity's move address,
 * through htmx). The server answers with the refreshed chart, or with the dependencies the move would break
 * and a "Move anyway" button, or with a conflict (409). Nothing here knows the rules; it only previews.
 *
 * Keys on a focused bar: Left/Right move it by a day (Shift: a week); [ and ] or Alt+Left/Right change its
 * end; Up/Down go to the previous/next bar; Enter saves; Escape cancels.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var drag = null;
  var focusKey = null;

  function parse(day) {
    var p = day.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }
  function shift(day, days) {
    return new Date(parse(day) + days * DAY_MS).toISOString().slice(0, 10);
  }
  function daysBetween(a, b) {
    return Math.round((parse(b) - parse(a)) / DAY_MS);
  }
  function later(a, b) {
    return a > b ? a : b;
  }
  function earlier(a, b) {
    return a < b ? a : b;
  }
  // A day (YYYY-MM-DD) written as the page writes dates: with the Django format and month names the chart
  // carries (data-date-format, data-months), so 31 Dec 2026 on an English page, 31/12/2026 on a French one
  // (the browser's own "en" would write 12/31/2026). Letters it does not know are written as they are.
  function local(chart, day) {
    var pattern = chart.dataset.dateFormat;
    if (!pattern) return day;
    var parts = day.split("-");
    var months = (chart.dataset.months || "").split("|");
    var text = "";
    for (var i = 0; i < pattern.length; i++) {
      var letter = pattern.charAt(i);
      if (letter === "\\") {
        text += pattern.charAt(++i);
      } else if (letter === "d") {
        text += parts[2];
      } else if (letter === "j") {
        text += String(+parts[2]);
      } else if (letter === "m") {
        text += parts[1];
      } else if (letter === "n") {
        text += String(+parts[1]);
      } else if (letter === "Y") {
        text += parts[0];
      } else if (letter === "y") {
        text += parts[0].slice(2);
      } else if ("bEFMN".indexOf(letter) >= 0) {
        text += months[+parts[1] - 1] || parts[1];
      } else {
        text += letter;
      }
    }
    return text;
  }

  function chartOf(element) {
    return element && element.closest ? element.closest(".timeline-chart[data-move-url]") : null;
  }
  function barOf(element) {
    var bar = element && element.closest ? element.closest("g.tl-bar") : null;
    return bar && chartOf(bar) ? bar : null;
  }
  function announce(text) {
    var live = document.getElementById("timeline-live");
    if (live) live.textContent = text;
  }
  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  // Every drawn copy of the activity (it appears in the lane of each objective it serves).
  function copies(bar) {
    return bar.ownerSVGElement.querySelectorAll('g.tl-bar[data-key="' + CSS.escape(bar.dataset.key) + '"]');
  }
  function pendingDates(bar) {
    return [bar.dataset.newStart || bar.dataset.start, bar.dataset.newEnd || bar.dataset.end];
  }
  function changed(bar) {
    var dates = pendingDates(bar);
    return dates[0] !== bar.dataset.start || dates[1] !== bar.dataset.end;
  }

  // Show the bar at other dates without asking the server: shift and stretch its shapes by whole days.
  function preview(bar, start, end) {
    var perDay = parseFloat(bar.ownerSVGElement.dataset.pxPerDay);
    var startShift = daysBetween(bar.dataset.start, start) * perDay;
    var endShift = daysBetween(bar.dataset.end, end) * perDay;
    copies(bar).forEach(function (group) {
      group.querySelectorAll(".tl-body, .tl-hatch, .tl-text").forEach(function (shape) {
        if (shape.dataset.x0 === undefined) {
          shape.dataset.x0 = shape.getAttribute("x");
          shape.dataset.w0 = shape.getAttribute("width") || "";
        }
        var x0 = parseFloat(shape.dataset.x0);
        if (shape.classList.contains("tl-body") || shape.classList.contains("tl-hatch")) {
          shape.setAttribute("x", x0 + startShift);
          shape.setAttribute("width", Math.max(parseFloat(shape.dataset.w0) + endShift - startShift, perDay));
        } else {
          shape.setAttribute("x", x0 + startShift);
        }
      });
      group.classList.toggle("pending", start !== bar.dataset.start || end !== bar.dataset.end);
    });
    bar.dataset.newStart = start;
    bar.dataset.newEnd = end;
  }

  function revert(bar) {
    preview(bar, bar.dataset.start, bar.dataset.end);
    delete bar.dataset.newStart;
    delete bar.dataset.newEnd;
  }

  function save(bar) {
    var chart = chartOf(bar);
    var dates = pendingDates(bar);
    var url = chart.dataset.moveUrl.replace("__key__", encodeURIComponent(bar.dataset.key)) + window.location.search;
    bar.dataset.saving = "1";
    focusKey = bar.dataset.key;
    announce(chart.dataset.msgSaving);
    htmx.ajax("POST", url, {
      source: chart,
      target: "#timeline-chart",
      swap: "outerHTML",
      values: {start: dates[0], end: dates[1], version: bar.dataset.version},
      headers: {"X-CSRFToken": csrfToken()},
    });
  }

  // Which part of a bar the pointer is on: within a few pixels of an edge, that edge; else the middle.
  function edgeAt(bar, clientX) {
    var box = bar.querySelector(".tl-body").getBoundingClientRect();
    var grip = Math.min(8, box.width / 3);
    if (clientX - box.left < grip) return "start";
    if (box.right - clientX < grip) return "end";
    return "move";
  }

  // Pointer: drag the middle to move, an edge to change the start or the end; snaps to whole days.
  document.addEventListener("pointerdown", function (event) {
    var bar = barOf(event.target);
    if (!bar || event.button !== 0) return;
    var svg = bar.ownerSVGElement;
    var matrix = svg.getScreenCTM();
    drag = {
      bar: bar,
      edge: edgeAt(bar, event.clientX),
      x: event.clientX,
      scale: matrix ? matrix.a : 1,
      perDay: parseFloat(svg.dataset.pxPerDay),
    };
    bar.classList.add("dragging");
    var primary = bar.hasAttribute("tabindex") ? bar : svg.querySelector('g.tl-bar[tabindex][data-key="' + CSS.escape(bar.dataset.key) + '"]');
    if (primary) primary.focus({preventScroll: true});
    event.preventDefault();
  });

  // Tooltips: an interactive bar carries its words in aria-label; show them on hover too.
  document.addEventListener("pointerover", function (event) {
    var bar = barOf(event.target);
    if (!bar || bar.querySelector("title")) return;
    var primary = bar.getAttribute("aria-label") ? bar : bar.ownerSVGElement.querySelector(
      'g.tl-bar[aria-label][data-key="' + CSS.escape(bar.dataset.key) + '"]');
    if (!primary) return;
    var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = primary.getAttribute("aria-label");
    bar.insertBefore(title, bar.firstChild);
  });

  document.addEventListener("pointermove", function (event) {
    if (!drag) {
      var hovered = barOf(event.target);
      if (hovered) hovered.style.cursor = edgeAt(hovered, event.clientX) === "move" ? "grab" : "ew-resize";
      return;
    }
    var days = Math.round((event.clientX - drag.x) / drag.scale / drag.perDay);
    var start = drag.bar.dataset.start;
    var end = drag.bar.dataset.end;
    if (drag.edge === "start") {
      start = earlier(shift(start, days), end);
    } else if (drag.edge === "end") {
      end = later(shift(end, days), start);
    } else {
      start = shift(start, days);
      end = shift(end, days);
    }
    preview(drag.bar, start, end);
  });

  function drop(cancelled) {
    if (!drag) return;
    var bar = drag.bar;
    drag = null;
    bar.classList.remove("dragging");
    if (!cancelled && changed(bar)) {
      save(bar);
    } else {
      revert(bar);
    }
  }
  document.addEventListener("pointerup", function () { drop(false); });
  document.addEventListener("pointercancel", function () { drop(true); });

  // Keyboard: the same moves, previewed and announced; Enter saves.
  document.addEventListener("keydown", function (event) {
    var bar = barOf(event.target);
    if (!bar || bar !== event.target) return;
    var chart = chartOf(bar);
    var dates = pendingDates(bar);
    var start = dates[0];
    var end = dates[1];
    var step = event.shiftKey ? 7 : 1;
    var key = event.key;
    var horizontal = key === "ArrowLeft" || key === "ArrowRight";
    if (horizontal && !event.altKey) {
      var days = key === "ArrowLeft" ? -step : step;
      start = shift(start, days);
      end = shift(end, days);
    } else if ("[]{}".indexOf(key) >= 0 || (horizontal && event.altKey)) {
      var delta = key === "[" || key === "{" || key === "ArrowLeft" ? -step : step;
      end = later(shift(end, delta), start);
    } else if (key === "Enter" || key === " ") {
      event.preventDefault();
      if (changed(bar)) save(bar);
      return;
    } else if (key === "Escape") {
      if (changed(bar)) {
        revert(bar);
        announce(chart.dataset.msgCancelled);
      }
      return;
    } else if (key === "ArrowUp" || key === "ArrowDown") {
      var bars = Array.prototype.slice.call(chart.querySelectorAll("g.tl-bar[tabindex]"));
      var next = bars[bars.indexOf(bar) + (key === "ArrowUp" ? -1 : 1)];
      if (next) next.focus();
      event.preventDefault();
      return;
    } else {
      return;
    }
    event.preventDefault();
    preview(bar, start, end);
    announce(chart.dataset.msgPreview.replace("{start}", local(chart, start)).replace("{end}", local(chart, end)));
  });

  // Leaving a bar with an unsaved keyboard move puts it back where it was.
  document.addEventListener("focusout", function (event) {
    var bar = barOf(event.target);
    if (bar && bar === event.target && !drag && !bar.dataset.saving && changed(bar)) {
      revert(bar);
      announce(chartOf(bar).dataset.msgCancelled);
    }
  });

  // After the server's answer: focus the confirmation, or the moved bar again so keys keep working.
  document.addEventListener("htmx:afterSettle", function () {
    var chart = document.getElementById("timeline-chart");
    if (!chart) return;
    var confirm = chart.querySelector(".timeline-confirm button");
    if (confirm) {
      confirm.focus();
      return;
    }
    if (focusKey) {
      var bar = chart.querySelector('g.tl-bar[tabindex][data-key="' + CSS.escape(focusKey) + '"]');
      if (bar) bar.focus({preventScroll: true});
      focusKey = null;
    }
  });

  // A refused request (403, 500, network; refused.js says why): nothing was saved, so nothing should look moved.
  function putBack() {
    document.querySelectorAll(".timeline-chart g.tl-bar[data-saving]").forEach(function (bar) {
      delete bar.dataset.saving;
      revert(bar);
    });
  }
  document.addEventListener("htmx:responseError", putBack);
  document.addEventListener("jalon:refused", putBack);
})();
