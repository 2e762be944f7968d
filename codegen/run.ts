/**
 * `npm run codegen [-- --config other-codegen.ts]`: checks every operation against the schema,
 * reporting all problems with file:line:column, then runs GraphQL Code Generator with the config
 * (codegen.ts by default), then lints the operations (warnings only).
 */
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { formatDiagnostic } from './diagnostics.js';
import { runLint } from './lint/lint.js';
import { resolveLintOptions } from './lint/lint-options.js';
import { withToolTokenBudget } from './make-config.js';
import { loadAndCheckOperations } from './load-operations.js';
import { loadProjectConfig } from './project-config.js';
import { writeToolList } from './plugin/write-tool-list.js';

const configIndex = process.argv.indexOf('--config');
const { configFile, codegen: config, schemaFile, operationsDir, lint } = await loadProjectConfig(
  configIndex > 0 ? process.argv[configIndex + 1] : undefined,
);

const { schema, files, diagnostics } = loadAndCheckOperations(schemaFile, operationsDir);
if (diagnostics.length > 0) {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  process.stderr.write(`\ncodegen failed: ${diagnostics.length} problem(s) in ${operationsDir}/ or ${schemaFile}. Nothing was written.\n`);
  process.exit(1);
}

let written: string[];
try {
  const outputs = await generate(withToolTokenBudget(config, resolveLintOptions(lint, path.basename(configFile), () => {})?.toolTokenBudget), true);
  written = outputs.map((output: { filename: string }) => output.filename);
  // The tools/list entries, precomputed from the tools just written (one tools.ts per output folder).
  for (const toolsModule of written.filter((file) => path.basename(file) === 'tools.ts')) written.push(await writeToolList(toolsModule));
  process.stderr.write(`codegen: wrote ${written.join(', ')}\n`);
} catch (error) {
  process.stderr.write(`codegen failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// Advice only (codegen/lint/lint.ts): warnings and the token table, never a failure.
await runLint({
  schema: schema!,
  files,
  toolsModule: written.find((file) => path.basename(file) === 'tools.ts'),
  options: lint,
  configName: path.relative(process.cwd(), configFile),
});
