// The claim page: offer existing sources while a reviewer types an attribution.
import { onShortcut } from "./shortcuts.js";

const input = document.querySelector("input[list=source-suggestions]");
const list = document.getElementById("source-suggestions");
let pending = null;

async function suggest() {
  const typed = input.value.trim();
  if (typed.length < 2) return;
  const response = await fetch(`/api/v1/sources?q=${encodeURIComponent(typed)}`, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  if (!response.ok) return;
  const { items } = await response.json();
  list.replaceChildren(
    ...items.map((source) => {
      const option = document.createElement("option");
      option.value = source.name;
      option.label = source.kind;
      return option;
    }),
  );
}

if (input && list) {
  input.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(suggest, 150);
  });
}

// The publication's own voice has no source, cue or form, and the server keeps none for it,
// so those fields step aside while it is chosen instead of taking input that would be dropped.
const kind = document.querySelector("#attribution select[name=kind]");
if (kind) {
  const showSourceFields = () => {
    const ownVoice = kind.value === "publication";
    for (const field of document.querySelectorAll("#attribution [data-source-field]")) {
      field.hidden = ownVoice;
    }
    document.querySelector("#attribution [data-own-voice-note]").hidden = !ownVoice;
  };
  kind.addEventListener("change", showSourceFields);
  showSourceFields();
}

// "n" opens the next claim waiting on this person, as the article page's keys move between claims.
onShortcut((event) => {
  const next = document.getElementById("next-in-my-work");
  if (event.key === "n" && next) window.location.href = next.href;
});
