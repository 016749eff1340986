// The JavaScript API of the WebAssembly module: shapes, invalid input, copies, leaks.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const seedSetup = { surface: 'quadratic1d', optimizer: 'adam', lr: 0.15, steps: 12, start: [0.5] };

test('catalog lists surfaces, optimizers and schedules with their parameters', async () => {
  const core = await loadCore();
  const catalog = core.catalog();
  assert.deepEqual(
    catalog.surfaces.map((s) => s.id),
    ['quadratic1d', 'bowl', 'ravine', 'rosenbrock', 'saddle', 'monkey_saddle', 'two_minima', 'himmelblau', 'beale'],
  );
  assert.deepEqual(
    catalog.optimizers.map((o) => o.id),
    ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw', 'lion'],
  );
  assert.equal(catalog.schedules.length, 9);
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
  assert.equal(
    core.surfaceMap({ surface: 'bowl', columns: 4, rows: 4, box: { xMin: 1, xMax: 0, yMin: 0, yMax: 1 } }).ok,
    false,
  );
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
  const zoomed = core.surfaceMap({
    surface: 'bowl',
    columns: 2,
    rows: 2,
    levels: 3,
    box: { xMin: 0, xMax: 2, yMin: 0, yMax: 2 },
  });
  // Cell centres (0.5, 1.5), (1.5, 1.5), (0.5, 0.5), (1.5, 0.5) of x² + y².
  assert.deepEqual(Array.from(zoomed.values), [2.5, 4.5, 0.5, 2.5]);
});

const raceSetup = {
  surface: 'ravine',
  condition: 10,
  start: [-9, 2],
  steps: 120,
  noise: 0.2,
  seed: 7,
  racers: [
    { optimizer: 'sgd', lr: 0.05 },
    { optimizer: 'momentum', lr: 0.01, hyper: { momentum: 0.8 } },
    { optimizer: 'adam', lr: 0.1, schedule: 'cosine' },
    { optimizer: 'rmsprop', lr: 0.03, clip: 'norm', clipThreshold: 2 },
  ],
};

test('runRace: one runDescent-shaped run per racer, each its own noise stream', async () => {
  const core = await loadCore();
  const race = core.runRace(raceSetup);
  assert.equal(race.ok, true, race.error);
  assert.equal(race.runs.length, 4);
  const single = core.runDescent({ ...raceSetup, ...raceSetup.racers[0], racers: undefined, seed: 7 });
  const sameKeys = Object.keys(single)
    .filter((key) => key !== 'ok')
    .sort();
  for (const run of race.runs) {
    assert.deepEqual(Object.keys(run).sort(), sameKeys);
    assert.equal(run.stepsCompleted, 120);
    assert.ok(run.positions instanceof Float64Array);
    assert.equal(run.positions.length, 2 * 121);
  }
  // Adding a racer leaves the others' noisy trajectories untouched.
  const more = core.runRace({ ...raceSetup, racers: [...raceSetup.racers, { optimizer: 'lion', lr: 0.03 }] });
  assert.equal(more.runs.length, 5);
  race.runs.forEach((run, i) => assert.deepEqual(Array.from(more.runs[i].positions), Array.from(run.positions)));
  // Without noise a racer is exactly runDescent of its own settings.
  const quiet = core.runRace({ ...raceSetup, noise: 0 });
  const alone = core.runDescent({ ...raceSetup, ...raceSetup.racers[2], racers: undefined, noise: 0 });
  assert.deepEqual(Array.from(quiet.runs[2].positions), Array.from(alone.positions));
  assert.equal(core.catalog().maxRacers, 8);
  assert.equal(core.catalog().maxRaceSteps, 20000);
});

test('runRace: invalid input returns a message naming the problem', async () => {
  const core = await loadCore();
  const nineRacers = Array.from({ length: 9 }, () => ({ optimizer: 'adam' }));
  const cases = [
    [{ ...raceSetup, racers: [] }, /between 1 and 8 racers, got 0/],
    [{ ...raceSetup, racers: nineRacers }, /between 1 and 8 racers, got 9/],
    [{ ...raceSetup, racers: undefined }, /racers must be an array/],
    [{ ...raceSetup, racers: [{ optimizer: 'adam' }, null] }, /racer 2 must be an object/],
    [
      { ...raceSetup, racers: [{ optimizer: 'adam' }, { optimizer: 'sgd', lr: 'fast' }] },
      /racer 2: lr must be a number/,
    ],
    [
      { ...raceSetup, racers: [{ optimizer: 'adam' }, { optimizer: 'adam', lr: -1 }] },
      /racer 2 \(adam\): learning rate/,
    ],
    [{ ...raceSetup, racers: [{ optimizer: 'adamx' }] }, /racer 1 \(adamx\): unknown optimizer/],
    [{ ...raceSetup, racers: [{ optimizer: 'sgd', hyper: { beta1: 0.5 } }] }, /racer 1 \(sgd\): .*beta1/],
    [{ ...raceSetup, surface: 'quadratic1d', start: [0.5] }, /2-D surface/],
    [{ ...raceSetup, surface: 'volcano' }, /volcano/],
    [{ ...raceSetup, start: [1] }, /start point must have 2/],
    [{ ...raceSetup, steps: 20001 }, /steps must be between 1 and 20000/],
    [{ ...raceSetup, noise: -1 }, /noise/],
    [{ ...raceSetup, seed: 1.5 }, /seed/],
  ];
  for (const [config, pattern] of cases) {
    const result = core.runRace(config);
    assert.equal(result.ok, false, JSON.stringify(config));
    assert.match(result.error, pattern);
  }
  assert.equal(core.runRace(null).ok, false);
  assert.equal(core.runRace(raceSetup).ok, true);
});

