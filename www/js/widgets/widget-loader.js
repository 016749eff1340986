// Defines the widgets a page uses, loading each one's part (parts/<part>.js next to descent.js,
// www/js/core.js) when the page first has one of its tags: in the markup, or added later by a
// script (the home page's gallery, a teacher's own code). descent.js itself holds only what every
// widget shares (build-scripts/site/widget-parts.mjs), so a page pays for the widgets it shows.
// If a part cannot load (a missing file, a Content-Security-Policy that refuses it), each of its
// elements on the page says why in its own box.
import { loadPart } from '../core.js';

// PART_OF: {tag → part}, written by the site build.
export function defineWidgetsOnDemand(partOf) {
  const tags = Object.keys(partOf);
  const selector = tags.join(',');
  const requested = new Set();
  const failures = new Map(); // part → message

  const request = (element) => {
    const part = partOf[element.localName];
    if (customElements.get(element.localName)) return;
    if (failures.has(part)) return showFailure(element, failures.get(part));
    if (requested.has(part)) return;
    requested.add(part);
    loadPart(part).then(
      ({ widgets }) => {
        for (const [tag, element] of Object.entries(widgets)) {
          if (!customElements.get(tag)) customElements.define(tag, element);
        }
      },
      (error) => {
        const message = `The widget could not load: ${error.message}`;
        failures.set(part, message);
        for (const element of document.querySelectorAll(selector)) {
          if (partOf[element.localName] === part) showFailure(element, message);
        }
      },
    );
  };

  // The tags in the page now: one look-up per tag not yet defined, never a walk over the added
  // nodes — touching each node the parser adds from JavaScript (making its wrapper) cost 20–100 ms
  // on a lesson page. One element starts its part's load; of a part that failed, each says why.
  const scan = () => {
    for (const tag of tags) {
      if (customElements.get(tag)) continue;
      const found = document.getElementsByTagName(tag);
      if (found.length === 0) continue;
      if (failures.has(partOf[tag])) for (const element of found) request(element);
      else request(found[0]);
    }
  };

  if (typeof document === 'undefined' || tags.length === 0) return;
  scan();
  // The parser inserts the page's widgets after descent.js runs when it is in the <head>.
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
}

// An element whose class never arrives: a message in a shadow root of its own (the light DOM is
// the host page's).
function showFailure(element, message) {
  if (element.shadowRoot) return;
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.textContent = message;
  note.style.cssText = 'margin:0;padding:0.75em;border:1px solid currentColor;font:inherit';
  element.attachShadow({ mode: 'open' }).append(note);
}
