// Interactive "predict first" questions: the learner commits a guess, the lesson's widget runs the
// setup, and what the widget then shows decides whether the guess was right.
//
// A lesson writes, with no blank line inside (Markdown ends an HTML block at one):
//
//   <div class="predict" data-prediction="ravine-faster" data-target="race"
//        data-apply='{"surface":"ravine","racers":"sgd:0.021","steps":"300"}'>
//   <p class="predict-question">At α = 0.021, what does the run do?</p>
//   <p data-shows="SGD — reached the minimum">It reaches the minimum sooner</p>
//   <p data-shows="SGD — diverged">It blows up</p>
//   <p class="predict-why">Across the ravine each step multiplies y by −1.1.</p>
//   </div>
//
// Choices: one <p data-shows="TEXT"> each; the choice whose TEXT the widget's result then shows
// (its readout, status line and finish board, as lesson-expect.js reads them) is the run's answer.
// Or a number instead of choices: data-read="REGEX" (one capture group: the number, found in that
// same text), data-tolerance="0.05" (a guess this close counts as right) and an optional
// data-unit="steps". Nothing says which answer is right but the run.
//
// The build turns the block into a <form class="predict"> (hidden until site.js shows it, so a page
// read without JavaScript keeps only the question and its reveal), checks it here and checks its
// data-target and data-apply like a "try" button's (checks.mjs). The first <details> after the
// block is its reveal: it gets the id reveal-<prediction id>, which the verdict links to.
import { attributesOf, decodeEntities } from './checks.mjs';
import { fail, lineAt } from './util.mjs';

const BLOCK = /<div\b[^>]*\bclass="predict"[^>]*>([\s\S]*?)<\/div>/g;
const PARAGRAPH = /<p\b([^>]*)>([\s\S]*?)<\/p>/g;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// An attribute written back as the lesson spelled it, so the checks can find it in the source.
const attribute = (name, raw) => (raw.includes('"') ? ` ${name}='${raw}'` : ` ${name}="${raw}"`);

function parseBlock(open, inner, where) {
  const attributes = attributesOf(open);
  const id = attributes['data-prediction'] ?? '';
  if (!ID.test(id))
    fail(`${where}: a prediction needs data-prediction="<id>" (lower-case letters, digits, hyphens), not "${id}"`);
  const prediction = { id, attributes, question: '', why: '', choices: [] };
  const rest = inner.replace(PARAGRAPH, (whole, paragraphAttributes, html) => {
    const own = attributesOf(`<p${paragraphAttributes}>`);
    if (own.class === 'predict-question') prediction.question = html.trim();
    else if (own.class === 'predict-why') prediction.why = html.trim();
    else if ('data-shows' in own) prediction.choices.push({ shows: own['data-shows'], label: html.trim() });
    else fail(`${where}: prediction "${id}": unexpected paragraph <p${paragraphAttributes}>`);
    return '';
  });
  if (rest.trim() !== '')
    fail(`${where}: prediction "${id}": only <p> children are allowed, found ${rest.trim().slice(0, 80)}`);
  if (!prediction.question) fail(`${where}: prediction "${id}" needs a <p class="predict-question">`);
  if (!prediction.why) fail(`${where}: prediction "${id}" needs a one-line <p class="predict-why">`);

  const read = attributes['data-read'];
  if (read === undefined) {
    if (prediction.choices.length < 2)
      fail(`${where}: prediction "${id}" needs two or more <p data-shows="…"> choices, or data-read for a number`);
    const seen = new Set();
    for (const { shows, label } of prediction.choices) {
      const text = decodeEntities(shows);
      if (!text.trim() || !label) fail(`${where}: prediction "${id}": a choice has an empty data-shows or label`);
      for (const other of seen) {
        if (other.includes(text) || text.includes(other))
          fail(`${where}: prediction "${id}": choices "${other}" and "${text}" would both match one result`);
      }
      seen.add(text);
    }
  } else {
    if (prediction.choices.length) fail(`${where}: prediction "${id}" has both choices and data-read`);
    let groups;
    try {
      groups = new RegExp(`${decodeEntities(read)}|`).exec('').length - 1;
    } catch (error) {
      fail(`${where}: prediction "${id}": data-read is not a valid regular expression (${error.message})`);
    }
    if (groups !== 1) fail(`${where}: prediction "${id}": data-read needs exactly one capture group (the number)`);
    const tolerance = Number(attributes['data-tolerance']);
    if (attributes['data-tolerance'] === undefined || !Number.isFinite(tolerance) || tolerance < 0)
      fail(`${where}: prediction "${id}": a number needs data-tolerance="<a number ≥ 0>"`);
  }
  return prediction;
}

