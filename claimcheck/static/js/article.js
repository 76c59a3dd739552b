// The article review page: add a claim by selecting text, and keyboard shortcuts.
import { onShortcut } from "./shortcuts.js";

const text = document.getElementById("article-text");
const startInput = document.getElementById("add-start");
const endInput = document.getElementById("add-end");
const preview = document.getElementById("selection-preview");
const addButton = document.getElementById("add-claim-button");

// The server counts characters (code points); the DOM counts UTF-16 units, which differ
// for emoji and other characters outside the Basic Multilingual Plane.
function codePoints(textValue) {
  return [...textValue].length;
}

// Offset of a point (node, offset) in the article text: every run carries its start.
function articleOffset(node, offset) {
  let element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  if (element === text) {
    // The point sits between runs: use the run before it, at its end.
    const run = text.childNodes[offset - 1];
    return run ? Number(run.dataset.start) + codePoints(run.textContent) : 0;
  }
  while (element && element.parentElement !== text) element = element.parentElement;
  if (!element || element.dataset.start === undefined) return null;
  const within = node.nodeType === Node.TEXT_NODE ? codePoints(node.textContent.slice(0, offset)) : 0;
  return Number(element.dataset.start) + within;
}

function updateSelection() {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  if (!text.contains(range.commonAncestorContainer)) return;
  const start = articleOffset(range.startContainer, range.startOffset);
  const end = articleOffset(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return;
  startInput.value = start;
  endInput.value = end;
  const chosen = selection.toString().trim();
  preview.textContent = `Selected: “${chosen.length > 140 ? chosen.slice(0, 140) + "…" : chosen}”`;
  addButton.disabled = false;
}

if (text) {
  text.addEventListener("mouseup", updateSelection);
  text.addEventListener("keyup", updateSelection);
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (selection && text.contains(selection.anchorNode)) updateSelection();
  });
}

// Keyboard shortcuts, ignored while typing in a field.
const links = Array.from(document.querySelectorAll("#claim-list .claim-link"));
const current = links.findIndex((link) => link.closest(".claim-card").classList.contains("is-selected"));

onShortcut((event) => {
  const go = (index) => links[index] && (window.location.href = links[index].href);
  switch (event.key) {
    case "j": go(current + 1); break;
    case "k": go(current < 0 ? 0 : current - 1); break;
    case "a": document.getElementById("accept-form")?.requestSubmit(); break;
    case "x": document.getElementById("dismiss-form")?.requestSubmit(); break;
    case "e": {
      const wording = document.getElementById("wording-form");
      if (wording) {
        wording.closest("details").open = true;
        wording.querySelector("textarea").focus();
        event.preventDefault();
      }
      break;
    }
    default: return;
  }
});

// Bring the open claim's panel into view and focus, for keyboard and screen-reader users.
document.getElementById("claim-panel")?.focus({ preventScroll: false });
