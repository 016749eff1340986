// Hostile input to every exported function and method of the built module, seeded and bounded
// (a few seconds): missing and extra arguments, wrong types, NaN, ±Infinity, huge and negative
// numbers, long strings, nested garbage, configs with one key broken. Every call must return
// (no throw, no trap) — a result or a clean {ok: false, error} with a short message, never the
// guard's "internal error" (a C++ exception or a trap the core's validation missed) — the same
// calls through module.api may only throw DescentError, no emval handle may leak, and the module
// must still compute the same numbers afterwards.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadCore, repoRoot } = require('./load-core.js');

const SEED = 20261207;
const TIME_BUDGET_MS = 4000;
const CALLS_PER_FUNCTION = 60;
// A message quotes at most a short prefix of what it got (core: kMaxQuotedChars, JS: shortText).
const MAX_MESSAGE_LENGTH = 1000;

// mulberry32: a small seeded generator, so a failure replays exactly.
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

// Every config key the bindings read (js_values.hpp's readers and js["key"] lookups), so the
// garbage reaches past "must be an object" into each function's own checks.
function bindingKeys() {
  const keys = new Set();
  const folder = path.join(repoRoot, 'bindings');
  for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.cpp'))) {
    const source = fs.readFileSync(path.join(folder, file), 'utf8');
    for (const match of source.matchAll(/read_[a-z_]+\([a-z_]+, "([A-Za-z0-9]+)"/g)) keys.add(match[1]);
    for (const match of source.matchAll(/\[\s*"([A-Za-z0-9]+)"\s*\]/g)) keys.add(match[1]);
  }
  return [...keys].sort();
}

const NAMES = [
  'bowl',
  'rosenbrock',
  'saddle',
  'custom',
  'adam',
  'sgd',
  'momentum',
  'tanh',
  'relu',
  'mse',
  'xor',
  'circle',
  'cosine',
  'resnet50',
  'x',
  'toString',
  '__proto__',
  'constructor',
];

function hostileValues(random) {
  const long = 'z'.repeat(100000);
  return [
    undefined,
    null,
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    1,
    0.5,
    -0.0,
    2 ** 31,
    -(2 ** 31) - 1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    'abc',
    '1',
    long,
    true,
    false,
    [],
    [NaN],
    [1, 'a', null],
    [1, 2, 3, 4],
    new Float64Array([1, NaN, 3]),
    new Float64Array(7),
    new Int32Array([1, -1]),
    {},
    Object.create(null),
    { length: 1e9 },
    { length: -1 },
    [[[[]]]],
    () => 1,
    Symbol('hostile'),
    random.pick(NAMES),
    `(${'('.repeat(50)}x`,
    'x'.repeat(5000) + '+1',
  ];
}

// A random value: mostly hostile, sometimes plausible, sometimes an object of binding keys.
function makeValue(random, keys, depth) {
  const roll = random.next();
  if (roll < 0.45) return random.pick(hostileValues(random));
  if (roll < 0.6) return random.int(6);
  if (roll < 0.7) return random.pick(NAMES);
  if (roll < 0.8 && depth < 3) return Array.from({ length: random.int(5) }, () => makeValue(random, keys, depth + 1));
  if (depth >= 3) return random.pick([0, 1, 'x', null]);
  return makeObject(random, keys, depth + 1);
}

function makeObject(random, keys, depth = 0) {
  const object = {};
  const count = random.int(6);
  for (let i = 0; i < count; ++i) object[random.pick(keys)] = makeValue(random, keys, depth);
  return object;
}

// One config key of a valid config replaced by garbage.
function mutate(random, config, keys) {
  const copy = { ...config };
  const names = Object.keys(copy);
  const key = names.length && random.next() < 0.7 ? random.pick(names) : random.pick(keys);
  copy[key] = random.pick(hostileValues(random));
  return copy;
}

// Valid configs to mutate (each call's first argument); the rest get pure garbage.
const VALID = {
  runDescent: { surface: 'bowl', start: [1, 1], steps: 5 },
  runRace: { surface: 'bowl', start: [1, 1], steps: 5, racers: [{ optimizer: 'sgd' }, { optimizer: 'adam' }] },
  gradientStep: { expression: '(x-1)^2', values: { x: 0.3 }, parameters: ['x'], lr: 0.1 },
  evaluateFormula: { expression: 'x*y + 1', values: { x: 1, y: 2 } },
  gradientCheck: { expression: 'x*x', values: { x: 1 }, variable: 'x', epsilon: 1e-4 },
  checkFormula: { expression: 'sin(x)' },
  createNetwork: { inputWidth: 2, layers: [{ width: 3, activation: 'tanh' }, { width: 1 }], seed: 1 },
  makeDataset: { name: 'xor', count: 20, noise: 0.1, seed: 1 },
};

