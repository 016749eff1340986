// Guided "try this" experiments on lesson pages.
//
// A lesson writes, next to a widget with an id:
//   <button class="try" data-target="gd"
//           data-apply='{"optimizer":"sgd","lr":"1.05","steps":"12"}'
//           data-expect="diverged">Apply</button>
// Clicking it resets the widget (removes every state attribute) and then sets exactly the listed
// ones, so an experiment gives the same picture whatever the learner did before. The widget is
// changed in place: the page scrolls only when it is off screen, and then as little as it can, so
// the text that explains the experiment stays in view. data-expect (text the widget's readout
// should then contain) is shown under the button by lesson-expect.js.
//
// This module only touches the DOM through one delegated click listener, so it works whether
// descent.js is loaded in <head> or at the end of <body>.

// Parses a data-apply value (a JSON object of attribute names to strings or numbers) into
// {attribute: string}.
export function parseExperimentSettings(text) {
  const settings = JSON.parse(text);
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new TypeError('data-apply must be a JSON object of attribute names to values');
  }
  const attributes = {};
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
      attributes[name] = String(value);
    else throw new TypeError(`data-apply: value for "${name}" must be a string or a number`);
  }
  return attributes;
}

// Every widget class publishes the attributes that make up its state.
function stateAttributesOf(widget) {
  return customElements.get(widget.localName)?.stateAttributes ?? [];
}

// Resets `widget` to its defaults, then applies `attributes` (from parseExperimentSettings).
export function applyExperiment(widget, attributes) {
  if (!customElements.get(widget.localName)) {
    // Its part is still loading (widgets/widget-loader.js): apply once its class, which knows its
    // attributes, arrives.
    customElements.whenDefined(widget.localName).then(() => applyExperiment(widget, attributes));
    return;
  }
  for (const name of stateAttributesOf(widget)) {
    if (widget.hasAttribute(name)) widget.removeAttribute(name);
  }
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
}

let liveRegion = null;

// One polite live region per page, so screen-reader users hear that something changed.
export function announce(message) {
  if (!liveRegion) {
    liveRegion = document.createElement('div');
    liveRegion.className = 'visually-hidden';
    liveRegion.setAttribute('role', 'status');
    liveRegion.setAttribute('aria-live', 'polite');
    document.body.appendChild(liveRegion);
  }
  liveRegion.textContent = '';
  // A fresh text node after clearing makes repeated identical messages announced again.
  requestAnimationFrame(() => {
    liveRegion.textContent = message;
  });
}

// Whether enough of the widget is in view to see it change: its visible part (clipped by the
// viewport, and by its pinned column, which scrolls on its own) covers at least 40% of
// the widget or of the viewport, whichever is smaller.
export function isWidgetInView(widget) {
  const box = widget.getBoundingClientRect();
  let top = Math.max(box.top, 0);
  let bottom = Math.min(box.bottom, window.innerHeight);
  const column = widget.closest('.lesson-live-widget');
  if (column) {
    const clip = column.getBoundingClientRect();
    top = Math.max(top, clip.top);
    bottom = Math.min(bottom, clip.bottom);
  }
  return bottom - top >= 0.4 * Math.min(box.height, window.innerHeight);
}

// The least scrolling that shows the widget's top, where its picture and readout are: 'nearest',
// except for a widget above the screen and taller than it, which 'nearest' would show by its
// bottom (the controls). A widget more than a screen away is jumped to, and the jump is checked
// on the next frames: the text around it is laid out only once it comes on screen (site.css,
// content-visibility), so it can grow and push the widget away again — and under a long smooth
// scroll it would leave the scroll short.
function revealWidget(widget, jumps = 3) {
  const box = widget.getBoundingClientRect();
  const block = box.top < 0 && box.height > window.innerHeight ? 'start' : 'nearest';
  const far = jumps < 3 || box.top > 2 * window.innerHeight || box.bottom < -window.innerHeight;
  widget.scrollIntoView({ behavior: far || prefersReducedMotion() ? 'auto' : 'smooth', block });
  if (!far || jumps <= 1) return;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (!isWidgetInView(widget)) revealWidget(widget, jumps - 1);
    }),
  );
}

// A docked widget scrolls on its own, a pinned one inside its column: if the reader scrolled down
// to its controls, bring its picture and readout back (the page itself does not move).
function showWidgetTop(widget) {
  for (const box of [widget, widget.closest('.lesson-live-widget')]) {
    if (box && box.scrollTop > 0) box.scrollTo({ top: 0, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }
}

function prefersReducedMotion() {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function onTryClick(event) {
  const target = event.target;
  const button = target && typeof target.closest === 'function' ? target.closest('button.try') : null;
  if (!button) return;
  event.preventDefault();

  const widgetId = button.getAttribute('data-target');
  const widget = widgetId ? document.getElementById(widgetId) : null;
  if (!widget) {
    console.warn(`Descent: experiment button targets #${widgetId}, which is not on this page.`);
    return;
  }
  let attributes;
  try {
    attributes = parseExperimentSettings(button.getAttribute('data-apply') || '{}');
  } catch (error) {
    console.warn(`Descent: cannot apply experiment: ${error.message}`);
    return;
  }

  for (const other of document.querySelectorAll('button.try[data-applied]')) other.removeAttribute('data-applied');
  button.setAttribute('data-applied', '');
  const label =
    button.getAttribute('aria-label') || button.closest('li, p, section')?.querySelector('strong')?.textContent;
  runExperiment(button, widget, attributes, label ? `Applied: ${label.trim()}` : 'Experiment applied to the widget.');
}

// Applies `attributes` to `widget`, brings the widget into view only if it is not (and then as
// little as it can), announces `message` and tells the page ('descent-experiment' from `source`).
// Also used by the lessons' predictions (lesson-predict.js).
export function runExperiment(source, widget, attributes, message) {
  applyExperiment(widget, attributes);
  if (!isWidgetInView(widget)) revealWidget(widget);
  else showWidgetTop(widget);
  announce(message);
  source.dispatchEvent(new CustomEvent('descent-experiment', { bubbles: true, detail: { widget, attributes } }));
}

if (typeof document !== 'undefined') {
  document.addEventListener('click', onTryClick);
}
