// <descent-cnn>'s drawing pad: a 28×28 digit drawn with the mouse, a finger or the keyboard (the
// shared DrawingPad), the network's class probabilities for it (the core's predict) as bars and as
// a readout, "Clear" and "Copy the inspected digit".
import { drawImage } from '../../ui/cell-grid.js';
import { createButton } from '../../ui/controls.js';
import { DRAWING_LEVELS, DrawingPad } from '../../ui/drawing-pad.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { themeOf } from '../../ui/palette.js';
import { drawProbabilities } from './plot.js';

const SIDE = 28;
const percent = (value) => `${(value * 100).toFixed(1)} %`;

export class DigitPad {
  // session(): the CnnSession or null; inspected(): the inspected test digit's grey levels or null;
  // widthOf(role): a part's width (measured once per layout); onError(message).
  constructor(parts, { session, inspected, widthOf, onError }) {
    this.widthOf = widthOf;
    this.parts = parts;
    this.session = session;
    this.inspected = inspected;
    this.onError = onError;
    this.levels = new Array(SIDE * SIDE).fill(0);
    this.probabilities = null;
    this.geometry = null;
    this.pad = new DrawingPad(parts.pad, {
      geometry: () => this.geometry,
      image: () => this.image(),
      onDraw: (text) => this.take(Array.from(text.split(':')[1], (digit) => parseInt(digit, 16))),
    });
    for (const type of ['pen-move', 'focus', 'blur']) parts.pad.addEventListener(type, () => this.draw());
    parts['pad-actions'].append(
      createButton({
        label: 'Clear',
        title: 'Clear the drawing',
        onClick: () => this.take(new Array(SIDE * SIDE).fill(0)),
      }),
      createButton({
        label: 'Copy the inspected digit',
        title: 'Start the drawing from the inspected test digit',
        onClick: () => {
          const pixels = this.inspected();
          if (pixels) this.take(Array.from(pixels, (v) => Math.round((v / 255) * DRAWING_LEVELS)));
        },
      }),
    );
  }

  image() {
    return {
      channels: 1,
      height: SIDE,
      width: SIDE,
      pixels: Float32Array.from(this.levels, (v) => v / DRAWING_LEVELS),
    };
  }

  // New levels (0–15 per pixel): predicted and drawn at once.
  take(levels) {
    this.levels = levels;
    this.update();
  }

  // The probabilities of the drawing under the session's current weights, drawn.
  update() {
    const session = this.session();
    if (session) {
      const pixels = Uint8Array.from(this.levels, (level) => Math.round((level * 255) / DRAWING_LEVELS));
      const answer = session.predict(pixels);
      this.probabilities = answer.ok ? Float32Array.from(answer.probabilities) : null;
      if (!answer.ok) this.onError(answer.error);
    }
    this.draw();
  }

  draw() {
    const { parts } = this;
    const side = Math.min(280, this.widthOf('pad'));
    const context = prepareCanvas(parts.pad, side, side);
    const marks = [];
    if (parts.pad.getRootNode().activeElement === parts.pad) {
      const [row, column] = this.pad.pen;
      marks.push({ row, column, color: themeOf(context).accent, lineWidth: 3 });
    }
    this.geometry = drawImage(context, side, side, this.image(), { marks });
    const inked = this.levels.filter((level) => level > 0).length;
    parts.pad.setAttribute('aria-label', `Drawing pad, 28×28, ${inked} pixels inked`);
    if (!this.probabilities) return;
    drawProbabilities(parts.probabilities, this.widthOf('probabilities'), this.probabilities);
    const best = this.probabilities.indexOf(Math.max(...this.probabilities));
    const listed = Array.from(this.probabilities, (p, k) => `${k}: ${percent(p)}`).join(', ');
    parts['pad-readout'].textContent =
      `${inked === 0 ? 'Blank pad: ' : ''}predicted ${best} (${percent(this.probabilities[best])}). ${listed}`;
    parts.probabilities.setAttribute('aria-label', `Class probabilities of the drawing: ${listed}`);
  }
}
