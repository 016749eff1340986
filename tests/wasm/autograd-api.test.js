// The autograd JS API: formulas, evaluated graphs, the worked example, gradient checks, updates,
// and typed surfaces in runDescent / runRace / surfaceMap.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

const WORKED_EXAMPLE = '(y - (w2*relu(w1*x + b1) + b2))^2';
const WORKED_VALUES = { w1: 0.5, b1: 0.1, w2: -0.3, b2: 0.2, x: 2, y: 1 };
const close = (actual, expected, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

test('checkFormula re-prints a valid formula and points at a syntax error', async () => {
  const core = await loadCore();
  const good = core.checkFormula({ expression: '((x+1))^2' });
  assert.deepEqual({ ...good }, { ok: true, formula: '(x + 1)^2', variables: ['x'] });
  const bad = core.checkFormula({ expression: 'x + * 2' });
  assert.equal(bad.ok, false);
  assert.equal(bad.position, 4);
  assert.match(bad.error, /'\*' needs something on its left at character 5/);
  const surface = core.checkFormula({ expression: 'x + z', dimension: 2 });
  assert.equal(surface.position, 4);
  assert.match(surface.error, /may use x and y/);
  for (const request of [null, 42, { expression: 7 }, { expression: 'x', dimension: 1.5 }]) {
    const result = core.checkFormula(request);
    assert.equal(result.ok, false);
    assert.equal(typeof result.error, 'string');
  }
});

test('evaluateFormula: the worked example, node by node', async () => {
  const core = await loadCore();
  const graph = core.evaluateFormula({ expression: WORKED_EXAMPLE, values: WORKED_VALUES });
  assert.equal(graph.ok, true);
  const byText = (text) => graph.nodes.find((node) => node.text === text);
  close(byText('w1*x + b1').value, 1.1);
  close(byText('relu(w1*x + b1)').value, 1.1);
  close(byText('w2*relu(w1*x + b1) + b2').value, -0.13);
  close(graph.nodes[graph.output].value, 1.2769);
  close(byText('w1').gradient, 1.356);
  close(byText('w2').gradient, -2.486);
  assert.equal(graph.undefinedNode, -1);
  // Every node's inputs come earlier: a topological order to draw and to animate.
  for (const node of graph.nodes) for (const input of node.inputs) assert.ok(input < node.index);
  // Each edge carries incoming × local = outgoing, computed by the core.
  const intoX = graph.edges.find((edge) => graph.nodes[edge.from].name === 'w1');
  close(intoX.upstreamGradient, 0.678);
  close(intoX.localDerivative, 2);
  close(intoX.contribution, 1.356);
});

test('fan-out sums, no path gives gradient 0, undefined values are explained', async () => {
  const core = await loadCore();
  const fan = core.evaluateFormula({ expression: 'x*(x+1)', values: { x: 3 } });
  const x = fan.nodes.find((node) => node.name === 'x');
  assert.equal(x.gradient, 7);
  assert.equal(fan.edges.filter((edge) => edge.from === x.index).length, 2);
  const unconnected = core.evaluateFormula({ expression: 'a*b', values: { a: 2, b: 3, c: 5 } });
  const c = unconnected.nodes.find((node) => node.name === 'c');
  assert.equal(c.onPath, false);
  assert.equal(c.gradient, 0);
  const steps = core.evaluateFormula({ expression: 'w*x + b', values: { w: 2, x: 3, b: 1 }, derivativesFrom: [2] }); // node 2 is w*x
  assert.equal(steps.derivatives[0][0], 3); // ∂(w·x)/∂w = x
  assert.match(core.evaluateFormula({ expression: 'w', values: { w: 1 }, derivativesFrom: [4] }).error, /node indices/);
  const dead = core.evaluateFormula({ expression: 'relu(w*x)', values: { w: -1, x: 2 } });
  assert.equal(dead.nodes.find((node) => node.name === 'w').gradient, 0);
  const log = core.evaluateFormula({ expression: 'log(x)', values: { x: -2 } });
  assert.equal(log.ok, true);
  assert.match(log.undefinedReason, /log of -2 is undefined/);
  assert.match(core.evaluateFormula({ expression: 'w*x', values: { w: 1 } }).error, /no value for x/);
  assert.match(
    core.evaluateFormula({ expression: 'w*x', values: { w: 1, x: 'two' } }).error,
    /values.x must be a number/,
  );
});

test('gradient check and update on the worked example', async () => {
  const core = await loadCore();
  const check = core.gradientCheck({
    expression: WORKED_EXAMPLE,
    values: WORKED_VALUES,
    variable: 'w1',
    epsilon: 1e-4,
  });
  close(check.analytic, 1.356);
  close(check.numerical, 1.356 + 0.36e-4, 1e-8);
  assert.match(
    core.gradientCheck({ expression: WORKED_EXAMPLE, values: WORKED_VALUES, variable: 'w1', epsilon: -1 }).error,
    /ε must be/,
  );
  const step = core.gradientStep({
    expression: WORKED_EXAMPLE,
    values: WORKED_VALUES,
    parameters: ['w1', 'b1', 'w2', 'b2'],
    lr: 0.1,
  });
  assert.equal(step.ok, true);
  close(step.values.w1, 0.5 - 0.1356);
  assert.equal(step.values.x, 2);
  assert.ok(step.value < 1.2769);
  assert.equal(
    core.gradientStep({ expression: WORKED_EXAMPLE, values: WORKED_VALUES, parameters: 'w1', lr: 0.1 }).ok,
    false,
  );
  assert.match(
    core.gradientStep({ expression: WORKED_EXAMPLE, values: WORKED_VALUES, parameters: ['q'], lr: 0.1 }).error,
    /no variable called q/,
  );
});

test('typed surfaces run in runDescent, runRace, surfaceMap and surfaceCurve', async () => {
  const core = await loadCore();
  const typed = core.typedSurfaces();
  assert.deepEqual(
    typed.map((s) => s.id),
    ['custom1d', 'custom'],
  );
  const oneD = typed[0];
  const run = core.runDescent({
    surface: 'custom1d',
    expression: oneD.defaultExpression,
    optimizer: 'sgd',
    lr: 0.01,
    steps: 50,
    start: Array.from(oneD.defaultStart),
  });
  assert.equal(run.ok, true);
  assert.ok(run.losses[50] < run.losses[0]);
  const race = core.runRace({
    surface: 'custom',
    expression: 'x^2 + 4*y^2',
    start: [2, 1],
    steps: 30,
    racers: [
      { optimizer: 'sgd', lr: 0.1 },
      { optimizer: 'adam', lr: 0.1 },
    ],
  });
  assert.equal(race.ok, true);
  assert.equal(race.runs.length, 2);
  const map = core.surfaceMap({ surface: 'custom', expression: 'x^2 + 4*y^2', columns: 20, rows: 20, levels: 8 });
  assert.equal(map.ok, true);
  assert.equal(map.values.length, 400);
  const info = core.surfaceInfo({ surface: 'custom', expression: 'x*y' });
  assert.equal(info.formula, 'x*y');
  assert.equal(info.minima.length, 0);
  const curve = core.surfaceCurve({ surface: 'custom1d', expression: 'x^2' }, -1, 1, 3);
  assert.deepEqual(Array.from(curve.values), [1, 0, 1]);
  const broken = core.runDescent({ surface: 'custom', expression: 'x^', optimizer: 'sgd', start: [0, 0] });
  assert.match(broken.error, /ends too early.*at character 3/);
  const domain = core.runDescent({
    surface: 'custom1d',
    expression: 'log(x)',
    optimizer: 'sgd',
    lr: 1,
    steps: 5,
    start: [0.5],
  });
  assert.equal(domain.outcome, 'diverged');
  assert.match(domain.message, /f is undefined there — log of -1.5/);
});

test("evaluateFormula: output is the output node's index, outputValue its value", async () => {
  const core = await loadCore();
  const graph = core.evaluateFormula({ expression: '(x+1)^2', values: { x: 2 } });
  assert.equal(graph.ok, true);
  assert.ok(Number.isInteger(graph.output) && graph.output >= 0 && graph.output < graph.nodes.length);
  assert.equal(graph.outputValue, 9);
  assert.equal(graph.outputValue, graph.nodes[graph.output].value);
});
