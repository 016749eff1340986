// The markup and styles of <descent-cnn>: the progress readout and transport (with skip ahead), the
// loss and accuracy charts, the first layer's filters, the confusion matrix and the mistakes, the
// inspected test image (prediction, saliency, Grad-CAM), its feature maps through every layer, the
// drawing pad with its probabilities, and the settings. Two columns on a wide screen, one on a phone.

export const STYLES = `
.panels { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.panels.three { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; }
@media (max-width: 640px) { .panels { grid-template-columns: minmax(0, 1fr); } }
.panel-title { font-weight: 600; font-size: 14px; margin: 12px 0 4px; border-top: 1px solid var(--border); padding-top: 8px; }
.panels .panel-title { border-top: none; margin-top: 4px; padding-top: 0; }
.hint { color: var(--muted); font-size: 12px; font-weight: normal; }
canvas.square { aspect-ratio: 1; max-width: 300px; }
canvas.square.small { max-width: 220px; }
.panels.act-max { grid-template-columns: minmax(0, 220px) minmax(0, 1fr); align-items: center; }
@media (max-width: 640px) { .panels.act-max { grid-template-columns: minmax(0, 1fr); } }
canvas.pad { aspect-ratio: 1; max-width: 280px; touch-action: none; cursor: crosshair; }
canvas.pick { cursor: pointer; touch-action: pan-y; }
.skip-row { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: end; margin: 4px 0 6px; }
.skip-row .field { flex: 0 0 auto; }
.skip-row progress { flex: 1 1 120px; min-width: 100px; height: 14px; accent-color: var(--accent); align-self: center; }
.skip-row .skip-note { font-size: 13px; color: var(--muted); align-self: center; }
.loading { font-size: 13px; color: var(--accent); font-weight: 600; }
.loading:empty { display: none; }
.block-editor { border: 1px solid var(--border); border-radius: 8px; padding: 6px 8px; margin: 8px 0 0; }
.block-editor legend { font-size: 12px; font-weight: 600; color: var(--secondary); padding: 0 4px; }
.block-row { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; margin: 4px 0; font-size: 13px; }
.block-option { display: inline-flex; gap: 4px; align-items: center; }
.block-row label { font-size: 12px; color: var(--secondary); }
.block-row input[type=number] { width: 4.5em; }
.table-scroll { overflow-x: auto; }
.controls > button { align-self: end; justify-self: start; min-width: 8em; }
.compare-table { border-collapse: collapse; font-size: 13px; width: 100%; }
.compare-table th, .compare-table td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--border); }
.compare-table .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.compare-table td:nth-child(2) { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.transfer-progress { width: 100%; height: 12px; accent-color: var(--accent); }
.transfer-table td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap; }
.transfer-table th[scope=row] { font-weight: normal; }
.layer-caption { font-size: 12px; color: var(--muted); margin: 6px 0 2px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.shapes { font-size: 12px; color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; margin: 2px 0; }
`;

