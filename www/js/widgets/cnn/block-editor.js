// The compact editor of <descent-cnn>'s conv blocks: one row per block (filters, kernel, padding,
// batch norm, pooling, remove) and "Add block". Every edit goes out as the `blocks` attribute text, so it is validated
// and kept in the URL like any other setting; the limits and pooling choices are the core's.
import { createButton } from '../../ui/controls.js';
import { POOLING_WORDS, blocksText } from './state.js';

let nextId = 0;

export class BlockEditor {
  // catalog: cnnCatalog(); onBlocks(text): the new `blocks` attribute text.
  constructor(container, { catalog, onBlocks }) {
    this.catalog = catalog;
    this.onBlocks = onBlocks;
    this.blocks = [];
    this.fieldset = document.createElement('fieldset');
    this.fieldset.className = 'block-editor field-wide';
    container.append(this.fieldset);
  }

  send(blocks) {
    this.onBlocks(blocksText(blocks));
  }

  show(blocks) {
    if (JSON.stringify(blocks) === JSON.stringify(this.blocks) && this.fieldset.childElementCount) return;
    this.blocks = blocks.map((block) => ({ ...block }));
    const { maxConvBlocks, maxFilters, maxKernel } = this.catalog.limits;
    this.fieldset.textContent = '';
    const legend = document.createElement('legend');
    legend.textContent = `Conv blocks (1 – ${maxConvBlocks}): filters @ kernel × kernel → [batch norm] → activation → pooling`;
    this.fieldset.append(legend);
    this.blocks.forEach((block, index) => {
      const row = document.createElement('div');
      row.className = 'block-row';
      const name = document.createElement('strong');
      name.textContent = `Block ${index + 1}`;
      const change = (key, value) => {
        const next = this.blocks.map((b) => ({ ...b }));
        next[index][key] = value;
        this.send(next);
      };
      const filters = this.labelled(row, 'Filters', document.createElement('input'));
      filters.type = 'number';
      filters.className = 'number';
      filters.min = '1';
      filters.max = String(maxFilters);
      filters.value = String(block.filters);
      filters.addEventListener('change', () => change('filters', filters.value.trim()));
      const kernel = this.labelled(row, 'Kernel', document.createElement('select'));
      for (let k = 1; k <= maxKernel; k++) kernel.append(new Option(`${k}×${k}`, String(k)));
      kernel.value = String(block.kernel);
      kernel.addEventListener('change', () => change('kernel', kernel.value));
      const padding = this.labelled(row, 'Padding', document.createElement('select'));
      padding.append(new Option('valid (none)', 'valid'), new Option('same (odd kernels)', 'same'));
      padding.value = block.padding;
      padding.title = 'same: (kernel − 1)/2 zeros on each side, the map keeps its size';
      padding.addEventListener('change', () => change('padding', padding.value));
      const batchNorm = this.labelled(row, 'Batch norm', document.createElement('input'));
      batchNorm.type = 'checkbox';
      batchNorm.checked = block.batchNorm;
      batchNorm.title = 'Per-channel batch norm between the convolution and the activation';
      batchNorm.addEventListener('change', () => change('batchNorm', batchNorm.checked));
      const pooling = this.labelled(row, 'Pooling', document.createElement('select'));
      for (const kind of this.catalog.poolings) pooling.append(new Option(POOLING_WORDS[kind] ?? kind, kind));
      pooling.value = block.pooling;
      pooling.addEventListener('change', () => change('pooling', pooling.value));
      row.prepend(name);
      if (this.blocks.length > 1) {
        row.append(
          createButton({
            label: 'Remove',
            title: `Remove block ${index + 1}`,
            onClick: () => this.send(this.blocks.filter((_, k) => k !== index)),
          }),
        );
      }
      this.fieldset.append(row);
    });
    if (this.blocks.length < maxConvBlocks) {
      const last = this.blocks.at(-1);
      this.fieldset.append(
        createButton({
          label: 'Add block',
          title: 'Add a conv block after the last one (3×3 kernels, twice the filters)',
          onClick: () =>
            this.send([
              ...this.blocks,
              {
                filters: Math.min(maxFilters, (last?.filters ?? 4) * 2),
                kernel: Math.min(3, maxKernel),
                pooling: 'none',
                padding: 'valid',
                batchNorm: false,
              },
            ]),
        }),
      );
    }
  }

  labelled(row, text, control) {
    const label = document.createElement('label');
    control.id = `descent-cnn-block-${++nextId}`;
    label.htmlFor = control.id;
    label.textContent = text;
    const pair = document.createElement('span');
    pair.className = 'block-option'; // a label stays with its control when the row wraps
    pair.append(label, control);
    row.append(pair);
    return control;
  }
}
