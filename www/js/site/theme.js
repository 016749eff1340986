// The site's theme switch (system / light / dark) in the header, kept in localStorage. "system"
// leaves the colour scheme to prefers-color-scheme; "light" or "dark" sets data-theme on <html>,
// which site.css turns into color-scheme — and the widgets follow the page's color-scheme
// (descent-widget.js), so one switch recolours the page and every widget on it.

import { THEMES, THEME_KEY, applyTheme, storedTheme } from './theme-choice.js';

function addSwitch(header) {
  const label = document.createElement('label');
  label.className = 'theme-switch';
  label.append('Theme ');
  const select = document.createElement('select');
  for (const theme of THEMES) select.append(new Option(theme[0].toUpperCase() + theme.slice(1), theme));
  select.value = storedTheme();
  select.addEventListener('change', () => {
    applyTheme(select.value);
    try {
      if (select.value === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, select.value);
    } catch {
      // storage blocked: the choice lasts until the page is left
    }
  });
  label.append(select);
  header.append(label);
}

const header = document.querySelector('.site-header-inner');
if (header) addSwitch(header);