// A lesson's experiments read a widget's readout and status (www/js/site/lesson-expect.js): here the
// progress line and the accuracy line.
export const TEMPLATE = `
<div class="widget">
  <div class="title"><strong>A CNN trained live</strong><span class="formula">conv → activation → pool blocks, a dense head, softmax cross-entropy on handwritten digits</span></div>
  <div class="readout" data-role="readout" data-loading>Loading the simulation core…</div>
  <div class="status" data-role="status" aria-live="polite"></div>
  <div class="loading" data-role="loading" aria-live="polite"></div>
  <div class="error" data-role="error" role="alert"></div>
  <div class="shapes" data-role="shapes"></div>
  <div class="transport" data-role="transport"></div>
  <div class="skip-row" data-role="skip-row"></div>
  <div class="panels">
    <div><div class="panel-title">Loss per epoch</div><canvas class="chart" data-role="plot" role="img"></canvas></div>
    <div><div class="panel-title">Accuracy per epoch</div><canvas class="chart" data-role="accuracy" role="img"></canvas></div>
  </div>
  <div class="panel-title">First layer's filters <span class="hint">(blue negative, orange positive weights)</span></div>
  <canvas data-role="filters" role="img"></canvas>
  <div class="panels">
    <div>
      <div class="panel-title">Confusion matrix <span class="hint">(rows: true digit, columns: predicted; click or Enter on a cell)</span></div>
      <canvas class="square pick" data-role="confusion" tabindex="0" role="img"></canvas>
      <div class="status" data-role="cell-status" aria-live="polite"></div>
      <canvas class="pick" data-role="cell-examples" tabindex="0" role="img"></canvas>
    </div>
    <div>
      <div class="panel-title">Misclassified test digits <span class="hint">(click or Enter to inspect one)</span></div>
      <div class="status" data-role="mistakes-status"></div>
      <canvas class="pick" data-role="mistakes" tabindex="0" role="img"></canvas>
    </div>
  </div>
  <div class="panel-title">Inspected test digit <span class="hint" data-role="inspect-title"></span></div>
  <div class="status" data-role="prediction" aria-live="polite"></div>
  <div class="panels three">
    <div><div class="hint">The image</div><canvas class="square" data-role="inspected" role="img"></canvas></div>
    <div><div class="hint">Saliency |∂score/∂pixel|</div><canvas class="square" data-role="saliency" role="img"></canvas></div>
    <div><div class="hint">Grad-CAM (last conv layer)</div><canvas class="square" data-role="grad-cam" role="img"></canvas></div>
  </div>
  <div class="controls" data-role="inspect-controls"></div>
  <div class="panel-title">Feature maps of the inspected digit, layer by layer</div>
  <div data-role="maps"></div>
  <div class="panel-title">Activation maximisation <span class="hint">(gradient ascent on the image, on a copy of the current weights)</span></div>
  <div class="controls act-max-controls" data-role="act-max-controls"></div>
  <div class="status" data-role="act-max-status"></div>
  <div class="panels act-max">
    <div><canvas class="square small" data-role="act-max-image" role="img"></canvas></div>
    <div><canvas class="chart" data-role="act-max-chart" role="img"></canvas></div>
  </div>
  <div class="hint">From grey noise, each step moves the pixels up the gradient of the target (a class's logit or a filter's mean activation), with a blur and a decay that keep the image smooth. It shows a pattern the unit responds to most — not what a typical digit of that class looks like, often no digit at all. (The saw-tooth: every 4th step's blur costs some objective.)</div>
  <div class="panel-title">MLP vs CNN on the same data <span class="hint">(the same training images, seed, optimizer, batch and epochs)</span></div>
  <div class="controls" data-role="compare-controls"></div>
  <div class="status" data-role="compare-status"></div>
  <div class="panels">
    <div><canvas class="chart" data-role="compare-chart" role="img"></canvas></div>
    <div class="table-scroll"><table class="compare-table" data-role="compare-table"></table></div>
  </div>
  <div class="hint">The MLP sees the image as 784 unrelated numbers (its default 128 → 64 head is a usual MNIST baseline, with 2.5 times the default CNN's weights); the CNN's shared local filters build in that neighbouring pixels belong together — far fewer parameters, and, trained long enough, usually the higher test accuracy (after an epoch or two the bigger MLP can still lead).</div>
  <div class="panel-title">Transfer learning <span class="hint">(pre-train on some digits, then learn new ones from a few examples)</span></div>
  <div class="controls" data-role="transfer-controls"></div>
  <progress class="transfer-progress" data-role="transfer-progress" max="1" value="0" aria-label="Transfer runs progress" hidden></progress>
  <div class="status" data-role="transfer-status" aria-live="polite"></div>
  <div class="panels">
    <div><canvas class="chart" data-role="transfer-chart" role="img"></canvas></div>
    <div class="table-scroll"><table class="compare-table transfer-table" data-role="transfer-table"></table></div>
  </div>
  <div class="hint">Every run trains the network above (its blocks, head, optimizer and seed) on the same few images of the new digits and is tested on all their test digits. "From scratch" starts from random weights; "random conv blocks, frozen" trains only the head on top of random filters (the control); "pre-trained" runs start from the conv blocks learnt on the first digits, with the first blocks frozen or all fine-tuned. The dense head always starts fresh.</div>
  <div class="panels">
    <div>
      <div class="panel-title">Draw a digit</div>
      <canvas class="pad" data-role="pad" tabindex="0" role="img"></canvas>
      <div class="hint">Mouse or finger (Shift or right button erases); focused, the arrow keys move the pen and Space paints.</div>
      <div class="transport" data-role="pad-actions"></div>
    </div>
    <div>
      <div class="panel-title">What the network says</div>
      <canvas class="chart" data-role="probabilities" role="img"></canvas>
      <div class="status" data-role="pad-readout" aria-live="polite"></div>
    </div>
  </div>
  <div class="controls" data-role="controls"></div>
  <details data-role="settings"><summary>Training settings: optimizer, learning rate, batch, data, epochs, augmentation, seed</summary>
    <div class="controls" data-role="training-controls"></div>
  </details>
  <div class="hint" data-role="credit"></div>
</div>`;
