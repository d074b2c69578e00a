/**
 * cdktf captures a full-depth stack trace for every token it creates (`creationStack`, read only to explain a token
 * that later fails to resolve) and V8 formats every frame of each to text: measured as about a tenth of a synth.
 * Those captures are plain objects, never errors, so they get an empty trace; real errors keep V8's format (or the
 * formatter installed before, e.g. a source-map one). DEBUG=1 keeps token traces.
 */
export function skipTokenCreationTraces(): void {
  if (process.env.DEBUG) return;
  const formatError = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    if (formatError) return formatError(error, frames) as unknown;
    return [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${String(frame)}`)].join('\n');
  };
}
