// The mini-batch SGD explorer's JavaScript API: the same data set, minima and runs as the native
// build (figures printed by the native core, tests/core/sims/sgd/*), the documented sharp/wide
// experiment, the gradient fan, the landscape map, and messages for bad input.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const close = (actual, expected, tolerance, what) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs native ${expected}`,
  );

test('sgdDataSet: 256 seeded points, 16 steep ones first, as natively', async () => {
  const core = await loadCore();
  const data = core.sgdDataSet();
  assert.equal(data.ok, true, data.error);
  assert.equal(data.size, 256);
  assert.equal(data.steepCount, 16);
  assert.ok(data.x instanceof Float64Array && data.steep instanceof Uint8Array);
  assert.equal(
    data.steep.slice(0, 16).every((s) => s === 1),
    true,
  );
  assert.equal(
    data.steep.slice(16).every((s) => s === 0),
    true,
  );
  // Native: x₀ = −6.326658242350323, y₀ = −7.482337738958126, x₂₅₅ = 0.98046876481251255.
  close(data.x[0], -6.326658242350323, 1e-14, 'x0');
  close(data.y[0], -7.482337738958126, 1e-12, 'y0');
  close(data.x[255], 0.98046876481251255, 1e-14, 'x255');
  assert.deepEqual(Array.from(data.defaults.start), [1.9, 0]);
  assert.equal(data.defaults.lr, 0.75);
});

test('sgdRun: full batch ends in the sharp minimum, batches 1 and 8 in the wide one (native figures)', async () => {
  const core = await loadCore();
  const full = core.sgdRun({ batchSize: 256 });
  assert.equal(full.ok, true, full.error);
  assert.equal(full.outcome, 'sharp minimum');
  assert.equal(full.batchesPerEpoch, 1);
  assert.equal(full.iterations, 60);
  assert.equal(full.positions.length, 2 * 61);
  assert.equal(full.fullLosses.length, 61);
  assert.equal(full.batchLosses.length, 60);
  // Full batch is deterministic gradient descent: native end (1.1870979771909433, −0.044849918106255902).
  close(full.positions[120], 1.1870979771909433, 1e-9, 'full-batch w');
  close(full.positions[121], -0.044849918106255902, 1e-9, 'full-batch b');
  const [sharp, wide] = full.minima;
  assert.equal(sharp.name, 'sharp');
  close(sharp.point[0], 1.1880742549254915, 1e-10, 'sharp w*');
  close(sharp.sharpness, 1.621254822279949, 1e-10, 'sharpness');
  close(sharp.nonUniformity, 6.7600410186423021, 1e-10, 'non-uniformity');
  close(wide.point[0], -0.80706008604638979, 1e-10, 'wide w*');
  close(wide.sharpness, 0.57124901494021485, 1e-10, 'wide sharpness');
  assert.equal(sharp.smallestStableBatch, 25);
  assert.equal(wide.smallestStableBatch, 1);
  assert.ok(sharp.growth < 1);
  for (const batchSize of [1, 8]) {
    const run = core.sgdRun({ batchSize, seed: 1 });
    assert.equal(run.ok, true, run.error);
    assert.equal(run.outcome, 'wide minimum', `batch ${batchSize}: ${run.message}`);
    assert.equal(run.batchesPerEpoch, 256 / batchSize);
    assert.ok(run.minima[0].growth > 1, 'the sharp minimum throws small batches out');
    assert.match(run.message, /^ended in the wide minimum/);
  }
  // Batch 8, seed 1: native end (−0.79839719562277056, −0.021944346668217759).
  const eight = core.sgdRun({ batchSize: 8, seed: 1 });
  close(eight.positions[2 * eight.iterations], -0.79839719562277056, 1e-6, 'batch-8 w');
  close(eight.positions[2 * eight.iterations + 1], -0.021944346668217759, 1e-6, 'batch-8 b');
});

