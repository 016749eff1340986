#!/usr/bin/env node
// Builds the static site into one folder that works from file:// and any static host.
//
//   node build-scripts/build-site.mjs --core build/wasm/descent-core.js --out build/site
//        [--entry www/js/main.js]
//
// Output:
//   OUT/descent.js             the Emscripten core (classic script, wasm embedded) + the widget bundle
//   OUT/index.html             home page, with the lesson list generated from lessons/*.md
//   OUT/embed.html (and every other www/*.html)
//   OUT/embed-example.html     the two-line teacher snippet, nothing else
//   OUT/lessons/<slug>.html    one page per lessons/*.md, maths typeset at build time by KaTeX
//   OUT/css/                   copy of www/css/
//   OUT/vendor/katex/          katex.min.css + the woff2 fonts it references
//
// Relative --core/--out/--entry paths are resolved against the current directory; sources
// (www/, lessons/) are read from the repository this script lives in. Output is deterministic:
// the same sources give byte-identical files.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import esbuild from 'esbuild';
import katex from 'katex';
import { Marked } from 'marked';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const LESSONS = path.join(ROOT, 'lessons');
const KATEX_DIST = path.join(ROOT, 'node_modules', 'katex', 'dist');
const LESSONS_MARKER = '<!-- LESSONS -->';
// Exactly the two lines a teacher pastes (no trailing newline, nothing else).
const EMBED_EXAMPLE = '<script src="descent.js"></script>\n<descent-gd></descent-gd>';

class BuildError extends Error {}
const fail = (message) => {
  throw new BuildError(message);
};

// ---------------------------------------------------------------- command line

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        core: { type: 'string' },
        out: { type: 'string' },
        entry: { type: 'string' },
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
        'Build the WebAssembly core first (it must be the MODULARIZE + SINGLE_FILE classic script ' +
        'that defines createDescentCore), then re-run this script.',
    );
  }
  const entry = path.resolve(values.entry ?? path.join(ROOT, 'www', 'js', 'main.js'));
  if (!fs.existsSync(entry)) fail(`--entry file not found: ${entry}`);
  return { core, out: path.resolve(values.out), entry };
}

function usage() {
  return 'usage: node build-scripts/build-site.mjs --core build/wasm/descent-core.js --out build/site [--entry www/js/main.js]';
}

// ---------------------------------------------------------------- small helpers

const rel = (file) => path.relative(ROOT, file) || '.';

function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Sorted listing so the build never depends on directory order.
function listDir(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// Replaces {{name}} placeholders; every placeholder must be known, every value is inserted verbatim.
function fillTemplate(template, values, templateName) {
  return template.replace(/\{\{\s*([a-zA-Z_]+)\s*\}\}/g, (whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) fail(`${templateName}: unknown placeholder ${whole}`);
    return values[name];
  });
}

const lineAt = (text, index) => text.slice(0, index).split('\n').length;

// ---------------------------------------------------------------- output folder

class SiteWriter {
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

async function bundleScripts(entry) {
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      minify: false,
      sourcemap: false,
      write: false,
      logLevel: 'warning',
    });
  } catch (error) {
    fail(`esbuild could not bundle ${rel(entry)} (see the messages above)`);
  }
  return result.outputFiles[0].text;
}

// ---------------------------------------------------------------- lessons: front matter

