// The reader's motion preference: widgets cap the replay speed and draw a live run less often.
export const prefersReducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
