// Loads the WebAssembly core once per page. descent.js starts with the
// Emscripten module (a classic script defining the global createDescentCore),
// so every widget shares one instance.
let corePromise = null;

export function loadCore() {
  if (!corePromise) {
    if (typeof createDescentCore !== 'function') {
      return Promise.reject(new Error('The Descent core is missing: load descent.js with a <script> tag.'));
    }
    // eslint-disable-next-line no-undef
    corePromise = createDescentCore();
  }
  return corePromise;
}
