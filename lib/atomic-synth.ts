import * as fs from 'node:fs';
import { App } from '../providers/cdktf';
import { withoutStackCapture } from './token-stack-traces';

/**
 * Synthesizes into a staging directory and swaps it into `outdir` only when synthesis succeeded, so a failed run
 * never leaves partial output or destroys the previous output. `verify` inspects the staged output and throws to
 * reject it. Error annotations fail the synth here even when
 * the cdktf CLI asked to continue past them.
 */
export function synthAtomically(outdir: string, define: (app: App) => void, verify?: (stagingDir: string) => void): void {
  const staging = `${outdir}.staging`;
  const previous = `${outdir}.previous`;
  fs.rmSync(staging, { recursive: true, force: true });
  delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  try {
    withoutStackCapture(() => {
      const app = new App({ outdir: staging, stackTraces: false });
      define(app);
      app.synth();
    });
    // Checks of the finished output (the policy pack) throw to keep it out of `outdir`.
    verify?.(staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
  if (fs.existsSync(outdir)) fs.renameSync(outdir, previous);
  fs.renameSync(staging, outdir);
  fs.rmSync(previous, { recursive: true, force: true });
}
