// The trained figures of the CNN lessons (19, 20 and 22). A lesson's "try this" sets the network up,
// and lessons.test.js checks what <descent-cnn> shows straight away (its parameter count, its
// batches per epoch); the widget trains only when the reader presses Play or Skip ahead. So an
// experiment whose text quotes a trained result also carries data-after-skip="…": here the button
// is applied, Skip ahead pressed, and the text must then be in the widget's readout, status, shapes
//, inspected-digit line or mistakes line. Every such run is small (a seed, 1,000 training digits, 3 epochs).
//
//   node --test --test-name-pattern=cnn-architecture tests/e2e/cnn-lessons.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, pressApply, waitForSettled } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const ROLES = ['readout', 'status', 'shapes', 'prediction', 'mistakes-status'];
const shown = (page, id) =>
  page
    .locator(`#${id}`)
    .evaluate(
      (el, roles) => roles.map((role) => el.shadowRoot.querySelector(`[data-role=${role}]`)?.textContent).join(' | '),
      ROLES,
    );

// Presses an experiment's Apply once its widget has started, and waits until the widget has taken
// every setting of the button's data-apply and drawn the result.
async function applyExperiment(page, target, button, settings) {
  await pressApply(page, target, button, settings);
  await waitForSettled(page, `#${target}`);
}

for (const slug of ['cnn-architecture', 'visualising-cnns']) {
  test(`${slug}: every trained figure the text quotes is what Skip ahead shows`, async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(siteUrls(baseUrl, `lessons/${slug}.html`)[0][1]);
    const buttons = page.locator('button.try[data-after-skip]');
    const count = await buttons.count();
    assert.ok(count > 0, `${slug} has no experiment with data-after-skip`);
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      const target = await button.getAttribute('data-target');
      const wanted = await button.getAttribute('data-after-skip');
      const settings = JSON.parse(await button.getAttribute('data-apply'));
      await applyExperiment(page, target, button, settings);
      // A setting that only changes the view (the inspected digit, the explained class) keeps the
      // trained network: then there is nothing left to skip.
      const skip = page.locator(`#${target}`).getByRole('button', { name: 'Skip ahead' });
      if (await skip.isEnabled()) await skip.click();
      await page.waitForFunction(
        (id) => {
          const el = document.getElementById(id);
          return el.skipTarget === null && !el.playing && /After epoch|Diverged/.test(el.parts.status.textContent);
        },
        target,
        { timeout: 120000 },
      );
      await waitForSettled(page, `#${target}`);
      await page
        .waitForFunction(
          ([id, roles, text]) =>
            roles
              .map((role) => document.getElementById(id).shadowRoot.querySelector(`[data-role=${role}]`)?.textContent)
              .join(' | ')
              .includes(text),
          [target, ROLES, wanted],
          { timeout: 10000 },
        )
        .catch(() => {});
      const text = await shown(page, target);
      assert.ok(text.includes(wanted), `${slug}, ${JSON.stringify(settings)}: expects "${wanted}", shows "${text}"`);
    }
    assert.deepEqual(problems, [], slug);
    await context.close();
  });
}

// The transfer-learning lesson quotes the transfer panel's trained figures: an experiment carries
// data-after-transfer="…"; here it is applied, Run transfer pressed, and when the runs are done the
// text must be in the panel's status line. The numbers are tests/wasm/cnn-transfer-job.test.js's
// job on the same seed (pre-training 3 epochs on 0–4, the default network).
const TRANSFER_ROLES = ['transfer-status', 'transfer-table'];

test('transfer-learning: every trained figure the text quotes is what Run transfer shows', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, 'lessons/transfer-learning.html')[0][1]);
  const buttons = page.locator('button.try[data-after-transfer]');
  const count = await buttons.count();
  assert.ok(count > 0, 'transfer-learning has no experiment with data-after-transfer');
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const target = await button.getAttribute('data-target');
    const wanted = await button.getAttribute('data-after-transfer');
    const settings = JSON.parse(await button.getAttribute('data-apply'));
    await applyExperiment(page, target, button, settings);
    await page
      .locator(`#${target} [data-role=transfer-controls]`)
      .getByRole('button', { name: 'Run transfer' })
      .click();
    await page.waitForFunction((id) => !document.getElementById(id).transfer.run.playing, target, { timeout: 300000 });
    const text = await page
      .locator(`#${target}`)
      .evaluate(
        (el, roles) => roles.map((role) => el.shadowRoot.querySelector(`[data-role=${role}]`)?.textContent).join(' | '),
        TRANSFER_ROLES,
      );
    assert.ok(
      text.includes(wanted),
      `transfer-learning, ${JSON.stringify(settings)}: expects "${wanted}", shows "${text}"`,
    );
  }
  assert.deepEqual(problems, [], 'transfer-learning');
  await context.close();
});
