// The trained figures of the recurrent-networks lesson. lessons.test.js checks what <descent-rnn>
// shows straight after an Apply (its parameter count); the widget trains only while playing, so
// an experiment whose text quotes a trained result also carries data-after-training="…": here the
// button is applied, Play pressed if the widget is not already training, and once the run has
// trained to its steps attribute (or diverged) and the test set is scored for those weights, the
// text must be in the widget's readout, status line, or the labels of its gradient-through-time
// and gradient-norm charts (what those charts draw, in words). Every run is deterministic from
// its seed (native == WebAssembly bit for bit) and short: at most 1,500 steps, 900 on 50 steps.
//
//   node --test tests/e2e/rnn-lessons.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, pressApply, waitForSettled } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const SLUG = 'recurrent-networks-and-lstms';
const ROLES = ['readout', 'status'];
const LABELS = ['gradients', 'norms'];

const shown = (page, id) =>
  page
    .locator(`#${id}`)
    .evaluate(
      (el, [roles, labels]) =>
        [
          ...roles.map((role) => el.shadowRoot.querySelector(`[data-role=${role}]`)?.textContent),
          ...labels.map((role) => el.shadowRoot.querySelector(`[data-role=${role}]`)?.getAttribute('aria-label')),
        ].join(' | '),
      [ROLES, LABELS],
    );

test(`${SLUG}: every trained figure the text quotes is what the trained widget shows`, async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, `lessons/${SLUG}.html`)[0][1]);
  const buttons = page.locator('button.try[data-after-training]');
  const count = await buttons.count();
  assert.ok(count >= 8, `${SLUG} has ${count} experiments with data-after-training`);
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const target = await button.getAttribute('data-target');
    const wanted = await button.getAttribute('data-after-training');
    const settings = JSON.parse(await button.getAttribute('data-apply'));
    // Applied: the widget holds a session made from exactly these settings, at step 0.
    await pressApply(page, target, button, settings);
    const steps = Number(settings.steps);
    assert.ok(steps > 0, `${JSON.stringify(settings)} sets no steps`);
    // A run that finished before this Apply leaves the widget paused: train this one.
    const play = page.locator(`#${target}`).getByRole('button', { name: 'Play' });
    if ((await play.count()) > 0 && (await play.isEnabled())) await play.click();
    await page.waitForFunction(
      ([id, steps]) => {
        const el = document.getElementById(id);
        const run = el.run;
        if (!el.liveRun.done || el.playing) return false;
        if (run.diverged) return true;
        return run.steps === steps && run.evaluation?.steps === steps && !el.evaluationStale;
      },
      [target, steps],
      { timeout: 120000 },
    );
    await waitForSettled(page, `#${target}`);
    await page
      .waitForFunction(
        ([id, roles, labels, text]) => {
          const root = document.getElementById(id).shadowRoot;
          return [
            ...roles.map((role) => root.querySelector(`[data-role=${role}]`)?.textContent),
            ...labels.map((role) => root.querySelector(`[data-role=${role}]`)?.getAttribute('aria-label')),
          ]
            .join(' | ')
            .includes(text);
        },
        [target, ROLES, LABELS, wanted],
        { timeout: 10000 },
      )
      .catch(() => {}); // the assertion below says what is shown instead
    const text = await shown(page, target);
    assert.ok(text.includes(wanted), `${SLUG}, ${JSON.stringify(settings)}: expects "${wanted}", shows "${text}"`);
  }
  assert.deepEqual(problems, [], SLUG);
  await context.close();
});
