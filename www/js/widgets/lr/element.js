// <descent-lr>: the learning rate and its schedules. A schedule from the core's catalog plotted over
// the steps of a run, with its parameters as controls; a small network trained with that schedule
// next to the same run at the constant rate; three runs at too large / about right / too small
// rates (the too-large one diverging to NaN, reported with its epoch and step); Leslie Smith's
// range test with the suggested rate marked; the linear scaling rule. Every curve and number is the
// core's (createLrRuns — the runs trained live, a few epochs a frame — lrRangeTest, lrLinearScaling).
import { createSlider } from '../../ui/controls.js';
import { formatNumber, formatSetting } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { withinBudget } from '../transports/live-run.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { LR_COLORS, drawRangeTest, markDivergence } from './plot.js';
import { LR_SCHEMA, PANELS, PANEL_CONTROLS, STATE_ATTRIBUTES, checkScheduleParams } from './state.js';
import { DescentWidget } from '../descent-widget.js';
import { WIDGET_STYLES } from '../widget-styles.js';
import { LR_STYLES, TEMPLATE } from './template.js';
import { shortText } from '../../ui/state-schema.js';

const RANGE_TEST_STEPS = 200;
// Epochs per core call while training: a call at the largest setup (2,000 points, batch 1) takes
// a few ms per epoch, so the frame's budget is checked often enough.
const MAX_EPOCHS_PER_CALL = 4;
// Range-test steps per core call: a few ms each on a first load (code not yet optimised).
const RANGE_STEPS_PER_CALL = 25;
// Each part's core call: the training runs and the range test come back as jobs for the live run.
const PART_CALLS = {
  compare: (core, request) => core.createLrRuns(request),
  rates: (core, request) => core.createLrRuns(request),
  range: (core, request) => core.createLrRangeTest(request),
  scaling: (core, request) => core.lrLinearScaling(request),
};
const RANGE_TEST_BATCH = 32;
// Shown under a schedule's formula where it differs from the library version of the same name.
const SCHEDULE_NOTES = {
  one_cycle:
    "Only η cycles here (this network trains with plain SGD, which has no momentum). PyTorch's OneCycleLR and fastai by default also cycle the momentum (Adam's β₁) the opposite way: 0.95 → 0.85 while η rises, back to 0.95 as it falls.",
};

// Three significant digits, as the seeds write a loss sequence (2.30, 23.4, 6.57e+187).
const lossText = (v) => (Number.isNaN(v) ? '…' : Math.abs(v) < 1e6 ? v.toPrecision(3) : v.toExponential(2));
const trail = (values) => Array.from(values, lossText).join(' → ');

export class DescentLr extends DescentWidget {
  static stateAttributes = STATE_ATTRIBUTES;
  static corePart = 'dynamics';

  constructor() {
    super(WIDGET_STYLES + LR_STYLES, TEMPLATE);
    this.run = null;
    this.cache = new Map(); // part → {key, answer}: a control re-runs only the parts it affects
    this.training = null; // {epochs, totalEpochs} while runs train, else null
    this.createLiveRun({
      // The handle: this update's training jobs (each an LrRuns of the core), deleted together.
      create: (jobs) => ({ handle: { jobs, delete: () => jobs.forEach((job) => job.runs.delete()) } }),
      advance: (handle, { budgetMs }) => this.train(handle.jobs, budgetMs),
      render: () => this.renderTraining(),
    });
  }

  prepare() {
    this.schema = LR_SCHEMA;
    this.resetsOnChange = { schedule: ['schedule-params'] };
    return '';
  }

  checkState(state, errors) {
    checkScheduleParams(state, this.catalog, errors);
  }

