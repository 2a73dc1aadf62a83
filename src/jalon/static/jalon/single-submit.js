// A form is sent once. A second click on its button, or Enter pressed again, while the first request is
// still on its way would send it a second time: the server then made the item, then refused the second
// copy (the page shown was that refusal, "this identifier is taken", over an item that did exist), or
// queued the same background job twice. A full-page form that posts is held from its first submission
// until the next page replaces this one; "pageshow" lets it go again when the browser brings this page
// back from its cache (Back). A form htmx sends is not held here: htmx has stopped its submit event
// (defaultPrevented), and the form's own hx-sync="this:drop" drops a second request while one is on its way.
(function () {
  "use strict";

  function method(event, form) {
    var button = event.submitter;
    var chosen = button && button.hasAttribute("formmethod") ? button.getAttribute("formmethod") : form.method;
    return String(chosen || "get").toLowerCase();
  }

  function target(event, form) {
    var button = event.submitter;
    return (button && button.getAttribute("formtarget")) || form.getAttribute("target") || "_self";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || method(event, form) !== "post") return;
    if (target(event, form) !== "_self") return;  // another window: this page stays and may send again
    if (form.dataset.sending === "true") {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) return;  // htmx's forms, or a script that sends the form itself
    form.dataset.sending = "true";
    form.setAttribute("aria-busy", "true");
  });

  // htmx sends the CSRF token base.html wrote on <body> when the page was made; logging in again in
  // another tab gives the browser a new one, and every in-place save of this tab was refused as expired.
  // The cookie (readable by design: CSRF_COOKIE_HTTPONLY is False) always holds the current token.
  // The form's own hidden token, which Django reads before the header, is brought up to date too.
  document.addEventListener("htmx:configRequest", function (event) {
    var found = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (!found) return;
    var token = decodeURIComponent(found[1]), detail = event.detail;
    detail.headers["X-CSRFToken"] = token;
    if (detail.parameters.csrfmiddlewaretoken !== undefined) detail.parameters.csrfmiddlewaretoken = token;
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
    });
  });
})();
