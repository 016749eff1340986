// <descent-cnn>: a convolutional network trained live on handwritten digits (the core's CnnSession,
// a few mini-batches per animation frame through the live-run transport), and what it learns:
// loss and accuracy per epoch, the first layer's filters, the confusion matrix and the mistakes,
// one test digit's prediction, saliency, Grad-CAM and feature maps through every layer, and a
// drawing pad with the class probabilities. "Skip ahead" trains several epochs as fast as the
// frames allow, drawing only a progress bar. Every number shown is the core's.
import { readCoreCatalogs } from '../../core-catalogs.js';
import { loadDigits } from '../../data/digits.js';
import { formatCount } from '../../ui/format.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { ActMaxPanel } from './act-max.js';
import { BlockEditor } from './block-editor.js';
import { ComparisonPanel } from './comparison.js';
import { DigitPad } from './digit-pad.js';
import { FrameShare } from './frame-share.js';
import { Pickers } from './pickers.js';
import { drawEpochChart, drawExplanations, drawFilters, drawInspectionLayers, drawPrediction } from './plot.js';
import { STATE_ATTRIBUTES, cnnSchema, toSessionRequest } from './state.js';
import { STYLES, TEMPLATE } from './template.js';
import { inspectImage, readEpochResults, trainSlice } from './training.js';
import { TransferPanel } from './transfer.js';
import { TransportRow } from './transport-row.js';

const FRAME_BUDGET_MS = 8; // training per frame while playing: time is left to draw
const SKIP_BUDGET_MS = 10; // while skipping ahead only a progress bar is drawn (a batch overshoots it by one)
const INSPECT_EVERY_MS = 300;
const SHARED_FRAME_MS = 12; // the training, the maximiser, the comparison and the transfer runs, per frame
const MEASURED_PARTS = [
  'plot',
  'accuracy',
  'filters',
  'confusion',
  'cell-examples',
  'mistakes',
  'inspected',
  'saliency',
  'grad-cam',
  'maps',
  'pad',
  'probabilities',
  'act-max-image',
  'act-max-chart',
  'compare-chart',
  'transfer-chart',
]; // the inspected digit and the pad are redrawn this often while training

const percent = (value) => `${(value * 100).toFixed(1)} %`;

