// The pickable views of <descent-cnn>'s last test evaluation: the confusion matrix (a click, or the
// arrow keys and Enter, chooses a cell; its test digits are listed under it) and the misclassified
// test digits (a click or Enter inspects one). Pointer and keyboard both; the chosen digit goes to
// onInspect(test index).
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawConfusion } from './plot.js';
import { drawThumbnails, movedIndex, thumbnailAt, thumbnailLayout } from './thumbnails.js';

const MAX_SHOWN = 60; // thumbnails drawn at most per list
const CLASSES = 10;

export class Pickers {
  constructor(widget, onInspect) {
    this.widget = widget;
    this.onInspect = onInspect;
    this.parts = widget.parts;
    this.reset();
    this.bindConfusion();
    this.bindList('mistakes', () => this.mistakeList());
    this.bindList('cell-examples', () => this.cellList());
  }

  reset() {
    this.cell = null; // [true, predicted]
    this.focus = { mistakes: -1, 'cell-examples': -1 };
    this.layouts = {};
  }

  // ---- what the lists hold ----

  // [{index, predicted}] of the last evaluation's mistakes.
  mistakeList() {
    const { index, predicted } = this.mistakes ?? { index: [], predicted: [] };
    return Array.from(index, (i, k) => ({ index: i, predicted: predicted[k] }));
  }

  // The test digits of the chosen cell: mistakes with that pair, or the right ones on the diagonal.
  cellList() {
    if (!this.cell) return [];
    const [label, predicted] = this.cell;
    const labels = this.widget.digits.test.labels;
    if (label !== predicted)
      return this.mistakeList().filter((m) => labels[m.index] === label && m.predicted === predicted);
    const wrong = new Set(this.mistakes.index);
    const right = [];
    for (let i = 0; i < labels.length; i++)
      if (labels[i] === label && !wrong.has(i)) right.push({ index: i, predicted });
    return right;
  }

  // ---- drawing ----

  render(confusion, mistakes, evaluated) {
    this.confusion = confusion;
    this.mistakes = mistakes;
    this.evaluated = evaluated;
    this.geometry = drawConfusion(this.parts.confusion, this.widget.widthOf('confusion'), confusion, {
      selected: this.cell,
    });
    const total = confusion.reduce((a, b) => a + b, 0);
    this.parts.confusion.setAttribute(
      'aria-label',
      evaluated
        ? `Confusion matrix of ${total} test digits, ${mistakes.index.length} misclassified${this.cell ? `; chosen: true ${this.cell[0]}, predicted ${this.cell[1]}` : ''}`
        : 'Confusion matrix: no test evaluation yet',
    );
    const mistakeCount = mistakes.index.length;
    this.parts['mistakes-status'].textContent = !evaluated
      ? 'No test evaluation yet (after the first epoch).'
      : `${mistakeCount} of ${total} test digits misclassified${mistakeCount > MAX_SHOWN ? ` (the first ${MAX_SHOWN} shown)` : ''}.`;
    this.drawList('mistakes', this.mistakeList());
    const cellItems = this.cellList();
    this.parts['cell-status'].textContent = this.cell
      ? `True ${this.cell[0]}, predicted ${this.cell[1]}: ${cellItems.length} test digit${cellItems.length === 1 ? '' : 's'}${cellItems.length > MAX_SHOWN ? ` (the first ${MAX_SHOWN} shown)` : ''}.`
      : '';
    this.drawList('cell-examples', cellItems);
  }

  drawList(role, items) {
    const canvas = this.parts[role];
    const shown = items.slice(0, MAX_SHOWN);
    const width = this.widget.widthOf(role);
    const layout = thumbnailLayout(width, shown.length, 28, { maxScale: width < 480 ? 1 : 2 });
    this.layouts[role] = { layout, items: shown };
    canvas.hidden = shown.length === 0;
    if (shown.length === 0) return;
    const context = prepareCanvas(canvas, width, layout.height);
    const labels = this.widget.digits.test.labels;
    const inspected = this.widget.state.inspect;
    const focused = this.focus[role];
    drawThumbnails(context, layout, {
      pixelsOf: (k) => this.widget.testImage(shown[k].index),
      captionOf: (k) => `${labels[shown[k].index]}→${shown[k].predicted}`,
      selected: focused >= 0 ? focused : shown.findIndex((item) => item.index === inspected),
    });
    canvas.setAttribute(
      'aria-label',
      `${shown.length} test digits (true→predicted): ${shown
        .slice(0, 12)
        .map((item) => `#${item.index} ${labels[item.index]}→${item.predicted}`)
        .join(', ')}${shown.length > 12 ? ', …' : ''}; arrow keys choose, Enter inspects`,
    );
  }

  redraw() {
    if (this.confusion) this.render(this.confusion, this.mistakes, this.evaluated);
  }

  // ---- pointer and keyboard ----

  bindConfusion() {
    const canvas = this.parts.confusion;
    const choose = (cell) => {
      this.cell = cell;
      this.focus['cell-examples'] = -1;
      this.redraw();
    };
    canvas.addEventListener('click', (event) => {
      if (!this.geometry) return;
      const rect = canvas.getBoundingClientRect();
      const { left, top, cell } = this.geometry;
      const column = Math.floor((event.clientX - rect.left - left) / cell);
      const row = Math.floor((event.clientY - rect.top - top) / cell);
      if (row >= 0 && column >= 0 && row < CLASSES && column < CLASSES) choose([row, column]);
    });
    canvas.addEventListener('keydown', (event) => {
      const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
      const move = moves[event.key];
      if (!move && event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      const [row, column] = this.cell ?? [0, 0];
      if (!move) return choose([row, column]);
      const clamp = (v) => Math.min(CLASSES - 1, Math.max(0, v));
      choose(this.cell ? [clamp(row + move[0]), clamp(column + move[1])] : [0, 0]);
    });
  }

  bindList(role, itemsOf) {
    const canvas = this.parts[role];
    canvas.addEventListener('click', (event) => {
      const entry = this.layouts[role];
      if (!entry) return;
      const rect = canvas.getBoundingClientRect();
      const k = thumbnailAt(entry.layout, event.clientX - rect.left, event.clientY - rect.top);
      if (k < 0) return;
      this.focus[role] = -1;
      this.onInspect(entry.items[k].index);
    });
    canvas.addEventListener('keydown', (event) => {
      const entry = this.layouts[role];
      if (!entry || entry.items.length === 0) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        const k = Math.max(0, this.focus[role]);
        this.onInspect(entry.items[k].index);
        return;
      }
      const next = movedIndex(event.key, this.focus[role], entry.items.length, entry.layout.perRow);
      if (next === null) return;
      event.preventDefault();
      this.focus[role] = next;
      this.drawList(role, itemsOf());
    });
    canvas.addEventListener('blur', () => {
      this.focus[role] = -1;
    });
  }
}
