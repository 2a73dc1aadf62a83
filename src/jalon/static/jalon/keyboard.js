// Keyboard comfort on every page (a static file: the CSP forbids inline scripts).
// - The skip link lands on the page's main heading, which a screen reader reads out (without this script, on <main>).
// - Esc closes the open disclosure (<details>) the focus is in and gives the focus back to its summary.
// - Esc in an in-place editor cancels it, like its Cancel link, and the focus returns to the cell.
// - After an in-place save, the focus returns to the saved cell (or to the first field in error).
// - A form refused with errors: the focus lands on the first field in error, or else on what says why
//   ([data-refused]: a form's errors of no field, an upload's problems).
// - After a full-page save, the focus lands on the success message, or on the row the address points to.
// - A table's scroll box that is wider than the window (a long word someone typed, many columns) takes the focus,
//   so the keyboard can scroll it; the table's caption or the heading above names it.
// - A job's progress panel, polled each second, takes the poll's words into its heading and its status only when
//   they changed: the status (a live region) is read out when the job says something new, not every second.
(() => {
  let returnTo = null; // selector of the element to focus once the row is swapped back

  const focusable = (element) => {
    if (!element) return false;
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) element.tabIndex = -1;
    element.focus();
    return document.activeElement === element;
  };

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.skip-link[href='#main']");
    const heading = link && document.querySelector("main h1");
    if (!heading) return;
    event.preventDefault();
    if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
    heading.focus();
  });

  const closeDisclosure = (event) => {
    const details = event.target.closest && event.target.closest("details[open]");
    const summary = details && details.querySelector(":scope > summary");
    if (!summary) return;
    event.preventDefault();
    details.open = false;
    summary.focus();
  };

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    const form = event.target.closest && event.target.closest("form[data-return-focus]");
    if (!form) {
      closeDisclosure(event);
      return;
    }
    const cancel = form.querySelector("[data-cancel]");
    if (!cancel) return;
    event.preventDefault();
    returnTo = form.dataset.returnFocus;
    cancel.click(); // htmx swaps the row back; without htmx the link reloads the page at the row
  });

  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt.closest && event.detail.elt.closest("form[data-return-focus]");
    if (form) returnTo = form.dataset.returnFocus;
  });

  document.addEventListener("htmx:afterSettle", () => {
    if (!returnTo) return;
    const selector = returnTo;
    returnTo = null;
    const invalid = document.querySelector("form[data-return-focus] [aria-invalid='true'], form[data-return-focus] .error");
    if (invalid) {
      const field = invalid.matches("input, select, textarea") ? invalid
        : invalid.closest(".field") && invalid.closest(".field").querySelector("input, select, textarea");
      if (focusable(field)) return;
    }
    focusable(document.querySelector(selector));
  });

  // Any other swap that took the focus away — the focused element swapped out (a section of an activity's
  // page) or disabled while its request ran (the optimiser's and scheduler's buttons): the
  // focus goes to the first field in error in the new content, to the element of the same id when it was
  // swapped with it, or else to the new content's heading (the optimiser's result), never to <body>.
  let held = null; // the element that had the focus when a request left from it
  let swappedAway = null; // the swap's target, when it held the focus
  let swappedFocus = null; // the element inside it that had the focus then (the person may have moved on
  // since the request left: Tab from a changed field to the SMART coach's button, the change re-coaching)
  document.addEventListener("htmx:beforeRequest", () => {
    const active = document.activeElement;
    held = active && active !== document.body ? active : null;
  });
  document.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target, active = document.activeElement;
    swappedAway = target && active && active !== document.body && target.contains(active) ? target : null;
    swappedFocus = swappedAway ? active : null;
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    const old = event.detail.target, replaced = swappedAway === old, lost = replaced || held !== null;
    const before = replaced ? swappedFocus : null; // re-rendered in the new content, or else left for the result
    swappedAway = null;
    swappedFocus = null;
    held = null;
    if (!old || !lost) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const fresh = old.isConnected ? old : old.id && document.getElementById(old.id);
    if (!fresh) return;
    const invalid = fresh.querySelector("[aria-invalid='true']") || fresh.querySelector("[data-refused]");
    if (invalid && focusable(invalid)) return;
    const same = before && before.id && document.getElementById(before.id);
    if (same && !same.disabled && focusable(same)) return;
    const heading = fresh.matches("h1, h2, h3") ? fresh : fresh.querySelector("h1, h2, h3");
    focusable(heading || fresh);
  });

  document.addEventListener("htmx:oobBeforeSwap", (event) => {
    const {target, fragment} = event.detail;
    if (!target.closest(".job-progress") || !fragment) return;
    if (fragment.textContent.trim() === target.textContent.trim()) event.detail.shouldSwap = false;
  });

  const onLoad = () => {
    // A form that came back refused: its first field in error takes the focus, which reads out its error
    // (aria-describedby), before any field the page would focus on its own.
    const invalid = document.querySelector("main [aria-invalid='true']");
    if (invalid && focusable(invalid)) return;
    // Refused for a reason of no field (a file's problems, a form's own error): the focus lands on what
    // says why, so that it is read out, not on the page's top.
    const refused = document.querySelector("main [data-refused]");
    if (refused && focusable(refused)) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    if (document.querySelector("[autofocus]")) return; // the page chose its first stop
    const message = document.querySelector(".messages");
    if (message) {
      focusable(message);
      return;
    }
    if (location.hash.length > 1) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      const cell = target && target.querySelector("[data-cell]");
      focusable(cell || target);
    }
  };
  const reachScrollBoxes = () => {
    for (const box of document.querySelectorAll(":is(.table-scroll, .table-wrap):not([tabindex]), :is(.table-scroll, .table-wrap)[data-scroll-focus]")) {
      if (box.scrollWidth <= box.clientWidth) {
        if (box.hasAttribute("data-scroll-focus")) ["tabindex", "role", "aria-label", "data-scroll-focus"].forEach((a) => box.removeAttribute(a));
        continue;
      }
      if (box.hasAttribute("data-scroll-focus")) continue;
      box.setAttribute("data-scroll-focus", "");
      box.tabIndex = 0;
      const name = scrollBoxName(box);
      if (name) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
      }
    }
  };
  // A scroll box is named as its table is: its caption, its own label, or else the heading just before the box
  // or the legend of the fieldset around it — words of the page, so in its language.
  const scrollBoxName = (box) => {
    const table = box.querySelector("table");
    const labelledBy = table && table.getAttribute("aria-labelledby");
    let heading = box.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    const fieldset = box.closest("fieldset");
    const text = (e) => (e ? e.textContent : "");
    const names = [text(box.querySelector("caption")), text(labelledBy && document.getElementById(labelledBy)),
      (table && table.getAttribute("aria-label")) || "", text(heading), text(fieldset && fieldset.querySelector(":scope > legend"))];
    return (names.find((name) => name.trim()) || "").replace(/\s+/g, " ").trim();
  };
  const ready = () => {
    onLoad();
    reachScrollBoxes();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  window.addEventListener("resize", reachScrollBoxes);
  document.addEventListener("htmx:afterSettle", reachScrollBoxes);
})();
