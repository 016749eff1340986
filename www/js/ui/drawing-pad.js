// Drawing on a grey picture (<descent-conv>'s input, <descent-cnn>'s pad): a
// mouse, pen or finger paints ink (Shift or the right button erases); with the picture focused,
// the arrow keys move a pen and Space or Enter paints under it (Shift erases). The drawing goes
// out as the `pixels` attribute text: the side, then one hex level (0–15) per pixel. The pad
// starts from the picture shown (a digit or shape can be edited), averaged over colour channels.

export const DRAWING_LEVELS = 15; // a drawn pixel is stored as one hex digit: 0 … 15 → 0 … 1

const NEIGHBOUR_LEVEL = 8; // the soft edge of a stroke: the 4 neighbours get at least this

export class DrawingPad {
  // geometry(): the picture's {area, cellSize, rows, columns}; image(): the shown image.
  constructor(canvas, { geometry, image, onDraw }) {
    this.canvas = canvas;
    this.geometry = geometry;
    this.image = image;
    this.onDraw = onDraw;
    this.levels = null;
    this.pen = [0, 0];
    this.drawing = false;
    this.frameQueued = false;
    canvas.addEventListener('contextmenu', (event) => event.preventDefault());
    canvas.addEventListener('pointerdown', (event) => {
      this.drawing = true;
      this.erasing = event.shiftKey || event.button === 2;
      this.startFromImage();
      canvas.setPointerCapture(event.pointerId);
      this.paintAt(event);
    });
    canvas.addEventListener('pointermove', (event) => this.drawing && this.paintAt(event));
    const stop = () => {
      if (!this.drawing) return;
      this.drawing = false;
      this.send();
    };
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointercancel', stop);
    canvas.addEventListener('keydown', (event) => this.onKey(event));
  }

  // The levels of the picture shown now (a fresh copy per stroke, so attribute changes between
  // strokes — another digit, a reset — are respected).
  startFromImage() {
    const image = this.image();
    if (!image) return;
    const plane = image.height * image.width;
    this.side = image.height;
    this.levels = Array.from({ length: plane }, (_, i) => {
      let sum = 0;
      for (let c = 0; c < image.channels; c++) sum += image.pixels[c * plane + i];
      return Math.round(Math.min(1, Math.max(0, sum / image.channels)) * DRAWING_LEVELS);
    });
  }

  cellOf(event) {
    const geometry = this.geometry();
    if (!geometry) return null;
    const rect = this.canvas.getBoundingClientRect();
    const row = Math.floor((event.clientY - rect.top - geometry.area.top) / geometry.cellSize);
    const column = Math.floor((event.clientX - rect.left - geometry.area.left) / geometry.cellSize);
    if (row < 0 || column < 0 || row >= geometry.rows || column >= geometry.columns) return null;
    return [row, column];
  }

  paintAt(event) {
    const cell = this.cellOf(event);
    if (!cell || !this.levels) return;
    this.paint(cell);
    this.queueSend();
  }

  paint([row, column]) {
    const side = this.side;
    const set = (r, c, level) => {
      if (r < 0 || c < 0 || r >= side || c >= side) return;
      const i = r * side + c;
      this.levels[i] = this.erasing ? 0 : Math.max(this.levels[i], level);
    };
    set(row, column, DRAWING_LEVELS);
    for (const [dr, dc] of [
      [-1, 0],
      [1, 0],
      [0, -1],
      [0, 1],
    ])
      set(row + dr, column + dc, NEIGHBOUR_LEVEL);
  }

  // At most one attribute write per animation frame while a stroke goes on.
  queueSend() {
    if (this.frameQueued) return;
    this.frameQueued = true;
    requestAnimationFrame(() => {
      this.frameQueued = false;
      this.send();
    });
  }

  send() {
    if (!this.levels) return;
    this.onDraw(`${this.side}:${this.levels.map((level) => level.toString(16)).join('')}`);
  }

  onKey(event) {
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const geometry = this.geometry();
    if (!geometry) return;
    if (moves[event.key]) {
      event.preventDefault();
      const [dr, dc] = moves[event.key];
      this.pen = [
        Math.min(geometry.rows - 1, Math.max(0, this.pen[0] + dr)),
        Math.min(geometry.columns - 1, Math.max(0, this.pen[1] + dc)),
      ];
      this.canvas.dispatchEvent(new CustomEvent('pen-move'));
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.erasing = event.shiftKey;
      this.startFromImage();
      this.paint(this.pen);
      this.send();
    }
  }
}
