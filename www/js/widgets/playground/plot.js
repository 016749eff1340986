// Draws <descent-playground>'s views from the core's frame: the decision field
// (or one unit's activation, when hovered) with the data points, and the
// network as columns of per-unit thumbnails joined by links coloured and sized
// by their weights, with a bias marker on every hidden and output unit.
import { paintCells } from '../../ui/cell-image.js';
import { OKABE_ITO, channels, ink, seriesInk, themeOf, tint } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';

// Class 0 orange and class 1 blue, as TensorFlow Playground; more classes after them.
// Okabe–Ito hues, each at ≥ 3:1 against white (the orange class dot was 2.3:1).
export const CLASS_COLORS = [
  OKABE_ITO.orange,
  OKABE_ITO.blue,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  '#000000',
].map((color) => ink(color));
const NEGATIVE = [245, 147, 34];
const POSITIVE = [8, 119, 189];

// A unit's values (one thumbnail) as orange (negative) to the background to blue (positive), scaled
// by the largest magnitude so every unit's picture uses the full range.
function unitColorizer(values, theme) {
  let largest = 1e-12;
  for (const v of values) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return (i) =>
    values[i] >= 0
      ? tint(POSITIVE, Math.min(1, values[i] / largest) * 0.85, theme)
      : tint(NEGATIVE, Math.min(1, -values[i] / largest) * 0.85, theme);
}

export function unitValues(frame, layout, unit) {
  const cells = layout.thumbnailResolution ** 2;
  return frame.thumbnails.subarray(unit * cells, (unit + 1) * cells);
}

// The decision field: each cell in its predicted class's colour, paler where the model is less
// sure; with `onlyClass`, the other classes' cells the background (an output unit's picture).
function fieldColorizer(frame, layout, theme, onlyClass = null) {
  const k = layout.classCount;
  const colors = CLASS_COLORS.map(channels);
  const background = channels(theme.background);
  return (i) => {
    const predicted = frame.boundaryClass[i];
    if (onlyClass !== null && predicted !== onlyClass) return background;
    const certainty = (frame.boundaryConfidence[i] - 1 / k) / (1 - 1 / k);
    return tint(colors[predicted], 0.15 + 0.6 * Math.max(0, certainty), theme);
  };
}

// The decision field, or the picture of hidden or input unit `hoveredPicture` (a thumbnail index).
export function drawDecisionField(context, size, { layout, frame, showTest, hoveredPicture }) {
  const area = { left: 28, top: 8, width: size - 36, height: size - 36 };
  const plotFrame = new PlotFrame(layout.view, area);
  const theme = themeOf(context);
  if (hoveredPicture !== null && hoveredPicture !== undefined) {
    const values = unitValues(frame, layout, hoveredPicture);
    paintCells(context, area, layout.thumbnailResolution, unitColorizer(values, theme));
  } else {
    paintCells(context, area, layout.boundaryResolution, fieldColorizer(frame, layout, theme));
  }
  plotFrame.drawAxes(context, { grid: false });
  const drawPoints = (points, test) => {
    for (let i = 0; i < points.x.length; i++) {
      context.beginPath();
      context.arc(plotFrame.toPixelX(points.x[i]), plotFrame.toPixelY(points.y[i]), test ? 3.5 : 3, 0, Math.PI * 2);
      context.fillStyle = seriesInk(CLASS_COLORS[points.label[i]], theme);
      context.fill();
      context.lineWidth = test ? 1.5 : 1;
      // As the caption says in both themes: white-edged dots train, dark-edged dots test.
      context.strokeStyle = test ? '#1d2430' : '#ffffff';
      context.stroke();
    }
  };
  context.save();
  plotFrame.clip(context);
  drawPoints(layout.train, false);
  if (showTest) drawPoints(layout.test, true);
  context.restore();
  return plotFrame;
}

// Unit boxes, column by column (input features, each hidden layer, the output units), for drawing
// and hit tests. `picture` is the unit's thumbnail index; output units have none (null): their
// picture is their share of the decision field.
export function networkLayout(width, layout) {
  const columns = Array.from(layout.layerWidths);
  const tallest = Math.max(...columns);
  const gap = (width - 20) / columns.length;
  const box = Math.max(14, Math.min(48, gap * 0.45, 260 / tallest - 6));
  const height = tallest * (box + 6) + 30;
  const units = [];
  columns.forEach((count, column) => {
    const x = 10 + gap * column + (gap - box) / 2;
    const top = (height - 20 - count * (box + 6)) / 2 + 16;
    for (let j = 0; j < count; j++) {
      const picture = column + 1 < columns.length ? units.length : null;
      units.push({ column, index: j, picture, x, y: top + j * (box + 6), size: box });
    }
  });
  return { units, height, columns };
}