  // Each panel's part is asked separately: a part the core rejects keeps its last good result
  // (or none) and reports why, while the other panels go on working. A part is recomputed only
  // when its request changed. The two training parts (compare, rates: up to five runs of up to
  // 16,000 steps) train on the live run, a few epochs per animation frame, their curves growing
  // as they go; so does the range test (200 steps: 30–45 ms in one call on a first load), first
  // of the jobs; the scaling rule is one quick call.
  simulate(state) {
    const problems = [];
    const setup = { points: state.points, batchSize: state.batch, epochs: state.epochs, seed: state.seed };
    const requests = {
      compare: {
        kind: 'compare',
        ...setup,
        schedule: state.schedule,
        scheduleParams: state['schedule-params'],
        lr: state.lr,
      },
      rates: {
        kind: 'rates',
        ...setup,
        tooLarge: state['too-large'],
        aboutRight: state['about-right'],
        tooSmall: state['too-small'],
      },
      range: {
        minLr: state['range-min'],
        maxLr: state['range-max'],
        steps: RANGE_TEST_STEPS,
        batchSize: RANGE_TEST_BATCH,
        seed: state.seed,
      },
      scaling: { lr: state.lr, baseBatch: state.batch, newBatch: state['scale-batch'] },
    };
    const run = { ...this.run };
    const training = [];
    for (const [part, request] of Object.entries(requests)) {
      const key = JSON.stringify(request);
      const cached = this.cache.get(part);
      if (cached?.key === key) {
        run[part] = cached.answer;
        continue;
      }
      const answer = PART_CALLS[part](this.core, request);
      if (!answer.ok) {
        problems.push((part === 'range' ? 'range test: ' : '') + answer.error);
        continue; // the last good result (or none) stays
      }
      if (part === 'scaling') this.keep(run, part, key, request, answer);
      else if (part === 'range') training.unshift({ part, key, request, runs: answer.run, done: false });
      else training.push({ part, key, request, runs: answer.runs, done: false });
    }
    this.config = { ...state };
    this.run = run;
    // A new set of jobs replaces any still running (the live run deletes those).
    const problem = this.liveRun.load(training);
    if (problem) return problem;
    this.takeTraining(training);
    // The first slice now (with nothing to train: done at once) — after the first picture only:
    // on a first load every call runs code for the first time.
    if (this.shownFirstPicture) this.liveRun.advanceNow();
    this.liveRun.play();
    return problems.join('\n');
  }

  // A finished part's answer, kept as the shown result and cached under its request.
  keep(run, part, key, request, answer) {
    answer.request = request; // what the shown result was computed from, even after a bad edit
    run[part] = answer;
    this.cache.set(part, { key, answer });
  }

  // The live run's advance: the unfinished jobs, one after the other, within the frame's budget.
  // Each job gets its own budget loop: a step of one costs several of another (three runs against
  // two, an epoch against a range-test step), so one estimate for all overshot by 20–35 ms.
  train(jobs, budgetMs) {
    const start = performance.now();
    for (const job of jobs) {
      if (job.done) continue;
      const left = budgetMs - (performance.now() - start);
      if (left <= 0) break;
      const most = job.part === 'range' ? RANGE_STEPS_PER_CALL : MAX_EPOCHS_PER_CALL;
      job.done = withinBudget(left, (count) => job.runs.advance(count) === true, most);
      if (!job.done) break;
    }
    this.takeTraining(jobs);
    return { done: jobs.every((job) => job.done) };
  }

  // The parts as far as they have run; finished ones are cached.
  takeTraining(jobs) {
    let epochs = 0;
    let totalEpochs = 0;
    for (const job of jobs) {
      if (job.part === 'range') {
        // Shown once over (a suggestion from part of the steps would mislead); not in the progress.
        if (job.done && !job.kept) this.keep(this.run, job.part, job.key, job.request, job.runs.result());
        job.kept = job.done;
        continue;
      }
      const answer = job.runs.result();
      if (job.done) this.keep(this.run, job.part, job.key, job.request, answer);
      else this.run[job.part] = Object.assign(answer, { request: job.request });
      const progress = job.runs.progress();
      epochs += progress.epochs;
      totalEpochs += progress.totalEpochs;
    }
    this.training = epochs < totalEpochs ? { epochs, totalEpochs } : null;
  }

  // ---- controls ----

