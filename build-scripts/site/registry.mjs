// The widget registry (www/js/widgets/registry.js) and the core's catalogs, read in node.
//
// The registry imports the widgets' element classes, which extend HTMLElement; esbuild bundles
// it to one ES module (package.json says commonjs while www/ is written as ES modules) with a
// stand-in HTMLElement, imported from a data: URL. No element is constructed or defined here.
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import path from 'node:path';

import esbuild from 'esbuild';

import { WWW, fail, rel } from './util.mjs';

const ENTRY = `
export { WIDGETS, SHARED_CORE_FUNCTIONS } from './widgets/registry.js';
export { readCoreCatalogs, choicesOf } from './core-catalogs.js';
export { formatValue } from './ui/state-schema.js';
`;

let modulePromise = null;

// {WIDGETS, SHARED_CORE_FUNCTIONS, readCoreCatalogs, choicesOf, formatValue}
export function loadRegistryModule() {
  modulePromise ??= (async () => {
    let result;
    try {
      result = await esbuild.build({
        stdin: { contents: ENTRY, resolveDir: path.join(WWW, 'js'), sourcefile: 'registry-entry.js', loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        write: false,
        logLevel: 'silent',
        banner: { js: 'globalThis.HTMLElement ??= class HTMLElement {};' },
      });
    } catch (error) {
      fail(`esbuild could not bundle www/js/widgets/registry.js for the build:\n${error.message}`);
    }
    return import('data:text/javascript;base64,' + Buffer.from(result.outputFiles[0].text).toString('base64'));
  })();
  return modulePromise;
}

// The registry's widgets, each checked: a tag, a title, a summary, a schema whose every entry has
// a description, and the core functions it calls. A schema made from the core's catalogs is made
// from `catalogs` (loadCoreCatalogs).
export async function loadWidgets(catalogs) {
  const { WIDGETS } = await loadRegistryModule();
  const seen = new Set();
  const widgets = WIDGETS.map((widget) => ({
    ...widget,
    schema: typeof widget.schema === 'function' ? widget.schema(catalogs) : widget.schema,
  }));
  for (const widget of widgets) {
    const where = `www/js/widgets/registry.js: ${widget.tag ?? '(no tag)'}`;
    if (!/^descent-[a-z0-9-]+$/.test(widget.tag ?? '')) fail(`${where}: the tag must be descent-<name>`);
    if (seen.has(widget.tag)) fail(`${where}: listed twice`);
    seen.add(widget.tag);
    for (const key of ['title', 'summary'])
      if (typeof widget[key] !== 'string' || !widget[key].trim()) fail(`${where}: '${key}' (text) is required`);
    if (typeof widget.element !== 'function') fail(`${where}: 'element' must be the element class`);
    if (!Array.isArray(widget.schema) || widget.schema.length === 0)
      fail(`${where}: 'schema' must be the state schema`);
    if (!Array.isArray(widget.core)) fail(`${where}: 'core' must list the core functions it calls`);
    for (const entry of widget.schema) {
      if (typeof entry.description !== 'string' || !entry.description.trim())
        fail(`${where}: schema entry '${entry.name}' has no description`);
    }
  }
  return widgets;
}

// The catalogs the core owns, read from the built core (--core) in node: the same calls the
// widgets make at start-up.
export async function loadCoreCatalogs(corePath) {
  const { readCoreCatalogs } = await loadRegistryModule();
  let core;
  try {
    const require = createRequire(import.meta.url);
    core = await require(corePath)();
  } catch (error) {
    fail(`cannot load ${rel(corePath)} in node to read the core's catalogs: ${error.message}`);
  }
  return readCoreCatalogs(core);
}
