import type { CodegenTiming } from './codegen-time.js';
import type { ColdStartResult } from './cold-start.js';
import type { DevLoopTiming } from './dev-loop.js';
import type { LatencyResult } from './latency.js';

/** A GitHub-flavoured markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const numeric = headers.map((_, column) => rows.every((row) => /^[-~≈<>×.\d\s,%/()n/a]*$/.test(row[column] ?? '')));
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (numeric[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (value: number, base: number) => (Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(2)}×` : 'n/a');
const whole = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');

export function latencyTable(results: LatencyResult[], concurrency: number): string {
  const direct = results.find((result) => result.key === 'a')!;
  const handWritten = results.find((result) => result.key === 'd')!;
  return markdownTable(
    ['variant', 'p50 ms', 'p99 ms', 'p50 ÷ (a)', 'p50 ÷ (d)', `calls/s at ${concurrency} in flight`, 'calls/s ÷ (a)'],
    results.map((result) => [
      `(${result.key}) ${result.label}${result.error ? ` (not measured: ${result.error})` : ''}`,
      fixed(result.p50),
      fixed(result.p99),
      ratio(result.p50, direct.p50),
      ratio(result.p50, handWritten.p50),
      whole(result.throughput),
      ratio(result.throughput, direct.throughput),
    ]),
  );
}

export function coldStartTable(results: ColdStartResult[], baselineKey: string): string {
  const baseline = results.find((result) => result.key === baselineKey)!;
  return markdownTable(
    ['server', 'tools', 'spawn → initialize ms', 'first tools/list ms', 'spawn → tools/list ms', `÷ (${baselineKey})`, 'next tools/list ms'],
    results.map((result) => [
      result.label,
      whole(result.payload.tools),
      whole(result.initializeMs),
      whole(result.firstListMs),
      whole(result.totalMs),
      ratio(result.totalMs, baseline.totalMs),
      whole(result.againListMs),
    ]),
  );
}

export function footprintTable(results: ColdStartResult[]): string {
  return markdownTable(
    ['server', 'tools', 'RSS after start MiB', 'tools/list bytes', 'bytes per tool', '≈ tokens per tool', 'input / output schema / other'],
    results.map((result) => {
      const { payload } = result;
      const share = (value: number) => `${Math.round(value * 100)}%`;
      return [
        result.label,
        whole(payload.tools),
        fixed(result.rssMiB, 0),
        whole(payload.bytes),
        whole(payload.bytesPerTool),
        whole(payload.tokensPerTool),
        `${share(payload.share.input)} / ${share(payload.share.output)} / ${share(payload.share.rest)}`,
      ];
    }),
  );
}

export function codegenTable(results: CodegenTiming[]): string {
  const plain = results.find((result) => result.kind === 'plain')!;
  return markdownTable(
    ['codegen, 1,000 operations, GitHub schema', 'mean s', 'runs s', '÷ plain', 'warnings'],
    results.map((result) => [
      result.label,
      fixed(result.meanMs / 1000, 1),
      result.runsMs.map((ms) => (ms / 1000).toFixed(1)).join(', '),
      ratio(result.meanMs, plain.meanMs),
      String(result.warnings),
    ]),
  );
}

export function buildTable(rows: { label: string; codegenMs?: number; buildMs: number }[]): string {
  return markdownTable(
    ['snapshot', 'npm run codegen s', 'npm run build s'],
    rows.map((row) => [row.label, row.codegenMs === undefined ? '-' : fixed(row.codegenMs / 1000, 1), fixed(row.buildMs / 1000, 1)]),
  );
}

export interface Target {
  name: string;
  /** Measured ratio, or an absolute figure in `unit`. */
  value: number;
  limit: number;
  /** 'max': value must be <= limit; 'min': >= limit. */
  kind: 'max' | 'min';
  /** Printed after an absolute value (tokens, ms); without it the value is a ratio. */
  unit?: string;
}

export function targetsTable(targets: Target[]): string {
  return markdownTable(
    ['target', 'measured', 'met'],
    targets.map((target) => {
      const met = Number.isFinite(target.value) && (target.kind === 'max' ? target.value <= target.limit : target.value >= target.limit);
      const shown = target.unit === 's' ? `${target.value.toFixed(1)} s` : target.unit ? `${Math.round(target.value).toLocaleString('en-US')} ${target.unit}` : `${target.value.toFixed(2)}×`;
      return [target.name, Number.isFinite(target.value) ? shown : 'n/a', Number.isFinite(target.value) ? (met ? 'yes' : 'NO') : 'n/a'];
    }),
  );
}

export function devLoopTable(results: DevLoopTiming[]): string {
  return markdownTable(
    ['project', 'tools', 'spawn → initialize ms', 'save → list_changed median ms', 'each edit ms'],
    results.map((result) => [result.label, whole(result.tools), whole(result.initializeMs), whole(result.reloadMedianMs), result.reloadsMs.map(whole).join(', ')]),
  );
}
