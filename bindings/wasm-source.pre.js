// Where the core's WebAssembly comes from (linked with --pre-js, so it runs inside the
// createDescentCore factory, where `Module` is the module being built; the hook below runs later,
// when the glue's own wasmBinaryFile, ENVIRONMENT_IS_NODE and readyPromiseReject are set).
// In order:
// - createDescentCore({wasmSource}): a function returning (a promise of) the .wasm bytes or a
//   Response holding them;
// - the site's descent.js: the wasm travels inside it, deflate-compressed, as base64 in
//   createDescentCore.embeddedWasm (build-scripts/site/output.mjs); it is inflated by the
//   browser's DecompressionStream while being compiled. Nothing is fetched, so file:// pages and a
//   host page whose Content-Security-Policy limits connect-src work;
// - under node (the tests, the bench, the site build): descent-core.wasm read from next to the
//   script (this Emscripten would fetch() the file path, which node's fetch refuses);
// - otherwise descent-core.wasm fetched from next to the script.
Module['instantiateWasm'] = function (imports, receiveInstance) {
  Promise.resolve()
    .then(function () {
      if (Module['wasmSource']) return Module['wasmSource']();
      const factory = typeof globalThis.createDescentCore === 'function' ? globalThis.createDescentCore : null;
      if (factory && typeof factory.embeddedWasm === 'string') return inflateWasm(factory.embeddedWasm);
      if (ENVIRONMENT_IS_NODE) return require('fs').readFileSync(wasmBinaryFile);
      return fetch(wasmBinaryFile, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error('could not load ' + wasmBinaryFile + ' (HTTP ' + response.status + ')');
        return response.arrayBuffer();
      });
    })
    .then(function (source) {
      if (typeof Response !== 'undefined' && source instanceof Response) {
        return WebAssembly.instantiateStreaming(source, imports);
      }
      return WebAssembly.instantiate(source, imports);
    })
    .then(function (result) {
      receiveInstance(result.instance, result.module);
    }, readyPromiseReject);
  return {}; // the exports arrive through receiveInstance

  // The embedded wasm as a Response that inflates while WebAssembly.instantiateStreaming compiles.
  function inflateWasm(base64) {
    if (typeof DecompressionStream !== 'function') {
      throw new Error(
        'this browser cannot unpack the core (no DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or newer can)',
      );
    }
    const stream = new Blob([decodeBase64(base64)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream, { headers: { 'Content-Type': 'application/wasm' } });
  }

  function decodeBase64(base64) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
};
