// The live-trained CNN's JavaScript API (createCnnSession, cnnCatalog): a session trained on
// procedural shapes (the stand-in for the digits) reaches the native accuracy, slices give the same
// numbers, nothing leaks after delete(), and bad input is answered with messages.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const SHAPES = ['horizontal-bar', 'vertical-bar', 'cross', 'circle'];

// count 16×16 shapes (labels 0–3), jitter 0.15, noise 0.1, seeds firstSeed, firstSeed + 1, … — as
// tests/core/sims/cnn/shapes_data.hpp draws them.
function shapeImages(core, count, firstSeed, size = 16) {
  const pixels = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const image = core.proceduralImage({ shape: SHAPES[i % 4], size, jitter: 0.15, noise: 0.1, seed: firstSeed + i });
    assert.equal(image.ok, true, image.error);
    for (let p = 0; p < size * size; p++) pixels[i * size * size + p] = Math.round(image.pixels[p] * 255);
    labels[i] = i % 4;
  }
  return { pixels, labels };
}

function shapeRequest(core, train = 400, test = 100) {
  return {
    convBlocks: [
      { filters: 6, kernel: 5, pooling: 'max' },
      { filters: 8, kernel: 3, pooling: 'max' },
    ],
    dense: [32],
    lr: 3e-3,
    batchSize: 16,
    epochs: 4,
    seed: 7,
    height: 16,
    width: 16,
    train: shapeImages(core, train, 1000),
    test: shapeImages(core, test, 900000),
  };
}

