// The home page's widget gallery, from the widget registry: every widget with its summary, the
// lessons that use it, a link to its embed section, and a "Run it here" button that puts a live
// one on the page (www/js/site/widget-gallery.js); until then the core is not started for it.
import { escapeHtml, inlineHtml, sectionId, tagCode } from './util.mjs';

function lessonLinks(lessons) {
  const links = lessons.map((lesson) => `<a href="lessons/${lesson.slug}.html">${escapeHtml(lesson.title)}</a>`);
  if (links.length === 0) return '';
  const joined = links.length === 1 ? links[0] : `${links.slice(0, -1).join(', ')} and ${links[links.length - 1]}`;
  return `Used in ${links.length === 1 ? 'the lesson' : 'the lessons'} ${joined}; `;
}

function widgetCard(widget, lessons) {
  const id = sectionId(widget);
  const used = lessonLinks(lessons);
  const embed = `<a href="embed.html#${id}">${used ? 'put' : 'Put'} it in your own page</a>.`;
  const attributes = widget.example ? ` ${widget.example}` : '';
  return [
    `    <li class="widget-card" data-widget="${widget.tag}">`,
    `      <h3 id="widget-${id}">${escapeHtml(widget.title)} ${tagCode(widget.tag)}</h3>`,
    `      <p>${inlineHtml(widget.summary)}</p>`,
    `      <p class="widget-card-links">${used}${embed}</p>`,
    `      <button type="button" class="run-widget" aria-expanded="false" aria-controls="widget-${id}-live" aria-describedby="widget-${id}" hidden>Run it here</button>`,
    `      <div class="widget-live" id="widget-${id}-live"></div>`,
    `      <template data-role="live-widget"><${widget.tag}${attributes}></${widget.tag}></template>`,
    '    </li>',
  ].join('\n');
}

// `lessonsByTag`: tag → the lessons (in course order) that use it.
export function widgetGallery(widgets, lessonsByTag) {
  const cards = widgets.map((widget) => widgetCard(widget, lessonsByTag.get(widget.tag)));
  return `<ul class="widget-gallery">\n${cards.join('\n')}\n    </ul>`;
}
