// The site build's output: the output folder and the descent.js bundle.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import zlib from 'node:zlib';

import esbuild from 'esbuild';

import { ROOT, fail, listDir, rel } from './util.mjs';

export class SiteWriter {
  constructor(outDir) {
    this.outDir = outDir;
    this.written = [];
  }

  // Empties OUT, but only if it is missing, empty, or a previous site build (has descent.js).
  prepare() {
    const out = this.outDir;
    if (fs.existsSync(out)) {
      if (!fs.statSync(out).isDirectory()) fail(`--out exists and is not a directory: ${out}`);
      const entries = fs.readdirSync(out);
      if (entries.length > 0 && !entries.includes('descent.js')) {
        fail(`refusing to empty ${out}: it is not empty and does not look like a previous site build (no descent.js)`);
      }
      fs.rmSync(out, { recursive: true, force: true });
    }
    fs.mkdirSync(out, { recursive: true });
  }

  write(relativePath, contents) {
    const target = path.join(this.outDir, relativePath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, contents);
    this.written.push({ path: relativePath.split(path.sep).join('/'), bytes: Buffer.byteLength(contents) });
  }

  copyFile(source, relativePath) {
    this.write(relativePath, fs.readFileSync(source));
  }

  copyDir(sourceDir, relativeDir) {
    for (const entry of listDir(sourceDir)) {
      const source = path.join(sourceDir, entry.name);
      const target = path.join(relativeDir, entry.name);
      if (entry.isDirectory()) this.copyDir(source, target);
      else if (entry.isFile()) this.copyFile(source, target);
    }
  }

  report() {
    const width = Math.max(...this.written.map((file) => file.path.length));
    for (const file of [...this.written].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      process.stdout.write(`  wrote ${file.path.padEnd(width)}  ${String(file.bytes).padStart(9)} bytes\n`);
    }
  }
}

// ---------------------------------------------------------------- descent.js

// descent.js, in three parts (build-scripts/size-report.mjs weighs each):
//   glue     the Emscripten module (descent-core.js: a classic script defining createDescentCore)
//   wasm     descent-core.wasm, deflate-compressed, as base64 in createDescentCore.embeddedWasm;
//            www/js/core.js inflates it with the browser's DecompressionStream and compiles it
//            from the bytes (bindings/wasm-source.pre.js): no fetch, no data: URL. Compressed
//            before base64, the wasm costs about its gzip size on the wire and a third of the
//            raw size (base64 of the plain bytes gzips 40% worse).
//   widgets  the widget bundle (www/js/main.js and what it imports), minified
export async function descentScriptParts(corePath, entry) {
  const wasmPath = corePath.replace(/\.js$/, '.wasm');
  if (!fs.existsSync(wasmPath))
    fail(`${rel(wasmPath)} not found: build the WebAssembly core first (build-scripts/build.sh)`);
  const glue = fs.readFileSync(corePath, 'utf8');
  if (!/createDescentCore/.test(glue)) {
    fail(`${rel(corePath)} does not define createDescentCore; is it the Emscripten MODULARIZE build of the core?`);
  }
  const deflated = zlib.deflateRawSync(fs.readFileSync(wasmPath), { level: 9 });
  return {
    glue: glue.trimEnd(),
    wasm: `createDescentCore.embeddedWasm = '${deflated.toString('base64')}';`,
    widgets: await bundleScripts(entry),
  };
}

export function joinDescentScript(parts) {
  return `${parts.glue}\n${parts.wasm}\n${parts.widgets}`;
}

// Bundles ENTRY and what it imports into one minified classic script (an IIFE).
export async function bundleScripts(entry) {
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      minify: true,
      legalComments: 'none',
      sourcemap: false,
      write: false,
      logLevel: 'warning',
    });
  } catch (error) {
    fail(`esbuild could not bundle ${rel(entry)} (see the messages above)`);
  }
  return result.outputFiles[0].text;
}
