// Convolutional networks through the JS API: createNetwork with inputImage and layer kinds (conv2d,
// max_pool2d, avg_pool2d, global_avg_pool, flatten, dense), training on procedurally drawn images,
// layers() and the per-layer diagnostics of image layers, invalid configs answered with messages
// naming the layer, and delete() freeing memory.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const SIDE = 16;
const CLASSES = 3;

// mulberry32: the images are the same on every run.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// `count` SIDE×SIDE one-channel images of one bright stroke on a noisy background: a row (class 0),
// a column (class 1) or the diagonal shifted by some pixels (class 2), at a random place; one-hot
// targets. The shape of DatasetArrays, flattened row-major per image.
function strokes(count, seed) {
  const random = generator(seed);
  const inputs = new Float64Array(count * SIDE * SIDE);
  const targets = new Float64Array(count * CLASSES);
  const labels = new Int32Array(count);
  for (let sample = 0; sample < count; sample++) {
    const label = sample % CLASSES;
    const place = 2 + Math.floor(random() * (SIDE - 4));
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const on = label === 0 ? y === place : label === 1 ? x === place : x - y === place - SIDE / 2;
        inputs[(sample * SIDE + y) * SIDE + x] = (on ? 1 : 0) + 0.2 * (random() - 0.5);
      }
    }
    targets[sample * CLASSES + label] = 1;
    labels[sample] = label;
  }
  return { inputs, targets, labels, rows: count, classCount: CLASSES };
}

// LeNet in miniature on 1×16×16: conv 4@3×3 → max pool 2 → conv 8@3×3 → max pool 2 → flatten →
// dense 16 → 3 logits.
const lenetLike = {
  inputImage: { channels: 1, height: SIDE, width: SIDE },
  layers: [
    { kind: 'conv2d', width: 4, kernel: 3, activation: 'relu' },
    { kind: 'max_pool2d', kernel: 2 },
    { kind: 'conv2d', width: 8, kernel: 3, activation: 'relu' },
    { kind: 'max_pool2d', kernel: 2 },
    { kind: 'flatten' },
    { width: 16, activation: 'relu' },
    { width: CLASSES },
  ],
  initializer: 'he_uniform',
  seed: 4,
};
const trainOptions = {
  epochs: 15,
  batchSize: 16,
  optimizer: 'adam',
  lr: 0.01,
  loss: 'cross_entropy',
  seed: 2,
};

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

test('a LeNet-like network trains on drawn strokes: the loss falls, held-out images are classified', async () => {
  const data = strokes(150, 1);
  const validation = strokes(60, 2);
  await withNetwork(lenetLike, async (net) => {
    assert.equal(net.inputWidth(), SIDE * SIDE);
    assert.equal(net.outputWidth(), CLASSES);
    // 4·9 + 4, 8·4·9 + 8, 8·2·2·16 + 16, 16·3 + 3.
    assert.equal(net.parameterCount(), 40 + 296 + 528 + 51);
    const result = net.train({ ...trainOptions, dataset: data, validation, layerDiagnostics: true });
    assert.equal(result.ok, true, result.error);
    const { trainLoss, validationAccuracy } = result.history;
    assert.equal(trainLoss.length, 15);
    assert.ok(trainLoss[14] < 0.3 * trainLoss[0], `training loss ${trainLoss[0]} → ${trainLoss[14]}`);
    assert.ok(validationAccuracy[14] >= 0.9, `validation accuracy ${validationAccuracy[14]}`);
    // Per-step diagnostics for every layer, pooling and flatten included (no weights: norms 0).
    const { layers } = result.history;
    assert.equal(layers.length, 7);
    const steps = result.steps;
    for (const [index, layer] of layers.entries()) {
      for (const [key, values] of Object.entries(layer)) {
        assert.equal(values.length, steps, `layer ${index + 1} ${key}`);
        assert.ok(values.every(Number.isFinite), `layer ${index + 1} ${key}`);
      }
    }
    for (const index of [1, 3, 4]) assert.ok(layers[index].weightNorm.every((norm) => norm === 0));
    for (const index of [0, 2, 5, 6]) assert.ok(layers[index].weightGradientNorm.some((norm) => norm > 0));
    assert.ok(layers[0].zeroFraction.every((fraction) => fraction >= 0 && fraction <= 1));
    // predict agrees with the history's validation accuracy.
    const outputs = net.predict(validation.inputs, validation.rows).outputs;
    let correct = 0;
    for (let row = 0; row < validation.rows; row++) {
      const logits = Array.from(outputs.subarray(row * CLASSES, (row + 1) * CLASSES));
      correct += logits.indexOf(Math.max(...logits)) === validation.labels[row] ? 1 : 0;
    }
    assert.equal(correct / validation.rows, validationAccuracy[14]);
  });
});

