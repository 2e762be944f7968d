import { readFileSync } from 'node:fs';
import {
  GraphQLError,
  buildASTSchema,
  buildClientSchema,
  parse,
  validateSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import { relativeToProject, type Diagnostic } from '../diagnostics.js';

export interface LoadedSchema {
  schema?: GraphQLSchema;
  /** Every problem, each at its own line and column. */
  diagnostics: Diagnostic[];
}

/**
 * Reads the API's schema from an SDL file or an introspection JSON file (`.json`: the answer to an
 * introspection query, `{ "data": { "__schema" } }` or `{ "__schema" }`, as many APIs publish it).
 * Unlike graphql-js's buildSchema, which throws one error for all SDL problems at 1:1, each problem
 * is reported where it is: GitHub's published SDL, with a field declared twice, gives two
 * diagnostics at the two declarations.
 */
export function loadSchemaFile(file: string): LoadedSchema {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return { diagnostics: [at(file, 1, 1, "schema file not found: put your API's SDL or introspection JSON there (npm run schema:pull can fetch it)")] };
  }
  return file.endsWith('.json') ? schemaFromIntrospectionJson(source, file) : schemaFromSdlSource(source, file);
}

export function schemaFromSdlSource(source: string, file: string): LoadedSchema {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    return { diagnostics: [fromError(file, error)] };
  }
  const sdlErrors = validateSDL(document);
  if (sdlErrors.length > 0) return { diagnostics: sdlErrors.map((error) => fromError(file, error)) };
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const schemaErrors = validateSchema(schema);
  if (schemaErrors.length > 0) return { diagnostics: schemaErrors.map((error) => fromError(file, error)) };
  return { schema, diagnostics: [] };
}

export function schemaFromIntrospectionJson(source: string, file: string): LoadedSchema {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    return { diagnostics: [at(file, 1, 1, `not valid JSON: ${(error as Error).message}`)] };
  }
  const result = (json as { data?: unknown })?.data ?? json;
  if (!result || typeof result !== 'object' || !('__schema' in result)) {
    return { diagnostics: [at(file, 1, 1, 'not an introspection result: expected { "data": { "__schema": ... } } or { "__schema": ... }')] };
  }
  try {
    const schema = buildClientSchema(result as IntrospectionQuery);
    const problems = validateSchema(schema);
    if (problems.length > 0) return { diagnostics: problems.map((problem) => at(file, 1, 1, problem.message)) };
    return { schema, diagnostics: [] };
  } catch (error) {
    return { diagnostics: [at(file, 1, 1, `introspection result cannot be built into a schema: ${(error as Error).message}`)] };
  }
}

/** A "defined more than once" error points at the repeat, and names where the first one is. */
function fromError(file: string, error: unknown): Diagnostic {
  const locations = error instanceof GraphQLError ? (error.locations ?? []) : [];
  const location = locations.at(-1);
  const others = locations.slice(0, -1).map((other) => `${other.line}:${other.column}`);
  const message = error instanceof Error ? error.message : String(error);
  return at(file, location?.line ?? 1, location?.column ?? 1, others.length > 0 ? `${message} (first at ${others.join(', ')})` : message);
}

function at(file: string, line: number, column: number, message: string): Diagnostic {
  return { file: relativeToProject(file), line, column, message };
}
