// The JavaScript API of the WebAssembly module: shapes, invalid input, copies, leaks.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const seedSetup = { surface: 'quadratic1d', optimizer: 'adam', lr: 0.15, steps: 12, start: [0.5] };

test('catalog lists surfaces, optimizers and schedules with their parameters', async () => {
  const core = await loadCore();
  const catalog = core.catalog();
  assert.deepEqual(catalog.surfaces.map((s) => s.id), [
    'quadratic1d', 'bowl', 'ravine', 'rosenbrock', 'saddle', 'monkey_saddle', 'two_minima', 'himmelblau', 'beale',
  ]);
  assert.deepEqual(catalog.optimizers.map((o) => o.id), ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw', 'lion']);
  assert.equal(catalog.schedules.length, 8);
  const adam = catalog.optimizers.find((o) => o.id === 'adam');
  assert.deepEqual(adam.hyperParameters.map((p) => p.key).sort(), ['beta1', 'beta2', 'eps', 'weight_decay']);
  for (const surface of catalog.surfaces) {
    assert.equal(surface.defaultStart.length, surface.dimension, `${surface.id} default start`);
  }
});

test('the seed setup: first Adam step is lr·sign(g), readout values are finite', async () => {
  const core = await loadCore();
  const run = core.runDescent(seedSetup);
  assert.equal(run.ok, true);
  assert.equal(run.stepsCompleted, 12);
  assert.ok(Math.abs(run.positions[1] - 0.65) < 1e-9);
  assert.ok(run.positions instanceof Float64Array);
  assert.equal(run.losses.length, 13);
  assert.equal(run.state[0].key, 'first_moment');
});

test('invalid input returns a message instead of throwing', async () => {
  const core = await loadCore();
  const cases = [
    [{ ...seedSetup, surface: 'volcano' }, /volcano/],
    [{ ...seedSetup, optimizer: 'adamx' }, /adamx/],
    [{ ...seedSetup, lr: 'fast' }, /lr must be a number/],
    [{ ...seedSetup, lr: Number.NaN }, /learning rate/],
    [{ ...seedSetup, lr: -1 }, /learning rate/],
    [{ ...seedSetup, lr: 1e9 }, /learning rate/],
    [{ ...seedSetup, steps: 0 }, /steps/],
    [{ ...seedSetup, steps: 2.5 }, /steps/],
    [{ ...seedSetup, steps: 1e9 }, /steps/],
    [{ ...seedSetup, start: [1, 2] }, /coordinate/],
    [{ ...seedSetup, start: 'here' }, /start/],
    [{ ...seedSetup, hyper: { beta1: 2 } }, /beta1/],
    [{ ...seedSetup, hyper: { beta3: 0.5 } }, /beta3/],
    [{ ...seedSetup, hyper: { beta1: '0.9' } }, /hyper\.beta1 must be a number/],
    [{ ...seedSetup, schedule: 'zigzag' }, /zigzag/],
    [{ ...seedSetup, clip: 'sideways' }, /sideways/],
    [{ ...seedSetup, seed: -3 }, /seed/],
    [{ ...seedSetup, noise: -1 }, /noise/],
  ];
  for (const [config, pattern] of cases) {
    const result = core.runDescent(config);
    assert.equal(result.ok, false, JSON.stringify(config));
    assert.match(result.error, pattern);
  }
  assert.equal(core.runDescent(null).ok, false);
  assert.equal(core.surfaceMap({ surface: 'quadratic1d', columns: 4, rows: 4 }).ok, false);
  assert.equal(core.surfaceMap({ surface: 'bowl', columns: 4, rows: 4, box: { xMin: 1, xMax: 0, yMin: 0, yMax: 1 } }).ok, false);
  assert.equal(core.surfaceCurve({ surface: 'bowl' }, 0, 1, 10).ok, false);
  // The module still works after all of that.
  assert.equal(core.runDescent(seedSetup).ok, true);
});

test('returned arrays are copies, not views into WebAssembly memory', async () => {
  const core = await loadCore();
  const first = core.runDescent(seedSetup);
  const snapshot = Array.from(first.positions);
  core.runDescent({ ...seedSetup, optimizer: 'sgd', lr: 0.3 });
  assert.deepEqual(Array.from(first.positions), snapshot);
  assert.notEqual(first.positions.buffer, core.HEAPF64?.buffer);
});

test('contour maps: sizes, colours and a custom box', async () => {
  const core = await loadCore();
  const map = core.surfaceMap({ surface: 'rosenbrock', columns: 32, rows: 24, levels: 10 });
  assert.equal(map.ok, true);
  assert.equal(map.values.length, 32 * 24);
  assert.equal(map.rgba.length, 32 * 24 * 4);
  assert.equal(map.levels.length, 10);
  assert.equal(map.logarithmic, true);
  const zoomed = core.surfaceMap({ surface: 'bowl', columns: 2, rows: 2, levels: 3, box: { xMin: 0, xMax: 2, yMin: 0, yMax: 2 } });
  // Cell centres (0.5, 1.5), (1.5, 1.5), (0.5, 0.5), (1.5, 0.5) of x² + y².
  assert.deepEqual(Array.from(zoomed.values), [2.5, 4.5, 0.5, 2.5]);
});

test('repeated calls do not grow WebAssembly memory (no leaks)', async () => {
  const core = await loadCore();
  const config = { surface: 'rosenbrock', optimizer: 'adam', lr: 0.01, steps: 2000, start: [-1.5, 2] };
  for (let i = 0; i < 50; i++) core.runDescent(config);
  const before = core.HEAP8.length;
  for (let i = 0; i < 500; i++) {
    core.runDescent(config);
    core.surfaceMap({ surface: 'beale', columns: 64, rows: 64, levels: 12 });
  }
  assert.equal(core.HEAP8.length, before);
});
