// <descent-cnn>'s transfer-learning panel: the widget's network pre-trained on some digits
// (`transfer-source`, all their training images), then trained on other digits
// (`transfer-target`) with only a few examples of each (`transfer-per-class`): from scratch, with
// random conv blocks frozen (only the head learns), and starting from the pre-trained conv blocks
// with 0, 1, … all of them frozen. One TransferJob (transfer-job.js) on a live run of its own,
// within its share of the frame (FrameShare), with a progress bar and Cancel; the same seed gives
// the same numbers. Shows the test accuracy of every run in a table and against the examples per
// class in a chart.
import { createButton } from '../../ui/controls.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { setButtonContent } from '../../ui/icons.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { OKABE_ITO, themeOf } from '../../ui/palette.js';
import { LiveRun, withinBudget } from '../transports/live-run.js';
import { TransferJob, transferModes } from './transfer-job.js';
import { classesText } from './transfer-state.js';

const FRAME_BUDGET_MS = 8;
const MAX_CHUNK = 32; // units per job call at most, between clock checks
const CHART_HEIGHT = 190;
const CONTROLS = [
  'transfer-source',
  'transfer-target',
  'transfer-per-class',
  'transfer-pretrain-epochs',
  'transfer-epochs',
];
const COLORS = [
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.blue,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
];

const percent = (value) => `${(value * 100).toFixed(1)} %`;
const modeKey = ({ mode, frozen }) => `${mode}:${frozen}`;

// A run's name for people; `blocks`: the network's conv blocks.
export function modeName({ mode, frozen }, blocks) {
  if (mode === 'scratch') return 'from scratch';
  if (mode === 'random') return 'random conv blocks, frozen';
  if (frozen === 0) return 'pre-trained, all fine-tuned';
  if (frozen === blocks) return `pre-trained, ${blocks === 1 ? 'conv block' : 'all conv blocks'} frozen`;
  return `pre-trained, ${frozen === 1 ? 'block 1' : `blocks 1–${frozen}`} frozen`;
}

export class TransferPanel {
  // widget: the <descent-cnn> (core, state, digits, parts, frameShare, fullRequest(), sessionRequest()).
  constructor(widget) {
    this.widget = widget;
    this.parts = widget.parts;
    this.view = null; // {key, setup, results, progress, cancelled}
    this.error = '';
    this.run = new LiveRun({
      create: (setup) => ({ handle: new TransferJob(widget.core, setup) }),
      advance: (job, { budgetMs }) => this.train(job, budgetMs),
      render: () => this.render(),
      onError: (message) => {
        this.error = message;
        this.render();
      },
      frameBudgetMs: FRAME_BUDGET_MS,
      releaseWhenDone: true, // every number shown is copied out
    });
    for (const name of CONTROLS) widget.controls[name] = widget.schemaControl(name);
    this.button = createButton({
      label: 'Run transfer',
      title: 'Pre-train, then train every variant on the few new examples',
      onClick: () => (this.run.playing ? this.cancel() : this.start()),
    });
    this.button.classList.add('primary');
    this.parts['transfer-controls'].append(...CONTROLS.map((name) => widget.controls[name].element), this.button);
    this.bar = this.parts['transfer-progress'];
  }

  // What the results are made of: another network, training setting or transfer setting makes them stale.
  keyOf(state) {
    return JSON.stringify([this.widget.sessionRequest(state), ...CONTROLS.map((name) => state[name])]);
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
    const setup = {
      base: this.widget.fullRequest(state),
      source: state['transfer-source'],
      target: state['transfer-target'],
      perClass: state['transfer-per-class'],
      pretrainEpochs: state['transfer-pretrain-epochs'],
      epochs: state['transfer-epochs'],
    };
    this.error = this.run.load(setup);
    if (this.error) {
      this.render();
      return;
    }
    this.view = { key: this.keyOf(state), setup, blocks: state.blocks.length, cancelled: false };
    this.copy(this.run.handle);
    this.run.play();
    this.render();
  }

  cancel() {
    this.run.pause();
    this.run.dispose();
    if (this.view) this.view.cancelled = true;
    this.render();
  }

  // The live run's advance: job units within the frame's share, then the results copied out.
  train(job, budgetMs) {
    const share = this.widget.frameShare;
    const budget = Math.min(budgetMs, share.budget('transfer'));
    if (budget <= 0) return { done: false };
    const started = performance.now();
    const done = withinBudget(budget, (units) => job.advance(units), MAX_CHUNK);
    this.copy(job);
    share.spend(performance.now() - started);
    return { done };
  }

  copy(job) {
    this.view.results = job.results();
    this.view.progress = job.progress();
  }

  render() {
    const running = this.run.playing;
    setButtonContent(this.button, { label: running ? 'Cancel' : 'Run transfer' });
    this.button.disabled = !this.widget.digits;
    this.button.title = running
      ? 'Stop the runs; the finished ones stay in the table'
      : 'Pre-train, then train every variant on the few new examples';
    const view = this.view;
    this.bar.hidden = !running;
    if (view?.progress) this.bar.value = view.progress.fraction;
    this.parts['transfer-status'].textContent = this.error || this.statusText(view, running);
    this.drawTable(view);
    this.drawChart(view);
  }

