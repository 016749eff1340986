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
  for (const [request, message] of [
    [{ minLr: 0 }, /min_lr/],
    [{ minLr: 1, maxLr: 0.5 }, /max_lr/],
    [{ steps: 3 }, /steps/],
    [{ batchSize: 300 }, /batch_size/],
    ['x', /object/],
  ]) {
    const answer = core.lrRangeTest(request);
    assert.equal(answer.ok, false);
    assert.match(answer.error, message);
  }
});

test('createLrRangeTest: run in slices, the answer of lrRangeTest; the same refusals', async () => {
  const core = await loadCore();
  const whole = core.lrRangeTest({ seed: 3 });
  const made = core.createLrRangeTest({ seed: 3 });
  assert.equal(made.ok, true, made.error);
  let calls = 0;
  while (made.run.advance(9) !== true) calls += 1;
  assert.ok(calls > 2, `${calls} slices`);
  const sliced = made.run.result();
  made.run.delete();
  assert.deepEqual(sliced, whole);
  assert.match(core.createLrRangeTest({ steps: 3 }).error, /steps/);
  assert.match(core.createLrRangeTest('x').error, /createLrRangeTest needs an object/);
});

// ---- the learning-rate explorer: schedules, training runs, three rates, linear scaling ----

test('lrScheduleSamples: warm-up boundaries and the Transformer peak at step = warmup', async () => {
  const core = await loadCore();
  const warm = core.lrScheduleSamples({ schedule: 'warmup_cosine', lr: 0.1, steps: 105 });
  assert.equal(warm.ok, true, warm.error);
  assert.ok(warm.learningRate instanceof Float64Array);
  assert.equal(warm.learningRate.length, 105);
  assert.ok(Math.abs(warm.learningRate[0] - 0.02) < 1e-15);
  assert.ok(Math.abs(warm.learningRate[4] - 0.1) < 1e-15);
  assert.equal(warm.peakStep, 4);
  const paper = core.lrScheduleSamples({
    schedule: 'transformer',
    scheduleParams: { d_model: 512, warmup_steps: 4000 },
    lr: 1,
    steps: 10000,
  });
  assert.equal(paper.peakStep, 3999); // s = t + 1 = 4000
  assert.ok(Math.abs(paper.peakLearningRate - 1 / Math.sqrt(512 * 4000)) < 1e-15);
});

test('lrThreeRates: the too-large run rises every epoch then becomes NaN, as natively', async () => {
  const core = await loadCore();
  const runs = core.lrThreeRates({});
  assert.equal(runs.ok, true, runs.error);
  const large = runs.tooLarge;
  assert.equal(large.learningRate, 4.5);
  assert.ok(Math.abs(large.epochLoss[0] - Math.log(10)) < 0.05, `starts at ${large.epochLoss[0]}`);
  assert.equal(large.diverged, true);
  assert.equal(large.divergedEpoch, 3);
  assert.equal(large.divergedStep, 23);
  assert.equal(large.stopReason, 'diverged at epoch 3, step 23: loss became NaN');
  // The native figures (tests/core/sims/lr/explorer_test.cpp): 2.301 → 2.928 → 23.40 → NaN.
  assert.deepEqual(
    Array.from(large.epochLoss, (v) => Number(v.toPrecision(4))),
    [2.301, 2.928, 23.4],
  );
  assert.equal(runs.aboutRight.diverged, false);
  assert.equal(runs.aboutRight.epochLoss.length, 21);
  assert.ok(runs.aboutRight.epochLoss[20] < 0.2, `about right ends at ${runs.aboutRight.epochLoss[20]}`);
  assert.ok(runs.tooSmall.epochLoss[20] > 2.0 && runs.tooSmall.epochLoss[20] < runs.tooSmall.epochLoss[0]);
  assert.equal(runs.tooSmall.stepLoss.length, 160);
});

test('lrScheduleComparison: warm-up + cosine trains at a rate where the constant rate stalls', async () => {
  const core = await loadCore();
  const comparison = core.lrScheduleComparison({ schedule: 'warmup_cosine', lr: 2 });
  assert.equal(comparison.ok, true, comparison.error);
  assert.equal(comparison.totalSteps, 160);
  assert.equal(comparison.batchesPerEpoch, 8);
  assert.equal(comparison.schedule.learningRate.length, 160);
  assert.equal(comparison.scheduled.epochLoss[0], comparison.constant.epochLoss[0]);
  assert.ok(Math.abs(comparison.scheduled.stepLearningRate[0] - 0.4) < 1e-12); // 2 · 1/5
  assert.ok(comparison.scheduled.epochLoss[20] < 0.3, `scheduled ${comparison.scheduled.epochLoss[20]}`);
  assert.ok(comparison.constant.epochLoss[20] > 1, `constant ${comparison.constant.epochLoss[20]}`);
  const again = core.lrScheduleComparison({ schedule: 'warmup_cosine', lr: 2 });
  assert.deepEqual(again.scheduled.stepLoss, comparison.scheduled.stepLoss);
});