  buildControls() {
    this.controls = {
      schedule: this.schemaControl('schedule'),
      lr: this.schemaControl('lr'),
      'too-large': this.schemaControl('too-large'),
      'about-right': this.schemaControl('about-right'),
      'too-small': this.schemaControl('too-small'),
      'range-min': this.schemaControl('range-min'),
      'range-max': this.schemaControl('range-max'),
      'scale-batch': this.schemaControl('scale-batch'),
      epochs: this.schemaControl('epochs'),
      batch: this.schemaControl('batch'),
      points: this.schemaControl('points'),
      seed: this.schemaControl('seed'),
    };
    for (const name of PANELS)
      this.parts[`controls-${name}`].append(...PANEL_CONTROLS[name].map((control) => this.controls[control].element));
    this.scheduleParamControls = document.createElement('div');
    this.scheduleParamControls.className = 'controls';
    this.scheduleParamControls.style.gridColumn = '1 / -1';
    this.parts['controls-schedule'].append(this.scheduleParamControls);
    this.parts['controls-setup'].append(
      ...['epochs', 'batch', 'points', 'seed'].map((name) => this.controls[name].element),
    );
  }

  // Sliders for the chosen schedule's own parameters, from the core's catalog.
  buildScheduleParamControls(info) {
    if (this.scheduleParamControls.dataset.schedule === info.id) return;
    this.scheduleParamControls.dataset.schedule = info.id;
    this.scheduleParamControls.replaceChildren();
    this.paramControls = {};
    for (const parameter of info.parameters) {
      const control = createSlider({
        name: parameter.key,
        label: parameter.label,
        min: parameter.min,
        max: parameter.max,
        integer: parameter.integer,
        // Step counts from 1 to 10000 on a log slider: 5, 16 and 40 stay reachable by dragging.
        logScale: parameter.logScale || (parameter.integer && parameter.min >= 1),
        hint: parameter.meaning,
        onChange: (raw) => this.applyScheduleParam(parameter.key, raw),
      });
      this.paramControls[parameter.key] = control;
      this.scheduleParamControls.append(control.element);
    }
  }

  applyScheduleParam(key, raw) {
    const value = Number(String(raw).trim());
    if (String(raw).trim() === '' || !Number.isFinite(value)) {
      this.showControlError(`${key}: expected a number, got "${shortText(raw)}"`);
      return;
    }
    const params = { ...this.state['schedule-params'], [key]: value };
    this.applyControl(
      'schedule-params',
      Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    );
  }

  syncControls() {
    if (!this.state) return;
    const hidden = new Set(this.state.hide);
    for (const name of PANELS) this.parts[`panel-${name}`].hidden = hidden.has(name);
    for (const [name, control] of Object.entries(this.controls)) {
      const entry = this.schemaByName.get(name);
      control.setValue(entry.type === 'custom' ? entry.format(this.state[name]) : this.state[name]);
    }
    const info = this.catalog.schedules.find((s) => s.id === this.state.schedule);
    this.buildScheduleParamControls(info);
    for (const parameter of info.parameters) {
      this.paramControls[parameter.key].setValue(
        this.state['schedule-params'][parameter.key] ?? parameter.defaultValue,
      );
    }
    this.parts['schedule-formula'].textContent = SCHEDULE_NOTES[info.id]
      ? `${info.formula}. ${SCHEDULE_NOTES[info.id]}`
      : info.formula;
  }

  // ---- drawing ----

  chart(role, height) {
    const canvas = this.parts[role];
    const width = canvas.clientWidth || this.parts.plot.clientWidth || 600;
    return { context: prepareCanvas(canvas, width, height), width, height };
  }

  legend(role, entries) {
    this.parts[role].replaceChildren(
      ...entries.map(({ label, color }) => {
        const item = document.createElement('span');
        item.style.setProperty('--swatch', color);
        item.textContent = label;
        return item;
      }),
    );
  }

  chartHeight() {
    const width = this.parts.plot.clientWidth || 600;
    return Math.round(Math.max(170, Math.min(260, width * 0.45)));
  }

