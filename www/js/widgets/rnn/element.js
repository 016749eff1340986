// <descent-rnn>: a recurrent network (vanilla RNN, LSTM or GRU) trained live on a sequence task —
// a noisy sine, the adding problem, running parity, copying tokens — by the core's RnnSession, a
// few steps per animation frame through the live-run transport. It shows the training loss against
// the task's baseline, the network unrolled over one test sequence (inputs, hidden state, gates,
// cell state, outputs; hover a step for its numbers) and ‖∂L/∂h_t‖ through time. Every number
// shown is the core's.
import { readCoreCatalogs } from '../../core-catalogs.js';
import { prefersReducedMotion } from '../../ui/animation.js';
import { createButton } from '../../ui/controls.js';
import { formatCount, formatNumber, formatSetting } from '../../ui/format.js';
import { setButtonContent } from '../../ui/icons.js';
import { DescentWidget } from '../descent-widget.js';
import { withinBudget } from '../transports/live-run.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { drawGradientChart, drawLossChart, drawNormChart } from './plot.js';
import { STATE_ATTRIBUTES, rnnSchema, taskInfo, toSessionRequest } from './state.js';
import { describeStep } from './step-readout.js';
import { STYLES, TEMPLATE } from './template.js';
import { drawUnrolled, stepAt, unrolledRows } from './unrolled.js';

const FRAME_BUDGET_MS = 8; // training per frame while playing: time is left to draw
const MAX_CHUNK = 50; // steps per core call at most, between clock checks
const LOOK_EVERY_MS = 250; // the test evaluation and the inspected sequence, this often while training
const AUTOPLAY_DELAY_MS = 300;
const LOSS_EVERY_MS = 100; // the loss curve (thousands of points), this often while training
const percent = (value) => `${(100 * value).toFixed(1)} %`;

// A growing Float64Array of every step's loss (the core returns each call's steps in one piece).
class History {
  constructor() {
    this.values = new Float64Array(1024);
    this.length = 0;
  }

  append(values) {
    if (this.length + values.length > this.values.length) {
      const grown = new Float64Array(Math.max(2 * this.values.length, this.length + values.length));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    this.values.set(values, this.length);
    this.length += values.length;
  }

  get shown() {
    return this.values.subarray(0, this.length);
  }
}

export class DescentRnn extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'sequence';

  constructor() {
    super(WIDGET_STYLES + STYLES, TEMPLATE);
    this.transportNoun = 'training';
    this.reducedMotionMaxSpeed = 1;
    this.view = null; // what is shown, copied out of the session
    this.selectedStep = null; // the unrolled view's step (null: the last)
    this.rate = { steps: 0, ms: 0 };
    this.resetsOnChange = { task: ['length'] }; // a new task starts at its own length
    this.createLiveRun({
      create: (request) => {
        const made = this.core.createRnnSession(request);
        return made.ok ? { handle: made.session } : { error: made.error };
      },
      advance: (session, { budgetMs, single }) => this.train(session, budgetMs, single),
      render: () => this.showTraining(),
      frameBudgetMs: FRAME_BUDGET_MS,
      releaseWhenDone: false, // a trained network is still inspected
    });
  }

  prepare() {
    this.rnnCatalog = readCoreCatalogs(this.core).rnn;
    this.schema = rnnSchema(this.rnnCatalog);
    return '';
  }

  // The core's RnnSession (the live run deletes it on rebuild and removal), or null.
  get session() {
    return this.liveRun.handle;
  }

  get playing() {
    return this.liveRun.playing;
  }

  // The shown results: what tests and lessons wait for.
  get run() {
    return this.view;
  }

  get updateDetail() {
    return { config: this.config, evaluation: this.view?.evaluation, steps: this.view?.steps };
  }

  // ---- session ----

  simulate(state) {
    const request = toSessionRequest(state, this.rnnCatalog);
    const problem = this.liveRun.load(request); // a playing run goes on with the new session
    if (problem) return problem;
    this.config = request;
    this.rate = { steps: 0, ms: 0 };
    this.credit = 0;
    this.lastFrameMs = 0;
    const info = this.session.info();
    this.view = {
      info,
      history: new History(),
      norms: new History(),
      steps: 0,
      diverged: false,
      stopReason: '',
      evaluation: null,
    };
    this.inspection = null;
    this.selectedStep = null;
    this.evaluating = false;
    // An evaluation slice costs about two thirds of a training step: a frame stays short.
    this.evaluationSlice = Math.min(info.testCount, 2 * request.batchSize);
    this.lastLookMs = performance.now();
    if (!this.startedOnce && !prefersReducedMotion()) {
      // The first run trains by itself (later ones keep Play's state), once its first picture is
      // drawn: first drawings and training in the same frames would block the page.
      this.startedOnce = true;
      const handle = this.session;
      setTimeout(() => {
        if (this.session === handle && !this.liveRun.done) this.play();
      }, AUTOPLAY_DELAY_MS);
    }
    return '';
  }

