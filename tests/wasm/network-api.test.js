// The neural-network JavaScript API: makeDataset, createNetwork and NeuralNetwork's methods —
// shapes, invalid input answered with messages (never a throw), and delete() freeing memory.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const circleRequest = { name: 'circle', count: 100, noise: 0.05, seed: 1 };
const smallNetwork = {
  inputWidth: 2,
  layers: [
    { width: 8, activation: 'tanh' },
    { width: 1, activation: 'linear' },
  ],
  initializer: 'xavier_uniform',
  seed: 3,
};
const trainOptions = {
  epochs: 20,
  batchSize: 10,
  shuffle: true,
  optimizer: 'adam',
  lr: 0.03,
  loss: 'binary_cross_entropy',
  seed: 5,
  layerDiagnostics: true,
};

// Runs `use` on a fresh network and deletes it afterwards.
async function withNetwork(config, use) {
  const core = await loadCore();
  const created = core.createNetwork(config);
  assert.equal(created.ok, true, created.error);
  try {
    return await use(created.network, core);
  } finally {
    created.network.delete();
  }
}

test('makeDataset: row-major inputs, one-hot targets, labels, sizes', async () => {
  const core = await loadCore();
  const data = core.makeDataset(circleRequest);
  assert.equal(data.ok, true, data.error);
  assert.equal(data.rows, 100);
  assert.equal(data.features, 2);
  assert.equal(data.classCount, 2);
  assert.ok(data.inputs instanceof Float64Array);
  assert.ok(data.targets instanceof Float64Array);
  assert.ok(data.labels instanceof Int32Array);
  assert.equal(data.inputs.length, 200);
  assert.equal(data.targets.length, 200);
  assert.deepEqual(data.featureNames, ['x1', 'x2']);
  for (let row = 0; row < data.rows; row++) {
    assert.equal(data.targets[2 * row + data.labels[row]], 1);
    assert.equal(data.targets[2 * row + 1 - data.labels[row]], 0);
  }
  // Same seed, same points; the disc (class 0) lies inside radius 0.5 before noise.
  assert.deepEqual(Array.from(core.makeDataset(circleRequest).inputs), Array.from(data.inputs));
  const clean = core.makeDataset({ ...circleRequest, noise: 0 });
  for (let row = 0; row < clean.rows; row++) {
    const radius = Math.hypot(clean.inputs[2 * row], clean.inputs[2 * row + 1]);
    assert.ok(clean.labels[row] === 0 ? radius <= 0.5 : radius >= 0.7 - 1e-12);
  }
  const blobs = core.makeDataset({ name: 'multiblobs', count: 90, noise: 0.1, seed: 2, classes: 5 });
  assert.equal(blobs.classCount, 5);
  assert.equal(blobs.targets.length, 90 * 5);

  const cases = [
    [{ ...circleRequest, name: 'donut' }, /donut/],
    [{ ...circleRequest, count: 1 }, /count/],
    [{ ...circleRequest, count: 2.5 }, /count/],
    [{ ...circleRequest, noise: -1 }, /noise/],
    [{ ...circleRequest, noise: 'a lot' }, /noise must be a number/],
    [{ ...circleRequest, seed: -1 }, /seed/],
    [{ ...circleRequest, classes: 9 }, /classes/],
  ];
  for (const [request, pattern] of cases) {
    const result = core.makeDataset(request);
    assert.equal(result.ok, false, JSON.stringify(request));
    assert.match(result.error, pattern);
  }
  assert.equal(core.makeDataset(null).ok, false);
});

