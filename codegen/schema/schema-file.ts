import { readFileSync } from 'node:fs';
import { GraphQLError, buildSchema, validateSchema, type GraphQLSchema } from 'graphql';
import { relativeToProject } from '../diagnostics.js';

/** Builds a schema from an SDL file; problems become one message naming the file and position. */
export function readSchemaFile(file: string): GraphQLSchema {
  const shown = relativeToProject(file);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT';
    throw new Error(missing ? `schema file ${shown} not found` : `could not read schema file ${shown}: ${(error as Error).message}`);
  }
  return schemaFromSdl(source, shown);
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

/** Operations cannot be validated against an invalid schema (graphql-js would throw later, with less context). */
export function assertValid(schema: GraphQLSchema, name: string): void {
  const problems = validateSchema(schema);
  if (problems.length > 0) {
    throw new Error(`${name} is not a valid schema:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}`);
  }
}
