// A requestAnimationFrame loop that advances a step counter at a given rate,
// pauses while its element is off screen, and never runs two loops at once.
export class StepAnimator {
  // onAdvance(steps) is called with the whole number of steps due this frame and
  // returns false when there is nothing left to play.
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

export const prefersReducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
