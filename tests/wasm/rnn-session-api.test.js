// The live-trained recurrent network's JavaScript API (createRnnSession, rnnCatalog): a session
// trains and looks inside a test sequence with the shapes it promises, the same seed gives the
// same numbers however the steps are sliced, nothing leaks after delete(), and every bad field is
// answered with a short message (never a throw).
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

test('rnnCatalog: tasks, cells, optimizers, limits and defaults from the core', async () => {
  const core = await loadCore();
  const catalog = core.rnnCatalog();
  assert.deepEqual(
    catalog.tasks.map((task) => [task.id, task.metric, task.minLength, task.maxLength, task.defaultLength]),
    [
      ['sine', 'mse', 2, 200, 30],
      ['adding', 'mse', 2, 200, 20],
      ['parity', 'accuracy', 1, 200, 10],
      ['copy', 'accuracy', 1, 50, 5],
    ],
  );
  assert.ok(catalog.tasks.every((task) => task.label && task.summary && task.baseline));
  assert.deepEqual(catalog.cells, ['rnn', 'lstm', 'gru']);
  assert.ok(catalog.optimizers.includes('adam') && catalog.optimizers.includes('sgd'));
  assert.deepEqual(catalog.limits, {
    maxHiddenSize: 128,
    maxStepWork: 40e6,
    maxBatchSize: 256,
    maxTruncation: 1000,
    maxStepsPerCall: 10000,
    trainCount: 2048,
    testCount: 256,
  });
  assert.equal(catalog.defaults.task, 'adding');
  assert.equal(catalog.defaults.cell, 'lstm');
  assert.equal(catalog.defaults.sequenceLength, 20);
});

test('createRnnSession: trains, evaluates and unrolls a test sequence', async () => {
  const core = await loadCore();
  const handles = core.count_emval_handles();
  const made = core.createRnnSession({ task: 'adding', cell: 'lstm', hiddenSize: 8, sequenceLength: 10, seed: 2 });
  assert.equal(made.ok, true, made.error);
  const { session } = made;
  try {
    const info = session.info();
    assert.deepEqual(
      [info.task, info.cell, info.metric, info.timeSteps, info.trainCount, info.testCount, info.steps],
      ['adding', 'lstm', 'mse', 10, 2048, 256, 0],
    );
    // 4 gates of 8 units: W_x 2×32, W_h 8×32, b_x, b_h 32 each; the head 8 + 1.
    assert.equal(info.parameterCount, 2 * 32 + 8 * 32 + 32 + 32 + 9);
    const first = session.train(25);
    assert.ok(first.losses instanceof Float64Array);
    assert.equal(first.losses.length, 25);
    assert.equal(first.gradientNorms.length, 25);
    assert.deepEqual([first.steps, first.diverged, first.divergedStep, first.stopReason], [25, false, 0, '']);
    const second = session.train(400);
    assert.equal(second.losses.length, 400, 'each call returns only its own steps');
    assert.equal(second.steps, 425);
    const evaluation = session.evaluate(256);
    assert.equal(evaluation.done, true);
    assert.equal(evaluation.steps, 425);
    assert.equal(evaluation.metric, 'mse');
    assert.equal(evaluation.value, evaluation.loss);
    assert.ok(Math.abs(evaluation.baseline - 1 / 6) < 1e-15);
    assert.ok(evaluation.value < evaluation.baseline, `test MSE ${evaluation.value} after 425 steps`);

    const r = session.inspect(3);
    assert.deepEqual(
      [r.index, r.time, r.inputSize, r.outputTime, r.outputSize, r.targetSize, r.hiddenSize, r.gateCount],
      [3, 10, 2, 1, 1, 1, 8, 4],
    );
    assert.deepEqual(r.gateNames, ['input', 'forget', 'candidate', 'output']);
    assert.equal(r.inputs.length, 20);
    assert.equal(r.inputs.filter((v, k) => k % 2 === 1 && v === 1).length, 2, 'two marked steps');
    assert.equal(r.targets.length, 1);
    assert.deepEqual(Array.from(r.mask), [1]);
    assert.equal(r.outputs.length, 1);
    assert.equal(r.hiddenStates.length, 80);
    assert.equal(r.cellStates.length, 80);
    assert.equal(r.gates.length, 320);
    assert.ok(r.gradientNorms instanceof Float64Array && r.gradientNorms.length === 10);
    assert.ok(r.gradientNorms.every((n) => n > 0));
    assert.ok(Number.isFinite(r.loss));
  } finally {
    session.delete();
  }
  assert.equal(core.count_emval_handles(), handles, 'emval handles leaked');
});

