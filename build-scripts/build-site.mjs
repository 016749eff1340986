#!/usr/bin/env node
// Builds the static site into one folder that works from file:// and any static host.
//
//   node build-scripts/build-site.mjs --core build/wasm/descent-core.js --out build/site
//        [--thumbnails build/thumbnails]
//
// Output:
//   OUT/descent.js             what every widget shares (www/js/main.js, www/js/ui/, the base class,
//                              the loaders), a classic script (build-scripts/site/widget-parts.mjs)
//   OUT/parts/<part>.js        a group of widgets and the part of the WebAssembly core they call,
//                              each loaded when the page has one of its widgets
//                              (build-scripts/site/parts.mjs); parts/all.js is the whole JS API
//   OUT/site.js                what only the site's pages use (www/js/site.js: lessons' experiments, progress)
//   OUT/site-theme.js          the reader's stored theme, applied in each page's <head> before the first paint
//   OUT/data/digits.js         6,000 MNIST digits, a classic script loaded on demand by loadDigits()
//                              (build-scripts/data/digits.mjs; the convention: www/js/data/data-script.js)
//   OUT/index.html             home page, with the course map (lessons/tracks.json and lessons/*.md)
//                              and the widget gallery (from the widget registry,
//                              www/js/widgets/registry.js) generated
//   OUT/embed.html             embed page, with a section and attribute table per registered widget
//   OUT/*.html                 every other www/*.html
//   OUT/embed-example.html     the two-line teacher snippet, nothing else
//   OUT/lessons/<slug>.html    one page per lessons/*.md, maths turned into MathML at build time by KaTeX
//   OUT/css/                   copy of www/css/
//   OUT/images/lessons/        with --thumbnails DIR: each lesson's picture, DIR/<slug>.webp, made
//                              by build-scripts/thumbnails.mjs from a previous build; a lesson
//                              without one gets a card without a picture
//
// Relative --core/--out paths are resolved against the current directory; sources
// (www/, lessons/) are read from the repository this script lives in. Output is deterministic:
// the same sources give byte-identical files.
//
// The work is split by concern under build-scripts/site/: lessons (front matter, maths, Markdown),
// checks (lesson widgets and "try this" buttons, offline pages), registry (the widget registry and
// the core's catalogs read in node), pages (the generated blocks), output (the folder, descent.js);
// the data files under build-scripts/data/.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';

import { buildDigitsScript } from './data/digits.mjs';
import { checkOffline } from './site/checks.mjs';
import { buildCourse, loadTracks } from './site/course.mjs';
import { lessonPage, loadLessons } from './site/lessons.mjs';
import { checkWidgetParts, corePartSources, partScript, withPartScripts } from './site/parts.mjs';
import { SiteWriter, bundleScripts } from './site/output.mjs';
import { fillPage, focusableCodeBlocks, pageBlocks } from './site/pages.mjs';
import { bundleWidgetScripts } from './site/widget-parts.mjs';
import { loadCoreCatalogs, loadRegistryModule, loadWidgets } from './site/registry.mjs';
import { BuildError, WWW, fail, listDir } from './site/util.mjs';

// Exactly the two lines a teacher pastes (no trailing newline, nothing else).
const EMBED_EXAMPLE = '<script src="descent.js"></script>\n<descent-gd></descent-gd>';

