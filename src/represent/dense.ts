/**
 * Dot products of many rows with many centres at once — the hot loops of theme finding — by the
 * WebAssembly SIMD kernel of dense.wat, or, where the engine has no SIMD, by plain-JS twins that
 * give the same bits: results do not depend on the machine or on which of the two ran.
 *
 * - DenseRows: the semantic parts, summed in four single-precision lanes (`denseDot`);
 * - SparseRows: the lexical parts, in double precision, each sum in the order of the row's terms.
 */
import { DENSE_KERNEL } from './dense-kernel.js';

const PAGE = 65536;
/**
 * Rows per kernel call. V8 first runs WebAssembly in its baseline compiler and switches to the
 * optimised code only between calls; short calls let it switch within the first pass.
 */
const ROWS_PER_CALL = 256;

const kernel: WebAssembly.Module | undefined = (() => {
  const bytes = Buffer.from(DENSE_KERNEL, 'base64');
  return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : undefined;
})();

interface Kernel {
  memory: WebAssembly.Memory;
  dots: (x: number, n: number, centres: number, k: number, dim: number, out: number) => void;
  sparse: (offsets: number, positions: number, values: number, n: number, t: number, k: number, out: number) => void;
}

/** Grows a kernel's memory to hold `bytes`. */
function reserve(kernel: Kernel, bytes: number): void {
  const missing = bytes - kernel.memory.buffer.byteLength;
  if (missing > 0) kernel.memory.grow(Math.ceil(missing / PAGE));
}

/** The dense dot product as the kernel computes it: lane j sums dimensions d ≡ j (mod 4), then (l0 + l1) + (l2 + l3), all in single precision. */
export function denseDot(a: Float32Array, b: Float32Array): number {
  const f = Math.fround;
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  for (let d = 0; d < a.length; d += 4) {
    l0 = f(l0 + f((a[d] as number) * (b[d] as number)));
    l1 = f(l1 + f((a[d + 1] as number) * (b[d + 1] as number)));
    l2 = f(l2 + f((a[d + 2] as number) * (b[d + 2] as number)));
    l3 = f(l3 + f((a[d + 3] as number) * (b[d + 3] as number)));
  }
  return f(f(l0 + l1) + f(l2 + l3));
}

/** Rows of the same length (a multiple of 4), held once, to be multiplied with many sets of centres. */
export class DenseRows {
  readonly n: number;
  readonly dim: number;
  private readonly rows: readonly Float32Array[];
  private readonly kernel: Kernel | undefined;

  /** `simd: false` uses the plain-JS twin (for tests; the result is the same). */
  constructor(rows: readonly Float32Array[], dim: number, options: { simd?: boolean } = {}) {
    if (dim % 4 !== 0) throw new Error(`dense rows need a length that is a multiple of 4, not ${dim}`);
    this.n = rows.length;
    this.dim = dim;
    this.rows = rows;
    if (kernel && options.simd !== false) {
      const instance = new WebAssembly.Instance(kernel);
      this.kernel = instance.exports as unknown as Kernel;
      this.reserve(this.n * dim * 4);
      const x = new Float32Array(this.kernel.memory.buffer, 0, this.n * dim);
      rows.forEach((r, i) => x.set(r, i * dim));
    }
  }

  /** Every row's dot product with every centre, row-major (n × centres); the array is only valid until the next call. */
  dots(centres: readonly Float32Array[]): Float32Array {
    const { n, dim } = this;
    const k = centres.length;
    if (!this.kernel) {
      const out = new Float32Array(n * k);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < k; c++) out[i * k + c] = denseDot(this.rows[i] as Float32Array, centres[c] as Float32Array);
      return out;
    }
    const xBytes = n * dim * 4;
    const outAt = xBytes + k * dim * 4;
    this.reserve(outAt + n * k * 4);
    const memory = this.kernel.memory.buffer;
    const at = new Float32Array(memory, xBytes, k * dim);
    centres.forEach((c, j) => at.set(c, j * dim));
    for (let first = 0; first < n; first += ROWS_PER_CALL) {
      this.kernel.dots(first * dim * 4, Math.min(ROWS_PER_CALL, n - first), xBytes, k, dim, outAt + first * k * 4);
    }
    return new Float32Array(memory, outAt, n * k);
  }

  private reserve(bytes: number): void {
    reserve(this.kernel as Kernel, bytes);
  }
}

/**
 * Sparse rows in CSR form — row i's terms are positions/values[offsets[i] .. offsets[i+1]) — held
 * once, to be multiplied with many sets of centres given over the same positions.
 */
export class SparseRows {
  readonly n: number;
  /** Number of positions a centre has. */
  readonly width: number;
  private readonly offsets: Int32Array;
  private readonly positions: Int32Array;
  private readonly values: Float32Array;
  private readonly kernel: Kernel | undefined;
  /** Where the transposed centres start in the kernel's memory (8-byte aligned). */
  private readonly tAt: number;

  /** `simd: false` uses the plain-JS twin (for tests; the result is the same). */
  constructor(
    offsets: Int32Array,
    positions: Int32Array,
    values: Float32Array,
    width: number,
    options: { simd?: boolean } = {},
  ) {
    this.n = offsets.length - 1;
    this.width = width;
    this.offsets = offsets;
    this.positions = positions;
    this.values = values;
    const nnz = positions.length;
    this.tAt = Math.ceil((offsets.length + 2 * nnz) / 2) * 8;
    if (kernel && options.simd !== false) {
      this.kernel = new WebAssembly.Instance(kernel).exports as unknown as Kernel;
      reserve(this.kernel, this.tAt);
      const memory = this.kernel.memory.buffer;
      new Int32Array(memory, 0, offsets.length).set(offsets);
      new Int32Array(memory, offsets.length * 4, nnz).set(positions);
      new Float32Array(memory, (offsets.length + nnz) * 4, nnz).set(values);
    }
  }

  /**
   * Every row's dot product with every centre, row-major (n × k), in double precision; `fill`
   * writes the centres transposed (position p, centre c at [p·k + c]). The result is only valid
   * until the next call.
   */
  dots(k: number, fill: (t: Float64Array) => void): Float64Array {
    const { n, width } = this;
    if (!this.kernel) {
      const t = new Float64Array(width * k);
      fill(t);
      const out = new Float64Array(n * k);
      for (let i = 0; i < n; i++) {
        const row = i * k;
        for (let j = this.offsets[i] as number; j < (this.offsets[i + 1] as number); j++) {
          const value = this.values[j] as number;
          const at = (this.positions[j] as number) * k;
          for (let c = 0; c < k; c++) out[row + c] = (out[row + c] as number) + value * (t[at + c] as number);
        }
      }
      return out;
    }
    const outAt = this.tAt + width * k * 8;
    reserve(this.kernel, outAt + n * k * 8);
    const memory = this.kernel.memory.buffer;
    fill(new Float64Array(memory, this.tAt, width * k));
    const nnz = this.positions.length;
    this.kernel.sparse(0, this.offsets.length * 4, (this.offsets.length + nnz) * 4, n, this.tAt, k, outAt);
    return new Float64Array(memory, outAt, n * k);
  }
}