// The methods of an object and valid arguments for some, to mutate.
const METHOD_ARGS = {
  train: [{ dataset: { inputs: [0, 0, 1, 1], targets: [0, 1], rows: 2 }, epochs: 1, loss: 'mse' }],
  predict: [[0, 0, 1, 1], 2],
  advance: [1],
};

const isFailure = (result) => result !== null && typeof result === 'object' && result.ok === false;

function checkResult(operation, args, result) {
  const shown = () => `${operation}(${args.map((arg) => describe(arg)).join(', ')})`;
  if (!isFailure(result)) return;
  assert.equal(typeof result.error, 'string', `${shown()}: error is not a string`);
  assert.ok(result.error.length > 0, `${shown()}: empty error`);
  assert.ok(!result.error.startsWith('internal error'), `${shown()}: ${result.error.slice(0, 300)}`);
  assert.ok(
    result.error.length <= MAX_MESSAGE_LENGTH,
    `${shown()}: a ${result.error.length}-character message: ${result.error.slice(0, 200)}…`,
  );
}

function describe(value) {
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'function';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…(${value.length})` : value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length})`;
  try {
    const text = JSON.stringify(value, (key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

function call(operation, fn, self, args) {
  let result;
  try {
    result = fn.apply(self, args);
  } catch (error) {
    assert.fail(
      `${operation}(${args.map(describe).join(', ')}) threw ${error?.name ?? typeof error}: ${error?.message ?? error}`,
    );
  }
  checkResult(operation, args, result);
  return result;
}

// Deletes whatever handles a successful call returned ({ok, network}, …).
function release(result) {
  if (result === null || typeof result !== 'object') return;
  for (const value of Object.values(result)) {
    if (value && typeof value.delete === 'function' && typeof value.isDeleted === 'function' && !value.isDeleted()) {
      value.delete();
    }
  }
}

function argumentsFor(random, name, argCount, keys) {
  const count = random.pick([0, argCount - 1, argCount, argCount, argCount, argCount + 1].filter((n) => n >= 0));
  return Array.from({ length: count }, (_, i) => {
    if (i === 0 && VALID[name] && random.next() < 0.6) return mutate(random, VALID[name], keys);
    if (i === 0 && random.next() < 0.5) return makeObject(random, keys);
    return makeValue(random, keys, 0);
  });
}

test('every exported function and method survives hostile arguments', async () => {
  const core = await loadCore();
  const keys = bindingKeys();
  assert.ok(keys.length > 40, `only ${keys.length} binding keys found`);
  const reference = core.runDescent({ surface: 'rosenbrock', start: [-1, 1], steps: 50, optimizer: 'adam' });
  assert.equal(reference.ok, true, reference.error);
  const handlesBefore = core.count_emval_handles();
  const random = generator(SEED);
  const started = Date.now();
  const functions = Object.keys(core)
    .filter((name) => typeof core[name] === 'function' && typeof core[name].argCount === 'number')
    .sort();
  assert.ok(functions.length > 40, `only ${functions.length} functions found`);
  let calls = 0;
  for (let round = 0; round < CALLS_PER_FUNCTION && Date.now() - started < TIME_BUDGET_MS; ++round) {
    for (const name of functions) {
      const args = argumentsFor(random, name, core[name].argCount, keys);
      const handles = core.count_emval_handles();
      release(call(name, core[name], null, args));
      assert.equal(
        core.count_emval_handles(),
        handles,
        `${name}(${args.map(describe).join(', ')}) leaked emval handles`,
      );
      calls += 1;
    }
  }
  assert.ok(calls >= functions.length * 5, `only ${calls} calls within the budget`);
  assert.equal(core.count_emval_handles(), handlesBefore, 'emval handles leaked');
  const again = core.runDescent({ surface: 'rosenbrock', start: [-1, 1], steps: 50, optimizer: 'adam' });
  assert.deepEqual(again, reference, 'the module computes differently after the fuzzing');
});

test('every method of every core object survives hostile arguments, also after delete()', async () => {
  const core = await loadCore();
  const keys = bindingKeys();
  const random = generator(SEED + 1);
  const handlesBefore = core.count_emval_handles();
  const makers = {
    createNetwork: VALID.createNetwork,
    createPlayground: {},
    createDynamicsProbe: {},
    createRegularizationRun: {},
    createRnnSession: { sequenceLength: 6, hiddenSize: 4 },
    createSgdRun: {},
    createLrRangeTest: {},
  };
  const started = Date.now();
  for (const [maker, config] of Object.entries(makers)) {
    const made = core[maker](config);
    assert.equal(made.ok, true, `${maker}: ${made.error}`);
    const handle = Object.values(made).find((value) => value && typeof value.delete === 'function');
    const prototype = Object.getPrototypeOf(handle);
    const methods = Object.getOwnPropertyNames(prototype).filter(
      (name) => name !== 'constructor' && typeof prototype[name] === 'function',
    );
    assert.ok(methods.length > 0, `${maker}: no methods`);
    for (let round = 0; round < 40 && Date.now() - started < TIME_BUDGET_MS; ++round) {
      for (const method of methods) {
        const argCount = prototype[method].argCount;
        let args = argumentsFor(random, method, argCount, keys);
        if (METHOD_ARGS[method] && random.next() < 0.4) {
          args = METHOD_ARGS[method].map((arg) =>
            arg && typeof arg === 'object' && !Array.isArray(arg) ? mutate(random, arg, keys) : arg,
          );
        }
        call(`${maker}→${method}`, handle[method], handle, args);
      }
    }
    handle.delete();
    for (const method of methods) {
      const result = call(`${maker}→${method} after delete()`, handle[method], handle, []);
      assert.ok(isFailure(result), `${method} after delete() did not fail`);
    }
  }
  assert.equal(core.count_emval_handles(), handlesBefore, 'emval handles leaked');
});

test('the probe cases: a non-finite gradient, a dataset without rows, missing and extra arguments', async () => {
  const core = await loadCore();
  const handlesBefore = core.count_emval_handles();
  const step = core.gradientStep({ expression: '(x-1)^x', values: { x: 0.3 }, parameters: ['x'], lr: 0.1 });
  assert.equal(step.ok, false);
  assert.match(step.error, /gradient .*'x'.* not finite/);
  assert.equal(core.count_emval_handles(), handlesBefore);

  const made = core.createNetwork(VALID.createNetwork);
  const trained = made.network.train({ dataset: { inputs: [1, 2, 3, 4], targets: [1, 2] }, epochs: 1 });
  assert.equal(trained.ok, false);
  assert.match(trained.error, /rows/);
  made.network.delete();

  const parsed = core.parseCsv('x1,x2,class\n0,0,a\n1,1,b\n');
  assert.equal(parsed.ok, true, parsed.error);
  assert.match(core.parseCsv().error, /string/);
  assert.match(core.runDescent({}, 1, 2).error, /runDescent takes 1 argument, got 3/);
  assert.match(core.catalog(1).error, /catalog takes 0 arguments, got 1/);

  const api = core.api;
  assert.throws(() => api.runDescent({}, 1), api.DescentError);
  assert.throws(() => api.parseCsv(42), api.DescentError);
  assert.throws(
    () => api.gradientStep({ expression: '(x-1)^x', values: { x: 0.3 }, parameters: ['x'] }),
    api.DescentError,
  );
});

test('oversized input is refused by its size, with a short message', async () => {
  const core = await loadCore();
  const formula = 'x+'.repeat(5 * 1024 * 1024) + 'x'; // 10 MB
  let started = Date.now();
  const checked = core.checkFormula({ expression: formula });
  assert.equal(checked.ok, false);
  assert.match(checked.error, /too long/);
  assert.ok(Date.now() - started < 2000);

  const huge = 'x1,x2,class\n"' + 'a'.repeat(20 * 1024 * 1024) + '",1,0\n'; // a 20 MB field
  started = Date.now();
  const parsed = core.parseCsv(huge, { targetKind: 'classification' });
  assert.equal(parsed.ok, false);
  assert.match(parsed.error, /too large/);
  assert.ok(parsed.error.length < 200, parsed.error);
  const limits = core.playgroundCatalog().limits;
  assert.ok(limits.maxCsvBytes >= 1024 * 1024 && limits.maxCsvBytes < huge.length);

  const name = 'q'.repeat(100000);
  const unknown = core.runDescent({ surface: 'bowl', start: [1, 1], optimizer: name });
  assert.equal(unknown.ok, false);
  assert.ok(unknown.error.length < 500, `${unknown.error.length} characters`);
  assert.match(unknown.error, /q…'/);
});
