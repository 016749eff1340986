// The reader's progress on the home page's course map (site/progress.js keeps it): on each lesson
// card "opened ✓ · 3 of 7 experiments · 1 of 1 prediction", above the map the totals, and a button
// that forgets it all. The cards carry the counts to measure against (data-experiments,
// data-predictions), counted by the build from each lesson's page.
import { forgetProgress, readProgress } from './progress.js';

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
const ofTotal = (done, total, word) => `${done} of ${plural(total, word)}`;

// What the reader did in one lesson, measured against the card's counts. Experiment ids are
// "experiment-N" (site/lesson-progress.js); ids beyond the lesson's count (a lesson that lost an
// experiment since) are not counted.
export function lessonDone(entry, experiments, predictions) {
  const numbers = (entry?.experiments ?? []).map((id) => Number(/^experiment-(\d+)$/.exec(id)?.[1]));
  return {
    opened: Boolean(entry?.opened),
    experiments: numbers.filter((n) => n >= 1 && n <= experiments).length,
    predictions: Math.min(predictions, Object.keys(entry?.predictions ?? {}).length),
  };
}

export function lessonProgressText(done, experiments, predictions) {
  if (!done.opened && done.experiments === 0 && done.predictions === 0) return '';
  const parts = [done.opened ? 'Opened ✓' : 'Not opened yet', ofTotal(done.experiments, experiments, 'experiment')];
  if (predictions > 0) parts.push(ofTotal(done.predictions, predictions, 'prediction'));
  return parts.join(' · ');
}

export function courseProgressText(totals) {
  const parts = [
    `opened ${ofTotal(totals.opened, totals.lessons, 'lesson')}`,
    `applied ${ofTotal(totals.experiments, totals.allExperiments, 'experiment')}`,
  ];
  if (totals.allPredictions > 0) parts.push(`made ${ofTotal(totals.predictions, totals.allPredictions, 'prediction')}`);
  const list = parts.length === 2 ? parts.join(' and ') : `${parts[0]}, ${parts[1]} and ${parts[2]}`;
  return `Your progress: you have ${list}. It is kept in this browser only.`;
}

function render(root) {
  const { lessons } = readProgress();
  const totals = { lessons: 0, opened: 0, experiments: 0, allExperiments: 0, predictions: 0, allPredictions: 0 };
  for (const card of root.querySelectorAll('.lesson-card[data-lesson]')) {
    const experiments = Number(card.dataset.experiments);
    const predictions = Number(card.dataset.predictions);
    const done = lessonDone(lessons[card.dataset.lesson], experiments, predictions);
    const line = card.querySelector('[data-role=lesson-progress]');
    line.textContent = lessonProgressText(done, experiments, predictions);
    line.hidden = line.textContent === '';
    card.toggleAttribute('data-opened', done.opened);
    totals.lessons += 1;
    totals.opened += done.opened ? 1 : 0;
    totals.experiments += done.experiments;
    totals.allExperiments += experiments;
    totals.predictions += done.predictions;
    totals.allPredictions += predictions;
  }
  const started = totals.opened + totals.experiments + totals.predictions > 0;
  root.querySelector('[data-role=progress-summary]').textContent = started
    ? courseProgressText(totals)
    : 'Your progress will show here: the lessons you open, the experiments you apply and the predictions you make. It is kept in this browser only.';
  root.querySelector('[data-role=forget-progress]').hidden = !started;
}

function start(root) {
  const panel = root.querySelector('[data-role=course-progress]');
  const note = root.querySelector('[data-role=progress-note]');
  panel.hidden = false;
  root.querySelector('[data-role=forget-progress]').addEventListener('click', () => {
    forgetProgress();
    note.textContent = 'Your progress has been forgotten.';
    // The button hides itself once there is nothing to forget: keep the keyboard nearby.
    panel.querySelector('[data-role=progress-summary]').focus();
  });
  document.addEventListener('descent-progress', () => render(root));
  // Another tab (a lesson opened from this page) changed the store.
  window.addEventListener('storage', () => render(root));
  // Back from a lesson, the page may come from the back-forward cache with old numbers.
  window.addEventListener('pageshow', () => render(root));
  render(root);
}

if (typeof document !== 'undefined') {
  const root = document.querySelector('#lessons');
  if (root?.querySelector('[data-role=course-progress]')) start(root);
}
