// <descent-activations> in Chromium: renders from file:// and http with the core's numbers
// (checked against a second core instance in the page), every control changes a plot, the probe
// follows the pointer and the arrow keys, and bad input is reported without breaking the widget.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForResult } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-activations',
    id: 'act',
    attributes,
    ...options,
  });
  await settled(opened.page);
  return opened;
}

const settled = (page) => waitForResult(page, 'act');

const text = (page, role) => page.locator(`#act [data-role=${role}]`).textContent();
const picture = (page, role) => page.locator(`#act [data-role=${role}]`).evaluate((canvas) => canvas.toDataURL());

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: sigmoid's derivative peaks at 0.25, and the variances are the core's`, async () => {
    const { page, context, problems } = await openWidget({ probe: '0' }, { url: index });
    assert.match(
      await text(page, 'readout'),
      /^Sigmoid at z = 0\.00: f\(z\) = 0\.500, f′\(z\) = 0\.250 \| max f′ = 0\.250 at z = 0\.00/,
    );
    const [shown, expected] = await page.evaluate(async () => {
      const core = await createDescentCore();
      const widget = document.getElementById('act');
      const again = core.initPropagation({
        initializer: 'xavier_normal',
        activation: 'tanh',
        width: 64,
        depth: 10,
        samples: 256,
        bins: 40,
        seed: 1,
        shownLayers: [1, 5, 10],
      });
      return [Array.from(widget.run.propagation.preactivationVariance), Array.from(again.preactivationVariance)];
    });
    assert.deepEqual(shown, expected);
    assert.match(await text(page, 'status'), /^Xavier normal \+ Tanh, width 64: Var\(z\) /);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the probe follows the pointer and the arrow keys', async () => {
  const { page, context, problems } = await openWidget();
  const canvas = page.locator('#act canvas.plot');
  await canvas.scrollIntoViewIfNeeded();
  const target = await page.evaluate(() => {
    const widget = document.getElementById('act');
    const rect = widget.parts.plot.getBoundingClientRect();
    return { x: rect.left + widget.frame.toPixelX(-3), y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  await page.mouse.up();
  await settled(page);
  const probe = Number(await page.locator('#act').getAttribute('probe'));
  assert.ok(Math.abs(probe + 3) < 0.1, `probe at ${probe}`);
  assert.match(await text(page, 'readout'), /f′\(z\) = 0\.04/);
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.equal(Number(await page.locator('#act').getAttribute('probe')), Number((probe + 0.1).toFixed(2)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('every control changes a plot', async () => {
  const { page, context, problems } = await openWidget();
  const change = async (role, action) => {
    const before = await picture(page, role);
    await action();
    await settled(page);
    assert.notEqual(await picture(page, role), before, `${role} did not change`);
  };
  const field = (name) => page.locator(`#act [name=${name}]`);
  const typeInto = (labelled, value) => async () => {
    const input = page.locator('#act').getByLabel(labelled, { exact: true });
    await input.fill(value);
    await input.press('Enter');
  };
  await change('plot', typeInto('Probe z', '-2'));
  await change('plot', () => field('activation').selectOption('leaky_relu'));
  await change('plot', typeInto('α (leaky ReLU, ELU)', '0.3'));
  for (const name of ['tanh', 'relu', 'elu', 'gelu', 'swish'])
    await change('plot', () => field('activation').selectOption(name));
  await change('plot', () => field('activation').selectOption('softmax'));
  await change('plot', typeInto('Logits z (softmax)', '1,2,3,4'));
  await change('plot', typeInto('Temperature T', '5'));
  await change('layers', () => field('init').selectOption('he_normal'));
  await change('variance', () => field('init-activation').selectOption('relu'));
  await change('weights', typeInto('Width (units per layer)', '16'));
  await change('weights', typeInto('Seed', '9'));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the seeds' initialisation comparison: naive weights explode, He keeps ReLU layers level", async () => {
  const { page, context } = await openWidget({ init: 'naive_normal', 'init-activation': 'relu', width: '32' });
  const naive = await page.evaluate(() =>
    Array.from(document.getElementById('act').run.propagation.preactivationVariance),
  );
  assert.ok(naive[4] > 5e5, `layer 5 variance ${naive[4]}`);
  await page.locator('#act').evaluate((el) => el.setAttribute('init', 'he_normal'));
  await settled(page);
  const he = await page.evaluate(() =>
    Array.from(document.getElementById('act').run.propagation.preactivationVariance),
  );
  for (const v of he.slice(0, 5)) assert.ok(v > 1 && v < 3, `He variance ${v}`);
  await context.close();
});

test('bad input is reported and the widget stays usable', async () => {
  const { page, context, problems } = await openWidget({ activation: 'cubic', width: '1000', logits: 'x' });
  const errors = await text(page, 'error');
  assert.match(errors, /activation: "cubic" is not one of/);
  assert.match(errors, /width: 1000 is out of range/);
  assert.match(errors, /logits: expected 2 to 8 numbers/);
  await page.locator('#act').evaluate((el) => {
    el.setAttribute('activation', 'leaky_relu');
    el.setAttribute('alpha', '5');
  });
  await settled(page);
  assert.match(await text(page, 'error'), /leaky_relu: alpha \(negative slope\) must be in \[0, 1\], got 5/);
  await page.locator('#act').evaluate((el) => el.setAttribute('alpha', '0.2'));
  await settled(page);
  assert.match(await text(page, 'readout'), /^Leaky ReLU at z = 1\.00: f\(z\) = 1\.000, f′\(z\) = 1\.000/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('fits a 360 px phone', async () => {
  const { page, context, problems } = await openWidget({}, { viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page scrolls sideways to ${overflow}px`);
  assert.deepEqual(problems, []);
  await context.close();
});
