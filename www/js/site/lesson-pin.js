// The "pin" toggle above a lesson widget (narrow screens; build-scripts/site/live-sections.mjs
// writes it): pinned, the widget's column sticks to the top of the viewport, collapsed, so the
// reader can scroll the experiments under it. site.css does the sticking; this only flips state.
//
// One delegated click listener, so it works whether descent.js loads in <head> or later.

export function setPinned(button, pinned) {
  const aside = document.getElementById(button.getAttribute('aria-controls'));
  if (!aside) return;
  button.setAttribute('aria-pressed', String(pinned));
  aside.toggleAttribute('data-pinned', pinned);
}

function onPinClick(event) {
  const button = event.target?.closest?.('button.live-pin');
  if (!button) return;
  // The text below moves as the widget collapses or expands; the browser's scroll anchoring keeps
  // what the reader was looking at in place.
  setPinned(button, button.getAttribute('aria-pressed') !== 'true');
}

if (typeof document !== 'undefined') {
  document.addEventListener('click', onPinClick);
}
