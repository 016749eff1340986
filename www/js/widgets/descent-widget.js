// The life cycle every Descent widget shares: start when visible, pause off
// screen and while the tab is hidden, attributes (and the URL #hash) → parsed
// state → one call into the core → drawing, and a transport bar that walks
// through the computed steps. Two transports drive the animation:
//   this.animator   the replay (transports/replay.js): steps through a computed run
//   this.liveRun    the live run (transports/live-run.js), for a widget that trains: set it
//                   with createLiveRun() in the constructor; the base class shows and hides
//                   it with the element and deletes its core object on removal
//
// A subclass provides:
//   static stateAttributes        attribute names that make up its state
//   static corePart               the part of the core it calls (core/<part>.js, www/js/core.js;
//                                 the site build checks that the part has the registry's `core`)
//   transportNoun                 "descent", "race": used in button titles
//   reducedMotionMaxSpeed         steps per second when the reader prefers less motion
//   prepare()                     after the core loads: set this.schema; return an error message or ''
//   buildControls()               build its controls (call this.buildTransport() there)
//   simulate(state)               one core call; keep the result (this.run), return '' or the core's error
//                                 (or let the checked API, this.api, throw it: update() shows a DescentError's message)
//   syncControls(), render()      show the state and the result (drawInFrames() spreads a slow one)
// and where the defaults below do not fit:
//   schemaControl(name)           (provided) the control of a schema entry, made from the entry
//   checkState(state, errors)     fix up names the core does not know, pushing messages (default: none)
//   get lastStep                  the last step that can be shown (default 0: one picture, no steps)
//   get updateDetail              the detail of the 'descent-update' event (default {config, run})
import { loadCore } from '../core.js';
import { prefersReducedMotion } from '../ui/animation.js';
import { resolveColorScheme, systemDark } from '../ui/color-scheme.js';
import { createButton } from '../ui/controls.js';
import { setButtonContent } from '../ui/icons.js';
import { adoptStyles } from '../ui/shadow-styles.js';
import { createSchemaControl } from '../ui/schema-control.js';
import { keepScrollableFocusable } from '../ui/scroll-focus.js';
import { addSkipLink, SKIP_LINK_STYLES } from '../ui/skip-link.js';
import { onlyViewChanged, parseState, parseValue } from '../ui/state-schema.js';
import { LiveRun } from './transports/live-run.js';
import { ReplayTransport } from './transports/replay.js';
import { URL_STATE } from './url-state.js';

// The longest update (core run + drawing) that a slider drag repeats on every input event.
const DRAG_BUDGET_MS = 30;

// The core's main catalog (surfaces, optimizers, schedules), read once per page: building it
// crosses hundreds of strings from the core.
const catalogs = new WeakMap();
function coreCatalog(core) {
  if (!catalogs.has(core)) catalogs.set(core, core.catalog());
  return catalogs.get(core);
}

export class DescentWidget extends HTMLElement {
  checkState() {}

  get lastStep() {
    return 0;
  }

  get updateDetail() {
    return { config: this.config, run: this.run };
  }

  static get observedAttributes() {
    return [...this.stateAttributes, 'sync-url'];
  }

  constructor(styles, template) {
    super();
    this.attachShadow({ mode: 'open' });
    adoptStyles(this.shadowRoot, styles + SKIP_LINK_STYLES);
    this.shadowRoot.innerHTML += `${template}<i class="scheme-probe" aria-hidden="true"></i>`;
    this.parts = {};
    for (const element of this.shadowRoot.querySelectorAll('[data-role]')) this.parts[element.dataset.role] = element;
    // Keyboard access: a link past the widget's controls, and a tab stop on a table that scrolls.
    const title = this.shadowRoot.querySelector('.title strong')?.textContent.trim() || this.localName;
    this.skipLink = addSkipLink(this, title);
    keepScrollableFocusable(this.shadowRoot.querySelectorAll('.table-scroll'));
    // A picture not drawn yet (the core still loading, a panel just opened) still has a name;
    // drawing it replaces the name with a description of what it shows.
    for (const canvas of this.shadowRoot.querySelectorAll('canvas[role=img]:not([aria-label])'))
      canvas.setAttribute('aria-label', `${title}: ${canvas.dataset.role.replace(/-/g, ' ')}, not drawn yet`);
    this.core = null;
    this.catalog = null;
    this.state = null;
    this.config = null;
    this.shownStep = 0;
    this.controlErrors = [];
    this.updateQueued = false;
    this.lastUpdateMs = 0;
    this.resetsOnChange = {};
    this.animator = new ReplayTransport((steps) => this.advance(steps));
    // Set before an update to replay its result from step 0 at once (the race starts by itself).
    this.playAfterUpdate = false;
    this.liveRun = null;
    this.onScreen = true;
    this.colorScheme = 'light';
    // A change of the inherited color-scheme runs the probe's transition; the system's, a media event.
    this.onSchemeChange = () => this.applyColorScheme();
    this.shadowRoot.querySelector('.scheme-probe').addEventListener('transitionrun', this.onSchemeChange);
    // Every drawing is counted: the widget's own "rendered" signal. A test (or a page) waits for
    // the count to stop changing — after an update, its resize re-render — instead of racing a
    // snapshot of shadow DOM nodes that the next render replaces.
    this.renderCount = 0;
    const render = this.render;
    this.render = (...args) => {
      const result = render.apply(this, args);
      this.renderCount += 1;
      return result;
    };
  }

