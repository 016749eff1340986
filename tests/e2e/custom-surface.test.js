// The typed surface ("Your formula") in <descent-gd> and <descent-race>: the formula box, its
// syntax errors, runs on the learner's formula, and a formula leaving its domain mid-run.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, waitForWidget } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const part = (page, widget, role) => page.locator(`${widget} [data-role=${role}]`).textContent();

test('gd: choosing "Your formula f(x)", a syntax error, then a formula that runs', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, 'embed-example.html')[0][1]);
  await waitForWidget(page);
  await page.locator('descent-gd select').first().selectOption('custom1d');
  await page.waitForFunction(() => document.querySelector('descent-gd').config.surface === 'custom1d');
  const box = page.locator('descent-gd input.formula');
  assert.equal(await box.isVisible(), true);
  assert.equal(await box.inputValue(), 'x^4 - 3*x^2 + x');
  assert.match(await part(page, 'descent-gd', 'readout'), /\(your formula: no known minimum\)/);

  await box.fill('x^^2');
  await box.press('Enter');
  const problem = page.locator('descent-gd .formula-problem');
  assert.match(await problem.textContent(), /'\^' needs something on its left at character 3/);
  assert.equal(await page.locator('descent-gd .formula-problem mark').textContent(), '^');
  assert.equal(await page.locator('descent-gd').getAttribute('expression'), null);

  await box.fill('(x - 1)^2');
  await box.press('Enter');
  await page.waitForFunction(
    () =>
      document.querySelector('descent-gd').run.losses.length > 1 &&
      document.querySelector('descent-gd').config.expression === '(x - 1)^2',
  );
  assert.equal(await problem.textContent(), '');
  const [expected, shown] = await page.evaluate(async () => {
    const widget = document.querySelector('descent-gd');
    const core = await createDescentCore();
    const run = core.runDescent(widget.config);
    return [
      run.losses[run.stepsCompleted].toFixed(3),
      widget.shadowRoot.querySelector('[data-role=readout]').textContent,
    ];
  });
  assert.ok(shown.includes(`f=${expected}`), `${shown} should show f=${expected}`);
  assert.match(await page.locator('descent-gd [data-role=formula]').textContent(), /f = \(x - 1\)\^2/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('gd: a formula that leaves its domain stops the run with the reason', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, 'embed-example.html')[0][1]);
  await waitForWidget(page);
  await page.evaluate(() => {
    const widget = document.querySelector('descent-gd');
    for (const [name, value] of Object.entries({
      surface: 'custom1d',
      expression: 'log(x)',
      optimizer: 'sgd',
      lr: '1',
      start: '0.5',
    }))
      widget.setAttribute(name, value);
  });
  await page.waitForFunction(() => document.querySelector('descent-gd').config.expression === 'log(x)');
  assert.match(
    await part(page, 'descent-gd', 'status'),
    /stopped at step 1: f is undefined there — log of -1.5 is undefined/,
  );
  // A bad formula in the attribute is reported and the default formula runs instead.
  await page.evaluate(() => document.querySelector('descent-gd').setAttribute('expression', 'log(x'));
  await page.waitForFunction(() => document.querySelector('descent-gd').config.expression === 'x^4 - 3*x^2 + x');
  assert.match(
    await part(page, 'descent-gd', 'error'),
    /missing '\)' to close log\( at character 4 — using x\^4 - 3\*x\^2 \+ x/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('race: the optimizers race on a typed f(x, y), and the URL keeps the formula', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, 'lessons/optimizers.html')[0][1]);
  await page.locator('#race').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Boolean(document.getElementById('race')?.race));
  await page.locator('#race select').first().selectOption('custom');
  await page.waitForFunction(() => document.getElementById('race').config.surface === 'custom');
  const box = page.locator('#race input.formula');
  await box.fill('x^2 + 10*y^2 +');
  await box.press('Enter');
  assert.match(await page.locator('#race .formula-problem').textContent(), /ends too early.*at character 15/);
  await box.fill('x^2 + 10*y^2');
  await box.press('Enter');
  await page.waitForFunction(() => document.getElementById('race').config.expression === 'x^2 + 10*y^2');
  await page.evaluate(() => document.getElementById('race').showAll());
  const board = await part(page, '#race', 'finish-board');
  assert.ok(board.length > 0);
  assert.match(await page.locator('#race [data-role=chart-caption]').textContent(), /your formula: no known minimum/);
  assert.equal(
    await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('race.expression')),
    'x^2 + 10*y^2',
  );
  assert.deepEqual(problems, []);
  await context.close();
});
