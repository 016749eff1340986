// Where the core's WebAssembly comes from (linked with --pre-js, so it runs inside the
// createDescentCore factory, where `Module` is the module being built; the hook below runs later,
// when the glue's own wasmBinaryFile, ENVIRONMENT_IS_NODE and readyPromiseReject are set).
// In order:
// - createDescentCore({wasmSource}): a function returning (a promise of) the .wasm bytes, a
//   Response holding them, or a compiled WebAssembly.Module. The site's pages take this path
//   (www/js/core.js: the wasm travels inside core/<part>.js, compressed, and is compiled once);
// - under node (the tests, the bench, the site build): the .wasm read from next to the script
//   (this Emscripten would fetch() the file path, which node's fetch refuses);
// - otherwise the .wasm fetched from next to the script.
Module['instantiateWasm'] = function (imports, receiveInstance) {
  Promise.resolve()
    .then(function () {
      if (Module['wasmSource']) return Module['wasmSource']();
      if (ENVIRONMENT_IS_NODE) return require('fs').readFileSync(wasmBinaryFile);
      return fetch(wasmBinaryFile, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error('could not load ' + wasmBinaryFile + ' (HTTP ' + response.status + ')');
        return response.arrayBuffer();
      });
    })
    .then(function (source) {
      if (source instanceof WebAssembly.Module) {
        return WebAssembly.instantiate(source, imports).then(function (instance) {
          return { instance: instance, module: source };
        });
      }
      if (typeof Response !== 'undefined' && source instanceof Response) {
        return WebAssembly.instantiateStreaming(source, imports);
      }
      return WebAssembly.instantiate(source, imports);
    })
    .then(function (result) {
      receiveInstance(result.instance, result.module);
    }, readyPromiseReject);
  return {}; // the exports arrive through receiveInstance
};
