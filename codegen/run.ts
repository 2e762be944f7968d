/**
 * `npm run codegen [-- --config other-codegen.ts]`: checks every operation against the schema,
 * reporting all problems with file:line:column, then runs GraphQL Code Generator with the config
 * (codegen.ts by default).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { formatDiagnostic } from './diagnostics.js';
import { loadAndCheckOperations } from './load-operations.js';

const configIndex = process.argv.indexOf('--config');
const configFile = path.resolve(configIndex > 0 ? process.argv[configIndex + 1] : 'codegen.ts');
const config = ((await import(pathToFileURL(configFile).href)) as { default: CodegenConfig }).default;

const schemaFile = String(config.schema);
const operationsDir = String(config.documents).split('/**')[0];

const { diagnostics } = loadAndCheckOperations(schemaFile, operationsDir);
if (diagnostics.length > 0) {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  process.stderr.write(`\ncodegen failed: ${diagnostics.length} problem(s) in ${operationsDir}/ or ${schemaFile}. Nothing was written.\n`);
  process.exit(1);
}

try {
  const outputs = await generate(config, true);
  process.stderr.write(`codegen: wrote ${outputs.map((output: { filename: string }) => output.filename).join(', ')}\n`);
} catch (error) {
  process.stderr.write(`codegen failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
