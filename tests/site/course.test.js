// The course's checks and counts (build-scripts/site/course.mjs, lesson-time.mjs), on made-up
// lessons: an unknown track or prerequisite, a prerequisite that comes later and a track split by
// another are build errors; experiments, predictions and the time estimate are counted from the
// lesson's HTML. And the real lessons pass.
//
//   node --test tests/site/course.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const load = (file) => import(path.join(root, 'build-scripts', 'site', file));

const TRACKS = [
  { id: 'first', title: 'First', blurb: 'One.' },
  { id: 'second', title: 'Second', blurb: 'Two.' },
];
const lesson = (slug, track, requires = [], html = '<p>Words.</p>') => ({
  slug,
  track,
  requires,
  html,
  title: slug,
  file: `lessons/${slug}.md`,
});

test('lessons grouped into their tracks, in course order, with their workload', async () => {
  const { buildCourse } = await load('course.mjs');
  const tracks = buildCourse([lesson('a', 'first'), lesson('b', 'first', ['a']), lesson('c', 'second', ['a'])], TRACKS);
  assert.deepEqual(
    tracks.map((track) => [track.id, track.lessons.map((l) => l.slug)]),
    [
      ['first', ['a', 'b']],
      ['second', ['c']],
    ],
  );
  assert.equal(tracks[1].lessons[0].trackInfo.title, 'Second');
  assert.deepEqual(tracks[0].lessons[0].workload, { experiments: 0, predictions: 0, minutes: 5 });
});

test('an unknown track or prerequisite, a later prerequisite and a split track are build errors', async () => {
  const { buildCourse } = await load('course.mjs');
  const { BuildError } = await load('util.mjs');
  const rejects = (lessons, pattern) =>
    assert.throws(
      () => buildCourse(lessons, TRACKS),
      (error) => error instanceof BuildError && pattern.test(error.message),
    );
  rejects([lesson('a', 'third')], /track 'third' is not in lessons\/tracks.json/);
  rejects([lesson('a', 'first', ['nowhere'])], /requires 'nowhere', which is no lesson's slug/);
  rejects([lesson('a', 'first', ['b']), lesson('b', 'first')], /requires 'b', which comes later/);
  rejects([lesson('a', 'first'), lesson('b', 'second'), lesson('c', 'first')], /after a lesson of a later track/);
});

test('experiments, predictions and the time estimate are counted from the HTML', async () => {
  const { lessonWorkload, proseWords } = await load('lesson-time.mjs');
  const words = (count) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
  // Maths, code and widgets are not prose.
  assert.equal(proseWords(`<p>${words(3)} <math><mi>x</mi></math></p><pre>a b c</pre><descent-gd></descent-gd>`), 3);
  const html =
    `<p>${words(1000)}</p>` +
    '<button class="try" data-target="gd">Apply</button><button class="try other">Apply</button>' +
    '<button class="copy">not an experiment</button>' +
    '<div data-prediction="p1"></div><button data-prediction="p1"></button><div data-prediction="p2"></div>';
  // 1000 words / 200 + 2 × 2 min + 2 × 1 min = 11 min → 15.
  assert.deepEqual(lessonWorkload(html), { experiments: 2, predictions: 2, minutes: 15 });
});

test('the lessons in lessons/ make a valid course', async () => {
  const { buildCourse, loadTracks } = await load('course.mjs');
  const { loadLessons } = await load('lessons.mjs');
  const { loadCoreCatalogs, loadWidgets } = await load('registry.mjs');
  const widgets = await loadWidgets(await loadCoreCatalogs(path.join(root, 'build', 'wasm', 'descent-core.js')));
  const lessons = loadLessons(new Map(widgets.map((w) => [w.tag, new Set(w.schema.map((e) => e.name))])));
  const tracks = buildCourse(lessons, loadTracks());
  assert.equal(
    tracks.reduce((sum, track) => sum + track.lessons.length, 0),
    lessons.length,
  );
});
