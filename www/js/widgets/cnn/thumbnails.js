// Rows of small digit images (<descent-cnn>'s mistakes and a confusion cell's examples): the layout,
// the drawing (grey levels as ink on the theme's paper, a caption under each) and the image under
// the pointer. Each image is its 28×28 grey levels drawn unsmoothed at a whole-pixel scale.
import { channels, themeOf } from '../../ui/palette.js';

const CAPTION = 14;
const GAP = 6;

// `count` images of side × side pixels in rows filling `width`, as large as `maxScale` allows.
export function thumbnailLayout(width, count, side, { maxScale = 2 } = {}) {
  const scale = Math.max(1, Math.min(maxScale, Math.floor((width + GAP) / (side + GAP))));
  const size = side * scale;
  const perRow = Math.max(1, Math.floor((width + GAP) / (size + GAP)));
  const rows = Math.ceil(count / perRow);
  const areas = Array.from({ length: count }, (_, k) => ({
    left: (k % perRow) * (size + GAP),
    top: Math.floor(k / perRow) * (size + CAPTION + GAP),
    size,
  }));
  return { areas, side, perRow, height: Math.max(0, rows * (size + CAPTION + GAP) - GAP) };
}

// pixelsOf(k): image k's side² grey levels (0–255); captionOf(k): its words; selected: an index.
export function drawThumbnails(context, layout, { pixelsOf, captionOf, selected = -1 }) {
  const theme = themeOf(context);
  const { side } = layout;
  const paper = channels(theme.background);
  const ink = channels(theme.text);
  const cells = document.createElement('canvas');
  cells.width = side;
  cells.height = side;
  const cellContext = cells.getContext('2d');
  const image = cellContext.createImageData(side, side);
  context.imageSmoothingEnabled = false;
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'top';
  layout.areas.forEach((area, k) => {
    const pixels = pixelsOf(k);
    for (let i = 0; i < side * side; i++) {
      const t = pixels[i] / 255;
      for (let c = 0; c < 3; c++) image.data[i * 4 + c] = Math.round(paper[c] + (ink[c] - paper[c]) * t);
      image.data[i * 4 + 3] = 255;
    }
    cellContext.putImageData(image, 0, 0);
    context.drawImage(cells, area.left, area.top, area.size, area.size);
    context.strokeStyle = k === selected ? theme.highlight : theme.border;
    context.lineWidth = k === selected ? 3 : 1;
    context.strokeRect(area.left - 0.5, area.top - 0.5, area.size + 1, area.size + 1);
    context.fillStyle = k === selected ? theme.highlight : theme.muted;
    context.fillText(captionOf(k), area.left, area.top + area.size + 2, area.size + 4);
  });
}

// The index of the image under (x, y), or -1.
export function thumbnailAt(layout, x, y) {
  return layout.areas.findIndex(
    (area) => x >= area.left && y >= area.top && x < area.left + area.size && y < area.top + area.size,
  );
}

// Arrow keys over a grid of `count` items `perRow` wide: the next index, or null for another key.
export function movedIndex(key, index, count, perRow) {
  const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -perRow, ArrowDown: perRow, Home: -Infinity, End: Infinity };
  if (!(key in moves) || count === 0) return null;
  const next = index < 0 ? 0 : index + moves[key];
  return Math.min(count - 1, Math.max(0, Number.isFinite(next) ? next : moves[key] < 0 ? 0 : count - 1));
}