test('createNetwork: invalid configs give a message naming the problem', async () => {
  const core = await loadCore();
  const withLayer = (layer) => ({ ...smallNetwork, layers: [layer, { width: 1 }] });
  const cases = [
    [null, /must be an object/],
    [{ ...smallNetwork, inputWidth: 0 }, /inputWidth/],
    [{ ...smallNetwork, inputWidth: '2' }, /inputWidth/],
    [{ ...smallNetwork, layers: undefined }, /layers must be an array/],
    [{ ...smallNetwork, layers: [] }, /layers must have 1 to 64 entries, got 0/],
    [withLayer({ width: 0, activation: 'tanh' }), /layer 1: width/],
    [withLayer({ width: 4, activation: 'sine' }), /layer 1: .*sine/],
    [withLayer({ width: 4, activation: 7 }), /layer 1: activation must be a string/],
    [withLayer({ width: 4, activation: 'leaky_relu', alpha: 2 }), /alpha|α/],
    [withLayer({ width: 4, residual: 'yes' }), /layer 1: residual must be true or false/],
    [withLayer(null), /layer 1: must be an object/],
    [withLayer({ width: 4, activation: 'tanh', residual: true }), /residual/],
    [withLayer({ width: 4, batchNorm: 1 }), /layer 1: batchNorm must be true or false/],
    [withLayer({ width: 4, dropout: 1 }), /dropout/],
    [withLayer({ width: 4, dropout: 'half' }), /layer 1: dropout must be a number/],
    [{ ...smallNetwork, layers: [{ width: 4 }, { width: 1, dropout: 0.5 }] }, /layer 2.*dropout|dropout.*output/],
    [
      { ...smallNetwork, layers: [{ width: 4 }, { width: 1, batchNorm: true }] },
      /layer 2.*batch norm|batch norm.*output/,
    ],
    [{ ...smallNetwork, initializer: 'glorious' }, /glorious/],
    [{ ...smallNetwork, seed: 0.5 }, /seed/],
  ];
  for (const [config, pattern] of cases) {
    const result = core.createNetwork(config);
    assert.equal(result.ok, false, JSON.stringify(config));
    assert.equal(result.network, undefined);
    assert.match(result.error, pattern);
  }
  assert.throws(() => new core.NeuralNetwork(), /no accessible constructor/);
});

test('parameters: count, Float64Array round trip, seeded initial weights', async () => {
  await withNetwork(smallNetwork, async (net, core) => {
    assert.equal(net.parameterCount(), 2 * 8 + 8 + 8 * 1 + 1);
    assert.equal(net.inputWidth(), 2);
    assert.equal(net.outputWidth(), 1);
    const initial = net.getParameters();
    assert.ok(initial instanceof Float64Array);
    assert.equal(initial.length, 33);
    // Biases start at 0: layer 1's at offsets 16..23, the output's at 32.
    assert.deepEqual(Array.from(initial.slice(16, 24)), new Array(8).fill(0));
    assert.equal(initial[32], 0);
    const again = core.createNetwork(smallNetwork).network;
    assert.deepEqual(Array.from(again.getParameters()), Array.from(initial));
    again.delete();

    const halves = new Float64Array(33).map((_, i) => i / 2 - 8); // exact in float
    assert.deepEqual(net.setParameters(halves), { ok: true });
    assert.deepEqual(Array.from(net.getParameters()), Array.from(halves));
    assert.deepEqual(net.setParameters(Array.from(initial)), { ok: true });
    assert.deepEqual(Array.from(net.getParameters()), Array.from(initial));
    for (const [values, pattern] of [
      [new Float64Array(32), /parameters must hold 1 rows × 33 columns = 33 values, got 32/],
      [new Float64Array(33).fill(Number.NaN), /finite/],
      ['weights', /typed array or an array/],
      [[...new Array(32).fill(0), 'x'], /finite/],
    ]) {
      const result = net.setParameters(values);
      assert.equal(result.ok, false);
      assert.match(result.error, pattern);
    }
    assert.deepEqual(Array.from(net.getParameters()), Array.from(initial));
  });
});