  render() {
    if (!this.run) return;
    const height = this.chartHeight();
    const { compare, rates, range, scaling } = this.run;
    this.drawParts([
      () => {
        if (compare) this.renderSchedule(height);
        this.renderSummary();
      },
      () => {
        if (compare) this.renderComparison(height);
      },
      () => {
        if (rates) this.renderRates(height);
      },
      () => {
        if (range) this.renderRangeTest(height);
        if (scaling) this.renderScaling();
      },
    ]);
  }

  // A frame of training redraws only the panels whose parts are running (and the summary).
  renderTraining() {
    const handle = this.liveRun.handle;
    if (!handle) return this.render(); // the last frame: the runs are done and released
    const height = this.chartHeight();
    for (const job of handle.jobs) {
      if (job.part === 'compare') this.renderComparison(height);
      else if (job.part === 'rates') this.renderRates(height);
      else if (job.done && !job.drawn) {
        job.drawn = true;
        this.renderRangeTest(height);
      }
    }
    this.renderSummary();
  }

  // One line with each shown panel's headline number (the panels below show the detail).
  renderSummary() {
    const hidden = new Set(this.config.hide);
    const shown = (name) => (hidden.has(name) ? null : this.run[name]);
    const [compare, rates, range, scaling] = [shown('compare'), shown('rates'), shown('range'), shown('scaling')];
    const ending = (run) =>
      run.diverged
        ? `NaN in epoch ${run.divergedEpoch}, step ${run.divergedStep}`
        : `loss ${formatNumber(run.epochLoss.at(-1), 3)}`;
    const large = rates?.tooLarge;
    this.parts.status.textContent = [
      this.training && `training: ${Math.floor((100 * this.training.epochs) / this.training.totalEpochs)}%`,
      compare && `schedule: ${ending(compare.scheduled)} vs constant: ${ending(compare.constant)}`,
      large &&
        `too large (η = ${formatSetting(large.learningRate)}): ${large.diverged ? ending(large) : `no divergence, loss ${formatNumber(large.epochLoss.at(-1), 3)}`}`,
      range &&
        (range.suggestedStep >= 0
          ? `range test suggests η = ${formatSetting(range.suggestedLr)}`
          : 'range test: no suggestion'),
      scaling &&
        `batch ${scaling.request.baseBatch} → ${scaling.request.newBatch}: η ${formatSetting(scaling.request.lr)} → ${formatSetting(scaling.scaledLr)}`,
    ]
      .filter(Boolean)
      .join(' | ');
  }

  renderSchedule(height) {
    const { schedule, totalSteps, batchesPerEpoch } = this.run.compare;
    const { context, width } = this.chart('plot', height);
    drawLineChart(context, width, height, {
      values: schedule.learningRate,
      color: LR_COLORS.schedule,
      currentIndex: schedule.learningRate.length - 1,
      xLabel: `step (${batchesPerEpoch} per epoch)`,
      yLabel: 'learning rate η_t',
    });
    this.parts['schedule-readout'].textContent =
      `${totalSteps} steps: starts at ${formatSetting(schedule.learningRate[0])}, peaks at ${formatSetting(schedule.peakLearningRate)} (step ${schedule.peakStep}), ends at ${formatSetting(schedule.finalLearningRate)}`;
  }

  renderComparison(height) {
    const { scheduled, constant } = this.run.compare;
    const label = this.catalog.schedules.find((s) => s.id === this.run.compare.request.schedule).label;
    const series = [
      { values: constant.epochLoss, color: LR_COLORS.constant },
      { values: scheduled.epochLoss, color: LR_COLORS.scheduled },
    ];
    const { lr, epochs } = this.run.compare.request;
    this.legend('compare-legend', [
      { label: `${label}, η = ${formatSetting(lr)}`, color: LR_COLORS.scheduled },
      { label: `constant η = ${formatSetting(lr)}`, color: LR_COLORS.constant },
    ]);
    const { context, width } = this.chart('compare-chart', height);
    const ceiling = 3 * scheduled.epochLoss[0];
    const frame = drawLineChart(context, width, height, {
      series,
      currentIndex: epochs,
      xLabel: 'epoch',
      yLabel: 'training loss',
      yCeiling: ceiling,
      yFloor: 0,
    });
    for (const [run, color] of [
      [scheduled, LR_COLORS.scheduled],
      [constant, LR_COLORS.constant],
    ])
      if (run.diverged) markDivergence(context, frame, run.divergedEpoch, color);
    const ending = (run) =>
      run.diverged
        ? `diverged (epoch ${run.divergedEpoch}, step ${run.divergedStep})`
        : `loss ${formatNumber(run.epochLoss.at(-1), 3)}, accuracy ${Math.round(100 * run.epochAccuracy.at(-1))}%`;
    this.parts['compare-readout'].textContent =
      `after ${epochs} epochs — with the schedule: ${ending(scheduled)} | constant: ${ending(constant)}`;
  }

