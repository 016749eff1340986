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
  for (const [dataset, accuracy, loss] of [
    ['circle', 0.95],
    ['xor', 0.9],
    ['blobs', 0.99],
    ['moons', 0.98],
    ['multiblobs', 0.98, 'cross_entropy'],
  ]) {
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
  const playground = make(core, {
    dataset: 'multiblobs',
    classCount: 4,
    loss: 'cross_entropy',
    features: ['x1', 'x2', 'x1_squared'],
    hidden: [5],
    boundaryResolution: 50,
    thumbnailResolution: 20,
    seed: 7,
  });
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
  assert.equal(
    frame.confusion.reduce((a, b) => a + b, 0),
    layout.test.x.length,
  );
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
  assert.deepEqual(
    catalog.datasets.map((d) => d.id),
    ['circle', 'xor', 'blobs', 'multiblobs', 'spirals', 'moons'],
  );
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

test('a link is addressed as the diagram draws it; setting its weight changes what the core draws', async () => {
  const core = await loadCore();
  const playground = make(core, {});
  playground.advance(5);
  const before = playground.frame();
  const link = playground.linkParameter(0, 1, 3); // x2 → hidden unit 4 (W is 2×4, row = input)
  assert.equal(link.ok, true, link.error);
  assert.equal(link.index, 1 * 4 + 3);
  assert.equal(link.value, before.parameters[link.index]);
  assert.equal(playground.linkParameter(1, 0, 0).index, 12); // after 2×4 weights and 4 biases
  assert.equal(playground.setParameter(link.index, -2.5).ok, true);
  const after = playground.frame();
  assert.equal(after.parameters[link.index], -2.5);
  assert.equal(playground.linkParameter(0, 1, 3).value, -2.5);
  assert.equal(after.epoch, 5);
  const cells = 32 * 32;
  const unit = (frame, u) => Array.from(frame.thumbnails.subarray(u * cells, (u + 1) * cells));
  assert.notDeepEqual(unit(after, 2 + 3), unit(before, 2 + 3), 'hidden unit 4 reads the weight');
  assert.deepEqual(unit(after, 2), unit(before, 2), 'hidden unit 1 does not');
  assert.deepEqual(playground.linkParameter(3, 0, 0), {
    ok: false,
    error: 'layer 3 does not exist: weight layers are 0 to 2',
  });
  assert.deepEqual(playground.linkParameter(0, 2, 0), { ok: false, error: 'layer 0 has inputs 0 to 1, not 2' });
  assert.deepEqual(playground.setParameter(0, 250), {
    ok: false,
    error: 'a weight or bias must be a number between -100 and 100',
  });
  assert.deepEqual(playground.setParameter(0, NaN), {
    ok: false,
    error: 'a weight or bias must be a number between -100 and 100',
  });
  assert.deepEqual(playground.setParameter(25, 1), {
    ok: false,
    error: 'parameter 25 does not exist: the network has 25 (0 to 24)',
  });
  assert.equal(playground.frame().parameters[0], after.parameters[0]);
  playground.delete();
});

test('a bias is addressed by its unit; an output link and bias change the decision field', async () => {
  const core = await loadCore();
  const playground = make(core, {}); // 2 → 4 → 2 → 1
  playground.advance(5);
  const before = playground.frame();
  const bias = playground.biasParameter(1, 1); // layer 2 neuron 2: after layer 1's 12, its own 2×2 weights
  assert.deepEqual(bias, { ok: true, index: 12 + 8 + 1, value: before.parameters[21] });
  const outputBias = playground.biasParameter(2, 0); // the last parameter
  assert.equal(outputBias.index, before.parameters.length - 1);
  const outputLink = playground.linkParameter(2, 1, 0); // layer 2 neuron 2 → output
  assert.deepEqual(outputLink, { ok: true, index: 22 + 1, value: before.parameters[23] });
  assert.equal(playground.setParameter(outputLink.index, -6).ok, true);
  const linked = playground.frame();
  assert.equal(linked.parameters[outputLink.index], -6);
  assert.notDeepEqual(
    Array.from(linked.boundaryConfidence),
    Array.from(before.boundaryConfidence),
    'the field reads the output weight',
  );
  assert.deepEqual(Array.from(linked.thumbnails), Array.from(before.thumbnails), 'no hidden unit does');
  // An output bias of 100 makes every cell class 1.
  assert.equal(playground.setParameter(outputBias.index, 100).ok, true);
  assert.equal(playground.biasParameter(2, 0).value, 100);
  assert.ok(playground.frame().boundaryClass.every((c) => c === 1));
  assert.deepEqual(playground.biasParameter(3, 0), {
    ok: false,
    error: 'layer 3 does not exist: weight layers are 0 to 2',
  });
  assert.deepEqual(playground.biasParameter(0, 4), { ok: false, error: 'layer 0 has units 0 to 3, not 4' });
  assert.deepEqual(playground.biasParameter(2, 1), { ok: false, error: 'layer 2 has units 0 to 0, not 1' });
  playground.delete();
  // No hidden layer, three classes: the output links start at the features, one bias per class.
  const linear = make(core, { dataset: 'multiblobs', loss: 'cross_entropy', hidden: [] });
  assert.deepEqual(Array.from(linear.layout().layerWidths), [2, 3]);
  assert.equal(linear.linkParameter(0, 1, 2).index, 1 * 3 + 2);
  assert.equal(linear.biasParameter(0, 2).index, 6 + 2);
  linear.delete();
});

test('parseCsv returns the data as typed arrays, or the parser message with line and column', async () => {
  const core = await loadCore();
  const parsed = core.parseCsv('x1,x2,class\n0.5,1.25,b\n-1,0.75,a\n\n2,3,b\n', { targetKind: 'classification' });
  assert.equal(parsed.ok, true, parsed.error);
  assert.equal(parsed.rows, 3);
  assert.equal(parsed.featureCount, 2);
  assert.deepEqual(parsed.featureNames, ['x1', 'x2']);
  assert.ok(parsed.features instanceof Float64Array);
  assert.deepEqual(Array.from(parsed.features), [0.5, 1.25, -1, 0.75, 2, 3]);
  assert.equal(parsed.targetName, 'class');
  assert.equal(parsed.targetKind, 'classification');
  assert.deepEqual(Array.from(parsed.labels), [0, 1, 0]);
  assert.deepEqual(parsed.classNames, ['b', 'a']);
  const regression = core.parseCsv('x,y\n1,2.5\n2,4.5\n', { targetKind: 'automatic' });
  assert.equal(regression.targetKind, 'regression');
  assert.deepEqual(Array.from(regression.targets), [2.5, 4.5]);
  const bad = [
    ['x1,x2,y\n1,2,a\n1,abc,b\n', "line 3, column 'x2': 'abc' is not a number"],
    ['', 'the CSV is empty: expected a header row, then data rows'],
    ['x1,x2,y\n1,2,a\n', 'the CSV has 1 data row below the header; at least 2 are needed'],
  ];
  for (const [text, error] of bad) assert.deepEqual(core.parseCsv(text, {}), { ok: false, error });
  assert.deepEqual(core.parseCsv('x,y\n1,2\n3,4\n', { targetKind: 'guess' }), {
    ok: false,
    error: "targetKind must be automatic, regression or classification, not 'guess'",
  });
});

test('a CSV data set in the playground: split, trained, and its problems explained', async () => {
  const core = await loadCore();
  let csv = 'a,b,kind\n';
  for (let i = 0; i < 20; i++) csv += `${(i % 5) - 2},${Math.floor(i / 5) - 2},${i % 5 < 2 ? 'left' : 'right'}\n`;
  const playground = make(core, { dataset: 'csv', csv, hidden: [], lr: 0.3 });
  const layout = playground.layout();
  assert.equal(layout.train.x.length + layout.test.x.length, 20);
  assert.equal(layout.train.x.length, 10);
  assert.equal(layout.classCount, 2);
  playground.advance(200);
  assert.equal(playground.frame().accuracy.train, 1);
  playground.delete();
  assert.deepEqual(core.createPlayground({ dataset: 'csv', csv: 'x1,x2,x3,y\n1,2,3,a\n1,2,3,b\n1,2,3,a\n1,2,3,b\n' }), {
    ok: false,
    error:
      "the CSV has 3 feature columns (x1, x2, x3) besides the class column 'y': the playground needs exactly 2 (x₁, x₂), with the class column last",
  });
  assert.deepEqual(core.createPlayground({ dataset: 'csv', csv: 'x1,x2,y\n1,2,a\n1,abc,b\n' }), {
    ok: false,
    error: "line 3, column 'x2': 'abc' is not a number",
  });
});