test('batch norm adds γ and β per unit; dropout changes training passes, not predictions', async () => {
  const core = await loadCore();
  const data = core.makeDataset(circleRequest);
  const labels = Float64Array.from(data.labels);
  const config = {
    ...smallNetwork,
    layers: [{ width: 8, activation: 'tanh', batchNorm: true, dropout: 0.5 }, { width: 1 }],
  };
  await withNetwork(config, async (net) => {
    assert.equal(net.parameterCount(), 33 + 2 * 8);
    const first = net.lossAndGradient(data.inputs, data.rows, labels, 'bce');
    const second = net.lossAndGradient(data.inputs, data.rows, labels, 'bce');
    assert.notEqual(first.loss, second.loss); // fresh dropout masks
    const predicted = net.predict(data.inputs, data.rows).outputs;
    assert.deepEqual(Array.from(net.predict(data.inputs, data.rows).outputs), Array.from(predicted));
    const result = net.train({ ...trainOptions, dataset: data });
    assert.equal(result.ok, true, result.error);
    assert.ok(result.history.trainLoss[19] < result.history.trainLoss[0]);
  });
});

test("predict and lossAndGradient: shapes, and the loss is the mean of the predictions' loss", async () => {
  const core = await loadCore();
  const data = core.makeDataset(circleRequest);
  await withNetwork(smallNetwork, async (net) => {
    const predicted = net.predict(data.inputs, data.rows);
    assert.equal(predicted.ok, true, predicted.error);
    assert.ok(predicted.outputs instanceof Float64Array);
    assert.equal(predicted.outputs.length, 100);
    const labels = Float64Array.from(data.labels);
    const result = net.lossAndGradient(data.inputs, data.rows, labels, 'mse');
    assert.equal(result.ok, true, result.error);
    assert.ok(result.gradient instanceof Float64Array);
    assert.equal(result.gradient.length, net.parameterCount());
    const mse = predicted.outputs.reduce((sum, y, i) => sum + (y - labels[i]) ** 2, 0) / data.rows;
    assert.ok(Math.abs(result.loss - mse) < 1e-5 * Math.max(1, mse), `${result.loss} vs ${mse}`);
    // Into a caller's array: the same values, that array returned, nothing else touched.
    const into = new Float64Array(net.parameterCount()).fill(7);
    const reused = net.lossAndGradient(data.inputs, data.rows, labels, 'mse', into);
    assert.equal(reused.gradient, into);
    assert.deepEqual(Array.from(into), Array.from(result.gradient));
    assert.equal(reused.loss, result.loss);
    // One step against the gradient lowers the loss.
    const parameters = net.getParameters();
    net.setParameters(parameters.map((p, i) => p - 0.05 * result.gradient[i]));
    assert.ok(net.lossAndGradient(data.inputs, data.rows, labels, 'mse').loss < result.loss);

    const cases = [
      [() => net.predict(data.inputs, 99), /inputs must hold 99 rows × 2 columns = 198 values, got 200/],
      [() => net.predict(data.inputs, 0), /rows must be a whole number between 1 and/],
      [() => net.predict(data.inputs, '100'), /rows must be a whole number/],
      [() => net.predict(null, 100), /inputs must be a typed array/],
      [() => net.lossAndGradient(data.inputs, 100, labels, 'squared'), /squared/],
      [() => net.lossAndGradient(data.inputs, 100, labels, undefined), /loss must be a string/],
      [() => net.lossAndGradient(data.inputs, 100, labels.slice(1), 'mse'), /targets must hold 100 rows × 1 columns/],
      [
        () => net.lossAndGradient(data.inputs, 100, labels, 'mse', new Float64Array(32)),
        /gradient output must be a Float64Array of parameterCount \(33\) values/,
      ],
      [
        () => net.lossAndGradient(data.inputs, 100, labels, 'mse', new Float32Array(33)),
        /gradient output must be a Float64Array/,
      ],
      [
        () =>
          net.lossAndGradient(
            data.inputs,
            100,
            labels.map(() => 2),
            'bce',
          ),
        /targets: .*\[0, 1\]/,
      ],
    ];
    for (const [call, pattern] of cases) {
      const failed = call();
      assert.equal(failed.ok, false);
      assert.match(failed.error, pattern);
    }
  });
});

