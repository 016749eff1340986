// Files that travel next to descent.js and are loaded only when a widget needs them: the core's
// parts (core/<part>.js, www/js/core.js) and the data sets (data/<name>.js, data/data-script.js).
// Each is a classic script that registers one payload under a key of a global registry object,
// e.g. (globalThis.DescentData = globalThis.DescentData || {})["digits"] = {...}.
// loadSiblingScript inserts a <script> whose URL is resolved against descent.js's own, waits for
// it and takes the payload out of the registry (so the page keeps no second copy). A <script> tag
// loads from file://, makes no fetch and evaluates no string, so it works where descent.js works:
// file://, any static host, and under `script-src 'self'`. A page may also load such a file with
// its own <script> tag; the payload it registered is used then.

// descent.js's own URL, read while the bundle runs (document.currentScript is only set then).
const ownUrl = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : '';

// Where descent.js was loaded from: its own URL, else the last <script> naming descent.js.
function baseUrl() {
  if (ownUrl) return ownUrl;
  const scripts = [...document.querySelectorAll('script[src]')].filter((script) => /descent\.js$/.test(script.src));
  return scripts.length > 0 ? scripts[scripts.length - 1].src : document.baseURI;
}

// The URL a file next to descent.js (e.g. "data/digits.js") is loaded from.
export const siblingUrl = (file) => new URL(file, baseUrl()).href;

// Loads in flight, by file: concurrent calls share one <script>.
const loading = new Map();

// A promise of the payload FILE registers as globalThis[REGISTRY][KEY]. Rejects with a message
// naming the file and the reason (a missing file names the folder to copy next to descent.js).
export function loadSiblingScript(file, registry, key) {
  const registered = takePayload(registry, key);
  if (registered !== undefined) return Promise.resolve(registered);
  let load = loading.get(file);
  if (!load) {
    load = insertScript(file, registry, key);
    loading.set(file, load);
    const done = () => loading.delete(file);
    load.then(done, done);
  }
  return load;
}

function takePayload(registry, key) {
  const entries = globalThis[registry];
  if (!entries || !Object.prototype.hasOwnProperty.call(entries, key)) return undefined;
  const payload = entries[key];
  delete entries[key];
  return payload;
}

function insertScript(file, registry, key) {
  if (typeof document === 'undefined') return Promise.reject(new Error(`${file} loads only in a page`));
  const url = siblingUrl(file);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    let refusedByPolicy = false;
    const onViolation = (event) => {
      if (event.blockedURI === url) refusedByPolicy = true;
    };
    const finish = () => {
      document.removeEventListener('securitypolicyviolation', onViolation);
      script.remove();
    };
    script.addEventListener('load', () => {
      finish();
      const payload = takePayload(registry, key);
      if (payload === undefined) {
        reject(new Error(`${file} (${url}) loaded but held no "${key}": is it a file of this version of Descent?`));
      } else {
        resolve(payload);
      }
    });
    script.addEventListener('error', () => {
      // The policy's violation event may arrive just after the error event.
      setTimeout(() => {
        finish();
        const folder = file.split('/')[0];
        const why = refusedByPolicy
          ? "the page's Content-Security-Policy refused it (its script-src must allow the address of descent.js's folder)"
          : `the file is missing: copy the ${folder}/ folder that comes with descent.js next to it`;
        reject(new Error(`could not load ${file} next to descent.js (${url}): ${why}`));
      }, 0);
    });
    document.addEventListener('securitypolicyviolation', onViolation);
    script.src = url;
    (document.head || document.documentElement).append(script);
  });
}
