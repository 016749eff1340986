// A field of resolution × resolution cells (row-major from the top row) painted into an offscreen
// canvas, then scaled smoothly onto an area of the plot: decision regions and unit pictures.
// colorOf(i) → [r, g, b] of cell i.
export function paintCells(context, area, resolution, colorOf) {
  const cells = document.createElement('canvas');
  cells.width = resolution;
  cells.height = resolution;
  const cellContext = cells.getContext('2d');
  const image = cellContext.createImageData(resolution, resolution);
  for (let i = 0; i < resolution * resolution; i++) {
    const [r, g, b] = colorOf(i);
    image.data[i * 4] = r;
    image.data[i * 4 + 1] = g;
    image.data[i * 4 + 2] = b;
    image.data[i * 4 + 3] = 255;
  }
  cellContext.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(cells, area.left, area.top, area.width, area.height);
}
