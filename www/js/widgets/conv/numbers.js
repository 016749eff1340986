// How <descent-conv> writes the core's numbers.

// A sum's numbers: at most 3 decimals without trailing zeros, a true minus sign, and a negative
// factor in parentheses ("0.5·(−1)").
export const formatValue = (value) => String(Number(value.toFixed(3))).replace('-', '−');
export const formatTerm = (value) => (value < 0 ? `(${formatValue(value)})` : formatValue(value));

// 1,179,648: thousands grouped by hand (the first toLocaleString of a page costs ~15 ms of ICU set-up).
export const grouped = (value) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export const counted = (value, noun) => `${grouped(value)} ${noun}${Math.round(value) === 1 ? '' : 's'}`;