// ---------------------------------------------------------------- command line

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        core: { type: 'string' },
        out: { type: 'string' },
        thumbnails: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(`${error.message}\n${usage()}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(usage() + '\n');
    process.exit(0);
  }
  if (!values.core) fail(`missing --core <path to the Emscripten build, e.g. build/wasm/descent-core.js>\n${usage()}`);
  if (!values.out) fail(`missing --out <output folder, e.g. build/site>\n${usage()}`);
  const core = path.resolve(values.core);
  if (!fs.existsSync(core) || !fs.statSync(core).isFile()) {
    fail(
      `--core file not found: ${values.core}\n` +
        'Build the WebAssembly core first (the MODULARIZE classic script that defines ' +
        'createDescentCore, with its descent-core.wasm beside it), then re-run this script.',
    );
  }
  const thumbnails = values.thumbnails === undefined ? null : path.resolve(values.thumbnails);
  return { core, out: path.resolve(values.out), thumbnails };
}

function usage() {
  return 'usage: node build-scripts/build-site.mjs --core build/wasm/descent-core.js --out build/site [--thumbnails build/thumbnails]';
}

// ---------------------------------------------------------------- lesson pictures

const thumbnailPath = (slug) => `images/lessons/${slug}.webp`;

// slug → DIR/<slug>.webp, for the lessons that have a picture in DIR (none without --thumbnails).
function lessonThumbnails(dir, lessons) {
  if (dir === null) return new Map();
  if (!fs.existsSync(dir)) fail(`--thumbnails folder not found: ${dir} (build-scripts/thumbnails.mjs makes it)`);
  const files = lessons.map((lesson) => [lesson.slug, path.join(dir, `${lesson.slug}.webp`)]);
  return new Map(files.filter(([, file]) => fs.existsSync(file)));
}

// ---------------------------------------------------------------- main

async function main() {
  // Output piped into e.g. `head` may close early; the build itself has finished by then.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const options = readOptions(process.argv.slice(2));
  const site = new SiteWriter(options.out);

  // Do everything that can fail before touching the output folder.
  const coreSources = corePartSources(options.core);
  const siteScript = await bundleScripts(path.join(WWW, 'js', 'site.js'));
  const themeScript = await bundleScripts(path.join(WWW, 'js', 'site-theme.js'));
  const digitsScript = buildDigitsScript();
  const catalogs = await loadCoreCatalogs(options.core);
  const widgets = await loadWidgets(catalogs);
  const { choicesOf, formatValue, SHARED_CORE_FUNCTIONS } = await loadRegistryModule();
  await checkWidgetParts(widgets, SHARED_CORE_FUNCTIONS, coreSources);
  const { descentScript, partWidgets } = await bundleWidgetScripts(widgets);
  const stateAttributes = new Map(
    widgets.map((widget) => [widget.tag, new Set(widget.schema.map((entry) => entry.name))]),
  );
  const lessons = loadLessons(stateAttributes);
  const tracks = buildCourse(lessons, loadTracks());
  const thumbnailFiles = lessonThumbnails(options.thumbnails, lessons);
  const thumbnails = new Map([...thumbnailFiles.keys()].map((slug) => [slug, thumbnailPath(slug)]));
  const templatePath = path.join(WWW, 'templates', 'lesson.html');
  if (!fs.existsSync(templatePath)) fail('missing www/templates/lesson.html');
  const template = fs.readFileSync(templatePath, 'utf8');

  const blocks = pageBlocks({ widgets, lessons, tracks, thumbnails, catalogs, choicesOf, formatValue });
  const pages = [];
  for (const entry of listDir(WWW)) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const html = fs.readFileSync(path.join(WWW, entry.name), 'utf8');
    pages.push({ name: entry.name, html: focusableCodeBlocks(fillPage(entry.name, html, blocks)) });
  }
  const lessonPages = lessons.map((lesson, index) => ({
    name: `lessons/${lesson.slug}.html`,
    html: focusableCodeBlocks(lessonPage(template, lessons, index)),
  }));
  // The embed page shows every widget, far down the page: its parts load on demand.
  const partOf = new Map(widgets.map((widget) => [widget.tag, widget.element.corePart]));
  for (const page of [...pages, ...lessonPages]) {
    if (page.name !== 'embed.html') page.html = withPartScripts(page.html, partOf);
  }
  for (const page of [...pages, ...lessonPages]) checkOffline(page.html, page.name);

  site.prepare();
  site.write('descent.js', descentScript);
  for (const source of coreSources) {
    site.write(`parts/${source.part}.js`, partScript(source, partWidgets.get(source.part) ?? ''));
  }
  site.write('site.js', siteScript);
  site.write('site-theme.js', themeScript);
  site.write('data/digits.js', digitsScript);
  for (const page of pages) site.write(page.name, page.html);
  for (const page of lessonPages) site.write(page.name, page.html);
  site.write('embed-example.html', EMBED_EXAMPLE);
  if (fs.existsSync(path.join(WWW, 'css'))) site.copyDir(path.join(WWW, 'css'), 'css');
  if (fs.existsSync(path.join(WWW, 'images'))) site.copyDir(path.join(WWW, 'images'), 'images');
  for (const [slug, file] of thumbnailFiles) site.copyFile(file, thumbnailPath(slug));
  // Browsers ask for /favicon.ico even on a bare embed page; answer instead of a 404.
  site.copyFile(path.join(WWW, 'favicon.ico'), 'favicon.ico');

  process.stdout.write(
    `build-site: ${path.relative(process.cwd(), options.out) || '.'} (${lessons.length} lesson${lessons.length === 1 ? '' : 's'}, ${widgets.length} widgets)\n`,
  );
  site.report();
}

main().catch((error) => {
  if (error instanceof BuildError) {
    process.stderr.write(`build-site: error: ${error.message}\n`);
  } else {
    process.stderr.write(`build-site: unexpected error: ${error.stack ?? error}\n`);
  }
  process.exit(1);
});
