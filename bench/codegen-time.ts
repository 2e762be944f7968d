import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeCodegenConfig, type CodegenKind } from './codegen-configs.js';
import { projectRoot, tsxCli } from './paths.js';
import { rotate } from './stats.js';

const execFileAsync = promisify(execFile);

export interface CodegenTiming {
  kind: CodegenKind;
  label: string;
  /** Mean wall time over the rounds, ms. */
  meanMs: number;
  runsMs: number[];
  /** `warning:` lines printed by the last run (e.g. unmapped scalars, lint advice). */
  warnings: number;
}

const LABELS: Record<CodegenKind, string> = {
  plain: 'plain: typescript-operations + typed-document-node',
  ours: 'ours: npm run codegen (checks, typed documents, tools, lint)',
  'ours-no-lint': 'ours without the lint (`export const lint = false`)',
};

/**
 * Times codegen for the same operations and schema, each kind a fresh process, interleaved over
 * rounds. Ours runs the real CLI (codegen/run.ts); plain runs generate() alone (bench/plain-codegen.ts).
 */
export async function measureCodegen(input: { schema: string; operations: string }, rounds: number, log: (line: string) => void): Promise<CodegenTiming[]> {
  const kinds: CodegenKind[] = ['plain', 'ours', 'ours-no-lint'];
  const configs = new Map(kinds.map((kind) => [kind, writeCodegenConfig(kind, input).configFile]));
  const runs = new Map(kinds.map((kind) => [kind, [] as number[]]));
  const warnings = new Map<CodegenKind, number>();
  for (let round = 0; round < rounds; round++) {
    for (const kind of rotate(kinds, round)) {
      const script = kind === 'plain' ? 'bench/plain-codegen.ts' : 'codegen/run.ts';
      const started = performance.now();
      let stderr: string;
      try {
        ({ stderr } = await execFileAsync(process.execPath, [tsxCli, script, '--config', configs.get(kind)!], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 }));
      } catch (error) {
        throw new Error(`codegen (${kind}) failed: ${((error as { stderr?: string }).stderr ?? (error as Error).message).slice(0, 4000)}`);
      }
      runs.get(kind)!.push(performance.now() - started);
      warnings.set(kind, stderr.split('\n').filter((line) => /(^|: )warning: /.test(line)).length);
    }
    log(`  round ${round + 1}/${rounds} done`);
  }
  return kinds.map((kind) => {
    const times = runs.get(kind)!;
    return { kind, label: LABELS[kind], meanMs: times.reduce((sum, ms) => sum + ms, 0) / times.length, runsMs: times, warnings: warnings.get(kind) ?? 0 };
  });
}
