// The site's parts: parts/<part>.js next to descent.js, one per Emscripten module the WebAssembly
// build makes (CMakeLists.txt: build/wasm/descent-part-<part>.js exports the binding files of one
// group of widgets; build/wasm/descent-core.js, the whole API, becomes parts/all.js). Each file is
// a classic script that registers {factory, wasm, widgets} in globalThis.DescentParts
// (www/js/core.js loads it on demand, once; the wasm is compiled once):
//   factory  the Emscripten module factory (its glue, wrapped so that it defines no global and
//            does not take a host page's AMD `define` or CommonJS `module` for its own)
//   widgets  the part's widget classes by tag (widget-parts.mjs; none in parts/all.js)
//   wasm     the .wasm, deflate-compressed, as base64: on the wire it costs about its gzip size,
//            a third of the raw size (base64 of the plain bytes gzips 40% worse); the browser's
//            DecompressionStream inflates it while it compiles. Nothing is fetched, so file://
//            pages and a host page whose Content-Security-Policy limits connect-src work.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';

import { fail, rel } from './util.mjs';

const PART_PREFIX = 'descent-part-';

// [{part, gluePath}] for parts/all.js and every part built next to CORE_PATH (descent-core.js).
export function corePartSources(corePath) {
  const dir = path.dirname(corePath);
  const parts = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(PART_PREFIX) && name.endsWith('.js'))
    .sort()
    .map((name) => ({ part: name.slice(PART_PREFIX.length, -3), gluePath: path.join(dir, name) }));
  if (parts.length === 0) fail(`no ${PART_PREFIX}*.js next to ${rel(corePath)}: build the WebAssembly core first`);
  return [{ part: 'all', gluePath: corePath }, ...parts];
}

// The three pieces of parts/<part>.js (build-scripts/size-report.mjs weighs each): the core's glue,
// the widgets (WIDGETS: a script defining `var descentPartWidgets`, or '' for none) and the wasm.
export function partPieces({ part, gluePath }, widgets) {
  const wasmPath = gluePath.replace(/\.js$/, '.wasm');
  if (!fs.existsSync(wasmPath)) fail(`${rel(wasmPath)} not found: build the WebAssembly core first`);
  const glue = fs.readFileSync(gluePath, 'utf8').trimEnd();
  if (!/createDescentCore/.test(glue)) {
    fail(`${rel(gluePath)} does not define createDescentCore; is it an Emscripten MODULARIZE build of the core?`);
  }
  const wasm = zlib.deflateRawSync(fs.readFileSync(wasmPath), { level: 9 }).toString('base64');
  const classes = widgets ? 'descentPartWidgets.default' : '{}';
  return {
    glue: `// Descent: the site's part "${part}" (www/js/core.js loads it)\n(function (define, exports, module) {\n${glue}`,
    widgets: widgets.trimEnd(),
    wasm:
      `(globalThis.DescentParts = globalThis.DescentParts || {})[${JSON.stringify(part)}] = ` +
      `{ factory: createDescentCore, widgets: ${classes}, wasm: '${wasm}' };\n})();\n`,
  };
}

export const partScript = (source, widgets) => {
  const { glue, widgets: code, wasm } = partPieces(source, widgets);
  return [glue, code, wasm].filter(Boolean).join('\n');
};

// Fails the build unless every widget names a part (its element's static corePart) that exports
// the core functions its registry entry lists; returns {part → [tags]}.
export async function checkWidgetParts(widgets, sharedFunctions, sources) {
  const require = createRequire(import.meta.url);
  const exported = new Map();
  for (const { part, gluePath } of sources) {
    if (part === 'all') continue;
    let module;
    try {
      module = await require(gluePath)();
    } catch (error) {
      fail(`cannot load ${rel(gluePath)} in node: ${error.message}`);
    }
    exported.set(part, module);
  }
  const users = {};
  for (const widget of widgets) {
    const part = widget.element.corePart;
    const where = `<${widget.tag}> (its element's static corePart)`;
    if (!exported.has(part))
      fail(`${where}: "${part}" is not a part of the core; there are ${[...exported.keys()].join(', ')}`);
    for (const name of [...sharedFunctions, ...widget.core]) {
      if (typeof exported.get(part)[name] !== 'function') {
        fail(
          `${where}: the core's part "${part}" does not export ${name}() (CMakeLists.txt lists each part's binding files)`,
        );
      }
    }
    (users[part] ??= []).push(widget.tag);
  }
  return users;
}

// HTML with its own widgets' parts loaded right after descent.js, as parser-blocking scripts, so
// they load and their cores compile while the page parses. Without them the widget loader asks for
// a part only when the parser reaches its tag, and an inserted script runs only when the parser
// yields: 120-190 ms later on a lesson page. Tags inside <template> (the gallery's widgets, made
// live on demand) do not count. PART_OF: Map tag → part.
export function withPartScripts(html, partOf) {
  const shown = html.replace(/<template[\s>][\s\S]*?<\/template>/g, '');
  const parts = new Set();
  for (const match of shown.matchAll(/<(descent-[a-z0-9-]+)[\s>]/g)) {
    if (partOf.has(match[1])) parts.add(partOf.get(match[1]));
  }
  if (parts.size === 0) return html;
  return html.replace(/<script src="([^"]*)descent\.js"><\/script>/, (tag, prefix) =>
    [tag, ...[...parts].map((part) => `<script src="${prefix}parts/${part}.js"></script>`)].join('\n'),
  );
}