  renderRates(height) {
    const { tooLarge, aboutRight, tooSmall } = this.run.rates;
    const runs = [
      [tooLarge, LR_COLORS.tooLarge, 'too large'],
      [aboutRight, LR_COLORS.aboutRight, 'about right'],
      [tooSmall, LR_COLORS.tooSmall, 'too small'],
    ];
    this.legend(
      'rates-legend',
      runs.map(([run, color, name]) => ({ label: `${name}: η = ${formatSetting(run.learningRate)}`, color })),
    );
    const { context, width } = this.chart('rates-chart', height);
    const ceiling = 2.5 * aboutRight.epochLoss[0];
    const frame = drawLineChart(context, width, height, {
      series: runs.map(([run, color]) => ({ values: run.epochLoss, color })),
      currentIndex: this.run.rates.request.epochs,
      xLabel: 'epoch (0 = before training)',
      yLabel: 'training loss',
      yCeiling: ceiling,
      yFloor: 0,
    });
    for (const [run, color] of runs) if (run.diverged) markDivergence(context, frame, run.divergedEpoch, color);
    // Each run's per-epoch losses as the seeds write them: 2.3 → 2.8 → … → NaN.
    this.parts['rates-readout'].replaceChildren(
      ...runs.map(([run, , name]) => {
        const line = document.createElement('p');
        line.className = run.diverged ? 'sequence diverged' : 'sequence';
        const shown =
          run.epochLoss.length > 8 ? [...run.epochLoss.slice(0, 4), NaN, ...run.epochLoss.slice(-2)] : run.epochLoss;
        const text = trail(shown);
        line.textContent = run.diverged
          ? `${name} (η = ${formatSetting(run.learningRate)}): ${text} → NaN — diverged in epoch ${run.divergedEpoch}, at step ${run.divergedStep}`
          : `${name} (η = ${formatSetting(run.learningRate)}): ${text} (accuracy ${Math.round(100 * run.epochAccuracy.at(-1))}%)`;
        return line;
      }),
    );
  }

  renderRangeTest(height) {
    const range = this.run.range;
    const { context, width } = this.chart('range-chart', height);
    drawRangeTest(context, width, height, {
      ...range,
      minLr: range.request.minLr,
      maxLr: range.request.maxLr,
      formatRate: formatSetting,
    });
    const blowUp =
      range.stoppedAtStep >= 0
        ? `the loss blew up at η = ${formatSetting(range.learningRate[range.stoppedAtStep])} (step ${range.stoppedAtStep})`
        : 'no blow-up in this range';
    const suggestion =
      range.suggestedStep >= 0
        ? `steepest fall at η = ${formatSetting(range.suggestedLr)} — a rate to start from`
        : 'no clear fall in this range: widen it';
    this.parts['range-readout'].textContent =
      `two moons, SGD, rate ×${formatSetting(range.learningRate[1] / range.learningRate[0])} per batch: ${suggestion}; ${blowUp}`;
  }

  renderScaling() {
    const { factor, scaledLr, request } = this.run.scaling;
    this.parts['scaling-readout'].textContent =
      `batch ${request.baseBatch} → ${request.newBatch} (k = ${formatSetting(factor)}): η ${formatSetting(request.lr)} → ${formatSetting(scaledLr)}`;
  }
}
