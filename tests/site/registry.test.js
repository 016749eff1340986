// The widget registry against everything that names a widget: README.md's widget list,
// bindings/descent-core.d.ts (every core function a widget calls), the widgets' own code (the
// core functions they call are the ones the registry lists), and the generated home and embed
// pages (every widget listed, an attribute row for every schema entry). No browser: the core's
// catalogs are read from build/wasm/descent-core.js (DESCENT_CORE_JS), and the site is built into
// a temporary folder from it.
//
//   node --test tests/site/registry.test.js
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const corePath = path.resolve(process.env.DESCENT_CORE_JS ?? path.join(root, 'build', 'wasm', 'descent-core.js'));
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');

let registry;
test.before(async () => {
  const { loadCoreCatalogs, loadRegistryModule, loadWidgets } = await import(
    path.join(root, 'build-scripts', 'site', 'registry.mjs')
  );
  const catalogs = await loadCoreCatalogs(corePath);
  registry = { ...(await loadRegistryModule()), catalogs, widgets: await loadWidgets(catalogs) };
});

const folderOf = (widget) => widget.tag.replace(/^descent-/, '');

test('the registry lists 17 widgets, each with its folder, schema descriptions and core functions', () => {
  assert.equal(registry.widgets.length, 17);
  for (const widget of registry.widgets) {
    for (const file of ['element.js', 'state.js']) {
      assert.ok(
        fs.existsSync(path.join(root, 'www', 'js', 'widgets', folderOf(widget), file)),
        `${widget.tag}: ${file}`,
      );
    }
    assert.equal(
      widget.element.name.toLowerCase(),
      widget.tag.replace(/-/g, ''),
      `${widget.tag}: element class ${widget.element.name}`,
    );
    for (const entry of widget.schema) assert.ok(entry.description?.trim(), `${widget.tag} ${entry.name}: description`);
  }
});

// Global HTML attributes: a widget attribute with one of these names would be set by ordinary
// markup (<descent-loss class="card">) and would change the page's meaning of it.
const GLOBAL_ATTRIBUTES = ['class', 'id', 'style', 'title', 'hidden', 'lang', 'dir', 'slot', 'part'];

test('no widget attribute claims a global HTML attribute name', () => {
  for (const widget of registry.widgets) {
    const names = new Set([
      ...widget.schema.map((entry) => entry.name),
      ...(widget.element.stateAttributes ?? []),
      ...(widget.element.observedAttributes ?? []),
    ]);
    for (const name of GLOBAL_ATTRIBUTES) {
      assert.ok(!names.has(name), `${widget.tag} uses the global attribute name '${name}'`);
    }
  }
});

