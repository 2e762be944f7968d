import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot, scratchPath } from './paths.js';

const execFileAsync = promisify(execFile);

const PROJECT_FILES = ['package.json', 'tsconfig.json', 'codegen.ts', 'codegen', 'schema', 'operations', 'src', 'generated', 'scripts'];
const STAMP = '.bench-build.json';

/** Replaces the API of the snapshot: schema, operation files and codegen.ts. */
export interface ProjectSwap {
  schemaFile: string;
  /** Relative path under operations/ -> file text. */
  operations: Record<string, string>;
  codegenTs: string;
}

export interface TempProject {
  root: string;
  /** The built server entry. */
  entry: string;
  /** Wall time of `npm run codegen` and `npm run build` when the snapshot was built. */
  codegenMs?: number;
  buildMs: number;
  /** Reused from an earlier run: its sources and inputs had not changed. */
  cached: boolean;
}

/**
 * A snapshot of the project's sources under bench/.tmp/projects/<name>, built there with the
 * project's own npm scripts. Servers run from snapshots so that a concurrent `npm test` (which
 * rebuilds dist/) cannot swap a server out mid-run. A snapshot whose inputs are unchanged is
 * reused: building 1,000 tools takes minutes. node_modules is found by walking up.
 */
export async function buildTempProject(name: string, swap?: ProjectSwap): Promise<TempProject> {
  const root = path.join(scratchPath('projects'), name);
  const key = inputKey(swap);
  const stampFile = path.join(root, STAMP);
  if (existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { key: string; codegenMs?: number; buildMs: number };
    if (stamp.key === key) return { root, entry: path.join(root, 'dist/src/main.js'), codegenMs: stamp.codegenMs, buildMs: stamp.buildMs, cached: true };
  }
  rmSync(root, { recursive: true, force: true });
  for (const entry of PROJECT_FILES) cpSync(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  let codegenMs: number | undefined;
  if (swap) {
    cpSync(swap.schemaFile, path.join(root, 'schema/schema.graphql'));
    rmSync(path.join(root, 'operations'), { recursive: true, force: true });
    for (const [file, text] of Object.entries(swap.operations)) {
      mkdirSync(path.dirname(path.join(root, 'operations', file)), { recursive: true });
      writeFileSync(path.join(root, 'operations', file), text);
    }
    writeFileSync(path.join(root, 'codegen.ts'), swap.codegenTs);
    codegenMs = await npm(root, 'codegen');
  }
  const buildMs = await npm(root, 'build');
  writeFileSync(stampFile, JSON.stringify({ key, codegenMs, buildMs }));
  return { root, entry: path.join(root, 'dist/src/main.js'), codegenMs, buildMs, cached: false };
}

/** Everything the snapshot is built from: the project's sources, the swapped-in API, Node's version. */
function inputKey(swap: ProjectSwap | undefined): string {
  const hash = createHash('sha256').update(process.version);
  for (const entry of PROJECT_FILES) {
    for (const file of filesUnder(path.join(projectRoot, entry))) hash.update(path.relative(projectRoot, file)).update(readFileSync(file));
  }
  if (swap) {
    hash.update(readFileSync(swap.schemaFile)).update(swap.codegenTs);
    for (const [file, text] of Object.entries(swap.operations).sort(([a], [b]) => a.localeCompare(b))) hash.update(file).update(text);
  }
  return hash.digest('hex');
}

function filesUnder(entry: string): string[] {
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry, { recursive: true, encoding: 'utf8' })
    .map((relative) => path.join(entry, relative))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/** Runs an npm script in a snapshot; resolves with its wall time in ms. */
export const timeNpmScript = (cwd: string, script: string): Promise<number> => npm(cwd, script);

async function npm(cwd: string, script: string): Promise<number> {
  const started = performance.now();
  try {
    await execFileAsync('npm', ['run', '--silent', script], { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`npm run ${script} failed in ${cwd}: ${failed.message}\n${(failed.stderr ?? '').slice(-4000)}`);
  }
  return performance.now() - started;
}
