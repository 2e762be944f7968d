import { transpileToTmp } from './compile.js';

let compiled: string | undefined;
let compiledFloor: string | undefined;

/** bench/baseline-server.ts as plain JS (transpiled once per run). */
export function compiledBaselineServer(): string {
  compiled ??= transpileToTmp('bench/baseline-server.ts');
  return compiled;
}

/** bench/floor-http-server.ts as plain JS (transpiled once per run). */
export function compiledFloorHttpServer(): string {
  compiledFloor ??= transpileToTmp('bench/floor-http-server.ts');
  return compiledFloor;
}
