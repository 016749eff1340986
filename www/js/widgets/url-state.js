// A widget's setup in the page's #hash (the sync-url attribute): read when the widget starts or
// the hash changes, written after every update, and a "Copy link" button that hands out the
// address with exactly this setup. Methods of DescentWidget (assigned to its prototype there).
import { createButton } from '../ui/controls.js';
import { readHash, serializeState, writeHash } from '../ui/state-schema.js';

export const URL_STATE = {
  urlPrefix() {
    return this.id ? `${this.id}.` : '';
  },

  adoptUrlState() {
    if (!this.hasAttribute('sync-url') || !this.catalog) return;
    const values = readHash(location.hash, this.urlPrefix(), this.constructor.stateAttributes);
    if (values.size === 0) return;
    for (const name of this.constructor.stateAttributes) {
      if (values.has(name)) this.setAttribute(name, values.get(name));
      else this.removeAttribute(name);
    }
  },

  writeUrlState() {
    if (!this.hasAttribute('sync-url')) return;
    const hash = writeHash(
      location.hash,
      this.urlPrefix(),
      serializeState(this.schema, this.state),
      this.constructor.stateAttributes,
    );
    if (hash === location.hash || (hash === '' && location.hash === '')) return;
    try {
      history.replaceState(history.state, '', hash || location.pathname + location.search);
    } catch {
      // Some embedding contexts (sandboxed iframes) forbid history changes; the widget still works.
    }
  },

  // The address of this page with exactly this widget's setup in its #hash (every setting,
  // defaults included, so the page's own attributes cannot override a reset value).
  setupLink() {
    const pairs = serializeState(this.schema, this.state, { includeDefaults: true });
    const hash = writeHash('', this.urlPrefix(), pairs, this.constructor.stateAttributes);
    return location.href.replace(/#.*$/, '') + hash;
  },

  // "Copy link" in the title bar, for a widget whose setup lives in the URL (sync-url).
  addCopyLinkButton() {
    const title = this.shadowRoot.querySelector('.title');
    if (!title) return;
    const note = document.createElement('span');
    note.className = 'copy-note';
    note.setAttribute('role', 'status');
    const button = createButton({
      label: 'Copy link',
      title: 'Copy a link to this page with the widget set up exactly as now',
      onClick: async () => {
        const link = this.setupLink();
        try {
          await navigator.clipboard.writeText(link);
          note.textContent = 'Link copied';
        } catch {
          note.textContent = `Copy this link: ${link}`; // no clipboard access here: show it instead
        }
        clearTimeout(this.copyNoteTimer);
        this.copyNoteTimer = setTimeout(() => (note.textContent = ''), 8000);
      },
    });
    button.classList.add('copy-link');
    title.append(button, note);
  },
};
