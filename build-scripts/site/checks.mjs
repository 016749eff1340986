// Checks on the generated pages: lesson widgets and "try this" buttons, and that no page
// reaches the network.
import { fail, lineAt } from './util.mjs';

export function attributesOf(tag) {
  const attributes = {};
  const pattern = /([a-zA-Z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tag.replace(/^<[a-zA-Z][\w-]*/, '').replace(/\/?>$/, '');
  let match;
  while ((match = pattern.exec(inner))) attributes[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  return attributes;
}

// A lesson's "try this" experiment: a <button class="try">.
export const isTryButton = (attributes) => /(^|\s)try(\s|$)/.test(attributes.class ?? '');

export const decodeEntities = (text) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

// `schemas`: tag → Set of the widget's state attribute names, for every registered widget.
export function checkLessonHtml(html, source, file, frontMatter, schemas) {
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
    if (!frontMatter.widgets.includes(tag))
      fail(`${file}:${lineOf('<' + tag)}: <${tag}> is used but not listed in the front matter 'widgets'`);
  }
  for (const tag of frontMatter.widgets) {
    if (!used.has(tag)) fail(`${file}: front matter lists '${tag}' but the lesson never uses <${tag}>`);
  }

  // Every "try this" button and every interactive prediction (predictions.mjs) must target a
  // widget on the page with valid settings.
  for (const match of html.matchAll(/<(button|form)\b[^>]*>/g)) {
    const attributes = attributesOf(match[0]);
    const kind = match[1] === 'button' ? 'try' : 'predict';
    if (!new RegExp(`(^|\\s)${kind}(\\s|$)`).test(attributes.class ?? '')) continue;
    const where = `${file}:${lineOf(attributes['data-apply'] ?? match[0])}`;
    checkWidgetSetup(where, `a "${kind}" ${match[1]}`, attributes, ids, schemas);
  }

  // Every number linked to a widget (lesson-links.js) must name a widget on the page.
  for (const match of html.matchAll(/<span\b[^>]*\bclass="shown"[^>]*>/g)) {
    const attributes = attributesOf(match[0]);
    const where = `${file}:${lineOf(match[0])}`;
    if (!schemas.has(ids.get(attributes['data-target'] ?? '')))
      fail(`${where}: a <span class="shown"> needs data-target="<id of a widget on this page>"`);
  }
}

// data-target names a registered widget on the page (`ids`: id → tag) and data-apply is a JSON
// object of that widget's state attributes; `what` names the element in the messages.
export function checkWidgetSetup(where, what, attributes, ids, schemas) {
  const raw = decodeEntities(attributes['data-apply'] ?? '');
  if (!attributes['data-target']) fail(`${where}: ${what} needs data-target="<widget id>"`);
  const tag = ids.get(attributes['data-target']);
  if (!tag) fail(`${where}: data-target="${attributes['data-target']}" matches no id on the page`);
  const stateAttributes = schemas.get(tag);
  if (!stateAttributes) {
    fail(
      `${where}: data-target="${attributes['data-target']}" is a <${tag}>, not a registered widget (www/js/widgets/registry.js): ${what} can target ${[...schemas.keys()].join(', ')}`,
    );
  }
  let settings;
  try {
    settings = JSON.parse(raw);
  } catch (error) {
    fail(`${where}: data-apply is not valid JSON (${error.message}): ${raw}`);
  }
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings))
    fail(`${where}: data-apply must be a JSON object`);
  for (const [name, value] of Object.entries(settings)) {
    if (!['string', 'number'].includes(typeof value))
      fail(`${where}: data-apply value for '${name}' must be a string or a number`);
    if (!stateAttributes.has(name)) fail(`${where}: data-apply sets unknown <${tag}> attribute '${name}'`);
  }
}

// Pages must never reach the network: no remote scripts, styles, images or frames, no modules.
export function checkOffline(html, name) {
  const remote =
    /<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\s(src|href|srcset|data|poster)\s*=\s*["']?\s*(https?:)?\/\//gi;
  const hit = remote.exec(html);
  if (hit) fail(`${name}: loads a resource from the network (${hit[0].slice(0, 120)}…); pages must work offline`);
  if (/<script\b[^>]*type\s*=\s*["']?module/i.test(html))
    fail(`${name}: <script type="module"> does not load from file://; use the classic descent.js bundle`);
  if (/@import\s+url\(\s*["']?(https?:)?\/\//i.test(html) || /url\(\s*["']?(https?:)?\/\//i.test(html)) {
    fail(`${name}: references a remote url(); pages must work offline`);
  }
}
