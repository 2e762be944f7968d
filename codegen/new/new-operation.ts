/**
 * `npm run new -- Query.repository` (or `Mutation.addComment`): writes a first operation file for
 * one root field of the schema, commented, that passes codegen as it is (codegen/new/operation-template.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GraphQLObjectType } from 'graphql';
import { UsageError, parseCommandLine, runCommand } from '../cli.js';
import { formatDiagnostic, relativeToProject } from '../diagnostics.js';
import { resolveLintOptions } from '../lint/lint-options.js';
import { toolNameFor } from '../plugin/tool-name.js';
import { loadProjectConfig } from '../project-config.js';
import { loadSchemaFile } from '../schema/schema-source.js';
import { operationTemplate } from './operation-template.js';

const USAGE = `Usage: npm run new -- <Query.field | Mutation.field> [--out <file>] [--force] [--page-size <n>] [--config <codegen.ts>]

Writes operations/<field>.graphql for one root field of the schema: a description and a variable
per argument from the schema, a default page size for lists and connections, and a selection of
scalar fields to trim. Then: edit it, npm run codegen. Exit code: 0 written, 1 not written, 2 usage error.`;

await runCommand(
  USAGE,
  async () => {
    const { values, positionals } = parseCommandLinePositional(process.argv.slice(2));
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('name one root field, e.g. npm run new -- Query.repository');
    const [typeName, fieldName, ...rest] = positionals[0].split('.');
    if (!fieldName || rest.length > 0) throw new UsageError(`"${positionals[0]}" is not Type.field, e.g. Query.repository or Mutation.addComment`);
    const pageSize = values['page-size'] === undefined ? 10 : Number(values['page-size']);
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new UsageError(`--page-size must be a whole number above 0, got ${values['page-size']}`);

    const project = await loadProjectConfig(values.config);
    const { schema, diagnostics } = loadSchemaFile(project.schemaFile);
    if (!schema) throw new Error(`${diagnostics.map(formatDiagnostic).join('\n')}\nfix the schema first: nothing was written`);
    const roots = [schema.getQueryType(), schema.getMutationType()].filter((type): type is GraphQLObjectType => !!type);
    const aliases: Record<string, GraphQLObjectType | undefined> = { Query: schema.getQueryType() ?? undefined, Mutation: schema.getMutationType() ?? undefined };
    const rootType = roots.find((root) => root.name === typeName) ?? aliases[typeName];
    if (!rootType) {
      const hint = typeName === 'Subscription' || typeName === schema.getSubscriptionType()?.name ? ' (subscriptions cannot be tools: a tool call returns one result)' : '';
      throw new Error(`${typeName} is not a root type of ${relativeToProject(project.schemaFile)}${hint}; use ${roots.map((root) => root.name).join(' or ')}`);
    }
    const field = rootType.getFields()[fieldName];
    if (!field) {
      const close = Object.keys(rootType.getFields()).filter((name) => name.toLowerCase().includes(fieldName.toLowerCase()) || fieldName.toLowerCase().includes(name.toLowerCase())).slice(0, 8);
      throw new Error(`${rootType.name} has no field "${fieldName}"${close.length > 0 ? `; did you mean ${close.map((name) => `${rootType.name}.${name}`).join(', ')}?` : ''}`);
    }

    const lint = resolveLintOptions(project.lint, 'codegen.ts', () => {});
    const text = operationTemplate(schema, rootType, field, { limitArguments: lint?.limitArguments ?? ['limit', 'first', 'last', 'take', 'top', 'pageSize', 'perPage'], pageSize });
    const out = values.out ?? path.join(project.operationsDir, `${toolNameFor(field.name).replaceAll('_', '-')}.graphql`);
    if (existsSync(out) && !values.force) throw new Error(`${relativeToProject(out)} exists: nothing was written (pass --force to replace it, or --out <file>)`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, text);
    process.stderr.write(`new: wrote ${relativeToProject(out)} (tool ${toolNameFor(field.name.charAt(0).toUpperCase() + field.name.slice(1))}). Trim the selection, then npm run codegen.\n`);
    return 0;
  },
  1,
);

function parseCommandLinePositional(argv: string[]) {
  const options = {
    out: { type: 'string' },
    force: { type: 'boolean' },
    'page-size': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const positionals = argv.filter((argument, index) => !argument.startsWith('-') && !(index > 0 && ['--out', '--page-size', '--config'].includes(argv[index - 1])));
  const flags = argv.filter((argument) => !positionals.includes(argument));
  return { values: parseCommandLine(flags, options).values, positionals };
}
