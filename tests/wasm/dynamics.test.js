// The training-dynamics JavaScript API: runDynamics, createDynamicsProbe and dynamicsCatalog —
// the same numbers as the native build, layouts, invalid input answered with messages, and a probe
// recorded a few steps at a time giving the same run as one call.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

// Native figures (build/native, run_dynamics with depth 20 and these settings; the last entry).
// Float networks: native and WebAssembly agree to float rounding of libm's exp/log, not bit for bit.
const NATIVE = [
  {
    config: { depth: 20, activation: 'sigmoid', initializer: 'xavier', steps: 0 },
    loss: 0.766933501,
    first: 2.55763326e-14,
    last: 0.542906642,
    verdict: 'vanishing',
  },
  {
    config: { depth: 20, activation: 'relu', initializer: 'he', steps: 0 },
    loss: 0.718881488,
    first: 0.0177535601,
    last: 0.0818707123,
    verdict: 'healthy',
  },
  {
    config: { depth: 20, activation: 'tanh', initializer: 'xavier', batchNorm: true, steps: 0 },
    loss: 0.784020305,
    first: 13.5345469,
    last: 0.346146703,
    verdict: 'healthy',
  },
  {
    config: { depth: 20, activation: 'tanh', initializer: 'xavier', steps: 5, optimizer: 'sgd', lr: 0.1 },
    loss: 0.687464833,
    first: 0.0132830814,
    last: 0.00808883645,
    verdict: 'healthy',
  },
];
// Not compared after training with Adam and batch norm: the bias before a batch norm has a gradient
// that is 0 up to round-off, and Adam turns round-off of either sign into a full step of ±lr, so the
// two builds' runs drift apart by design.

const close = (actual, expected, what) =>
  assert.ok(Math.abs(actual - expected) <= 1e-4 * Math.abs(expected), `${what}: ${actual} vs native ${expected}`);

test("runDynamics gives the native build's numbers and verdicts", async () => {
  const core = await loadCore();
  for (const { config, loss, first, last, verdict } of NATIVE) {
    const run = core.runDynamics(config);
    assert.equal(run.ok, true, run.error);
    const k = run.stepsCompleted;
    assert.equal(k, config.steps);
    close(run.loss[k], loss, `${config.activation} loss`);
    close(run.gradientNorms[k * 20], first, `${config.activation} layer-1 norm`);
    close(run.gradientNorms[k * 20 + 19], last, `${config.activation} output-layer norm`);
    assert.equal(run.verdicts[k], verdict);
  }
});

test('runDynamics lays every array out entry by entry', async () => {
  const core = await loadCore();
  const run = core.runDynamics({
    depth: 6,
    width: 8,
    activation: 'gelu',
    initializer: 'he',
    steps: 4,
    optimizer: 'sgd',
    lr: 0.5,
  });
  assert.equal(run.ok, true, run.error);
  const entries = 5;
  assert.deepEqual(
    [run.depth, run.hiddenLayers, run.stepsCompleted, run.first, run.count, run.finished, run.diverged],
    [6, 5, 4, 0, entries, true, false],
  );
  assert.ok(run.gradientNorms instanceof Float64Array);
  assert.equal(run.gradientNorms.length, entries * 6);
  assert.equal(run.weightNorms.length, entries * 6);
  for (const key of [
    'activationMean',
    'activationStd',
    'zeroFraction',
    'deadUnitFraction',
    'meanLocalDerivative',
    'saturatedFraction',
    'nonFiniteFraction',
  ]) {
    assert.equal(run[key].length, entries * 5, key);
  }
  assert.ok(run.histograms instanceof Float32Array);
  assert.equal(run.histograms.length, entries * 5 * run.bins);
  assert.equal(run.loss.length, entries);
  assert.equal(run.verdicts.length, entries);
  assert.equal(run.messages.length, entries);
  // Each layer's histogram holds every (finite) activation.
  for (let layer = 0; layer < 5; layer++) {
    const bins = run.histograms.subarray(layer * run.bins, (layer + 1) * run.bins);
    assert.ok(Math.abs(bins.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  }
});

test('a probe advanced a few steps at a time records the run that one call records', async () => {
  const core = await loadCore();
  const config = { depth: 8, activation: 'relu', initializer: 'he', steps: 9, seed: 4 };
  const whole = core.runDynamics(config);
  const made = core.createDynamicsProbe(config);
  assert.equal(made.ok, true, made.error);
  const { probe } = made;
  try {
    assert.equal(probe.summary().stepsCompleted, -1);
    assert.equal(probe.advance(3), 3);
    const firstPart = probe.entries(0);
    assert.equal(firstPart.count, 3);
    assert.equal(probe.advance(100), 7);
    assert.equal(probe.summary().finished, true);
    const rest = probe.entries(3);
    assert.deepEqual([rest.first, rest.count], [3, 7]);
    assert.deepEqual([...firstPart.gradientNorms, ...rest.gradientNorms], [...whole.gradientNorms]);
    assert.deepEqual([...firstPart.messages, ...rest.messages], whole.messages);
    assert.equal(probe.advance(1), 0);
  } finally {
    probe.delete();
  }
});

test('an exploding run ends in a NaN entry, reported, not thrown', async () => {
  const core = await loadCore();
  const run = core.runDynamics({
    depth: 20,
    activation: 'relu',
    initializer: 'naive_normal',
    optimizer: 'sgd',
    lr: 0.1,
    steps: 50,
  });
  assert.equal(run.ok, true, run.error);
  assert.equal(run.diverged, true);
  assert.equal(run.divergedAtStep, run.stepsCompleted);
  assert.equal(run.verdicts[0], 'exploding');
  assert.equal(run.verdicts[run.stepsCompleted], 'nan');
  assert.match(run.messages[run.stepsCompleted], /^NaN after 1 step: the loss became NaN$/);
});

test('bad input gives a message, never a throw', async () => {
  const core = await loadCore();
  const cases = [
    [{ depth: 31 }, /depth must be a whole number between 2 and 30/],
    [{ depth: 2.5 }, /depth/],
    [{ width: 0 }, /width/],
    [{ activation: 'softmax' }, /unknown activation 'softmax'/],
    [{ initializer: 'glorot' }, /unknown initializer 'glorot'/],
    [{ optimizer: 'newton' }, /newton/],
    [{ lr: 0 }, /learning rate must be > 0/],
    [{ lr: 'fast' }, /lr must be a number/],
    [{ clip: true, clipThreshold: -1 }, /clip threshold/],
    [{ steps: 501 }, /steps/],
    [{ seed: -1 }, /seed/],
    ['not an object', /must be an object/],
  ];
  for (const [config, message] of cases) {
    for (const result of [core.runDynamics(config), core.createDynamicsProbe(config)]) {
      assert.equal(result.ok, false, JSON.stringify(config));
      assert.match(result.error, message);
    }
  }
});

test('dynamicsCatalog lists the choices and the verdict thresholds', async () => {
  const core = await loadCore();
  const catalog = core.dynamicsCatalog();
  assert.deepEqual(catalog.activations, ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'gelu']);
  assert.deepEqual(catalog.initializers, ['naive_uniform', 'naive_normal', 'small', 'xavier', 'he']);
  assert.ok(catalog.optimizers.includes('adam'));
  assert.deepEqual(catalog.thresholds, {
    fadingRatio: 0.02,
    vanishingRatio: 1e-4,
    explodingNorm: 100,
    vanishingGradientPerLoss: 1e-3,
    fittedLoss: 0.05,
  });
  assert.equal(catalog.limits.maxDepth, 30);
});
