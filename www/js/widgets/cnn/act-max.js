// <descent-cnn>'s activation maximisation panel: gradient ascent on an image, from seeded grey noise,
// towards what a class's logit or a conv filter's mean activation likes most (the core's
// CnnActivationMaximizer, on a copy of the current weights: training may go on meanwhile). The
// image grows a few steps per animation frame on a live run of its own (paused off screen, sharing
// the frame with the training through FrameShare), with the objective and its chart per step. The
// maximiser is deleted when done, stopped, replaced by another, or when the widget leaves the page.
import { createButton, createSelect } from '../../ui/controls.js';
import { drawImage } from '../../ui/cell-grid.js';
import { setButtonContent } from '../../ui/icons.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { OKABE_ITO, themeOf } from '../../ui/palette.js';
import { prefersReducedMotion } from '../../ui/animation.js';
import { LiveRun, withinBudget } from '../transports/live-run.js';
import { maximizeText } from './state.js';

const STEPS_PER_FRAME = 4; // the image visibly grows: a 200-step ascent takes about 50 frames
const REDUCED_MOTION_STEPS = 100; // fewer pictures for a reader who prefers less motion
const FRAME_BUDGET_MS = 6;
const CHART_HEIGHT = 150;

const targetWords = (target) =>
  target.target === 'class'
    ? `the logit of class ${target.classIndex}`
    : `the mean activation of filter ${target.filter} of conv layer ${target.layer}`;

export class ActMaxPanel {
  // widget: the <descent-cnn> (its session, state, parts, frameShare and applyControl).
  constructor(widget) {
    this.widget = widget;
    this.parts = widget.parts;
    this.view = null; // {target, step, steps, objective, height, width, image, objectives}
    this.error = ''; // why the last Start failed
    this.run = new LiveRun({
      create: (request) => {
        const made = widget.session.activationMaximizer(request);
        return made.ok ? { handle: made.maximizer } : { error: made.error };
      },
      advance: (maximizer, { budgetMs }) => this.ascend(maximizer, budgetMs),
      render: () => this.render(),
      onError: (message) => this.fail(message),
      frameBudgetMs: FRAME_BUDGET_MS,
      releaseWhenDone: true, // the image and objectives are copied out
    });
    this.build();
  }

  build() {
    this.targetControl = createSelect({
      name: 'maximize-target',
      label: 'Maximise',
      options: [{ value: 'class', label: 'class 0' }],
      onChange: () => this.sendTarget(),
    });
    this.filterControl = createSelect({
      name: 'maximize-filter',
      label: 'Filter',
      options: [{ value: '1', label: '1' }],
      onChange: () => this.sendTarget(),
    });
    this.targetSelect = this.targetControl.element.querySelector('select');
    this.filterSelect = this.filterControl.element.querySelector('select');
    this.startButton = createButton({
      label: 'Start',
      title: 'Gradient ascent on the image, on a copy of the current weights',
      onClick: () => (this.run.playing ? this.stop() : this.start()),
    });
    this.startButton.classList.add('primary');
    this.parts['act-max-controls'].append(this.targetControl.element, this.filterControl.element, this.startButton);
  }

  sendTarget() {
    const [kind, layer] = this.targetSelect.value.split(':');
    // Another layer keeps the filter number where that layer has it, else takes its first filter.
    const count = this.widget.state.blocks[Number(layer) - 1]?.filters ?? 1;
    const filter = Number(this.filterSelect.value) || 1;
    const text = kind === 'filter' ? `filter:${layer}:${filter <= count ? filter : 1}` : `class:${layer}`;
    this.widget.applyControl('maximize', text);
  }

  // The controls from the state: the targets the current network has (classes, its conv layers).
  sync(state) {
    const options = Array.from({ length: 10 }, (_, k) => [`class:${k}`, `class ${k}`]);
    state.blocks.forEach((_, k) => options.push([`filter:${k + 1}`, `a filter of conv layer ${k + 1}`]));
    const key = options.map(([value]) => value).join('|');
    if (this.targetSelect.dataset.options !== key) {
      this.targetSelect.textContent = '';
      for (const [value, label] of options) this.targetSelect.append(new Option(label, value));
      this.targetSelect.dataset.options = key;
    }
    const target = state.maximize;
    const layerValue = target.target === 'class' ? `class:${target.classIndex}` : `filter:${target.layer}`;
    this.targetSelect.value = layerValue;
    const filters = target.target === 'filter' ? (state.blocks[target.layer - 1]?.filters ?? 0) : 0;
    this.filterControl.element.hidden = filters === 0;
    if (this.filterSelect.options.length !== filters) {
      this.filterSelect.textContent = '';
      for (let f = 1; f <= filters; f++) this.filterSelect.append(new Option(String(f), String(f)));
    }
    if (filters) this.filterSelect.value = String(target.filter);
    // A new target while one runs: it replaces that one (load() deletes the old maximiser).
    if (this.run.playing && this.view && maximizeText(this.view.target) !== maximizeText(target)) this.start();
  }

