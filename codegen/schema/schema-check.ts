/**
 * `npm run check`: what a new schema (file or live API) would do to the tools, compared with the
 * committed schema. Exit 0 when no tool breaks, 1 when one does, 2 when the check cannot run.
 */
import { formatDiagnostic, relativeToProject } from '../diagnostics.js';
import { UsageError, parseCommandLine, runCommand } from '../cli.js';
import { introspectionTarget } from './endpoint-config.js';
import { formatImpactReport, impactReportJson } from './impact-report.js';
import { introspectSchema } from './introspect-schema.js';
import { loadAndCheckOperations } from '../load-operations.js';
import { loadProjectConfig } from '../project-config.js';
import { assertValid, readSchemaFile } from './schema-file.js';
import { toolImpact } from './tool-impact.js';

const USAGE = `Usage: npm run check -- [--schema <new.graphql> | --endpoint <url>] [--json] [--old <schema.graphql>] [--config <codegen.ts>]

Compares the committed schema (the one codegen.ts names) with a new one: an SDL file, a live API
(--endpoint, else GRAPHQL_ENDPOINT; API_KEY is sent as a bearer key), and reports for each tool the
breaking and dangerous changes it uses and where its operation stops validating.
--json prints the report as JSON. Exit code: 0 no tool breaks, 1 a tool breaks, 2 the check could not run.`;

await runCommand(
  USAGE,
  async () => {
    const { values } = parseCommandLine(process.argv.slice(2), {
      schema: { type: 'string' },
      endpoint: { type: 'string' },
      old: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.schema !== undefined && values.endpoint !== undefined) throw new UsageError('pass either --schema or --endpoint, not both');

    const project = await loadProjectConfig(values.config);
    const oldFile = values.old ?? project.schemaFile;
    const oldSchema = readSchemaFile(oldFile);
    const { schema: newSchema, label: newLabel } = await newSchemaFrom(values.schema, values.endpoint);

    const operations = loadAndCheckOperations(oldFile, project.operationsDir);
    if (operations.diagnostics.length > 0) {
      throw new Error(
        `${operations.diagnostics.map(formatDiagnostic).join('\n')}\n\n` +
          `check compares tools that work today: fix the problems above against ${relativeToProject(oldFile)} first (npm run codegen reports the same).`,
      );
    }

    const report = toolImpact(oldSchema, newSchema, operations.files);
    const header = { oldSchema: relativeToProject(oldFile), newSchema: newLabel };
    process.stdout.write(values.json ? impactReportJson(report, header) : formatImpactReport(report, header));
    return report.breaks ? 1 : 0;
  },
  2,
);

async function newSchemaFrom(schemaFile: string | undefined, endpointFlag: string | undefined) {
  if (schemaFile !== undefined) return { schema: readSchemaFile(schemaFile), label: relativeToProject(schemaFile) };
  const target = introspectionTarget(endpointFlag);
  if (!target) {
    throw new UsageError('no new schema to compare with: pass --schema <file> or --endpoint <url>, or set GRAPHQL_ENDPOINT (and API_KEY)');
  }
  let schema;
  try {
    schema = await introspectSchema(target);
  } catch (error) {
    throw new Error(`could not fetch the new schema: ${(error as Error).message}`);
  }
  assertValid(schema, target.endpoint);
  return { schema, label: target.endpoint };
}
