/* An htmx request answered with an error that the page does not swap in (base.html's htmx-config swaps a
   form's errors, 422, a stale edit, 409, and a busy database, 503): a save that reached an item deleted
   meanwhile (410, 404), a change refused (403: a role, an archived roadmap), a file too big (413), a lost
   session… The answer is a page in the reader's language; its heading and first paragraph are said on top
   of this page, in the #request-refused alert, so the refusal is never silent; the request then counts as
   answered (no htmx error logged: the refusal is Jalon's on purpose), and "jalon:refused" tells the page's
   own scripts (timeline.js puts a moved bar back). Without words in the answer (a server error, a network
   failure), the alert's own translated words are said. */
(function () {
  "use strict";

  function said(answer) {
    if (!answer) return "";
    var page = new DOMParser().parseFromString(answer, "text/html");  // inert: nothing in it runs
    var main = page.querySelector("main") || page.body;
    if (!main) return "";
    var heading = main.querySelector("h1");
    var first = main.querySelector("h1 ~ p") || main.querySelector("p");
    return [heading, first].filter(Boolean).map(function (node) {
      return node.textContent.replace(/\s+/g, " ").trim();
    }).filter(Boolean).join(" — ");
  }

  function show(words) {
    var box = document.getElementById("request-refused");
    if (!box) return;
    box.querySelector(".refused-words").textContent = words || box.dataset.fallback;
    box.hidden = false;
    box.scrollIntoView({block: "nearest"});
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail, status = detail.xhr ? detail.xhr.status : 0;
    if (status < 400 || status >= 500 || detail.shouldSwap) return;
    show(said(detail.serverResponse));
    detail.isError = false;
    (detail.elt || document).dispatchEvent(new CustomEvent("jalon:refused", {bubbles: true, detail: {status: status}}));
  });
  document.addEventListener("htmx:responseError", function () { show(""); });
  document.addEventListener("htmx:sendError", function () { show(""); });
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("request-refused");
    if (box) box.hidden = true;
  });
})();
