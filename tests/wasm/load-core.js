// Loads the built WebAssembly module the way a node user would: require() of the
// classic script, which exports the MODULARIZE factory.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
// DESCENT_CORE_JS lets a developer test a module built elsewhere (e.g. a second build tree).
const corePath = path.resolve(process.env.DESCENT_CORE_JS ?? path.join(repoRoot, 'build', 'wasm', 'descent-core.js'));

let corePromise = null;
// The module with its raw functions ({ok: false, error} on bad input). Development checks on:
// a checked-API handle garbage-collected without delete() is reported (bindings/api.pre.js).
function loadCore() {
  corePromise ??= require(corePath)({ descentDevelopment: true });
  return corePromise;
}

// The checked API (module.api): failures thrown as DescentError, handles scoped with using().
async function loadApi() {
  return (await loadCore()).api;
}

module.exports = { loadCore, loadApi, repoRoot, corePath };
