// The WebAssembly build must reproduce the native build: same trajectories,
// losses, optimizer state, random streams, races, curvature and contour lines
// for a fixed set of requests that the native tool (tests/fixture/make_fixture.cpp) writes.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { loadCore, repoRoot } = require('./load-core.js');

const fixture = JSON.parse(
  execFileSync(path.join(repoRoot, 'build', 'native', 'descent_fixture'), { encoding: 'utf8', maxBuffer: 256 << 20 }),
);

// Both builds use the same IEEE arithmetic without FMA contraction; only libm
// (exp, pow, log, sin) may differ in the last bit, so allow a few ulps that
// may grow along a trajectory.
const RELATIVE_TOLERANCE = 1e-9;

function assertClose(actual, expected, label) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    if (Math.abs(actual[i] - expected[i]) > RELATIVE_TOLERANCE * scale) {
      assert.fail(`${label}[${i}]: wasm ${actual[i]} vs native ${expected[i]}`);
    }
  }
}

test('fixture covers every optimizer, every schedule and the divergence cases', async () => {
  const core = await loadCore();
  const { optimizers, schedules } = core.catalog();
  const configs = fixture.runs.map((run) => run.config);
  for (const optimizer of optimizers)
    assert.ok(
      configs.some((c) => c.optimizer === optimizer.id),
      optimizer.id,
    );
  for (const schedule of schedules)
    assert.ok(
      configs.some((c) => c.schedule === schedule.id),
      schedule.id,
    );
  assert.ok(fixture.runs.some((run) => run.native.divergedAtStep > 0));
});

function assertSameRun(wasm, native, label) {
  assert.equal(wasm.stepsCompleted, native.stepsCompleted, `${label}: stepsCompleted`);
  assert.equal(wasm.divergedAtStep, native.divergedAtStep, `${label}: divergedAtStep`);
  assert.equal(wasm.reachedMinimumAtStep, native.reachedMinimumAtStep, `${label}: reachedMinimumAtStep`);
  assertClose(wasm.positions, native.positions, `${label}: positions`);
  assertClose(wasm.losses, native.losses, `${label}: losses`);
  assertClose(wasm.gradientNorms, native.gradientNorms, `${label}: gradientNorms`);
  assertClose(wasm.learningRates, native.learningRates, `${label}: learningRates`);
  assert.deepEqual(
    wasm.state.map((track) => track.key),
    Object.keys(native.state),
    `${label}: state keys`,
  );
  for (const track of wasm.state) assertClose(track.values, native.state[track.key], `${label}: state.${track.key}`);
}

for (const [index, { config, native }] of fixture.runs.entries()) {
  const name = `run ${index}: ${config.optimizer} on ${config.surface}, ${config.schedule} schedule, lr ${config.lr}`;
  test(name, async () => {
    const core = await loadCore();
    const wasm = core.runDescent(config);
    assert.equal(wasm.ok, true, wasm.error);
    assertSameRun(wasm, native, 'run');
  });
}

test('fixture networks include convolutional ones with every layer kind and window setting', () => {
  const layers = fixture.networks.flatMap((network) => network.network.layers);
  for (const kind of ['conv2d', 'max_pool2d', 'avg_pool2d', 'global_avg_pool', 'flatten']) {
    assert.ok(
      layers.some((layer) => layer.kind === kind),
      kind,
    );
  }
  const convolutions = layers.filter((layer) => layer.kind === 'conv2d');
  for (const [key, plain] of Object.entries({ stride: 1, padding: 0, dilation: 1, groups: 1 })) {
    assert.ok(
      convolutions.some((layer) => layer[key] !== plain),
      key,
    );
  }
});

test('fixture races have 4+ noisy racers', () => {
  assert.ok(fixture.races.length > 0);
  for (const { config } of fixture.races) {
    assert.ok(config.racers.length >= 4);
    assert.ok(config.noise > 0);
  }
});

for (const [index, { config, native }] of fixture.races.entries()) {
  const racers = config.racers.map((racer) => racer.optimizer).join(', ');
  test(`race ${index}: ${racers} on ${config.surface}, noise ${config.noise}`, async () => {
    const core = await loadCore();
    const race = core.runRace(config);
    assert.equal(race.ok, true, race.error);
    assert.equal(race.runs.length, native.length);
    race.runs.forEach((run, racer) => assertSameRun(run, native[racer], `racer ${racer + 1}`));
  });
}

