// The lower panels of <descent-conv>, drawn from the core's results: the backward pass (one output
// cell's gradient on the input and on its feature map), the receptive field of a stack, and the
// cost table. Pure functions of the widget's parts, result and settings.
import { countColor, divergingColor, drawImage, largestMagnitude } from '../../ui/cell-grid.js';
import { formatNumber } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { themeOf } from '../../ui/palette.js';
import { counted, formatValue, grouped } from './numbers.js';

const FIELD_COLOR_KEY = 'highlight';

export function renderGradientPanel(parts, run, config, filterIndex) {
  const { image, conv, traced } = run;
  const side = Math.min(300, parts['input-gradient'].clientWidth || 260);
  const context = prepareCanvas(parts['input-gradient'], side, side);
  const theme = themeOf(context);
  const plane = image.height * image.width;
  const summed = new Float32Array(plane);
  for (let c = 0; c < image.channels; c++)
    for (let i = 0; i < plane; i++) summed[i] += conv.inputGradient[c * plane + i];
  const scale = largestMagnitude(summed);
  drawImage(context, side, side, image, { overlay: { colorOf: (i) => divergingColor(summed[i], scale, theme) } });
  const mapPlane = conv.convHeight * conv.convWidth;
  const mapGradient = conv.featureMapGradient.subarray(filterIndex * mapPlane, (filterIndex + 1) * mapPlane);
  const mapContext = prepareCanvas(parts['map-gradient'], side, side);
  const mapScale = largestMagnitude(mapGradient);
  drawImage(
    mapContext,
    side,
    side,
    { channels: 1, height: conv.convHeight, width: conv.convWidth, pixels: new Float32Array(mapPlane) },
    { overlay: { colorOf: (i) => divergingColor(mapGradient[i], mapScale, theme) } },
  );
  const nonZero = summed.reduce((count, value) => count + (value !== 0), 0);
  const mapNonZero = mapGradient.reduce((count, value) => count + (value !== 0), 0);
  const where = config.pool === 'none' ? 'feature map' : `pooled map`;
  const routing = {
    max: ' (max pooling sends it to the largest value of the window only)',
    average: ' (average pooling shares it equally over the window)',
    none: '',
  }[config.pool];
  const status = `Cell (${traced[0]}, ${traced[1]}) of ${where} ${filterIndex + 1}: ${mapNonZero} of ${mapPlane} feature-map cells and ${nonZero} of ${plane} input pixels get a non-zero gradient${routing}. Its value: ${tracedValue(run, config, filterIndex)}`;
  parts['gradient-status'].textContent = status;
  parts['input-gradient'].setAttribute(
    'aria-label',
    `Gradient of the traced cell with respect to the input: ${nonZero} non-zero pixels`,
  );
  parts['map-gradient'].setAttribute(
    'aria-label',
    `Gradient of the traced cell with respect to feature map ${filterIndex + 1}: ${mapNonZero} non-zero cells`,
  );
}

// The traced output cell's value, from the core's maps; pooled, with the window it pooled.
function tracedValue(run, s, filterIndex) {
  const { conv, traced } = run;
  const relu = s.activation === 'relu';
  const shown = relu ? conv.activated : conv.featureMaps;
  const mapStart = filterIndex * conv.convHeight * conv.convWidth;
  const [row, column] = traced;
  if (s.pool === 'none') {
    return `${relu ? 'ReLU(z)' : 'z'} = ${formatValue(shown[mapStart + row * conv.convWidth + column])}`;
  }
  const size = s['pool-size'];
  const stride = s['pool-stride'] ?? size;
  const window = [];
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++)
      window.push(formatValue(shown[mapStart + (row * stride + r) * conv.convWidth + column * stride + c]));
  const pooledAt = (filterIndex * conv.outputHeight + row) * conv.outputWidth + column;
  return `${s.pool === 'max' ? 'max' : 'mean'}(${window.join(', ')}) = ${formatValue(conv.pooled[pooledAt])}`;
}

