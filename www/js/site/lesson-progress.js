// Records, on a lesson page, that the lesson was opened and which "try this" experiments the reader
// applied (site/progress.js); the course map on the home page shows it.
import { recordExperiment, recordLessonOpened } from './progress.js';

// An experiment's id: its position among the lesson's "try this" buttons ("experiment-3").
export function experimentId(button) {
  const buttons = [...(button.closest('article.lesson')?.querySelectorAll('button.try') ?? [])];
  return `experiment-${buttons.indexOf(button) + 1}`;
}

function lessonSlug() {
  return document.querySelector('article.lesson[data-lesson]')?.getAttribute('data-lesson') ?? null;
}

if (typeof document !== 'undefined') {
  const slug = lessonSlug();
  if (slug) {
    recordLessonOpened(slug);
    document.addEventListener('descent-experiment', (event) => {
      const button = event.target?.closest?.('button.try');
      if (button) recordExperiment(slug, experimentId(button));
    });
  }
}
