// Under an applied "try this" button: what the widget should now show (the button's data-expect),
// and a ✓ once it does. The widget's result text is read the way tests/e2e/lessons.test.js reads
// it — its readout, status line and finish board, whichever it has, joined by single spaces — so
// the page and the test agree on what "shows" means. If the widget settles on something else (the
// learner may have changed a setting since), the note says what it shows, without judging.
//
// Listens for the 'descent-experiment' event of lesson-experiments.js and the widget's
// 'descent-update'. Only the last applied button has a verdict; earlier ones keep their
// "expect:" line, so the text never shrinks above the reader (that would move the page).

export const RESULT_ROLES = ['readout', 'status', 'finish-board'];
// A widget that trains reports several updates for one experiment; wait this long after the last
// one before saying it shows something else.
const SETTLE_MS = 600;
const MAX_SHOWN_CHARS = 160;

export function shownText(widget) {
  const root = widget.shadowRoot;
  if (!root) return '';
  return RESULT_ROLES.map((role) => root.querySelector(`[data-role=${role}]`)?.textContent)
    .filter((text) => text !== undefined)
    .join(' ');
}

// Whether the widget still has work to show: an update queued, or a live run still training.
export function isBusy(widget) {
  const run = widget.liveRun;
  return Boolean(widget.updateQueued || (run && run.playing && run.handle && !run.done));
}

let current = null; // { button, widget, expect, note, verdict, timer }

function noteFor(button, expect) {
  let note = button.nextElementSibling;
  if (!note?.classList.contains('try-result')) {
    note = document.createElement('span');
    note.className = 'try-result';
    const expected = document.createElement('span');
    expected.className = 'try-expected';
    expected.textContent = `expect: ${expect}`;
    note.append(expected);
    button.after(note);
  }
  const verdict = document.createElement('span');
  verdict.className = 'try-verdict';
  verdict.setAttribute('role', 'status');
  note.append(' ', verdict);
  return { note, verdict };
}

function showVerdict() {
  if (!current) return;
  const { widget, expect, verdict } = current;
  clearTimeout(current.timer);
  const shown = shownText(widget);
  if (shown.includes(expect)) {
    verdict.className = 'try-verdict try-shown';
    verdict.textContent = 'shown ✓';
    return;
  }
  // Not (yet) the expected text: say so only once the widget has settled on it.
  verdict.className = 'try-verdict';
  verdict.textContent = '';
  current.timer = setTimeout(() => {
    if (!current || current.verdict !== verdict) return;
    if (isBusy(widget)) {
      current.timer = setTimeout(showVerdict, SETTLE_MS);
      return;
    }
    const text = shownText(widget).trim();
    if (!text || text.includes(expect)) return showVerdict();
    verdict.className = 'try-verdict try-other';
    verdict.textContent = `widget shows: ${text.length > MAX_SHOWN_CHARS ? text.slice(0, MAX_SHOWN_CHARS) + '…' : text}`;
  }, SETTLE_MS);
}

function onWidgetUpdate(event) {
  if (current && event.currentTarget === current.widget) showVerdict();
}

function onExperiment(event) {
  const button = event.target;
  const widget = event.detail?.widget;
  if (current) {
    clearTimeout(current.timer);
    current.verdict.previousSibling?.remove(); // the space before it
    current.verdict.remove();
    current.widget.removeEventListener('descent-update', onWidgetUpdate);
    current = null;
  }
  const expect = button.getAttribute('data-expect');
  if (!expect || !widget) return;
  current = { button, widget, expect, ...noteFor(button, expect), timer: 0 };
  widget.addEventListener('descent-update', onWidgetUpdate);
  // The widget updates after the attributes settle (a microtask), or when it starts if it has not.
}

if (typeof document !== 'undefined') {
  document.addEventListener('descent-experiment', onExperiment);
}