// The flat index (frame.parameters, network.hpp order) of each weight layer's W(0, 0): per layer
// W row by row, then b, then batch norm's γ and β (hidden layers only).
function layerOffsets(widths, batchNorm) {
  const offsets = [0];
  for (let l = 0; l + 2 < widths.length; l++) {
    const fanOut = widths[l + 1];
    offsets.push(offsets[l] + widths[l] * fanOut + fanOut + (batchNorm ? 2 * fanOut : 0));
  }
  return offsets;
}

// Index in geometry.units of each column's first unit.
function columnStarts(columns) {
  const starts = [];
  columns.reduce((offset, count) => (starts.push(offset), offset + count), 0);
  return starts;
}

// The diagram's links: weight W(i, j) of weight layer l joins unit i of column l to unit j of
// column l + 1 (the last weight layer ends at the output units); `index` is its place in
// frame.parameters.
export function networkLinks(layout, geometry) {
  const { units, columns } = geometry;
  const starts = columnStarts(columns);
  const offsets = layerOffsets(columns, layout.batchNorm);
  const links = [];
  for (let l = 0; l + 1 < columns.length; l++) {
    const fanOut = columns[l + 1];
    for (let i = 0; i < columns[l]; i++) {
      for (let j = 0; j < fanOut; j++) {
        links.push({
          kind: 'link',
          layer: l,
          from: i,
          to: j,
          index: offsets[l] + i * fanOut + j,
          start: units[starts[l] + i],
          end: units[starts[l + 1] + j],
        });
      }
    }
  }
  return links;
}

// The bias markers: b(j) of weight layer l, a small square on the lower left corner of unit j of
// column l + 1, as TensorFlow Playground draws them; `index` as for links.
export function networkBiases(layout, geometry) {
  const { units, columns } = geometry;
  const starts = columnStarts(columns);
  const offsets = layerOffsets(columns, layout.batchNorm);
  const biases = [];
  for (let l = 0; l + 1 < columns.length; l++) {
    for (let j = 0; j < columns[l + 1]; j++) {
      const unit = units[starts[l + 1] + j];
      const size = Math.round(Math.max(9, unit.size * 0.3));
      biases.push({
        kind: 'bias',
        layer: l,
        unit: j,
        index: offsets[l] + columns[l] * columns[l + 1] + j,
        x: unit.x - size / 2,
        y: unit.y + unit.size - size / 2,
        size,
      });
    }
  }
  return biases;
}

// Every parameter the diagram lets the learner edit, links and biases, in frame.parameters order.
export function networkParameters(layout, geometry) {
  return [...networkLinks(layout, geometry), ...networkBiases(layout, geometry)].sort((a, b) => a.index - b.index);
}

// The bias marker under (x, y), with `tolerance` pixels around it for fingers, or null.
export function biasAt(biases, x, y, tolerance = 3) {
  return (
    biases.find(
      (b) =>
        x >= b.x - tolerance && x <= b.x + b.size + tolerance && y >= b.y - tolerance && y <= b.y + b.size + tolerance,
    ) ?? null
  );
}

// A link's end points on the canvas: right edge of its source box to left edge of its target.
export function linkEnds(link) {
  const { start, end } = link;
  return [start.x + start.size, start.y + start.size / 2, end.x, end.y + end.size / 2];
}

// The link nearest to (x, y) within `tolerance` pixels, or null.
export function linkAt(links, x, y, tolerance = 5) {
  let best = null;
  let bestDistance = tolerance;
  for (const link of links) {
    const [x0, y0, x1, y1] = linkEnds(link);
    const dx = x1 - x0;
    const dy = y1 - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy || 1)));
    const distance = Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
    if (distance <= bestDistance) {
      best = link;
      bestDistance = distance;
    }
  }
  return best;
}

