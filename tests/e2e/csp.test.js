// A teacher's page with a strict Content-Security-Policy: no 'unsafe-eval', no inline styles, no
// connections. Every widget must paint with its styles, and nothing may be refused; without
// 'wasm-unsafe-eval' every widget must say in its own box why the core cannot start.
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPage, siteRoot } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const STRICT_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const NO_WASM_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'";

// Every widget the site documents (the embed page has one section per registered widget).
const TAGS = [...new Set(fs.readFileSync(path.join(siteRoot, 'embed.html'), 'utf8').match(/<descent-[a-z-]+/g))].map(
  (tag) => tag.slice(1),
);

// Opens a page on the loopback server, sent with `policy` as its Content-Security-Policy header,
// holding descent.js and one of each widget; records every CSP violation the page reports.
async function openPolicyPage(policy) {
  const opened = await openPage(browser);
  await opened.page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || event.sample}`),
    );
  });
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>' +
    '<script src="/descent.js"></script></head><body>' +
    TAGS.map((tag) => `<${tag}></${tag}>`).join('\n') +
    '</body></html>';
  await opened.page.route(`${baseUrl}/strict-csp.html`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy },
      body,
    }),
  );
  await opened.page.goto(`${baseUrl}/strict-csp.html`);
  return opened;
}

test(`every widget paints under "${STRICT_POLICY}"`, async () => {
  assert.ok(TAGS.length >= 12, `embed.html lists ${TAGS.length} widgets`);
  const { page, context, problems } = await openPolicyPage(STRICT_POLICY);
  for (const tag of TAGS) {
    await page.locator(tag).scrollIntoViewIfNeeded();
    await page.waitForFunction((selector) => document.querySelector(selector).renderCount > 0, tag, {
      timeout: 20000,
    });
    const look = await page.evaluate((selector) => {
      const root = document.querySelector(selector).shadowRoot;
      return {
        error: root.querySelector('[data-role=error]').textContent,
        // From the widget's own stylesheet: refused styles would leave the box square.
        radius: getComputedStyle(root.querySelector('.widget')).borderTopLeftRadius,
      };
    }, tag);
    assert.deepEqual(look, { error: '', radius: '10px' }, tag);
  }
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("without 'wasm-unsafe-eval' every widget says why the core cannot start", async () => {
  const { page, context } = await openPolicyPage(NO_WASM_POLICY);
  for (const tag of TAGS) {
    await page.locator(tag).scrollIntoViewIfNeeded();
    const error = page.locator(`${tag} [data-role=error]`);
    await error.filter({ hasText: 'could not start' }).waitFor({ timeout: 20000 });
    assert.match(
      await error.textContent(),
      /Content-Security-Policy does not allow WebAssembly.*'wasm-unsafe-eval'/,
      tag,
    );
    assert.equal(await page.locator(`${tag} [data-loading]`).first().textContent(), '', tag);
  }
  await context.close();
});
