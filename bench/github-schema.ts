import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildClientSchema, printSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { projectRoot, scratchPath } from './paths.js';

const INTROSPECTION = path.join(projectRoot, 'node_modules/@octokit/graphql-schema/schema.json');

/**
 * GitHub's public schema as SDL, from the package's introspection JSON. Its shipped schema.graphql
 * cannot be used as is: it defines EnterpriseOwnerInfo.repositoryDeployKeySetting twice, which
 * graphql-js (and so codegen) rejects.
 */
export function githubSchema(): { file: string; schema: GraphQLSchema } {
  const introspection = JSON.parse(readFileSync(INTROSPECTION, 'utf8')) as { data?: IntrospectionQuery } & IntrospectionQuery;
  const schema = buildClientSchema(introspection.data ?? introspection);
  const file = path.join(scratchPath('github'), 'schema.graphql');
  writeFileSync(file, printSchema(schema));
  return { file, schema };
}
