// <descent-loss> in Chromium: renders from file:// and http, the readouts are the core's numbers
// (checked against a second core instance in the page), every control changes the plot, dragging
// an outlier (mouse and keyboard) refits the lines, and bad input is reported without breaking it.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForResult } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-loss',
    id: 'loss',
    attributes,
    ...options,
  });
  await settled(opened.page);
  return opened;
}

const settled = (page) => waitForResult(page, 'loss');

const text = (page, role) => page.locator(`#loss [data-role=${role}]`).textContent();
const picture = (page, role = 'plot') =>
  page.locator(`#loss [data-role=${role}]`).evaluate((canvas) => canvas.toDataURL());

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: the regression view shows the core's three lines`, async () => {
    const { page, context, problems } = await openWidget({}, { url: index });
    const expected = await page.evaluate(async () => {
      const core = await createDescentCore();
      const base = core.lineFitPoints({ count: 15, seed: 1 });
      const answer = core.fitLines({
        xs: [...base.xs, 2.5],
        ys: [...base.ys, -4],
        losses: ['mse', 'mae', 'huber'],
        huberDelta: 1,
      });
      return answer.fits.map((fit) => [fit.slope, fit.intercept]);
    });
    const shown = await page.evaluate(() =>
      document.getElementById('loss').run.fits.map((fit) => [fit.slope, fit.intercept]),
    );
    assert.deepEqual(shown, expected);
    assert.match(await text(page, 'readout'), /^MSE line: y = .* \| MAE line: y = .* \| Huber line: y = /);
    assert.ok(expected[0][0] < expected[1][0], 'the outlier pulls the MSE slope below the MAE slope');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('dragging an outlier with the pointer refits the lines', async () => {
  const { page, context, problems } = await openWidget();
  const before = await text(page, 'readout');
  const canvas = page.locator('#loss canvas.plot');
  await canvas.scrollIntoViewIfNeeded();
  const start = await page.evaluate(() => {
    const widget = document.getElementById('loss');
    const rect = widget.parts.plot.getBoundingClientRect();
    const [x, y] = widget.state.outliers[0];
    return {
      x: rect.left + widget.frame.toPixelX(x),
      y: rect.top + widget.frame.toPixelY(y),
      toY: rect.top + widget.frame.toPixelY(4),
    };
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x, (start.y + start.toY) / 2, { steps: 3 });
  await page.mouse.move(start.x, start.toY, { steps: 3 });
  await page.mouse.up();
  await settled(page);
  const outlier = await page.evaluate(() => document.getElementById('loss').state.outliers[0]);
  assert.ok(Math.abs(outlier[1] - 4) < 0.2, `outlier moved to ${outlier}`);
  assert.notEqual(await text(page, 'readout'), before);
  const mseSlope = await page.evaluate(() => document.getElementById('loss').run.fits[0].slope);
  assert.ok(mseSlope > 0.5, `the MSE line now tilts up towards the outlier (slope ${mseSlope})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard moves, adds and removes outliers', async () => {
  const { page, context, problems } = await openWidget();
  await page.locator('#loss canvas.plot').focus();
  const before = await text(page, 'readout');
  await page.keyboard.press('ArrowUp');
  await settled(page);
  assert.equal(await page.locator('#loss').getAttribute('outliers'), '2.5,-3.75');
  assert.notEqual(await text(page, 'readout'), before);
  await page.keyboard.press('a');
  await settled(page);
  assert.equal(await page.locator('#loss').getAttribute('outliers'), '2.5,-3.75;0,-5');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await settled(page);
  assert.equal(await page.locator('#loss').getAttribute('outliers'), '');
  assert.match(await text(page, 'status'), /No outliers/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every control changes the plot', async () => {
  const { page, context, problems } = await openWidget();
  const change = async (role, action) => {
    const before = await picture(page, role);
    await action();
    await settled(page);
    assert.notEqual(await picture(page, role), before);
  };
  const field = (name) => page.locator(`#loss [name=${name}]`);
  const typeInto = (labelled, value) => async () => {
    const input = page.locator('#loss').getByLabel(labelled, { exact: true });
    await input.fill(value);
    await input.press('Enter');
  };
  await change('plot', typeInto('Huber δ', '0.2'));
  await change('chart', typeInto('Huber δ', '3'));
  await change('plot', typeInto('Ordinary points', '30'));
  await change('plot', typeInto('Noise seed', '5'));
  await change('plot', typeInto('Outliers "x,y;x,y"', '-3,5;3,-5'));
  await change('plot', () => field('view').selectOption('classification'));
  await change('plot', () => field('target').selectOption('0'));
  await change('plot', typeInto('Logit z (probe)', '2'));
  await change('chart', typeInto('Focal γ', '0.5'));
  await change('plot', () => field('view').selectOption('categorical'));
  await change('plot', typeInto('Softmax output p', '0.2,0.2,0.6'));
  await change('plot', typeInto('True class (from 0)', '2'));
  await change('plot', () => field('view').selectOption('kl'));
  await change('plot', typeInto('Distribution P', '0.5,0.5,0'));
  await change('plot', typeInto('Distribution Q', '0.2,0.2,0.6'));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the seeds' numbers: CE 0.357 and asymmetric KL; confidently wrong MSE gradient vanishes", async () => {
  const { page, context } = await openWidget({ view: 'categorical' });
  assert.match(
    await text(page, 'readout'),
    /class 1: CE = −log 0\.700 = 0\.357 \| ∂L\/∂z = \[0\.100, -0\.300, 0\.200\]/,
  );
  await page.locator('#loss').evaluate((el) => el.setAttribute('view', 'kl'));
  await settled(page);
  assert.match(await text(page, 'readout'), /^KL\(P‖Q\) = [\d.]+, KL\(Q‖P\) = [\d.]+$/);
  assert.match(await text(page, 'status'), /Not symmetric/);
  await page.locator('#loss').evaluate((el) => el.setAttribute('view', 'classification'));
  await settled(page);
  assert.match(await text(page, 'status'), /Confidently wrong: MSE on σ\(z\) pushes with only/);
  await context.close();
});

test('bad input is reported and the widget stays usable', async () => {
  const { page, context, problems } = await openWidget({ outliers: '9,9', view: 'nope', probs: 'a,b' });
  const errors = await text(page, 'error');
  assert.match(errors, /outliers: \(9, 9\) is outside/);
  assert.match(errors, /view: "nope" is not one of/);
  assert.match(errors, /probs: expected 2 to 8 numbers/);
  await page.locator('#loss').evaluate((el) => {
    el.removeAttribute('outliers');
    el.removeAttribute('probs');
    el.setAttribute('view', 'categorical');
    el.setAttribute('probs', '0.5,0,0.5');
  });
  await settled(page);
  assert.match(await text(page, 'error'), /entries must be finite and > 0/);
  await page.locator('#loss').evaluate((el) => el.setAttribute('probs', '0.25,0.5,0.25'));
  await settled(page);
  assert.equal(await text(page, 'error'), '');
  assert.match(await text(page, 'readout'), /CE = −log 0\.500 = 0\.693/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('fits a 360 px phone', async () => {
  const { page, context, problems } = await openWidget({}, { viewport: { width: 360, height: 740 } });
  const width = await page.locator('#loss').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(width <= 360, `widget is ${width}px wide`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page scrolls sideways to ${overflow}px`);
  assert.deepEqual(problems, []);
  await context.close();
});
