// <descent-race>'s readouts: the curvature under the pointer, the finish board, the loss chart
// and the optimizer-state table. Methods of DescentRace (installed on its prototype by element.js).
import { formatNumber, formatPoint } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { pointAt, racerInk, racerSwatch } from './plot.js';
import { isTypedSurface } from '../typed-surface-state.js';

export const READOUTS = {
  renderCurvature() {
    const element = this.parts.curvature;
    const probe = this.probePoint();
    if (!probe) return;
    // Announced when it changes on request (hover, step, pause), not 30 times a second while playing.
    element.setAttribute('aria-live', this.animator.playing ? 'off' : 'polite');
    const curvature = this.curvatureAt(probe.point);
    const where = `${probe.source}, (x, y) = ${formatPoint(probe.point)}`;
    if (!curvature.ok) {
      element.textContent = `${where}: no curvature — ${curvature.error}`;
      return;
    }
    const [l1, l2] = curvature.eigenvalues;
    const kind = document.createElement('span');
    // Coloured only where it names the point: bowl-shaped is not yet a minimum.
    kind.className = curvature.critical ? `kind ${curvature.kind}` : 'kind';
    kind.textContent = curvature.label;
    element.replaceChildren(
      `${where}: `,
      kind,
      ` — Hessian eigenvalues λ₁ = ${formatNumber(l1)}, λ₂ = ${formatNumber(l2)}. ${curvature.explanation}`,
      this.probe ? ' (On the map: solid white line = curves up, dashed yellow = curves down.)' : '',
    );
  },

  // One line per racer from the core's verdict (outcome, reachedMinimumAtStep,
  // divergedAtStep, message). Sorted like a race result: arrivals by step first.
  finishEntries() {
    if (this.finishCache?.race === this.race) return this.finishCache.entries;
    const rank = { reached_minimum: 0, escaped: 1, descending: 2, stuck: 3, diverging: 4, diverged: 5 };
    const entries = this.racers.map((racer) => ({ ...racer, line: this.finishLine(racer.run) }));
    entries.sort(
      (a, b) =>
        rank[a.run.outcome] - rank[b.run.outcome] ||
        (a.run.outcome === 'reached_minimum' ? a.run.reachedMinimumAtStep - b.run.reachedMinimumAtStep : 0) ||
        (a.run.outcome === 'escaped' ? a.run.divergedAtStep - b.run.divergedAtStep : 0) ||
        (a.run.outcome === 'diverged' ? b.run.divergedAtStep - a.run.divergedAtStep : 0),
    );
    this.finishCache = { race: this.race, entries };
    return entries;
  },

  renderFinishBoard() {
    const entries = this.finishEntries();
    // Rebuilt only when the race or a line's pending state changes (not every frame).
    const pendingKey = entries.map(({ line }) => (this.shownStep < line.atStep ? 1 : 0)).join('');
    if (this.boardKey?.race === this.race && this.boardKey.pending === pendingKey) return;
    this.boardKey = { race: this.race, pending: pendingKey };
    // Line breaks between the items keep the board's text readable as text (one line per racer).
    this.parts['finish-board'].replaceChildren(
      ...entries.flatMap(({ id, info, run, line }, index) => {
        const item = document.createElement('li');
        const pending = this.shownStep < line.atStep;
        item.className = `${run.outcome}${pending ? ' pending' : ''}`;
        item.dataset.racer = id;
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = info.label.toUpperCase();
        const headline = document.createElement('span');
        headline.className = 'headline';
        headline.textContent = line.headline;
        item.append(racerSwatch(id, 14), name, ' — ', headline);
        if (line.detail) {
          const detail = document.createElement('span');
          detail.className = 'detail';
          detail.textContent = ` (${line.detail})`;
          item.append(detail);
        }
        return index === 0 ? [item] : ['\n', item];
      }),
    );
  },

  // {headline, detail, atStep}: the words for a run's outcome, the core's explanation
  // (its message, less what the headline already says) and the step that decides it.
  finishLine(run) {
    const line = this.finishHeadline(run);
    if (!line.explain) return line;
    const colon = run.message.indexOf(': ');
    const lead = colon < 0 ? '' : run.message.slice(0, colon);
    const detail = lead && line.headline.startsWith(lead) ? run.message.slice(colon + 2) : run.message;
    return { ...line, detail };
  },

  finishHeadline(run) {
    const { surface } = this;
    const end = run.stepsCompleted;
    switch (run.outcome) {
      case 'reached_minimum': {
        const minimum = surface.minima[run.nearestMinimum];
        let where = '';
        if (minimum && surface.minima.length > 1)
          where = ` — at ${formatPoint(Array.from(minimum.point), 2)}${minimum.global ? '' : ', a local minimum, not the lowest'}`;
        return {
          headline: `reached the minimum at step ${run.reachedMinimumAtStep}${where}`,
          atStep: run.reachedMinimumAtStep,
        };
      }
      case 'diverged':
        return { headline: `diverged at step ${run.divergedAtStep}`, explain: true, atStep: run.divergedAtStep };
      case 'escaped':
        return {
          headline: `escaped downhill at step ${run.divergedAtStep}`,
          explain: true,
          atStep: run.divergedAtStep,
        };
      case 'stuck': {
        const curvature = this.curvatureAt(pointAt(run.positions, end));
        const place =
          curvature.ok && curvature.kind === 'saddle'
            ? 'at a saddle point'
            : curvature.ok && curvature.kind === 'maximum'
              ? 'at a maximum'
              : 'on a flat spot';
        return { headline: `stuck ${place}`, explain: true, atStep: end };
      }
      case 'diverging':
        return { headline: 'diverging', explain: true, atStep: end };
      default:
        return { headline: `still on its way after ${end} steps`, atStep: end };
    }
  },

  // The chart's series, caption and legend change only with the race.
  lossChartData() {
    if (this.chartData?.race === this.race && this.chartData.scheme === this.colorScheme) return this.chartData;
    const { surface } = this;
    const globals = surface.minima.filter((m) => m.global);
    const best = globals.length ? Math.min(...globals.map((m) => m.value)) : null;
    const logScale = best !== null;
    const racers = this.racers;
    const series = racers.map(({ id, run }) => ({
      color: racerInk(id, this.colorScheme),
      values: logScale ? run.losses.map((f) => f - best) : run.losses,
    }));
    // Every racer starts at the same loss; a run that blows up leaves the chart
    // (through the top, or through the bottom on a surface that falls forever).
    const first = series[0].values[0];
    const reach = 10 * Math.max(1, Math.abs(first));
    this.parts['chart-caption'].textContent = logScale
      ? `Loss gap f − f* per step (log scale, f* = ${formatNumber(best, 3)})`
      : `Loss f per step (${isTypedSurface(this.config.surface) ? 'your formula: no known minimum' : 'this surface has no minimum'})`;
    this.parts.legend.replaceChildren(
      ...racers.map(({ id, info }) => {
        const item = document.createElement('span');
        item.append(racerSwatch(id, 12), info.label);
        return item;
      }),
    );
    this.chartData = {
      race: this.race,
      scheme: this.colorScheme,
      options: {
        series,
        logScale,
        xLabel: 'step',
        yLabel: logScale ? 'f − f*' : 'f',
        yCeiling: logScale ? Math.max(first, 1e-12) * 1e3 : first + reach,
        yFloor: logScale ? -Infinity : first - reach,
      },
    };
    return this.chartData;
  },

  renderLossChart(width = this.parts.chart.clientWidth || 600) {
    const { options } = this.lossChartData();
    const height = Math.round(Math.min(220, Math.max(150, width * 0.3)));
    const context = prepareCanvas(this.parts.chart, width, height);
    drawLineChart(context, width, height, { ...options, currentIndex: this.shownStep });
  },

  // A summary row per racer (position, loss, gradient at the shown step) and the
  // selected racer's internal state, all as the core recorded them.
  renderStatePanel() {
    const racers = this.racers;
    const summary = this.parts['summary-table'];
    const header = document.createElement('tr');
    for (const text of ['racer', '(x, y)', 'f', '∇f']) {
      const cell = document.createElement('th');
      cell.textContent = text;
      cell.scope = 'col';
      header.append(cell);
    }
    summary.replaceChildren(
      header,
      ...racers.map(({ id, info, run }) => {
        const k = this.stepOf(run);
        const row = document.createElement('tr');
        row.dataset.racer = id;
        row.classList.toggle('selected', id === this.selected);
        const name = document.createElement('th');
        name.scope = 'row';
        name.append(racerSwatch(id, 12), ` ${info.label}`);
        row.append(name);
        if (k < this.shownStep) name.append(` (ended at step ${k})`);
        for (const [key, label, text] of [
          ['position', '(x, y)', formatPoint(pointAt(run.positions, k), 4)],
          ['loss', 'f', formatNumber(run.losses[k], 4)],
          ['gradient', '∇f', formatPoint(pointAt(run.gradients, k), 4)],
        ]) {
          const cell = document.createElement('td');
          cell.className = 'value';
          cell.dataset.key = key;
          cell.dataset.label = label;
          cell.textContent = text;
          row.append(cell);
        }
        return row;
      }),
    );

    const picker = this.parts['state-picker'];
    const ids = racers.map((r) => r.id).join(',');
    if (picker.dataset.racers !== ids) {
      picker.dataset.racers = ids;
      const legend = picker.querySelector('legend');
      picker.replaceChildren(
        legend,
        ...racers.map(({ id, info }) => {
          const label = document.createElement('label');
          const radio = document.createElement('input');
          radio.type = 'radio';
          radio.name = 'state-racer';
          radio.value = id;
          radio.addEventListener('change', () => {
            this.selected = id;
            this.render();
          });
          label.append(radio, racerSwatch(id, 14), info.label);
          return label;
        }),
      );
    }
    for (const radio of picker.querySelectorAll('input')) radio.checked = radio.value === this.selected;

    const selected = racers.find((r) => r.id === this.selected) ?? racers[0];
    const { run, info } = selected;
    const k = this.stepOf(run);
    const vector = (values, index) => formatPoint(pointAt(values, index), 4);
    const rows = [
      [
        'step',
        'step',
        String(k),
        `updates ${info.label} has applied so far${run.stepsCompleted < this.shownStep ? ' (its run ended here)' : ''}`,
      ],
      ['position', '(x, y)', vector(run.positions, k), 'where it is now'],
      ['loss', 'f', formatNumber(run.losses[k], 4), 'the loss there'],
      ['gradient', '∇f', vector(run.gradients, k), 'gradient at the current point (the slope it feels)'],
    ];
    if (k > 0) {
      rows.push(['lr', 'α', formatNumber(run.learningRates[k - 1], 4), 'learning rate of the latest step']);
      for (const track of run.state) rows.push([track.key, track.label, vector(track.values, k - 1), track.meaning]);
    } else {
      rows.push(['note', '', '', `no step taken yet: ${info.label}'s internal state starts at its initial value`]);
    }
    const table = this.parts['state-table'];
    table.setAttribute('aria-label', `${info.label} at step ${k}`);
    table.replaceChildren(
      ...rows.map(([key, name, value, meaning]) => {
        const row = document.createElement('tr');
        row.dataset.key = key;
        if (!name) {
          // A note, not a quantity: one cell across the row (an empty row header names nothing).
          const note = document.createElement('td');
          note.className = 'meaning';
          note.colSpan = 3;
          note.textContent = meaning;
          row.append(note);
          return row;
        }
        const head = document.createElement('th');
        head.scope = 'row';
        head.textContent = name;
        const valueCell = document.createElement('td');
        valueCell.className = 'value';
        valueCell.textContent = value;
        const meaningCell = document.createElement('td');
        meaningCell.className = 'meaning';
        meaningCell.textContent = meaning;
        row.append(head, valueCell, meaningCell);
        return row;
      }),
    );
  },
};
