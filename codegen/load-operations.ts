import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GraphQLError,
  Kind,
  buildSchema,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { diagnosticAt, relativeToProject, type Diagnostic } from './diagnostics.js';
import { fragmentsUsedBy } from './plugin/descriptions.js';
import { readMcpOptions, schemaWithMcpDirective } from './plugin/mcp-directive.js';
import { checkOperationFiles, type OperationFile } from './operation-checks.js';

export interface LoadedOperations {
  schema?: GraphQLSchema;
  files: OperationFile[];
  diagnostics: Diagnostic[];
}

/**
 * Reads the schema and every operation file and reports, all at once, everything that would stop
 * them becoming tools: syntax errors, schema validation errors (unknown fields, wrong variable
 * types), and the tool rules. Codegen would stop at the first problem with less context.
 */
export function loadAndCheckOperations(schemaFile: string, operationsDir: string): LoadedOperations {
  const diagnostics: Diagnostic[] = [];
  const schema = loadSchema(schemaFile, diagnostics);
  const files: OperationFile[] = [];
  for (const file of listGraphqlFiles(operationsDir)) {
    const source = readFileSync(file, 'utf8');
    try {
      files.push({ location: file, document: parse(source, { noLocation: false }) });
    } catch (error) {
      diagnostics.push(fromGraphQLError(file, error));
    }
  }
  if (files.length === 0 && diagnostics.length === 0) {
    diagnostics.push({
      file: relativeToProject(operationsDir),
      line: 1,
      column: 1,
      message: 'no .graphql operation files found: add one query or mutation per file (see README "Add a tool")',
    });
  }
  const checked = checkOperationFiles(files);
  diagnostics.push(...checked.diagnostics);
  if (schema) {
    // Operations may use our @mcp directive: validate against the schema plus its declaration.
    const withMcp = schemaWithMcpDirective(schema);
    for (const file of files) {
      const errors = validate(withMcp, withFragmentsFromOtherFiles(file.document, checked.fragments));
      for (const error of errors) diagnostics.push(fromGraphQLError(file.location, error));
      if (errors.length > 0) continue;
      for (const definition of file.document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION) diagnostics.push(...readMcpOptions(definition, schema, file.location).diagnostics);
      }
    }
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { schema, files, diagnostics: dedupe(diagnostics) };
}

function loadSchema(schemaFile: string, diagnostics: Diagnostic[]): GraphQLSchema | undefined {
  let source: string;
  try {
    source = readFileSync(schemaFile, 'utf8');
  } catch {
    diagnostics.push({ file: relativeToProject(schemaFile), line: 1, column: 1, message: 'schema file not found: put your API\'s SDL there (npm run schema:pull can fetch it)' });
    return undefined;
  }
  try {
    return buildSchema(source);
  } catch (error) {
    diagnostics.push(fromGraphQLError(schemaFile, error));
    return undefined;
  }
}

/** A file may spread fragments defined in other files; validate it with those it uses. */
function withFragmentsFromOtherFiles(document: DocumentNode, fragments: Parameters<typeof fragmentsUsedBy>[1]): DocumentNode {
  const own = new Set(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
  const borrowed = document.definitions
    .flatMap((definition) => fragmentsUsedBy(definition, fragments))
    .filter((fragment, index, all) => !own.has(fragment.name.value) && all.indexOf(fragment) === index);
  return borrowed.length === 0 ? document : { ...document, definitions: [...document.definitions, ...borrowed] };
}

function listGraphqlFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((entry) => entry.endsWith('.graphql') || entry.endsWith('.gql'))
      .map((entry) => path.join(dir, entry))
      .sort();
  } catch {
    return [];
  }
}

function fromGraphQLError(file: string, error: unknown): Diagnostic {
  if (error instanceof GraphQLError) {
    const location = error.locations?.[0];
    return { file: relativeToProject(file), line: location?.line ?? 1, column: location?.column ?? 1, message: error.message };
  }
  return diagnosticAt(file, undefined, error instanceof Error ? error.message : String(error));
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
