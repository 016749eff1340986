// The build's interactive predictions (build-scripts/site/predictions.mjs and checks.mjs): a block
// becomes an accessible form with its reveal linked, and a malformed one stops the build with the
// lesson file and line. No browser, no core.
//
//   node --test tests/site/predictions.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
let renderPredictions;
let checkLessonHtml;
test.before(async () => {
  ({ renderPredictions } = await import(path.join(root, 'build-scripts', 'site', 'predictions.mjs')));
  ({ checkLessonHtml } = await import(path.join(root, 'build-scripts', 'site', 'checks.mjs')));
});

const SCHEMAS = new Map([['descent-race', new Set(['surface', 'racers', 'steps'])]]);
const WIDGET = '<descent-race id="race"></descent-race>';
const REVEAL = '<details>\n<summary>Reveal the answer</summary><p>It blows up.</p>\n</details>';

function block({ open = 'data-target="race" data-apply=\'{"racers":"sgd:0.021"}\'', body } = {}) {
  return [
    `<div class="predict" data-prediction="ravine" ${open}>`,
    '<p class="predict-question">What happens?</p>',
    body ?? '<p data-shows="SGD — diverged">It blows up</p>\n<p data-shows="SGD — still on its way">It crawls</p>',
    '<p class="predict-why">The factor across is −1.1.</p>',
    '</div>',
  ].join('\n');
}

// Builds one lesson body the way lessons.mjs does: render, then check; returns the page body.
function build(predictionBlock, { reveal = REVEAL } = {}) {
  const source = `---\ntitle: T\n---\n\n## Predict first\n\n${predictionBlock}\n\n${reveal}\n\n${WIDGET}\n`;
  const html = renderPredictions(`${predictionBlock}\n${reveal}\n${WIDGET}`, source, 'lessons/x.md');
  checkLessonHtml(html, source, 'lessons/x.md', { widgets: ['descent-race'] }, SCHEMAS);
  return html;
}

test('a choice prediction becomes a hidden form: fieldset, legend, radios, reveal linked', () => {
  const html = build(block());
  assert.equal(html.match(/data-prediction=/g).length, 1);
  assert.match(html, /<form class="predict" id="predict-ravine" data-prediction="ravine" data-target="race"/);
  assert.match(html, /<fieldset>\n<legend>What happens\?<\/legend>/);
  assert.match(
    html,
    /<input type="radio" name="predict-ravine" value="1" data-shows="SGD — diverged"> <span>It blows up<\/span>/,
  );
  assert.match(html, /<a href="#reveal-ravine">Read the full answer<\/a>/);
  assert.match(html, /<details id="reveal-ravine">/);
  assert.doesNotMatch(html, /class="try/);
});

test('a number prediction has a labelled input and states its tolerance', () => {
  const html = build(
    block({
      open: 'data-target="race" data-apply=\'{}\' data-read="step (\\d+)" data-tolerance="5" data-unit="steps"',
      body: '',
    }),
  );
  assert.match(
    html,
    /<label class="predict-number">Your guess <input type="text" name="predict-ravine"[^>]*> steps<\/label>/,
  );
  assert.match(html, /Scored right within ±5 steps of what the run shows/);
});

const BROKEN = [
  [
    'no widget id',
    block({ open: 'data-target="nope" data-apply=\'{}\'' }),
    /lessons\/x\.md:7: data-target="nope" matches no id/,
  ],
  [
    'bad JSON',
    block({ open: 'data-target="race" data-apply=\'{racers}\'' }),
    /lessons\/x\.md:7: data-apply is not valid JSON/,
  ],
  [
    'unknown attribute',
    block({ open: 'data-target="race" data-apply=\'{"speed":"2"}\'' }),
    /x\.md:7: data-apply sets unknown <descent-race> attribute 'speed'/,
  ],
  [
    'one choice',
    block({ body: '<p data-shows="SGD — diverged">It blows up</p>' }),
    /x\.md:7: .*two or more <p data-shows/,
  ],
  [
    'choices that overlap',
    block({ body: '<p data-shows="diverged">A</p>\n<p data-shows="SGD — diverged">B</p>' }),
    /would both match one result/,
  ],
  [
    'no capture group',
    block({ open: 'data-target="race" data-apply=\'{}\' data-read="step \\d+" data-tolerance="1"', body: '' }),
    /exactly one capture group/,
  ],
  [
    'bad regex',
    block({ open: 'data-target="race" data-apply=\'{}\' data-read="step (\\d+" data-tolerance="1"', body: '' }),
    /not a valid regular expression/,
  ],
  [
    'no tolerance',
    block({ open: 'data-target="race" data-apply=\'{}\' data-read="step (\\d+)"', body: '' }),
    /needs data-tolerance/,
  ],
  [
    'a stray element',
    block({ body: '<p data-shows="a">A</p>\n<p data-shows="b">B</p>\n<ul><li>x</li></ul>' }),
    /only <p> children/,
  ],
];

for (const [name, text, message] of BROKEN) {
  test(`the build refuses a prediction with ${name}, naming the lesson and line`, () => {
    assert.throws(() => build(text), message);
  });
}

test('the build refuses a prediction with no reveal after it', () => {
  assert.throws(() => build(block(), { reveal: '' }), /x\.md:7: prediction "ravine" needs a <details> reveal after it/);
});

// The page's reading of a typed guess (www/js/site/lesson-predict.js), bundled for node.
async function loadParseGuess() {
  const esbuild = require('esbuild');
  const { outputFiles } = await esbuild.build({
    stdin: {
      contents: "export { parseGuess } from './www/js/site/lesson-predict.js';",
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return (await import('data:text/javascript;base64,' + Buffer.from(outputFiles[0].text).toString('base64')))
    .parseGuess;
}

test('a typed guess reads thousands separators, a decimal comma, a minus sign and a unit', async () => {
  const parseGuess = await loadParseGuess();
  const cases = [
    ['1,728', '', 1728],
    ['1,179,648', '', 1179648],
    ['1 179 648', '', 1179648],
    ['0,25', '', 0.25],
    ['12,5', '', 12.5],
    ['−2', '', -2],
    ['216 weights', 'weights', 216],
    ['8.84', '', 8.84],
  ];
  for (const [text, unit, expected] of cases) assert.equal(parseGuess(text, unit), expected, text);
  assert.ok(Number.isNaN(parseGuess('')));
  assert.ok(Number.isNaN(parseGuess('about 3')));
});
