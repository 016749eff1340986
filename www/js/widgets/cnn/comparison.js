// <descent-cnn>'s "MLP vs CNN on the same data" panel: the widget's CNN and an MLP (the flattened
// image into dense layers, `mlp-dense`: convBlocks [] for the core) trained side by side on the same
// training images with the same seed, optimizer, learning rate, batch, epochs and augmentation, on
// one live run of their own: each frame, within its share of the frame (FrameShare), a mini-batch
// (or a slice of test scoring) at a time for whichever of the two is behind, so both reach each
// epoch together. Shows the parameters (the core's counts) against the test accuracy per epoch.
import { createButton } from '../../ui/controls.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { formatCount } from '../../ui/format.js';
import { setButtonContent } from '../../ui/icons.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { OKABE_ITO, themeOf } from '../../ui/palette.js';
import { LiveRun, withinBudget } from '../transports/live-run.js';
import { blocksText } from './state.js';

const FRAME_BUDGET_MS = 8;
const CHART_HEIGHT = 170;
const NETWORKS = [
  { key: 'cnn', name: 'CNN', color: OKABE_ITO.vermillion },
  { key: 'mlp', name: 'MLP', color: OKABE_ITO.blue },
];

const percent = (value) => `${(value * 100).toFixed(1)} %`;

// The two sessions as one handle for the live run: delete() frees both, once.
function pairHandle(cnn, mlp) {
  let deleted = false;
  return {
    cnn,
    mlp,
    isDeleted: () => deleted,
    delete() {
      deleted = true;
      cnn.delete();
      mlp.delete();
    },
  };
}

export class ComparisonPanel {
  // widget: the <descent-cnn> (core, state, digits, parts, frameShare, sessionRequest()).
  constructor(widget) {
    this.widget = widget;
    this.parts = widget.parts;
    this.view = null; // {key, cnn: {progress, testAccuracy, shape}, mlp: {…}}
    this.run = new LiveRun({
      create: ({ cnn, mlp }) => {
        const made = widget.core.createCnnSession(cnn);
        if (!made.ok) return { error: `CNN: ${made.error}` };
        const other = widget.core.createCnnSession(mlp);
        if (!other.ok) {
          made.session.delete();
          return { error: `MLP: ${other.error}` };
        }
        return { handle: pairHandle(made.session, other.session) };
      },
      advance: (pair, { budgetMs }) => this.train(pair, budgetMs),
      render: () => this.render(),
      onError: (message) => (this.error = message),
      frameBudgetMs: FRAME_BUDGET_MS,
      releaseWhenDone: true, // every number shown is copied out
    });
    this.error = '';
    const dense = widget.schemaControl('mlp-dense');
    widget.controls['mlp-dense'] = dense;
    this.button = createButton({
      label: 'Train both',
      title: 'Train the CNN and the MLP side by side, epoch by epoch',
      onClick: () => (this.run.playing ? this.stop() : this.start()),
    });
    this.button.classList.add('primary');
    this.parts['compare-controls'].append(dense.element, this.button);
  }

  // What the comparison is made of: a new network or training setting makes it stale.
  keyOf(state) {
    return JSON.stringify([this.widget.sessionRequest(state), state['mlp-dense']]);
  }

  sync(state) {
    if (this.view && this.view.key !== this.keyOf(state)) {
      this.run.pause();
      this.run.dispose();
      this.view = null;
      this.error = '';
    }
  }

  start() {
    const { state, digits } = this.widget;
    if (!digits) return;
    const cnn = this.widget.fullRequest(state);
    const mlp = { ...cnn, convBlocks: [], dense: state['mlp-dense'] };
    this.error = this.run.load({ cnn, mlp });
    if (this.error) {
      this.render();
      return;
    }
    const { handle } = this.run;
    const mlpShape = `${digits.width * digits.height} → ${[...state['mlp-dense'], 10].join(' → ')}`;
    this.view = {
      key: this.keyOf(state),
      cnn: { shape: `${blocksText(state.blocks)} → ${[...state.dense, 10].join(' → ')}` },
      mlp: { shape: mlpShape },
    };
    this.copy(handle);
    this.run.play();
    this.render();
  }

  stop() {
    this.run.pause();
    this.run.dispose();
    this.render();
  }

  // The live run's advance: one unit at a time for the network that is behind, within the share.
  train(pair, budgetMs) {
    const share = this.widget.frameShare;
    const budget = Math.min(budgetMs, share.budget('compare'));
    if (budget <= 0) return { done: false };
    const started = performance.now();
    withinBudget(budget, () => {
      const waiting = [pair.cnn, pair.mlp].map((session) => ({ session, p: session.progress() }));
      const open = waiting.filter(({ p }) => !p.done);
      if (!open.length) return true;
      const next = open.find(({ p }) => p.evaluating) ?? open.reduce((a, b) => (b.p.steps < a.p.steps ? b : a));
      const answer = next.session.advance(1);
      if (answer !== true && answer !== false) throw new Error(answer.error);
      return false;
    });
    this.copy(pair);
    share.spend(performance.now() - started);
    return { done: this.view.cnn.progress.done && this.view.mlp.progress.done };
  }

