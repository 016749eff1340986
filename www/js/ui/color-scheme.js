// The host page's colour scheme: CSS color-scheme on the widget or any element around it (it is
// inherited). Only "dark" (or "only dark") forces dark, only "light" forces light; "normal" (no
// declaration) or "light dark" follows the reader's system setting (prefers-color-scheme).
export const systemDark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');

export function resolveColorScheme(declared) {
  const words = declared.split(/\s+/);
  const dark = words.includes('dark');
  const light = words.includes('light');
  if (dark !== light) return dark ? 'dark' : 'light';
  return systemDark?.matches ? 'dark' : 'light';
}
