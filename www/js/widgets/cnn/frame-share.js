// The frame time <descent-cnn>'s runs share. The training, the activation maximiser and the
// MLP-vs-CNN comparison each advance on their own live run (transports/live-run.js), and their
// animation-frame callbacks fall in the same frame: one task, so their times add up. Each asks
// budget(name) before its slice and reports spend(name, ms) after: it gets an equal share of
// totalMs (the runs seen last frame split it), at most what is left, and 0 — skip this frame — when
// less than minMs is left; a run skipped so goes first in the next frame (the others wait), so
// none starves while a slice that overshoots (one mini-batch is the smallest unit) delays the rest.
const MIN_SLICE_MS = 2;

export class FrameShare {
  constructor(totalMs) {
    this.totalMs = totalMs;
    this.open = false; // inside a frame's callbacks
    this.spent = 0;
    this.seen = new Set(); // runs that asked in this frame
    this.lastSeen = 0; // how many asked in the last frame
    this.starved = new Set(); // skipped last frame: they go first now
    this.nextStarved = new Set();
    this.frameStart = 0;
    this.frameWorkMs = 0;
    this.longestFrameMs = 0; // the longest frame's work of all runs together, for measurements
  }

  budget(name) {
    if (!this.open) this.openFrame();
    this.seen.add(name);
    if (this.starved.size && !this.starved.has(name)) return 0;
    const left = this.totalMs - this.spent;
    if (left < MIN_SLICE_MS) {
      this.nextStarved.add(name);
      return 0;
    }
    return Math.min(left, this.totalMs / Math.max(1, this.lastSeen, this.seen.size));
  }

  spend(ms) {
    this.spent += ms;
    this.frameWorkMs += ms;
    this.longestFrameMs = Math.max(this.longestFrameMs, this.frameWorkMs);
  }

  // A frame's callbacks run in one task: a timeout after it closes the frame.
  openFrame() {
    this.open = true;
    this.spent = 0;
    this.frameWorkMs = 0;
    this.lastSeen = this.seen.size;
    this.seen = new Set();
    this.starved = this.nextStarved;
    this.nextStarved = new Set();
    setTimeout(() => (this.open = false), 0);
  }
}
