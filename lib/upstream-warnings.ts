/**
 * Warnings the landing zone's users cannot act on. cdktf 0.21 (the final release) tests outputs with `util.isArray`,
 * which Node.js 22 and later deprecate at run time (DEP0044): every synth would print a DeprecationWarning that
 * points at no code of this project. Only those codes are dropped; every other warning is printed as before.
 */
const UPSTREAM_DEPRECATIONS: ReadonlySet<string> = new Set(['DEP0044']);

/** Installs the filter (idempotent); CLIs that synthesize call it first. */
export function quietUpstreamDeprecations(): void {
  if ((process.emitWarning as { quietUpstream?: boolean }).quietUpstream) return;
  const emit = process.emitWarning.bind(process);
  const filtered = (warning: string | Error, ...rest: unknown[]): void => {
    const [typeOrOptions, code] = rest;
    const warningCode =
      typeof typeOrOptions === 'object' && typeOrOptions !== null ? (typeOrOptions as { code?: unknown }).code : warning instanceof Error ? (warning as { code?: unknown }).code : code;
    if (typeof warningCode === 'string' && UPSTREAM_DEPRECATIONS.has(warningCode)) return;
    (emit as (...args: unknown[]) => void)(warning, ...rest);
  };
  process.emitWarning = Object.assign(filtered, { quietUpstream: true });
}
