// descent.js and the widget code of each part of the site (parts/<part>.js, with the core's part:
// core-parts.mjs). A page loads descent.js — the code every widget shares (www/js/ui/, the base
// class, the loaders) and a list of which part holds which tag — and then, for the widget tags it
// has, only their parts (www/js/widgets/widget-loader.js). A widget's part is its element's
// static corePart; its code is its folder, www/js/widgets/<tag without descent->/.
//
// A part's widget code imports shared modules as usual; the bundle takes each of them from
// descent.js instead of carrying a copy (Descent.modules, keyed by path under www/js/), so every
// module exists once per page and module-level state (caches, the page's one core per part) is
// shared. Which modules descent.js exports is found by bundling the parts first.
import path from 'node:path';

import esbuild from 'esbuild';

import { ROOT, WWW, fail } from './util.mjs';

const JS = path.join(WWW, 'js');
const folderOf = (tag) => tag.replace(/^descent-/, '');
const relJs = (file) => path.relative(JS, file).split(path.sep).join('/');

const BUNDLE_OPTIONS = {
  absWorkingDir: ROOT,
  bundle: true,
  target: 'es2019',
  platform: 'browser',
  minify: true,
  legalComments: 'none',
  sourcemap: false,
  write: false,
  logLevel: 'warning',
};

// {part → [widget]} from the registry's widgets, in registry order.
export function widgetsByPart(widgets) {
  const parts = new Map();
  for (const widget of widgets) {
    const part = widget.element.corePart;
    if (!parts.has(part)) parts.set(part, []);
    parts.get(part).push(widget);
  }
  return parts;
}

// {descentScript, partWidgets: Map(part → script defining `var descentPartWidgets`)}.
export async function bundleWidgetScripts(widgets) {
  const shared = new Set();
  const partWidgets = new Map();
  for (const [part, members] of widgetsByPart(widgets)) {
    partWidgets.set(part, await bundlePart(part, members, shared));
  }
  const descentScript = await bundleDescent(widgets, [...shared].sort());
  return { descentScript, partWidgets };
}

// One part's widget classes as `var descentPartWidgets = {default: {tag: class}}`; every module
// outside the part's widget folders is taken from descent.js and added to SHARED.
async function bundlePart(part, members, shared) {
  const own = members.map((widget) => path.join(JS, 'widgets', folderOf(widget.tag)) + path.sep);
  const imports = members.map(
    (widget, i) => `import { ${widget.element.name} as W${i} } from './widgets/${folderOf(widget.tag)}/element.js';`,
  );
  const table = members.map((widget, i) => `  ${JSON.stringify(widget.tag)}: W${i},`);
  const fromDescent = {
    name: 'modules-from-descent-js',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind === 'entry-point' || !args.resolveDir.startsWith(JS)) return undefined;
        const file = path.resolve(args.resolveDir, args.path);
        if (own.some((folder) => file.startsWith(folder))) return undefined;
        shared.add(relJs(file));
        return { path: relJs(file), namespace: 'descent-js' };
      });
      build.onLoad({ filter: /.*/, namespace: 'descent-js' }, (args) => ({
        contents: `module.exports = globalThis.Descent.modules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
  return bundle(`part "${part}"`, `${imports.join('\n')}\nexport default {\n${table.join('\n')}\n};\n`, {
    format: 'iife',
    globalName: 'descentPartWidgets',
    plugins: [fromDescent],
  });
}

// descent.js: main.js, the shared modules in Descent.modules, and the widget loader's tag → part.
function bundleDescent(widgets, shared) {
  const partOf = Object.fromEntries(widgets.map((widget) => [widget.tag, widget.element.corePart]));
  const entry = [
    "import './main.js';",
    "import { defineWidgetsOnDemand } from './widgets/widget-loader.js';",
    ...shared.map((file, i) => `import * as M${i} from './${file}';`),
    `globalThis.Descent.modules = {\n${shared.map((file, i) => `  ${JSON.stringify(file)}: M${i},`).join('\n')}\n};`,
    `defineWidgetsOnDemand(${JSON.stringify(partOf)});`,
  ].join('\n');
  return bundle('descent.js', entry, { format: 'iife' });
}

async function bundle(what, contents, options) {
  try {
    const result = await esbuild.build({
      ...BUNDLE_OPTIONS,
      ...options,
      stdin: { contents, resolveDir: JS, sourcefile: `${what}-entry.js`, loader: 'js' },
    });
    return result.outputFiles[0].text;
  } catch (error) {
    fail(`esbuild could not bundle ${what} (see the messages above)`);
  }
}
