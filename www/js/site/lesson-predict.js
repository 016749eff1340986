// "Predict first", interactive: the learner picks a choice or types a number, locks it in, and
// runs the question's setup in the lesson's widget; the widget's own result decides whether the
// guess was right. The forms come from build-scripts/site/predictions.mjs (the authoring syntax is
// described there):
//   <form class="predict" data-prediction="ID" data-target="WIDGET ID" data-apply='{…}'
//         [data-read="REGEX" data-tolerance="0.05" data-unit="steps"]>
// Choices carry data-shows: the text the widget's result shows when that choice is right. A number
// is read from the result by data-read's one capture group. Nothing else says which is right, so
// if the core computed something else the score would follow it.
//
// The run goes through the "try this" machinery (runExperiment: the widget is reset and set up in
// place, brought into view only if it is not); the verdict waits until the widget has finished
// (a live run trained to its end), then is written under the question, announced politely, and
// recorded in the reader's progress (site/progress.js). If the run took the reader away from the
// question, a small bar at the foot of the screen says how it went and leads back.
import { announce, parseExperimentSettings, runExperiment } from './lesson-experiments.js';
import { isBusy, shownText } from './lesson-expect.js';
import { readProgress, recordPrediction } from './progress.js';

const POLL_MS = 250;
const MAX_SHOWN_CHARS = 160;

// A typed guess as a number: a Unicode minus, thousands separators (1,728 or 1 179 648 — commas in
// groups of exactly three digits), a decimal comma (0,25) and the unit after it are fine.
export function parseGuess(text, unit = '') {
  let clean = String(text)
    .trim()
    .replace(/^\u2212/, '-');
  if (unit && clean.endsWith(unit)) clean = clean.slice(0, -unit.length).trim();
  clean = clean.replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, '$1');
  clean = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(clean) ? clean.replace(/,/g, '') : clean.replace(',', '.');
  return clean === '' ? NaN : Number(clean);
}

// Which choice the shown result makes right: the index of the first whose text it contains, or -1.
export function answerOf(showsList, shown) {
  return showsList.findIndex((shows) => shown.includes(shows));
}

// The number the shown result gives (data-read's capture group) and the text around it, or null.
export function readNumber(pattern, shown) {
  const match = new RegExp(pattern).exec(shown);
  if (!match) return null;
  const value = parseGuess(match[1]);
  return Number.isFinite(value) ? { value, text: match[0] } : null;
}

export function withinTolerance(guess, value, tolerance) {
  // A hair of slack, so a guess exactly at the edge is not lost to binary fractions.
  return Math.abs(guess - value) <= tolerance * (1 + 1e-9) + 1e-12;
}

// The visible text of an element: typeset maths keeps its rendering, not its TeX annotation.
function plainText(element) {
  const copy = element.cloneNode(true);
  for (const annotation of copy.querySelectorAll('annotation')) annotation.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

const clip = (text) => (text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text);

function isInView(element) {
  const box = element.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
}

// The bar at the foot of the screen: one per page, for the latest verdict.
let toast = null;

function hideToast() {
  if (!toast) return;
  toast.observer.disconnect();
  toast.element.remove();
  toast = null;
}

function showToast(form, mark, message) {
  hideToast();
  const element = document.createElement('div');
  element.className = 'predict-toast';
  const text = document.createElement('p');
  text.textContent = `${mark} ${message}`;
  const back = document.createElement('a');
  back.href = `#${form.id}`;
  back.textContent = 'Back to your prediction';
  back.addEventListener('click', hideToast);
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'predict-toast-close';
  close.setAttribute('aria-label', 'Close');
  close.textContent = '×';
  close.addEventListener('click', hideToast);
  element.append(text, back, close);
  document.body.append(element);
  // Once the question is back on screen, the bar has said its piece.
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) hideToast();
  });
  observer.observe(form);
  toast = { element, observer };
}

// Resolves once the widget has a result and nothing left to compute: two polls in a row with no
// update queued and no live run still training (off screen, a live run waits for the reader).
function whenFinished(widget, isCurrent) {
  return new Promise((resolve) => {
    let quietPolls = 0;
    const poll = () => {
      if (!isCurrent()) return;
      quietPolls = widget.config && !isBusy(widget) ? quietPolls + 1 : 0;
      if (quietPolls >= 2) resolve();
      else setTimeout(poll, POLL_MS);
    };
    setTimeout(poll, POLL_MS);
  });
}

