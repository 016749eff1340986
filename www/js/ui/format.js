// Number formatting for readouts: fixed decimals for ordinary magnitudes,
// scientific notation for tiny or huge ones.
export function formatNumber(value, digits = 3) {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return value.toExponential(digits - 1);
  return value.toFixed(digits);
}

export function formatPoint(values, digits = 3) {
  return values.length === 1
    ? formatNumber(values[0], digits)
    : `(${values.map((v) => formatNumber(v, digits)).join(', ')})`;
}

// Learning rates and hyper-parameters: up to 4 significant digits, no trailing zeros.
export function formatSetting(value) {
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toPrecision(4)).toString();
}

// Whole counts with thousands separators: 44426 → "44,426". Not toLocaleString: its first call
// loads the ICU number formatter, which blocked the page for 50–75 ms in Chromium.
export function formatCount(value) {
  const digits = String(Math.round(Math.abs(value)));
  return (value < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}
