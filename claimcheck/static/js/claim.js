// The claim page: offer existing sources while a reviewer types an attribution.

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

// "n" opens the next claim waiting on this person, as the article page's keys move between claims.
document.addEventListener("keydown", (event) => {
  if (event.key !== "n" || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest("input, textarea, select, [contenteditable]")) return;
  const next = document.getElementById("next-in-my-work");
  if (next) window.location.href = next.href;
});