test('surfaceCurvature: Hessian eigen-decomposition and its meaning', async () => {
  const core = await loadCore();
  const saddle = core.surfaceCurvature({ surface: 'saddle', point: [0, 0] });
  assert.equal(saddle.ok, true, saddle.error);
  assert.equal(saddle.kind, 'saddle');
  assert.deepEqual(Array.from(saddle.eigenvalues), [-2, 2]);
  assert.deepEqual(Array.from(saddle.eigenvectors), [0, 1, 1, 0]); // along y (λ = −2), along x (λ = 2)
  assert.deepEqual(Array.from(saddle.hessian), [2, 0, 0, -2]);
  assert.match(saddle.explanation, /curves up along \(1\.00, 0\.00\) \(λ=2\) and down along \(0\.00, 1\.00\) \(λ=−2\)/);
  const ravine = core.surfaceCurvature({ surface: 'ravine', condition: 50, point: [3, 1] });
  assert.equal(ravine.kind, 'minimum');
  assert.deepEqual(Array.from(ravine.eigenvalues), [1, 50]);
  assert.equal(ravine.value, 0.5 * (9 + 50));
  assert.deepEqual(Array.from(ravine.gradient), [3, 50]);
  // Rosenbrock's off-diagonal Hessian is −400x, row-major and symmetric.
  const rosenbrock = core.surfaceCurvature({ surface: 'rosenbrock', point: [0.5, 0.2] });
  assert.equal(rosenbrock.hessian[1], -200);
  assert.equal(rosenbrock.hessian[2], -200);
  assert.equal(core.surfaceCurvature({ surface: 'monkey_saddle', point: [0, 0] }).kind, 'degenerate');

  const cases = [
    [{ surface: 'quadratic1d', point: [0.5] }, /2-D surface/],
    [{ surface: 'bowl' }, /point must be two finite numbers/],
    [{ surface: 'bowl', point: [1] }, /point must be two finite numbers/],
    [{ surface: 'bowl', point: [Number.NaN, 0] }, /point must be two finite numbers/],
    [{ surface: 'bowl', point: 'origin' }, /point must be an array of numbers/],
    [{ surface: 'volcano', point: [0, 0] }, /volcano/],
  ];
  for (const [request, pattern] of cases) {
    const result = core.surfaceCurvature(request);
    assert.equal(result.ok, false, JSON.stringify(request));
    assert.match(result.error, pattern);
  }
});

test('surfaceMap returns contour line segments in world coordinates, grouped by level', async () => {
  const core = await loadCore();
  const map = core.surfaceMap({
    surface: 'bowl',
    columns: 101,
    rows: 101,
    levels: 4,
    box: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  });
  assert.ok(map.contourSegments instanceof Float64Array);
  assert.ok(map.contourSegmentLevels instanceof Int32Array);
  assert.equal(map.contourSegments.length, 4 * map.contourSegmentLevels.length);
  for (let i = 0; i < map.contourSegmentLevels.length; i++) {
    const level = map.contourSegmentLevels[i];
    if (i > 0) assert.ok(level >= map.contourSegmentLevels[i - 1]);
    const radius = Math.sqrt(map.levels[level]);
    for (const end of [0, 2]) {
      const x = map.contourSegments[4 * i + end];
      const y = map.contourSegments[4 * i + end + 1];
      assert.ok(Math.abs(Math.hypot(x, y) - radius) < 4 / 101, `segment ${i} off its circle`);
    }
  }
  assert.deepEqual(new Set(map.contourSegmentLevels), new Set([0, 1, 2, 3]));
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

test('repeated runRace and surfaceCurvature calls do not grow WebAssembly memory', async () => {
  const core = await loadCore();
  const race = {
    ...raceSetup,
    steps: 2000,
    racers: core
      .catalog()
      .optimizers.map((optimizer) => ({ optimizer: optimizer.id, lr: optimizer.defaultLearningRate })),
  };
  for (let i = 0; i < 20; i++) core.runRace(race);
  const before = core.HEAP8.length;
  for (let i = 0; i < 300; i++) {
    assert.equal(core.runRace(race).ok, true);
    core.runRace({ ...race, racers: [] });
    core.surfaceCurvature({ surface: 'beale', point: [1, 1] });
  }
  assert.equal(core.HEAP8.length, before);
});
