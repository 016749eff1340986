// Images and feature maps drawn as grids of cells (<descent-conv>, <descent-cnn>): grey or RGB
// input, a diverging blue/orange scale for signed values, a sequential one for counts, the padding
// drawn as a ring of zeros, and the geometry to map a pointer back to a cell.
import { channels, themeOf, withAlpha } from './palette.js';

const NEGATIVE = [0, 114, 178]; // Okabe–Ito blue
const POSITIVE = [213, 94, 0]; // Okabe–Ito vermillion

// A signed value on a diverging scale: the background at 0, blue below, orange above.
export function divergingColor(value, scale, theme) {
  const base = channels(theme.background);
  const t = scale > 0 ? Math.min(1, Math.abs(value) / scale) : 0;
  const target = value < 0 ? NEGATIVE : POSITIVE;
  return base.map((c, i) => Math.round(c + (target[i] - c) * t));
}

// An intensity in [0, 1] as ink on the theme's paper (1 = the text colour).
function inkColor(value, theme) {
  const paper = channels(theme.background);
  const ink = channels(theme.text);
  const t = Math.min(1, Math.max(0, value));
  return paper.map((c, i) => Math.round(c + (ink[i] - c) * t));
}

export function largestMagnitude(values) {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest;
}

// Paints `rows` × `columns` cells into `area` through an offscreen canvas (crisp, unsmoothed).
function paintGrid(context, area, rows, columns, colorOf) {
  const cells = document.createElement('canvas');
  cells.width = columns;
  cells.height = rows;
  const cellContext = cells.getContext('2d');
  const image = cellContext.createImageData(columns, rows);
  for (let i = 0; i < rows * columns; i++) {
    const [r, g, b] = colorOf(i);
    image.data.set([r, g, b, 255], i * 4);
  }
  cellContext.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(cells, area.left, area.top, area.width, area.height);
}

function outlineCell(context, area, cellSize, row, column, color, lineWidth) {
  context.strokeStyle = color;
  context.lineWidth = lineWidth;
  context.strokeRect(
    area.left + column * cellSize + lineWidth / 2,
    area.top + row * cellSize + lineWidth / 2,
    cellSize - lineWidth,
    cellSize - lineWidth,
  );
}

// The input image with `padding` rings of zero cells around it, an optional per-pixel overlay
// (gradient or path counts, drawn translucent over the image) and marked cells in padded
// coordinates (row −P … H + P − 1). Returns {area, cellSize, padding} for pointer mapping.
export function drawImage(context, width, height, image, { padding = 0, overlay = null, marks = [], box = null }) {
  const theme = themeOf(context);
  const rows = image.height + 2 * padding;
  const columns = image.width + 2 * padding;
  const cellSize = Math.max(1, Math.min(width / columns, height / rows));
  const full = { left: (width - cellSize * columns) / 2, top: (height - cellSize * rows) / 2 };
  const area = { left: full.left + padding * cellSize, top: full.top + padding * cellSize };
  area.width = image.width * cellSize;
  area.height = image.height * cellSize;
  if (padding > 0) {
    context.fillStyle = theme.panel;
    context.fillRect(full.left, full.top, cellSize * columns, cellSize * rows);
    context.strokeStyle = theme.grid;
    context.setLineDash([3, 3]);
    context.strokeRect(full.left + 0.5, full.top + 0.5, cellSize * columns - 1, cellSize * rows - 1);
    context.setLineDash([]);
  }
  const plane = image.width * image.height;
  paintGrid(context, area, image.height, image.width, (i) => {
    if (image.channels === 3)
      return [0, 1, 2].map((c) => Math.round(255 * Math.min(1, Math.max(0, image.pixels[c * plane + i]))));
    return inkColor(image.pixels[i], theme);
  });
  if (overlay) {
    context.globalAlpha = 0.85;
    paintGrid(context, area, image.height, image.width, (i) => overlay.colorOf(i));
    context.globalAlpha = 1;
  }
  if (cellSize >= 6) drawGridLines(context, area, image.height, image.width, cellSize, theme);
  for (const mark of marks) {
    outlineCell(context, area, cellSize, mark.row, mark.column, mark.color, mark.lineWidth ?? 2);
  }
  if (box) {
    context.strokeStyle = box.color;
    context.lineWidth = 2;
    context.strokeRect(
      area.left + box.firstColumn * cellSize + 1,
      area.top + box.firstRow * cellSize + 1,
      (box.lastColumn - box.firstColumn + 1) * cellSize - 2,
      (box.lastRow - box.firstRow + 1) * cellSize - 2,
    );
  }
  return { area, cellSize, padding, rows: image.height, columns: image.width };
}

