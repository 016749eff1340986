// The replay transport: a run computed in one call into the core (or recorded by a live
// run) is stepped through by the animation at a given rate — play, pause, step, reset and
// show all are DescentWidget's; this is the clock behind them. It pauses while its element
// is off screen or the tab is hidden (DescentWidget calls setVisible) and never runs two
// loops at once.
//
// What a widget provides: onAdvance(steps), called with the whole number of steps due this
// frame, returning false when there is nothing left to play (DescentWidget.advance).
// What it gets: play(), pause(), setVisible(visible), playing, stepsPerSecond.
export class ReplayTransport {
  constructor(onAdvance) {
    this.onAdvance = onAdvance;
    this.playing = false;
    this.visible = true;
    this.stepsPerSecond = 6;
    this.frameHandle = 0;
    this.carry = 0;
    this.lastTime = 0;
  }

  play() {
    this.playing = true;
    this.resume();
  }

  pause() {
    this.playing = false;
    this.cancel();
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible) this.resume();
    else this.cancel();
  }

  // The clock restarts on resume: time spent off screen or hidden does not count as steps due.
  resume() {
    if (!this.playing || !this.visible || this.frameHandle) return;
    this.lastTime = performance.now();
    this.carry = 0;
    this.frameHandle = requestAnimationFrame((time) => this.frame(time));
  }

  cancel() {
    if (this.frameHandle) cancelAnimationFrame(this.frameHandle);
    this.frameHandle = 0;
  }

  frame(time) {
    this.frameHandle = 0;
    this.carry += ((time - this.lastTime) / 1000) * this.stepsPerSecond;
    this.lastTime = time;
    const due = Math.floor(this.carry);
    this.carry -= due;
    if (due > 0 && this.onAdvance(due) === false) {
      this.playing = false;
      return;
    }
    this.frameHandle = requestAnimationFrame((next) => this.frame(next));
  }
}
