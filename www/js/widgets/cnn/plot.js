// Drawing for <descent-cnn>, from the core's numbers: the per-epoch charts, the first layer's
// filters, the confusion matrix, a digit with a saliency or Grad-CAM overlay, the feature maps of
// every layer and the class probabilities. Pure functions of a canvas (or container) and results.
import { drawBars, drawLegend } from '../../ui/bar-chart.js';
import { divergingColor, drawImage, drawMaps, largestMagnitude, mapLayout } from '../../ui/cell-grid.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { OKABE_ITO, channels, themeOf } from '../../ui/palette.js';

export const TRAIN_COLOR = OKABE_ITO.blue;
export const TEST_COLOR = OKABE_ITO.vermillion;
const CHART_HEIGHT = 180;
const percent = (value) => `${(value * 100).toFixed(1)} %`;

// Train and test per epoch (index k is epoch k + 1, and is labelled so).
export function drawEpochChart(canvas, width, train, test, { yLabel, percent = false }) {
  const context = prepareCanvas(canvas, width, CHART_HEIGHT);
  const scale = percent ? 100 : 1;
  const values = (array) => Array.from(array, (v) => v * scale);
  if (train.length === 0) {
    const theme = themeOf(context);
    context.fillStyle = theme.muted;
    context.font = '13px system-ui, sans-serif';
    const message = 'No epoch finished yet: press Play or Skip ahead.';
    // Two lines where one does not fit (a phone, or the chart beside its twin on a desktop).
    const lines = context.measureText(message).width <= width - 24 ? [message] : message.split(/(?<=:) /);
    lines.forEach((line, k) => context.fillText(line, 12, CHART_HEIGHT / 2 + (k - (lines.length - 1) / 2) * 18));
    return;
  }
  const frame = drawLineChart(context, width, CHART_HEIGHT, {
    series: [
      { values: values(train), color: TRAIN_COLOR, label: 'training' },
      { values: values(test), color: TEST_COLOR, label: 'test' },
    ],
    currentIndex: train.length - 1,
    xLabel: 'epoch',
    xTickLabel: (x) => (Number.isInteger(x) ? String(x + 1) : ''),
    yLabel,
  });
  // Loss falls and accuracy rises: the legend goes where the lines are not (top or bottom right).
  const legendTop = percent ? frame?.area.top + frame?.area.height - 40 : frame?.area.top;
  if (frame)
    drawLegend(context, { ...frame.area, left: frame.area.left + frame.area.width - 110, top: legendTop }, [
      { label: 'training', color: TRAIN_COLOR },
      { label: 'test', color: TEST_COLOR },
    ]);
}

// The first conv layer's count kernels (count × kernel × kernel weights), one diverging scale.
export function drawFilters(canvas, width, { count, kernel, weights }) {
  const layout = mapLayout(width, count, kernel, kernel, { maxCell: 12, gap: 8, labelHeight: 14 });
  const context = prepareCanvas(canvas, width, layout.height);
  drawMaps(context, layout, {
    values: weights,
    labels: Array.from({ length: count }, (_, k) => String(k + 1)),
    scale: largestMagnitude(weights),
  });
}

