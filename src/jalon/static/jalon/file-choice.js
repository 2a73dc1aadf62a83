// Uploads (templates/forms/widgets/file_choice.html): the browser's file input is hidden from sight, since
// Chromium writes its button and status in the browser's language; its label is the button, and this says
// which file is chosen, or the page's "no file chosen" again. One listener on the document serves every
// upload, those htmx swaps in included; "pageshow" covers a page the browser restores with a file chosen.
(function () {
  "use strict";

  function show(input) {
    var status = document.getElementById(input.id + "_status");
    if (!status) return;
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    status.textContent = names.length ? names.join(", ") : status.dataset.none;
    status.classList.toggle("chosen", names.length > 0);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.classList.contains("file-choice-input")) show(input);
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("input.file-choice-input").forEach(show);
  });
})();
