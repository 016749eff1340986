// Loads the built WebAssembly module the way a node user would: require() of the
// classic script, which exports the MODULARIZE factory.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
// DESCENT_CORE_JS lets a developer test a module built elsewhere (e.g. a second build tree).
const corePath = path.resolve(process.env.DESCENT_CORE_JS ?? path.join(repoRoot, 'build', 'wasm', 'descent-core.js'));

let corePromise = null;
function loadCore() {
  corePromise ??= require(corePath)();
  return corePromise;
}

module.exports = { loadCore, repoRoot };