test('predictGrid: the outputs at the cell centres, row 0 at the top, in one call', async () => {
  await withNetwork({ ...smallNetwork, layers: [{ width: 8, activation: 'tanh' }, { width: 3 }] }, async (net) => {
    const box = { xMin: -2, xMax: 2, yMin: -1, yMax: 1 };
    const columns = 5,
      rows = 4;
    const grid = net.predictGrid(box, columns, rows);
    assert.equal(grid.ok, true, grid.error);
    assert.ok(grid.outputs instanceof Float64Array);
    assert.equal(grid.outputs.length, columns * rows * 3);
    const centres = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) centres.push(-2 + (c + 0.5) * 0.8, 1 - (r + 0.5) * 0.5);
    }
    const direct = net.predict(Float64Array.from(centres), columns * rows).outputs;
    grid.outputs.forEach((value, i) => assert.ok(Math.abs(value - direct[i]) < 1e-6, `output ${i}`));
    // More cells than one internal batch.
    assert.equal(net.predictGrid(box, 100, 100).outputs.length, 30000);
    for (const [args, pattern] of [
      [[{ ...box, xMax: -3 }, 5, 4], /xMin < xMax/],
      [[null, 5, 4], /box must be an object/],
      [[box, 0, 4], /columns must be a whole number between 1 and 2048/],
      [[box, 5, 1e6], /rows must be a whole number between 1 and 2048/],
    ]) {
      const failed = net.predictGrid(...args);
      assert.equal(failed.ok, false);
      assert.match(failed.error, pattern);
    }
  });
  await withNetwork({ ...smallNetwork, inputWidth: 3 }, async (net) => {
    assert.match(net.predictGrid({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 2, 2).error, /2 inputs/);
  });
});

test('train: many epochs in one call, a history per epoch, the network keeps its weights', async () => {
  const core = await loadCore();
  const data = core.makeDataset(circleRequest);
  const validation = core.makeDataset({ ...circleRequest, seed: 2 });
  await withNetwork(smallNetwork, async (net) => {
    const before = net.getParameters();
    const result = net.train({ ...trainOptions, dataset: data, validation });
    assert.equal(result.ok, true, result.error);
    assert.equal(result.stopKind, 'completed');
    assert.equal(result.stopReason, 'completed');
    assert.equal(result.epochsCompleted, 20);
    assert.equal(result.steps, 20 * 10);
    const { history } = result;
    for (const key of [
      'trainLoss',
      'validationLoss',
      'trainAccuracy',
      'validationAccuracy',
      'penalty',
      'learningRate',
    ]) {
      assert.ok(history[key] instanceof Float64Array, key);
      assert.equal(history[key].length, 20, key);
    }
    assert.ok(history.trainLoss[19] < history.trainLoss[0]);
    assert.ok(history.trainAccuracy[19] >= 0.9, `accuracy ${history.trainAccuracy[19]}`);
    assert.ok(history.learningRate.every((lr) => lr === 0.03));
    assert.ok(result.bestEpoch >= 1 && result.bestEpoch <= 20);
    // Per step: 20 epochs × 10 mini-batches.
    assert.equal(history.stepLoss.length, 200);
    assert.ok(history.stepLoss.every(Number.isFinite));
    assert.equal(history.layers.length, 2);
    assert.equal(history.layers[0].weightNorm.length, 200);
    assert.ok(history.layers[0].activationStd instanceof Float64Array);
    assert.notDeepEqual(Array.from(net.getParameters()), Array.from(before));
    // The trained network's training loss is the history's last value.
    const labels = Float64Array.from(data.labels);
    const loss = net.lossAndGradient(data.inputs, data.rows, labels, 'bce').loss;
    assert.ok(Math.abs(loss - history.trainLoss[19]) < 1e-6);
  });
  // Same seeds, same history; without a validation set its vectors stay empty.
  const runs = [];
  for (let i = 0; i < 2; i++) {
    runs.push(await withNetwork(smallNetwork, (net) => net.train({ ...trainOptions, dataset: data })));
  }
  assert.deepEqual(Array.from(runs[0].history.trainLoss), Array.from(runs[1].history.trainLoss));
  assert.equal(runs[0].history.validationLoss.length, 0);
  // Without layer diagnostics: no per-layer curves, the same training.
  const quiet = await withNetwork(smallNetwork, (net) =>
    net.train({ ...trainOptions, dataset: data, layerDiagnostics: false }),
  );
  assert.equal(quiet.history.layers.length, 0);
  assert.deepEqual(Array.from(quiet.history.trainLoss), Array.from(runs[0].history.trainLoss));
  await withNetwork(smallNetwork, (net) => {
    assert.match(net.train({ ...trainOptions, dataset: data, layerDiagnostics: 'yes' }).error, /layerDiagnostics/);
  });
});

