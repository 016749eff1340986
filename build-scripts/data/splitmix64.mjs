// SplitMix64 (Steele, Lea and Flood, 2014; the seeding generator of xoshiro): a small seeded
// generator for the build's data steps, so a shuffled split is the same bytes on every build and
// every machine. 64-bit state in a BigInt: slower than a 32-bit generator, but a data step draws
// only a few thousand numbers.
const MASK = (1n << 64n) - 1n;

export class SplitMix64 {
  constructor(seed) {
    this.state = BigInt(seed) & MASK;
  }

  // The next 64-bit output, as a BigInt.
  next() {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  }

  // An integer in [0, n), n ≤ 2^32 (modulo bias below n / 2^64: none that shows).
  below(n) {
    return Number(this.next() % BigInt(n));
  }

  // Shuffles `array` in place (Fisher–Yates) and returns it.
  shuffle(array) {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [array[i], array[j]] = [array[j], array[i]];
    }
    return array;
  }
}
