// A labelled box for typing a formula (f(x, y) = …). The widget checks the text with the core
// (checkFormula) and calls showError(message, position) to underline the offending character;
// the typed text stays in the box so the learner can fix it.
let nextId = 0;

export function createFormulaInput({ name, label, prefix, hint, onChange }) {
  const id = `descent-${name}-${++nextId}`;
  const wrapper = document.createElement('div');
  wrapper.className = 'field formula-field';
  const labelElement = document.createElement('label');
  labelElement.htmlFor = id;
  labelElement.textContent = label;
  const row = document.createElement('div');
  row.className = 'formula-row';
  const prefixElement = document.createElement('span');
  prefixElement.className = 'formula-prefix';
  prefixElement.textContent = prefix;
  const input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.className = 'formula';
  input.spellcheck = false;
  input.autocomplete = 'off';
  input.setAttribute('autocapitalize', 'off');
  const problem = document.createElement('div');
  problem.className = 'formula-problem';
  problem.id = `${id}-problem`;
  problem.setAttribute('role', 'alert');
  input.setAttribute('aria-describedby', problem.id);
  if (hint) input.setAttribute('aria-description', hint);
  // Enter or leaving the box submits; typing alone does not (half-typed formulas are not errors).
  input.addEventListener('change', () => onChange(input.value));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onChange(input.value);
  });
  row.append(prefixElement, input);
  wrapper.append(labelElement, row, problem);

  return {
    element: wrapper,
    input,
    setValue(text) {
      if (input.getRootNode().activeElement !== input) input.value = text;
    },
    // Shows the message and, under a copy of the text, a caret at `position` (0-based character).
    showError(message, position) {
      input.setAttribute('aria-invalid', 'true');
      problem.replaceChildren();
      if (Number.isInteger(position) && position >= 0) {
        const text = input.value;
        const pointer = document.createElement('pre');
        pointer.className = 'formula-pointer';
        const before = document.createTextNode(text.slice(0, position));
        const mark = document.createElement('mark');
        mark.textContent = text.slice(position, position + 1) || ' ';
        pointer.append(before, mark, document.createTextNode(text.slice(position + 1)));
        problem.append(pointer);
      }
      const line = document.createElement('div');
      line.textContent = message;
      problem.append(line);
      if (input.getRootNode().activeElement !== input) input.focus();
      input.setSelectionRange?.(position ?? 0, (position ?? 0) + 1);
    },
    clearError() {
      input.removeAttribute('aria-invalid');
      problem.replaceChildren();
    },
  };
}

// Checks `text` with the core's parser (dimension 1 or 2 restricts names to x, y); on a syntax
// error points at it in `box` and returns false, otherwise clears the box's error and calls apply.
export function submitFormula({ core, box, text, dimension, apply }) {
  const check = core.checkFormula(dimension ? { expression: text, dimension } : { expression: text });
  if (!check.ok) {
    box.showError(check.error, check.position);
    return false;
  }
  box.clearError();
  apply(text);
  return true;
}

// Styles for the formula box, appended to a widget's shadow-root styles.
export const FORMULA_INPUT_STYLES = `
.formula-field { grid-column: 1 / -1; }
.formula-row { display: flex; align-items: center; gap: 6px; }
.formula-prefix { font: 13px ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
input.formula { flex: 1; min-width: 0; font: 14px ui-monospace, Menlo, Consolas, monospace; padding: 5px 7px; border: 1px solid var(--border); border-radius: 6px; min-height: 34px; }
input.formula[aria-invalid=true] { border-color: var(--danger); }
.formula-problem { color: var(--danger); font-size: 13px; }
.formula-problem:empty { display: none; }
.formula-pointer { margin: 4px 0 2px; font: 13px ui-monospace, Menlo, Consolas, monospace; color: var(--text); white-space: pre-wrap; overflow-wrap: anywhere; }
.formula-pointer mark { background: var(--danger-soft); color: var(--danger); text-decoration: underline wavy var(--danger); font-weight: 700; }
`;
