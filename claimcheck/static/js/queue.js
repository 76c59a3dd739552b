// The claims queue: j and k move between claims, Enter opens the one in focus.
import { onShortcut } from "./shortcuts.js";

const links = [...document.querySelectorAll(".queue-claim a")];

onShortcut((event) => {
  if (event.key !== "j" && event.key !== "k") return;
  const current = links.indexOf(document.activeElement);
  const step = event.key === "j" ? 1 : -1;
  const next = links[current < 0 ? 0 : Math.min(Math.max(current + step, 0), links.length - 1)];
  if (next) {
    next.focus();
    event.preventDefault();
  }
});
