// <descent-race> in Chromium: the race runs from file:// and the local server,
// its panels show the core's own numbers, the map and the attributes drive it,
// bad input is explained without breaking it.
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, siteRoot } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

// The race widget on a bare page of the built site (descent.js loaded by one <script>).
const HOST_PAGE = 'embed-example.html';

async function addRace(page, attributes = '') {
  await page.evaluate((attrs) => {
    document.querySelector('descent-gd')?.remove();
    document.body.insertAdjacentHTML('beforeend', `<descent-race id="race" ${attrs}></descent-race>`);
  }, attributes);
  await waitForRace(page);
}

async function waitForRace(page) {
  await page.locator('descent-race').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => {
      const el = document.querySelector('descent-race');
      return el?.race && el.shadowRoot.querySelectorAll('[data-role=finish-board] li').length === el.race.runs.length;
    },
    null,
    { timeout: 20000 },
  );
}

async function openRace({ attributes = '', how = 'file://', hash = '', ...options } = {}) {
  const opened = await openPage(browser, options);
  const url = siteUrls(baseUrl, HOST_PAGE).find(([kind]) => kind === how)[1];
  await opened.page.goto(url + hash);
  await addRace(opened.page, attributes);
  return opened;
}

const shadowText = (page, role) => page.locator(`descent-race [data-role=${role}]`).textContent();
const finishLines = (page) => page.locator('descent-race [data-role=finish-board] li').allTextContents();
const raceAttribute = (page, name) => page.locator('descent-race').getAttribute(name);

test('the race runs from file:// and the local server, one finish line per racer', async () => {
  for (const how of ['file://', 'http://127.0.0.1']) {
    const { page, context, problems } = await openRace({ how });
    const lines = await finishLines(page);
    assert.equal(lines.length, 4, `${how}: ${lines.join(' | ')}`);
    for (const name of ['SGD', 'MOMENTUM', 'RMSPROP', 'ADAM']) {
      assert.ok(
        lines.some((line) => line.includes(`${name} — `)),
        `${how}: no line for ${name} in ${lines.join(' | ')}`,
      );
    }
    // Every line is the core's verdict on that run, in words.
    const verdicts = await page.evaluate(() =>
      document
        .querySelector('descent-race')
        .race.runs.map((run) => [run.outcome, run.reachedMinimumAtStep, run.divergedAtStep]),
    );
    for (const [outcome, reached, diverged] of verdicts) {
      if (outcome === 'reached_minimum')
        assert.ok(lines.some((line) => line.includes(`reached the minimum at step ${reached}`)));
      if (outcome === 'diverged') assert.ok(lines.some((line) => line.includes(`diverged at step ${diverged}`)));
      if (outcome === 'escaped') assert.ok(lines.some((line) => line.includes(`escaped downhill at step ${diverged}`)));
    }
    assert.equal(
      await page
        .locator('descent-race')
        .evaluate((el) => el.config.racers.map((r) => `${r.optimizer}:${r.lr}`).join(',')),
      await page.evaluate(() =>
        createDescentCore().then((core) =>
          core
            .catalog()
            .optimizers.filter((o) => ['sgd', 'momentum', 'rmsprop', 'adam'].includes(o.id))
            .map((o) => `${o.id}:${o.defaultLearningRate}`)
            .join(','),
        ),
      ),
    );
    assert.deepEqual(problems, [], how);
    await context.close();
  }
});

// Every page of the built site that has a race on it.
function pagesWithRace(dir = siteRoot, prefix = '') {
  const pages = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) pages.push(...pagesWithRace(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (
      entry.name.endsWith('.html') &&
      fs.readFileSync(path.join(dir, entry.name), 'utf8').includes('<descent-race')
    )
      pages.push(prefix + entry.name);
  }
  return pages;
}

