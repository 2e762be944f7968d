/**
 * `npm run codegen [-- --config other-codegen.ts]`: checks every operation against the schema,
 * reporting all problems with file:line:column, then generates the config's outputs in this
 * process (codegen/codegen-pipeline.ts) and lints the operations (warnings only).
 */
import path from 'node:path';
import { CodegenPipeline } from './codegen-pipeline.js';
import { formatDiagnostic } from './diagnostics.js';
import { formatWarning, runLint } from './lint/lint.js';
import { loadProjectConfig } from './project-config.js';

const configIndex = process.argv.indexOf('--config');
const project = await loadProjectConfig(configIndex > 0 ? process.argv[configIndex + 1] : undefined);

let pipeline: CodegenPipeline;
let result;
try {
  pipeline = new CodegenPipeline(project);
  result = await pipeline.tools();
} catch (error) {
  process.stderr.write(`codegen failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
if (!result.ok) {
  for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  process.stderr.write(`\ncodegen failed: ${result.diagnostics.length} problem(s) in ${project.operationsDir}/ or ${project.schemaFile}. Nothing was written.\n`);
  process.exit(1);
}

const written = await pipeline.write(result);
process.stderr.write(`codegen: wrote ${written.join(', ')}\n`);
for (const warning of result.warnings) process.stderr.write(`${formatWarning(warning)}\n`);

// Advice only (codegen/lint/lint.ts): warnings and the token table, never a failure.
await runLint({
  schema: result.schema,
  files: result.files,
  toolsModule: result.toolsFile,
  options: project.lint,
  configName: path.relative(process.cwd(), project.configFile),
});
