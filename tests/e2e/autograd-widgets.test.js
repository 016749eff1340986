// <descent-graph>, <descent-backprop> and <descent-neuron> in Chromium, on their lesson pages:
// step-by-step mode, node details on hover and tap, syntax errors in the formula box, updates.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, waitForSettled } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(lesson, selector, options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(siteUrls(baseUrl, `lessons/${lesson}`)[0][1]);
  await opened.page.locator(selector).scrollIntoViewIfNeeded();
  await opened.page.waitForFunction(
    (s) => Boolean(document.querySelector(s)?.run) && document.querySelector(s).drawn,
    selector,
    { timeout: 30000 },
  );
  return opened;
}

const text = (page, selector, role) => page.locator(`${selector} [data-role=${role}]`).textContent();

test('graph: step-by-step mode advances node by node, forward then backward', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph');
  await page.evaluate(() => document.getElementById('graph').setAttribute('mode', 'steps'));
  await page.waitForFunction(() => document.getElementById('graph').shownStep === 0);
  assert.match(await text(page, '#graph', 'readout'), /^Ready: inputs x=2/);
  const step = page.locator('#graph button[title="One step forward"]');
  const expected = [
    'Forward pass, node 1 of 2: x + 1 = 3',
    'Forward pass, node 2 of 2: (x + 1)^2 = 9',
    'Backward pass, node 1 of 3: ∂f/∂((x + 1)^2) = 1',
    'Backward pass, node 2 of 3: ∂f/∂(x + 1) = 6',
  ];
  for (const line of expected) {
    await step.click();
    assert.equal(await text(page, '#graph', 'readout'), line);
    // The node just computed is highlighted.
    assert.equal(await page.locator('#graph g.node.current').count(), 1);
  }
  await step.click();
  assert.equal(await text(page, '#graph', 'readout'), 'f=9 at x=2 | ∂f/∂x=6');
  assert.deepEqual(problems, []);
  await context.close();
});

