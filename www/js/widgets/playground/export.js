// <descent-playground>'s export: the run as JSON and the plot as PNG, files made in the page (no
// network). Methods of DescentPlayground (installed on its prototype by element.js).

export const EXPORT = {
  download(name, blob) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  },

  exportJson() {
    if (!this.frame) return;
    const { frame } = this;
    const data = {
      settings: this.config,
      layerWidths: Array.from(this.layout.layerWidths),
      epoch: frame.epoch,
      parameters: Array.from(frame.parameters),
      history: {
        trainLoss: Array.from(frame.trainLoss),
        testLoss: Array.from(frame.testLoss),
        trainAccuracy: Array.from(frame.trainAccuracy),
        testAccuracy: Array.from(frame.testAccuracy),
      },
      accuracy: frame.accuracy,
    };
    this.download('playground.json', new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' }));
  },

  exportPng() {
    this.parts.plot.toBlob((blob) => blob && this.download('playground.png', blob), 'image/png');
  },
};