function renderForm(prediction, revealId) {
  const { id, attributes, question, why, choices } = prediction;
  const passed = ['data-target', 'data-apply', 'data-read', 'data-tolerance', 'data-unit']
    .filter((name) => attributes[name] !== undefined)
    .map((name) => attribute(name, attributes[name]))
    .join('');
  const unit = attributes['data-unit'] ?? '';
  const answer = choices.length
    ? `<div class="predict-choices">\n${choices
        .map(
          (choice, index) =>
            `<label><input type="radio" name="predict-${id}" value="${index + 1}"${attribute('data-shows', choice.shows)}> <span>${choice.label}</span></label>`,
        )
        .join('\n')}\n</div>`
    : [
        `<label class="predict-number">Your guess <input type="text" name="predict-${id}" autocomplete="off" spellcheck="false" size="8"> ${unit}</label>`,
        `<p class="predict-tolerance">Scored right within ±${attributes['data-tolerance']}${unit ? ` ${unit}` : ''} of what the run shows.</p>`,
      ].join('\n');
  return [
    `<form class="predict" id="predict-${id}" data-prediction="${id}"${passed} hidden>`,
    `<fieldset>\n<legend>${question}</legend>\n${answer}\n</fieldset>`,
    '<div class="predict-actions"><button type="submit" class="predict-lock">Lock in my guess</button>' +
      '<button type="button" class="predict-run" hidden>Run it</button></div>',
    '<p class="predict-result"></p>',
    `<p class="predict-why" hidden>${why} <a href="#${revealId}">Read the full answer</a></p>`,
    '</form>',
  ].join('\n');
}

// `html`: a lesson's page body. Returns it with every prediction block rendered.
export function renderPredictions(html, source, file) {
  const ids = new Set();
  let out = '';
  let last = 0;
  for (const match of html.matchAll(BLOCK)) {
    const open = match[0].slice(0, match[0].indexOf('>') + 1);
    const idText = /data-prediction="([^"]*)"/.exec(open)?.[1];
    const index = idText === undefined ? -1 : source.indexOf(`data-prediction="${idText}"`);
    const where = `${file}:${index < 0 ? '?' : lineAt(source, index)}`;
    if (match.index < last) fail(`${where}: two predictions before one <details>: each needs its own reveal`);
    const prediction = parseBlock(open, match[1], where);
    if (ids.has(prediction.id)) fail(`${where}: two predictions are called "${prediction.id}"`);
    ids.add(prediction.id);

    const after = match.index + match[0].length;
    const details = /<details\b([^>]*)>/.exec(html.slice(after));
    if (!details) fail(`${where}: prediction "${prediction.id}" needs a <details> reveal after it`);
    const revealId = attributesOf(details[0]).id ?? `reveal-${prediction.id}`;
    const detailsAt = after + details.index;
    out +=
      html.slice(last, match.index) +
      renderForm(prediction, revealId) +
      '\n' +
      html.slice(after, detailsAt).trimStart();
    out += attributesOf(details[0]).id ? details[0] : `<details id="${revealId}"${details[1]}>`;
    last = detailsAt + details[0].length;
  }
  return out + html.slice(last);
}
