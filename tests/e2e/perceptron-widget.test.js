// <descent-perceptron> in Chromium: renders from file:// and http with the core's numbers (checked
// against a second core instance in the page), the panels sit side by side and stack on a phone,
// the controls and the transport change the plots, bad attributes give a message while the widget
// keeps working, and the state round-trips through the URL.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForResult } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-perceptron',
    id: 'perc',
    attributes,
    ...options,
  });
  await opened.page.locator('#perc').scrollIntoViewIfNeeded();
  await settled(opened.page);
  return opened;
}

const settled = (page) => waitForResult(page, 'perc');

const text = (page, role) => page.locator(`#perc [data-role=${role}]`).textContent();
const picture = (page, role) => page.locator(`#perc [data-role=${role}]`).evaluate((canvas) => canvas.toDataURL());

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: XOR — the perceptron never converges, the MLP reaches 4/4`, async () => {
    const { page, context, problems } = await openWidget({}, { url: index });
    const expected = await page.evaluate(async () => {
      const core = await createDescentCore();
      const run = core.perceptronVsMlp({
        dataset: 'xor',
        epochs: 300,
        learningRate: 0.5,
        seed: 1,
        fieldResolution: 40,
      });
      return {
        errors: Array.from(run.perceptron.errors),
        loss: Array.from(run.mlp.loss),
        solved: run.mlp.epochsToSolve,
      };
    });
    const shown = await page.evaluate(() => {
      const { run } = document.getElementById('perc');
      return {
        errors: Array.from(run.perceptron.errors),
        loss: Array.from(run.mlp.loss),
        solved: run.mlp.epochsToSolve,
      };
    });
    assert.deepEqual(shown, expected);
    assert.equal(expected.solved, 30);
    assert.match(
      await text(page, 'perceptron-status'),
      /Never converged in 300 epochs: the fewest errors in an epoch was 2/,
    );
    assert.match(await text(page, 'mlp-status'), /4\/4 from epoch 30/);
    assert.match(await text(page, 'mlp-readout'), /^epoch 300: accuracy 4\/4, loss 0\.005847/);
    assert.match(await text(page, 'perceptron-readout'), /^epoch 300: w = \(.*\), b = .* \| 4 errors during epoch 300/);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the panels sit side by side on a laptop and stack on a 360 px phone', async () => {
  const boxes = async (page) =>
    page.locator('#perc').evaluate((el) =>
      ['plot', 'mlp-plot'].map((role) => {
        const rect = el.shadowRoot.querySelector(`[data-role=${role}]`).getBoundingClientRect();
        return { top: rect.top, left: rect.left, width: rect.width, height: rect.height };
      }),
    );
  const wide = await openWidget();
  const [left, right] = await boxes(wide.page);
  assert.equal(Math.round(left.top), Math.round(right.top));
  assert.ok(right.left > left.left + left.width - 1);
  await wide.context.close();
  const phone = await openWidget({}, { viewport: { width: 360, height: 740 } });
  const [top, bottom] = await boxes(phone.page);
  assert.ok(bottom.top >= top.top + top.height, 'stacked');
  assert.ok(top.width <= 360 && top.width > 250, `plot width ${top.width}`);
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page width ${overflow}`);
  assert.deepEqual(phone.problems, []);
  await phone.context.close();
});

