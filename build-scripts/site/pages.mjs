// The generated parts of the site's pages, from the widget registry, the lessons' front matter
// and the core's catalogs: the home page's course map and widget gallery, and the embed page's
// per-widget sections with their attribute tables. www/index.html and www/embed.html hold the
// hand-written prose and one marker per generated block.
import { courseMap } from './course-map.mjs';
import { escapeHtml, fail, inlineHtml, sectionId, tagCode } from './util.mjs';
import { widgetGallery } from './widget-gallery.mjs';

export const MARKERS = {
  lessons: '<!-- LESSONS -->',
  widgets: '<!-- WIDGETS -->',
  embedIndex: '<!-- EMBED-INDEX -->',
  embedSections: '<!-- EMBED-SECTIONS -->',
};

// Which page carries which generated block.
const PAGE_BLOCKS = { 'index.html': ['lessons', 'widgets'], 'embed.html': ['embedIndex', 'embedSections'] };

// tag → the lessons (in course order) whose front matter lists it. A lesson may only list
// registered widgets.
export function lessonsByWidget(widgets, lessons) {
  const byTag = new Map(widgets.map((widget) => [widget.tag, []]));
  for (const lesson of lessons) {
    for (const tag of lesson.widgets) {
      if (!byTag.has(tag))
        fail(`${lesson.file}: front matter lists <${tag}>, which is not in www/js/widgets/registry.js`);
      byTag.get(tag).push(lesson);
    }
  }
  return byTag;
}

// ---------------------------------------------------------------- embed page: attribute tables

const formatNumber = (value) =>
  Number.isInteger(value) && Math.abs(value) >= 1e6 ? value.toExponential().replace('e+', 'e') : String(value);

// The Values column: the entry's own words, or what its type, range and choices say.
export function valuesText(entry, catalogs, choicesOf) {
  if (entry.values) return inlineHtml(entry.values);
  const choices = choicesOf(entry, catalogs);
  if (choices) return choices.map((choice) => `<code>${escapeHtml(choice.value)}</code>`).join(', ');
  switch (entry.type) {
    case 'boolean':
      return 'present (or <code>true</code>) or absent (or <code>false</code>)';
    case 'point':
      return '<code>x</code> or <code>x,y</code>';
    case 'id':
      return 'a name';
    case 'number':
    case 'integer': {
      const kind = entry.type === 'integer' ? 'whole number' : 'number';
      const hasMin = entry.min !== undefined;
      const hasMax = entry.max !== undefined && entry.max < Number.MAX_SAFE_INTEGER;
      if (hasMin && hasMax)
        return `${kind} ${escapeHtml(formatNumber(entry.min))} – ${escapeHtml(formatNumber(entry.max))}`;
      if (hasMin) return `${kind} ≥ ${escapeHtml(formatNumber(entry.min))}`;
      if (hasMax) return `${kind} ≤ ${escapeHtml(formatNumber(entry.max))}`;
      return kind;
    }
    default:
      fail(`schema entry '${entry.name}' (type ${entry.type}) needs 'values' words for the embed page`);
  }
}

// The Default column: the entry's own words, or its default value.
export function defaultText(entry, formatValue) {
  if (entry.defaultText) return inlineHtml(entry.defaultText);
  const value = entry.defaultValue;
  if (value === null || value === undefined)
    fail(`schema entry '${entry.name}' has a derived default (null): it needs 'defaultText' words`);
  if (entry.type === 'boolean') return value ? 'on' : 'off';
  const text = formatValue(entry, value);
  if (text === '') return 'empty';
  return entry.type === 'number' || entry.type === 'integer' ? escapeHtml(text) : `<code>${escapeHtml(text)}</code>`;
}

const row = (cells) =>
  `        <tr>${['Attribute', 'Values', 'Default', 'Meaning'].map((label, i) => `<td data-label="${label}">${cells[i]}</td>`).join('')}</tr>`;

// Attributes every widget has besides its state.
const PAGE_ROWS = [
  row([
    '<code>sync-url</code>',
    'present or absent (no value)',
    'absent',
    "Mirror the widget's settings in the page address (after <code>#</code>), so the address links to this exact setup. Give the widget an <code>id</code> when a page has several. Only the widget's own attribute names are read from the address; other keys and a plain in-page anchor (<code>#section-2</code>) are left as they are. Global HTML attributes (<code>class</code>, <code>id</code>, <code>style</code>, <code>title</code>, <code>hidden</code>, <code>lang</code>, <code>dir</code>, <code>slot</code>, <code>part</code>) keep their usual meaning on every widget: no widget setting uses those names.",
  ]),
];

