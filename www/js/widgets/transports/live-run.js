// The live-run transport: a core object (an embind handle such as a Playground or a
// DynamicsProbe) trained a slice at a time on animation frames, paused off screen and
// while the tab is hidden, and deleted exactly once. Every training widget uses it
// (through DescentWidget's `liveRun`); none keeps its own animation frame or handle.
//
// What a widget provides (the constructor's hooks):
//   create(config)             make the core object: return { handle } or { error: message }
//   advance(handle, request)   train for about request.budgetMs (request.single: the reader
//                              pressed Step; train one step), copy out what to show, and return
//                              the progress { done } (done: nothing is left to train) or
//                              { error: message }; a throw counts as an error too
//   render(progress)           draw after a frame's or a Step's advance (not after advanceNow)
//   onError(message)           an advance failed; the handle is already deleted
// and options:
//   frameBudgetMs              training time per animation frame (default 12: time is left to
//                              draw; a frame must stay well under 50 ms — "the page never freezes")
//   releaseWhenDone            delete the handle once advance says done, every number having been
//                              copied out (default true); false keeps it, paused, for a widget
//                              that edits or reads it afterwards (the playground's weights)
//
// What the widget gets:
//   load(config) → '' | error  create a handle; only if that worked, delete the old one and cancel
//                              its loop (a bad config leaves the last good run going)
//   advanceNow(budgetMs)       one slice now, synchronously (the first picture) → progress
//   play(), pause(), step()    frames run only while playing, visible, and holding an unfinished handle
//   setVisible(visible)        DescentWidget calls it: on screen and the tab not hidden
//   cancel(), resume()         drop the pending frame / ask for one if playing (DescentWidget holds
//                              training back until its first picture is drawn)
//   dispose()                  delete the handle (safe to call any number of times); the base class
//                              calls it on disconnectedCallback. `playing` is kept: a run moved in
//                              the page goes on with the handle load() builds for it
//   handle, playing, done      the current handle (null once deleted), whether frames are wanted,
//                              whether the run has nothing left to train
//   error                      the message of the last failed advance ('' since load)
//   interrupted                a handle was deleted before its run was done, or not made, because the
//                              element left the page: DescentWidget rebuilds it when the element
//                              comes back (load() clears it)
//   longestFrameMs             the longest frame (advance + render) so far, for measurements
//
// The handle is only ever deleted by `release()`, which forgets it before calling delete():
// a second delete of the same object cannot happen, whatever the order of events.
//
// A widget's whole training loop, then (see dynamics/element.js):
//   constructor:     this.createLiveRun({ create: (config) => …core.createX(config)…,
//                      advance: (x, { budgetMs }) => ({ done: withinBudget(budgetMs, (n) => …x.advance(n)…) }),
//                      render: () => this.render() });
//   simulate(state): const problem = this.liveRun.load(config); if (problem) return problem;
//                    this.liveRun.advanceNow(); this.liveRun.play(); return '';

// The budget loop of an advance hook: calls `advanceSteps(count)` (train `count` steps in one
// core call; return true when nothing is left) until it says done or `budgetMs` has passed, and
// returns whether it said done. The first call trains one step; later ones as many as the time
// per step so far says still fit (at most `maxChunk`), so a slice overshoots its budget by about
// one step however slow a step is, and a fast run still makes few calls.
export function withinBudget(budgetMs, advanceSteps, maxChunk = 1) {
  const start = performance.now();
  let steps = 0;
  let chunk = 1;
  for (;;) {
    const done = advanceSteps(chunk);
    steps += chunk;
    const elapsed = performance.now() - start;
    if (done || elapsed >= budgetMs) return done;
    const perStep = Math.max(elapsed / steps, 0.001);
    chunk = Math.max(1, Math.min(maxChunk, Math.floor((budgetMs - elapsed) / perStep)));
  }
}

const messageOf = (error) => (error instanceof Error ? error.message : String(error));

export class LiveRun {
  // Handles created by any LiveRun and not yet deleted (tests check removal frees them).
  static openHandles = 0;

  constructor({ create, advance, render = () => {}, onError = () => {}, frameBudgetMs = 12, releaseWhenDone = true }) {
    this.hooks = { create, advance, render, onError };
    this.frameBudgetMs = frameBudgetMs;
    this.releaseWhenDone = releaseWhenDone;
    this.handle = null;
    this.done = false;
    this.playing = false;
    this.visible = true;
    this.interrupted = false;
    this.error = '';
    this.frameHandle = 0;
    this.generation = 0; // bumped on every new handle: a frame of an older one does nothing
    this.longestFrameMs = 0;
  }

  load(config) {
    let made;
    try {
      made = this.hooks.create(config);
    } catch (error) {
      return messageOf(error);
    }
    if (!made || made.error || !made.handle) return made?.error || 'the core made no object';
    this.release();
    this.cancel();
    this.generation += 1;
    this.handle = made.handle;
    LiveRun.openHandles += 1;
    this.done = false;
    this.interrupted = false;
    this.error = '';
    this.resume();
    return '';
  }

  // One slice now; returns the progress, or null when there is no handle or it failed.
  advanceNow(budgetMs = this.frameBudgetMs, single = false) {
    if (!this.handle || this.done) return null;
    let progress;
    try {
      progress = this.hooks.advance(this.handle, { budgetMs, single });
    } catch (error) {
      progress = { error: messageOf(error) };
    }
    if (progress?.error) {
      this.fail(progress.error);
      return null;
    }
    if (progress?.done) {
      this.done = true;
      this.playing = false;
      this.cancel();
      if (this.releaseWhenDone) this.release();
    }
    return progress ?? {};
  }

  play() {
    this.playing = true;
    this.resume();
  }

  pause() {
    this.playing = false;
    this.cancel();
  }

  // One step (request.single) now, paused, then drawn.
  step() {
    this.pause();
    const progress = this.advanceNow(this.frameBudgetMs, true);
    if (progress) this.hooks.render(progress);
    return progress;
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible) this.resume();
    else this.cancel();
  }

  dispose() {
    this.interrupted ||= Boolean(this.handle);
    this.cancel();
    this.release();
  }

  // ---- internals ----

  fail(message) {
    this.error = message;
    this.playing = false;
    this.cancel();
    this.release();
    this.hooks.onError(message);
  }

  release() {
    const handle = this.handle;
    if (!handle) return;
    this.handle = null; // forgotten first: nothing can reach it for a second delete()
    LiveRun.openHandles -= 1;
    if (!handle.isDeleted?.()) handle.delete(); // embind throws on a second delete()
  }

  // At most one frame is ever requested: resume() does nothing while one is pending, and a
  // callback that is no longer the pending one (cancelled, replaced) does nothing.
  resume() {
    if (!this.playing || !this.visible || !this.handle || this.done || this.frameHandle) return;
    const generation = this.generation;
    const id = requestAnimationFrame(() => {
      if (this.frameHandle !== id) return;
      this.frameHandle = 0;
      this.frame(generation);
    });
    this.frameHandle = id;
  }

  cancel() {
    if (this.frameHandle) cancelAnimationFrame(this.frameHandle);
    this.frameHandle = 0;
  }

  frame(generation) {
    if (generation !== this.generation || !this.playing || !this.visible) return;
    const start = performance.now();
    const progress = this.advanceNow(this.frameBudgetMs, false);
    if (progress) this.hooks.render(progress);
    this.longestFrameMs = Math.max(this.longestFrameMs, performance.now() - start);
    if (generation === this.generation) this.resume();
  }
}