// The 10 × 10 counts (row = true, column = predicted), shaded by the share of the row; returns the
// geometry for the pointer: {left, top, cell}.
export function drawConfusion(canvas, width, counts, { selected = null, classes = 10 }) {
  const side = Math.min(300, width);
  const context = prepareCanvas(canvas, side, side);
  const theme = themeOf(context);
  const margin = 30;
  const cell = (side - margin - 4) / classes;
  const geometry = { left: margin, top: margin, cell };
  const base = channels(theme.background);
  const good = channels(theme.ok);
  const bad = channels(theme.danger);
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillStyle = theme.muted;
  context.fillText('predicted →', margin + (classes * cell) / 2, 7);
  for (let k = 0; k < classes; k++) {
    context.fillStyle = theme.text;
    context.fillText(String(k), margin + (k + 0.5) * cell, margin - 9);
    context.fillText(String(k), margin - 9, margin + (k + 0.5) * cell);
  }
  context.save();
  context.translate(7, margin + (classes * cell) / 2);
  context.rotate(-Math.PI / 2);
  context.fillStyle = theme.muted;
  context.fillText('true →', 0, 0);
  context.restore();
  for (let row = 0; row < classes; row++) {
    let rowTotal = 0;
    for (let column = 0; column < classes; column++) rowTotal += counts[row * classes + column];
    for (let column = 0; column < classes; column++) {
      const count = counts[row * classes + column];
      const share = rowTotal > 0 ? count / rowTotal : 0;
      const target = row === column ? good : bad;
      const t = row === column ? share : Math.min(1, Math.sqrt(share) * 1.5);
      const rgb = base.map((c, i) => Math.round(c + (target[i] - c) * t * 0.85));
      const x = margin + column * cell;
      const y = margin + row * cell;
      context.fillStyle = `rgb(${rgb.join(',')})`;
      context.fillRect(x, y, cell - 1, cell - 1);
      if (count > 0 && cell >= 16) {
        context.fillStyle = t > 0.55 ? theme.background : theme.text;
        context.fillText(String(count), x + cell / 2, y + cell / 2, cell - 2);
      }
    }
  }
  if (selected) {
    context.strokeStyle = theme.highlight;
    context.lineWidth = 3;
    context.strokeRect(margin + selected[1] * cell - 1, margin + selected[0] * cell - 1, cell + 1, cell + 1);
  }
  return geometry;
}

// A digit (side² grey levels 0–255) with a map over it: values (mapHeight × mapWidth, ≥ 0, drawn
// as the theme's highlight with opacity by value, scaled smoothly over the image when coarser).
export function drawOverlay(canvas, width, pixels, side, map = null) {
  const size = Math.min(300, width);
  const context = prepareCanvas(canvas, size, size);
  const image = { channels: 1, height: side, width: side, pixels: Float32Array.from(pixels, (v) => v / 255) };
  const geometry = drawImage(context, size, size, image, {});
  if (!map) return geometry;
  const theme = themeOf(context);
  const largest = largestMagnitude(map.values);
  const heat = document.createElement('canvas');
  heat.width = map.width;
  heat.height = map.height;
  const heatContext = heat.getContext('2d');
  const data = heatContext.createImageData(map.width, map.height);
  const [r, g, b] = channels(theme.highlight);
  map.values.forEach((value, i) => {
    data.data.set([r, g, b, Math.round(230 * (largest > 0 ? Math.abs(value) / largest : 0))], i * 4);
  });
  heatContext.putImageData(data, 0, 0);
  context.imageSmoothingEnabled = map.width < side;
  context.drawImage(heat, geometry.area.left, geometry.area.top, geometry.area.width, geometry.area.height);
  return geometry;
}

// Every layer's output for one image: a caption and a canvas per layer, in `container` (canvases
// are kept between calls while the layer list has the same shape). conv/pool layers as maps, dense
// ones as one strip of cells.
export function drawLayerMaps(container, width, layers) {
  const key = layers.map((l) => `${l.layer}:${l.channels}x${l.height}x${l.width}`).join('|');
  if (container.dataset.layers !== key) {
    container.textContent = '';
    for (let k = 0; k < layers.length; k++) {
      const caption = document.createElement('div');
      caption.className = 'layer-caption';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      container.append(caption, canvas);
    }
    container.dataset.layers = key;
  }
  const captions = container.querySelectorAll('.layer-caption');
  const canvases = container.querySelectorAll('canvas');
  layers.forEach((layer, k) => {
    const image = layer.height > 1 || layer.width > 1;
    const shape = image ? `${layer.channels}×${layer.height}×${layer.width}` : `${layer.channels}`;
    captions[k].textContent = `${k + 1}. ${layer.layer} → ${shape}`;
    const scale = largestMagnitude(layer.values);
    const layout = image
      ? mapLayout(width, layer.channels, layer.height, layer.width, { maxCell: 5, gap: 6, labelHeight: 0 })
      : mapLayout(width, 1, 1, layer.channels, { maxCell: 24, gap: 0, labelHeight: 0 });
    const context = prepareCanvas(canvases[k], width, layout.height);
    const logits = !image && layer.channels === 10 && layer.layer === 'dense';
    paintLayer(context, layout, layer.values, scale);
    if (logits) {
      const theme = themeOf(context);
      context.fillStyle = theme.text;
      context.font = '11px system-ui, sans-serif';
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      for (let c = 0; c < 10; c++) context.fillText(String(c), (c + 0.5) * layout.cellSize, layout.height / 2);
    }
    canvases[k].setAttribute(
      'aria-label',
      `layer ${k + 1}, ${layer.layer}: ${shape} values, largest magnitude ${scale.toFixed(3)}`,
    );
  });
}

