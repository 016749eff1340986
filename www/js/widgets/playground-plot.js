// Draws <descent-playground>'s views from the core's frame: the decision field
// (or one unit's activation, when hovered) with the data points, and the
// network as columns of per-unit thumbnails joined by links coloured and sized
// by their weights.
import { paintCells } from '../ui/cell-image.js';
import { PlotFrame } from '../ui/plot-frame.js';

// Class 0 orange and class 1 blue, as TensorFlow Playground; more classes after them.
export const CLASS_COLORS = ['#f59322', '#0877bd', '#2f9e44', '#c92a2a', '#7048e8', '#e8590c', '#1098ad', '#5c940d'];
const NEGATIVE = [245, 147, 34];
const POSITIVE = [8, 119, 189];

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

const mix = (color, t) => color.map((c) => Math.round(255 + (c - 255) * t));

// A unit's values (one thumbnail) as orange (negative) to white to blue (positive), scaled by the
// largest magnitude so every unit's picture uses the full range.
function unitColorizer(values) {
  let largest = 1e-12;
  for (const v of values) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return (i) => (values[i] >= 0 ? mix(POSITIVE, Math.min(1, values[i] / largest) * 0.85) : mix(NEGATIVE, Math.min(1, -values[i] / largest) * 0.85));
}

export function unitValues(frame, layout, unit) {
  const cells = layout.thumbnailResolution ** 2;
  return frame.thumbnails.subarray(unit * cells, (unit + 1) * cells);
}

// The decision field: each cell in its predicted class's colour, paler where the model is less sure.
export function drawDecisionField(context, size, { layout, frame, showTest, hoveredUnit }) {
  const area = { left: 28, top: 8, width: size - 36, height: size - 36 };
  const plotFrame = new PlotFrame(layout.view, area);
  const k = layout.classCount;
  if (hoveredUnit !== null && hoveredUnit !== undefined) {
    paintCells(context, area, layout.thumbnailResolution, unitColorizer(unitValues(frame, layout, hoveredUnit)));
  } else {
    const colors = CLASS_COLORS.map(rgb);
    paintCells(context, area, layout.boundaryResolution, (i) => {
      const certainty = (frame.boundaryConfidence[i] - 1 / k) / (1 - 1 / k);
      return mix(colors[frame.boundaryClass[i]], 0.15 + 0.6 * Math.max(0, certainty));
    });
  }
  plotFrame.drawAxes(context, { grid: false });
  const drawPoints = (points, test) => {
    for (let i = 0; i < points.x.length; i++) {
      context.beginPath();
      context.arc(plotFrame.toPixelX(points.x[i]), plotFrame.toPixelY(points.y[i]), test ? 3.5 : 3, 0, Math.PI * 2);
      context.fillStyle = CLASS_COLORS[points.label[i]];
      context.fill();
      context.lineWidth = test ? 1.5 : 1;
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

// Unit boxes, column by column (input features, then each hidden layer), for drawing and hit tests.
export function networkLayout(width, layout) {
  const columns = Array.from(layout.layerWidths).slice(0, -1);
  const tallest = Math.max(...columns);
  const gap = (width - 20) / columns.length;
  const box = Math.max(14, Math.min(48, gap * 0.45, 260 / tallest - 6));
  const height = tallest * (box + 6) + 30;
  const units = [];
  columns.forEach((count, column) => {
    const x = 10 + gap * column + (gap - box) / 2;
    const top = (height - 20 - count * (box + 6)) / 2 + 16;
    for (let j = 0; j < count; j++) units.push({ column, index: j, x, y: top + j * (box + 6), size: box });
  });
  return { units, height, columns };
}

// The diagram's links: weight W(i, j) of weight layer l joins unit i of column l to unit j of
// column l + 1; `index` is its place in frame.parameters (network.hpp order). The output layer's
// weights have no column, so they are not links here.
export function networkLinks(layout, geometry) {
  const { units, columns } = geometry;
  const starts = [];
  columns.reduce((offset, count) => (starts.push(offset), offset + count), 0);
  const widths = Array.from(layout.layerWidths);
  const links = [];
  let offset = 0;
  for (let l = 0; l + 1 < columns.length; l++) {
    const fanIn = widths[l];
    const fanOut = widths[l + 1];
    for (let i = 0; i < fanIn; i++) {
      for (let j = 0; j < fanOut; j++) {
        links.push({ layer: l, from: i, to: j, index: offset + i * fanOut + j, start: units[starts[l] + i], end: units[starts[l + 1] + j] });
      }
    }
    offset += fanIn * fanOut + fanOut; // weights then biases
    if (layout.batchNorm) offset += 2 * fanOut; // then γ and β
  }
  return links;
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

// Links coloured blue for positive, orange for negative weights, width by |W|; the selected link
// (being edited) drawn dark on top.
export function drawNetwork(context, width, { layout, frame, geometry, featureLabels, hoveredUnit, selectedLink = null }) {
  const { units, columns } = geometry;
  const starts = [];
  columns.reduce((offset, count) => (starts.push(offset), offset + count), 0);
  let largest = 1e-12;
  const links = networkLinks(layout, geometry).map((link) => ({ ...link, w: frame.parameters[link.index] }));
  for (const { w } of links) largest = Math.max(largest, Math.abs(w));
  for (const link of links) {
    const [x0, y0, x1, y1] = linkEnds(link);
    context.beginPath();
    context.moveTo(x0, y0);
    context.lineTo(x1, y1);
    context.strokeStyle = link.w >= 0 ? 'rgba(8,119,189,0.7)' : 'rgba(245,147,34,0.7)';
    context.lineWidth = 0.5 + 4 * (Math.abs(link.w) / largest);
    context.stroke();
  }
  const selected = selectedLink && links.find((link) => link.index === selectedLink.index);
  if (selected) {
    const [x0, y0, x1, y1] = linkEnds(selected);
    context.setLineDash([4, 3]);
    context.beginPath();
    context.moveTo(x0, y0);
    context.lineTo(x1, y1);
    context.strokeStyle = '#1d2430';
    context.lineWidth = 2;
    context.stroke();
    context.setLineDash([]);
  }
  units.forEach((unit, u) => {
    paintCells(context, { left: unit.x, top: unit.y, width: unit.size, height: unit.size }, layout.thumbnailResolution, unitColorizer(unitValues(frame, layout, u)));
    context.lineWidth = u === hoveredUnit ? 3 : 1;
    context.strokeStyle = u === hoveredUnit ? '#1d2430' : '#9aa4b2';
    context.strokeRect(unit.x, unit.y, unit.size, unit.size);
  });
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = '#3b4452';
  context.textAlign = 'center';
  columns.forEach((count, c) => {
    const first = units[starts[c]];
    context.fillText(c === 0 ? 'features' : `layer ${c}: ${count}`, first.x + first.size / 2, 11);
  });
  // Feature names over their pictures, outlined in white to stay readable on any colour.
  context.lineWidth = 3;
  context.strokeStyle = '#ffffff';
  for (let j = 0; j < columns[0]; j++) {
    const unit = units[j];
    context.strokeText(featureLabels[j], unit.x + unit.size / 2, unit.y + unit.size / 2 + 4);
    context.fillText(featureLabels[j], unit.x + unit.size / 2, unit.y + unit.size / 2 + 4);
  }
}