  copy(pair) {
    for (const { key } of NETWORKS) {
      const session = pair[key];
      this.view[key].progress = session.progress();
      this.view[key].testAccuracy = Float64Array.from(session.history().testAccuracy);
    }
  }

  render() {
    setButtonContent(this.button, { label: this.run.playing ? 'Stop' : 'Train both' });
    this.button.disabled = !this.widget.digits;
    const status = this.parts['compare-status'];
    const view = this.view;
    if (this.error || !view) {
      status.textContent =
        this.error || 'Press Train both: the CNN above and the MLP learn from the same images, side by side.';
      this.drawTable(null);
      this.drawChart(null);
      return;
    }
    const { cnn, mlp } = view;
    const state = this.run.playing ? '' : cnn.progress.done && mlp.progress.done ? ' — done.' : ' — stopped.';
    status.textContent =
      `Epoch ${Math.min(cnn.progress.epoch, mlp.progress.epoch)} / ${cnn.progress.epochs}: ` +
      NETWORKS.map(({ key, name }) => `${name} ${accuracyText(view[key])}`).join(', ') +
      state;
    this.drawTable(view);
    this.drawChart(view);
  }

  drawTable(view) {
    const table = this.parts['compare-table'];
    const rows = NETWORKS.map(({ key, name }) => {
      const run = view?.[key];
      return [
        name,
        run?.shape ?? '–',
        run ? formatCount(run.progress.parameterCount) : '–',
        run ? accuracyText(run) : '–',
      ];
    });
    const html = [['network', 'layers', 'parameters', 'test accuracy'], ...rows];
    if (!table.rows.length) {
      for (const [k, cells] of html.entries()) {
        const row = table.insertRow();
        for (const cell of cells) {
          const element = document.createElement(k === 0 ? 'th' : 'td');
          row.append(element);
          // The network's name with its line's colour: the chart's legend.
          if (k > 0 && element === row.cells[0]) {
            const swatch = document.createElement('span');
            swatch.className = 'swatch';
            swatch.style.background = NETWORKS[k - 1].color;
            element.append(swatch);
          }
          element.append(document.createTextNode(cell));
        }
      }
      return;
    }
    html.forEach((cells, k) => cells.forEach((cell, c) => (table.rows[k].cells[c].lastChild.textContent = cell)));
  }

  drawChart(view) {
    const canvas = this.parts['compare-chart'];
    const width = this.widget.widthOf('compare-chart');
    const key = view ? `${width}|${view.cnn.testAccuracy.length}|${view.mlp.testAccuracy.length}` : `${width}|none`;
    if (canvas.dataset.drawn === key && this.widget.colorScheme === canvas.dataset.scheme) return;
    canvas.dataset.drawn = key;
    canvas.dataset.scheme = this.widget.colorScheme;
    const context = prepareCanvas(canvas, width, CHART_HEIGHT);
    if (!view || (view.cnn.testAccuracy.length === 0 && view.mlp.testAccuracy.length === 0)) {
      context.fillStyle = themeOf(context).muted;
      context.font = '13px system-ui, sans-serif';
      context.fillText('Test accuracy per epoch appears here.', 12, CHART_HEIGHT / 2);
      canvas.setAttribute('aria-label', 'Test accuracy per epoch of the CNN and the MLP: no epoch yet');
      return;
    }
    const series = NETWORKS.map(({ key: k, name, color }) => ({
      values: Array.from(view[k].testAccuracy, (v) => v * 100),
      color,
      label: name,
    }));
    drawLineChart(context, width, CHART_HEIGHT, {
      series,
      currentIndex: Math.max(view.cnn.testAccuracy.length, view.mlp.testAccuracy.length) - 1,
      xLabel: 'epoch',
      xTickLabel: (x) => (Number.isInteger(x) ? String(x + 1) : ''),
      yLabel: 'test accuracy %',
    });
    canvas.setAttribute(
      'aria-label',
      `Test accuracy per epoch: ${NETWORKS.map(({ key: k, name }) => `${name} ${accuracyText(view[k])}`).join(', ')}`,
    );
  }

  setVisible(visible) {
    this.run.setVisible(visible);
  }

  dispose() {
    this.run.dispose();
  }
}

function accuracyText({ testAccuracy, progress }) {
  const last = testAccuracy.length - 1;
  if (progress.diverged) return `diverged at epoch ${progress.divergedEpoch}`;
  return last < 0 ? 'no epoch yet' : `${percent(testAccuracy[last])} after epoch ${last + 1}`;
}
