// <descent-playground>'s CSV import: the core parses and checks the file; only a good CSV becomes
// the data set. Methods of DescentPlayground (installed on its prototype by element.js).
import { createButton } from '../../ui/controls.js';
import { toCoreConfig } from './state.js';

export const CSV_IMPORT = {
  bindCsvImport() {
    const text = this.parts['csv-text'];
    this.parts['csv-actions'].prepend(
      createButton({
        label: 'Use this CSV',
        title: 'Train on the points in the text box',
        onClick: () => this.importCsv(text.value),
      }),
    );
    this.parts['csv-file'].addEventListener('change', () => {
      const file = this.parts['csv-file'].files[0];
      if (!file) return;
      // Refused by its size before it is read: a huge file would freeze the page for nothing.
      const { maxCsvBytes } = this.playgroundCatalog.limits;
      if (file.size > maxCsvBytes) {
        this.parts['csv-message'].className = 'error';
        this.parts['csv-message'].textContent =
          `CSV: ${file.name} is too large (${file.size} bytes; at most ${maxCsvBytes} bytes are allowed)`;
        return;
      }
      const reader = new FileReader(); // works from file:// too: the page reads the chosen file itself
      reader.onload = () => {
        text.value = String(reader.result);
        this.importCsv(text.value);
      };
      reader.onerror = () => (this.parts['csv-message'].textContent = `could not read ${file.name}`);
      reader.readAsText(file);
    });
  },

  // The number of classes the core finds in a CSV, or null when it does not parse.
  csvClassCount(text) {
    const parsed = this.core.parseCsv(text, { targetKind: 'classification' });
    return parsed.ok ? parsed.classNames.length : null;
  },

  // Checks `text` with the core (parser, then the playground's own rules: two feature columns,
  // 2–8 classes, row count) and switches the data set to it; a bad CSV only gets its message.
  importCsv(text) {
    const message = this.parts['csv-message'];
    message.className = 'error'; // until the CSV is accepted
    const parsed = this.core.parseCsv(text, { targetKind: 'classification' });
    if (!parsed.ok) {
      message.textContent = `CSV: ${parsed.error}`;
      return false;
    }
    const trial = { ...this.state, dataset: 'csv', csv: text.trim() };
    const made = this.core.createPlayground(toCoreConfig(trial, parsed.classNames.length));
    if (!made.ok) {
      message.textContent = `CSV: ${made.error}`;
      return false;
    }
    made.playground.delete();
    message.className = 'chart-caption';
    message.textContent = `Imported ${parsed.rows} points, ${parsed.classNames.length} classes (${parsed.featureNames.join(', ')} → ${parsed.targetName}).`;
    this.setAttribute('csv', trial.csv);
    this.applyControl('dataset', 'csv');
    return true;
  },
};
