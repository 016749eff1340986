// Loads the WebAssembly core once per page. descent.js starts with the Emscripten module (a
// classic script defining the global createDescentCore) and its wasm, compressed
// (bindings/wasm-source.pre.js), so every widget shares one instance. Its raw functions return
// {ok: false, error} on bad input; module.api (bindings/api.pre.js) is the checked API that
// throws DescentError instead.
// The site leaves the development checks (createDescentCore({descentDevelopment: true})) off.
let corePromise = null;

export function loadCore() {
  if (!corePromise) {
    if (typeof createDescentCore !== 'function') {
      return Promise.reject(new Error('The Descent core is missing: load descent.js with a <script> tag.'));
    }
    corePromise = createDescentCore().then(
      (core) => {
        performance.mark('descent:core-ready');
        return core;
      },
      (error) => {
        throw new Error(`The simulation core could not start: ${reasonOf(error)}`);
      },
    );
  }
  return corePromise;
}

// A refused compile or a failed inflate arrives as an Error, Emscripten's abort() as a string.
function reasonOf(error) {
  const text = error instanceof Error ? error.message : String(error);
  if (/wasm-unsafe-eval|Content Security Policy/i.test(text)) {
    return "the page's Content-Security-Policy does not allow WebAssembly (its script-src needs 'wasm-unsafe-eval').";
  }
  return text;
}
