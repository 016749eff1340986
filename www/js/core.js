// Loads the site's parts and the WebAssembly core in them. The site build
// (build-scripts/site/parts.mjs) writes each part as parts/<part>.js next to descent.js: a classic
// script that registers
//   (globalThis.DescentParts = globalThis.DescentParts || {})["<part>"] = {factory, widgets, wasm}
// where factory is the part's Emscripten module factory (createDescentCore of a build that exports
// only some binding files, CMakeLists.txt), widgets its widget classes by tag, and wasm its .wasm,
// deflate-compressed, as base64. widgets/widget-loader.js loads a part when the page has one of its
// tags; a widget names its part (static corePart), and each widget of a part shares one instance
// of its core. parts/all.js is the whole API, for the page's own scripts: createDescentCore()
// (defined by main.js) loads it.
// Raw functions return {ok: false, error} on bad input; module.api (bindings/api.pre.js) is the
// checked API that throws DescentError instead.
import { loadSiblingScript } from './sibling-script.js';

// part → promise of its payload {factory, widgets, wasm}: each part is loaded once per page.
const loadedParts = new Map();
// part → promise of {factory, module}: each part's wasm is compiled once per page.
const compiledParts = new Map();
// part → promise of the instance the page's widgets share.
const sharedInstances = new Map();

// The page's shared instance of PART.
export function loadCore(part) {
  if (!sharedInstances.has(part)) {
    sharedInstances.set(
      part,
      createCoreInstance(part).then((core) => {
        performance.mark('descent:core-ready', { detail: part });
        return core;
      }),
    );
  }
  return sharedInstances.get(part);
}

// A new instance of PART (OPTIONS as for Emscripten's factory, e.g. {descentDevelopment: true}).
export function createCoreInstance(part, options = {}) {
  return compiledPart(part)
    .then(({ factory, module }) => factory({ ...options, wasmSource: () => module }))
    .catch((error) => {
      throw new Error(`The simulation core could not start: ${reasonOf(error)}`);
    });
}

// A promise of part PART's payload {factory, widgets, wasm}.
export function loadPart(part) {
  if (!loadedParts.has(part)) {
    const load = loadSiblingScript(`parts/${part}.js`, 'DescentParts', part);
    loadedParts.set(part, load);
    load.catch(() => loadedParts.delete(part)); // a later call may try again
  }
  return loadedParts.get(part);
}

// Compiled once per page. The payload's base64 (200–350 KB of string) is dropped once unpacked:
// a compile that failed (a refusing policy, an old browser) would fail again; a load may be retried.
function compiledPart(part) {
  if (!compiledParts.has(part)) {
    const compiled = loadPart(part).then((payload) => {
      const module = compileWasm(payload.wasm);
      payload.wasm = null;
      return { factory: payload.factory, module };
    });
    compiledParts.set(part, compiled);
    compiled.catch(() => {
      if (!loadedParts.has(part)) compiledParts.delete(part);
    });
  }
  return compiledParts.get(part);
}

// The base64 of the deflated wasm, inflated by the browser's DecompressionStream while it compiles:
// nothing is fetched, so file:// pages and a host page whose Content-Security-Policy limits
// connect-src work.
function compileWasm(base64) {
  if (typeof DecompressionStream !== 'function') {
    return Promise.reject(
      new Error(
        'this browser cannot unpack the core (no DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or newer can)',
      ),
    );
  }
  const stream = new Blob([decodeBase64(base64)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return WebAssembly.compileStreaming(new Response(stream, { headers: { 'Content-Type': 'application/wasm' } }));
}

function decodeBase64(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// A refused compile or a failed inflate arrives as an Error, Emscripten's abort() as a string.
function reasonOf(error) {
  const text = error instanceof Error ? error.message : String(error);
  if (/wasm-unsafe-eval|Content Security Policy/i.test(text)) {
    return "the page's Content-Security-Policy does not allow WebAssembly (its script-src needs 'wasm-unsafe-eval').";
  }
  return text;
}
