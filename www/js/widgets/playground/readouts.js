// <descent-playground>'s readouts: the text readout, the loss chart and the confusion matrix.
// Methods of DescentPlayground (installed on its prototype by element.js).
import { formatNumber, formatSetting } from '../../ui/format.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { drawLineChart } from '../../ui/line-chart.js';
import { themeOf } from '../../ui/palette.js';

const TRAIN_COLOR = '#ff6b35';

export const READOUTS = {
  describeNetwork() {
    const widths = Array.from(this.layout.layerWidths);
    return `${widths.join('–')} · ${this.config.activation} · ${this.config.loss.replace(/_/g, ' ')} · ${this.config.optimizer} lr ${formatSetting(this.config.lr)}`;
  },

  renderReadout() {
    const { frame } = this;
    const last = frame.epoch - 1;
    const losses =
      last >= 0
        ? `training loss ${formatNumber(frame.trainLoss[last])}, test loss ${formatNumber(frame.testLoss[last])}, `
        : '';
    const percent = (v) => `${(v * 100).toFixed(1)}%`;
    this.parts.readout.textContent = `epoch ${frame.epoch}: ${losses}accuracy ${percent(frame.accuracy.train)} training, ${percent(frame.accuracy.test)} test`;
    const diverged = frame.stopReason.startsWith('diverged');
    this.parts.status.className = `status ${diverged ? 'diverged' : frame.finished ? 'finished' : ''}`;
    this.parts.status.textContent = diverged
      ? `${frame.stopReason} — lower the learning rate and press Reset`
      : frame.finished
        ? `Stopped: ${frame.stopReason}`
        : '';
    this.parts.plot.setAttribute(
      'aria-label',
      `Decision regions of ${this.layout.classCount} classes at epoch ${frame.epoch}; test accuracy ${percent(frame.accuracy.test)}`,
    );
  },

  renderChart() {
    const { frame } = this;
    const width = this.parts.chart.clientWidth || 600;
    const height = Math.round(Math.min(160, Math.max(110, width * 0.22)));
    const context = prepareCanvas(this.parts.chart, width, height);
    if (frame.epoch === 0) {
      context.fillStyle = themeOf(context).muted;
      context.font = '13px system-ui, sans-serif';
      context.fillText('Press Play or Step to train.', 12, 24);
      this.parts.chart.setAttribute('aria-label', 'No epoch trained yet');
      return;
    }
    drawLineChart(context, width, height, {
      series: [
        { values: frame.trainLoss, color: TRAIN_COLOR, label: 'training' },
        { values: frame.testLoss, color: themeOf(context).text, label: 'test' },
      ],
      currentIndex: frame.epoch - 1,
      xLabel: 'epoch − 1',
      yLabel: 'loss',
    });
    this.parts.chart.setAttribute(
      'aria-label',
      `Loss after epoch ${frame.epoch}: training ${formatNumber(frame.trainLoss[frame.epoch - 1])}, test ${formatNumber(frame.testLoss[frame.epoch - 1])}`,
    );
  },

  renderConfusion() {
    const k = this.layout.classCount;
    const { confusion } = this.frame;
    const swatch = (c) => `<span class="class-${c}">●</span> ${c}`;
    let html = `<table class="confusion"><caption class="chart-caption">Confusion matrix of the test points (rows: true class, columns: predicted)</caption><tr><th scope="col">true \\ predicted</th>`;
    for (let p = 0; p < k; p++) html += `<th scope="col">${swatch(p)}</th>`;
    html += '</tr>';
    for (let t = 0; t < k; t++) {
      html += `<tr><th scope="row">${swatch(t)}</th>`;
      for (let p = 0; p < k; p++) html += `<td class="value${t === p ? ' correct' : ''}">${confusion[t * k + p]}</td>`;
      html += '</tr>';
    }
    this.parts['confusion-view'].innerHTML = `${html}</table>`;
  },
};
