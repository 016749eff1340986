// The state schema's pure functions (www/js/ui/state-schema.js): the URL hash belongs to the page
// as much as to the widgets — only a widget's own keys are its state, everything else is kept —
// and a message quotes at most a short prefix of a bad value.
//
//   node --test tests/site/state-schema.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
let schema;
test.before(async () => {
  // An ES module in a folder without "type": "module"; it imports nothing, so a data: URL loads it.
  const source = fs.readFileSync(path.join(root, 'www', 'js', 'ui', 'state-schema.js'), 'utf8');
  schema = await import(`data:text/javascript,${encodeURIComponent(source)}`);
});

const NAMES = ['surface', 'optimizer', 'lr'];

test('readHash reads only the widget schema keys, with or without a prefix', () => {
  const { readHash } = schema;
  assert.deepEqual([...readHash('#intro', '', NAMES)], []);
  assert.deepEqual([...readHash('#section-2', '', NAMES)], []);
  assert.deepEqual([...readHash('#page=3&lr=0.1&gd.lr=0.2', '', NAMES)], [['lr', '0.1']]);
  assert.deepEqual([...readHash('#page=3&lr=0.1&gd.lr=0.2', 'gd.', NAMES)], [['lr', '0.2']]);
  assert.deepEqual([...readHash('', '', NAMES)], []);
});

test('writeHash leaves a bare anchor alone and keeps foreign keys as written', () => {
  const { writeHash } = schema;
  const pairs = [
    ['optimizer', 'momentum'],
    ['lr', '0.05'],
  ];
  assert.equal(writeHash('#section-2', '', pairs, NAMES), '#section-2');
  assert.equal(writeHash('#intro', 'gd.', pairs, NAMES), '#intro');
  assert.equal(writeHash('', '', pairs, NAMES), '#optimizer=momentum&lr=0.05');
  assert.equal(writeHash('#page=3&lr=0.1', '', pairs, NAMES), '#page=3&optimizer=momentum&lr=0.05');
  assert.equal(writeHash('#other.lr=1&gd.lr=2', 'gd.', pairs, NAMES), '#other.lr=1&gd.optimizer=momentum&gd.lr=0.05');
  assert.equal(writeHash('#lr=0.1&x=%20a', '', [], NAMES), '#x=%20a');
  assert.equal(writeHash('#lr=0.1', '', [], NAMES), '');
});

test('messages quote a short prefix of a bad value; oversized values are refused by length', () => {
  const { parseValue, shortText, MAX_ATTRIBUTE_LENGTH } = schema;
  const lr = { name: 'lr', type: 'number', defaultValue: 0.1, min: 0, max: 10 };
  assert.equal(shortText('abc'), 'abc');
  assert.equal(shortText('a'.repeat(41)), `${'a'.repeat(40)}…`);
  const bad = parseValue(lr, 'x'.repeat(5000));
  assert.match(bad.error, /^lr: expected a number, got "x{40}…"$/);
  const huge = parseValue(lr, '1'.repeat(1000000));
  assert.equal(huge.error, `lr: the value is too long (1000000 characters; at most ${MAX_ATTRIBUTE_LENGTH})`);
  const id = { name: 'optimizer', type: 'id', defaultValue: 'sgd', choices: ['sgd'] };
  assert.ok(parseValue(id, 'q'.repeat(300)).error.length < 100);
  const long = { name: 'csv', type: 'custom', defaultValue: '', maxLength: 200000, parse: (text) => ({ value: text }) };
  assert.equal(parseValue(long, 'a'.repeat(100000)).value.length, 100000);
});

test('onlyViewChanged: true only when something changed and all of it is view-only', () => {
  const entries = [
    { name: 'lr', type: 'number' },
    { name: 'start', type: 'point' },
    { name: 'speed', type: 'number', viewOnly: true },
  ];
  const before = { lr: 0.1, start: [1, 2], speed: 6 };
  assert.equal(schema.onlyViewChanged(entries, before, { ...before, speed: 12 }), true);
  assert.equal(schema.onlyViewChanged(entries, before, { ...before }), false, 'nothing changed: a reset recomputes');
  assert.equal(schema.onlyViewChanged(entries, before, { ...before, speed: 12, lr: 0.2 }), false);
  assert.equal(schema.onlyViewChanged(entries, before, { ...before, start: [1, 3] }), false, 'arrays by value');
  assert.equal(schema.onlyViewChanged(entries, before, { ...before, start: [1, 2], speed: 6 }), false);
});