  // The steps the speed allows this frame: speed × the time since the last frame (at most 0.1 s).
  takeCredit() {
    const now = performance.now();
    const elapsed = this.lastFrameMs ? Math.min(100, now - this.lastFrameMs) : 1000 / 60;
    this.lastFrameMs = now;
    this.credit = Math.min(this.credit + (this.state.speed * elapsed) / 1000, MAX_CHUNK * 20);
    const allowed = Math.floor(this.credit);
    this.credit -= allowed;
    return allowed;
  }

  // The live run's advance: a few times a second a slice of the test evaluation (and, once it is
  // complete, the inspected sequence again), then training for what is left of the budget.
  train(session, budgetMs, single) {
    const { view } = this;
    const limit = this.state.steps;
    const start = performance.now();
    this.fresh = false;
    if (!single && (this.evaluating || start - this.lastLookMs > LOOK_EVERY_MS)) {
      this.lastLookMs = start;
      if (this.evaluateSlice()) this.inspect();
    }
    const trainSteps = (count) => {
      const answer = session.train(Math.min(count, Math.max(0, limit - view.steps)));
      if (!answer.ok) throw new Error(answer.error);
      view.history.append(answer.losses);
      view.norms.append(answer.gradientNorms);
      view.steps = answer.steps;
      view.diverged = answer.diverged;
      view.stopReason = answer.stopReason;
      return answer.diverged || answer.steps >= limit;
    };
    const allowed = single ? 1 : this.takeCredit();
    const trainStart = performance.now();
    if (allowed > 0 && !(view.diverged || view.steps >= limit)) {
      let trained = 0;
      const left = Math.max(1, budgetMs - (trainStart - start));
      withinBudget(
        left,
        (count) => {
          const n = Math.min(count, allowed - trained);
          trained += n;
          return trainSteps(n) || trained >= allowed;
        },
        MAX_CHUNK,
      );
      this.rate.ms += performance.now() - trainStart;
      this.rate.steps += trained;
    }
    const done = view.diverged || view.steps >= limit;
    if (single || done) this.inspect();
    return { done };
  }

  // One slice of the test evaluation; true once one is complete (view.evaluation is then its).
  evaluateSlice() {
    const answer = this.session?.evaluate(this.evaluationSlice);
    if (!answer?.ok) return false;
    this.evaluating = !answer.done;
    if (answer.done) this.view.evaluation = answer;
    return answer.done;
  }

  // Whether the shown evaluation is not of the current weights and training is not going to
  // renew it (stopped, paused): render() scores the test set then.
  get evaluationStale() {
    const { view } = this;
    return Boolean(this.session) && !this.playing && (this.evaluating || view.evaluation?.steps !== view.steps);
  }

  inspect() {
    const answer = this.session?.inspect(this.state.sequence);
    if (!answer) return;
    if (!answer.ok) {
      this.parts.error.textContent = answer.error;
      return;
    }
    this.inspection = answer;
    this.fresh = true;
    this.rows = unrolledRows(answer, this.view.info.task);
  }

  // The live run's render, after each frame of training or a Step: the readout and the loss curve
  // every frame, the unrolled view and the gradient chart when the inspection is new; stopped, the
  // whole picture (with the last evaluation) in the frames after.
  showTraining() {
    this.renderReadout();
    this.renderTransport();
    if (performance.now() - (this.lossDrawnMs ?? 0) > LOSS_EVERY_MS) {
      this.renderLoss();
      this.renderNorms();
    }
    if (this.fresh) {
      this.renderGradients();
      this.renderUnrolled();
    }
    if (this.liveRun.done || !this.playing) this.render();
    this.dispatchEvent(new CustomEvent('descent-trained', { detail: this.updateDetail }));
  }

  // ---- transport ----

  play() {
    if (!this.session || this.liveRun.done) return;
    this.liveRun.play();
    this.renderTransport();
  }

  pause() {
    this.liveRun.pause();
    this.renderTransport();
  }