export class DescentCnn extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'vision';

  constructor() {
    super(WIDGET_STYLES + STYLES, TEMPLATE);
    this.transportNoun = 'training';
    this.reducedMotionMaxSpeed = 1;
    this.digits = null; // loadDigits()'s answer, once loaded
    this.digitsLoading = null;
    this.view = null; // what is shown, copied out of the session: {progress, history, confusion, mistakes, filters}
    this.inspection = null; // the inspected test digit through the network (inspectImage)
    this.skipTarget = null; // the step a "skip ahead" stops at
    this.rate = { examples: 0, ms: 0 };
    this.lastInspectMs = 0;
    this.frameShare = new FrameShare(SHARED_FRAME_MS);
    this.createLiveRun({
      create: (request) => {
        const made = this.core.createCnnSession(request);
        return made.ok ? { handle: made.session } : { error: made.error };
      },
      advance: (session, { budgetMs, single }) => this.train(session, budgetMs, single),
      render: () => this.showTraining(),
      frameBudgetMs: FRAME_BUDGET_MS,
      releaseWhenDone: false, // a trained network is still inspected and drawn on
    });
  }

  prepare() {
    this.cnnCatalog = readCoreCatalogs(this.core).cnn;
    this.schema = cnnSchema(this.cnnCatalog);
    return '';
  }

  // The core's CnnSession (the live run deletes it on rebuild and removal), or null.
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
    return { config: this.config, progress: this.view?.progress, history: this.view?.history };
  }

  // ---- data and session ----

  startLoadingDigits() {
    if (this.digitsLoading) return;
    this.parts.loading.textContent = 'Loading the handwritten digits…';
    this.digitsLoading = loadDigits().then(
      (digits) => {
        this.digits = digits;
        this.parts.loading.textContent = '';
        this.parts.credit.textContent = digits.credit;
        this.scheduleUpdate();
      },
      (error) => {
        this.digitsLoading = null;
        this.parts.loading.textContent = '';
        this.parts.error.textContent = error.message;
      },
    );
  }

  simulate(state) {
    if (!this.digits) {
      this.startLoadingDigits();
      return '';
    }
    const request = this.fullRequest(state);
    if (this.skipTarget !== null) this.pause(); // a new network: the skip is over
    const problem = this.liveRun.load(request); // a playing run goes on with the new session
    if (problem) return problem;
    this.config = { ...state };
    this.rate = { examples: 0, ms: 0 };
    this.view = { progress: this.session.progress(), ...readEpochResults(this.session) };
    this.view.filters = this.readFilters();
    this.inspection = null;
    this.pickers.reset();
    return '';
  }

  // The session request of a state, with the digits (loaded): the comparison's CNN is the same.
  fullRequest(state) {
    const { width, height, train, test } = this.digits;
    return {
      ...toSessionRequest(state),
      height,
      width,
      train: { pixels: train.pixels, labels: train.labels },
      test: { pixels: test.pixels, labels: test.labels },
    };
  }

  sessionRequest(state) {
    return toSessionRequest(state);
  }

  readFilters() {
    const { count, kernel, weights } = this.session.filters();
    return { count, kernel, weights: Float32Array.from(weights) };
  }

  // The live run's advance: a slice of training, then what changed copied out.
  train(session, budgetMs, single) {
    // A frame that draws the heavy views trains nothing: one or the other fits in a frame.
    this.frameDraws = single || this.skipTarget !== null ? 'progress' : this.drawingDue();
    if (this.frameDraws !== 'progress') return { done: false };
    const wanted = this.skipTarget === null ? budgetMs : SKIP_BUDGET_MS;
    const budget = single ? wanted : Math.min(wanted, this.frameShare.budget('training'));
    if (budget <= 0) return { done: false }; // the maximiser or the comparison goes first this frame
    const epochBefore = this.view.progress.epoch;
    const slice = trainSlice(session, { budgetMs: budget, single, stopAtStep: this.skipTarget });
    if (!single) this.frameShare.spend(slice.coreMs);
    this.rate.examples += slice.examples;
    this.rate.ms += slice.coreMs;
    this.view.progress = slice.progress;
    if (slice.progress.epoch !== epochBefore || slice.progress.done)
      Object.assign(this.view, readEpochResults(session));
    if (this.skipTarget === null) this.view.filters = this.readFilters();
    return { done: slice.progress.done };
  }

  // Whether the next frame should draw instead of train: an epoch's views, or the inspected digit.
  drawingDue() {
    if (this.view.progress.epoch !== this.shownEpoch) return 'epoch';
    return performance.now() - this.lastInspectMs > INSPECT_EVERY_MS ? 'inspection' : 'progress';
  }

  // The live run's render, one kind of drawing per frame: during a skip only the progress; else the
  // readout and filters, an epoch's charts, confusion matrix and mistakes in a frame of their own,
  // the inspected digit and the pad in another, a few times a second. The whole picture once
  // training stops, in the next frame (the last one may have evaluated the test set).
  showTraining() {
    const { progress } = this.view;
    if (this.skipTarget !== null) {
      this.renderReadout();
      if ((progress.steps >= this.skipTarget && !progress.evaluating) || progress.done) {
        this.cancelSkip(true);
        this.liveRun.pause();
        this.renderNextFrame();
      } else this.renderSkip();
      return;
    }
    this.renderReadout();
    if (progress.done || !this.playing) {
      this.renderTransport();
      this.renderNextFrame();
    } else if (this.frameDraws === 'epoch') {
      this.renderEpochViews();
    } else if (this.frameDraws === 'inspection') {
      this.lastInspectMs = performance.now();
      this.renderInspection();
    } else {
      this.renderTransport();
      drawFilters(this.parts.filters, this.widthOf('filters'), this.view.filters);
    }
    this.dispatchEvent(new CustomEvent('descent-epoch', { detail: this.updateDetail }));
  }

  renderNextFrame() {
    cancelAnimationFrame(this.renderFrame);
    this.renderFrame = requestAnimationFrame(() => {
      this.renderFrame = 0;
      if (this.view) this.render();
    });
  }

  // The extra live runs (the maximiser, the comparison) are shown, hidden and freed with the widget.
  showTransports() {
    super.showTransports();
    const visible = this.onScreen && document.visibilityState !== 'hidden';
    for (const panel of this.panels ?? []) panel.setVisible(visible);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const panel of this.panels ?? []) panel.dispose();
  }

  // ---- transport ----

  play() {
    if (!this.session || this.liveRun.done) return;
    this.liveRun.play();
    this.renderTransport();
  }

  pause() {
    const skipping = this.skipTarget !== null;
    this.cancelSkip(false);
    this.liveRun.pause();
    if (skipping && this.view)
      this.render(); // a skip drew only its progress
    else this.renderTransport();
  }

  stepForward() {
    this.pause();
    this.liveRun.step();
  }

  reset() {
    this.pause();
    this.update(); // a fresh session from the same state: the same seed, the same start
  }

  skipAhead() {
    if (!this.session || this.liveRun.done) return;
    const { epoch, epochs, batchesPerEpoch } = this.view.progress;
    this.skipFrom = this.view.progress.steps;
    this.skipTarget = Math.min(epochs, epoch + this.state.skip) * batchesPerEpoch;
    this.skipEpoch = Math.min(epochs, epoch + this.state.skip);
    this.liveRun.play();
    this.renderSkip();
    this.renderTransport();
  }

  // Ends a skip; `finished`: it reached its epoch (else it was cancelled or replaced).
  cancelSkip(finished) {
    if (this.skipTarget === null) return;
    this.skipTarget = null;
    this.skipNote = finished
      ? `Skipped ahead to epoch ${this.view.progress.epoch}.`
      : `Skip ahead cancelled at epoch ${this.view?.progress.epoch ?? 0}.`;
    this.renderSkip();
  }

  renderTransport() {
    this.transportRow?.showButtons({
      playing: this.playing && this.skipTarget === null,
      finished: !this.session || this.liveRun.done,
      skipping: this.skipTarget !== null,
    });
  }

  renderSkip() {
    if (this.skipTarget === null) {
      this.transportRow?.showSkip(null, this.skipNote ?? '');
      return;
    }
    const done = this.view.progress.steps - this.skipFrom;
    this.transportRow?.showSkip({ done, total: Math.max(1, this.skipTarget - this.skipFrom), epoch: this.skipEpoch });
  }

  // ---- controls ----

  buildControls() {
    this.controls = {};
    const add = (part, names) => {
      for (const name of names) this.controls[name] = this.schemaControl(name);
      this.parts[part].append(...names.map((name) => this.controls[name].element));
    };
    this.blockEditor = new BlockEditor(this.parts.controls, {
      catalog: this.cnnCatalog,
      onBlocks: (text) => this.applyControl('blocks', text),
    });
    add('controls', ['activation', 'dense', 'dropout']);
    add('training-controls', ['optimizer', 'lr', 'batch', 'train-size', 'epochs', 'shift', 'seed']);
    add('inspect-controls', ['inspect', 'explain']);
    this.controls.skip = this.schemaControl('skip');
    this.transportRow = new TransportRow(this.parts, this.controls.skip, {
      reset: () => this.reset(),
      playOrPause: () => (this.playing ? this.pause() : this.play()),
      step: () => this.stepForward(),
      skipAhead: () => this.skipAhead(),
      cancel: () => this.pause(),
    });
    this.actMax = new ActMaxPanel(this);
    this.comparison = new ComparisonPanel(this);
    this.transfer = new TransferPanel(this);
    this.panels = [this.actMax, this.comparison, this.transfer];
    this.pickers = new Pickers(this, (index) => this.applyControl('inspect', String(index)));
    this.digitPad = new DigitPad(this.parts, {
      session: () => this.session,
      inspected: () => (this.digits ? this.testImage(this.state.inspect) : null),
      widthOf: (role) => this.widthOf(role),
      onError: (message) => (this.parts.error.textContent = message),
    });
  }

  syncControls() {
    if (!this.state) return;
    for (const [name, control] of Object.entries(this.controls)) {
      const entry = this.schemaByName.get(name);
      control.setValue(entry.format ? entry.format(this.state[name]) : String(this.state[name]));
    }
    this.blockEditor.show(this.state.blocks);
    this.actMax.sync(this.state);
    this.comparison.sync(this.state);
    this.transfer.sync(this.state);
  }

  testImage(index) {
    const side = this.digits.width * this.digits.height;
    return this.digits.test.pixels.subarray(index * side, (index + 1) * side);
  }

  // ---- drawing ----

  // The widths of the drawn parts, read together (one layout) at the start of a full render and
  // kept for the frames in between: reading one after drawing another would lay the page out again.
  measure() {
    const defaults = { plot: 400, accuracy: 400, filters: 600, confusion: 300, maps: 600, pad: 240 };
    this.widths = {};
    for (const role of MEASURED_PARTS) {
      const part = this.parts[role];
      this.widths[role] = (part.hidden ? part.parentElement : part).clientWidth || defaults[role] || 300;
    }
  }

  widthOf(role) {
    if (!this.widths) this.measure();
    return this.widths[role];
  }

  render() {
    this.renderTransport();
    this.renderSkip();
    this.measure();
    for (const panel of this.panels ?? []) panel.render();
    if (!this.view) {
      if (!this.digits && this.digitsLoading) this.parts.readout.textContent = 'Loading the handwritten digits…';
      return;
    }
    this.lastInspectMs = performance.now();
    this.renderReadout();
    drawFilters(this.parts.filters, this.widthOf('filters'), this.view.filters);
    this.parts.filters.setAttribute(
      'aria-label',
      `The first layer's ${this.view.filters.count} filters, ${this.view.filters.kernel}×${this.view.filters.kernel} weights each`,
    );
    // The rest one part per frame, so that no long task holds a new session, a full render and
    // the first drawing of a dozen canvases together (60–140 ms on first load).
    this.drawInFrames([() => this.renderEpochViews(), ...this.inspectionSteps()]);
  }

  renderReadout() {
    const p = this.view.progress;
    const rate = this.rate.ms > 0 ? this.rate.examples / (this.rate.ms / 1000) : 0;
    this.parts.readout.textContent =
      `Epoch ${p.epoch} / ${p.epochs}, batch ${p.batch} / ${p.batchesPerEpoch} | ` +
      `${formatCount(p.examples)} examples | ${rate > 0 ? formatCount(rate) : '–'} examples/s | ` +
      `${formatCount(p.parameterCount)} parameters`;
    const h = this.view.history;
    const last = h.testAccuracy.length - 1;
    const statusElement = this.parts.status;
    statusElement.className = 'status';
    if (p.diverged) {
      statusElement.classList.add('diverged');
      const why = p.stopReason.split(': ').slice(1).join(': ') || p.stopReason;
      statusElement.textContent = `Diverged at epoch ${p.divergedEpoch}, step ${p.divergedStep}: ${why}. Lower the learning rate and press Reset.`;
    } else if (last >= 0) {
      statusElement.textContent =
        `After epoch ${last + 1}: test accuracy ${percent(h.testAccuracy[last])} (loss ${h.testLoss[last].toFixed(3)}), ` +
        `training accuracy ${percent(h.trainAccuracy[last])} (loss ${h.trainLoss[last].toFixed(3)})` +
        (p.done ? ' — training complete.' : '');
    } else {
      statusElement.textContent = 'Untrained: the initial weights. Press Play, Step or Skip ahead.';
    }
  }

  renderEpochViews() {
    const { history, confusion, mistakes, progress } = this.view;
    this.shownEpoch = progress.epoch;
    drawEpochChart(this.parts.plot, this.widthOf('plot'), history.trainLoss, history.testLoss, { yLabel: 'loss' });
    drawEpochChart(this.parts.accuracy, this.widthOf('accuracy'), history.trainAccuracy, history.testAccuracy, {
      yLabel: 'accuracy %',
      percent: true,
    });
    const last = history.testAccuracy.length - 1;
    this.parts.plot.setAttribute(
      'aria-label',
      last < 0
        ? 'Loss per epoch: no epoch yet'
        : `Loss per epoch: test ${history.testLoss[last].toFixed(3)} after epoch ${last + 1}`,
    );
    this.parts.accuracy.setAttribute(
      'aria-label',
      last < 0
        ? 'Accuracy per epoch: no epoch yet'
        : `Accuracy per epoch: test ${percent(history.testAccuracy[last])} after epoch ${last + 1}`,
    );
    this.pickers.render(confusion, mistakes, progress.epoch > 0);
  }

  renderInspection() {
    for (const step of this.inspectionSteps()) if (step() === false) return;
  }

  // The inspected test digit through the network, drawn in steps (false: nothing to draw, with
  // no session or on the core's error): the prediction, the explanations, the pad, the maps.
  inspectionSteps() {
    const index = this.state.inspect;
    const pixels = this.digits ? this.testImage(index) : null;
    return [
      () => {
        if (!this.session) return false;
        const inspection = inspectImage(this.session, pixels, this.state.explain);
        if (inspection.error) {
          this.parts.error.textContent = inspection.error;
          return false;
        }
        this.inspection = { ...inspection, index, label: this.digits.test.labels[index] };
        drawPrediction(this.parts, this.widthOf('inspected'), this.inspection, pixels);
        return true;
      },
      () => drawExplanations(this.parts, (role) => this.widthOf(role), this.inspection, pixels),
      () => this.digitPad.update(),
      () => drawInspectionLayers(this.parts, this.widthOf('maps'), this.inspection),
    ];
  }
}