// One layer's maps (channel-major values) in `layout`, on one diverging scale: every channel painted
// into one strip of an offscreen canvas at one pixel per value, then each scaled to its area —
// one pixel upload per layer, not one per map.
function paintLayer(context, layout, values, scale) {
  const theme = themeOf(context);
  const { rows, columns, areas } = layout;
  const plane = rows * columns;
  const strip = document.createElement('canvas');
  strip.width = columns;
  strip.height = rows * areas.length;
  const stripContext = strip.getContext('2d');
  const data = stripContext.createImageData(strip.width, strip.height);
  for (let i = 0; i < values.length && i < plane * areas.length; i++) {
    const [r, g, b] = divergingColor(values[i], scale, theme);
    data.data[i * 4] = r;
    data.data[i * 4 + 1] = g;
    data.data[i * 4 + 2] = b;
    data.data[i * 4 + 3] = 255;
  }
  stripContext.putImageData(data, 0, 0);
  context.imageSmoothingEnabled = false;
  context.strokeStyle = theme.border;
  context.lineWidth = 1;
  areas.forEach((area, k) => {
    context.drawImage(strip, 0, k * rows, columns, rows, area.left, area.top, area.width, area.height);
    context.strokeRect(area.left - 0.5, area.top - 0.5, area.width + 1, area.height + 1);
  });
}

// Ten class probabilities as bars; the largest in the highlight colour.
export function drawProbabilities(canvas, width, probabilities) {
  const context = prepareCanvas(canvas, width, CHART_HEIGHT);
  const best = probabilities.indexOf(Math.max(...probabilities));
  drawBars(context, width, CHART_HEIGHT, {
    groups: Array.from(probabilities, (p, k) => ({
      label: String(k),
      bars: [{ value: p, color: k === best ? OKABE_ITO.vermillion : OKABE_ITO.blue }],
    })),
    yLabel: 'probability',
  });
}

// One test digit's inspection (inspectImage's answer with its index and label) into the widget's
// parts, in three calls (each a frame's worth of first drawing): the prediction line and the digit;
// its saliency and Grad-CAM; its feature maps and shapes through every layer.
export function drawPrediction(parts, width, inspection, pixels) {
  const { probabilities, predicted, classIndex, index, label } = inspection;
  parts['inspect-title'].textContent = `#${index}, labelled ${label}`;
  const verdict = predicted === label ? 'right' : 'wrong';
  parts.prediction.textContent = `Predicted ${predicted} with probability ${percent(probabilities[predicted])} (${verdict}); maps of class ${classIndex}.`;
  drawOverlay(parts.inspected, width, pixels, 28);
  parts.inspected.setAttribute('aria-label', `Test digit ${index}, labelled ${label}`);
}

export function drawExplanations(parts, widthOf, inspection, pixels) {
  const { classIndex, index } = inspection;
  drawOverlay(parts.saliency, widthOf('saliency'), pixels, 28, inspection.saliency);
  drawOverlay(parts['grad-cam'], widthOf('grad-cam'), pixels, 28, inspection.gradCam);
  parts.saliency.setAttribute('aria-label', `Saliency of class ${classIndex} over test digit ${index}`);
  parts['grad-cam'].setAttribute(
    'aria-label',
    `Grad-CAM of class ${classIndex} (${inspection.gradCam.height}×${inspection.gradCam.width}) over test digit ${index}`,
  );
}

export function drawInspectionLayers(parts, width, inspection) {
  drawLayerMaps(parts.maps, width, inspection.layers);
  parts.shapes.textContent = `1×28×28 → ${inspection.layers
    .filter((l) => l.layer !== 'flatten')
    .map(
      (l) =>
        `${l.layer.replace('conv2d', 'conv').replace('_pool2d', ' pool')} ${l.height > 1 ? `${l.channels}×${l.height}×${l.width}` : l.channels}`,
    )
    .join(' → ')}`;
}
