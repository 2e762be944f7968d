/**
 * `npm run schema:pull`: fetches the API's schema by introspection and saves it as SDL, types in
 * name order, replacing the schema file only with a complete, valid schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIntrospectionType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { UsageError, parseCommandLine, runCommand } from '../cli.js';
import { formatDiagnostic, relativeToProject } from '../diagnostics.js';
import { introspectionTarget } from './endpoint-config.js';
import { introspectSchema } from './introspect-schema.js';
import { loadProjectConfig } from '../project-config.js';
import { schemaChanges } from './schema-changes.js';
import { schemaFromSdl } from './schema-file.js';
import { loadSchemaFile } from './schema-source.js';
import { printStableSdl } from './stable-sdl.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const USAGE = `Usage: npm run schema:pull -- [--endpoint <url> | --introspection <file.json>] [--out <file>] [--config <codegen.ts>]

Fetches the schema of GRAPHQL_ENDPOINT (or --endpoint) by introspection, sending API_KEY as a bearer
key, or reads a local introspection result (--introspection, the JSON many APIs publish), and writes
it as SDL to the schema file codegen.ts names (or --out). The file is replaced only by a complete,
valid schema. Exit code: 0 saved, 1 the schema could not be fetched or read, 2 usage error.
To see first what the new schema would break: npm run check (same variables).`;

await runCommand(
  USAGE,
  async () => {
    const { values } = parseCommandLine(process.argv.slice(2), {
      endpoint: { type: 'string' },
      introspection: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.introspection && values.endpoint) throw new UsageError('give --endpoint or --introspection, not both');
    const target = values.introspection ? undefined : introspectionTarget(values.endpoint);
    if (!target && !values.introspection) throw new UsageError("GRAPHQL_ENDPOINT is not set: set it to your API's URL (and API_KEY if it needs a key), or pass --endpoint <url>");
    let out: string;
    try {
      out = values.out ?? (await loadProjectConfig(values.config)).schemaFile;
    } catch (error) {
      throw new UsageError(`${(error as Error).message}, or pass --out <file>`);
    }

    const source = target ? target.endpoint : relativeToProject(values.introspection!);
    let schema: GraphQLSchema;
    if (target) {
      schema = await introspectSchema(target);
    } else {
      if (!values.introspection!.endsWith('.json')) throw new UsageError(`--introspection takes an introspection result saved as .json, got ${values.introspection}`);
      const loaded = loadSchemaFile(values.introspection!);
      if (!loaded.schema) throw new Error(`${loaded.diagnostics.map(formatDiagnostic).join('\n')}\n${relativeToProject(out)} was left as it was.`);
      schema = loaded.schema;
    }
    const sdl = printStableSdl(schema);
    try {
      schemaFromSdl(sdl, `the schema of ${source}`); // codegen reads it back: it must build
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${relativeToProject(out)} was left as it was.`);
    }

    const previous = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
    if (previous !== sdl) writeFileAtomic(out, sdl);
    process.stderr.write(`schema:pull: ${relativeToProject(out)} from ${source}: ${summary(previous, sdl, schema)}\n`);
    return 0;
  },
  1,
);

/** What changed in the file, in a line: type count, and the kind of change against the previous file. */
function summary(previous: string | undefined, sdl: string, schema: GraphQLSchema): string {
  const names = typeNames(schema);
  const count = `${names.size} types`;
  if (previous === undefined) return `written (new file), ${count}.`;
  if (previous === sdl) return `unchanged, ${count}.`;
  let old: GraphQLSchema;
  try {
    old = schemaFromSdl(previous, 'the previous file');
  } catch {
    return `written, ${count}; the previous file was not a valid schema.`;
  }
  if (printStableSdl(old) === sdl) return `written, ${count}: same schema, only the layout changed (types in name order).`;
  const oldNames = typeNames(old);
  const added = [...names].filter((name) => !oldNames.has(name)).length;
  const removed = [...oldNames].filter((name) => !names.has(name)).length;
  const changes = schemaChanges(old, schema);
  const breaking = changes.filter((change) => change.severity === 'breaking').length;
  return (
    `changed vs the previous file, ${count} (${added} added, ${removed} removed); ` +
    `${breaking} breaking and ${changes.length - breaking} dangerous change(s)${changes.length === 0 ? ' (descriptions or additions only)' : ''}. ` +
    'Review it with git diff, then npm run codegen.'
  );
}

function typeNames(schema: GraphQLSchema): Set<string> {
  return new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type))
      .map((type) => type.name),
  );
}
