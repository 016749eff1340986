// The start of descent.js: what the page's own scripts may call. The site build adds what every
// widget shares and the widget loader (build-scripts/site/widget-parts.mjs); each widget's code
// and the part of the WebAssembly core it calls come from parts/ next to descent.js
// (www/js/widgets/widget-loader.js, www/js/core.js), so one classic <script> tag is all a
// teacher's page needs. What only the site's own pages use (lessons, the course map) is in site.js
// (www/js/site.js), so embedding a widget does not pay for it.
import { createCoreInstance } from './core.js';
import { loadDigits } from './data/digits.js';

// The data files next to descent.js (data/), for the page's own scripts too:
// Descent.loadDigits() (www/js/data/digits.js).
globalThis.Descent = Object.assign(globalThis.Descent || {}, { loadDigits });

// The whole JS API (bindings/descent-core.d.ts) for the page's own scripts: each call makes a new
// instance of parts/all.js, as the Emscripten factory of build/wasm/descent-core.js does in node.
if (typeof globalThis.createDescentCore !== 'function') {
  globalThis.createDescentCore = (options) => createCoreInstance('all', options);
}
