// The home page's course map: the tracks, each with its lesson cards (picture, time estimate,
// prerequisites, the counts the reader's progress is measured against), and the search and
// progress controls that www/js/site/lesson-filter.js and course-progress.js bring to life (hidden
// until they run).
import { escapeHtml } from './util.mjs';

// The words a lesson is found by: its title, summary, track and widgets.
function searchText(lesson, widgetTitles) {
  const words = [lesson.title, lesson.summary, lesson.trackInfo.title];
  for (const tag of lesson.widgets) words.push(tag, widgetTitles.get(tag));
  return words.join(' ').toLowerCase();
}

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

// A track's total: minutes below an hour and a half, then hours to the nearest half.
const duration = (minutes) => (minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 30) / 2} h`);

function prerequisites(lesson, bySlug) {
  if (lesson.requires.length === 0) return '<p class="lesson-card-requires">No prerequisites.</p>';
  const links = lesson.requires.map(
    (slug) => `<a href="lessons/${slug}.html">${escapeHtml(bySlug.get(slug).title)}</a>`,
  );
  return `<p class="lesson-card-requires">Read first: ${links.join(', ')}.</p>`;
}

// `thumbnails`: slug → the picture's path in the site, for the lessons that have one.
function lessonCard(lesson, { bySlug, widgetTitles, thumbnails }) {
  const { experiments, predictions, minutes } = lesson.workload;
  const facts = [`About ${minutes} min`, plural(experiments, 'experiment')];
  if (predictions > 0) facts.push(plural(predictions, 'prediction'));
  // The picture is of the lesson's first widget (build-scripts/thumbnails.mjs).
  const firstWidget = /<(descent-[a-z0-9-]+)[\s>]/.exec(lesson.html)?.[1];
  const alt = `The ${widgetTitles.get(firstWidget)} as this lesson sets it up`;
  const picture = thumbnails.has(lesson.slug)
    ? [
        `      <img class="lesson-card-picture" src="${thumbnails.get(lesson.slug)}" width="280" height="170" loading="lazy" decoding="async" alt="${escapeHtml(alt)}">`,
      ]
    : [];
  return [
    `    <li class="lesson-card" data-lesson="${lesson.slug}" data-track="${lesson.track}" data-experiments="${experiments}" data-predictions="${predictions}" data-search="${escapeHtml(searchText(lesson, widgetTitles))}">`,
    ...picture,
    `      <h4 class="lesson-card-title"><span class="lesson-card-number">${lesson.order}</span> <a href="lessons/${lesson.slug}.html">${escapeHtml(lesson.title)}</a></h4>`,
    `      <p class="lesson-card-summary">${escapeHtml(lesson.summary)}</p>`,
    `      <p class="lesson-card-facts">${facts.join(' · ')}</p>`,
    `      ${prerequisites(lesson, bySlug)}`,
    '      <p class="lesson-card-progress" data-role="lesson-progress" hidden></p>',
    '    </li>',
  ].join('\n');
}

function trackSection(track, index, context) {
  const id = `track-${track.id}`;
  const minutes = track.lessons.reduce((sum, lesson) => sum + lesson.workload.minutes, 0);
  return [
    `  <section class="track" id="${id}" data-track="${track.id}" aria-labelledby="${id}-title">`,
    `    <h3 id="${id}-title"><span class="track-number">Track ${index + 1}</span> ${escapeHtml(track.title)}</h3>`,
    `    <p class="track-blurb">${escapeHtml(track.blurb)} <span class="track-size">${plural(track.lessons.length, 'lesson')}, about ${duration(minutes)}.</span></p>`,
    '    <ol class="lesson-cards">',
    ...track.lessons.map((lesson) => lessonCard(lesson, context)),
    '    </ol>',
    '  </section>',
  ].join('\n');
}

// The search form and the progress summary start hidden: without JavaScript they could do nothing.
function controls(tracks) {
  const options = tracks.map((track) => `<option value="${track.id}">${escapeHtml(track.title)}</option>`);
  return [
    '  <div class="course-progress" data-role="course-progress" hidden>',
    '    <p data-role="progress-summary" tabindex="-1"></p>',
    '    <button type="button" class="quiet-button" data-role="forget-progress">Forget my progress</button>',
    '    <p class="course-progress-note" data-role="progress-note" role="status"></p>',
    '  </div>',
    '  <form class="course-filter" role="search" aria-label="Lessons" data-role="course-filter" hidden>',
    '    <div class="course-filter-field">',
    '      <label for="lesson-search">Find a lesson</label>',
    '      <input id="lesson-search" type="search" autocomplete="off" spellcheck="false" placeholder="e.g. momentum, XOR, ReLU">',
    '    </div>',
    '    <div class="course-filter-field">',
    '      <label for="lesson-track">Track</label>',
    `      <select id="lesson-track"><option value="">All tracks</option>${options.join('')}</select>`,
    '    </div>',
    '    <p class="course-filter-status" data-role="filter-status" role="status"></p>',
    '  </form>',
  ].join('\n');
}

export function courseMap(tracks, widgets, thumbnails) {
  const lessons = tracks.flatMap((track) => track.lessons);
  if (lessons.length === 0) return '<p class="lesson-empty">No lessons yet.</p>';
  const context = {
    bySlug: new Map(lessons.map((lesson) => [lesson.slug, lesson])),
    widgetTitles: new Map(widgets.map((widget) => [widget.tag, widget.title])),
    thumbnails,
  };
  return [controls(tracks), ...tracks.map((track, index) => trackSection(track, index, context))].join('\n');
}
