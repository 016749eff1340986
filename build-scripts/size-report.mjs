#!/usr/bin/env node
// What descent.js weighs, and where the weight is: its three parts (the Emscripten glue, the
// compressed wasm, the widget bundle) raw and gzipped against the budget, the wasm's code by area
// (from the symbol map the build writes next to it) and its largest functions, and the widget
// bundle by folder. Run after build-scripts/build.sh (build-scripts/bench.sh runs it).
//
//   node build-scripts/size-report.mjs [--core build/wasm/descent-core.js] [--top 12]
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

import esbuild from 'esbuild';

import { descentScriptParts, joinDescentScript } from './site/output.mjs';
import { ROOT } from './site/util.mjs';

// docs/DESIGN: descent.js (core + today's 13 widgets) ≤ 250 KB gzipped.
const BUDGET_GZIP_BYTES = 250 * 1024;
// Each area of the curriculum states its growth: descent.js gzipped just before the area's first
// commit and, once the next area has begun, just before that one (each measured once by building
// that commit), and the growth the area may add.
const AREA_BUDGETS = [
  {
    area: 'convolution (issue 19)',
    from: ['90c17ba', 394.8],
    to: ['1ed223b', 432.7], // ~4 KB of it is issue 17's learning-rate explorer, merged meanwhile
    budget: 25,
  },
  { area: 'CNNs (issue 20)', from: ['1ed223b', 432.7], budget: 30 },
];

const { values } = parseArgs({
  options: {
    core: { type: 'string', default: path.join(ROOT, 'build', 'wasm', 'descent-core.js') },
    top: { type: 'string', default: '12' },
  },
});
const corePath = path.resolve(values.core);
// Piped into e.g. `head`, the output may close early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const entry = path.join(ROOT, 'www', 'js', 'main.js');

const gzip = (data) => zlib.gzipSync(data, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);

// ---- descent.js by part
const parts = await descentScriptParts(corePath, entry);
const script = joinDescentScript(parts);
const total = { raw: Buffer.byteLength(script), gz: gzip(script) };
console.log(`${pad('descent.js', 62)}${padLeft('raw', 10)}${padLeft('gzip', 10)}`);
const partRows = [
  ['Emscripten glue + checked API (bindings/*.pre.js)', parts.glue],
  ['wasm, deflate-compressed, base64', parts.wasm],
  ['widgets (www/js, minified)', parts.widgets],
];
for (const [name, text] of partRows) {
  console.log(`${pad('  ' + name, 62)}${padLeft(kb(Buffer.byteLength(text)), 10)}${padLeft(kb(gzip(text)), 10)}`);
}
console.log(`${pad('  total', 62)}${padLeft(kb(total.raw), 10)}${padLeft(kb(total.gz), 10)}`);
const over = total.gz - BUDGET_GZIP_BYTES;
console.log(
  `(budget ${kb(BUDGET_GZIP_BYTES)} gzipped: ${over > 0 ? `over by ${kb(over)}` : `${kb(-over)} to spare`}; ` +
    `the parts gzip separately, so they add up to a little more than the total)`,
);
for (const { area, from, to, budget } of AREA_BUDGETS) {
  const growth = (to ? to[1] * 1024 : total.gz) - from[1] * 1024;
  const span = to ? `from ${from[0]} to ${to[0]}` : `since ${from[0]}`;
  const verdict = growth > budget * 1024 ? `over by ${kb(growth - budget * 1024)}` : 'within it';
  console.log(`(${area}, ${span}: +${kb(growth)} of its ${budget} KB growth budget, ${verdict})`);
}
const built = path.join(ROOT, 'build', 'site', 'descent.js');
if (fs.existsSync(built) && fs.readFileSync(built, 'utf8') !== script) {
  console.log('(build/site/descent.js differs from these parts: rebuild the site to measure what ships)');
}