// Links coloured blue for positive, orange for negative weights, width by |W|; bias markers
// filled in the same colours, the filled share of the square by |b| (on the same scale as the
// links); the parameter being edited (`selectedIndex`) drawn dark on top.
export function drawNetwork(
  context,
  width,
  { layout, frame, geometry, featureLabels, hoveredUnit, selectedIndex = null },
) {
  const { units, columns } = geometry;
  const starts = columnStarts(columns);
  const withValue = (item) => ({ ...item, w: frame.parameters[item.index] });
  const links = networkLinks(layout, geometry).map(withValue);
  const biases = networkBiases(layout, geometry).map(withValue);
  let largest = 1e-12;
  for (const { w } of [...links, ...biases]) largest = Math.max(largest, Math.abs(w));
  const theme = themeOf(context);
  const signColor = (w, alpha) => `rgba(${w >= 0 ? POSITIVE : NEGATIVE},${alpha})`;
  for (const link of links) {
    const [x0, y0, x1, y1] = linkEnds(link);
    context.beginPath();
    context.moveTo(x0, y0);
    context.lineTo(x1, y1);
    context.strokeStyle = signColor(link.w, 0.7);
    context.lineWidth = 0.5 + 4 * (Math.abs(link.w) / largest);
    context.stroke();
  }
  const selected = links.find((link) => link.index === selectedIndex);
  if (selected) {
    const [x0, y0, x1, y1] = linkEnds(selected);
    context.setLineDash([4, 3]);
    context.beginPath();
    context.moveTo(x0, y0);
    context.lineTo(x1, y1);
    context.strokeStyle = theme.text;
    context.lineWidth = 2;
    context.stroke();
    context.setLineDash([]);
  }
  const outputs = columns[columns.length - 1];
  units.forEach((unit, u) => {
    const area = { left: unit.x, top: unit.y, width: unit.size, height: unit.size };
    if (unit.picture !== null)
      paintCells(
        context,
        area,
        layout.thumbnailResolution,
        unitColorizer(unitValues(frame, layout, unit.picture), theme),
      );
    else
      paintCells(
        context,
        area,
        layout.boundaryResolution,
        fieldColorizer(frame, layout, theme, outputs === 1 ? null : unit.index),
      );
    context.lineWidth = u === hoveredUnit ? 3 : 1;
    context.strokeStyle = u === hoveredUnit ? theme.text : theme.faint;
    context.strokeRect(unit.x, unit.y, unit.size, unit.size);
  });
  for (const bias of biases) {
    context.fillStyle = theme.background;
    context.fillRect(bias.x, bias.y, bias.size, bias.size);
    const filled = bias.size * Math.sqrt(Math.abs(bias.w) / largest); // area ∝ |b|
    context.fillStyle = signColor(bias.w, 1);
    context.fillRect(bias.x + (bias.size - filled) / 2, bias.y + (bias.size - filled) / 2, filled, filled);
    context.lineWidth = 1;
    context.strokeStyle = theme.muted;
    context.strokeRect(bias.x, bias.y, bias.size, bias.size);
    if (bias.index === selectedIndex) {
      context.lineWidth = 2;
      context.strokeStyle = theme.text;
      context.strokeRect(bias.x - 2.5, bias.y - 2.5, bias.size + 5, bias.size + 5);
    }
  }
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = theme.secondary;
  context.textAlign = 'center';
  // The longest heading that fits its column, so neighbours never run into each other on a phone.
  const room = (width - 20) / columns.length - 4;
  columns.forEach((count, c) => {
    const first = units[starts[c]];
    const headings =
      c === 0
        ? ['features', 'in']
        : c === columns.length - 1
          ? ['output', 'out']
          : [`layer ${c}: ${count}`, `L${c}: ${count}`, `${count}`];
    const heading = headings.find((text) => context.measureText(text).width <= room) ?? headings.at(-1);
    context.fillText(heading, first.x + first.size / 2, 11);
  });
  // Feature names over their pictures (and class numbers over the output units' shares of the
  // field), outlined in the background colour to stay readable on any colour.
  context.lineWidth = 3;
  context.strokeStyle = theme.background;
  const label = (unit, text) => {
    context.strokeText(text, unit.x + unit.size / 2, unit.y + unit.size / 2 + 4);
    context.fillText(text, unit.x + unit.size / 2, unit.y + unit.size / 2 + 4);
  };
  for (let j = 0; j < columns[0]; j++) label(units[j], featureLabels[j]);
  if (outputs > 1) for (let j = 0; j < outputs; j++) label(units[starts[columns.length - 1] + j], String(j));
}
