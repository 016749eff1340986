// The readout formatters: counts grouped in thousands the way toLocaleString('en') groups them
// (which the widgets no longer call: its first call loads ICU and blocked the page 50–75 ms).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

async function loadFormat() {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'www', 'js', 'ui', 'format.js'), 'utf8');
  return import('data:text/javascript;base64,' + Buffer.from(source).toString('base64'));
}

test('formatCount groups thousands like en-US', async () => {
  const { formatCount } = await loadFormat();
  for (const value of [0, 7, 999, 1000, 44426, 61706, 138357544, 15470264320, -1234567]) {
    assert.equal(formatCount(value), value.toLocaleString('en-US'), String(value));
  }
  assert.equal(formatCount(2.6), '3');
  assert.equal(formatCount(999.5), '1,000');
});

test('formatNumber switches to scientific notation outside 1e-3 … 1e6', async () => {
  const { formatNumber } = await loadFormat();
  assert.equal(formatNumber(0.5), '0.500');
  assert.equal(formatNumber(0.0001234), '1.23e-4');
  assert.equal(formatNumber(2.5e6, 2), '2.5e+6');
  assert.equal(formatNumber(Number.NaN), 'NaN');
});
