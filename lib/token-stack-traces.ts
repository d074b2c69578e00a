/**
 * cdktf captures a full-depth stack trace for every token it creates (`creationStack`, read only to explain a token
 * that later fails to resolve). Two costs, two switches, both off with DEBUG=1:
 * - formatting: V8 formats every frame of each capture to text (about a tenth of a synth). `skipTokenCreationTraces`
 *   gives the plain-object captures an empty text; real errors keep V8's format.
 * - capturing: V8 still walks the whole stack for each capture, because cdktf raises `Error.stackTraceLimit` to
 *   `MAX_SAFE_INTEGER` around it (about a tenth of a 100-spoke synth). `withoutStackCapture` runs a synth with the
 *   limit read-only, which V8 takes as "capture nothing"; errors thrown inside carry their message only.
 */
export function skipTokenCreationTraces(): void {
  if (process.env.DEBUG) return;
  // Typed as always set, but undefined until someone installs a formatter (V8 then formats itself).
  const formatError = Error.prepareStackTrace as typeof Error.prepareStackTrace | undefined;
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    if (formatError) return formatError(error, frames) as unknown;
    return [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${String(frame)}`)].join('\n');
  };
}

/**
 * Runs `work` with stack capture off: `Error.stackTraceLimit` becomes an accessor (V8 reads the limit as a data
 * property only, so it captures no frames) whose setter ignores cdktf's raise. The limit is restored afterwards, also
 * when `work` throws.
 */
export function withoutStackCapture<T>(work: () => T): T {
  if (process.env.DEBUG) return work();
  const original = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  const limit: unknown = Error.stackTraceLimit;
  Object.defineProperty(Error, 'stackTraceLimit', {
    configurable: true,
    enumerable: original?.enumerable ?? true,
    get: () => limit,
    set: () => undefined,
  });
  try {
    return work();
  } finally {
    if (original) Object.defineProperty(Error, 'stackTraceLimit', original);
    else delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
  }
}