  start() {
    const { session, state } = this.widget;
    if (!session) return;
    const target = state.maximize;
    const request =
      target.target === 'class'
        ? { target: 'class', classIndex: target.classIndex, seed: state.seed }
        : { target: 'filter', layer: target.layer - 1, filter: target.filter - 1, seed: state.seed };
    const problem = this.run.load(request);
    this.error = '';
    if (problem) {
      this.fail(problem);
      return;
    }
    const first = this.run.handle.advance(0);
    if (!first.ok) {
      this.run.dispose();
      this.fail(first.error);
      return;
    }
    this.copy(first, this.run.handle, target);
    this.run.play();
    this.render();
  }

  stop() {
    this.run.pause();
    this.run.dispose();
    this.render();
  }

  // The live run's advance: a few steps within the frame's share, then the state copied out.
  ascend(maximizer, budgetMs) {
    const share = this.widget.frameShare;
    const budget = Math.min(budgetMs, share.budget('act-max'));
    if (budget <= 0) return { done: false };
    const started = performance.now();
    const perFrame = prefersReducedMotion() ? REDUCED_MOTION_STEPS : STEPS_PER_FRAME;
    let taken = 0;
    let state = null;
    withinBudget(
      budget,
      (count) => {
        const steps = Math.min(count, perFrame - taken);
        state = maximizer.advance(steps);
        if (!state.ok) throw new Error(state.error);
        taken += steps;
        return state.done || taken >= perFrame;
      },
      perFrame,
    );
    this.copy(state, maximizer, this.view.target);
    share.spend(performance.now() - started);
    return { done: state.done };
  }

  copy(state, maximizer, target) {
    const { step, steps, objective, height, width, image } = state;
    this.view = {
      target,
      step,
      steps,
      objective,
      height,
      width,
      image: Float32Array.from(image),
      objectives: Float64Array.from(maximizer.objectives()),
    };
  }

  showStatus(message) {
    this.parts['act-max-status'].textContent = message;
  }

  fail(message) {
    this.error = message;
    this.showStatus(message);
  }

  render() {
    setButtonContent(this.startButton, { label: this.run.playing ? 'Stop' : 'Start' });
    this.startButton.disabled = !this.widget.session;
    const view = this.view;
    if (this.error) {
      this.showStatus(this.error);
      return;
    }
    if (!view) {
      this.showStatus('Press Start: the image the network, as trained so far, scores highest.');
      return;
    }
    const start = view.objectives[0];
    this.showStatus(
      `Step ${view.step} / ${view.steps}: ${targetWords(view.target)} is ${view.objective.toFixed(3)}, ` +
        `from ${start.toFixed(3)} at the start${this.run.playing ? '' : view.step === view.steps ? ' — done.' : ' — stopped.'}` +
        (view.objectives.every((value) => value === 0) && view.step > 0
          ? ' The unit is silent on this image (its ReLU outputs 0): no gradient, nothing to climb; try another filter or seed.'
          : ''),
    );
    const imageCanvas = this.parts['act-max-image'];
    const side = Math.min(220, this.widget.widthOf('act-max-image'));
    const context = prepareCanvas(imageCanvas, side, side);
    drawImage(context, side, side, { channels: 1, height: view.height, width: view.width, pixels: view.image }, {});
    imageCanvas.setAttribute('aria-label', `The image maximising ${targetWords(view.target)} after ${view.step} steps`);
    const chart = this.parts['act-max-chart'];
    const width = this.widget.widthOf('act-max-chart');
    const chartContext = prepareCanvas(chart, width, CHART_HEIGHT);
    if (view.objectives.length < 2) {
      chartContext.fillStyle = themeOf(chartContext).muted;
      chartContext.font = '13px system-ui, sans-serif';
      chartContext.fillText('The objective per step appears here.', 12, CHART_HEIGHT / 2);
    } else
      drawLineChart(chartContext, width, CHART_HEIGHT, {
        values: view.objectives,
        color: OKABE_ITO.bluishGreen,
        currentIndex: view.objectives.length - 1,
        xLabel: 'ascent step',
        yLabel: 'objective',
      });
    chart.setAttribute(
      'aria-label',
      `Objective per ascent step: ${start.toFixed(3)} at the start, ${view.objective.toFixed(3)} after step ${view.step}`,
    );
  }

  setVisible(visible) {
    this.run.setVisible(visible);
  }

  dispose() {
    this.run.dispose();
  }
}
