// The architecture calculator's JavaScript API: architectureCatalog and architectureTable give the
// same tables as the native build (tests/core/nn/architectures_test.cpp: the totals torchvision and
// the papers publish), as typed arrays, and a message for an unknown id.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('./load-core.js');

// id → [parameters, multiply-adds, layers]: the native test's figures.
const TOTALS = {
  lenet5: [61706, 416520, 7],
  alexnet: [61100840, 714188480, 11],
  vgg16: [138357544, 15470264320, 21],
  resnet18: [11689512, 1814073344, 31],
  resnet50: [25557032, 4089184256, 72],
  googlenet: [6998552, 1582671872, 81],
  mobilenet: [4231976, 568740352, 29],
};

test('architectureCatalog lists the seven networks with titles', async () => {
  const core = await loadCore();
  const catalog = core.architectureCatalog();
  assert.deepEqual(catalog.ids, Object.keys(TOTALS));
  assert.equal(catalog.titles.length, catalog.ids.length);
  assert.match(catalog.titles[catalog.ids.indexOf('resnet50')], /ResNet-50/);
});

test('architectureTable: the native totals, parallel typed arrays that add up to them', async () => {
  const core = await loadCore();
  for (const [id, [parameters, multiplyAdds, count]] of Object.entries(TOTALS)) {
    const table = core.architectureTable({ id });
    assert.equal(table.ok, true, table.error);
    assert.equal(table.id, id);
    assert.equal(table.totalParameters, parameters, id);
    assert.equal(table.totalMultiplyAdds, multiplyAdds, id);
    const { layers } = table;
    assert.equal(layers.names.length, count, id);
    for (const key of [
      'kinds',
      'channels',
      'heights',
      'widths',
      'parameters',
      'multiplyAdds',
      'fieldSizes',
      'fieldJumps',
    ]) {
      assert.equal(layers[key].length, count, `${id}.${key}`);
    }
    assert.ok(layers.channels instanceof Int32Array && layers.parameters instanceof Float64Array);
    assert.equal(
      layers.parameters.reduce((sum, value) => sum + value, 0),
      parameters,
      id,
    );
    assert.equal(
      layers.multiplyAdds.reduce((sum, value) => sum + value, 0),
      multiplyAdds,
      id,
    );
    assert.equal(layers.kinds.at(-1), 'dense');
    assert.equal(layers.channels.at(-1), id === 'lenet5' ? 10 : 1000);
  }
});

test('architectureTable: ResNet-50 layer by layer', async () => {
  const core = await loadCore();
  const table = core.architectureTable({ id: 'resnet50' });
  assert.deepEqual(table.inputShape, { channels: 3, height: 224, width: 224 });
  const { layers } = table;
  const at = (name) => layers.names.indexOf(name);
  assert.deepEqual(layers.names.slice(0, 3), ['conv1', 'maxpool', 'layer1.0.conv1']);
  assert.equal(layers.kinds[at('layer1.0')], 'add');
  const last = at('layer4.2');
  assert.deepEqual([layers.channels[last], layers.heights[last], layers.widths[last]], [2048, 7, 7]);
  assert.equal(layers.fieldSizes[last], 427);
  assert.equal(layers.fieldJumps[last], 32);
  assert.equal(layers.parameters[at('layer1.0.downsample')], 64 * 256 + 2 * 256);
});

test('an unknown id or a bad request is answered with a message', async () => {
  const core = await loadCore();
  const unknown = core.architectureTable({ id: 'resnet152' });
  assert.equal(unknown.ok, false);
  assert.equal(
    unknown.error,
    'unknown architecture "resnet152": choose one of lenet5, alexnet, vgg16, resnet18, resnet50, googlenet, mobilenet',
  );
  assert.match(core.architectureTable({}).error, /unknown architecture ""/);
  assert.match(core.architectureTable({ id: 7 }).error, /id/);
  assert.match(core.architectureTable('vgg16').error, /needs an object/);
  assert.throws(() => core.api.architectureTable({ id: 'vgg19' }), /unknown architecture "vgg19"/);
});
