import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ScalarMapping } from '../../codegen/make-config.js';
import { projectRoot } from './paths.js';

const execFileAsync = promisify(execFile);

/** A fresh folder inside the project (so generated code resolves zod and the SDK from node_modules). */
export function scratchDir(prefix: string): string {
  const base = path.join(projectRoot, 'test/.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `${prefix}-`));
}

export interface CommandResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, capturing its output whether it succeeds or fails. */
export async function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd: options.cwd ?? projectRoot, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Runs `npm run codegen` (codegen/run.ts under tsx, as a developer would) with a config for these inputs. */
export async function generateTools(options: { schema: string; operations: string; scalars?: Record<string, ScalarMapping> }) {
  const outputDir = scratchDir('generated');
  const configFile = path.join(outputDir, 'codegen.config.ts');
  writeFileSync(
    configFile,
    [
      `import { makeCodegenConfig } from ${JSON.stringify(path.join(projectRoot, 'codegen/make-config.ts'))};`,
      `export default makeCodegenConfig(${JSON.stringify({ ...options, outputDir })});`,
    ].join('\n'),
  );
  const result = await run(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'codegen/run.ts', '--config', configFile]);
  const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: '));
  return { ...result, outputDir, warnings, toolsFile: path.join(outputDir, 'tools.ts') };
}

/** Type-checks a generated folder with the project's compiler settings. */
export async function typeCheck(dir: string): Promise<CommandResult> {
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({ extends: path.join(projectRoot, 'tsconfig.json'), compilerOptions: { noEmit: true, rootDir: projectRoot }, include: ['*.ts'], exclude: ['codegen.config.ts'] }),
  );
  return run(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', tsconfig]);
}
