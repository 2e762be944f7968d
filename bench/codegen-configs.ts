import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, scratchPath } from './paths.js';

export type CodegenKind = 'ours' | 'ours-no-lint' | 'plain';

/**
 * Writes a codegen config file for GitHub's schema and the generated operations:
 * ours (makeCodegenConfig: typed documents + MCP tools, lint as shipped), ours without the lint,
 * or plain (only typescript-operations + typed-document-node, with the same settings).
 */
export function writeCodegenConfig(kind: CodegenKind, input: { schema: string; operations: string }): { configFile: string; outputDir: string } {
  const dir = scratchPath(`codegen-${kind}`);
  const outputDir = path.join(dir, 'generated');
  const configFile = path.join(dir, 'codegen.config.ts');
  const options = JSON.stringify({ ...input, outputDir });
  const imports = [
    `import { makeCodegenConfig } from ${JSON.stringify(path.join(projectRoot, 'codegen/make-config.ts'))};`,
    `import { GITHUB_SCALARS } from ${JSON.stringify(path.join(projectRoot, 'bench/github-scalars.ts'))};`,
  ];
  const lines =
    kind === 'plain'
      ? [
          ...imports,
          `const full = makeCodegenConfig({ ...${options}, scalars: GITHUB_SCALARS });`,
          '// Only the typed-documents output: what GraphQL Code Generator alone would produce.',
          'const generates = Object.fromEntries(Object.entries(full.generates).filter(([file]) => file.endsWith("graphql.ts")));',
          'export default { ...full, generates };',
          'export const lint = false;',
        ]
      : [...imports, `export default makeCodegenConfig({ ...${options}, scalars: GITHUB_SCALARS });`, ...(kind === 'ours-no-lint' ? ['export const lint = false;'] : [])];
  writeFileSync(configFile, `${lines.join('\n')}\n`);
  return { configFile, outputDir };
}
