// Bulk bytes in a data script (data-script.js): base64 of raw-deflate (RFC 1951), unpacked by the
// browser's DecompressionStream, as the core's wasm is (bindings/wasm-source.pre.js). Compressed
// before base64, the bytes cost about their deflated size on disk and over the wire.
export async function unpackBytes(base64, size) {
  if (typeof DecompressionStream !== 'function') {
    throw new Error(
      'this browser cannot unpack the data (no DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or newer can)',
    );
  }
  const stream = new Blob([decodeBase64(base64)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  if (bytes.length !== size) throw new Error(`${bytes.length} bytes unpacked where ${size} were expected`);
  return bytes;
}

function decodeBase64(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