test('train: early stopping, divergence and the schedule are reported', async () => {
  const core = await loadCore();
  const data = core.makeDataset(circleRequest);
  const validation = core.makeDataset({ ...circleRequest, seed: 2 });
  await withNetwork(smallNetwork, async (net) => {
    const stopped = net.train({
      ...trainOptions,
      epochs: 400,
      lr: 0.1,
      dataset: data,
      validation,
      earlyStopping: true,
      patience: 3,
    });
    assert.equal(stopped.ok, true, stopped.error);
    assert.equal(stopped.stopKind, 'early_stopping');
    assert.match(stopped.stopReason, /early stopping at epoch \d+ \(best \d+\)/);
    assert.ok(stopped.epochsCompleted < 400);
    assert.equal(stopped.epochsCompleted, stopped.bestEpoch + 3);
  });
  await withNetwork(smallNetwork, async (net) => {
    const diverged = net.train({ ...trainOptions, optimizer: 'sgd', lr: 1e6, loss: 'mse', dataset: data });
    assert.equal(diverged.ok, true, diverged.error);
    assert.equal(diverged.stopKind, 'diverged');
    assert.match(diverged.stopReason, /diverged at epoch \d+, step \d+/);
    assert.ok(diverged.divergedStep >= 1);
    assert.ok(net.getParameters().every(Number.isFinite));
  });
  await withNetwork(smallNetwork, async (net) => {
    const cosine = net.train({ ...trainOptions, epochs: 5, schedule: 'cosine', dataset: data });
    assert.ok(cosine.history.learningRate[4] < cosine.history.learningRate[0]);
  });
});