test('createRnnSession: each cell and task has its shapes', async () => {
  const core = await loadCore();
  for (const [task, cell, length, time, outputTime, classes, gates, cellStates] of [
    ['sine', 'gru', 12, 12, 12, 1, 3, 0],
    ['parity', 'rnn', 6, 6, 6, 2, 0, 0],
    ['copy', 'lstm', 3, 7, 7, 4, 4, 7 * 5],
  ]) {
    const { session } = core.createRnnSession({ task, cell, sequenceLength: length, hiddenSize: 5 });
    try {
      session.train(3);
      const r = session.inspect(0);
      assert.deepEqual([r.time, r.outputTime, r.outputSize, r.gateCount], [time, outputTime, classes, gates], task);
      assert.equal(r.gates.length, time * gates * 5);
      assert.equal(r.cellStates.length, cellStates);
      assert.equal(session.evaluate(256).metric, classes > 1 ? 'accuracy' : 'mse');
    } finally {
      session.delete();
    }
  }
});

test('createRnnSession: the same seed gives the same run however the steps are sliced', async () => {
  const core = await loadCore();
  const config = { task: 'parity', cell: 'gru', sequenceLength: 8, truncation: 3, clipNorm: 0.3, seed: 7 };
  const run = (slices) => {
    const { session } = core.createRnnSession(config);
    try {
      const losses = slices.flatMap((n) => Array.from(session.train(n).losses));
      return { losses, evaluation: session.evaluate(256), states: Array.from(session.inspect(5).hiddenStates) };
    } finally {
      session.delete();
    }
  };
  const whole = run([30]);
  assert.deepEqual(run([1, 9, 20]), whole);
  const { session } = core.createRnnSession({ ...config, seed: 8 });
  assert.notDeepEqual(Array.from(session.train(30).losses), whole.losses);
  session.delete();
});

test('createRnnSession and its methods answer bad input with a message', async () => {
  const core = await loadCore();
  const handles = core.count_emval_handles();
  const cases = [
    [undefined, /createRnnSession needs an object/],
    [{ task: 'sum' }, /task must be one of sine, adding, parity, copy, got 'sum'/],
    [{ task: 3 }, /task must be a string/],
    [{ cell: 'tcn' }, /cell must be one of rnn, lstm, gru, got 'tcn'/],
    [{ hiddenSize: 0 }, /hiddenSize must be a whole number between 1 and 128/],
    [{ hiddenSize: 2.5 }, /hiddenSize must be a whole number/],
    [{ sequenceLength: 1 }, /sequence length of the adding task must be in \[2, 200\], got 1/],
    [{ task: 'copy', sequenceLength: 60 }, /sequence length of the copy task must be in \[1, 50\], got 60/],
    [{ truncation: -1 }, /truncation must be a whole number between 0 and 1000/],
    [{ optimizer: 'adamx' }, /adamx/],
    [{ learningRate: 0 }, /learning rate must be in \(0, 10\], got 0/],
    [{ learningRate: 'fast' }, /learningRate must be/],
    [{ clipNorm: -2 }, /clip norm must be ≥ 0/],
    [{ batchSize: 1000 }, /batchSize must be a whole number between 1 and 256/],
    [{ seed: -1 }, /seed/],
    [
      { task: 'copy', sequenceLength: 50, hiddenSize: 128 },
      /too big to train live: .* 225.1 M multiply-adds a step, at most 40 M/,
    ],
  ];
  for (const [config, pattern] of cases) {
    const result = core.createRnnSession(config);
    assert.equal(result.ok, false, JSON.stringify(config));
    assert.match(result.error, pattern);
    assert.ok(result.error.length < 200, result.error);
  }
  const { session } = core.createRnnSession({ sequenceLength: 5 });
  try {
    for (const steps of [-1, 1.5, 10001, 'ten', NaN, undefined]) {
      const result = session.train(steps);
      assert.equal(result.ok, false, String(steps));
      assert.match(result.error, /steps must be a whole number between 0 and 10000/);
    }
    assert.deepEqual(Array.from(session.train(0).losses), []);
    for (const sequences of [0, 257, 'all']) {
      assert.match(session.evaluate(sequences).error, /sequences must be a whole number between 1 and 256/);
    }
    const first = session.evaluate(100);
    assert.deepEqual([first.done, first.steps], [false, -1], 'no complete evaluation yet');
    assert.deepEqual([session.evaluate(100).done, session.evaluate(100).done], [false, true]);
    for (const index of [-1, 256, 0.5, null]) {
      assert.match(session.inspect(index).error, /index must be a whole number between 0 and 255/);
    }
  } finally {
    session.delete();
  }
  assert.equal(core.count_emval_handles(), handles, 'emval handles leaked');
});

test('the checked API throws DescentError for a bad request and scopes the session', async () => {
  const core = await loadCore();
  const api = core.api;
  assert.throws(() => api.createRnnSession({ cell: 'tcn' }), api.DescentError);
  const losses = api.using(api.createRnnSession({ task: 'sine', sequenceLength: 10 }), (session) =>
    Array.from(session.train(5).losses),
  );
  assert.equal(losses.length, 5);
});