  statusText(view, running) {
    const state = this.widget.state;
    if (!view) {
      const source = classesText(state?.['transfer-source'] ?? []);
      const target = classesText(state?.['transfer-target'] ?? []);
      return `Press Run transfer: pre-train on ${source}, then learn ${target} from a few examples each, from scratch and from the pre-trained blocks.`;
    }
    const { setup, results, progress } = view;
    const lines = [];
    const source = classesText(setup.source);
    const target = classesText(setup.target);
    if (results.pretrain)
      lines.push(
        `Pre-trained on ${source}: test accuracy ${percent(results.pretrain.testAccuracy)} (${results.pretrain.testCount} digits).`,
      );
    if (running) {
      const p = progress;
      lines.push(
        p.phase === 'pretrain'
          ? `Pre-training on ${source}: epoch ${p.epoch} / ${p.epochs}…`
          : `Run ${p.index + 1} of ${p.count} (${p.run.perClass} per class, ${modeName(p.run, view.blocks)}): epoch ${p.epoch} / ${p.epochs}…`,
      );
    }
    // Per examples-per-class value: scratch against the best pre-trained run.
    for (const n of setup.perClass) {
      const runs = results.runs.filter((r) => r.perClass === n);
      const scratch = runs.find((r) => r.mode === 'scratch');
      const pretrained = runs.filter((r) => r.mode === 'pretrained');
      if (!scratch || pretrained.length < view.blocks + 1) continue;
      const best = pretrained.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a));
      lines.push(
        `${target}, ${n} per class, ${setup.epochs} epochs: from scratch ${percent(scratch.testAccuracy)}, ` +
          `best pre-trained ${percent(best.testAccuracy)} (${modeName(best, view.blocks)}).`,
      );
    }
    if (!running)
      lines.push(
        view.cancelled
          ? `Cancelled after ${results.runs.length} of ${results.plan.length} runs.`
          : results.runs.length === results.plan.length
            ? 'Done.'
            : '',
      );
    return lines.filter(Boolean).join(' ');
  }

  // Rows: the runs' kinds; columns: the examples per class; cells: test accuracy after the last epoch.
  drawTable(view) {
    const table = this.parts['transfer-table'];
    const blocks = view?.blocks ?? this.widget.state?.blocks.length ?? 2;
    const perClass = view?.setup.perClass ?? this.widget.state?.['transfer-per-class'] ?? [];
    const modes = transferModes(blocks);
    const cell = (mode, n) => {
      const found = view?.results.runs.find((r) => r.perClass === n && modeKey(r) === modeKey(mode));
      if (found) return found.diverged ? 'diverged' : percent(found.testAccuracy);
      const p = view?.progress;
      return this.run.playing && p?.run?.perClass === n && modeKey(p.run) === modeKey(mode) ? '…' : '–';
    };
    const rows = [
      ['run', ...perClass.map((n) => `${n} per class`)],
      ...modes.map((mode) => [modeName(mode, blocks), ...perClass.map((n) => cell(mode, n))]),
    ];
    const shape = rows.map((row) => row.length).join(',');
    if (table.dataset.shape !== shape) {
      table.textContent = '';
      table.dataset.shape = shape;
      rows.forEach((cells, k) => {
        const row = table.insertRow();
        cells.forEach((_, c) => {
          const element = document.createElement(k === 0 || c === 0 ? 'th' : 'td');
          if (k > 0 && c === 0) {
            element.scope = 'row';
            const swatch = document.createElement('span');
            swatch.className = 'swatch';
            swatch.style.background = COLORS[(k - 1) % COLORS.length];
            element.append(swatch);
          } else if (k === 0) element.scope = 'col';
          element.append(document.createTextNode(''));
          row.append(element);
        });
      });
    }
    rows.forEach((cells, k) => cells.forEach((text, c) => (table.rows[k].cells[c].lastChild.textContent = text)));
  }

  // Test accuracy against the examples per class, one line per kind of run.
  drawChart(view) {
    const canvas = this.parts['transfer-chart'];
    const width = this.widget.widthOf('transfer-chart');
    const runs = view?.results.runs ?? [];
    const key = `${width}|${view ? view.key : 'none'}|${runs.length}`;
    if (canvas.dataset.drawn === key && this.widget.colorScheme === canvas.dataset.scheme) return;
    canvas.dataset.drawn = key;
    canvas.dataset.scheme = this.widget.colorScheme;
    const context = prepareCanvas(canvas, width, CHART_HEIGHT);
    if (!runs.length) {
      context.fillStyle = themeOf(context).muted;
      context.font = '13px system-ui, sans-serif';
      context.fillText('Test accuracy against examples per class appears here.', 12, CHART_HEIGHT / 2);
      canvas.setAttribute('aria-label', 'Test accuracy against examples per class: no run yet');
      return;
    }
    const { perClass } = view.setup;
    const modes = transferModes(view.blocks);
    const series = modes.map((mode, k) => ({
      values: perClass.map((n) => {
        const found = runs.find((r) => r.perClass === n && modeKey(r) === modeKey(mode));
        return found ? found.testAccuracy * 100 : NaN;
      }),
      color: COLORS[k % COLORS.length],
      label: modeName(mode, view.blocks),
    }));
    drawLineChart(context, width, CHART_HEIGHT, {
      series,
      currentIndex: perClass.length - 1,
      xLabel: 'examples per class',
      xTickLabel: (x) => (Number.isInteger(x) && perClass[x] !== undefined ? String(perClass[x]) : ''),
      yLabel: 'test accuracy %',
    });
    canvas.setAttribute(
      'aria-label',
      `Test accuracy against examples per class (${perClass.join(', ')}), one line per kind of run; the table below lists the values`,
    );
  }

  setVisible(visible) {
    this.run.setVisible(visible);
  }

  dispose() {
    this.run.dispose();
  }
}