  stepForward() {
    this.liveRun.step();
    this.renderTransport();
  }

  reset() {
    this.pause();
    this.update(); // a fresh session from the same state: the same seed, the same start
  }

  buildTransport() {
    this.playButton = createButton({
      icon: 'play',
      label: 'Play',
      title: 'Train step after step',
      onClick: () => (this.playing ? this.pause() : this.play()),
    });
    this.playButton.classList.add('primary');
    this.parts.transport.append(
      createButton({ label: 'Reset', title: 'Back to the initial weights (same seed)', onClick: () => this.reset() }),
      this.playButton,
      createButton({
        icon: 'step-forward',
        iconAfter: true,
        label: 'Step',
        title: 'Train one step (one mini-batch)',
        onClick: () => this.stepForward(),
      }),
    );
  }

  renderTransport() {
    if (!this.playButton) return;
    const playing = this.playing;
    setButtonContent(this.playButton, { icon: playing ? 'pause' : 'play', label: playing ? 'Pause' : 'Play' });
    this.playButton.disabled = !this.session || (this.liveRun.done && !playing);
  }

  // ---- controls ----

  buildControls() {
    this.controls = {};
    const add = (part, names) => {
      for (const name of names) this.controls[name] = this.schemaControl(name);
      this.parts[part].append(...names.map((name) => this.controls[name].element));
    };
    add('controls', ['task', 'cell', 'length', 'units']);
    add('training-controls', ['truncation', 'optimizer', 'lr', 'clip', 'batch', 'steps', 'seed']);
    add('view-controls', ['sequence', 'speed']);
    this.buildTransport();
    const canvas = this.parts.unrolled;
    const pick = (event) => {
      const box = canvas.getBoundingClientRect();
      const t = stepAt(this.geometry, event.clientX - box.left);
      if (t !== null && t !== this.selectedStep) this.selectStep(t);
    };
    canvas.addEventListener('pointermove', pick);
    canvas.addEventListener('pointerdown', pick);
    canvas.addEventListener('keydown', (event) => {
      const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };
      if (!(event.key in moves) || !this.inspection) return;
      event.preventDefault();
      const last = this.inspection.time - 1;
      const from = this.selectedStep ?? last;
      this.selectStep(Math.max(0, Math.min(last, from + moves[event.key])));
    });
  }

  selectStep(t) {
    this.selectedStep = t;
    this.renderUnrolled();
    this.renderGradients();
  }

  syncControls() {
    if (!this.state || !this.controls) return;
    for (const [name, control] of Object.entries(this.controls)) {
      const value = name === 'length' ? (this.config?.sequenceLength ?? this.state.length) : this.state[name];
      control.setValue(String(value ?? ''));
    }
  }

  // ---- drawing ----

  measure() {
    this.widths = {};
    for (const role of ['plot', 'gradients', 'norms', 'unrolled'])
      this.widths[role] = this.parts[role].clientWidth || 400;
  }

  widthOf(role) {
    if (!this.widths) this.measure();
    return this.widths[role];
  }

  render() {
    this.renderTransport();
    if (!this.view) return;
    this.measure();
    this.renderReadout();
    this.parts.formula.textContent = this.describeNetwork();
    // One part per frame: a first drawing costs several times a redraw, and the test set is scored
    // in slices (each about two thirds of a training step).
    const steps = [
      () => {
        if (this.session && this.inspection?.index !== this.state.sequence) this.inspect();
        this.renderUnrolled();
      },
      () => this.renderLoss(),
      () => this.renderGradients(),
      () => this.renderNorms(),
    ];
    // An evaluation of older weights may be in progress: finishing it and scoring anew can take
    // twice the slices.
    const evaluate = () => {
      if (!this.evaluationStale) return false;
      if (this.evaluateSlice()) {
        this.renderReadout();
        this.renderLoss();
      }
      return this.evaluationStale;
    };
    const slices = 2 * Math.ceil(this.view.info.testCount / this.evaluationSlice);
    this.drawInFrames([...steps, ...Array.from({ length: slices }, () => evaluate)]);
  }

  describeNetwork() {
    const { config, view } = this;
    const truncated = config.truncation > 0 ? `BPTT over ${config.truncation} steps` : 'full BPTT';
    const clip = config.clipNorm > 0 ? `, clip ‖g‖ ≤ ${formatSetting(config.clipNorm)}` : '';
    return `${config.cell.toUpperCase()} ${config.hiddenSize} units, ${view.info.timeSteps} steps, ${truncated}, ${config.optimizer} ${formatSetting(config.learningRate)}${clip}`;
  }

  renderReadout() {
    const { view } = this;
    const rate = this.rate.ms > 0 ? (1000 * this.rate.steps) / this.rate.ms : 0;
    this.parts.readout.textContent =
      `Step ${formatCount(view.steps)} / ${formatCount(this.state.steps)} | ` +
      `${rate > 0 ? formatCount(rate) : '–'} core steps/s | ${formatCount(view.info.parameterCount)} parameters`;
    const status = this.parts.status;
    status.className = 'status';
    const task = taskInfo(this.rnnCatalog, view.info.task);
    const evaluation = view.evaluation;
    if (view.diverged) {
      status.classList.add('diverged');
      status.textContent = `${view.stopReason}. Lower the learning rate or clip the gradient, then press Reset.`;
    } else if (evaluation) {
      const below =
        evaluation.metric === 'mse' ? evaluation.value < evaluation.baseline : evaluation.value > evaluation.baseline;
      if (below) status.classList.add('below');
      const at = `after ${formatCount(evaluation.steps)} steps`;
      status.textContent =
        evaluation.metric === 'mse'
          ? `Test MSE ${formatNumber(evaluation.value, 4)} ${at} — ${below ? 'below' : 'not below'} the baseline ${formatNumber(evaluation.baseline, 4)} (${task.baseline})`
          : `Test accuracy ${percent(evaluation.value)} ${at} — the baseline is ${task.baseline}`;
      if (this.liveRun.done && !view.diverged) status.textContent += '. Training complete.';
    }
  }

  renderLoss() {
    const { view } = this;
    this.lossDrawnMs = performance.now();
    const evaluation = view.evaluation;
    const mse = evaluation?.metric === 'mse';
    const task = taskInfo(this.rnnCatalog, view.info.task);
    const losses = view.history.shown;
    drawLossChart(this.parts.plot, this.widthOf('plot'), losses, {
      baseline: mse ? { value: evaluation.baseline, label: `baseline ${formatNumber(evaluation.baseline)}` } : null,
      yLabel: mse ? 'MSE' : 'cross-entropy',
    });
    const last = losses.length ? formatNumber(losses[losses.length - 1]) : 'none yet';
    this.parts.plot.setAttribute(
      'aria-label',
      `Training loss per step (${task.label}): ${losses.length} steps, last ${last}` +
        (mse ? `; baseline ${formatNumber(evaluation.baseline)} (${task.baseline})` : ''),
    );
  }

  renderNorms() {
    const norms = this.view.norms.shown;
    const clip = this.config.clipNorm;
    drawNormChart(this.parts.norms, this.widthOf('norms'), norms, { clip });
    const last = norms.length ? formatNumber(norms[norms.length - 1]) : 'none yet';
    this.parts.norms.setAttribute(
      'aria-label',
      `Gradient norm per step before clipping: ${norms.length} steps, last ${last}` +
        (clip > 0 ? `; clipped to ${formatSetting(clip)}` : '; no clipping'),
    );
  }

  renderGradients() {
    const r = this.inspection;
    const t = this.selectedStep ?? (r ? r.time - 1 : null);
    drawGradientChart(this.parts.gradients, this.widthOf('gradients'), r?.gradientNorms, { selected: t });
    if (r) {
      this.parts.gradients.setAttribute(
        'aria-label',
        `‖∂L/∂h_t‖ of test sequence ${r.index}: ${formatNumber(r.gradientNorms[0])} at step 0, ${formatNumber(r.gradientNorms[r.time - 1])} at step ${r.time - 1}`,
      );
    }
  }

  renderUnrolled() {
    const r = this.inspection;
    if (!r) return;
    const t = Math.min(this.selectedStep ?? r.time - 1, r.time - 1);
    this.geometry = drawUnrolled(this.parts.unrolled, this.widthOf('unrolled'), this.rows, {
      time: r.time,
      selected: t,
    });
    this.parts['unrolled-title'].textContent = `(test sequence ${r.index}, its loss ${formatNumber(r.loss)})`;
    const lines = describeStep(r, t, this.view.info.task);
    this.parts['step-readout'].textContent = lines.join('\n');
    this.parts.unrolled.setAttribute(
      'aria-label',
      `The network unrolled over the ${r.time} steps of test sequence ${r.index}, step ${t} selected: ${lines[0]}`,
    );
  }
}
