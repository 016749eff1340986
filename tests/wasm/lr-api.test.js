// The learning-rate range test's JavaScript API: lrRangeTest gives the native figures (a rate
// growing exponentially, a blow-up, a suggested rate in a sensible band) and messages for bad input.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

test('lrRangeTest: exponential rates, a blow-up, and a suggested rate well below it', async () => {
  const core = await loadCore();
  const run = core.lrRangeTest({ seed: 1 });
  assert.equal(run.ok, true, run.error);
  assert.ok(run.learningRate instanceof Float64Array);
  assert.equal(run.learningRate[0], 1e-4);
  assert.ok(run.stoppedAtStep > 0);
  const blowUp = run.learningRate[run.stoppedAtStep];
  assert.ok(blowUp > 1 && blowUp < 50, `blow-up at ${blowUp}`);
  assert.ok(run.suggestedLr > 0.01 && run.suggestedLr < 0.5, `suggested ${run.suggestedLr}`);
  assert.equal(run.learningRate[run.suggestedStep], run.suggestedLr);
  assert.equal(run.loss.length, run.stoppedAtStep + 1);
});

test('lrRangeTest: bad input is answered with a message', async () => {
  const core = await loadCore();
  for (const [request, message] of [[{ minLr: 0 }, /min_lr/], [{ minLr: 1, maxLr: 0.5 }, /max_lr/], [{ steps: 3 }, /steps/], [{ batchSize: 300 }, /batch_size/], ['x', /object/]]) {
    const answer = core.lrRangeTest(request);
    assert.equal(answer.ok, false);
    assert.match(answer.error, message);
  }
});