test('only the widget loader defines custom elements, from the parts the site build makes', () => {
  const widgetsDir = path.join(root, 'www', 'js');
  const files = fs.readdirSync(widgetsDir, { recursive: true }).filter((file) => file.endsWith('.js'));
  const defining = files.filter((file) => /\.define\(/.test(fs.readFileSync(path.join(widgetsDir, file), 'utf8')));
  assert.deepEqual(
    defining.map((file) => file.split(path.sep).join('/')),
    ['widgets/widget-loader.js'],
  );
  assert.doesNotMatch(read('www/js/main.js'), /widgets\/[a-z]+\/element\.js/);
});

test("README.md's widget list names every registered widget", () => {
  const readme = read('README.md');
  const listed = new Set([...readme.matchAll(/^- `<(descent-[a-z0-9-]+)>`/gm)].map((match) => match[1]));
  for (const widget of registry.widgets) assert.ok(listed.has(widget.tag), `README.md does not list <${widget.tag}>`);
  for (const tag of listed)
    assert.ok(
      registry.widgets.some((widget) => widget.tag === tag),
      `README.md lists <${tag}>, which is not registered`,
    );
});

test('bindings/descent-core.d.ts declares every core function a widget calls', () => {
  const declarations = read('bindings/descent-core.d.ts');
  const declared = new Set();
  for (const block of declarations.matchAll(/export interface DescentCore \{([\s\S]*?)\n\}/g)) {
    for (const match of block[1].matchAll(/^\s+([a-zA-Z]+)\(/gm)) declared.add(match[1]);
  }
  for (const name of registry.SHARED_CORE_FUNCTIONS)
    assert.ok(declared.has(name), `descent-core.d.ts does not declare ${name}()`);
  for (const widget of registry.widgets) {
    for (const name of widget.core)
      assert.ok(declared.has(name), `<${widget.tag}> calls ${name}(), which descent-core.d.ts does not declare`);
  }
});

test("a widget's code calls only the core functions its registry entry lists", () => {
  for (const widget of registry.widgets) {
    const dir = path.join(root, 'www', 'js', 'widgets', folderOf(widget));
    const called = new Set();
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.js'))) {
      for (const match of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/\b(?:core|api)\.([a-zA-Z]+)\(/g))
        called.add(match[1]);
    }
    const listed = new Set([...widget.core, ...registry.SHARED_CORE_FUNCTIONS]);
    for (const name of called)
      assert.ok(listed.has(name), `<${widget.tag}> calls core.${name}() but its registry entry does not list it`);
  }
});

test('the generated home and embed pages list every widget, with a row for every attribute', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-site-'));
  try {
    execFileSync(
      process.execPath,
      [path.join(root, 'build-scripts', 'build-site.mjs'), '--core', corePath, '--out', out],
      { stdio: 'pipe' },
    );
    const home = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const embed = fs.readFileSync(path.join(out, 'embed.html'), 'utf8');
    const homeTags = [...home.matchAll(/<li class="widget-card" data-widget="(descent-[a-z0-9-]+)">/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(
      homeTags,
      registry.widgets.map((widget) => widget.tag),
    );
    // A page loads its own widgets' parts right after descent.js (not the gallery's, kept in
    // <template>s until asked for); the embed page loads them on demand.
    const scriptsOf = (html) =>
      [...html.matchAll(/<script src="[^"]*parts\/([a-z]+)\.js"><\/script>/g)].map((m) => m[1]);
    assert.deepEqual(scriptsOf(home), ['surfaces']);
    assert.deepEqual(scriptsOf(fs.readFileSync(path.join(out, 'lessons', 'convolutional-layers.html'), 'utf8')), [
      'vision',
    ]);
    assert.deepEqual(scriptsOf(embed), []);
    // descent.js maps every tag to its part, and that part's file defines the tag's class.
    const descent = fs.readFileSync(path.join(out, 'descent.js'), 'utf8');
    for (const widget of registry.widgets) {
      const part = widget.element.corePart;
      assert.match(descent, new RegExp(`"${widget.tag}":"${part}"`), `descent.js does not map <${widget.tag}>`);
      const script = fs.readFileSync(path.join(out, 'parts', `${part}.js`), 'utf8');
      assert.ok(script.includes(`"${widget.tag}":`), `parts/${part}.js does not carry <${widget.tag}>`);
    }
    for (const widget of registry.widgets) {
      const section = new RegExp(`<section id="${folderOf(widget)}" class="embed-widget"[\\s\\S]*?</section>`).exec(
        embed,
      );
      assert.ok(section, `embed.html has no section for <${widget.tag}>`);
      const rows = [...section[0].matchAll(/<tr><td data-label="Attribute"><code>([a-z0-9-]+)<\/code><\/td>/g)].map(
        (m) => m[1],
      );
      assert.deepEqual(
        rows.filter((name) => name !== 'sync-url').sort(),
        widget.schema.map((entry) => entry.name).sort(),
        `<${widget.tag}> attribute rows`,
      );
      assert.ok(rows.includes('sync-url'), `<${widget.tag}>: sync-url row`);
    }
    // The hand-kept lists are gone: the sources carry markers, not widget names.
    assert.doesNotMatch(read('www/index.html'), /widget-card|<template\b/);
    assert.doesNotMatch(read('www/embed.html'), /attribute-table/);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("<descent-gd>'s optimizer and schedule parameter attributes are the core catalog's keys", async () => {
  const esbuild = require('esbuild');
  const { outputFiles } = await esbuild.build({
    entryPoints: [path.join(root, 'www', 'js', 'widgets', 'gd', 'state.js')],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const gd = await import('data:text/javascript;base64,' + Buffer.from(outputFiles[0].text).toString('base64'));
  const { catalog } = registry.catalogs;
  const keysOf = (items, field) => [...new Set(items.flatMap((item) => item[field].map((info) => info.key)))].sort();
  assert.deepEqual([...gd.HYPER_PARAMETER_KEYS].sort(), keysOf(catalog.optimizers, 'hyperParameters'));
  assert.deepEqual([...gd.SCHEDULE_PARAMETER_KEYS].sort(), keysOf(catalog.schedules, 'parameters'));
});
