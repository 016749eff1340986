#!/usr/bin/env node
// What the site's scripts weigh, and where the weight is: descent.js (what every widget shares) and
// each part (parts/<part>.js: the core's Emscripten glue, the part's widgets, its compressed wasm),
// raw and gzipped; what a page with one widget loads (descent.js + the widget's part) against the
// budget; the whole core's wasm code by area (from the symbol map the build writes next to it) and
// its largest functions; and the widget code by folder. Run after build-scripts/build.sh
// (bench.sh runs it).
//
//   node build-scripts/size-report.mjs [--core build/wasm/descent-core.js] [--top 12]
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

import esbuild from 'esbuild';

import { corePartSources, partPieces } from './site/parts.mjs';
import { loadCoreCatalogs, loadWidgets } from './site/registry.mjs';
import { bundleWidgetScripts } from './site/widget-parts.mjs';
import { ROOT } from './site/util.mjs';

// Issue 18: descent.js, core + today's 13 widgets, ≤ 250 KB gzipped. Since the core loads in
// parts, the budget holds for what a page with one widget loads: descent.js + that widget's part.
const BUDGET_GZIP_BYTES = 250 * 1024;

// Each area of the curriculum states its growth, in KB gzipped, and the growth the area may add.
// Until 65086b3 the whole core was in descent.js and growth was measured on it (each end measured
// once by building that commit); since then on what a page of the area loads (descent.js + the
// area's part, which since 4340394 also carries the part's widgets).
const AREA_BUDGETS = [
  {
    area: 'convolution (issue 19)',
    from: ['90c17ba', 394.8],
    to: ['1ed223b', 432.7], // ~4 KB of it is issue 17's learning-rate explorer, merged meanwhile
    budget: 25,
  },
  // Before the widgets moved into the parts: +16.0 KB on descent.js from 1ed223b to the core's
  // split (65086b3), +4.7 KB of core (activation maximisation, MLP mode, batch norm) and ~11.9 KB
  // of the <descent-cnn> widget's code (36.1 KB minified, at the vision widgets' 0.33 gzip ratio);
  // from there on descent.js + parts/vision.js.
  { area: 'CNNs (issue 20)', part: 'vision', spent: 32.6, from: ['4340394', 194.2], budget: 30 },
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

// Every widget and what it imports (the registry imports each widget's element).
const entry = path.join(ROOT, 'www', 'js', 'widgets', 'registry.js');
const gzip = (data) => zlib.gzipSync(data, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);
const row = (name, raw, gz) => console.log(`${pad('  ' + name, 62)}${padLeft(kb(raw), 10)}${padLeft(kb(gz), 10)}`);
const size = (text) => ({ raw: Buffer.byteLength(text), gz: gzip(text) });

// ---- descent.js and the parts
const widgetList = await loadWidgets(await loadCoreCatalogs(corePath));
const { descentScript, partWidgets } = await bundleWidgetScripts(widgetList);
const descent = size(descentScript);
console.log(`${pad('site scripts', 62)}${padLeft('raw', 10)}${padLeft('gzip', 10)}`);
row('descent.js: what every widget shares (www/js, minified)', descent.raw, descent.gz);
const parts = new Map();
for (const source of corePartSources(corePath)) {
  const pieces = partPieces(source, partWidgets.get(source.part) ?? '');
  const total = size([pieces.glue, pieces.widgets, pieces.wasm].filter(Boolean).join('\n'));
  parts.set(source.part, total);
  row(`parts/${source.part}.js`, total.raw, total.gz);
  row(`  Emscripten glue + checked API (bindings/*.pre.js)`, size(pieces.glue).raw, size(pieces.glue).gz);
  if (pieces.widgets)
    row(`  widgets (www/js/widgets/<folder>/, minified)`, size(pieces.widgets).raw, size(pieces.widgets).gz);
  row(`  wasm, deflate-compressed, base64`, size(pieces.wasm).raw, size(pieces.wasm).gz);
}
console.log('');
console.log(`a page with one widget loads descent.js + its part (budget ${kb(BUDGET_GZIP_BYTES)} gzipped):`);
for (const [part, total] of parts) {
  if (part === 'all') continue;
  const page = descent.gz + total.gz;
  const over = page - BUDGET_GZIP_BYTES;
  const tags = widgetList.filter((widget) => widget.element.corePart === part).map((widget) => widget.tag.slice(8));
  console.log(
    `${pad(`  ${part} (${tags.join(', ')})`, 62)}${padLeft(kb(page), 20)}  ${over > 0 ? `over by ${kb(over)}` : `${kb(-over)} to spare`}`,
  );
}
console.log(`  (parts/all.js, the whole JS API, loads only when a page calls createDescentCore())`);
for (const { area, part, spent = 0, from, to, budget } of AREA_BUDGETS) {
  const now = part ? (descent.gz + parts.get(part).gz) / 1024 : null;
  const growth = spent + (to ? to[1] : now) - from[1];
  const span = to
    ? `from ${from[0]} to ${to[0]}`
    : `+${spent.toFixed(1)} KB before ${from[0]}, then descent.js + parts/${part}.js`;
  const verdict = growth > budget ? `over by ${(growth - budget).toFixed(1)} KB` : 'within it';
  console.log(`(${area}, ${span}: +${growth.toFixed(1)} KB of its ${budget} KB growth budget, ${verdict})`);
}
const built = path.join(ROOT, 'build', 'site', 'descent.js');
if (fs.existsSync(built) && fs.readFileSync(built, 'utf8') !== descentScript) {
  console.log('(build/site/descent.js differs from this bundle: rebuild the site to measure what ships)');
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
console.log(`${pad('widget code by folder (minified, before gzip)', 62)}${padLeft('raw', 10)}`);
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
