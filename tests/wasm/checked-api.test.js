// The checked API (module.api, bindings/api.pre.js): failures thrown as DescentError with the
// offending config key, successes unchanged, new objects wrapped and scoped by using(), and the
// development warning for an object garbage-collected without delete().
const test = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');
const { loadApi, loadCore, corePath } = require('./load-core.js');

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

const bowl = { surface: 'bowl', start: [1, 1], steps: 5 };
const smallNetwork = { inputWidth: 2, layers: [{ width: 4, activation: 'tanh' }, { width: 1 }], seed: 1 };

// Runs `call`, which must throw a DescentError; returns it.
function descentError(core, call) {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof core.DescentError, `expected a DescentError, got ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'DescentError');
    return error;
  }
  assert.fail('expected a DescentError, nothing was thrown');
}

test("a refused input throws one DescentError: the core's message, the config key, the call", async () => {
  const core = await loadApi();
  const raw = await loadCore();
  const cases = [
    [{ ...bowl, lr: 'fast' }, 'lr'],
    [{ ...bowl, surface: 'volcano' }, 'surface'],
    [{ ...bowl, optimizer: 'adamx' }, 'optimizer'],
    [{ ...bowl, steps: 0 }, 'steps'],
  ];
  for (const [config, field] of cases) {
    const error = descentError(core, () => core.runDescent(config));
    const failure = raw.runDescent(config);
    assert.equal(error.message, failure.error, 'the raw message, unchanged');
    assert.equal(error.field, field, error.message);
    assert.equal(error.operation, 'runDescent');
    assert.deepEqual(error.failure, failure);
  }
  const box = descentError(core, () =>
    core.surfaceMap({ surface: 'bowl', columns: 8, rows: 8, box: { xMin: 0, xMax: 'far', yMin: 0, yMax: 1 } }),
  );
  assert.equal(box.field, 'box.xMax', box.message);
  // One level down: a racer of a race, an optimizer's hyper-parameter.
  const racer = descentError(core, () => core.runRace({ surface: 'bowl', start: [1, 1], racers: [{}, { lr: 'x' }] }));
  assert.equal(racer.field, 'racers[1].lr', racer.message);
  const hyper = descentError(core, () => core.runDescent({ ...bowl, optimizer: 'adam', hyper: { beta1: 7 } }));
  assert.equal(hyper.field, 'hyper.beta1', hyper.message);
});

test('a message naming no key leaves field undefined; a formula failure keeps its position', async () => {
  const core = await loadApi();
  const error = descentError(core, () => core.softmaxOf({ logits: [] }));
  assert.equal(typeof error.message, 'string');
  const formula = descentError(core, () => core.checkFormula({ expression: '(x+' }));
  assert.equal(typeof formula.position, 'number');
  assert.match(formula.message, /at character/);
});

test('a success comes back as the raw call returns it', async () => {
  const core = await loadApi();
  const raw = await loadCore();
  assert.deepEqual(core.runDescent(bowl), raw.runDescent(bowl));
  assert.deepEqual(core.catalog(), raw.catalog());
  assert.equal(core.raw, raw);
  assert.equal(core.development, true, 'tests/wasm/load-core.js turns development checks on');
});

test('create* returns the object itself, whose methods are checked too', async () => {
  const core = await loadApi();
  const data = core.makeDataset({ name: 'circle', count: 40, seed: 1 });
  const network = core.createNetwork(smallNetwork);
  try {
    assert.equal(network.parameterCount(), 2 * 4 + 4 + 4 + 1);
    assert.equal(network.raw.parameterCount(), network.parameterCount());
    assert.equal(Object.prototype.toString.call(network), '[object NeuralNetwork]');
    const trained = network.train({ dataset: data, epochs: 2, loss: 'bce' });
    assert.equal(trained.ok, true);
    const error = descentError(core, () => network.train({ dataset: data, epochs: 2, loss: 'squared' }));
    assert.equal(error.operation, 'NeuralNetwork.train');
    assert.equal(error.field, 'loss', error.message);
  } finally {
    network.delete();
  }
  assert.equal(network.isDeleted(), true);
  assert.throws(() => network.parameterCount(), /NeuralNetwork.parameterCount called after delete\(\)/);
  assert.doesNotThrow(() => network.delete(), 'a second delete() does nothing');
  descentError(core, () => core.createNetwork({ ...smallNetwork, layers: [] }));
});

test('using() deletes the object after the body: on return, on throw, on a rejected promise', async () => {
  const core = await loadApi();
  let kept = null;
  const count = core.using(core.createPlayground({ dataset: 'xor', hidden: [3], seed: 1 }), (playground) => {
    kept = playground;
    return playground.advance(2);
  });
  assert.equal(count, 2);
  assert.equal(kept.isDeleted(), true);

  assert.throws(
    () =>
      core.using(core.createNetwork(smallNetwork), (network) => {
        kept = network;
        throw new Error('inside');
      }),
    /inside/,
  );
  assert.equal(kept.isDeleted(), true);

  await assert.rejects(
    core.using(core.createDynamicsProbe({ depth: 3, steps: 4 }), async (probe) => {
      kept = probe;
      probe.advance(2);
      throw new Error('later');
    }),
    /later/,
  );
  assert.equal(kept.isDeleted(), true);

  const raw = await loadCore();
  const rawNetwork = raw.createNetwork(smallNetwork).network;
  assert.equal(
    core.using(rawNetwork, (network) => network.outputWidth()),
    1,
  );
  assert.equal(rawNetwork.isDeleted(), true, 'raw objects can be scoped too');
  assert.equal(
    core.using(core.createNetwork(smallNetwork), (network) => {
      network.delete();
      return 'already deleted';
    }),
    'already deleted',
  );
  assert.throws(() => core.using(null, () => 0), TypeError);
});

test('development: an object garbage-collected without delete() is reported and freed', async () => {
  const core = await loadApi();
  const warnings = [];
  const originalWarn = console.warn;
  console.warn = (message) => warnings.push(String(message));
  let raw = null;
  try {
    (() => {
      const forgotten = core.createRegularizationRun({ epochs: 5 });
      raw = forgotten.raw;
    })();
    for (let round = 0; round < 20 && warnings.length === 0; ++round) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    console.warn = originalWarn;
  }
  assert.equal(warnings.length, 1, 'one warning');
  assert.match(warnings[0], /a RegularizationTraining was garbage-collected without delete\(\)/);
  assert.match(warnings[0], /core\.using/);
  assert.equal(raw.isDeleted(), true, 'freed');

  // Deleted objects are not reported.
  const silent = [];
  console.warn = (message) => silent.push(String(message));
  try {
    (() => core.createNetwork(smallNetwork).delete())();
    for (let round = 0; round < 5; ++round) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    console.warn = originalWarn;
  }
  assert.deepEqual(silent, []);
});

test('without descentDevelopment (the site) the checks are off', async () => {
  const production = await require(corePath)();
  assert.equal(production.api.development, false);
  const network = production.api.createNetwork(smallNetwork);
  assert.equal(network.outputWidth(), 1);
  network.delete();
});

test('using() frees: 200 scoped create/train cycles do not grow memory', async () => {
  const core = await loadApi();
  const data = core.makeDataset({ name: 'circle', count: 100, seed: 1 });
  const wide = {
    ...smallNetwork,
    layers: [{ width: 128, activation: 'tanh' }, { width: 128, activation: 'tanh' }, { width: 1 }],
  };
  const cycle = () =>
    core.using(
      core.createNetwork(wide),
      (network) => network.train({ dataset: data, epochs: 1, batchSize: 50, loss: 'bce' }).epochsCompleted,
    );
  for (let i = 0; i < 10; i++) cycle();
  const before = core.raw.HEAP8.length;
  for (let i = 0; i < 200; i++) assert.equal(cycle(), 1);
  assert.equal(core.raw.HEAP8.length, before);
});
