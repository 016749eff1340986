// The perceptron-vs-MLP JavaScript API (perceptronVsMlp, perceptronMlpField): the native figures
// of tests/core/sims/perceptron_vs_mlp_test.cpp from WebAssembly, typed-array shapes, and bad input
// answered with messages.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const close = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

test('perceptronVsMlp: the perceptron never converges on XOR in 1000 epochs', async () => {
  const core = await loadCore();
  const run = core.perceptronVsMlp({ dataset: 'xor', epochs: 1000 });
  assert.equal(run.ok, true, run.error);
  assert.ok(run.perceptron.errors instanceof Int32Array);
  assert.equal(run.perceptron.errors.length, 1000);
  assert.deepEqual(Array.from(run.perceptron.errors.subarray(0, 4)), [2, 3, 4, 4]);
  assert.ok(run.perceptron.errors.every((errors) => errors > 0));
  assert.equal(run.perceptron.converged, false);
  assert.equal(run.perceptron.epochsToConverge, 0);
  assert.equal(run.perceptron.w1.length, 1001);
  assert.equal(run.perceptron.predictions.length, 4 * 1001);
  assert.deepEqual(Array.from(run.labels), [0, 1, 1, 0]);
  assert.deepEqual(Array.from(run.inputs), [0, 0, 0, 1, 1, 0, 1, 1]);
});

test('perceptronVsMlp: the perceptron converges on AND, OR and NAND', async () => {
  const core = await loadCore();
  const expected = { and: [1, 3, 3, 2, 1, 0], or: [1, 2, 1, 0], nand: [2, 3, 3, 2, 1, 0] };
  for (const [dataset, errors] of Object.entries(expected)) {
    const run = core.perceptronVsMlp({ dataset, epochs: 1000 });
    assert.equal(run.ok, true, run.error);
    assert.deepEqual(Array.from(run.perceptron.errors), errors, dataset);
    assert.equal(run.perceptron.converged, true);
    assert.equal(run.perceptron.epochsToConverge, errors.length);
  }
  const or = core.perceptronVsMlp({ dataset: 'or', learningRate: 0.5 });
  assert.deepEqual([or.perceptron.w1.at(-1), or.perceptron.w2.at(-1), or.perceptron.bias.at(-1)], [0.5, 0.5, 0]);
});

test('perceptronVsMlp: the 2-2-1 MLP solves XOR from seed 1 as natively', async () => {
  const core = await loadCore();
  const run = core.perceptronVsMlp({ dataset: 'xor', epochs: 300, learningRate: 0.5, seed: 1 });
  assert.equal(run.ok, true, run.error);
  const { mlp } = run;
  assert.ok(mlp.loss instanceof Float64Array);
  assert.equal(mlp.loss.length, 300);
  assert.equal(mlp.parameters.length, 301 * mlp.parameterCount);
  assert.equal(mlp.parameterCount, 9);
  assert.equal(mlp.stopReason, 'completed');
  assert.equal(mlp.epochsToSolve, 30);
  assert.equal(mlp.accuracy.at(-1), 1);
  close(mlp.loss[0], 0.692002, 1e-6, 'loss after epoch 1');
  close(mlp.loss.at(-1), 0.005847, 1e-6, 'loss after epoch 300');
  const p = mlp.pointProbability.subarray(300 * 4);
  assert.ok(p[0] < 0.01 && p[1] > 0.99 && p[2] > 0.99 && p[3] < 0.01, `P(1) at the corners: ${p}`);
  assert.equal(mlp.field.resolution, 40);
  assert.equal(mlp.field.probability.length, 1600);
  assert.deepEqual(run.view, { min: -0.5, max: 1.5 });
});

test('perceptronVsMlp: seed 3 is trapped at 3/4, seed 10 at ½ everywhere', async () => {
  const core = await loadCore();
  const stuck = core.perceptronVsMlp({ dataset: 'xor', seed: 3 });
  assert.equal(stuck.mlp.epochsToSolve, 0);
  assert.equal(stuck.mlp.accuracy.at(-1), 0.75);
  const flat = core.perceptronVsMlp({ dataset: 'xor', seed: 10 });
  assert.equal(flat.mlp.accuracy.at(-1), 0.5);
  close(flat.mlp.loss.at(-1), Math.log(2), 1e-3, 'loss stuck at ln 2');
});

test("perceptronMlpField: the field of the last epoch is the run's field", async () => {
  const core = await loadCore();
  const run = core.perceptronVsMlp({ dataset: 'xor', epochs: 120, seed: 42 });
  const last = run.mlp.parameters.subarray(120 * 9);
  const field = core.perceptronMlpField({ parameters: last, resolution: 40 });
  assert.equal(field.ok, true, field.error);
  assert.deepEqual(Array.from(field.probability), Array.from(run.mlp.field.probability));
  const again = core.perceptronVsMlp({ dataset: 'xor', epochs: 120, seed: 42 });
  assert.deepEqual(Array.from(again.mlp.parameters), Array.from(run.mlp.parameters));
});

test('bad input is answered with a message, not an exception', async () => {
  const core = await loadCore();
  const cases = [
    [{ dataset: 'xnor' }, /dataset must be one of xor, and, or, nand, got "xnor"/],
    [{ epochs: 0 }, /epochs must be a whole number between 1 and 5000/],
    [{ epochs: 2.5 }, /epochs/],
    [{ learningRate: -1 }, /learning_rate must be in \[0\.01, 10\], got -1/],
    [{ learningRate: 'fast' }, /learningRate/],
    [{ seed: -3 }, /seed/],
    [{ fieldResolution: 1000 }, /fieldResolution/],
  ];
  for (const [request, message] of cases) {
    const answer = core.perceptronVsMlp(request);
    assert.equal(answer.ok, false, JSON.stringify(request));
    assert.match(answer.error, message);
  }
  assert.match(core.perceptronVsMlp(null).error, /needs an object/);
  assert.match(core.perceptronMlpField({ parameters: [1, 2, 3], resolution: 10 }).error, /has 9 parameters, got 3/);
  assert.match(core.perceptronMlpField({ parameters: [1, 2, 3, 4, 5, 6, 7, 8, NaN] }).error, /finite/);
  assert.match(core.perceptronMlpField({}).error, /parameters is missing/);
});

test('perceptronCatalog: the data sets, the limits perceptronVsMlp enforces and its defaults', async () => {
  const core = await loadCore();
  const catalog = core.perceptronCatalog();
  assert.deepEqual(catalog.datasets, ['xor', 'and', 'or', 'nand']);
  assert.deepEqual(catalog.limits, {
    minEpochs: 1,
    maxEpochs: 5000,
    minLearningRate: 0.01,
    maxLearningRate: 10,
    minFieldResolution: 2,
    maxFieldResolution: 200,
  });
  assert.deepEqual(catalog.defaults, { dataset: 'xor', epochs: 300, learningRate: 0.5, seed: 1, fieldResolution: 40 });
  for (const dataset of catalog.datasets) assert.equal(core.perceptronVsMlp({ dataset, epochs: 1 }).ok, true, dataset);
  const { limits } = catalog;
  assert.equal(core.perceptronVsMlp({ epochs: limits.maxEpochs, learningRate: limits.minLearningRate }).ok, true);
  assert.match(core.perceptronVsMlp({ epochs: limits.maxEpochs + 1 }).error, /epochs/);
  assert.match(
    core.perceptronVsMlp({ learningRate: limits.maxLearningRate * 1.01 }).error,
    /learning_rate must be in \[0\.01, 10\]/,
  );
});