test('lrLinearScaling: batch × k ⇒ lr × k (the seeds: 0.01 at 64 → 0.04 at 256)', async () => {
  const core = await loadCore();
  assert.deepEqual(core.lrLinearScaling({ lr: 0.01, baseBatch: 64, newBatch: 256 }), {
    ok: true,
    factor: 4,
    scaledLr: 0.04,
  });
  const down = core.lrLinearScaling({ lr: 0.1, baseBatch: 256, newBatch: 64 });
  assert.equal(down.factor, 0.25);
});

test("the explorer's functions answer bad input with a message", async () => {
  const core = await loadCore();
  for (const [call, request, message] of [
    ['lrScheduleSamples', { schedule: 'nope' }, /unknown schedule 'nope'/],
    ['lrScheduleSamples', { steps: 0 }, /steps/],
    ['lrScheduleSamples', { schedule: 'step', scheduleParams: { gamma: 3 } }, /gamma/],
    ['lrScheduleSamples', { scheduleParams: 'x' }, /scheduleParams must be an object/],
    ['lrScheduleComparison', { lr: 0 }, /learning rate must be > 0/],
    ['lrScheduleComparison', { batchSize: 500 }, /batch size must be between 1 and the number of points/],
    ['lrScheduleComparison', { points: 2000, batchSize: 1, epochs: 200 }, /epochs × batches per epoch/],
    ['lrScheduleComparison', { seed: -1 }, /seed/],
    ['lrThreeRates', { tooLarge: 0.1 }, /must increase/],
    ['lrThreeRates', { tooSmall: -1 }, /too-small rate/],
    ['lrLinearScaling', { lr: 0.01, baseBatch: 0, newBatch: 64 }, /baseBatch/],
    ['lrLinearScaling', { baseBatch: 64, newBatch: 64 }, /lr is missing/],
    ['lrLinearScaling', { lr: -1, baseBatch: 64, newBatch: 64 }, /base learning rate/],
    ['lrThreeRates', 7, /needs an object/],
  ]) {
    const answer = core[call](request);
    assert.equal(answer.ok, false, `${call}(${JSON.stringify(request)}) should fail`);
    assert.match(answer.error, message);
  }
});

// Everything the result holds, typed arrays as plain lists, for deep comparison.
const plain = (value) =>
  ArrayBuffer.isView(value)
    ? [...value]
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]))
      : value;

test('createLrRuns: trained a few epochs per call, the same answer as the one-call functions', async () => {
  const core = await loadCore();
  const setup = { points: 200, batchSize: 25, epochs: 12, seed: 3 };
  for (const [request, whole] of [
    [{ kind: 'compare', ...setup, schedule: 'cosine', lr: 0.5 }, core.lrScheduleComparison],
    [{ kind: 'rates', ...setup, tooLarge: 4.5, aboutRight: 0.5, tooSmall: 0.005 }, core.lrThreeRates],
  ]) {
    const made = core.createLrRuns(request);
    assert.equal(made.ok, true, made.error);
    const runs = made.runs;
    const seen = [];
    while (runs.advance(5) !== true) seen.push(runs.progress().epochs);
    assert.ok(seen.length >= 2, `advanced in slices: ${seen}`);
    assert.ok(
      seen.every((epochs, i) => i === 0 || epochs > seen[i - 1]),
      'progress grows',
    );
    const progress = runs.progress();
    assert.equal(progress.epochs, progress.totalEpochs);
    assert.deepEqual(plain(runs.result()), plain(whole(request)));
    runs.delete();
  }
});

test('createLrRuns: a bad request is answered with a message', async () => {
  const core = await loadCore();
  assert.match(core.createLrRuns({ kind: 'other' }).error, /kind must be/);
  assert.match(core.createLrRuns({ kind: 'rates', tooSmall: 5, tooLarge: 1 }).error, /./);
  assert.match(core.createLrRuns({ kind: 'compare', epochs: 0 }).error, /epochs/);
  const runs = core.createLrRuns({ kind: 'rates', epochs: 2 }).runs;
  assert.equal(runs.advance('many').ok, false);
  runs.delete();
});
