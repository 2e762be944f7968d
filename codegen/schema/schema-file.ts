import { GraphQLError, buildSchema, validateSchema, type GraphQLSchema } from 'graphql';
import { relativeToProject, type Diagnostic } from '../diagnostics.js';
import { loadSchemaFile } from './schema-source.js';

/** Builds a schema from an SDL or introspection JSON file; every problem is named with its position. */
export function readSchemaFile(file: string): GraphQLSchema {
  const { schema, diagnostics } = loadSchemaFile(file);
  if (!schema) throw new Error(problems(relativeToProject(file), diagnostics));
  return schema;
}

/** Builds and validates a schema from SDL text; `name` says where the text came from in messages. */
export function schemaFromSdl(source: string, name: string): GraphQLSchema {
  let schema: GraphQLSchema;
  try {
    schema = buildSchema(source);
  } catch (error) {
    const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
    throw new Error(`${name}${location ? `:${location.line}:${location.column}` : ''}: ${(error as Error).message}`);
  }
  assertValid(schema, name);
  return schema;
}

function problems(name: string, diagnostics: Diagnostic[]): string {
  if (diagnostics.length === 1 && diagnostics[0].message.startsWith('schema file not found')) return `schema file ${name} not found`;
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
  return lines.length === 1 ? lines[0] : `${name} is not a valid schema (${lines.length} problems):\n${lines.join('\n')}`;
}

/** Operations cannot be validated against an invalid schema (graphql-js would throw later, with less context). */
export function assertValid(schema: GraphQLSchema, name: string): void {
  const problems = validateSchema(schema);
  if (problems.length > 0) {
    throw new Error(`${name} is not a valid schema:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}`);
  }
}