test('every race on the site renders from file:// and the local server', async () => {
  for (const pagePath of pagesWithRace()) {
    for (const [how, url] of siteUrls(baseUrl, pagePath)) {
      const { page, context, problems } = await openPage(browser);
      await page.goto(url);
      const races = page.locator('descent-race');
      for (let i = 0; i < (await races.count()); i++) {
        await races.nth(i).scrollIntoViewIfNeeded();
        await page.waitForFunction(
          (index) => {
            const el = document.querySelectorAll('descent-race')[index];
            return (
              el.race && el.shadowRoot.querySelectorAll('[data-role=finish-board] li').length === el.race.runs.length
            );
          },
          i,
          { timeout: 20000 },
        );
        assert.equal(
          await races.nth(i).evaluate((el) => el.shadowRoot.querySelector('[data-role=error]').textContent),
          '',
          `${how} ${pagePath} race ${i + 1}`,
        );
      }
      assert.deepEqual(problems, [], `${how} ${pagePath}`);
      await context.close();
    }
  }
});

test('every racer moves: its shown position changes between step 0 and the end', async () => {
  const { page, context, problems } = await openRace({
    attributes: 'racers="sgd,momentum,nesterov,adagrad,rmsprop,adam,adamw,lion"',
  });
  const positions = () =>
    page.locator('descent-race [data-role=summary-table] td[data-key=position]').allTextContents();
  await page.locator('descent-race button[title="Back to the start of the race"]').click();
  const atStart = await positions();
  assert.equal(atStart.length, 8);
  assert.equal(new Set(atStart).size, 1, 'all racers start at the same point');
  await page.locator('descent-race button[title="Show the whole race"]').click();
  const atEnd = await positions();
  atEnd.forEach((text, i) => assert.notEqual(text, atStart[i], `racer ${i + 1} did not move`));
  assert.match(await shadowText(page, 'transport'), /step 300 \/ 300/);
  assert.equal((await finishLines(page)).length, 8);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the animation plays through the precomputed race and stops at the end', async () => {
  const { page, context, problems } = await openRace({ attributes: 'steps="40" speed="240"' });
  await page.locator('descent-race button[title="Back to the start of the race"]').click();
  assert.match(await shadowText(page, 'transport'), /step 0 \/ 40/);
  await page.locator('descent-race button[title="Play the race step by step"]').click();
  await page
    .locator('descent-race [data-role=transport]')
    .filter({ hasText: 'step 40 / 40' })
    .waitFor({ timeout: 10000 });
  assert.doesNotMatch(await shadowText(page, 'transport'), /Pause/, 'stopped at the end');
  await page.locator('descent-race button[title="One step back"]').click();
  assert.match(await shadowText(page, 'transport'), /step 39 \/ 40/);
  await page.locator('descent-race button[title="One step forward"]').click();
  assert.match(await shadowText(page, 'transport'), /step 40 \/ 40/);
  assert.deepEqual(problems, []);
  await context.close();
});

// formatNumber/formatPoint of www/js/ui/format.js, at the state panel's 4 digits.
const FORMAT = `
  const num = (v, d = 4) => {
    if (!Number.isFinite(v)) return String(v);
    const m = Math.abs(v);
    return m !== 0 && (m < 1e-3 || m >= 1e6) ? v.toExponential(d - 1) : v.toFixed(d);
  };
  const pt = (a) => '(' + a.map((v) => num(v)).join(', ') + ')';
`;