test('curvature at points: values, eigen-decomposition, kind and explanation', async () => {
  const core = await loadCore();
  for (const { request, native } of fixture.curvature) {
    const label = `${request.surface} at (${request.point})`;
    const wasm = core.surfaceCurvature(request);
    assert.equal(wasm.ok, true, wasm.error);
    assertClose([wasm.value], [native.value], `${label}: value`);
    for (const key of ['gradient', 'hessian', 'eigenvalues', 'eigenvectors']) {
      assertClose(wasm[key], native[key], `${label}: ${key}`);
    }
    assert.equal(wasm.kind, native.kind, label);
    assert.equal(wasm.explanation, native.explanation, label);
  }
});

test('contour lines: same levels, same segment count per level, same segments', async () => {
  const core = await loadCore();
  for (const { request, native } of fixture.contours) {
    const label = `${request.surface} ${request.columns}×${request.rows}`;
    const map = core.surfaceMap(request);
    assert.equal(map.ok, true, map.error);
    assertClose(map.levels, native.levels, `${label}: levels`);
    const perLevel = new Array(native.levels.length).fill(0);
    for (const level of map.contourSegmentLevels) perLevel[level] += 1;
    assert.deepEqual(perLevel, native.segmentsPerLevel, `${label}: segments per level`);
    assertClose(map.contourSegments, native.segments, `${label}: segments`);
  }
});

test('seeded random streams are bit-identical natively and in WebAssembly', async () => {
  const core = await loadCore();
  for (const { seed, uniform, normal } of fixture.rng) {
    const stream = core.rngStream(seed, uniform.length);
    assert.equal(stream.ok, true);
    assert.deepEqual(Array.from(stream.uniform), uniform, `uniform stream, seed ${seed}`);
    assertClose(stream.normal, normal, `normal stream, seed ${seed}`);
  }
});

// Float networks train bit for bit alike: Eigen runs scalar in both builds (EIGEN_DONT_VECTORIZE)
// and the vectorised loops (matrix products, float tanh) add in one fixed order, so every loss,
// accuracy and weight after training must be exactly the native build's.
function assertSameFloats(actual, expected, label) {
  assert.deepEqual(Array.from(actual), expected, label);
}

// Convolutional networks too (conv2d with stride, padding, dilation and groups, max, average and
// global average pooling, flatten): the convolution lowers to the same matrix kernel, and im2col,
// col2im and pooling add in one fixed order, so these are bit for bit as well. Their images have
// no makeDataset name; the fixture carries them as arrays.
function networkLabel(network) {
  const layers = network.layers.map((layer) =>
    (layer.kind ?? 'dense') === 'dense' ? layer.width : `${layer.kind}${layer.width ? ` ${layer.width}` : ''}`,
  );
  const input = network.inputImage
    ? `${network.inputImage.channels}×${network.inputImage.height}×${network.inputImage.width}`
    : network.inputWidth;
  return [input, ...layers].join('-');
}

for (const [index, { dataset, validationSeed, images, network, train, native }] of fixture.networks.entries()) {
  test(`network ${index}: ${networkLabel(network)} on ${dataset.name}, ${train.epochs} epochs of ${train.optimizer}`, async () => {
    const core = await loadCore();
    const data = images ? images.dataset : core.makeDataset(dataset);
    assert.equal(data.ok ?? true, true, data.error);
    const options = { ...train, dataset: data, layerDiagnostics: true };
    if (images?.validation) options.validation = images.validation;
    else if (validationSeed !== null) options.validation = core.makeDataset({ ...dataset, seed: validationSeed });
    const created = core.createNetwork(network);
    assert.equal(created.ok, true, created.error);
    const net = created.network;
    try {
      assert.deepEqual(Array.from(net.getParameters()), native.initialParameters, 'initial parameters');
      const result = net.train(options);
      assert.equal(result.ok, true, result.error);
      assert.equal(result.stopReason, native.stopReason);
      assert.equal(result.bestEpoch, native.bestEpoch);
      for (const key of [
        'trainLoss',
        'validationLoss',
        'trainAccuracy',
        'validationAccuracy',
        'learningRate',
        'stepLoss',
      ]) {
        assertSameFloats(result.history[key], native[key], key);
      }
      assertSameFloats(
        result.history.layers[0].weightGradientNorm,
        native.firstLayerGradientNorm,
        'per-step layer-1 gradient norm',
      );
      assertSameFloats(net.getParameters(), native.finalParameters, 'final parameters');
    } finally {
      net.delete();
    }
  });
}

