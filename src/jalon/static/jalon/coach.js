// "Apply the suggestion": copy the coach's wording into the objective's Specific field and re-coach.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-apply-suggestion]");
  if (!button) return;
  const text = button.closest(".coach").querySelector("[data-suggestion]").textContent;
  const field = document.getElementById("id_specific");
  if (!field) return;
  field.value = text;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.focus();
});
