// A box that scrolls sideways (a wide table, a long equation on a phone) can be scrolled from the
// keyboard only if it takes focus (WCAG 2.1.1). Each box given here gets a tab stop while — and
// only while — its content overflows it sideways, so a wide screen keeps no useless stops. A box
// with a tabindex of its own is left alone.

const MARK = 'data-scroll-focus'; // set on a box whose tabindex came from here

function update(box) {
  const overflows = box.scrollWidth > box.clientWidth + 1;
  if (overflows && !box.hasAttribute('tabindex')) {
    box.setAttribute('tabindex', '0');
    box.setAttribute(MARK, '');
  } else if (!overflows && box.hasAttribute(MARK)) {
    box.removeAttribute('tabindex');
    box.removeAttribute(MARK);
  }
}

let observer = null;
const boxOf = new WeakMap(); // an observed element → the box to update

// Watches each box and its first child (a table filled later grows without resizing its box). The
// observer's first notice, after the next layout, sets the tab stop: measuring here would force a
// layout of the page while it is still being parsed (40 ms on a lesson page).
export function keepScrollableFocusable(boxes) {
  if (typeof ResizeObserver !== 'function') return;
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) update(boxOf.get(entry.target));
  });
  for (const box of boxes) {
    for (const watched of [box, box.firstElementChild].filter(Boolean)) {
      boxOf.set(watched, box);
      observer.observe(watched);
    }
  }
}