// The line data's noise comes from Rng::normal (log, sin, cos), so a few points differ in the last
// bit between the builds: the runs agree within the libm tolerance, not bit for bit.
for (const [index, { config, native }] of fixture.sgdRuns.entries()) {
  test(`SGD on the line ${index}: batch ${config.batchSize}, η ${config.lr}, ${config.epochs} epochs`, async () => {
    const core = await loadCore();
    const run = core.sgdRun(config);
    assert.equal(run.ok, true, run.error);
    assert.equal(run.outcome, native.outcome);
    assert.equal(run.divergedAtIteration, native.divergedAtIteration);
    for (const key of ['positions', 'fullLosses', 'batchLosses']) assertClose(run[key], native[key], key);
  });
}

// The convolution explorer: the procedural image (noise included), the maps, one cell's sum and one
// cell's gradient, bit for bit; and the receptive field's path counts.
for (const [index, { image, request, native }] of fixture.convExplorers.entries()) {
  test(`convolution explorer ${index}: ${image.shape} ${image.size}×${image.size}, ${request.filters} filters, ${request.pool === 'none' ? 'no' : request.pool} pooling`, async () => {
    const core = await loadCore();
    const made = core.proceduralImage(image);
    assert.equal(made.ok, true, made.error);
    assert.deepEqual(Array.from(made.pixels), native.pixels);
    const result = core.exploreConvolution({ ...request, image: made.pixels });
    assert.equal(result.ok, true, result.error);
    for (const key of ['featureMaps', 'activated', 'inputGradient', 'featureMapGradient']) {
      assert.deepEqual(Array.from(result[key]), native[key], key);
    }
    assert.deepEqual(Array.from(result.pooled ?? []), native.pooled, 'pooled');
    assert.deepEqual(Array.from(result.explained.products), native.products, 'products');
    assert.equal(result.explained.value, native.value);
  });
}

for (const [index, { request, native }] of fixture.receptiveFields.entries()) {
  test(`receptive field ${index}: ${request.layers.length} layers`, async () => {
    const core = await loadCore();
    const map = core.receptiveFieldMap(request);
    assert.equal(map.ok, true, map.error);
    assert.deepEqual(Array.from(map.paths), native.paths);
  });
}

// Transfer learning (createCnnSession's from, classes, perClass, frozenConvBlocks): a session
// started from a pre-trained one's conv blocks gives the native run bit for bit.
test('CNN transfer: pre-trained on shapes 0–1, fine-tuned on 2–3 with a frozen block', async () => {
  const core = await loadCore();
  const { source, request, native } = fixture.cnnTransfer;
  const split = ({ pixels, labels }) => ({ pixels: Uint8Array.from(pixels), labels: Uint8Array.from(labels) });
  const withData = (r) => ({ ...r, train: split(r.train), test: split(r.test) });
  const pre = core.createCnnSession(withData(source));
  assert.equal(pre.ok, true, pre.error);
  try {
    while (pre.session.advance(5) !== true);
    const created = core.createCnnSession({ ...withData(request), from: pre.session });
    assert.equal(created.ok, true, created.error);
    const { session } = created;
    try {
      while (session.advance(3) !== true);
      const progress = session.progress();
      assert.deepEqual(
        [progress.steps, progress.trainingCount, progress.testCount],
        [native.steps, native.trainingCount, native.testCount],
      );
      const history = session.history();
      for (const key of ['trainLoss', 'testLoss', 'testAccuracy']) assertSameFloats(history[key], native[key], key);
      assert.deepEqual(Array.from(session.confusion()), native.confusion, 'confusion');
      assert.deepEqual(Array.from(session.misclassified().index), native.mistakes, 'mistakes');
    } finally {
      session.delete();
    }
  } finally {
    pre.session.delete();
  }
});

