// What a lesson asks of the reader, counted from its generated HTML: its "try this" experiments,
// its predictions, and the time it takes.
import { attributesOf, isTryButton } from './checks.mjs';

// The time estimate's rule (never typed into a lesson): the prose read at 200 words a minute — a
// careful pace for technical text; maths, code and widgets are not counted as words — plus
// 2 minutes per "try this" experiment (apply it, watch the widget, read the result) and 1 minute
// per prediction, rounded up to whole 5 minutes.
export const READING_WORDS_PER_MINUTE = 200;
export const MINUTES_PER_EXPERIMENT = 2;
export const MINUTES_PER_PREDICTION = 1;
const ROUND_TO_MINUTES = 5;

const elementsOf = (name) => new RegExp(`<${name}\\b[\\s\\S]*?</${name}>`, 'g');

export function proseWords(html) {
  let text = html;
  for (const name of ['math', 'pre', 'script', 'descent-[a-z0-9-]+']) text = text.replace(elementsOf(name), ' ');
  text = text.replace(/<[^>]*>/g, ' ').replace(/&[#\w]+;/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function countExperiments(html) {
  return [...html.matchAll(/<button\b[^>]*>/g)].filter((match) => isTryButton(attributesOf(match[0]))).length;
}

// Predictions are told apart by their id (data-prediction="<id>"); one id may mark several elements.
export function countPredictions(html) {
  const ids = new Set();
  for (const match of html.matchAll(/<[a-zA-Z][\w-]*\b[^>]*\bdata-prediction\s*=[^>]*>/g))
    ids.add(attributesOf(match[0])['data-prediction']);
  return ids.size;
}

export function lessonWorkload(html) {
  const experiments = countExperiments(html);
  const predictions = countPredictions(html);
  const minutes =
    proseWords(html) / READING_WORDS_PER_MINUTE +
    experiments * MINUTES_PER_EXPERIMENT +
    predictions * MINUTES_PER_PREDICTION;
  return { experiments, predictions, minutes: Math.max(1, Math.ceil(minutes / ROUND_TO_MINUTES)) * ROUND_TO_MINUTES };
}