test('createCnnSession: trains four shapes to ≥ 90 % test accuracy and looks inside', async () => {
  const core = await loadCore();
  const created = core.createCnnSession(shapeRequest(core));
  assert.equal(created.ok, true, created.error);
  const { session } = created;
  try {
    assert.ok(session.progress().parameterCount > 0);
    assert.equal(session.advance(10), false);
    assert.equal(session.progress().batch, 10);
    while (session.advance(7) !== true);
    const progress = session.progress();
    assert.deepEqual(
      [progress.epoch, progress.epochs, progress.steps, progress.examples, progress.done, progress.stopReason],
      [4, 4, 100, 1600, true, 'completed'],
    );
    const history = session.history();
    assert.ok(history.testAccuracy instanceof Float64Array);
    assert.equal(history.trainLoss.length, 4);
    assert.ok(history.testAccuracy[3] >= 0.9, `test accuracy ${history.testAccuracy[3]}`);
    const confusion = session.confusion();
    assert.equal(confusion.length, 100);
    assert.equal(
      confusion.reduce((a, b) => a + b, 0),
      100,
    );
    const mistakes = session.misclassified();
    assert.equal(mistakes.index.length, Math.round(100 * (1 - history.testAccuracy[3])));
    assert.equal(mistakes.predicted.length, mistakes.index.length);
    const filters = session.filters();
    assert.deepEqual([filters.count, filters.channels, filters.kernel, filters.weights.length], [6, 1, 5, 150]);

    const bar = shapeImages(core, 2, 5).pixels.subarray(256, 512); // a vertical bar
    const predicted = session.predict(bar);
    assert.equal(predicted.probabilities.length, 10);
    assert.ok(Math.abs(predicted.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    assert.equal(predicted.probabilities.indexOf(Math.max(...predicted.probabilities)), 1);
    const maps = session.featureMaps(bar).layers;
    assert.deepEqual(
      maps.map((m) => [m.layer, m.channels, m.height, m.width]),
      [
        ['conv2d relu', 6, 12, 12],
        ['max_pool2d', 6, 6, 6],
        ['conv2d relu', 8, 4, 4],
        ['max_pool2d', 8, 2, 2],
        ['flatten', 32, 1, 1],
        ['dense relu', 32, 1, 1],
        ['dense', 10, 1, 1],
      ],
    );
    const saliency = session.saliency(bar, 1);
    assert.deepEqual([saliency.height, saliency.width, saliency.values.length], [16, 16, 256]);
    const cam = session.gradCam(bar, 1);
    assert.deepEqual([cam.height, cam.width, cam.values.length], [4, 4, 16]);
    assert.ok(cam.values.every((v) => v >= 0));

    // Activation maximisation of class 1, animated 10 steps per call: the logit rises.
    const { maximizer } = session.activationMaximizer({ target: 'class', classIndex: 1, seed: 3 });
    try {
      const start = maximizer.advance(0);
      assert.deepEqual([start.step, start.steps, start.done, start.height, start.width], [0, 200, false, 16, 16]);
      assert.ok(start.image instanceof Float32Array && start.image.length === 256);
      let state = start;
      const began = performance.now();
      while (!state.done) state = maximizer.advance(10);
      const perStep = (performance.now() - began) / 200;
      console.log(
        `activation maximisation: logit ${start.objective.toFixed(3)} → ${state.objective.toFixed(3)}, ${perStep.toFixed(3)} ms per step`,
      );
      assert.equal(state.step, 200);
      assert.ok(state.objective > start.objective + 2, `${start.objective} → ${state.objective}`);
      assert.ok(state.image.every((v) => v >= 0 && v <= 1));
      const objectives = maximizer.objectives();
      assert.equal(objectives.length, 201);
      assert.equal(objectives[200], state.objective);
    } finally {
      maximizer.delete();
    }
  } finally {
    session.delete();
  }
});

test('createCnnSession with convBlocks: [] trains an MLP on the flattened image', async () => {
  const core = await loadCore();
  const request = { ...shapeRequest(core), convBlocks: [], dense: [64, 32] };
  const mlp = core.createCnnSession(request);
  assert.equal(mlp.ok, true, mlp.error);
  const cnn = core.createCnnSession(shapeRequest(core));
  try {
    const { session } = mlp;
    assert.equal(session.progress().parameterCount, 256 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10);
    // conv 6@5 (1·25·6 + 6), conv 8@3 (6·9·8 + 8), dense 8·2·2 → 32 → 10
    assert.equal(cnn.session.progress().parameterCount, 156 + 440 + (32 * 32 + 32) + (32 * 10 + 10));
    while (session.advance(7) !== true);
    const history = session.history();
    assert.ok(history.trainLoss[3] < history.trainLoss[0]);
    assert.ok(history.testAccuracy[3] >= 0.9, `test accuracy ${history.testAccuracy[3]}`);
    const image = request.test.pixels.subarray(0, 256);
    assert.deepEqual(
      session.featureMaps(image).layers.map((m) => [m.layer, m.channels]),
      [
        ['flatten', 256],
        ['dense relu', 64],
        ['dense relu', 32],
        ['dense', 10],
      ],
    );
    assert.equal(session.filters().count, 0);
    assert.equal(session.filters().weights.length, 0);
    assert.equal(session.saliency(image, 1).values.length, 256);
    assert.match(session.gradCam(image, 1).error, /Grad-CAM needs a conv block/);
    assert.match(session.activationMaximizer({ target: 'filter' }).error, /no convolution layer/);
  } finally {
    mlp.session.delete();
    cnn.session.delete();
  }
});

test('createCnnSession: the same numbers however the batches are sliced; seeds differ', async () => {
  const core = await loadCore();
  const request = { ...shapeRequest(core, 200, 40), epochs: 2, shift: 2 };
  const histories = [];
  for (const slice of [1000, 3, 1000]) {
    const { session } = core.createCnnSession(slice === 1000 && histories.length ? { ...request, seed: 8 } : request);
    while (session.advance(slice) !== true);
    histories.push(session.history());
    session.delete();
  }
  assert.deepEqual(histories[0], histories[1]);
  assert.notDeepEqual(histories[0].trainLoss, histories[2].trainLoss);
});

test('createCnnSession: a huge learning rate is reported as a divergence with its epoch and step', async () => {
  const core = await loadCore();
  const { session } = core.createCnnSession({ ...shapeRequest(core, 200, 40), optimizer: 'sgd', lr: 1e12 });
  assert.equal(session.advance(1000), true);
  const progress = session.progress();
  assert.equal(progress.diverged, true);
  assert.ok(progress.divergedStep >= 1);
  assert.match(
    progress.stopReason,
    new RegExp(`^diverged at epoch ${progress.divergedEpoch}, step ${progress.divergedStep}: `),
  );
  assert.equal(session.history().trainLoss.length, progress.divergedEpoch - 1);
  session.delete();
});

test('createCnnSession: no leak after delete()', async () => {
  const core = await loadCore();
  const request = shapeRequest(core, 64, 16);
  const cycle = () => {
    const { session } = core.createCnnSession(request);
    session.advance(8);
    const image = request.test.pixels.subarray(0, 256);
    session.history();
    session.featureMaps(image);
    session.saliency(image, 2);
    session.gradCam(image, 2);
    session.predict(image);
    session.misclassified();
    const { maximizer } = session.activationMaximizer({ target: 'filter', layer: 1, filter: 3, steps: 5 });
    maximizer.advance(5);
    maximizer.objectives();
    maximizer.delete();
    session.delete();
  };
  for (let i = 0; i < 5; i++) cycle();
  const heap = core.HEAP8.length;
  const handles = core.count_emval_handles();
  for (let i = 0; i < 40; i++) cycle();
  assert.equal(core.HEAP8.length, heap);
  assert.equal(core.count_emval_handles(), handles);
});

test('createCnnSession and its methods answer bad input with messages', async () => {
  const core = await loadCore();
  const good = shapeRequest(core, 20, 8);
  const cases = [
    ['x', /needs an object/],
    [
      { ...good, convBlocks: Array(4).fill({ filters: 2, kernel: 1 }) },
      /number of conv blocks must be in \[0, 3\], got 4/,
    ],
    [{ ...good, convBlocks: [{ filters: 0, kernel: 3 }] }, /conv block 1: filters/],
    [{ ...good, convBlocks: [{ filters: 4, kernel: 3, pooling: 'min' }] }, /pooling must be/],
    [
      { ...good, convBlocks: [{ filters: 4, kernel: 3, padding: 'full' }] },
      /conv block 1: padding must be "valid" or "same"/,
    ],
    [
      { ...good, convBlocks: [{ filters: 4, kernel: 4, padding: 'same' }] },
      /conv block 1: same padding needs an odd kernel, got 4/,
    ],
    [{ ...good, convBlocks: [{ filters: 4, kernel: 3, batchNorm: 'yes' }] }, /conv block 1: batchNorm must be/],
    [{ ...good, dropout: 1 }, /dropout/],
    [{ ...good, dropout: 'half' }, /dropout must be a number/],
    [{ ...good, dense: [1.5] }, /whole numbers/],
    [{ ...good, activation: 'wiggle' }, /activation/],
    [{ ...good, optimizer: 'nope' }, /optimizer/],
    [{ ...good, lr: -1 }, /learning rate/],
    [{ ...good, shift: 9 }, /shift/],
    [{ ...good, trainSize: 21 }, /training-set size 21 is more than the 20 training images/],
    [{ ...good, height: 4 }, /height/],
    [{ ...good, train: { pixels: [1, 2], labels: good.train.labels } }, /train.pixels must be a Uint8Array/],
    [{ ...good, test: { pixels: good.test.pixels, labels: new Uint8Array(7) } }, /test labels: 7 labels for 8 images/],
    [{ ...good, train: { pixels: good.train.pixels, labels: good.train.labels.map(() => 10) } }, /train label 0 is 10/],
    [
      {
        ...good,
        convBlocks: [
          { filters: 4, kernel: 7 },
          { filters: 4, kernel: 7 },
        ],
      },
      /does not fit 16×16 images/,
    ],
  ];
  for (const [request, message] of cases) {
    const answer = core.createCnnSession(request);
    assert.equal(answer.ok, false, `accepted ${JSON.stringify(request).slice(0, 80)}`);
    assert.match(answer.error, message);
  }
  const { session } = core.createCnnSession(good);
  assert.match(session.advance('many').error, /batches/);
  assert.match(session.predict(new Uint8Array(10)).error, /pixels must hold 256 values \(16×16\), got 10/);
  assert.match(session.saliency(new Float32Array(256), 1).error, /pixels must be a Uint8Array/);
  assert.match(session.gradCam(new Uint8Array(256), 10).error, /classIndex/);
  assert.match(session.featureMaps(null).error, /pixels/);
  const maximizerCases = [
    [null, /activationMaximizer needs an object/],
    [{ target: 'pixel' }, /target must be "class" or "filter", got "pixel"/],
    [{ classIndex: 10 }, /class index must be in \[0, 9\], got 10/],
    [{ target: 'filter', layer: 2 }, /convolution layer must be in \[0, 1\], got 2/],
    [{ target: 'filter', layer: 1, filter: 8 }, /filter of convolution layer 1 must be in \[0, 7\], got 8/],
    [{ steps: 0 }, /steps/],
    [{ stepSize: 2 }, /step size must be in \(0, 1\]/],
    [{ l2: -0.1 }, /L2 decay/],
    [{ blurEvery: 1.5 }, /blurEvery/],
  ];
  for (const [request, message] of maximizerCases) {
    const answer = session.activationMaximizer(request);
    assert.equal(answer.ok, false, `accepted ${JSON.stringify(request)}`);
    assert.match(answer.error, message);
  }
  const { maximizer } = session.activationMaximizer({});
  assert.match(maximizer.advance(-1).error, /steps/);
  maximizer.delete();
  session.delete();
});

test('cnnCatalog: choices, limits and the LeNet-like defaults', async () => {
  const core = await loadCore();
  const catalog = core.cnnCatalog();
  assert.ok(catalog.optimizers.includes('adam') && catalog.optimizers.includes('sgd'));
  assert.ok(catalog.activations.includes('relu'));
  assert.deepEqual(catalog.poolings, ['none', 'max', 'average']);
  assert.equal(catalog.limits.maxConvBlocks, 3);
  assert.deepEqual(catalog.defaults.convBlocks, [
    { filters: 6, kernel: 5, pooling: 'max' },
    { filters: 16, kernel: 5, pooling: 'max' },
  ]);
  assert.deepEqual([...catalog.defaults.dense], [120, 84]);
  assert.deepEqual([catalog.defaults.optimizer, catalog.defaults.lr, catalog.defaults.batchSize], ['adam', 1e-3, 32]);
  assert.deepEqual([...catalog.defaults.classes], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual([catalog.defaults.perClass, catalog.defaults.frozenConvBlocks], [0, 0]);
});

test('createCnnSession: transfer from another session, classes, perClass, frozen conv blocks', async () => {
  const core = await loadCore();
  const request = shapeRequest(core);
  const pre = core.createCnnSession({ ...request, classes: [0, 1], epochs: 2 });
  assert.equal(pre.ok, true, pre.error);
  const source = pre.session;
  let tuned = null;
  try {
    while (source.advance(7) !== true);
    assert.deepEqual([source.progress().trainingCount, source.progress().testCount], [200, 50]);
    const fineTune = { ...request, classes: [2, 3], perClass: 10, frozenConvBlocks: 2, epochs: 3, seed: 11 };
    const created = core.createCnnSession({ ...fineTune, from: source });
    assert.equal(created.ok, true, created.error);
    tuned = created.session;
    assert.deepEqual([tuned.progress().trainingCount, tuned.progress().testCount], [20, 50]);
    const filters = source.filters().weights;
    assert.deepEqual(tuned.filters().weights, filters);
    source.delete(); // the new session holds its own copy
    while (tuned.advance(7) !== true);
    assert.equal(tuned.progress().stopReason, 'completed');
    assert.deepEqual(tuned.filters().weights, filters); // frozen: bit-identical
    const confusion = tuned.confusion();
    assert.equal(
      confusion.reduce((a, b) => a + b, 0),
      50,
    );
    // Refusals: another architecture, a deleted or wrong `from`.
    const other = {
      ...fineTune,
      convBlocks: [
        { filters: 6, kernel: 5, pooling: 'max' },
        { filters: 12, kernel: 3, pooling: 'max' },
      ],
      from: tuned,
    };
    assert.equal(
      core.createCnnSession(other).error,
      'cannot start from the source session: conv block 2 has filters 12 here, 8 in the source',
    );
    assert.equal(core.createCnnSession({ ...fineTune, from: source }).error, 'from is a deleted CnnSession');
    assert.match(core.createCnnSession({ ...fineTune, from: { raw: 3 } }).error, /from must be a CnnSession/);
    assert.equal(core.createCnnSession({ ...fineTune, classes: [2, 2] }).error, 'class 2 is listed twice');
    assert.equal(
      core.createCnnSession({ ...fineTune, classes: [7] }).error,
      'no training image is of the chosen classes',
    );
    assert.match(
      core.createCnnSession({ ...fineTune, frozenConvBlocks: 3 }).error,
      /frozenConvBlocks|frozen conv blocks/,
    );
    // The checked API: its wrapped handle is accepted as `from`.
    const api = core.api;
    api.using(api.createCnnSession({ ...fineTune, from: tuned }), (wrapped) => {
      api.using(api.createCnnSession({ ...fineTune, from: wrapped }), (again) => {
        assert.deepEqual(again.filters().weights, filters);
      });
    });
  } finally {
    if (!source.isDeleted()) source.delete();
    if (tuned) tuned.delete();
  }
});