// The live-trained CNN (createCnnSession): short sessions on procedural shapes, advanced a few
// mini-batches per call as the widget does, give the native history, confusion matrix,
// probabilities, saliency, Grad-CAM and activation maximisation bit for bit.
for (const [index, { request, native }] of fixture.cnnSessions.entries()) {
  const blocks =
    request.convBlocks
      .map((b) => `${b.filters}@${b.kernel} ${b.padding}${b.batchNorm ? ' bn' : ''} ${b.pooling}`)
      .join(', ') || 'MLP';
  const dropout = request.dropout ? `, dropout ${request.dropout}` : '';
  test(`CNN session ${index}: ${blocks}${dropout}, ${request.optimizer}, ${native.steps} batches`, async () => {
    const core = await loadCore();
    const split = ({ pixels, labels }) => ({ pixels: Uint8Array.from(pixels), labels: Uint8Array.from(labels) });
    const created = core.createCnnSession({ ...request, train: split(request.train), test: split(request.test) });
    assert.equal(created.ok, true, created.error);
    const { session } = created;
    try {
      while (session.advance(5) !== true);
      assert.equal(session.progress().steps, native.steps);
      assert.equal(session.progress().stopReason, native.stopReason);
      const history = session.history();
      for (const key of ['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy']) {
        assertSameFloats(history[key], native[key], key);
      }
      assert.deepEqual(Array.from(session.confusion()), native.confusion, 'confusion');
      const image = Uint8Array.from(request.test.pixels.slice(0, request.height * request.width));
      assertSameFloats(session.predict(image).probabilities, native.probabilities, 'probabilities');
      assertSameFloats(session.saliency(image, 1).values, native.saliency, 'saliency');
      if (native.gradCam) assertSameFloats(session.gradCam(image, 1).values, native.gradCam, 'Grad-CAM');
      else assert.match(session.gradCam(image, 1).error, /Grad-CAM needs a conv block/);
      const actMax = { classIndex: 1, steps: 30, seed: 5 };
      const layer = request.convBlocks.length - 1;
      for (const [key, target] of [
        ['actMaxClass', { target: 'class' }],
        ['actMaxFilter', { target: 'filter', layer, filter: 2 }],
      ]) {
        if (!native[key]) continue; // an MLP has no filter to maximise
        const created = session.activationMaximizer({ ...actMax, ...target });
        assert.equal(created.ok, true, created.error);
        const { maximizer } = created;
        try {
          let state;
          while (!(state = maximizer.advance(7)).done);
          assert.equal(state.step, 30);
          assertSameFloats(maximizer.objectives(), native[key].objectives, `${key} objectives`);
          assertSameFloats(state.image, native[key].image, `${key} image`);
        } finally {
          maximizer.delete();
        }
      }
    } finally {
      session.delete();
    }
  });
}

// The live-trained recurrent network (createRnnSession): short runs of each cell, trained a few
// steps per call as the widget does, give the native losses, gradient norms, test evaluation and
// one test sequence's states, gates, outputs and ‖∂L/∂h_t‖ bit for bit.
for (const [index, { request, steps, inspected, native }] of fixture.rnnSessions.entries()) {
  test(`RNN session ${index}: ${request.cell} on ${request.task}, ${steps} steps`, async () => {
    const core = await loadCore();
    const created = core.createRnnSession(request);
    assert.equal(created.ok, true, created.error);
    const { session } = created;
    try {
      const losses = [];
      const gradientNorms = [];
      for (let done = 0; done < steps; done += 7) {
        const answer = session.train(Math.min(7, steps - done));
        assert.equal(answer.ok, true, answer.error);
        losses.push(...answer.losses);
        gradientNorms.push(...answer.gradientNorms);
      }
      assertSameFloats(losses, native.losses, 'losses');
      assertSameFloats(gradientNorms, native.gradientNorms, 'gradient norms');
      // Scored whole, as the fixture does (slices sum the loss in another order).
      const evaluation = session.evaluate(256);
      assert.deepEqual([evaluation.done, evaluation.steps], [true, steps]);
      assert.deepEqual(
        [evaluation.loss, evaluation.value, evaluation.baseline],
        [native.evaluation.loss, native.evaluation.value, native.evaluation.baseline],
      );
      const r = session.inspect(inspected);
      assert.equal(r.loss, native.inspection.loss, 'inspected loss');
      for (const key of ['outputs', 'hiddenStates', 'cellStates', 'gates', 'gradientNorms']) {
        assertSameFloats(r[key], native.inspection[key], `inspected ${key}`);
      }
    } finally {
      session.delete();
    }
  });
}
