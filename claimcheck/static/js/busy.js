// Show that a long form submission is under way, and stop double submissions.
for (const form of document.querySelectorAll("form[data-busy-label]")) {
  form.addEventListener("submit", () => {
    const button = form.querySelector("[type=submit]");
    if (!button) return;
    button.setAttribute("aria-busy", "true");
    button.value = form.dataset.busyLabel;
    button.disabled = true;
  });
}
