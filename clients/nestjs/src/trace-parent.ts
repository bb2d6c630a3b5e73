import { randomBytes } from 'node:crypto';

const HEX = /^[0-9a-f]+$/;
const ZERO = /^0+$/;

/**
 * A W3C Trace Context `traceparent` (`version-traceid-parentid-flags`), parsed by the same rules as the
 * pipeline's Java parser: an invalid header starts a new trace instead of failing the request.
 */
export class TraceParent {
  static readonly HEADER = 'traceparent';

  private constructor(
    readonly traceId: string,
    readonly spanId: string,
    readonly sampled: boolean,
  ) {}

  /** The header's context, or undefined when it is not a valid traceparent. */
  static parse(header: string | undefined | null): TraceParent | undefined {
    if (header == null) return undefined;
    const h = header.trim();
    if (h.length < 55) return undefined;
    const version = h.slice(0, 2);
    if (!HEX.test(version) || version === 'ff') return undefined;
    if (h[2] !== '-' || h[35] !== '-' || h[52] !== '-') return undefined;
    if (version === '00' && h.length !== 55) return undefined;
    if (version !== '00' && h.length > 55 && h[55] !== '-') return undefined;
    const trace = h.slice(3, 35);
    const span = h.slice(36, 52);
    const flags = h.slice(53, 55);
    if (!isTraceId(trace) || !isSpanId(span) || !HEX.test(flags)) return undefined;
    return new TraceParent(trace, span, (parseInt(flags, 16) & 1) === 1);
  }

  static newRoot(): TraceParent {
    return new TraceParent(randomHex(16), randomHex(8), true);
  }

  /** The same trace, a new span of this service (or of the call it sends downstream). */
  child(): TraceParent {
    return new TraceParent(this.traceId, randomHex(8), this.sampled);
  }

  header(): string {
    return `00-${this.traceId}-${this.spanId}-${this.sampled ? '01' : '00'}`;
  }

  toString(): string {
    return this.header();
  }
}

/** 32 lower-case hex characters, not all zero. */
export function isTraceId(s: string | undefined): s is string {
  return s !== undefined && s.length === 32 && HEX.test(s) && !ZERO.test(s);
}

/** 16 lower-case hex characters, not all zero. */
export function isSpanId(s: string | undefined): s is string {
  return s !== undefined && s.length === 16 && HEX.test(s) && !ZERO.test(s);
}

// IDs come from a pool of random bytes refilled 4 KiB at a time: one syscall per few hundred requests.
let pool: Buffer = Buffer.alloc(0);
let offset = 0;

function randomHex(bytes: number): string {
  for (;;) {
    if (offset + bytes > pool.length) {
      pool = randomBytes(4096);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, offset + bytes);
    offset += bytes;
    if (!ZERO.test(hex)) return hex;
  }
}