function drawGridLines(context, area, rows, columns, cellSize, theme) {
  context.strokeStyle = theme.grid;
  context.lineWidth = 1;
  context.beginPath();
  for (let r = 1; r < rows; r++) {
    const y = Math.round(area.top + r * cellSize) + 0.5;
    context.moveTo(area.left, y);
    context.lineTo(area.left + area.width, y);
  }
  for (let c = 1; c < columns; c++) {
    const x = Math.round(area.left + c * cellSize) + 0.5;
    context.moveTo(x, area.top);
    context.lineTo(x, area.top + area.height);
  }
  context.stroke();
}

// The layout of `count` maps of rows × columns cells side by side, wrapping to fit `width`.
export function mapLayout(width, count, rows, columns, { maxCell = 14, gap = 12, labelHeight = 18 } = {}) {
  const perRow = Math.max(1, Math.min(count, Math.floor((width + gap) / (columns * 3 + gap))));
  const cellSize = Math.max(1, Math.min(maxCell, (width - gap * (perRow - 1)) / perRow / columns));
  const mapWidth = cellSize * columns;
  const mapHeight = cellSize * rows;
  const lines = Math.ceil(count / perRow);
  const areas = [];
  for (let k = 0; k < count; k++) {
    const line = Math.floor(k / perRow);
    const slot = k % perRow;
    areas.push({
      left: slot * (mapWidth + gap),
      top: line * (mapHeight + labelHeight + gap) + labelHeight,
      width: mapWidth,
      height: mapHeight,
    });
  }
  return { areas, cellSize, rows, columns, height: lines * (mapHeight + labelHeight + gap) - gap };
}

// Feature maps (one per filter, `values` filter-major) on one diverging scale, labelled; cells at
// index ≥ `revealed` (row-major) are left blank (the sliding window has not reached them), and
// `marks` outline cells: {map, row, column, color}. `highlighted` maps get an accent frame.
export function drawMaps(
  context,
  layout,
  { values, labels, scale, revealed = Infinity, marks = [], highlighted = -1 },
) {
  const theme = themeOf(context);
  const plane = layout.rows * layout.columns;
  context.font = '12px system-ui, sans-serif';
  context.textBaseline = 'bottom';
  layout.areas.forEach((area, map) => {
    context.fillStyle = map === highlighted ? theme.accent : theme.muted;
    context.fillText(labels[map], area.left, area.top - 3, Math.max(40, area.width + 60));
    paintGrid(context, area, layout.rows, layout.columns, (i) =>
      i < revealed ? divergingColor(values[map * plane + i], scale, theme) : channels(theme.panel),
    );
    if (layout.cellSize >= 6) drawGridLines(context, area, layout.rows, layout.columns, layout.cellSize, theme);
    context.strokeStyle = map === highlighted ? theme.accent : theme.border;
    context.lineWidth = map === highlighted ? 2 : 1;
    context.strokeRect(area.left - 1, area.top - 1, area.width + 2, area.height + 2);
  });
  for (const mark of marks) {
    const area = layout.areas[mark.map];
    if (area) outlineCell(context, area, layout.cellSize, mark.row, mark.column, mark.color, mark.lineWidth ?? 2);
  }
}

// The cell under (x, y), or null: {map, row, column}.
export function cellAt(layout, x, y) {
  for (let map = 0; map < layout.areas.length; map++) {
    const area = layout.areas[map];
    if (x < area.left || y < area.top || x >= area.left + area.width || y >= area.top + area.height) continue;
    return {
      map,
      row: Math.min(layout.rows - 1, Math.floor((y - area.top) / layout.cellSize)),
      column: Math.min(layout.columns - 1, Math.floor((x - area.left) / layout.cellSize)),
    };
  }
  return null;
}

// A translucent fill of the theme's highlight over a block of cells of the input (padded rows).
export function shadeCells(context, geometry, cells, color) {
  const { area, cellSize } = geometry;
  context.fillStyle = withAlpha(color, 0.28);
  for (const { row, column } of cells) {
    context.fillRect(area.left + column * cellSize, area.top + row * cellSize, cellSize, cellSize);
  }
}

// Sequential colour for a count from 0 (background) to `largest` (the theme's highlight).
export function countColor(count, largest, theme) {
  const base = channels(theme.background);
  const target = channels(theme.highlight);
  const t = largest > 0 ? Math.sqrt(count / largest) : 0;
  return base.map((c, i) => Math.round(c + (target[i] - c) * t));
}
