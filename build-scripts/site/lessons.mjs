// Lessons: lessons/*.md → pages, with their front matter, maths and checks.
import fs from 'node:fs';
import path from 'node:path';

import { checkLessonHtml } from './checks.mjs';
import { parseFrontMatter, validateFrontMatter } from './front-matter.mjs';
import { groupLiveSections } from './live-sections.mjs';
import { extractMath, makeMarkdownRenderer, restoreMath } from './markdown.mjs';
import { renderPredictions } from './predictions.mjs';
import { LESSONS, escapeHtml, fail, fillTemplate, listDir, rel } from './util.mjs';

// `stateAttributes`: tag → Set of the attribute names a "try this" button may set (from the
// widget registry).
export function loadLessons(stateAttributes) {
  if (!fs.existsSync(LESSONS)) return [];
  const files = listDir(LESSONS).filter((entry) => entry.isFile() && entry.name.endsWith('.md'));
  const renderMarkdown = makeMarkdownRenderer();
  const lessons = [];
  for (const entry of files) {
    const filePath = path.join(LESSONS, entry.name);
    const file = rel(filePath);
    const source = fs.readFileSync(filePath, 'utf8').replace(/\r\n?/g, '\n');
    const { data, body, bodyStartLine } = parseFrontMatter(source, file);
    validateFrontMatter(data, file);
    const { markdown, rendered } = extractMath(body, file, bodyStartLine);
    // A widget tag alone on a line is a paragraph to Markdown; unwrap it so the page CSS can place it.
    const blocks = renderMarkdown(markdown).map((block) =>
      restoreMath(block, rendered).replace(/<p>\s*(<(descent-[a-z0-9-]+)\b[^>]*>\s*<\/\2>)\s*<\/p>/g, '$1'),
    );
    const html = renderPredictions(groupLiveSections(blocks), source, file);
    if (/DESCENTMATH\d+X/.test(html)) fail(`${file}: internal error: a maths placeholder survived rendering`);
    checkLessonHtml(html, source, file, data, stateAttributes);
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

export function lessonPage(template, lessons, index) {
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
      track: escapeHtml(lesson.trackInfo.title),
      content: lesson.html,
      prev: neighbour(lessons[index - 1], 'prev', 'Previous'),
      next: neighbour(lessons[index + 1], 'next', 'Next'),
    },
    'www/templates/lesson.html',
  );
}
