// Keyboard comfort on every page (a static file: the CSP forbids inline scripts).
// - Esc in an in-place editor cancels it, like its Cancel link, and the focus returns to the cell.
// - After an in-place save, the focus returns to the saved cell (or to the first field in error).
// - After a full-page save, the focus lands on the success message, or on the row the address points to.
(() => {
  let returnTo = null; // selector of the element to focus once the row is swapped back

  const focusable = (element) => {
    if (!element) return false;
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) element.tabIndex = -1;
    element.focus();
    return document.activeElement === element;
  };

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    const form = event.target.closest && event.target.closest("form[data-return-focus]");
    if (!form) return;
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

  const onLoad = () => {
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
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onLoad);
  else onLoad();
})();
