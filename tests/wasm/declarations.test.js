// bindings/descent-core.d.ts against the built module: every function and class the module
// exports is declared and every declared one exists (with the same methods), the checked API
// (module.api) wraps exactly those functions, and tests/types/api-usage.ts — which tsc compiles
// against the declarations — calls every one of them.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadCore, repoRoot } = require('./load-core.js');

const declarations = fs.readFileSync(path.join(repoRoot, 'bindings', 'descent-core.d.ts'), 'utf8');
const usage = fs.readFileSync(path.join(repoRoot, 'tests', 'types', 'api-usage.ts'), 'utf8');

// The member names of every `interface Name … { … }` block (merged across blocks): names that
// start a line at the block's top level, before `(`, `:`, `?` or `<`.
function interfaceMembers(text) {
  const source = text.replace(/\/\/[^\n]*/g, '');
  const members = new Map();
  const header = /(?:export\s+)?interface\s+(\w+)[^{]*\{/g;
  for (let match; (match = header.exec(source));) {
    const names = members.get(match[1]) ?? new Set();
    members.set(match[1], names);
    let depth = 1;
    let lineStart = true;
    let index = header.lastIndex;
    for (; index < source.length && depth > 0; ++index) {
      const character = source[index];
      if (character === '{' || character === '(' || character === '[') ++depth;
      else if (character === '}' || character === ')' || character === ']') --depth;
      if (character === '\n' || character === ';') {
        lineStart = true;
        continue;
      }
      if (lineStart && depth === 1 && /\S/.test(character)) {
        lineStart = false;
        const member = /^(?:readonly\s+)?([A-Za-z_$][\w$]*)\s*[?(:<]/.exec(source.slice(index));
        if (member) names.add(member[1]);
      }
    }
    header.lastIndex = index;
  }
  return members;
}

const declared = interfaceMembers(declarations);
// Members the checked API adds next to the wrapped functions (interface DescentApi).
const API_EXTRAS = ['DescentError', 'using', 'raw', 'development'];

// embind gives every registered function a numeric argCount (replacePublicSymbol); a registered
// class is a constructor whose prototype has embind's isDeleted.
function embindFunctions(module) {
  return Object.keys(module)
    .filter((key) => typeof module[key] === 'function' && typeof module[key].argCount === 'number')
    .sort();
}
function embindClasses(module) {
  return Object.keys(module)
    .filter(
      (key) =>
        typeof module[key] === 'function' &&
        typeof module[key].argCount !== 'number' &&
        typeof module[key].prototype?.isDeleted === 'function',
    )
    .sort();
}
// Interfaces of objects the caller must delete() (not Deletable itself): the classes' declarations.
const handleInterfaces = [...declared]
  .filter(([, names]) => names.has('delete') && names.size > 1)
  .map(([name]) => name)
  .sort();

test('the .d.ts declares exactly the functions the module exports, and api', async () => {
  const module = await loadCore();
  const functions = embindFunctions(module);
  assert.ok(functions.length > 40, `found ${functions.length} embind functions`);
  const core = [...declared.get('DescentCore')].sort();
  assert.deepEqual(core, [...functions, 'api'].sort(), 'interface DescentCore vs the module');
  assert.equal(typeof module.api, 'object');
});

test('every class the module exports is a declared interface with the same methods', async () => {
  const module = await loadCore();
  const classes = embindClasses(module);
  assert.deepEqual(classes, [
    'CnnActivationMaximizer',
    'CnnSession',
    'DynamicsProbe',
    'LrRangeTest',
    'LrRuns',
    'NeuralNetwork',
    'Playground',
    'RegularizationTraining',
    'RnnSession',
    'SgdRun',
  ]);
  assert.deepEqual(handleInterfaces, classes, 'interfaces with delete() vs the module classes');
  for (const name of classes) {
    const prototype = module[name].prototype;
    const methods = Object.getOwnPropertyNames(prototype).filter(
      (key) => key !== 'constructor' && typeof prototype[key] === 'function',
    );
    assert.deepEqual(
      [...declared.get(name)].filter((key) => key !== 'delete').sort(),
      methods.sort(),
      `${name}'s methods`,
    );
    assert.equal(typeof prototype.delete, 'function');
  }
});

test('module.api wraps every function and adds only what DescentApi declares', async () => {
  const module = await loadCore();
  assert.deepEqual([...declared.get('DescentApi')].sort(), [...API_EXTRAS].sort());
  assert.deepEqual(Object.keys(module.api).sort(), [...embindFunctions(module), ...API_EXTRAS].sort());
});

test('tests/types/api-usage.ts calls every declared function and method', () => {
  const callable = new Set(declared.get('DescentCore'));
  callable.delete('api');
  for (const name of handleInterfaces) for (const method of declared.get(name)) callable.add(method);
  for (const name of API_EXTRAS) callable.add(name);
  const missing = [...callable].filter((name) => !new RegExp(`\\.${name}\\b`).test(usage));
  assert.deepEqual(missing, [], 'used nowhere in tests/types/api-usage.ts');
});