  // Runs the steps one per animation frame, for a drawing too slow for one: drawing a part for the
  // first time (compiling its code, making its canvases) costs 5–10× a redraw. A step returning
  // false ends it; a newer call drops what is left of an older one. Each step counts as a
  // render (renderCount), so whoever waits for the drawing to settle waits for the last step.
  drawInFrames(steps) {
    cancelAnimationFrame(this.drawFrame);
    const next = (k) => {
      this.drawFrame =
        k < steps.length
          ? requestAnimationFrame(() => {
              const more = steps[k]() !== false;
              this.renderCount += 1;
              if (more) next(k + 1);
              else this.finishedDrawing();
            })
          : 0;
      if (!this.drawFrame) this.finishedDrawing();
    };
    next(0);
  }

  // A drawing is complete: once the first picture is shown, `drawn` holds from now on, and the
  // live run, held back while the first picture was drawn (updateBody), trains again.
  finishedDrawing() {
    if (this.shownFirstPicture) this.firstPictureComplete = true;
    if (!this.liveRunHeld) return;
    this.liveRunHeld = false;
    this.liveRun?.resume();
  }

  // A render made of parts (functions drawing one panel each): the first picture one part per
  // frame (drawInFrames: each part's first drawing is the slow one), every later one at once —
  // unless `spread` asks for frames again (a new surface's map to compute). A later render draws
  // everything at once, replacing what is left of a spread one (its parts hold older values).
  drawParts(parts, spread = false) {
    if (!this.drewPartsOnce || spread) {
      this.drewPartsOnce = true;
      this.drawInFrames(parts);
      return;
    }
    cancelAnimationFrame(this.drawFrame);
    this.drawFrame = 0;
    for (const part of parts) part();
    this.finishedDrawing();
  }

  // Whether the first picture is complete (all its parts drawn, if spread over frames): what a test
  // (or a page) waits for, rather than a render count (a render before the core loads counts).
  get drawn() {
    return Boolean(this.firstPictureComplete);
  }

  // The live-run transport for a widget that trains a core object (see transports/live-run.js
  // for the hooks and options); onError shows the message in the error line by default.
  createLiveRun(hooks) {
    this.liveRun = new LiveRun({ onError: (message) => (this.parts.error.textContent = message), ...hooks });
    return this.liveRun;
  }

  connectedCallback() {
    // Compile the core now, off the main thread, while the page is still parsing; the widget
    // itself starts when it becomes visible. (A failure is reported by initialise().)
    loadCore(this.constructor.corePart).catch(() => {});
    this.visibilityObserver = new IntersectionObserver((entries) => {
      const visible = entries.some((entry) => entry.isIntersecting);
      if (visible && !this.core) this.initialise();
      this.onScreen = visible;
      this.showTransports();
    });
    this.visibilityObserver.observe(this);
    this.onPageVisibility = () => this.showTransports();
    document.addEventListener('visibilitychange', this.onPageVisibility);
    // Drawings follow the plot's width (their heights derive from it): a height change is the
    // drawing's own, and redrawing on it cost the CNN widget a second full render on first load.
    this.resizeObserver = new ResizeObserver(([entry]) => {
      const width = entry.contentRect.width;
      if (width === this.observedPlotWidth) return;
      this.observedPlotWidth = width;
      this.render();
    });
    this.resizeObserver.observe(this.parts.plot);
    this.onHashChange = () => this.adoptUrlState();
    window.addEventListener('hashchange', this.onHashChange);
    // A widget never scrolled into view would print as an empty box: start it for the printout
    // (the core is usually compiled by then, so it draws before the page is laid out for print).
    this.onBeforePrint = () => {
      if (!this.core) this.initialise();
    };
    window.addEventListener('beforeprint', this.onBeforePrint);
    systemDark?.addEventListener('change', this.onSchemeChange);
    this.applyColorScheme();
    // Moved in the page: the live run's core object was deleted on removal, so build it again.
    if (this.catalog && this.liveRun?.interrupted) this.scheduleUpdate();
  }

