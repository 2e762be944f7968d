import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { astFromValue, buildSchema, Kind, parse, print, typeFromAST, visit, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { projectRoot, tsxCli } from './paths.js';

/** The one request every variant makes: the search_providers operation, same text, same variables. */
export const BENCH_TOOL = 'search_providers';
export const BENCH_QUERY = print(parse(readFileSync(path.join(projectRoot, 'operations/providers/search-providers.graphql'), 'utf8')));
// Explicit limit, so our tool's zod default and the other clients send identical variables.
export const BENCH_VARIABLES = { specialty: 'CARDIOLOGY', limit: 20 } as const;
/**
 * The same query with the variables written in as literals, for mcp-graphql: its query tool takes
 * `variables` as a JSON string and forwards it as a string, which spec-following servers (Yoga)
 * reject with 400 "Expected variables param to be an object".
 */
export const BENCH_QUERY_INLINED = inlineVariables(BENCH_QUERY, BENCH_VARIABLES);
export const BENCH_API_KEY = 'bench-key-0123456789';

export interface Upstream {
  url: string;
  close(): Promise<void>;
}

/** Starts the demo API in its own process on 127.0.0.1 (bench/upstream-server.ts). */
export async function startUpstream(): Promise<Upstream> {
  const child = spawn(process.execPath, [tsxCli, path.join(projectRoot, 'bench/upstream-server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, BENCH_API_KEY },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the demo API process exited (${code}) before it was ready`)));
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return {
    url,
    close: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

function inlineVariables(query: string, variables: Record<string, unknown>): string {
  const schema = buildSchema(readFileSync(path.join(projectRoot, 'schema/schema.graphql'), 'utf8'));
  const document = parse(query);
  const literals = new Map<string, ValueNode | null>();
  for (const definition of (document.definitions[0] as OperationDefinitionNode).variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never);
    literals.set(name, name in variables && type ? (astFromValue(variables[name], type as never) ?? null) : null);
  }
  return print(
    visit(document, {
      [Kind.OPERATION_DEFINITION]: (node) => ({ ...node, variableDefinitions: [] }),
      // An argument whose variable was not given is left out, as GraphQL would treat it.
      [Kind.ARGUMENT]: (node) => (node.value.kind === Kind.VARIABLE ? (literals.get(node.value.name.value) ? { ...node, value: literals.get(node.value.name.value)! } : null) : undefined),
    }),
  );
}
