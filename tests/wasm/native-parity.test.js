// The WebAssembly build must reproduce the native build: same trajectories,
// losses, optimizer state and random streams for a fixed set of configs that
// the native tool (tests/fixture/make_fixture.cpp) writes.
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
  for (const optimizer of optimizers) assert.ok(configs.some((c) => c.optimizer === optimizer.id), optimizer.id);
  for (const schedule of schedules) assert.ok(configs.some((c) => c.schedule === schedule.id), schedule.id);
  assert.ok(fixture.runs.some((run) => run.native.divergedAtStep > 0));
});

for (const [index, { config, native }] of fixture.runs.entries()) {
  const name = `run ${index}: ${config.optimizer} on ${config.surface}, ${config.schedule} schedule, lr ${config.lr}`;
  test(name, async () => {
    const core = await loadCore();
    const wasm = core.runDescent(config);
    assert.equal(wasm.ok, true, wasm.error);
    assert.equal(wasm.stepsCompleted, native.stepsCompleted);
    assert.equal(wasm.divergedAtStep, native.divergedAtStep);
    assert.equal(wasm.reachedMinimumAtStep, native.reachedMinimumAtStep);
    assertClose(wasm.positions, native.positions, 'positions');
    assertClose(wasm.losses, native.losses, 'losses');
    assertClose(wasm.gradientNorms, native.gradientNorms, 'gradientNorms');
    assertClose(wasm.learningRates, native.learningRates, 'learningRates');
    for (const track of wasm.state) assertClose(track.values, native.state[track.key], `state.${track.key}`);
  });
}

test('seeded random streams are bit-identical natively and in WebAssembly', async () => {
  const core = await loadCore();
  for (const { seed, uniform, normal } of fixture.rng) {
    const stream = core.rngStream(seed, uniform.length);
    assert.equal(stream.ok, true);
    assert.deepEqual(Array.from(stream.uniform), uniform, `uniform stream, seed ${seed}`);
    assertClose(stream.normal, normal, `normal stream, seed ${seed}`);
  }
});