test('layers(): kind, name, one sample’s input and output shape and parameters per layer', async () => {
  await withNetwork(lenetLike, (net) => {
    const layers = net.layers();
    assert.deepEqual(
      layers.map(({ kind, name, inputShape, outputShape, parameterCount }) => [
        kind,
        name,
        inputShape,
        outputShape,
        parameterCount,
      ]),
      [
        ['conv2d', 'conv 1→4 3×3', [1, 16, 16], [4, 14, 14], 40],
        ['max_pool2d', 'max_pool 2×2', [4, 14, 14], [4, 7, 7], 0],
        ['conv2d', 'conv 4→8 3×3', [4, 7, 7], [8, 5, 5], 296],
        ['max_pool2d', 'max_pool 2×2', [8, 5, 5], [8, 2, 2], 0],
        ['flatten', 'flatten', [8, 2, 2], [32], 0],
        ['dense', 'dense 32→16', [32], [16], 528],
        ['dense', 'dense 16→3', [16], [3], 51],
      ],
    );
  });
  // Dense networks describe themselves too (batch norm's γ and β count with their layer).
  const dense = { inputWidth: 2, layers: [{ width: 4, batchNorm: true }, { width: 1 }] };
  await withNetwork(dense, (net) => {
    assert.deepEqual(
      net.layers().map((layer) => [layer.kind, layer.inputShape, layer.outputShape, layer.parameterCount]),
      [
        ['dense', [2], [4], 12 + 8],
        ['dense', [4], [1], 5],
      ],
    );
  });
});

test('every layer kind and window setting: stride, padding, dilation, groups, avg and global pooling', async () => {
  const config = {
    inputImage: { channels: 2, height: 12, width: 12 },
    layers: [
      { kind: 'conv2d', width: 4, kernel: 3, stride: 2, padding: 1, groups: 2, activation: 'tanh' },
      { kind: 'conv2d', width: 6, kernel: 2, dilation: 2, padding: 1, activation: 'relu' },
      { kind: 'avg_pool2d', kernel: 2, stride: 1 },
      { kind: 'max_pool2d', kernel: 3, stride: 2, padding: 1, dilation: 1 },
      { kind: 'global_avg_pool' },
      { width: 2 },
    ],
    seed: 9,
  };
  await withNetwork(config, (net) => {
    assert.equal(net.inputWidth(), 2 * 12 * 12);
    assert.deepEqual(
      net.layers().map((layer) => [layer.name, layer.outputShape]),
      [
        ['conv 2→4 3×3, stride 2, padding 1, groups 2', [4, 6, 6]],
        ['conv 4→6 2×2, padding 1, dilation 2', [6, 6, 6]],
        ['avg_pool 2×2, stride 1', [6, 5, 5]],
        ['max_pool 3×3, stride 2, padding 1', [6, 3, 3]],
        ['global_avg_pool', [6]],
        ['dense 6→2', [2]],
      ],
    );
    // One step of gradient descent lowers the loss on a batch of 3 images.
    const images = Float64Array.from({ length: 3 * 288 }, (_, i) => Math.sin(i * 0.37));
    const targets = [1, 0, 0, 1, 1, 0];
    const first = net.lossAndGradient(images, 3, targets, 'cross_entropy');
    assert.equal(first.ok, true, first.error);
    assert.equal(first.gradient.length, net.parameterCount());
    net.setParameters(net.getParameters().map((p, i) => p - 0.1 * first.gradient[i]));
    assert.ok(net.lossAndGradient(images, 3, targets, 'cross_entropy').loss < first.loss);
    assert.match(net.predict(images, 2).error, /inputs must hold 2 rows × 288 columns = 576 values, got 864/);
  });
  // inputWidth may be given; then it must be C·H·W.
  const core = await loadCore();
  const given = core.createNetwork({ ...config, inputWidth: 288 });
  assert.equal(given.ok, true, given.error);
  given.network.delete();
});

