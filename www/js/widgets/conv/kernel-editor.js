// The kernel editor of <descent-conv>: a tab per filter (add / remove), the filter's preset, and
// its K×K weights as number boxes. Editing a weight turns that filter into a custom kernel; the
// result goes back as the `kernels` attribute text, so it is validated like any attribute.
import { createButton, createSelect } from '../../ui/controls.js';

const CUSTOM = 'custom';

// Up to 4 significant digits, no trailing zeros (0.0625, −2, 0.1111).
const formatWeight = (value) => String(Number(value.toPrecision(4)));

export class KernelEditor {
  constructor(container, { presets, labels, maxFilters, onKernels, onFilter }) {
    this.maxFilters = maxFilters;
    this.onKernels = onKernels;
    this.onFilter = onFilter;
    this.kernels = [];
    this.filter = 0;
    this.size = 0;
    this.tabs = document.createElement('div');
    this.tabs.className = 'filter-tabs';
    this.tabs.setAttribute('role', 'group');
    this.tabs.setAttribute('aria-label', 'Filters');
    this.preset = createSelect({
      name: 'kernel-preset',
      label: 'Preset',
      options: [
        ...presets.map((id) => ({ value: id, label: labels[id] ?? id })),
        { value: CUSTOM, label: 'Custom (edit the cells)' },
      ],
      onChange: (value) => value !== CUSTOM && this.replaceKernel(value),
    });
    this.grid = document.createElement('div');
    this.grid.className = 'kernel-grid';
    this.grid.setAttribute('role', 'group');
    this.grid.setAttribute('aria-label', 'Kernel weights, row by row');
    container.append(this.tabs, this.preset.element, this.grid);
  }

  replaceKernel(kernel) {
    const kernels = [...this.kernels];
    kernels[this.filter] = kernel;
    this.emit(kernels);
  }

  emit(kernels) {
    this.onKernels(
      kernels.map((kernel) => (typeof kernel === 'string' ? kernel : kernel.map(formatWeight).join(' '))).join(';'),
    );
  }

  // kernels: the state's list; filter: the shown one (0-based); weights: every filter's resolved
  // K·K weights from the last simulation (presets included); size: K.
  show(kernels, filter, weights, size) {
    this.kernels = kernels;
    this.filter = filter;
    this.renderTabs();
    const kernel = kernels[filter];
    this.preset.setValue(typeof kernel === 'string' ? kernel : CUSTOM);
    if (size !== this.size) this.buildGrid(size);
    const taps = size * size;
    const values =
      weights && weights.length === kernels.length * taps ? weights.slice(filter * taps, (filter + 1) * taps) : null;
    this.inputs.forEach((input, k) => {
      if (input === input.getRootNode().activeElement) return; // the learner is typing here
      input.value = values ? formatWeight(values[k]) : typeof kernel === 'string' ? '' : String(kernel[k] ?? '');
    });
  }

  renderTabs() {
    const buttons = this.kernels.map((_, k) => {
      const button = createButton({
        label: String(k + 1),
        title: `Show filter ${k + 1}`,
        onClick: () => this.onFilter(k + 1),
      });
      button.setAttribute('aria-pressed', String(k === this.filter));
      return button;
    });
    const add = createButton({
      label: '+ filter',
      title: 'Add a filter (identity kernel)',
      onClick: () => this.emit([...this.kernels, 'identity']),
    });
    add.disabled = this.kernels.length >= this.maxFilters;
    const remove = createButton({
      label: '− filter',
      title: 'Remove the shown filter',
      onClick: () => this.emit(this.kernels.filter((_, k) => k !== this.filter)),
    });
    remove.disabled = this.kernels.length <= 1;
    this.tabs.replaceChildren(...buttons, add, remove);
  }

  buildGrid(size) {
    this.size = size;
    this.grid.style.gridTemplateColumns = `repeat(${size}, minmax(0, 1fr))`;
    this.inputs = Array.from({ length: size * size }, (_, k) => {
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.setAttribute('aria-label', `weight row ${Math.floor(k / size) + 1}, column ${(k % size) + 1}`);
      input.addEventListener('change', () => this.editWeight(k, input.value));
      return input;
    });
    this.grid.replaceChildren(...this.inputs);
  }

  // One weight typed: the filter becomes custom with every other weight as shown.
  editWeight(index, text) {
    const values = this.inputs.map((input, k) => (k === index ? text.trim() : input.value));
    this.replaceKernel(values.map((value) => (value === '' ? NaN : Number(value))));
  }
}