function setUpPrediction(form, slug) {
  const id = form.getAttribute('data-prediction');
  const fieldset = form.querySelector('fieldset');
  const radios = [...form.querySelectorAll('input[type=radio]')];
  const input = form.querySelector('.predict-number input');
  const lockButton = form.querySelector('.predict-lock');
  const runButton = form.querySelector('.predict-run');
  const result = form.querySelector('.predict-result');
  const why = form.querySelector('.predict-why');
  const unit = form.getAttribute('data-unit') ?? '';
  const withUnit = (text) => (unit ? `${text} ${unit}` : text);
  const labelOf = (radio) => plainText(radio.closest('label'));
  // { text, said, index } for a choice, { text, said, value } for a number; `text` is recorded,
  // `said` is how the verdict quotes it.
  let guess = null;
  let pending = null;

  const say = (text, tone = '') => {
    result.textContent = text;
    result.className = `predict-result${tone ? ` predict-${tone}` : ''}`;
  };

  function lockIn(text, extra) {
    guess = { text, said: radios.length ? `“${text}”` : text, ...extra };
    fieldset.disabled = true;
    lockButton.hidden = true;
    runButton.hidden = false;
  }

  function onLock(event) {
    event.preventDefault();
    if (guess) return;
    if (radios.length) {
      const checked = radios.find((radio) => radio.checked);
      if (!checked) {
        say('Pick an answer first.');
        radios[0].focus();
        return;
      }
      lockIn(labelOf(checked), { index: radios.indexOf(checked) });
    } else {
      const value = parseGuess(input.value, unit);
      if (!Number.isFinite(value)) {
        say('Type a number first.');
        input.focus();
        return;
      }
      lockIn(withUnit(String(value)), { value });
    }
    say(`Locked in: ${guess.said}. Now run it and see what the widget computes.`);
    runButton.focus();
  }

  function verdict(widget, attributes) {
    runButton.disabled = false;
    form.removeAttribute('aria-busy');
    const shown = shownText(widget).replace(/\s+/g, ' ').trim();
    const changed = Object.entries(attributes).some(([name, value]) => widget.getAttribute(name) !== value);
    let ran = null; // { shows, correct }
    if (!changed && radios.length) {
      const answer = answerOf(
        radios.map((radio) => radio.getAttribute('data-shows')),
        shown,
      );
      if (answer >= 0)
        ran = {
          shows: `“${radios[answer].getAttribute('data-shows')}”: ${labelOf(radios[answer])}`,
          correct: answer === guess.index,
        };
    } else if (!changed) {
      const read = readNumber(form.getAttribute('data-read'), shown);
      const tolerance = Number(form.getAttribute('data-tolerance'));
      if (read) ran = { shows: `“${read.text}”`, correct: withinTolerance(guess.value, read.value, tolerance) };
    }
    if (!ran) {
      say(
        `The widget shows “${clip(shown)}”, which answers none of this — was it changed during the run? Run it again.`,
      );
      return;
    }
    const mark = ran.correct ? '✓' : '✗';
    const message = `You guessed ${guess.said} — the run shows ${ran.shows}. ${ran.correct ? 'Right.' : 'Not this time.'}`;
    say(`${mark} ${message}`, ran.correct ? 'right' : 'wrong');
    why.hidden = false;
    recordPrediction(slug, id, guess.text, ran.correct);
    announce(`${ran.correct ? 'Right' : 'Not right'}: ${message}`);
    if (!isInView(form)) showToast(form, mark, message);
  }

  function onRun() {
    const widget = document.getElementById(form.getAttribute('data-target'));
    let attributes;
    try {
      attributes = parseExperimentSettings(form.getAttribute('data-apply') || '{}');
    } catch (error) {
      console.warn(`Descent: cannot run prediction ${id}: ${error.message}`);
      return;
    }
    if (!widget || !guess) return;
    const token = {};
    pending = token;
    hideToast();
    runButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    say(`Locked in: ${guess.said}. Running it in the widget…`);
    runExperiment(form, widget, attributes, 'Running your prediction in the widget.');
    whenFinished(widget, () => pending === token).then(() => verdict(widget, attributes));
  }

  form.addEventListener('submit', onLock);
  runButton.addEventListener('click', onRun);
  why.querySelector('a')?.addEventListener('click', (event) => {
    const reveal = document.getElementById(event.currentTarget.getAttribute('href').slice(1));
    if (reveal) reveal.open = true;
  });

  // A guess locked in on an earlier visit stays locked; running it again scores it again.
  const earlier = readProgress().lessons[slug]?.predictions[id];
  if (earlier) {
    const radio = radios.find((candidate) => labelOf(candidate) === earlier.guess);
    const value = parseGuess(earlier.guess, unit);
    if (radio) {
      radio.checked = true;
      lockIn(earlier.guess, { index: radios.indexOf(radio) });
    } else if (input && Number.isFinite(value)) {
      input.value = String(value);
      lockIn(earlier.guess, { value });
    }
    if (guess) say(`Locked in on an earlier visit: ${guess.said} (${earlier.correct ? 'right ✓' : 'not right ✗'}).`);
  }
  form.hidden = false;
}

if (typeof document !== 'undefined') {
  const slug = document.querySelector('article.lesson[data-lesson]')?.getAttribute('data-lesson');
  if (slug) for (const form of document.querySelectorAll('form.predict[data-prediction]')) setUpPrediction(form, slug);
}