// ---- the wasm's code section by area
const wasmPath = corePath.replace(/\.js$/, '.wasm');
const wasm = fs.readFileSync(wasmPath);
const functions = codeSectionFunctions(wasm);
const names = readSymbolMap(`${corePath}.symbols`);
const areas = new Map();
for (const fn of functions) {
  fn.name = names.get(fn.index) ?? `function ${fn.index}`;
  const area = areaOf(fn.name);
  const entry = areas.get(area) ?? { bytes: 0, count: 0, bodies: [] };
  entry.bytes += fn.size;
  entry.count += 1;
  entry.bodies.push(wasm.subarray(fn.start, fn.start + fn.size));
  areas.set(area, entry);
}
const codeBytes = functions.reduce((sum, fn) => sum + fn.size, 0);
console.log('');
console.log(
  `wasm: ${kb(wasm.length)} (${kb(gzip(wasm))} gzipped), code ${kb(codeBytes)} in ${functions.length} functions`,
);
console.log(`${pad('  code by area', 62)}${padLeft('raw', 10)}${padLeft('gzip', 10)}${padLeft('functions', 11)}`);
for (const [area, entry] of [...areas].sort((a, b) => b[1].bytes - a[1].bytes)) {
  console.log(
    `${pad('  ' + area, 62)}${padLeft(kb(entry.bytes), 10)}${padLeft(kb(gzip(Buffer.concat(entry.bodies))), 10)}${padLeft(entry.count, 11)}`,
  );
}
console.log(`  largest functions:`);
for (const fn of [...functions].sort((a, b) => b.size - a.size).slice(0, Number(values.top))) {
  console.log(`${padLeft(kb(fn.size), 12)}  ${fn.name.length > 100 ? fn.name.slice(0, 99) + '…' : fn.name}`);
}

// ---- the widget bundle by folder (minified bytes each input contributes)
const bundled = await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: [entry],
  bundle: true,
  format: 'iife',
  target: 'es2019',
  minify: true,
  write: false,
  metafile: true,
  logLevel: 'warning',
});
const folders = new Map();
for (const [file, input] of Object.entries(Object.values(bundled.metafile.outputs)[0].inputs)) {
  const folder = /^www\/js\/widgets\/[^/]+\//.test(file) ? file.split('/').slice(0, 4).join('/') : path.dirname(file);
  folders.set(folder, (folders.get(folder) ?? 0) + input.bytesInOutput);
}
console.log('');
console.log(`${pad('widget bundle by folder (minified, before gzip)', 62)}${padLeft('raw', 10)}`);
for (const [folder, bytes] of [...folders].sort((a, b) => b[1] - a[1])) {
  console.log(`${pad('  ' + folder, 62)}${padLeft(kb(bytes), 10)}`);
}

// ---------------------------------------------------------------- helpers

// The function bodies of a wasm binary's code section: index (imports counted first), offset, size.
function codeSectionFunctions(bytes) {
  let offset = 8; // magic + version
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[offset++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  let importedFunctions = 0;
  const found = [];
  while (offset < bytes.length) {
    const id = bytes[offset++];
    const size = leb();
    const end = offset + size;
    if (id === 2) importedFunctions = countFunctionImports();
    if (id === 10) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const bodySize = leb();
        found.push({ index: importedFunctions + i, start: offset, size: bodySize });
        offset += bodySize;
      }
    }
    offset = end;
  }
  return found;

  function countFunctionImports() {
    let functionsImported = 0;
    const count = leb();
    for (let i = 0; i < count; i++) {
      for (let name = 0; name < 2; name++) {
        const length = leb(); // module name, then field name (read before `offset +=` reads offset)
        offset += length;
      }
      const kind = bytes[offset++];
      if (kind === 0) {
        leb(); // type index
        functionsImported++;
      } else if (kind === 1) {
        offset++; // element type
        limits();
      } else if (kind === 2) {
        limits();
      } else if (kind === 3) {
        offset += 2; // value type, mutability
      }
    }
    return functionsImported;
  }

  function limits() {
    const flags = leb();
    leb();
    if (flags & 1) leb();
  }
}

// Emscripten's --emit-symbol-map: "index:name" per line, names demangled with \xx escapes.
function readSymbolMap(file) {
  const map = new Map();
  if (!fs.existsSync(file)) return map;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(colon + 1).replace(/\\([0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    map.set(Number(line.slice(0, colon)), name);
  }
  return map;
}

function areaOf(name) {
  const rules = [
    [/^descent::bindings::|^EMSCRIPTEN_BINDINGS|^embind_init/, 'bindings/ (embind marshalling)'],
    [/^(void |float |double |bool |int |Eigen::[^ ]+ )?descent::nn::/, 'core nn/ (layers, networks, training)'],
    [/^(void |double )?descent::autograd::/, 'core autograd/ (formula parser and graph)'],
    [/^(void |float |double |bool |int |std::[^ ]+ )?descent::/, 'core: optimizers, surfaces, data, viz, sims'],
    [/emscripten::|^_embind|^__embind|^embind/, 'embind runtime'],
    [/Eigen::/, 'Eigen (out-of-line)'],
    [/^(void |bool )?std::|^__cxx|^__cxa|^operator (new|delete)/, 'C++ standard library'],
  ];
  for (const [pattern, area] of rules) if (pattern.test(name)) return area;
  return 'C library (malloc, printf, strtod, libm) and the rest';
}

process.exitCode = 0;