test('sgdRun: same seed same path, shuffling off gives the sorted order', async () => {
  const core = await loadCore();
  const a = core.sgdRun({ batchSize: 32, seed: 4, epochs: 5 });
  const b = core.sgdRun({ batchSize: 32, seed: 4, epochs: 5 });
  assert.deepEqual(a.positions, b.positions);
  const sorted = core.sgdRun({ batchSize: 32, shuffle: false, epochs: 3 });
  // The first batch of every epoch holds all 16 steep points, the other seven none.
  assert.deepEqual(
    Array.from(sorted.batchSteepShare),
    [0.5, 0, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0],
  );
});

test('sgdGradientFan: the full gradient and sampled mini-batch gradients around it', async () => {
  const core = await loadCore();
  const fan = core.sgdGradientFan({ point: [1.9, 0], batchSize: 8, count: 3, seed: 5 });
  assert.equal(fan.ok, true, fan.error);
  close(fan.fullGradient[0], 0.015855783460504643, 1e-12, 'full ∂L/∂w');
  close(fan.fullGradient[1], 0.0018127191860291937, 1e-12, 'full ∂L/∂b');
  close(fan.batchGradients[0], 0.012438181434320432, 1e-12, 'first batch ∂/∂w');
  close(fan.batchGradients[1], -0.019811625623652795, 1e-12, 'first batch ∂/∂b');
  assert.equal(fan.batchGradients.length, 6);
  const all = core.sgdGradientFan({ point: [1.9, 0], batchSize: 256, count: 2, seed: 5 });
  close(all.batchGradients[0], all.fullGradient[0], 1e-12, 'a full batch is the full gradient');
});

test('sgdLandscape: a contour map of L(w, b) with both minima', async () => {
  const core = await loadCore();
  const map = core.sgdLandscape({ columns: 40, rows: 20, levels: 12 });
  assert.equal(map.ok, true, map.error);
  assert.equal(map.rgba.length, 40 * 20 * 4);
  assert.equal(map.minima.length, 2);
  assert.ok(map.min >= map.minima[1].loss - 1e-12, 'no grid value below the global (wide) minimum');
  assert.ok(map.contourSegments.length > 0);
});

test('bad input is answered with a message, not an exception', async () => {
  const core = await loadCore();
  for (const [call, request, message] of [
    ['sgdRun', { batchSize: 0 }, /batchSize must be a whole number between 1 and 256/],
    ['sgdRun', { batchSize: 2.5 }, /batchSize/],
    ['sgdRun', { lr: -1 }, /learning rate must be a number in \(0, 100\]/],
    ['sgdRun', { lr: 'fast' }, /lr must be a number/],
    ['sgdRun', { start: [1] }, /start must have two numbers/],
    ['sgdRun', { batchSize: 1, epochs: 1000 }, /use at most 390 epochs/],
    ['sgdRun', { shuffle: 'yes' }, /shuffle must be true or false/],
    ['sgdRun', 7, /config object/],
    ['sgdGradientFan', { point: [0, 0], count: 0 }, /count must be a whole number between 1 and 64/],
    ['sgdGradientFan', { point: [0, Infinity] }, /finite|numbers/],
    ['sgdLandscape', { columns: 0, rows: 10 }, /columns/],
  ]) {
    const answer = core[call](request);
    assert.equal(answer.ok, false, `${call}(${JSON.stringify(request)})`);
    assert.match(answer.error, message);
  }
});

test('createSgdRun: a long run in slices is sgdRun, classified once over', async () => {
  const core = await loadCore();
  const request = { batchSize: 1, lr: 0.75, epochs: 20, start: [1.9, 0], shuffle: true, seed: 4 };
  const whole = core.sgdRun(request);
  const made = core.createSgdRun(request);
  assert.equal(made.ok, true, made.error);
  let slices = 0;
  while (made.run.advance(1000) !== true) {
    slices += 1;
    assert.deepEqual(made.run.progress(), { iterations: 1000 * slices, totalIterations: 20 * 256 });
    assert.equal(made.run.result().message, '');
  }
  assert.equal(slices, 5);
  const sliced = made.run.result();
  made.run.delete();
  assert.deepEqual(sliced, whole);
  assert.match(core.createSgdRun({ ...request, epochs: 1000 }).error, /at most 100000/);
  assert.match(core.createSgdRun(7).error, /createSgdRun needs a config object/);
});
