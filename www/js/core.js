// Loads the WebAssembly core once per page. descent.js starts with the
// Emscripten module (a classic script defining the global createDescentCore),
// so every widget shares one instance. Its raw functions return {ok: false, error} on bad
// input; module.api (bindings/api.pre.js) is the checked API that throws DescentError instead.
// The site leaves the development checks (createDescentCore({descentDevelopment: true})) off.
let corePromise = null;

export function loadCore() {
  if (!corePromise) {
    if (typeof createDescentCore !== 'function') {
      return Promise.reject(new Error('The Descent core is missing: load descent.js with a <script> tag.'));
    }
    corePromise = createDescentCore();
  }
  return corePromise;
}