  disconnectedCallback() {
    this.visibilityObserver?.disconnect();
    this.resizeObserver?.disconnect();
    document.removeEventListener('visibilitychange', this.onPageVisibility);
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    systemDark?.removeEventListener('change', this.onSchemeChange);
    this.animator.pause();
    this.liveRun?.dispose();
  }

  // Light or dark (this.colorScheme, read by the canvases through palette.js themeOf): the
  // styles follow .widget's data-scheme, the canvases are drawn again.
  applyColorScheme() {
    const scheme = resolveColorScheme(getComputedStyle(this).colorScheme || 'normal');
    if (scheme === this.colorScheme) return;
    this.colorScheme = scheme;
    const box = this.shadowRoot.querySelector('.widget');
    if (box) box.dataset.scheme = scheme;
    if (this.config) this.render();
  }

  // Both transports run only while the element is on screen and its tab is not hidden.
  showTransports() {
    const visible = this.onScreen && document.visibilityState !== 'hidden';
    this.animator.setVisible(visible);
    this.liveRun?.setVisible(visible);
  }

  attributeChangedCallback() {
    this.scheduleUpdate();
  }

  async initialise() {
    this.core = 'loading';
    try {
      this.core = await loadCore(this.constructor.corePart);
    } catch (error) {
      // "Loading the simulation core…" gives way to why it never will.
      for (const note of this.shadowRoot.querySelectorAll('[data-loading]')) note.textContent = '';
      this.parts.error.textContent = error.message;
      return;
    }
    this.api = this.core.api; // the checked API: refused input throws DescentError (bindings/api.pre.js)
    this.catalog = coreCatalog(this.core);
    const problem = this.prepare();
    if (problem) {
      this.parts.error.textContent = problem;
      return;
    }
    this.schemaByName = new Map(this.schema.map((entry) => [entry.name, entry]));
    this.buildControls();
    if (this.hasAttribute('sync-url')) this.addCopyLinkButton();
    // The first simulation in a task of its own: building the controls and computing the first
    // result together would block the page for longer than a frame. (It runs while the page waits
    // for the next frame; the first picture comes in that frame, see updateBody.)
    await new Promise((next) => setTimeout(next, 0));
    this.adoptUrlState();
    this.update();
  }

  // ---- public API ----

  play() {
    if (!this.config) return;
    if (this.shownStep >= this.lastStep) this.shownStep = 0;
    this.animator.play();
    this.render();
  }

  pause() {
    this.animator.pause();
    this.renderTransport();
  }

  stepForward() {
    this.animator.pause();
    this.advance(1);
  }

  stepBack() {
    this.animator.pause();
    this.shownStep = Math.max(0, this.shownStep - 1);
    this.render();
  }

  reset() {
    this.animator.pause();
    this.shownStep = 0;
    this.render();
  }

  showAll() {
    this.animator.pause();
    this.shownStep = this.lastStep;
    this.render();
  }

  // ---- state flow ----

  // Attribute changes arrive one by one; coalesce them into one core call.
  scheduleUpdate() {
    if (this.updateQueued || !this.catalog) return;
    this.updateQueued = true;
    queueMicrotask(() => {
      this.updateQueued = false;
      this.update();
    });
  }

  // Timed, so a slider drag knows whether re-simulating on every input event is affordable.
  update() {
    const started = performance.now();
    this.updateBody();
    this.lastUpdateMs = performance.now() - started;
  }

  updateBody() {
    // Off the page a live run would make a core object nothing deletes: wait for the element to return.
    if (this.liveRun && !this.isConnected) {
      this.liveRun.interrupted = true;
      return;
    }
    const { state, errors } = parseState(this.schema, (name) => this.getAttribute(name));
    this.checkState(state, errors);
    // Only the animation speed or the like changed: the last result holds, and its animation goes on.
    const redrawOnly = this.simulated && onlyViewChanged(this.schema, this.state, state);
    this.state = state;
    if (!redrawOnly) {
      const wasPlaying = this.animator.playing || this.playAfterUpdate;
      const problem = this.simulateChecked(state);
      this.simulated = !problem;
      if (problem)
        errors.push(problem); // the last good result stays on screen
      else this.shownStep = wasPlaying ? 0 : this.lastStep;
    }
    const speed = state.speed;
    this.animator.stepsPerSecond = prefersReducedMotion() ? Math.min(this.reducedMotionMaxSpeed, speed) : speed;
    this.parts.error.textContent = [...errors, ...this.controlErrors].join('\n');
    this.syncControls();
    this.writeUrlState();
    const show = () => {
      this.render();
      if (this.playAfterUpdate) {
        this.playAfterUpdate = false;
        if (this.simulated) {
          this.animator.play(); // from step 0, drawn above: play() would draw it again
          this.renderTransport();
        }
      }
      this.dispatchEvent(new CustomEvent('descent-update', { detail: { ...this.updateDetail, errors } }));
    };
    cancelAnimationFrame(this.firstPictureFrame);
    if (this.shownFirstPicture) {
      show();
      return;
    }
    // The first picture in the next frame, a task of its own: the first simulation and the first
    // drawing (both running code for the first time) blocked the page for 70–240 ms together.
    // A live run trains again only once all of it is drawn (drawParts may take a few frames).
    this.liveRun?.cancel();
    this.liveRunHeld = true;
    this.firstPictureFrame = requestAnimationFrame(() => {
      this.shownFirstPicture = true;
      show();
      if (!this.drawFrame) this.finishedDrawing();
    });
  }

