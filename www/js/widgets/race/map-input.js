// <descent-race>'s map input: click, tap or drag moves the start; hovering (or a held touch)
// probes the curvature; arrow keys nudge the start. A method of DescentRace (installed on its
// prototype by element.js).

const HOLD_MS = 450; // a touch held this long probes the curvature instead of moving the start
const TAP_SLOP = 8; // px a touch may wander and still count as a tap or hold

const roundCoordinate = (v) => Number(v.toPrecision(4));

export const MAP_INPUT = {
  // Mouse: click or drag moves the start, hovering probes the curvature.
  // Touch and pen: a tap or a drag moves the start; press and hold probes the curvature.
  // Keyboard: arrow keys nudge the start.
  bindMapInput() {
    const canvas = this.parts.plot;
    const worldAt = (event) => {
      const rect = canvas.getBoundingClientRect();
      return this.frame.toWorld(event.clientX - rect.left, event.clientY - rect.top);
    };
    const moveStartTo = (event) => {
      if (!this.frame) return;
      if (event.pointerType !== 'mouse') this.probe = null;
      const [x, y] = worldAt(event);
      this.applyControl('start', `${roundCoordinate(x)},${roundCoordinate(y)}`);
    };
    const probeAt = (event) => {
      if (!this.frame) return;
      this.probe = { point: worldAt(event) };
      this.renderMap();
      this.renderCurvature();
    };
    let gesture = null; // {pointerId, x, y, mode: 'pending' | 'drag' | 'hold'}
    canvas.addEventListener('pointerdown', (event) => {
      try {
        canvas.setPointerCapture(event.pointerId);
      } catch {
        // A pointer that is no longer active cannot be captured; the gesture still works.
      }
      this.animator.pause();
      if (event.pointerType === 'mouse') {
        gesture = { pointerId: event.pointerId, mode: 'drag' };
        moveStartTo(event);
        return;
      }
      gesture = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, mode: 'pending' };
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => {
        if (gesture?.mode !== 'pending') return;
        gesture.mode = 'hold';
        probeAt(event);
      }, HOLD_MS);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!gesture || gesture.pointerId !== event.pointerId) {
        if (event.pointerType === 'mouse') probeAt(event);
        return;
      }
      if (gesture.mode === 'pending' && Math.hypot(event.clientX - gesture.x, event.clientY - gesture.y) > TAP_SLOP) {
        clearTimeout(this.holdTimer);
        gesture.mode = 'drag';
      }
      if (gesture.mode === 'drag') moveStartTo(event);
      else if (gesture.mode === 'hold') probeAt(event);
      if (event.pointerType === 'mouse') probeAt(event);
    });
    const finish = (event) => {
      if (!gesture || gesture.pointerId !== event.pointerId) return;
      clearTimeout(this.holdTimer);
      if (gesture.mode === 'pending' && event.type === 'pointerup') moveStartTo(event);
      gesture = null;
    };
    canvas.addEventListener('pointerup', finish);
    canvas.addEventListener('pointercancel', finish);
    // A mouse probe ends when the mouse leaves; a touch probe stays readable after the finger
    // lifts, until the next tap or drag.
    canvas.addEventListener('pointerleave', (event) => {
      if (event.pointerType !== 'mouse' || !this.probe) return;
      this.probe = null;
      this.renderMap();
      this.renderCurvature();
    });
    canvas.addEventListener('contextmenu', (event) => event.preventDefault()); // long-press menu on touch
    this.bindStartNudging(canvas);
  },
};
