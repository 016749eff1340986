// Numbers in a lesson's text that its widget shows, linked both ways. A lesson writes
//   <span class="shown" data-target="race">step 165</span>
// (optionally data-shows="…" when the text to find in the widget differs from the span's own).
// Hovering or focusing the span highlights that text in the widget's result (its readout, status
// line or finish board — what lesson-expect.js reads); hovering a widget's result highlights the
// spans whose text it shows. When the widget shows something else (the reader changed a setting)
// the span says so instead of pointing at nothing.
import { RESULT_ROLES } from './lesson-expect.js';

const HIGHLIGHT = 'descent-linked';
const NOT_SHOWN_NOTE = 'The widget does not show this with its current settings; apply the experiment above.';

function wantedText(span) {
  return (span.getAttribute('data-shows') ?? span.textContent).replace(/\s+/g, ' ').trim();
}

function resultBoxes(widget) {
  const root = widget.shadowRoot;
  return root ? RESULT_ROLES.flatMap((role) => [...root.querySelectorAll(`[data-role=${role}]`)]) : [];
}

// The DOM Range of `wanted` inside `box`, whose text may be split over several text nodes.
function rangeOf(box, wanted) {
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push({ node, start: text.length });
    text += node.data;
  }
  const at = text.indexOf(wanted);
  if (at < 0) return null;
  const locate = (offset, isEnd) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const { node, start } = nodes[i];
      if (offset > start || (!isEnd && offset === start)) return [node, offset - start];
    }
    return [nodes[0].node, 0];
  };
  const range = document.createRange();
  range.setStart(...locate(at, false));
  range.setEnd(...locate(at + wanted.length, true));
  return range;
}

let lit = null; // { span, box } currently highlighted from the text side

function clearHighlight() {
  if (typeof CSS !== 'undefined' && CSS.highlights) CSS.highlights.delete(HIGHLIGHT);
  lit?.box?.removeAttribute('data-linked');
  lit?.span.classList.remove('is-linked');
  lit = null;
}

function highlightFromText(span) {
  clearHighlight();
  const widget = document.getElementById(span.getAttribute('data-target'));
  if (!widget) return;
  const wanted = wantedText(span);
  for (const box of resultBoxes(widget)) {
    const range = rangeOf(box, wanted);
    if (!range) continue;
    span.classList.add('is-linked');
    span.removeAttribute('title');
    if (typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function') {
      CSS.highlights.set(HIGHLIGHT, new Highlight(range));
      lit = { span, box: null };
    } else {
      box.setAttribute('data-linked', '');
      lit = { span, box };
    }
    return;
  }
  span.title = NOT_SHOWN_NOTE;
}

// From the widget side: the spans whose text the hovered result box shows.
function highlightFromWidget(widget, box) {
  const shown = box.textContent.replace(/\s+/g, ' ');
  for (const span of document.querySelectorAll(`span.shown[data-target="${CSS.escape(widget.id)}"]`)) {
    span.classList.toggle('is-linked', shown.includes(wantedText(span)));
  }
}

function resultBoxIn(event) {
  return event.composedPath().find((node) => node instanceof Element && RESULT_ROLES.includes(node.dataset?.role));
}

function onOver(event) {
  const span = event.target?.closest?.('span.shown');
  if (span) return highlightFromText(span);
  const widget = event.target?.closest?.('[id]');
  const box = widget?.shadowRoot ? resultBoxIn(event) : null;
  if (box) highlightFromWidget(widget, box);
}

function onOut(event) {
  const span = event.target?.closest?.('span.shown');
  if (span) return clearHighlight();
  if (event.target?.shadowRoot) {
    for (const linked of document.querySelectorAll('span.shown.is-linked')) linked.classList.remove('is-linked');
  }
}

if (typeof document !== 'undefined') {
  // Focusable, so keyboard readers get the same link as a mouse (site.js is deferred: the
  // lesson text is parsed by now).
  for (const span of document.querySelectorAll('span.shown')) span.tabIndex = 0;
  document.addEventListener('pointerover', onOver);
  document.addEventListener('pointerout', onOut);
  document.addEventListener('focusin', onOver);
  document.addEventListener('focusout', onOut);
}