  // simulate(), with a DescentError from the checked API turned into its message like a returned one.
  simulateChecked(state) {
    try {
      return this.simulate(state);
    } catch (error) {
      if (error instanceof this.api.DescentError) return error.message;
      throw error;
    }
  }

  showControlError(message) {
    this.controlErrors = [message];
    this.parts.error.textContent = message;
  }

  // A slider moved during a drag. Re-simulating on every input event is fine while an update is
  // cheap; once one takes longer than DRAG_BUDGET_MS the widget waits for the release (the
  // slider's change event) and shows the last result meanwhile, so a drag never piles up blocks.
  previewControl(name, raw) {
    if (this.lastUpdateMs <= DRAG_BUDGET_MS) this.applyControl(name, raw);
  }

  // A control changed `name` to the raw text `raw`: validate it like an attribute,
  // and only then write the attribute (a bad typed value never reaches the state).
  applyControl(name, raw) {
    const entry = this.schemaByName.get(name);
    const text = String(raw).trim();
    const parsed = parseValue(entry, text);
    if (parsed.error) {
      this.showControlError(parsed.error);
      return;
    }
    this.controlErrors = [];
    for (const dependent of this.resetsOnChange[name] ?? []) this.removeAttribute(dependent);
    const defaultText = entry.defaultValue === null ? null : String(entry.defaultValue);
    if (text === defaultText) this.removeAttribute(name);
    else this.setAttribute(name, text);
    this.scheduleUpdate();
  }

  // The control of schema entry `name`, made from the entry (www/js/ui/schema-control.js).
  schemaControl(name, overrides) {
    return createSchemaControl(this.schemaByName.get(name), this, overrides);
  }

  // Arrow keys on the plot nudge the start by 2% of the view (0.5% with Shift).
  bindStartNudging(canvas) {
    canvas.addEventListener('keydown', (event) => {
      const directions = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      const direction = directions[event.key];
      if (!direction || !this.config || !this.frame) return;
      event.preventDefault();
      const { box } = this.frame;
      const fraction = event.shiftKey ? 0.005 : 0.02;
      const start = [...this.config.start];
      start[0] += direction[0] * fraction * (box.xMax - box.xMin);
      if (start.length === 2) start[1] += direction[1] * fraction * (box.yMax - box.yMin);
      this.applyControl('start', start.map((v) => Number(v.toPrecision(4))).join(','));
    });
  }

  advance(steps) {
    if (!this.config) return false;
    this.shownStep = Math.min(this.lastStep, this.shownStep + steps);
    this.render();
    if (this.shownStep >= this.lastStep) {
      this.animator.pause();
      this.renderTransport();
      return false;
    }
    return true;
  }

  // ---- transport bar ----

  buildTransport() {
    const noun = this.transportNoun;
    this.playButton = createButton({
      icon: 'play',
      label: 'Play',
      title: `Play the ${noun} step by step`,
      onClick: () => (this.animator.playing ? this.pause() : this.play()),
    });
    this.playButton.classList.add('primary');
    this.stepCounter = document.createElement('span');
    this.stepCounter.className = 'step-counter';
    this.parts.transport.append(
      createButton({ label: 'Reset', title: `Back to the start of the ${noun}`, onClick: () => this.reset() }),
      createButton({ icon: 'step-back', label: 'Step back', title: 'One step back', onClick: () => this.stepBack() }),
      this.playButton,
      createButton({
        icon: 'step-forward',
        iconAfter: true,
        label: 'Step',
        title: 'One step forward',
        onClick: () => this.stepForward(),
      }),
      createButton({ label: 'Show all', title: `Show the whole ${noun}`, onClick: () => this.showAll() }),
      this.stepCounter,
    );
  }

  renderTransport() {
    if (!this.playButton) return;
    const playing = this.animator.playing;
    setButtonContent(this.playButton, { icon: playing ? 'pause' : 'play', label: playing ? 'Pause' : 'Play' });
    if (this.config)
      this.stepCounter.textContent = `step ${Math.min(this.shownStep, this.lastStep)} / ${this.lastStep}`;
  }
}

// The #hash state (sync-url): www/js/widgets/url-state.js.
Object.assign(DescentWidget.prototype, URL_STATE);