test('train: invalid options give a message and leave the network untouched', async () => {
  const core = await loadCore();
  const data = core.makeDataset(circleRequest);
  const good = { ...trainOptions, dataset: data };
  const cases = [
    [null, /train options must be an object/],
    [{ ...good, dataset: undefined }, /dataset must be an object/],
    [{ ...good, dataset: { ...data, rows: 99 } }, /dataset.inputs must hold rows × columns values/],
    [{ ...good, dataset: { ...data, inputs: 'points' } }, /dataset.inputs must be a typed array/],
    [
      { ...good, dataset: { ...data, inputs: data.inputs.map(() => Number.NaN) } },
      /dataset.inputs must hold finite numbers/,
    ],
    [{ ...good, dataset: { ...data, labels: data.labels.map(() => 7) } }, /dataset: .*label/],
    [{ ...good, dataset: { ...data, inputs: new Float64Array(300) } }, /3 features, the network expects 2/],
    [{ ...good, validation: { rows: 1 } }, /validation.inputs/],
    [{ ...good, epochs: 0 }, /epochs must be a whole number between 1 and 100000/],
    [{ ...good, batchSize: 'all' }, /batchSize/],
    [{ ...good, shuffle: 1 }, /shuffle must be true or false/],
    [{ ...good, optimizer: 'adamx' }, /adamx/],
    [{ ...good, lr: -1 }, /learning rate|lr/],
    [{ ...good, hyper: { beta1: 3 } }, /beta1/],
    [{ ...good, schedule: 'zigzag' }, /zigzag/],
    [{ ...good, clip: 'sideways' }, /sideways/],
    [{ ...good, l2: -1 }, /l2/],
    [{ ...good, loss: 'squared' }, /squared/],
    [{ ...good, loss: 'huber', huberDelta: 0 }, /δ|delta/],
    [{ ...good, loss: 'hinge' }, null], // valid: two-class labels become ±1 for hinge
    [{ ...good, earlyStopping: true }, /validation/],
    [{ ...good, patience: 0 }, /patience/],
    [{ ...good, seed: -2 }, /seed/],
  ];
  await withNetwork(smallNetwork, async (net) => {
    const before = Array.from(net.getParameters());
    for (const [options, pattern] of cases) {
      if (pattern === null) continue;
      const result = net.train(options);
      assert.equal(result.ok, false, `${JSON.stringify(Object.keys(options ?? {}))}: ${pattern}`);
      assert.match(result.error, pattern);
    }
    assert.deepEqual(Array.from(net.getParameters()), before);
    assert.equal(net.train(cases.find(([, pattern]) => pattern === null)[0]).ok, true);
  });
});

test('delete() frees the network: 200 create/train/delete cycles do not grow memory', async () => {
  const core = await loadCore();
  const data = core.makeDataset(circleRequest);
  // Wide enough (≈ 17k parameters) that leaking every network would outgrow the heap.
  const wide = {
    ...smallNetwork,
    layers: [{ width: 128, activation: 'tanh' }, { width: 128, activation: 'tanh' }, { width: 1 }],
  };
  const cycle = () => {
    const { network } = core.createNetwork(wide);
    assert.equal(network.train({ ...trainOptions, epochs: 1, batchSize: 50, dataset: data }).ok, true);
    network.predictGrid({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 }, 32, 32);
    network.delete();
  };
  for (let i = 0; i < 10; i++) cycle();
  const before = core.HEAP8.length;
  for (let i = 0; i < 200; i++) cycle();
  assert.equal(core.HEAP8.length, before);
  // A deleted network cannot be used by mistake: the call fails (a raw call returns the failure).
  const { network } = core.createNetwork(smallNetwork);
  network.delete();
  assert.match(network.parameterCount().error, /deleted/);
});

test('a softmax last layer under cross_entropy (or kl) is rejected: softmax would run twice', async () => {
  const core = await loadCore();
  const data = core.makeDataset({ name: 'multiblobs', count: 60, classes: 3, seed: 2 });
  const layers = (last) => [
    { width: 8, activation: 'tanh' },
    { width: 3, activation: last },
  ];
  await withNetwork({ ...smallNetwork, layers: layers('softmax') }, (network) => {
    for (const loss of ['cross_entropy', 'ce', 'kl_divergence']) {
      const trained = network.train({ ...trainOptions, loss, epochs: 2, dataset: data });
      assert.equal(trained.ok, false, loss);
      assert.match(trained.error, /last layer is softmax.*applied twice.*linear/);
      const step = network.lossAndGradient(data.inputs, data.rows, data.targets, loss);
      assert.equal(step.ok, false, loss);
      assert.match(step.error, /takes logits and applies softmax itself/);
    }
    // MSE on the probabilities is allowed (a choice, not a double softmax).
    assert.equal(network.train({ ...trainOptions, loss: 'mse', epochs: 2, dataset: data }).ok, true);
  });
  // The same layers with a linear output (logits) train under cross_entropy.
  await withNetwork({ ...smallNetwork, layers: layers('linear') }, (network) => {
    assert.equal(network.train({ ...trainOptions, loss: 'cross_entropy', epochs: 2, dataset: data }).ok, true);
  });
});
