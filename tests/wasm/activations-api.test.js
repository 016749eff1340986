// The activation explorer's JavaScript API: activationCurves (sigmoid's 0.25, the saturated mask,
// the probe), softmaxOf and initPropagation (variance kept or exploding), with messages for bad input.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

test('activationCurves: sigmoid peaks at 0.25 at z = 0 and saturates in its tails', async () => {
  const core = await loadCore();
  const answer = core.activationCurves({ activation: 'sigmoid', from: -6, to: 6, samples: 241, probe: 0 });
  assert.equal(answer.ok, true, answer.error);
  assert.equal(answer.peakDerivative, 0.25);
  assert.ok(Math.abs(answer.peakAt) < 1e-12);
  assert.equal(answer.probeDerivative, 0.25);
  assert.ok(answer.saturated instanceof Uint8Array);
  assert.equal(answer.saturated[0], 1);
  assert.equal(answer.saturated[120], 0);
  const leaky = core.activationCurves({ activation: 'leaky_relu', alpha: 0.2, probe: -1 });
  assert.ok(Math.abs(leaky.probeValue + 0.2) < 1e-12 && Math.abs(leaky.probeDerivative - 0.2) < 1e-12);
});

test('softmaxOf and initPropagation', async () => {
  const core = await loadCore();
  const softmax = core.softmaxOf({ logits: [2, 1, 0.1] });
  assert.deepEqual(
    Array.from(softmax.probabilities, (p) => p.toFixed(3)),
    ['0.659', '0.242', '0.099'],
  );
  const naive = core.initPropagation({ initializer: 'naive_normal', activation: 'relu', width: 32 });
  assert.equal(naive.ok, true, naive.error);
  assert.ok(naive.preactivationVariance[4] > 5e5, `layer 5: ${naive.preactivationVariance[4]}`);
  const he = core.initPropagation({ initializer: 'he_normal', activation: 'relu', width: 64 });
  for (const v of he.preactivationVariance.subarray(0, 5)) assert.ok(v > 1.3 && v < 2.7, `He: ${v}`);
  assert.equal(he.histograms.length, 3 * he.bins);
  assert.deepEqual(Array.from(he.shownLayers), [1, 5, 10]);
});

test('bad input is answered with a message', async () => {
  const core = await loadCore();
  const cases = [
    [core.activationCurves({ activation: 'softmax' }), /softmax/],
    [core.activationCurves({ activation: 'cubic' }), /cubic/],
    [core.activationCurves({ activation: 'leaky_relu', alpha: 5 }), /alpha/],
    [core.softmaxOf({ logits: [] }), /between 1 and/],
    [core.softmaxOf({ logits: [1, 2], temperature: 0 }), /temperature/],
    [core.initPropagation({ width: 1000 }), /width/],
    [core.initPropagation({ initializer: 'magic' }), /magic/],
    [core.initPropagation({ shownLayers: [5, 1] }), /increasing/],
  ];
  for (const [answer, message] of cases) {
    assert.equal(answer.ok, false);
    assert.match(answer.error, message);
  }
});

test('activationCatalog: the choices, limits and defaults activationCurves and initPropagation use', async () => {
  const core = await loadCore();
  const catalog = core.activationCatalog();
  assert.deepEqual(catalog.activations, ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'gelu', 'swish', 'softmax']);
  assert.deepEqual(catalog.initializers, [
    'naive_normal',
    'naive_uniform',
    'normal',
    'xavier_normal',
    'xavier_uniform',
    'he_normal',
    'he_uniform',
  ]);
  assert.deepEqual(catalog.layerActivations, ['tanh', 'relu', 'sigmoid', 'linear', 'gelu']);
  assert.deepEqual(catalog.limits, {
    minCurveSamples: 2,
    maxCurveSamples: 4001,
    maxSoftmaxSize: 32,
    minInitWidth: 2,
    maxInitWidth: 128,
    minInitDepth: 1,
    maxInitDepth: 20,
    minInitSamples: 2,
    maxInitSamples: 512,
    minInitBins: 4,
    maxInitBins: 200,
  });
  const { shownLayers, ...defaults } = catalog.defaults;
  assert.deepEqual(Array.from(shownLayers), [1, 5, 10]);
  assert.deepEqual(defaults, {
    from: -6,
    to: 6,
    initializer: 'xavier_normal',
    layerActivation: 'tanh',
    initWidth: 64,
    initDepth: 10,
    initSamples: 256,
    initBins: 40,
  });
  for (const activation of catalog.activations.filter((a) => a !== 'softmax'))
    assert.equal(core.activationCurves({ activation }).ok, true, activation);
  for (const initializer of catalog.initializers)
    assert.equal(core.initPropagation({ initializer, width: 8, samples: 16 }).ok, true, initializer);
  for (const activation of catalog.layerActivations)
    assert.equal(core.initPropagation({ activation, width: 8, samples: 16 }).ok, true, activation);
  assert.match(core.initPropagation({ initializer: 'zeros' }).error, /not offered here/);
  assert.match(core.initPropagation({ width: catalog.limits.maxInitWidth + 1 }).error, /width/);
});
