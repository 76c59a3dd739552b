// Single-key shortcuts shared by the review pages: never while typing in a field, and
// never with Ctrl, Cmd or Alt held, so the browser's own shortcuts keep working.
export function onShortcut(handle) {
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    handle(event);
  });
}