test('createNetwork: invalid convolutional configs give a message naming the layer', async () => {
  const core = await loadCore();
  const image = { channels: 1, height: 8, width: 8 };
  const net = (...layers) => ({ inputImage: image, layers });
  const conv = { kind: 'conv2d', width: 4, kernel: 3 };
  const cases = [
    [
      net(conv, { kind: 'flatten' }, { ...conv }, { width: 2 }),
      /^network: layer 3 \(conv2d\) takes images, but its input is .*features 144/,
    ],
    [
      net({ ...conv, kernel: 9 }, { kind: 'flatten' }, { width: 2 }),
      /^network: layer 1: conv2d: a 9×9 kernel .* does not fit a 8×8 input/,
    ],
    [
      net(conv, { kind: 'max_pool2d', kernel: 7 }, { kind: 'flatten' }, { width: 2 }),
      /^network: layer 2: max_pool2d: .*6×6/,
    ],
    [
      net(conv, { ...conv, groups: 3 }, { kind: 'flatten' }, { width: 2 }),
      /^network: layer 2: conv2d: groups \(3\) must divide both the input channels \(4\)/,
    ],
    [
      net(conv, { kind: 'max_pool2d', kernel: 2 }),
      /^network: layer 2: the output layer must be dense .*got max_pool2d/,
    ],
    [net(conv, { kind: 'flatten' }), /^network: layer 2: the output layer must be dense .*got flatten/],
    [
      net({ ...conv, kind: 'conv' }, { width: 2 }),
      /^layer 1: unknown layer kind 'conv' \(valid: dense, conv2d, max_pool2d, avg_pool2d, global_avg_pool, flatten\)/,
    ],
    [net({ ...conv, kind: 3 }, { width: 2 }), /^layer 1: kind must be a string/],
    [
      net(conv, { width: 2 }),
      /^network: layer 2 \(dense\) takes features, but its input is an image .*: put a flatten or global_avg_pool layer before it/,
    ],
    [net({ kind: 'conv2d', width: 4 }, { width: 2 }), /^layer 1 \(conv2d\): kernel is required/],
    [net({ ...conv, kernel: 0 }, { width: 2 }), /^layer 1 \(conv2d\): kernel must be a whole number between 1 and 512/],
    [net({ ...conv, stride: 0 }, { width: 2 }), /^layer 1 \(conv2d\): stride must be/],
    [
      net({ ...conv, padding: -1 }, { width: 2 }),
      /^layer 1 \(conv2d\): padding must be a whole number between 0 and 512/,
    ],
    [net({ ...conv, dilation: 1.5 }, { width: 2 }), /^layer 1 \(conv2d\): dilation must be a whole number/],
    [
      net({ ...conv, groups: 0 }, { width: 2 }),
      /^layer 1 \(conv2d\): groups must be a whole number between 1 and 1024/,
    ],
    [
      net(conv, { kind: 'max_pool2d', kernel: 2, width: 4 }, { width: 2 }),
      /^layer 2 \(max_pool2d\): width does not apply to a max_pool2d layer/,
    ],
    [
      net(conv, { kind: 'avg_pool2d', kernel: 2, groups: 2 }, { width: 2 }),
      /^layer 2 \(avg_pool2d\): groups does not apply/,
    ],
    [
      net(conv, { kind: 'avg_pool2d', kernel: 2, dilation: 2 }, { kind: 'flatten' }, { width: 2 }),
      /^network: layer 2: avg_pool2d: average pooling has no dilation/,
    ],
    [
      net(conv, { kind: 'flatten', kernel: 2 }, { width: 2 }),
      /^layer 2 \(flatten\): kernel does not apply to a flatten layer/,
    ],
    [net(conv, { kind: 'flatten' }, { width: 2, stride: 2 }), /^layer 3: stride does not apply to a dense layer/],
    [
      net(conv, { kind: 'flatten', batchNorm: true }, { width: 2 }),
      /^network: layer 2: batch norm is for dense and convolution layers only/,
    ],
    [
      { inputWidth: 64, layers: [conv, { kind: 'flatten' }, { width: 2 }] },
      /^network: layer 1 \(conv2d\) takes images/,
    ],
    [
      { ...net(conv, { kind: 'flatten' }, { width: 2 }), inputWidth: 63 },
      /input width \(63\) must be the input image's channels × height × width \(64\)/,
    ],
    [{ inputImage: 'big', layers: [{ width: 2 }] }, /^inputImage must be an object \{channels, height, width\}/],
    [{ inputImage: { channels: 1, width: 8 }, layers: [{ width: 2 }] }, /^inputImage.height is required/],
    [
      { inputImage: { ...image, channels: 0 }, layers: [{ width: 2 }] },
      /^inputImage.channels must be a whole number between 1 and 1024/,
    ],
    [
      { inputImage: { ...image, width: 513 }, layers: [{ width: 2 }] },
      /^inputImage.width must be a whole number between 1 and 512/,
    ],
    [
      { inputImage: { channels: 64, height: 512, width: 512 }, layers: [{ kind: 'global_avg_pool' }, { width: 1 }] },
      /^network: the input image would hold 16777216 values per sample, more than 4194304/,
    ],
  ];
  for (const [config, pattern] of cases) {
    const result = core.createNetwork(config);
    assert.equal(result.ok, false, JSON.stringify(config));
    assert.equal(result.network, undefined);
    assert.match(result.error, pattern);
    assert.ok(result.error.length < 300, result.error);
  }
});

test('delete() frees convolutional networks: 100 create/train/delete cycles do not grow memory', async () => {
  const core = await loadCore();
  const data = strokes(48, 3);
  const handles = core.count_emval_handles();
  const cycle = () => {
    const { network } = core.createNetwork(lenetLike);
    assert.equal(network.train({ ...trainOptions, epochs: 1, dataset: data, layerDiagnostics: true }).ok, true);
    network.layers();
    network.delete();
    assert.equal(core.createNetwork({ ...lenetLike, layers: [{ kind: 'flatten' }] }).ok, false);
  };
  for (let i = 0; i < 10; i++) cycle();
  const before = core.HEAP8.length;
  for (let i = 0; i < 100; i++) cycle();
  assert.equal(core.HEAP8.length, before);
  assert.equal(core.count_emval_handles(), handles);
});