test('graph: hovering a node shows incoming × local = outgoing with the core numbers', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph');
  await waitForSettled(page, '#graph');
  await page.locator('#graph g.node.variable').first().hover();
  const detail = await text(page, '#graph', 'detail');
  assert.match(detail, /x = 2 \(an input\)/);
  assert.match(detail, /from x \+ 1: incoming 6 × local 1 = outgoing 6/);
  // Fan-out: two lines and their sum.
  await page.evaluate(() => document.getElementById('graph').setAttribute('preset', 'fanout'));
  await page.waitForFunction(() => document.getElementById('graph').run.formula === 'x*(x + 1)');
  await waitForSettled(page, '#graph'); // the new graph may be drawn again once it is laid out
  await page.locator('#graph g.node.variable').first().hover();
  assert.match(await text(page, '#graph', 'detail'), /fan-out: 3 \+ 4 = 7 \(the paths add up\)\n∂f\/∂x = 7/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('graph: tapping a node on a 360 px phone shows its details, and the page does not overflow', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph', {
    viewport: { width: 360, height: 740 },
  });
  const { pageWidth, widgetWidth } = await page.evaluate(() => ({
    pageWidth: document.documentElement.scrollWidth,
    widgetWidth: document.getElementById('graph').getBoundingClientRect().width,
  }));
  assert.ok(pageWidth <= 360, `page scrolls sideways: ${pageWidth}px`);
  assert.ok(widgetWidth <= 360);
  await page.evaluate(() => document.getElementById('graph').setAttribute('preset', 'network'));
  await page.waitForFunction(() => document.getElementById('graph').run.variables.includes('w1'));
  // The bigger graph resizes the plot and is drawn again: wait for that, not for the first drawing.
  await waitForSettled(page, '#graph');
  const w1 = page.locator('#graph g.node.variable').filter({ hasText: 'w1' });
  await w1.scrollIntoViewIfNeeded();
  await w1.dispatchEvent('click');
  assert.match(await text(page, '#graph', 'detail'), /incoming 0\.678 × local 2 = outgoing 1\.356/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('graph: variables may be called toString or __proto__ (prototype-free name maps)', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph');
  const show = (attributes) =>
    page.evaluate((pairs) => {
      const graph = document.getElementById('graph');
      for (const [name, value] of Object.entries(pairs)) graph.setAttribute(name, value);
    }, attributes);
  const shown = () =>
    page.evaluate(() => {
      const graph = document.getElementById('graph');
      const error = graph.shadowRoot.querySelector('[data-role=error]').textContent;
      return { formula: graph.run.formula, value: graph.run.outputValue, error };
    });
  await show({ expression: 'toString+x' });
  await page.waitForFunction(() => document.getElementById('graph').run.formula === 'toString + x');
  assert.deepEqual(await shown(), { formula: 'toString + x', value: 2, error: '' }); // both unset: 1 + 1
  await show({ values: 'toString=3,x=2' });
  await page.waitForFunction(() => document.getElementById('graph').run.outputValue === 5);
  await show({ expression: '__proto__*x', values: '__proto__=4,x=2' });
  await page.waitForFunction(() => document.getElementById('graph').run.formula === '__proto__*x');
  assert.deepEqual(await shown(), { formula: '__proto__*x', value: 8, error: '' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('graph: a syntax error in the formula box is pointed at and the widget keeps working', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph');
  const box = page.locator('#graph input.formula');
  await box.fill('(x + 1');
  await box.press('Enter');
  const problem = page.locator('#graph .formula-problem');
  await problem.waitFor();
  assert.match(await problem.textContent(), /missing '\)' to close this '\(' at character 1/);
  assert.equal(await page.locator('#graph .formula-problem mark').textContent(), '(');
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  // The graph on screen is still the last good one.
  assert.equal(await page.evaluate(() => document.getElementById('graph').run.formula), '(x + 1)^2');
  await box.fill('x*x + 2*x');
  await box.press('Enter');
  await page.waitForFunction(() => document.getElementById('graph').run.formula === 'x*x + 2*x');
  assert.equal(await problem.textContent(), '');
  assert.match(await text(page, '#graph', 'readout'), /∂f\/∂x=4/); // x = 1 (unset): 2x + 2
  // A bad formula in the attribute is reported and the preset is shown instead.
  await page.evaluate(() => document.getElementById('graph').setAttribute('expression', 'x +* 2'));
  await page.waitForFunction(() => document.getElementById('graph').run.formula === '(x + 1)^2');
  assert.match(await text(page, '#graph', 'error'), /'\*' needs something on its left at character 4/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('backprop: the worked example, step-by-step backward pass, update and gradient check', async () => {
  const { page, context, problems } = await openWidget('backprop-worked-example.html', '#calc');
  assert.equal(
    await text(page, '#calc', 'readout'),
    'L=1.2769 (ŷ=-0.13) | ∂L/∂w1=1.356, ∂L/∂b1=0.678, ∂L/∂w2=-2.486, ∂L/∂b2=-2.26',
  );
  await page.locator('#calc button[title="Back to the start of the backward pass"]').click();
  assert.equal(await page.locator('#calc ol.steps li.pending').count(), 7);
  await page.locator('#calc button[title="One step forward"]').click();
  assert.equal(
    await page.locator('#calc ol.steps li').first().textContent(),
    '∂L/∂ŷ = ∂L/∂L × ∂L/∂ŷ = −2(y − ŷ) = 1 × -2.26 = -2.26',
  );
  assert.equal(await page.locator('#calc ol.steps li.pending').count(), 6);
  const check = await page.locator('#calc [data-role=check] tr').nth(1).textContent();
  assert.match(check, /w₁1\.3561\.35604/);
  await page.locator('#calc button', { hasText: 'Apply update' }).click();
  await page.waitForFunction(() => document.getElementById('calc').getAttribute('w1') === '0.3644');
  assert.match(await text(page, '#calc', 'status'), /L decreased from 1\.2769 to 0\.37591/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('neuron: the chain of local derivatives multiplies one factor per step', async () => {
  const { page, context, problems } = await openWidget('backpropagation.html', '#neuron');
  await page.locator('#neuron button[title="Back to the start of the chain of local derivatives"]').click();
  assert.match(await text(page, '#neuron', 'chain'), /∂L\/∂w = ∂L\/∂a = \? × ∂a\/∂z = \? × ∂z\/∂w = \?/);
  await page.locator('#neuron button[title="One step forward"]').click();
  assert.match(await text(page, '#neuron', 'chain'), /∂L\/∂a = −2\(y − a\) = -1\.2 × ∂a\/∂z = \?/);
  await page.locator('#neuron button[title="Show the whole chain of local derivatives"]').click();
  assert.match(await text(page, '#neuron', 'chain'), /= -1\.2 × ∂a\/∂z = ReLU'\(z\) = 1 × ∂z\/∂w = x = 1\.5 = -1\.8/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('removing the widgets from the page stops them cleanly', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph');
  await page.evaluate(() => {
    const widget = document.getElementById('graph');
    widget.play();
    widget.remove();
  });
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await context.close();
});

test('graph: nodes are reachable and explained from the keyboard', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph');
  await waitForSettled(page, '#graph');
  await page.locator('#graph g.node').first().focus();
  assert.match(await text(page, '#graph', 'detail'), /x = 2 \(an input\)/);
  await page.keyboard.press('ArrowRight'); // the constant 1
  await page.keyboard.press('ArrowRight'); // x + 1
  assert.match(
    await text(page, '#graph', 'detail'),
    /forward: x \+ 1 = 3\nfrom \(x \+ 1\)\^2: incoming 1 × local 6 = outgoing 6/,
  );
  assert.equal(
    await page.evaluate(() => document.getElementById('graph').shadowRoot.activeElement?.dataset.index),
    '2',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('graph: a graph wider than its box says it scrolls sideways', async () => {
  const { page, context, problems } = await openWidget('computational-graphs.html', '#graph', {
    viewport: { width: 360, height: 740 },
  });
  const hint = page.locator('#graph [data-role=scroll-hint]');
  await page.evaluate(() => document.getElementById('graph').setAttribute('preset', 'network'));
  await waitForSettled(page, '#graph');
  assert.equal(await hint.isVisible(), true);
  const box = await page.locator('#graph [data-role=plot]').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(box[0] > box[1], `scrollWidth ${box[0]} > clientWidth ${box[1]}`);
  // The one-node graph of "x^2" fits: no hint.
  await page.evaluate(() => {
    const graph = document.getElementById('graph');
    graph.removeAttribute('preset');
    graph.setAttribute('expression', 'x^2');
  });
  await waitForSettled(page, '#graph');
  assert.equal(await hint.isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});
