// The reader's progress through the lessons, kept in localStorage so it survives a reload and
// works offline (file:// pages included). Nothing leaves the browser.
//
// Stored as one JSON object under STORAGE_KEY:
//   { lessons: { <slug>: { opened: <ms since epoch>,
//                          experiments: [<experiment id>, ...],
//                          predictions: { <prediction id>: { guess: <string>, correct: <bool> } } } } }
// Every reader copes with a missing, foreign or corrupt value by starting afresh, and every writer
// with a browser that refuses storage (private modes, blocked cookies) by keeping nothing.

export const STORAGE_KEY = 'descent-progress-v1';

function storage() {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // Reading the property itself throws when storage is blocked.
  }
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// The stored progress, cleaned: only well-formed entries survive.
export function readProgress() {
  const lessons = Object.create(null);
  let stored = null;
  try {
    stored = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    stored = null;
  }
  if (isPlainObject(stored) && isPlainObject(stored.lessons)) {
    for (const [slug, entry] of Object.entries(stored.lessons)) {
      if (!isPlainObject(entry)) continue;
      const predictions = Object.create(null);
      if (isPlainObject(entry.predictions)) {
        for (const [id, p] of Object.entries(entry.predictions)) {
          if (isPlainObject(p) && typeof p.guess === 'string' && typeof p.correct === 'boolean')
            predictions[id] = { guess: p.guess, correct: p.correct };
        }
      }
      lessons[slug] = {
        opened: Number.isFinite(entry.opened) ? entry.opened : 0,
        experiments: Array.isArray(entry.experiments)
          ? [...new Set(entry.experiments.filter((id) => typeof id === 'string'))]
          : [],
        predictions,
      };
    }
  }
  return { lessons };
}

function update(slug, change) {
  const progress = readProgress();
  const lesson = progress.lessons[slug] ?? { opened: 0, experiments: [], predictions: Object.create(null) };
  change(lesson);
  progress.lessons[slug] = lesson;
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Quota or a blocked store: progress is a convenience, the lesson works without it.
  }
  document.dispatchEvent(new CustomEvent('descent-progress', { detail: { slug } }));
}

export function recordLessonOpened(slug, now = Date.now()) {
  update(slug, (lesson) => {
    lesson.opened = now;
  });
}

export function recordExperiment(slug, experimentId) {
  update(slug, (lesson) => {
    if (!lesson.experiments.includes(experimentId)) lesson.experiments.push(experimentId);
  });
}

export function recordPrediction(slug, predictionId, guess, correct) {
  update(slug, (lesson) => {
    lesson.predictions[predictionId] = { guess: String(guess), correct: Boolean(correct) };
  });
}

export function forgetProgress() {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored that could be removed.
  }
  document.dispatchEvent(new CustomEvent('descent-progress', { detail: { slug: null } }));
}
