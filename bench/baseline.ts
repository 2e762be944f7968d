import { transpileToTmp } from './compile.js';

let compiled: string | undefined;

/** bench/baseline-server.ts as plain JS (transpiled once per run). */
export function compiledBaselineServer(): string {
  compiled ??= transpileToTmp('bench/baseline-server.ts');
  return compiled;
}
