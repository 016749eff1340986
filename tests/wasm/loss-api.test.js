// The loss explorer's JavaScript API: lossCurves, fitLines, lineFitPoints, categoricalCrossEntropy
// and klDivergence — the seeds' numbers, typed-array shapes, outliers pulling the MSE line, and
// bad input answered with messages.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const close = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

test('lossCurves: several losses over one grid in one call, as typed arrays', async () => {
  const core = await loadCore();
  const answer = core.lossCurves({ curves: ['mse', 'mae', 'huber'], huberDelta: 1, from: -2, to: 2, samples: 5 });
  assert.equal(answer.ok, true, answer.error);
  assert.ok(answer.input instanceof Float64Array);
  assert.deepEqual(Array.from(answer.input), [-2, -1, 0, 1, 2]);
  assert.deepEqual(Array.from(answer.curves.mse.value), [4, 1, 0, 1, 4]);
  assert.deepEqual(Array.from(answer.curves.mae.value), [2, 1, 0, 1, 2]);
  assert.deepEqual(Array.from(answer.curves.huber.value), [1.5, 0.5, 0, 0.5, 1.5]);
  assert.deepEqual(Array.from(answer.curves.mse.gradient), [-4, -2, 0, 2, 4]);
});

test('lossCurves: MSE on a sigmoid vanishes where BCE keeps pushing', async () => {
  const core = await loadCore();
  const answer = core.lossCurves({ curves: ['bce', 'mse_sigmoid'], target: 1, from: -8, to: 0, samples: 2 });
  assert.equal(answer.ok, true, answer.error);
  close(answer.curves.bce.gradient[0], -1, 1e-3, 'BCE gradient at z = −8');
  assert.ok(Math.abs(answer.curves.mse_sigmoid.gradient[0]) < 1e-3);
});

test('fitLines: an outlier drags the MSE line, not the MAE line', async () => {
  const core = await loadCore();
  const points = core.lineFitPoints({ count: 15, seed: 1 });
  assert.equal(points.ok, true, points.error);
  const xs = Float64Array.from([...points.xs, 2.5]);
  const ys = Float64Array.from([...points.ys, -6]);
  const answer = core.fitLines({ xs, ys, losses: ['mse', 'mae', 'huber'], huberDelta: 1 });
  assert.equal(answer.ok, true, answer.error);
  const clean = core.fitLines({ xs: points.xs, ys: points.ys, losses: ['mse', 'mae', 'huber'], huberDelta: 1 });
  const [mse, mae, huber] = answer.fits;
  assert.equal(mse.loss, 'mse');
  assert.ok(clean.fits[0].slope - mse.slope > 0.25, `MSE slope ${clean.fits[0].slope} → ${mse.slope}`);
  close(mae.slope, clean.fits[1].slope, 0.01, 'MAE slope');
  close(huber.slope, clean.fits[2].slope, 0.1, 'Huber slope');
  assert.equal(mse.gradients.length, 16);
  // MSE's pull grows with the residual; MAE's is ±1/n whatever the distance.
  close(Math.abs(mae.gradients[15]), 1 / 16, 1e-12, 'MAE pull');
  assert.ok(Math.abs(mse.gradients[15]) > 5 * Math.abs(mae.gradients[15]));
});

test("categoricalCrossEntropy: the seeds' exercise [0.1, 0.7, 0.2], class 1 ⇒ 0.357", async () => {
  const core = await loadCore();
  const answer = core.categoricalCrossEntropy({ probabilities: [0.1, 0.7, 0.2], trueClass: 1 });
  assert.equal(answer.ok, true, answer.error);
  assert.equal(answer.loss.toFixed(3), '0.357');
  assert.deepEqual(
    Array.from(answer.logitGradient, (g) => Number(g.toFixed(6))),
    [0.1, -0.3, 0.2],
  );
});

test("klDivergence: KL(P‖Q) ≠ KL(Q‖P), and ∞ when Q misses P's mass", async () => {
  const core = await loadCore();
  const answer = core.klDivergence({ p: [0.5, 0.5], q: [0.9, 0.1] });
  assert.equal(answer.ok, true, answer.error);
  close(answer.klPQ, 0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1), 1e-12, 'KL(P‖Q)');
  close(answer.klQP, 0.9 * Math.log(0.9 / 0.5) + 0.1 * Math.log(0.1 / 0.5), 1e-12, 'KL(Q‖P)');
  const missing = core.klDivergence({ p: [0.5, 0.5], q: [1, 0] });
  assert.equal(missing.klPQ, Infinity);
  close(missing.klQP, Math.log(2), 1e-12, 'KL(Q‖P)');
});

test('bad input is answered with a message, not an exception', async () => {
  const core = await loadCore();
  const cases = [
    [core.lossCurves({ curves: ['cubic'] }), /unknown loss curve "cubic"/],
    [core.lossCurves({ from: 1, to: -1 }), /from < to/],
    [core.lossCurves({ curves: ['huber'], huberDelta: 0 }), /delta/],
    [core.lossCurves({ target: 2 }), /target must be 0 or 1/],
    [core.lossCurves('nope'), /object/],
    [core.fitLines({ xs: [1, 2], ys: [1] }), /as many/],
    [core.fitLines({ xs: [1, 1], ys: [1, 2] }), /two different x/],
    [core.fitLines({ xs: [1, 2], ys: [1, 2], losses: ['bce'] }), /mse, mae or huber/],
    [core.fitLines({ ys: [1, 2] }), /xs is missing/],
    [core.categoricalCrossEntropy({ probabilities: [0.5, 0, 0.5], trueClass: 0 }), /> 0/],
    [core.categoricalCrossEntropy({ probabilities: [0.5, 0.5], trueClass: 2 }), /true class/],
    [core.klDivergence({ p: [1, 0], q: [1, 0, 0] }), /same number/],
    [core.klDivergence({ p: [0, 0], q: [1, 1] }), /positive sum/],
  ];
  for (const [answer, message] of cases) {
    assert.equal(answer.ok, false);
    assert.match(answer.error, message);
  }
});