// `stack`: the field attribute as the learner would type it.
export function renderFieldPanel(parts, run, stack) {
  const { image, field } = run;
  const side = Math.min(300, parts.field.clientWidth || 260);
  const context = prepareCanvas(parts.field, side, side);
  const theme = themeOf(context);
  const largest = Math.max(...field.paths);
  // Room for the field where it reaches past the image into the padding.
  const margin = Math.max(
    0,
    -field.firstRow,
    -field.firstColumn,
    field.lastRow - image.height + 1,
    field.lastColumn - image.width + 1,
  );
  drawImage(context, side, side, image, {
    padding: Math.min(margin, 12),
    overlay: { colorOf: (i) => countColor(field.paths[i], largest, theme) },
    box: { ...field, color: theme[FIELD_COLOR_KEY] },
  });
  const seen = field.paths.reduce((count, value) => count + (value > 0), 0);
  const last = field.sizes.length - 1;
  parts['field-status'].textContent =
    `${stack}: output ${field.heights[last]}×${field.widths[last]}, field ${field.sizes[last]}×${field.sizes[last]} pixels, jump ${field.jumps[last]}; ` +
    `cell (${field.row}, ${field.column}) sees rows ${field.firstRow}–${field.lastRow}, columns ${field.firstColumn}–${field.lastColumn}: ${seen} pixels of the image, up to ${counted(largest, 'path')} to one pixel`;
  parts.field.setAttribute(
    'aria-label',
    `Receptive field of cell (${field.row}, ${field.column}): ${seen} input pixels shaded by path count`,
  );
}

export function renderCostPanel(parts, costs, s) {
  const k = `${s.kernel}×${s.kernel}`;
  const rows = [
    [`Standard ${k}`, costs.standard],
    [`Depthwise ${k} (one per channel)`, costs.depthwise],
    ['Pointwise 1×1', costs.pointwise],
    [`Depthwise separable = both`, costs.separable],
    [`1×1 down to ${s.bottleneck} channels`, costs.reduction],
    [`${k} from ${s.bottleneck} channels`, costs.bottlenecked],
    [`Bottleneck = both`, costs.bottleneck],
  ];
  const ratio = (cost) => `${formatNumber(costs.standard.multiplyAdds / cost.multiplyAdds, 2)}×`;
  const table = parts.costs;
  table.replaceChildren();
  const caption = table.createCaption();
  caption.className = 'hint';
  caption.textContent = `${s['cost-size']}×${s['cost-size']}×${s['cost-in']} → ${s['cost-size']}×${s['cost-size']}×${s['cost-out']}, weights only (no biases), one image`;
  const head = table.createTHead().insertRow();
  for (const text of ['Layer', 'Weights', 'Multiply-adds', 'Cheaper than standard']) {
    const cell = document.createElement('th');
    cell.textContent = text;
    head.append(cell);
  }
  // Multiply-adds against the standard layer's, said the way round that reads as a saving or a cost.
  const cheaper = (cost) => {
    const factor = costs.standard.multiplyAdds / cost.multiplyAdds;
    const comparison = factor >= 1 ? `${formatNumber(factor, 2)}× cheaper` : `${formatNumber(1 / factor, 2)}× dearer`;
    return `${grouped(cost.weights)} weights, ${comparison}`;
  };
  parts['cost-status'].textContent =
    `Standard ${k}: ${grouped(costs.standard.weights)} weights, ${grouped(costs.standard.multiplyAdds)} multiply-adds | ` +
    `depthwise separable: ${cheaper(costs.separable)} | bottleneck through ${s.bottleneck}: ${cheaper(costs.bottleneck)}`;
  const body = table.createTBody();
  for (const [label, cost] of rows) {
    const row = body.insertRow();
    const total = label.endsWith('both') || label.startsWith('Standard');
    for (const text of [label, grouped(cost.weights), grouped(cost.multiplyAdds), total ? ratio(cost) : '']) {
      const cell = row.insertCell();
      cell.textContent = text;
      if (total) cell.style.fontWeight = '600';
    }
  }
}
