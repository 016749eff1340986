// "Skip the … widget": the first tab stop of every widget, hidden until it has focus, so a
// keyboard user need not Tab through a widget's dozens of controls to reach the text after it.
// Activated, it moves focus to the first element after the widget that Tab would reach (in the
// page or inside the next widget), or, when nothing follows, to a marker at the widget's end.

export const SKIP_LINK_STYLES = `
.skip-widget, .skip-end { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip-widget:focus { width: auto; height: auto; overflow: visible; clip-path: none; z-index: 5; margin: 6px;
  padding: 4px 12px; min-height: 28px; display: inline-flex; align-items: center; border-radius: 6px;
  background: var(--accent); color: var(--on-accent); font-weight: 600; }
`;

// Elements in the order the page renders them, shadow trees in place of their hosts' children;
// `skipped` and everything inside it come out as one SKIPPED mark.
const SKIPPED = Symbol('skipped');
function* renderedOrder(parent, skipped) {
  for (const child of parent.children) {
    if (child === skipped) {
      yield SKIPPED;
      continue;
    }
    yield child;
    yield* renderedOrder(child.shadowRoot ?? child, skipped);
  }
}

function isTabStop(element) {
  if (!(element instanceof HTMLElement || element instanceof SVGElement)) return false;
  if (element.tabIndex < 0 || element.disabled || element.closest('[inert]')) return false;
  // tabIndex is 0 for these, yet the browser does not stop on them
  if (element.localName === 'a' && !element.hasAttribute('href')) return false;
  if (element.localName === 'input' && element.type === 'hidden') return false;
  return element.checkVisibility?.({ visibilityProperty: true }) ?? element.getClientRects().length > 0;
}

// The first tab stop after `element` in the page, or null.
export function nextTabStopAfter(element) {
  let passed = false;
  for (const candidate of renderedOrder(document, element)) {
    if (candidate === SKIPPED) passed = true;
    else if (passed && isTabStop(candidate)) return candidate;
  }
  return null;
}

// Puts the link first in `widget`'s shadow root and the end marker last; `title` names the widget.
export function addSkipLink(widget, title) {
  const link = document.createElement('a');
  link.className = 'skip-widget';
  link.href = '#';
  link.textContent = `Skip the ${title} widget`;
  const end = document.createElement('span');
  end.className = 'skip-end';
  end.tabIndex = -1;
  end.textContent = `End of the ${title} widget`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    (nextTabStopAfter(widget) ?? end).focus();
  });
  widget.shadowRoot.prepend(link);
  widget.shadowRoot.append(end);
  return link;
}