function parseScalar(raw, where) {
  const value = raw.trim();
  if (value === '') return '';
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
    if (value.length < 2) fail(`${where}: unterminated quoted value`);
    const inner = value.slice(1, -1);
    return value[0] === '"' ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function splitFlowList(raw, where) {
  const inner = raw.trim().slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((item) => parseScalar(item, where));
}

// A small YAML subset: `key: value`, `key: [a, b]`, and `key:` followed by `- item` lines.
function parseFrontMatter(text, file) {
  const lines = text.split('\n');
  if (lines[0].trim() !== '---') fail(`${file}:1: a lesson must start with a '---' front-matter block`);
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) fail(`${file}:1: front matter is not closed by a '---' line`);
  const data = {};
  let listKey = null;
  for (let index = 1; index < end; index += 1) {
    const line = lines[index];
    const where = `${file}:${index + 1}`;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      data[listKey].push(parseScalar(item[1], where));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) fail(`${where}: cannot read front-matter line: ${line}`);
    const [, key, rawValue] = pair;
    if (Object.prototype.hasOwnProperty.call(data, key)) fail(`${where}: duplicate front-matter key '${key}'`);
    listKey = null;
    if (rawValue.trim() === '') {
      data[key] = [];
      listKey = key;
    } else if (rawValue.trim().startsWith('[')) {
      if (!rawValue.trim().endsWith(']')) fail(`${where}: list for '${key}' must close with ']' on the same line`);
      data[key] = splitFlowList(rawValue, where);
    } else {
      data[key] = parseScalar(rawValue, where);
    }
  }
  const body = lines.slice(end + 1).join('\n');
  return { data, body, bodyStartLine: end + 2 };
}

function validateFrontMatter(data, file) {
  const problems = [];
  const text = (key) => typeof data[key] === 'string' && data[key].trim() !== '';
  if (!text('title')) problems.push("'title' (text) is required");
  if (!text('summary')) problems.push("'summary' (text) is required");
  if (!Number.isInteger(data.order)) problems.push("'order' (integer) is required");
  if (typeof data.slug !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(data.slug)) {
    problems.push("'slug' is required: lower-case letters, digits and single hyphens");
  }
  if (data.widgets === undefined || data.widgets === '') data.widgets = [];
  if (!Array.isArray(data.widgets) || !data.widgets.every((w) => typeof w === 'string' && /^[a-z][a-z0-9]*-[a-z0-9-]+$/.test(w))) {
    problems.push("'widgets' must be a list of custom-element names, e.g. [descent-gd]");
  }
  if (problems.length) fail(`${file}: front matter: ${problems.join('; ')}`);
}

// ---------------------------------------------------------------- lessons: maths