test('the state panel shows the core numbers of the current step', async () => {
  const { page, context, problems } = await openRace({
    attributes: 'racers="momentum,rmsprop,adam:0.1:beta1=0.8" noise="0.3" seed="7"',
  });
  await page.locator('descent-race button[title="Back to the start of the race"]').click();
  for (let i = 0; i < 6; i++) await page.locator('descent-race button[title="One step forward"]').click();
  await page.locator('descent-race [data-role=state-picker] label').filter({ hasText: 'Adam' }).click();
  const shown = await page.locator('descent-race').evaluate((el) => {
    const root = el.shadowRoot;
    const summary = [...root.querySelectorAll('[data-role=summary-table] tr[data-racer]')].map((row) => ({
      racer: row.dataset.racer,
      cells: Object.fromEntries([...row.querySelectorAll('td')].map((td) => [td.dataset.key, td.textContent])),
    }));
    const state = Object.fromEntries(
      [...root.querySelectorAll('[data-role=state-table] tr')].map((row) => [
        row.dataset.key,
        row.querySelector('td.value').textContent,
      ]),
    );
    return { summary, state };
  });
  const expected = await page.evaluate(async (format) => {
    const { num, pt } = new Function(`${format}; return { num, pt };`)();
    const el = document.querySelector('descent-race');
    const core = await createDescentCore();
    const race = core.runRace(el.config);
    const k = 6;
    const at = (values, i) => [values[2 * i], values[2 * i + 1]];
    const summary = el.config.racers.map((racer, i) => {
      const run = race.runs[i];
      return {
        racer: racer.optimizer,
        cells: { position: pt(at(run.positions, k)), loss: num(run.losses[k]), gradient: pt(at(run.gradients, k)) },
      };
    });
    const adam = race.runs[el.config.racers.findIndex((r) => r.optimizer === 'adam')];
    const state = {
      step: String(k),
      position: pt(at(adam.positions, k)),
      loss: num(adam.losses[k]),
      gradient: pt(at(adam.gradients, k)),
      lr: num(adam.learningRates[k - 1]),
    };
    for (const track of adam.state) state[track.key] = pt(at(track.values, k - 1));
    return { summary, state, keys: adam.state.map((t) => t.key) };
  }, FORMAT);
  assert.deepEqual(shown.summary, expected.summary);
  assert.deepEqual(shown.state, expected.state);
  assert.ok(
    expected.keys.includes('first_moment') && expected.keys.includes('corrected_second_moment'),
    expected.keys.join(','),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('a click on the map sets the common start; the keyboard nudges it', async () => {
  const { page, context, problems } = await openRace();
  const map = page.locator('descent-race canvas.plot');
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width * 0.7, y: box.height * 0.3 } });
  await page.waitForFunction(() => document.querySelector('descent-race').getAttribute('start'));
  const start = (await raceAttribute(page, 'start')).split(',').map(Number);
  assert.equal(start.length, 2);
  await page.waitForFunction((s) => document.querySelector('descent-race').race.runs[0].positions[0] === s[0], start);
  const firstPoints = await page
    .locator('descent-race')
    .evaluate((el) => el.race.runs.map((run) => [run.positions[0], run.positions[1]]));
  for (const point of firstPoints) assert.deepEqual(point, start);
  // The clicked pixel maps back to the point (to the 4 significant digits kept).
  const pixel = await page
    .locator('descent-race')
    .evaluate((el, s) => [el.frame.toPixelX(s[0]), el.frame.toPixelY(s[1])], start);
  assert.ok(
    Math.abs(pixel[0] - box.width * 0.7) < 1.5 && Math.abs(pixel[1] - box.height * 0.3) < 1.5,
    `pixel ${pixel}`,
  );
  await map.focus();
  await map.press('ArrowUp');
  const moved = (await raceAttribute(page, 'start')).split(',').map(Number);
  assert.equal(moved[0], start[0]);
  assert.ok(moved[1] > start[1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('touch: a tap moves the start, press-and-hold reads the curvature instead', async () => {
  const { page, context, problems } = await openRace({ attributes: 'surface="saddle"', hasTouch: true });
  const widget = page.locator('descent-race');
  const touch = (type, world) =>
    widget.evaluate(
      (el, [kind, [x, y]]) => {
        const canvas = el.shadowRoot.querySelector('canvas.plot');
        const rect = canvas.getBoundingClientRect();
        const init = {
          bubbles: true,
          pointerId: 7,
          pointerType: 'touch',
          isPrimary: true,
          clientX: rect.left + el.frame.toPixelX(x),
          clientY: rect.top + el.frame.toPixelY(y),
        };
        canvas.dispatchEvent(new PointerEvent(kind, init));
      },
      [type, world],
    );
  await touch('pointerdown', [0, 0]);
  await page.waitForTimeout(700);
  assert.match(await shadowText(page, 'curvature'), /^Under the pointer, \(x, y\) = \(0\.000, 0\.000\): saddle/);
  await touch('pointerup', [0, 0]);
  await touch('pointerleave', [0, 0]);
  assert.equal(await raceAttribute(page, 'start'), null, 'a hold does not move the start');
  assert.match(await shadowText(page, 'curvature'), /^Under the pointer/, 'the reading stays after the finger lifts');
  await touch('pointerdown', [1, -0.5]);
  await touch('pointerup', [1, -0.5]);
  await page.waitForFunction(() => document.querySelector('descent-race').getAttribute('start'));
  const start = (await raceAttribute(page, 'start')).split(',').map(Number);
  assert.ok(Math.abs(start[0] - 1) < 0.02 && Math.abs(start[1] + 0.5) < 0.02, `start ${start}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a race the core refuses is explained and the last good race stays on screen', async () => {
  const { page, context, problems } = await openRace();
  const widget = page.locator('descent-race');
  const before = await finishLines(page);
  await widget.evaluate((el) => {
    const { core } = el;
    const original = core.runRace;
    core.runRace = (config) =>
      config.steps === 77 ? { ok: false, error: 'refused for the test' } : original.call(core, config);
    el.setAttribute('steps', '77');
  });
  await page.waitForFunction(() =>
    /refused for the test/.test(
      document.querySelector('descent-race').shadowRoot.querySelector('[data-role=error]').textContent,
    ),
  );
  assert.deepEqual(await finishLines(page), before);
  assert.equal(await widget.evaluate((el) => el.config.steps), 300);
  await widget.evaluate((el) => el.setAttribute('steps', '50'));
  await page.waitForFunction(() => document.querySelector('descent-race').config.steps === 50);
  assert.equal(await shadowText(page, 'error'), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the racers attribute round-trips through the URL', async () => {
  const { page, context, problems } = await openRace({ attributes: 'sync-url' });
  const racers = 'sgd:0.05,momentum:0.01:momentum=0.95,adam:0.2:beta1=0.8:beta2=0.99';
  await page.locator('descent-race').evaluate((el, value) => {
    el.setAttribute('racers', value);
    el.setAttribute('surface', 'rosenbrock');
    el.setAttribute('noise', '0.5');
    el.setAttribute('seed', '42');
  }, racers);
  await page.waitForFunction(() => location.hash.includes('race.seed=42'));
  const url = page.url();
  assert.ok(decodeURIComponent(new URL(url).hash).includes(`race.racers=${racers}`), url);
  const expectedBoard = await finishLines(page);
  const expectedConfig = await page.locator('descent-race').evaluate((el) => JSON.stringify(el.config));

  const second = await openPage(browser);
  await second.page.goto(url);
  await addRace(second.page, 'sync-url');
  assert.equal(await raceAttribute(second.page, 'racers'), racers);
  assert.equal(await second.page.locator('descent-race').evaluate((el) => JSON.stringify(el.config)), expectedConfig);
  assert.deepEqual(await finishLines(second.page), expectedBoard);
  // Racer rows reflect it: Adam's β₁ control shows 0.8.
  assert.equal(
    await second.page.locator('descent-race input.number[aria-label="Adam β₁ (momentum decay)"]').inputValue(),
    '0.8',
  );
  assert.equal(
    await second.page.locator('descent-race input.number[aria-label="Momentum momentum μ"]').inputValue(),
    '0.95',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(second.problems, []);
  await context.close();
  await second.context.close();
});

test('racer controls edit the racers attribute', async () => {
  const { page, context, problems } = await openRace();
  await page.locator('descent-race input[aria-label="Lion races"]').check();
  await page.waitForFunction(
    () => document.querySelector('descent-race').getAttribute('racers') === 'sgd,momentum,rmsprop,adam,lion',
  );
  await waitForRace(page);
  assert.equal((await finishLines(page)).length, 5);
  const lr = page.locator('descent-race input.number[aria-label="SGD learning rate α"]');
  await lr.fill('0.05');
  await lr.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('descent-race').getAttribute('racers') === 'sgd:0.05,momentum,rmsprop,adam,lion',
  );
  await page.locator('descent-race input[aria-label="SGD races"]').uncheck();
  await page.waitForFunction(
    () => document.querySelector('descent-race').getAttribute('racers') === 'momentum,rmsprop,adam,lion',
  );
  await page.locator('descent-race input[aria-label="SGD races"]').check();
  // Switched back on with the learning rate it had, at the end (the others keep their noise streams).
  await page.waitForFunction(
    () => document.querySelector('descent-race').getAttribute('racers') === 'momentum,rmsprop,adam,lion,sgd:0.05',
  );
  const typedOut = page.locator('descent-race input.number[aria-label="Momentum learning rate α"]');
  await typedOut.fill('-1');
  await typedOut.press('Enter');
  assert.match(await shadowText(page, 'error'), /Momentum learning rate: "-1" is not a number between/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad racers attribute is explained and the race keeps working', async () => {
  const { page, context, problems } = await openRace();
  const widget = page.locator('descent-race');
  await widget.evaluate((el) => el.setAttribute('racers', 'adamx:0.1'));
  await page.waitForFunction(() =>
    /adamx/.test(document.querySelector('descent-race').shadowRoot.querySelector('[data-role=error]').textContent),
  );
  assert.match(
    await shadowText(page, 'error'),
    /racers: "adamx" is not an optimizer — left out\. Valid: sgd, momentum/,
  );
  assert.equal((await finishLines(page)).length, 4, 'falls back to the default field');

  await widget.evaluate((el) => el.setAttribute('racers', 'sgd:fast,adam'));
  await page.waitForFunction(() =>
    /fast/.test(document.querySelector('descent-race').shadowRoot.querySelector('[data-role=error]').textContent),
  );
  assert.match(await shadowText(page, 'error'), /racers: sgd: learning rate "fast" is not a number/);
  await waitForRace(page);
  const lines = await finishLines(page);
  assert.equal(lines.length, 2);
  assert.ok(
    lines.some((line) => line.startsWith('SGD')) && lines.some((line) => line.startsWith('ADAM')),
    lines.join(' | '),
  );
  assert.equal(
    await widget.evaluate((el) => el.config.racers[0].lr),
    await page.evaluate(() => createDescentCore().then((core) => core.catalog().optimizers[0].defaultLearningRate)),
  );

  await widget.evaluate((el) => el.setAttribute('racers', 'sgd,sgd:0.1,adam:beta3=2'));
  await page.waitForFunction(() =>
    /twice/.test(document.querySelector('descent-race').shadowRoot.querySelector('[data-role=error]').textContent),
  );
  assert.match(
    await shadowText(page, 'error'),
    /adam has no hyper-parameter "beta3" \(its keys: beta1, beta2, eps, weight_decay\)/,
  );

  await widget.evaluate((el) => el.setAttribute('surface', 'quadratic1d'));
  await page.waitForFunction(() =>
    /2-D surface/.test(
      document.querySelector('descent-race').shadowRoot.querySelector('[data-role=error]').textContent,
    ),
  );

  await widget.evaluate((el) => {
    el.setAttribute('racers', 'rmsprop:0.01:alpha=0.9');
    el.removeAttribute('surface');
  });
  await page.waitForFunction(
    () => document.querySelector('descent-race').shadowRoot.querySelector('[data-role=error]').textContent === '',
  );
  await waitForRace(page);
  assert.equal((await finishLines(page)).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hovering a saddle point shows "saddle" in the curvature readout', async () => {
  const { page, context, problems } = await openRace({ attributes: 'surface="saddle"' });
  const map = page.locator('descent-race canvas.plot');
  const [px, py] = await page.locator('descent-race').evaluate((el) => [el.frame.toPixelX(0), el.frame.toPixelY(0)]);
  await map.hover({ position: { x: px, y: py } });
  await page.locator('descent-race [data-role=curvature]').filter({ hasText: 'Under the pointer' }).waitFor();
  const text = await shadowText(page, 'curvature');
  assert.match(text, /saddle/, text);
  const expected = await page.evaluate(async () => {
    const el = document.querySelector('descent-race');
    const core = await createDescentCore();
    return core.surfaceCurvature({ surface: 'saddle', point: el.probe.point }).explanation;
  });
  assert.ok(text.includes(expected), `${text} should include ${expected}`);
  // Away from the map, the readout follows the selected racer's current point.
  await page.mouse.move(1, 1);
  await page.locator('descent-race [data-role=curvature]').filter({ hasText: 'at step' }).waitFor();
  // Started exactly on the ridge line y = 0, plain SGD slides into the saddle point and stops.
  await page.locator('descent-race').evaluate((el) => {
    el.setAttribute('start', '1,0');
    el.setAttribute('racers', 'sgd:0.1,adam');
  });
  await page.waitForFunction(() => document.querySelector('descent-race').config.racers.length === 2);
  await waitForRace(page);
  const board = await finishLines(page);
  assert.ok(
    board.some((line) => line.startsWith('SGD — stuck at a saddle point')),
    board.join(' | '),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('noise: a seeded race is reproducible and differs from the noiseless one', async () => {
  const { page, context, problems } = await openRace({
    attributes: 'surface="saddle" racers="sgd,momentum" steps="200"',
  });
  const ends = () =>
    page.locator('descent-race').evaluate((el) => el.race.runs.map((run) => run.losses[run.stepsCompleted]));
  const quiet = await ends();
  await page.locator('descent-race').evaluate((el) => el.setAttribute('noise', '0.2'));
  await page.waitForFunction(() => document.querySelector('descent-race').config.noise === 0.2);
  const noisy = await ends();
  assert.notDeepEqual(noisy, quiet);
  await page.locator('descent-race').evaluate((el) => el.setAttribute('seed', '2'));
  await page.waitForFunction(() => document.querySelector('descent-race').config.seed === 2);
  const otherSeed = await ends();
  assert.notDeepEqual(otherSeed, noisy);
  await page.locator('descent-race').evaluate((el) => el.setAttribute('seed', '1'));
  await page.waitForFunction(() => document.querySelector('descent-race').config.seed === 1);
  assert.deepEqual(await ends(), noisy);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the race fits a 360 px wide phone without sideways scrolling', async () => {
  const { page, context, problems } = await openRace({ viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `overflows by ${overflow}px`);
  const widths = await page
    .locator('descent-race')
    .evaluate((el) => [el.getBoundingClientRect().width, el.shadowRoot.querySelector('.widget').scrollWidth]);
  assert.ok(widths[1] <= widths[0] + 1, `widget content ${widths[1]}px in ${widths[0]}px`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('with reduced motion the race shows its end instead of animating; removal stops it cleanly', async () => {
  const { page, context, problems } = await openRace({ reducedMotion: 'reduce' });
  assert.match(await shadowText(page, 'transport'), /step 300 \/ 300/);
  assert.equal(await page.locator('descent-race').evaluate((el) => el.animator.playing), false);
  await page.locator('descent-race button[title="Play the race step by step"]').click();
  await page.evaluate(() => document.querySelector('descent-race').remove());
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the curvature readout calls a point a minimum only where the gradient is about zero', async () => {
  const { page, context, problems } = await openRace({ attributes: 'surface="bowl" racers="sgd:0.01" steps="5"' });
  await waitForRace(page);
  await page.locator('descent-race').evaluate((el) => el.showAll());
  // SGD after 5 small steps is still on the bowl's side.
  await page.locator('descent-race [data-role=curvature]').filter({ hasText: 'at step 5' }).waitFor();
  const side = await shadowText(page, 'curvature');
  assert.match(side, /: bowl-shaped here \(both curvatures positive\) —/, side);
  assert.equal(await page.locator('descent-race [data-role=curvature] .kind.minimum').count(), 0);
  // The bottom of the bowl, under the pointer, is the minimum.
  const [px, py] = await page.locator('descent-race').evaluate((el) => [el.frame.toPixelX(0), el.frame.toPixelY(0)]);
  await page.locator('descent-race canvas.plot').hover({ position: { x: px, y: py } });
  await page.locator('descent-race [data-role=curvature]').filter({ hasText: 'Under the pointer' }).waitFor();
  assert.match(await shadowText(page, 'curvature'), /\(0\.000, 0\.000\): minimum —/);
  assert.deepEqual(problems, []);
  await context.close();
});
