/**
 * `npm run codegen`: checks every operation against the schema, reporting all problems with
 * file:line:column, then runs GraphQL Code Generator with the config in codegen.ts.
 */
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';
import { formatDiagnostic } from './diagnostics.js';
import { loadAndCheckOperations } from './load-operations.js';

const schemaFile = String(config.schema);
const operationsDir = String(config.documents).split('/**')[0];

const { diagnostics } = loadAndCheckOperations(schemaFile, operationsDir);
if (diagnostics.length > 0) {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  process.stderr.write(`\ncodegen failed: ${diagnostics.length} problem(s) in ${operationsDir}/ or ${schemaFile}. Nothing was written.\n`);
  process.exit(1);
}

try {
  const outputs = await generate({ ...config, silent: true, errorsOnly: true }, true);
  process.stderr.write(`codegen: wrote ${outputs.map((output) => output.filename).join(', ')}\n`);
} catch (error) {
  process.stderr.write(`codegen failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
