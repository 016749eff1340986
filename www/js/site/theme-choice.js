// The site's stored colour scheme (system / light / dark): read from localStorage and applied to
// <html> as data-theme, which site.css turns into color-scheme. Shared by the theme switch
// (theme.js) and site-theme.js, the tiny script each page runs in its <head> so a stored
// choice applies before the first paint (no flash of the other scheme).

export const THEME_KEY = 'descent-theme';
export const THEMES = ['system', 'light', 'dark'];

export function storedTheme() {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return THEMES.includes(value) ? value : 'system';
  } catch {
    return 'system'; // storage blocked: follow the system
  }
}

export function applyTheme(theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
