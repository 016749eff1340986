// The transfer panel's job (www/js/widgets/cnn/transfer-job.js) on the built core and the real digits
// (the seeded split of build-scripts/data/digits.mjs, as the site ships it): pre-training on 0–4,
// then 10 examples of each of 5–9 — from scratch, random conv blocks frozen, pre-trained with 0, 1
// and 2 blocks frozen — gives the accuracies <descent-cnn> shows (tests/e2e/cnn-transfer.test.js),
// the same on a second run; every session it made is deleted, when done and when deleted early; a
// request the core refuses comes back as the core's message.
//
//   node --test tests/wasm/cnn-transfer-job.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadCore, repoRoot } = require('./load-core.js');

let TransferJob;
let transferModes;
let digits;
test.before(async () => {
  // An ES module in a folder without "type": "module"; it imports nothing, so a data: URL loads it.
  const source = fs.readFileSync(path.join(repoRoot, 'www', 'js', 'widgets', 'cnn', 'transfer-job.js'), 'utf8');
  ({ TransferJob, transferModes } = await import(`data:text/javascript,${encodeURIComponent(source)}`));
  const data = await import(path.join(repoRoot, 'build-scripts', 'data', 'digits.mjs'));
  digits = data.splitDigits(data.readSource());
});

// The core with every session it makes counted (made, and deleted through the job).
async function countingCore() {
  const core = await loadCore();
  const sessions = [];
  return {
    sessions,
    core: {
      createCnnSession(request) {
        const made = core.createCnnSession(request);
        if (made.ok) sessions.push(made.session);
        return made;
      },
    },
    catalog: core.cnnCatalog(),
  };
}

function setup(catalog, overrides = {}) {
  return {
    base: {
      convBlocks: catalog.defaults.convBlocks,
      seed: 1,
      height: 28,
      width: 28,
      train: { pixels: digits.train.pixels, labels: digits.train.labels },
      test: { pixels: digits.test.pixels, labels: digits.test.labels },
    },
    source: [0, 1, 2, 3, 4],
    target: [5, 6, 7, 8, 9],
    perClass: [10],
    pretrainEpochs: 3,
    epochs: 5,
    ...overrides,
  };
}

function runToEnd(job) {
  let calls = 0;
  while (!job.advance(16)) {
    calls++;
    assert.ok(calls < 100000, 'the job never finished');
  }
  return job.results();
}

test('transferModes: scratch, random frozen, then pre-trained with 0 … all blocks frozen', () => {
  assert.deepEqual(transferModes(2), [
    { mode: 'scratch', frozen: 0 },
    { mode: 'random', frozen: 2 },
    { mode: 'pretrained', frozen: 0 },
    { mode: 'pretrained', frozen: 1 },
    { mode: 'pretrained', frozen: 2 },
  ]);
});

test('pre-trained on 0–4, 10 examples of 5–9: the accuracies the widget shows, reproducible, all freed', async () => {
  const { core, sessions, catalog } = await countingCore();
  const job = new TransferJob(core, setup(catalog));
  assert.deepEqual(job.progress(), { fraction: 0, index: 0, count: 5, epoch: 0, phase: 'pretrain', epochs: 3 });
  const results = runToEnd(job);
  assert.equal(job.progress().fraction, 1);
  assert.equal(results.pretrain.testAccuracy, 0.976);
  assert.deepEqual([results.pretrain.trainingCount, results.pretrain.testCount], [2500, 500]);
  const shown = results.runs.map((r) => [r.mode, r.frozen, r.testAccuracy, r.trainingCount, r.testCount]);
  assert.deepEqual(shown, [
    ['scratch', 0, 0.338, 50, 500],
    ['random', 2, 0.334, 50, 500],
    ['pretrained', 0, 0.68, 50, 500],
    ['pretrained', 1, 0.674, 50, 500],
    ['pretrained', 2, 0.648, 50, 500],
  ]);
  assert.equal(results.runs[0].history.length, 5);
  assert.equal(sessions.length, 6);
  assert.ok(sessions.every((session) => session.isDeleted()));
  job.delete(); // a second delete does nothing
  // The same seed, the same numbers.
  const again = runToEnd(new TransferJob(core, setup(catalog)));
  assert.deepEqual(
    again.runs.map((r) => r.testAccuracy),
    results.runs.map((r) => r.testAccuracy),
  );
});

test('deleted part-way, the job frees its sessions; a refused request is the core’s message', async () => {
  const { core, sessions, catalog } = await countingCore();
  const job = new TransferJob(core, setup(catalog, { perClass: [2, 5], pretrainEpochs: 1, epochs: 1 }));
  while (job.progress().phase === 'pretrain') job.advance(16);
  job.advance(1); // the first run made: the pre-trained session is still needed
  assert.equal(sessions.length, 2);
  assert.equal(sessions[0].isDeleted(), false);
  job.delete();
  assert.ok(job.isDeleted());
  assert.ok(sessions.every((session) => session.isDeleted()));
  assert.equal(job.advance(16), false);
  const bad = new TransferJob(core, setup(catalog, { base: { ...setup(catalog).base, lr: -1 } }));
  assert.throws(() => bad.advance(1), { message: 'learning rate must be a finite number > 0' });
  bad.delete();
});