test('the data set, learning rate, seed and epochs controls change the plots', async () => {
  const { page, context, problems } = await openWidget();
  const before = { perceptron: await picture(page, 'plot'), mlp: await picture(page, 'mlp-plot') };
  await page.locator('#perc select[name=dataset]').selectOption('and');
  await settled(page);
  assert.equal(await page.locator('#perc').getAttribute('dataset'), 'and');
  assert.match(await text(page, 'perceptron-status'), /Converged at epoch 6/);
  assert.notEqual(await picture(page, 'plot'), before.perceptron);
  assert.notEqual(await picture(page, 'mlp-plot'), before.mlp);

  await page.locator('#perc select[name=dataset]').selectOption('xor');
  const seedBox = page.locator('#perc').getByLabel('MLP seed (initial weights)');
  await seedBox.fill('3');
  await seedBox.press('Enter');
  await settled(page);
  assert.match(await text(page, 'mlp-status'), /Not solved in 300 epochs: 3\/4/);

  const epochsBox = page.locator('#perc input.number').nth(0);
  await epochsBox.fill('50');
  await epochsBox.press('Enter');
  await settled(page);
  assert.equal(await page.locator('#perc').getAttribute('epochs'), '50');
  assert.match(await text(page, 'perceptron-status'), /Never converged in 50 epochs/);
  const lrBox = page.locator('#perc input.number').nth(1);
  await lrBox.fill('2');
  await lrBox.press('Enter');
  await settled(page);
  assert.equal(await page.locator('#perc').getAttribute('learning-rate'), '2');
  assert.match(await text(page, 'perceptron-readout'), /b = /);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the transport and the epoch slider walk through the epochs', async () => {
  const { page, context, problems } = await openWidget({ dataset: 'or' });
  const button = (name) => page.locator('#perc button', { hasText: name }).first();
  const slideTo = (epoch) =>
    page.locator('#perc [data-role=epoch-slider]').evaluate((slider, value) => {
      slider.value = String(value);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }, epoch);
  await button('Reset').click();
  assert.match(
    await text(page, 'perceptron-readout'),
    /^epoch 0: w = \(0, 0\), b = 0 \| before training \| now 1\/4 right/,
  );
  assert.match(await text(page, 'mlp-readout'), /^epoch 0 \(initial weights\)/);
  const start = await picture(page, 'mlp-plot');
  await page.locator('#perc button[title="One step forward"]').click();
  assert.match(await text(page, 'perceptron-readout'), /^epoch 1: .* \| 1 error during epoch 1/);
  assert.notEqual(await picture(page, 'mlp-plot'), start);
  await slideTo(4);
  assert.match(
    await text(page, 'perceptron-readout'),
    /^epoch 4: w = \(0\.5, 0\.5\), b = 0 \| 0 errors during epoch 4 \| now 4\/4 right/,
  );
  await slideTo(40);
  // Past convergence the perceptron's line stays at its last epoch; the MLP keeps training.
  assert.match(await text(page, 'perceptron-readout'), /^epoch 4:/);
  assert.match(await text(page, 'mlp-readout'), /^epoch 40: accuracy 4\/4/);
  await button('Reset').click();
  await button('Play').click();
  await page.waitForFunction(() => document.getElementById('perc').shownStep > 5, null, { timeout: 10000 });
  await button('Pause').click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad attributes give a message and the widget keeps working', async () => {
  const { page, context, problems } = await openWidget({ dataset: 'xnor', epochs: '9999', 'learning-rate': 'fast' });
  const error = await text(page, 'error');
  assert.match(error, /dataset: "xnor" is not one of xor, and, or, nand/);
  assert.match(error, /epochs: 9999 is out of range \(between 1 and 5000\)/);
  assert.match(error, /learning-rate: expected a number, got "fast"/);
  // The defaults stand in for the bad values.
  assert.match(await text(page, 'mlp-status'), /4\/4 from epoch 30/);
  await page.locator('#perc').evaluate((el) => el.setAttribute('dataset', 'nand'));
  await settled(page);
  assert.match(await text(page, 'perceptron-status'), /Converged at epoch 6/);
  const seedBox = page.locator('#perc').getByLabel('MLP seed (initial weights)');
  await seedBox.fill('-1');
  await seedBox.press('Enter');
  assert.match(await text(page, 'error'), /seed: -1 is out of range/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('URL state round-trips: the hash sets the widget, and a control writes the hash', async () => {
  const { page, context, problems } = await openWidget(
    { 'sync-url': '' },
    { hash: '#perc.dataset=and&perc.seed=7&perc.epochs=80' },
  );
  assert.equal(await page.locator('#perc').getAttribute('dataset'), 'and');
  assert.equal(await page.evaluate(() => document.getElementById('perc').run.mlp.loss.length), 80);
  await page.locator('#perc select[name=dataset]').selectOption('or');
  await page.waitForFunction(() => location.hash.includes('perc.dataset=or'));
  await settled(page);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /perc\.seed=7/);
  assert.match(hash, /perc\.epochs=80/);
  const loss = await page.evaluate(() => Array.from(document.getElementById('perc').run.mlp.loss));
  await context.close();
  const again = await openWidget({ 'sync-url': '' }, { hash });
  assert.deepEqual(await again.page.evaluate(() => Array.from(document.getElementById('perc').run.mlp.loss)), loss);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
});
