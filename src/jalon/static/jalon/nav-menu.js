// The roadmap's tabs, folded on a phone (jalon.css: 40rem at most) under a button that names the page
// (planning/_nav.html): a disclosure. Without this script the button stays hidden and every tab is in sight.
// - Enter or Space on the button (a real <button>) opens and closes the tabs; aria-expanded says which.
// - Esc on the button or in the open tabs closes them and puts the focus back on the button.
// Wider than a phone the button is not drawn (display: none) and the tabs are all there, open or not.
(() => {
  const toggles = document.querySelectorAll(".roadmap-nav > .nav-toggle[aria-controls]");
  const shown = (element) => element.checkVisibility ? element.checkVisibility() : element.offsetParent !== null;

  toggles.forEach((toggle) => {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    });
    toggle.parentElement.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (toggle.getAttribute("aria-expanded") !== "true" || !shown(toggle)) return;
      event.preventDefault();
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });
  });
})();
