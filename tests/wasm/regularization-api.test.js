// The regularization explorer's JavaScript API: runRegularization, createRegularizationRun
// (advance / result / delete), compareWeightPenalties and runBiasVariance — the default setup's
// overfitting and its remedies as the widget shows them, shapes, invalid input answered with
// messages, and delete() freeing memory.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const keptValidation = (run) => run.validationLoss[run.keptEpoch];

test('runRegularization: the default setup overfits — validation rises after its minimum while training keeps falling', async () => {
  const core = await loadCore();
  const run = core.runRegularization({});
  assert.equal(run.ok, true, run.error);
  assert.equal(run.finished, true);
  assert.equal(run.epochsCompleted, 300);
  assert.equal(run.stopKind, 'completed');
  const last = run.epochsCompleted;
  assert.ok(run.bestEpoch > 20 && run.bestEpoch < last - 50, `best epoch ${run.bestEpoch}`);
  assert.ok(
    run.validationLoss[last] > 2 * run.bestValidationLoss,
    `${run.validationLoss[last]} vs best ${run.bestValidationLoss}`,
  );
  assert.ok(run.trainLoss[last] < 0.8 * run.trainLoss[run.bestEpoch]);
  assert.equal(run.verdicts[last], 'overfitting');
  assert.ok(run.sweetSpotFirst <= run.bestEpoch && run.bestEpoch <= run.sweetSpotLast);
  // Shapes: one entry per epoch plus the initial one; one curve row per entry.
  for (const key of ['trainLoss', 'validationLoss', 'gap']) assert.equal(run[key].length, last + 1, key);
  assert.ok(run.curves instanceof Float64Array);
  assert.equal(run.curves.length, (last + 1) * run.curvePoints);
  assert.equal(run.curveX.length, run.curvePoints);
  assert.equal(run.trainX.length, 15);
  assert.equal(run.validationX.length, 30);
  assert.ok(run.zeroWeights instanceof Int32Array);
  assert.equal(run.weights.length, run.weightCount);
  assert.equal(run.weightCount, 288);
});

test('each remedy lowers the final validation loss; early stopping keeps the best epoch', async () => {
  const core = await loadCore();
  const baseline = keptValidation(core.runRegularization({}));
  const remedies = {
    l2: { weightDecay: 0.003 },
    dropout: { dropout: 0.2 },
    earlyStopping: { earlyStopping: true, patience: 50 },
    l1: { l1: 0.001 },
    adamw: { optimizer: 'adamw', weightDecay: 1 },
    smallerModel: { capacity: 'medium' },
    moreData: { trainPoints: 40 },
  };
  for (const [name, settings] of Object.entries(remedies)) {
    const run = core.runRegularization(settings);
    assert.equal(run.ok, true, `${name}: ${run.error}`);
    assert.ok(keptValidation(run) < 0.7 * baseline, `${name}: ${keptValidation(run)} vs ${baseline}`);
  }
  const early = core.runRegularization({ earlyStopping: true, patience: 50 });
  assert.equal(early.stopKind, 'early_stopping');
  assert.equal(early.keptEpoch, early.bestEpoch);
  assert.equal(early.epochsCompleted, early.bestEpoch + 50);
  assert.equal(early.stopReason, `early stopping at epoch ${early.bestEpoch + 50} (best ${early.bestEpoch})`);
});

test('createRegularizationRun advances in chunks to exactly the one-call result, and delete() frees it', async () => {
  const core = await loadCore();
  const whole = core.runRegularization({ dropout: 0.2, epochs: 80 });
  const created = core.createRegularizationRun({ dropout: 0.2, epochs: 80 });
  assert.equal(created.ok, true, created.error);
  const { run } = created;
  let step;
  do {
    step = run.advance(7);
    assert.equal(step.ok, true);
    const partial = run.result();
    assert.equal(partial.trainLoss.length, step.epochsCompleted + 1);
  } while (!step.finished);
  const result = run.result();
  assert.deepEqual(Array.from(result.validationLoss), Array.from(whole.validationLoss));
  assert.deepEqual(Array.from(result.curves), Array.from(whole.curves));
  assert.equal(run.advance(0).ok, false);
  run.delete();
  assert.match(run.advance(1).error, /deleted/); // a raw call returns the failure

  // Wide enough (≈ 17k parameters, kept in several copies) that leaking every run would outgrow the heap.
  const cycle = () => {
    const again = core.createRegularizationRun({ capacity: 'custom', width: 128, depth: 2, epochs: 2 });
    again.run.advance(2);
    again.run.result();
    again.run.delete();
  };
  for (let i = 0; i < 5; i++) cycle();
  const before = core.HEAP8.length;
  for (let i = 0; i < 100; i++) cycle();
  assert.equal(core.HEAP8.length, before);
});