export function attributeTable(widget, { catalogs, choicesOf, formatValue }) {
  const groups = new Map();
  for (const entry of widget.schema) {
    const group = entry.group ?? '';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(entry);
  }
  // The page rows join the 'Page' group (made last if the schema has groups but no 'Page').
  const pageGroup = groups.size > 1 || groups.has('Page') ? 'Page' : [...groups.keys()][0];
  if (!groups.has(pageGroup)) groups.set(pageGroup, []);
  const rows = [];
  for (const [group, entries] of groups) {
    if (group) rows.push(`        <tr class="group"><th colspan="4" scope="rowgroup">${escapeHtml(group)}</th></tr>`);
    for (const entry of entries) {
      rows.push(
        row([
          `<code>${escapeHtml(entry.name)}</code>`,
          valuesText(entry, catalogs, choicesOf),
          defaultText(entry, formatValue),
          inlineHtml(entry.description),
        ]),
      );
    }
    if (group === pageGroup) rows.push(...PAGE_ROWS);
  }
  const titleId = `${sectionId(widget)}-attributes-title`;
  return [
    `    <h3 id="${titleId}">${tagCode(widget.tag)} attributes</h3>`,
    `    <div class="table-scroll" role="region" aria-labelledby="${titleId}" tabindex="0">`,
    '    <table class="attribute-table">',
    '      <thead>',
    '        <tr><th scope="col">Attribute</th><th scope="col">Values</th><th scope="col">Default</th><th scope="col">Meaning</th></tr>',
    '      </thead>',
    '      <tbody>',
    ...rows,
    '      </tbody>',
    '    </table>',
    '    </div>',
  ].join('\n');
}

// ---------------------------------------------------------------- embed page: sections

export function embedIndex(widgets) {
  const items = widgets.map(
    (widget) =>
      `      <li><a href="#${sectionId(widget)}">${escapeHtml(widget.title)}</a> — ${tagCode(widget.tag)}</li>`,
  );
  return `<ul class="embed-index">\n${items.join('\n')}\n    </ul>`;
}

export function embedSection(widget, tools) {
  const id = sectionId(widget);
  const attributes = widget.example ? ` ${widget.example}` : '';
  const markup = `<${widget.tag}${attributes}></${widget.tag}>`;
  return [
    `  <section id="${id}" class="embed-widget" aria-labelledby="${id}-title">`,
    `    <h2 id="${id}-title">${escapeHtml(widget.title)}, ${tagCode(widget.tag)}</h2>`,
    `    <p>${inlineHtml(widget.summary)}</p>`,
    `    <p>Loads <code>parts/${widget.element.corePart}.js</code> from next to <code>descent.js</code>.</p>`,
    `    <pre><code>${escapeHtml(markup)}</code></pre>`,
    ...(widget.example
      ? [`    ${markup}`, '    <noscript><p class="notice">The widget needs JavaScript.</p></noscript>']
      : []),
    attributeTable(widget, tools),
    '  </section>',
  ].join('\n');
}

export function embedSections(widgets, tools) {
  return widgets.map((widget) => embedSection(widget, tools)).join('\n\n');
}

// ---------------------------------------------------------------- filling the pages

// Replaces each of the page's markers (exactly once each) by its generated block.
// Code blocks scroll sideways on a phone; a keyboard can scroll only what it can focus.
export function focusableCodeBlocks(html) {
  return html.replace(/<pre(?![^>]*\btabindex=)(?=[\s>])/g, '<pre tabindex="0"');
}

export function fillPage(name, html, blocks) {
  for (const key of PAGE_BLOCKS[name] ?? []) {
    const marker = MARKERS[key];
    const count = html.split(marker).length - 1;
    if (count !== 1) fail(`www/${name} must contain the marker ${marker} exactly once (found ${count})`);
    html = html.split(marker).join(blocks[key]());
  }
  for (const [key, marker] of Object.entries(MARKERS)) {
    if (!(PAGE_BLOCKS[name] ?? []).includes(key) && html.includes(marker))
      fail(`www/${name}: the marker ${marker} belongs to another page`);
  }
  return html;
}

// The generated blocks, each made on demand. `tracks`: the course (course.mjs); `thumbnails`: slug →
// the path of the lesson's picture in the site, for the lessons that have one.
export function pageBlocks({ widgets, lessons, tracks, thumbnails, catalogs, choicesOf, formatValue }) {
  const byTag = lessonsByWidget(widgets, lessons);
  const tools = { catalogs, choicesOf, formatValue };
  return {
    lessons: () => courseMap(tracks, widgets, thumbnails),
    widgets: () => widgetGallery(widgets, byTag),
    embedIndex: () => embedIndex(widgets),
    embedSections: () => embedSections(widgets, tools),
  };
}
