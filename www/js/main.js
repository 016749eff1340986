// Entry of the widget bundle (descent.js): defines every widget custom element from the widget
// registry. Each widget loads the part of the WebAssembly core it calls from core/ next to
// descent.js (www/js/core.js), so one classic <script> tag is all a teacher's page needs. What only
// the site's own pages use (lessons, the course map) is in site.js (www/js/site.js), so embedding a
// widget does not pay for it.
import { createCoreInstance } from './core.js';
import { loadDigits } from './data/digits.js';
import { defineWidgets } from './widgets/registry.js';

defineWidgets();

// The data files next to descent.js (data/), for the page's own scripts too:
// Descent.loadDigits() (www/js/data/digits.js).
globalThis.Descent = Object.assign(globalThis.Descent || {}, { loadDigits });

// The whole JS API (bindings/descent-core.d.ts) for the page's own scripts: each call makes a new
// instance of core/all.js, as the Emscripten factory of build/wasm/descent-core.js does in node.
if (typeof globalThis.createDescentCore !== 'function') {
  globalThis.createDescentCore = (options) => createCoreInstance('all', options);
}
