import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot, scratchPath } from './paths.js';

/**
 * Transpiles one self-contained bench/*.ts file to bench/.tmp/<name>.mjs, so it runs under plain
 * node (Node 20 cannot run TypeScript; a loader like tsx would add its own start-up time).
 */
export function transpileToTmp(file: string): string {
  const source = readFileSync(path.join(projectRoot, file), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: file,
  });
  const output = path.join(scratchPath('compiled'), `${path.basename(file, '.ts')}.mjs`);
  writeFileSync(output, outputText);
  return output;
}