test('compareWeightPenalties: L1 gives many exact zeros, L2 none, on common bins', async () => {
  const core = await loadCore();
  const comparison = core.compareWeightPenalties({ l1Strength: 0.001, l2Strength: 0.003, bins: 41 });
  assert.equal(comparison.ok, true, comparison.error);
  for (const side of ['l1', 'l2']) {
    const run = comparison[side];
    assert.equal(run.counts.length, 41);
    assert.equal(
      run.counts.reduce((a, b) => a + b, 0),
      run.total,
    );
    assert.equal(run.total, 288);
    assert.equal(run.exactZeros, Array.from(run.weights).filter((w) => w === 0).length);
  }
  assert.ok(comparison.l1.exactZeros > 288 / 4, `${comparison.l1.exactZeros}`);
  assert.equal(comparison.l2.exactZeros, 0);
  const largest = Math.max(
    ...Array.from(comparison.l1.weights, Math.abs),
    ...Array.from(comparison.l2.weights, Math.abs),
  );
  assert.equal(comparison.limit, largest);
});

test('runBiasVariance: the simple model has more bias, the complex one more variance', async () => {
  const core = await loadCore();
  const result = core.runBiasVariance({ sets: 6 });
  assert.equal(result.ok, true, result.error);
  const points = result.curveX.length;
  assert.equal(result.simple.curves.length, 6 * points);
  assert.equal(result.complex.meanCurve.length, points);
  assert.ok(result.simple.biasSquared > 2 * result.complex.biasSquared);
  assert.ok(result.complex.variance > 2 * result.simple.variance);
});

test('a diverging run is reported, not thrown', async () => {
  const core = await loadCore();
  const run = core.runRegularization({ optimizer: 'momentum', lr: 5 });
  assert.equal(run.ok, true, run.error);
  assert.equal(run.stopKind, 'diverged');
  assert.match(run.stopReason, /^diverged at epoch \d+, step \d+: /);
});

test('bad input gives a message, never a throw', async () => {
  const core = await loadCore();
  const cases = [
    [undefined, 'regularization config must be an object'],
    [{ capacity: 'huge' }, 'capacity: "huge" is not known (valid: low, medium, high, custom)'],
    [{ optimizer: 'lion' }, 'optimizer: "lion" is not offered here (valid: adam, adamw, momentum)'],
    [{ epochs: 0 }, 'epochs must be a whole number between 1 and 2000'],
    [{ epochs: 'many' }, 'epochs must be a whole number between 1 and 2000'],
    [{ lr: 0 }, 'regularization: learning rate must be > 0'],
    [{ dropout: 0.95 }, 'regularization: dropout must be in [0, 0.9], got 0.95'],
    [{ noise: Number.NaN }, 'noise must be a number in [0, 10], got nan'],
  ];
  for (const [config, message] of cases) {
    const result = core.runRegularization(config);
    assert.equal(result.ok, false, JSON.stringify(config));
    assert.equal(result.error, message, JSON.stringify(config));
  }
  assert.equal(
    core.createRegularizationRun({ capacity: 'custom', width: 0 }).error,
    'width must be a whole number between 1 and 256',
  );
  assert.equal(core.runBiasVariance({ sets: 1 }).error, 'sets must be a whole number between 2 and 32');
  assert.equal(core.compareWeightPenalties({ bins: 0 }).error, 'bins must be a whole number between 1 and 200');
});

test('regularizationCatalog: the capacities, optimizers, limits and defaults the core enforces', async () => {
  const core = await loadCore();
  const catalog = core.regularizationCatalog();
  assert.deepEqual(
    catalog.capacities.map((c) => [c.id, Array.from(c.layers)]),
    [
      ['low', [1]],
      ['medium', [3]],
      ['high', [16, 16]],
      ['custom', [16, 16]],
    ],
  );
  assert.deepEqual(catalog.optimizers, [
    { id: 'adam', defaultLearningRate: 0.03, defaultWeightDecay: 0.003, maxWeightDecay: 10 },
    { id: 'adamw', defaultLearningRate: 0.03, defaultWeightDecay: 0.5, maxWeightDecay: 1 },
    { id: 'momentum', defaultLearningRate: 0.1, defaultWeightDecay: 0.003, maxWeightDecay: 10 },
  ]);
  assert.deepEqual(catalog.limits, {
    minEpochs: 1,
    maxEpochs: 2000,
    minWidth: 1,
    maxWidth: 256,
    minDepth: 1,
    maxDepth: 6,
    minTrainPoints: 2,
    maxTrainPoints: 500,
    maxLearningRate: 10,
    maxDropout: 0.9,
    maxPenalty: 10,
    maxPatience: 1000,
  });
  assert.deepEqual(catalog.defaults, {
    capacity: 'high',
    width: 16,
    depth: 2,
    epochs: 300,
    optimizer: 'adam',
    patience: 20,
    noise: 0.3,
    trainPoints: 15,
    validationPoints: 30,
    seed: 17,
  });
  for (const o of catalog.optimizers) {
    const made = core.createRegularizationRun({
      optimizer: o.id,
      lr: o.defaultLearningRate,
      weightDecay: o.maxWeightDecay,
      epochs: 1,
    });
    assert.equal(made.ok, true, made.error);
    made.run.delete();
    assert.match(
      core.createRegularizationRun({ optimizer: o.id, weightDecay: o.maxWeightDecay * 1.5 }).error,
      /weight decay must be in \[0, /,
    );
  }
  const { limits } = catalog;
  assert.match(
    core.createRegularizationRun({ epochs: limits.maxEpochs + 1 }).error,
    /epochs must be a whole number between 1 and 2000/,
  );
  assert.match(core.createRegularizationRun({ capacity: 'custom', depth: limits.maxDepth + 1 }).error, /depth/);
});