// Pulls $...$ and $$...$$ out of the Markdown (skipping code) and renders them with KaTeX,
// leaving placeholders that Markdown cannot touch. Inline maths follows the usual rule: the
// opening $ is not followed by a space, the closing $ is not preceded by a space nor followed
// by a digit, and it stays within one paragraph and before any code span; anything else is a
// literal dollar sign (write \$ to force one).
function extractMath(body, file, firstLine) {
  const rendered = [];
  let out = '';
  let i = 0;
  const n = body.length;
  const atLineStart = (index) => index === 0 || body[index - 1] === '\n';

  const render = (tex, display, startIndex) => {
    const line = firstLine + lineAt(body, startIndex) - 1;
    let html;
    try {
      html = katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'warn', output: 'htmlAndMathml' });
    } catch (error) {
      const offset = typeof error.position === 'number' ? error.position : 0;
      const errorLine = line + lineAt(tex, Math.min(offset, tex.length)) - 1;
      fail(`${file}:${errorLine}: KaTeX cannot render ${display ? '$$' : '$'}${tex}${display ? '$$' : '$'}\n  ${error.message}`);
    }
    rendered.push({ html, display });
    return `DESCENTMATH${rendered.length - 1}X`;
  };

  while (i < n) {
    // Fenced code block: copy through to the closing fence untouched.
    if (atLineStart(i)) {
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(body.slice(i, i + 200));
      if (fence) {
        const marker = fence[1];
        let end = body.indexOf('\n', i);
        while (end >= 0) {
          const next = body.indexOf('\n', end + 1);
          const line = body.slice(end + 1, next < 0 ? n : next);
          if (line.trim().startsWith(marker[0].repeat(marker.length))) {
            end = next < 0 ? n : next;
            break;
          }
          end = next;
        }
        const stop = end < 0 ? n : end;
        out += body.slice(i, stop);
        i = stop;
        continue;
      }
    }
    const ch = body[i];
    if (ch === '\\' && i + 1 < n) {
      out += body.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '`') {
      // Inline code span: a run of backticks closed by a run of the same length.
      let run = 1;
      while (body[i + run] === '`') run += 1;
      const ticks = '`'.repeat(run);
      let close = body.indexOf(ticks, i + run);
      while (close >= 0 && body[close + run] === '`') close = body.indexOf(ticks, close + run + 1);
      const stop = close < 0 ? i + run : close + run;
      out += body.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '$' && body[i + 1] === '$') {
      const close = body.indexOf('$$', i + 2);
      if (close < 0) fail(`${file}:${firstLine + lineAt(body, i) - 1}: '$$' display maths is never closed`);
      const tex = body.slice(i + 2, close);
      if (tex.trim() === '') fail(`${file}:${firstLine + lineAt(body, i) - 1}: empty $$ $$ block`);
      out += render(tex, true, i);
      i = close + 2;
      continue;
    }
    if (ch === '$') {
      const close = findInlineClose(body, i);
      if (close < 0) {
        out += ch;
        i += 1;
        continue;
      }
      out += render(body.slice(i + 1, close), false, i);
      i = close + 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return { markdown: out, rendered };
}

function findInlineClose(body, open) {
  const first = body[open + 1];
  if (first === undefined || /\s/.test(first) || first === '$') return -1;
  for (let k = open + 1; k < body.length; k += 1) {
    const c = body[k];
    if (c === '\\') {
      k += 1;
      continue;
    }
    if (c === '\n' && body[k + 1] === '\n') return -1; // paragraph ended
    if (c === '`') return -1; // a code span starts: this $ was a literal dollar
    if (c === '$') {
      if (/\s/.test(body[k - 1]) || /\d/.test(body[k + 1] ?? '')) continue;
      return k;
    }
  }
  return -1;
}

function restoreMath(html, rendered) {
  const pick = (index) => rendered[Number(index)];
  return (
    html
      .replace(/<p>\s*DESCENTMATH(\d+)X\s*<\/p>/g, (whole, index) =>
        pick(index).display ? `<div class="math-display">${pick(index).html}</div>` : whole,
      )
      // Inline maths with punctuation stuck to it, e.g. "($\eta$)." — keep them on one line.
      .replace(/([(\[]+)?DESCENTMATH(\d+)X([.,;:!?)\]]+)?/g, (whole, before, index, after) => {
        const math = pick(index);
        if (math.display || (!before && !after)) return math.html;
        return `<span class="nowrap">${before ?? ''}${math.html}${after ?? ''}</span>`;
      })
  );
}

// ---------------------------------------------------------------- lessons: Markdown

function slugifyHeading(text) {
  return (
    text
      .replace(/<[^>]*>/g, '')
      .replace(/DESCENTMATH\d+X/g, '')
      .replace(/&[a-z#0-9]+;/gi, '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

function makeMarkdownRenderer() {
  let usedIds = new Map();
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        const base = slugifyHeading(inner);
        const count = usedIds.get(base) ?? 0;
        usedIds.set(base, count + 1);
        const id = count === 0 ? base : `${base}-${count + 1}`;
        return `<h${depth} id="${id}"><a class="anchor" href="#${id}" aria-hidden="true" tabindex="-1">#</a>${inner}</h${depth}>\n`;
      },
    },
  });
  return (markdown) => {
    usedIds = new Map();
    return marked.parse(markdown, { async: false });
  };
}

// ---------------------------------------------------------------- lessons: checks on the result

// The attribute names a "try this" button may set on each widget: the widget's state schema
// (STATE_ATTRIBUTES), read from the module the browser uses. esbuild bundles it to one ES module
// (package.json says commonjs while www/ is written as ES modules), imported from a data: URL.
const WIDGET_SCHEMAS = { 'descent-gd': 'gd/state.js', 'descent-race': 'race/state.js', 'descent-regularization': 'regularization/state.js', 'descent-dynamics': 'dynamics/state.js', 'descent-graph': 'graph/state.js', 'descent-backprop': 'backprop/state.js', 'descent-neuron': 'neuron/state.js', 'descent-playground': 'playground/state.js', 'descent-loss': 'loss/state.js', 'descent-activations': 'activations/state.js', 'descent-lr': 'lr/state.js', 'descent-sgd': 'sgd/state.js', 'descent-perceptron': 'perceptron/state.js' };

async function loadExperimentSchemas() {
  const schemas = new Map();
  for (const [tag, name] of Object.entries(WIDGET_SCHEMAS)) {
    const file = path.join(WWW, 'js', 'widgets', name);
    if (!fs.existsSync(file)) continue; // a lesson that targets this widget then fails below
    const { outputFiles } = await esbuild.build({ entryPoints: [file], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
    const module = await import('data:text/javascript;base64,' + Buffer.from(outputFiles[0].text).toString('base64'));
    if (!Array.isArray(module.STATE_ATTRIBUTES)) fail(`${rel(file)} must export STATE_ATTRIBUTES (an array of attribute names)`);
    schemas.set(tag, new Set(module.STATE_ATTRIBUTES));
  }
  return schemas;
}

function attributesOf(tag) {
  const attributes = {};
  const pattern = /([a-zA-Z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tag.replace(/^<[a-zA-Z][\w-]*/, '').replace(/\/?>$/, '');
  let match;
  while ((match = pattern.exec(inner))) attributes[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  return attributes;
}

const decodeEntities = (text) =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function checkLessonHtml(html, source, file, frontMatter, schemas) {
  // id -> tag name of every element on the page that has an id.
  const ids = new Map();
  for (const match of html.matchAll(/<([a-zA-Z][\w-]*)\b[^>]*>/g)) {
    const id = attributesOf(match[0]).id;
    if (id) ids.set(id, match[1].toLowerCase());
  }
  const lineOf = (needle) => {
    const index = source.indexOf(needle);
    return index < 0 ? '?' : lineAt(source, index);
  };

  // Widgets used must be declared in the front matter and vice versa.
  const used = new Set([...html.matchAll(/<(descent-[a-z0-9-]+)[\s>]/g)].map((m) => m[1]));
  for (const tag of used) {
    if (!frontMatter.widgets.includes(tag)) fail(`${file}:${lineOf('<' + tag)}: <${tag}> is used but not listed in the front matter 'widgets'`);
  }
  for (const tag of frontMatter.widgets) {
    if (!used.has(tag)) fail(`${file}: front matter lists '${tag}' but the lesson never uses <${tag}>`);
  }

  // Every "try this" button must target a widget on the page with valid settings.
  for (const match of html.matchAll(/<button\b[^>]*>/g)) {
    const attributes = attributesOf(match[0]);
    if (!/(^|\s)try(\s|$)/.test(attributes.class ?? '')) continue;
    const raw = decodeEntities(attributes['data-apply'] ?? '');
    const where = `${file}:${lineOf(attributes['data-apply'] ?? match[0])}`;
    if (!attributes['data-target']) fail(`${where}: a "try" button needs data-target="<widget id>"`);
    const tag = ids.get(attributes['data-target']);
    if (!tag) fail(`${where}: data-target="${attributes['data-target']}" matches no id on the page`);
    const stateAttributes = schemas.get(tag);
    if (!stateAttributes) {
      const known = WIDGET_SCHEMAS[tag] ? `its schema www/js/widgets/${WIDGET_SCHEMAS[tag]} is missing` : `try buttons can target ${Object.keys(WIDGET_SCHEMAS).join(', ')}`;
      fail(`${where}: data-target="${attributes['data-target']}" is a <${tag}>: ${known}`);
    }
    let settings;
    try {
      settings = JSON.parse(raw);
    } catch (error) {
      fail(`${where}: data-apply is not valid JSON (${error.message}): ${raw}`);
    }
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) fail(`${where}: data-apply must be a JSON object`);
    for (const [name, value] of Object.entries(settings)) {
      if (!['string', 'number'].includes(typeof value)) fail(`${where}: data-apply value for '${name}' must be a string or a number`);
      if (!stateAttributes.has(name)) fail(`${where}: data-apply sets unknown <${tag}> attribute '${name}'`);
    }
  }
}

// Pages must never reach the network: no remote scripts, styles, images or frames, no modules.
function checkOffline(html, name) {
  const remote = /<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\s(src|href|srcset|data|poster)\s*=\s*["']?\s*(https?:)?\/\//gi;
  const hit = remote.exec(html);
  if (hit) fail(`${name}: loads a resource from the network (${hit[0].slice(0, 120)}…); pages must work offline`);
  if (/<script\b[^>]*type\s*=\s*["']?module/i.test(html)) fail(`${name}: <script type="module"> does not load from file://; use the classic descent.js bundle`);
  if (/@import\s+url\(\s*["']?(https?:)?\/\//i.test(html) || /url\(\s*["']?(https?:)?\/\//i.test(html)) {
    fail(`${name}: references a remote url(); pages must work offline`);
  }
}

// ---------------------------------------------------------------- lessons: pages

async function loadLessons() {
  if (!fs.existsSync(LESSONS)) return [];
  const files = listDir(LESSONS).filter((entry) => entry.isFile() && entry.name.endsWith('.md'));
  const renderMarkdown = makeMarkdownRenderer();
  const schemas = await loadExperimentSchemas();
  const lessons = [];
  for (const entry of files) {
    const filePath = path.join(LESSONS, entry.name);
    const file = rel(filePath);
    const source = fs.readFileSync(filePath, 'utf8').replace(/\r\n?/g, '\n');
    const { data, body, bodyStartLine } = parseFrontMatter(source, file);
    validateFrontMatter(data, file);
    const { markdown, rendered } = extractMath(body, file, bodyStartLine);
    // A widget tag alone on a line is a paragraph to Markdown; unwrap it so the page CSS can place it.
    const html = restoreMath(renderMarkdown(markdown), rendered).replace(/<p>\s*(<(descent-[a-z0-9-]+)\b[^>]*>\s*<\/\2>)\s*<\/p>/g, '$1');
    if (/DESCENTMATH\d+X/.test(html)) fail(`${file}: internal error: a maths placeholder survived rendering`);
    checkLessonHtml(html, source, file, data, schemas);
    lessons.push({ ...data, file, html });
  }
  lessons.sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1));
  const seen = new Map();
  for (const lesson of lessons) {
    for (const key of ['slug', 'order']) {
      const id = `${key}:${lesson[key]}`;
      if (seen.has(id)) fail(`${lesson.file} and ${seen.get(id)} share the same ${key} (${lesson[key]})`);
      seen.set(id, lesson.file);
    }
  }
  return lessons;
}

function lessonPage(template, lessons, index) {
  const lesson = lessons[index];
  const neighbour = (other, rel_, label) =>
    other
      ? `<a class="pager-${rel_}" rel="${rel_}" href="${other.slug}.html"><span class="pager-label">${label}</span>${escapeHtml(other.title)}</a>`
      : `<a class="pager-${rel_}" href="../index.html#lessons"><span class="pager-label">${label}</span>All lessons</a>`;
  return fillTemplate(
    template,
    {
      title: escapeHtml(lesson.title),
      summary: escapeHtml(lesson.summary),
      slug: lesson.slug,
      order: String(lesson.order),
      content: lesson.html,
      prev: neighbour(lessons[index - 1], 'prev', 'Previous'),
      next: neighbour(lessons[index + 1], 'next', 'Next'),
    },
    'www/templates/lesson.html',
  );
}

function lessonList(lessons) {
  if (lessons.length === 0) return '<p class="lesson-empty">No lessons yet.</p>';
  const items = lessons.map(
    (lesson) =>
      `  <li>\n    <a href="lessons/${lesson.slug}.html">${escapeHtml(lesson.title)}</a>\n    <p>${escapeHtml(lesson.summary)}</p>\n  </li>`,
  );
  return `<ol class="lesson-list">\n${items.join('\n')}\n</ol>`;
}

// ---------------------------------------------------------------- KaTeX assets

// Copies katex.min.css with its font list cut down to woff2 (every browser that runs the
// widgets reads woff2), and exactly the font files that css references.
function copyKatex(site) {
  const cssPath = path.join(KATEX_DIST, 'katex.min.css');
  if (!fs.existsSync(cssPath)) fail(`KaTeX not found at ${rel(KATEX_DIST)}; run 'npm ci' first`);
  const original = fs.readFileSync(cssPath, 'utf8');
  const css = original.replace(/src:([^;}]*)/g, (whole, sources) => {
    const woff2 = sources.split(/,(?=url\()/).filter((source) => /format\(["']woff2["']\)/.test(source));
    return woff2.length ? `src:${woff2.join(',')}` : whole;
  });
  const fonts = [...new Set([...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]))].sort();
  for (const font of fonts) {
    if (!/^fonts\/[\w.-]+\.woff2$/.test(font)) fail(`unexpected url(${font}) in katex.min.css`);
    const source = path.join(KATEX_DIST, font);
    if (!fs.existsSync(source)) fail(`katex.min.css references ${font}, which is missing from ${rel(KATEX_DIST)}`);
  }
  site.write(path.join('vendor', 'katex', 'katex.min.css'), css);
  for (const font of fonts) site.copyFile(path.join(KATEX_DIST, font), path.join('vendor', 'katex', font));
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
  const core = fs.readFileSync(options.core, 'utf8');
  if (!/createDescentCore/.test(core)) {
    fail(`${options.core} does not define createDescentCore; is it the Emscripten MODULARIZE build of the core?`);
  }
  const bundle = await bundleScripts(options.entry);
  const lessons = await loadLessons();
  const templatePath = path.join(WWW, 'templates', 'lesson.html');
  if (!fs.existsSync(templatePath)) fail('missing www/templates/lesson.html');
  const template = fs.readFileSync(templatePath, 'utf8');

  const pages = [];
  for (const entry of listDir(WWW)) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    let html = fs.readFileSync(path.join(WWW, entry.name), 'utf8');
    if (entry.name === 'index.html') {
      const count = html.split(LESSONS_MARKER).length - 1;
      if (count !== 1) fail(`www/index.html must contain the marker ${LESSONS_MARKER} exactly once (found ${count})`);
      html = html.split(LESSONS_MARKER).join(lessonList(lessons));
    }
    pages.push({ name: entry.name, html });
  }
  const lessonPages = lessons.map((lesson, index) => ({ name: `lessons/${lesson.slug}.html`, html: lessonPage(template, lessons, index) }));
  for (const page of [...pages, ...lessonPages]) checkOffline(page.html, page.name);

  site.prepare();
  site.write('descent.js', core + '\n' + bundle);
  for (const page of pages) site.write(page.name, page.html);
  for (const page of lessonPages) site.write(page.name, page.html);
  site.write('embed-example.html', EMBED_EXAMPLE);
  if (fs.existsSync(path.join(WWW, 'css'))) site.copyDir(path.join(WWW, 'css'), 'css');
  if (fs.existsSync(path.join(WWW, 'images'))) site.copyDir(path.join(WWW, 'images'), 'images');
  // Browsers ask for /favicon.ico even on a bare embed page; answer instead of a 404.
  site.copyFile(path.join(WWW, 'favicon.ico'), 'favicon.ico');
  copyKatex(site);

  process.stdout.write(`build-site: ${path.relative(process.cwd(), options.out) || '.'} (${lessons.length} lesson${lessons.length === 1 ? '' : 's'})\n`);
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
