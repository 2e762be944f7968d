import { cpSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.js';
import { run, scratchDir, type CommandResult } from './generate-tools.js';

const PROJECT_FILES = ['package.json', 'tsconfig.json', 'codegen.ts', 'codegen', 'schema', 'operations', 'src', 'generated', 'scripts'];

/**
 * A copy of the project's sources in a scratch folder under test/.tmp, where a test may add or
 * break operation files and run the real npm scripts. node_modules is found by walking up.
 */
export function createTempProject() {
  const root = scratchDir('project');
  for (const entry of PROJECT_FILES) cpSync(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  const npm = (script: string): Promise<CommandResult> => run('npm', ['run', '--silent', script], { cwd: root });
  return {
    root,
    file: (relative: string) => path.join(root, relative),
    write(relative: string, content: string) {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), content);
    },
    read: (relative: string) => readFileSync(path.join(root, relative), 'utf8'),
    codegen: () => npm('codegen'),
    build: () => npm('build'),
    /** tsc over src/ and generated/: each tool's input schema against its Variables type. */
    typecheck: () => run(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: root }),
  };
}
