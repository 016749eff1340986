// The classifier playground's JavaScript API: createPlayground and playgroundCatalog — the
// documented default accuracies reached in WebAssembly too, layouts of the frame, epochs run a few
// per call, invalid input answered with messages, and no leak of deleted playgrounds.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const make = (core, config) => {
  const made = core.createPlayground(config);
  assert.equal(made.ok, true, made.error);
  return made.playground;
};

test('the default setup reaches the documented test accuracy in WebAssembly', async () => {
  const core = await loadCore();
  // Same figures as tests/core/sims/playground_test.cpp (300 epochs, seed 1).
  for (const [dataset, accuracy, loss] of [['circle', 0.95], ['xor', 0.9], ['blobs', 0.99], ['moons', 0.98], ['multiblobs', 0.98, 'cross_entropy']]) {
    const playground = make(core, { dataset, ...(loss ? { loss } : {}) });
    let run = 0;
    while (run < 300) run += playground.advance(50);
    const frame = playground.frame();
    assert.equal(frame.epoch, 300);
    assert.ok(frame.accuracy.test >= accuracy, `${dataset}: ${frame.accuracy.test}`);
    assert.equal(frame.testAccuracy.length, 300);
    playground.delete();
  }
});

test('a frame holds the field, the thumbnails, the weights and the confusion matrix', async () => {
  const core = await loadCore();
  const playground = make(core, { dataset: 'multiblobs', classCount: 4, loss: 'cross_entropy', features: ['x1', 'x2', 'x1_squared'], hidden: [5], boundaryResolution: 50, thumbnailResolution: 20, seed: 7 });
  const layout = playground.layout();
  assert.deepEqual(Array.from(layout.layerWidths), [3, 5, 4]);
  assert.equal(layout.classCount, 4);
  assert.equal(layout.thumbnailUnits, 8);
  assert.equal(layout.train.x.length + layout.test.x.length, 500);
  assert.ok(layout.view.xMin < layout.view.xMax);
  assert.equal(playground.advance(3), 3);
  const frame = playground.frame();
  assert.ok(frame.boundaryClass instanceof Uint8Array);
  assert.equal(frame.boundaryClass.length, 2500);
  assert.ok(Math.max(...frame.boundaryClass) <= 3);
  assert.equal(frame.boundaryConfidence.length, 2500);
  assert.ok(frame.boundaryConfidence.every((p) => p >= 0.25 && p <= 1));
  assert.equal(frame.thumbnails.length, 8 * 400);
  assert.equal(frame.parameters.length, 3 * 5 + 5 + 5 * 4 + 4);
  assert.equal(frame.confusion.length, 16);
  assert.equal(frame.confusion.reduce((a, b) => a + b, 0), layout.test.x.length);
  playground.delete();
});

test('bad settings come back as messages, not exceptions', async () => {
  const core = await loadCore();
  const cases = [
    [{ dataset: 'multiblobs', loss: 'binary_cross_entropy' }, /cross_entropy/],
    [{ hidden: [4, 99] }, /hidden layer 2/],
    [{ hidden: 'four' }, /hidden must be an array/],
    [{ features: ['x9'] }, /unknown feature 'x9'/],
    [{ features: [] }, /at least one input feature/],
    [{ optimizer: 'nope' }, /nope/],
    [{ points: 3 }, /points/],
    [{ lr: -1 }, /learning rate/],
    [{ dataset: 'triangles' }, /triangles/],
    ['circle', /must be an object/],
  ];
  for (const [config, pattern] of cases) {
    const made = core.createPlayground(config);
    assert.equal(made.ok, false, JSON.stringify(config));
    assert.match(made.error, pattern);
  }
});

test('the catalog lists data sets, features and every optimizer', async () => {
  const core = await loadCore();
  const catalog = core.playgroundCatalog();
  assert.deepEqual(catalog.datasets.map((d) => d.id), ['circle', 'xor', 'blobs', 'multiblobs', 'spirals', 'moons']);
  assert.equal(catalog.features.length, 7);
  assert.ok(!catalog.activations.includes('softmax'));
  assert.equal(catalog.limits.maxNeurons, 32);
});

test('deleted playgrounds free their memory', async () => {
  const core = await loadCore();
  const before = core.HEAP8.length;
  for (let i = 0; i < 40; i++) {
    const playground = make(core, { hidden: [16, 16], seed: i });
    playground.advance(2);
    playground.frame();
    playground.delete();
  }
  assert.equal(core.HEAP8.length, before);
});

test('added points join the training set; malformed ones are refused', async () => {
  const core = await loadCore();
  const plain = make(core, {});
  const added = make(core, { addedPoints: [0.25, -0.5, 1, 0.1, 0.2, 0] });
  const a = added.layout();
  assert.equal(a.train.x.length, plain.layout().train.x.length + 2);
  assert.deepEqual([a.train.x.at(-2), a.train.y.at(-2), a.train.label.at(-2)], [0.25, -0.5, 1]);
  plain.delete();
  added.delete();
  assert.match(core.createPlayground({ addedPoints: [0, 0] }).error, /x1, x2, class/);
  assert.match(core.createPlayground({ addedPoints: [0, 0, 0.5] }).error, /whole number/);
  assert.match(core.createPlayground({ addedPoints: [0, 0, 5] }).error, /has class 5/);
});
