import type { ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { withNestingLimit } from './input-validation.js';

// Generated tools build their input objects with this (see input-validation.ts).
export { inputObject } from './input-validation.js';

export type OperationType = 'query' | 'mutation';

/** One curated GraphQL operation, exposed as one MCP tool. Emitted by codegen into generated/tools.ts. */
export interface ToolDefinition<TData = unknown, TVariables = Record<string, unknown>> {
  /** MCP tool name: snake_case of the operation name. */
  name: string;
  title: string;
  description: string;
  operationName: string;
  operationType: OperationType;
  /** The .graphql file the operation came from, relative to the project root. */
  source: string;
  /** The operation and the fragments it uses, as sent upstream (no descriptions). */
  query: string;
  /** Validates the arguments (a lazily built object schema, behind the nesting limit). */
  inputSchema: z.ZodType<TVariables>;
  /**
   * The input JSON Schema the model sees, written by codegen straight from the GraphQL types (one
   * definition per input type and enum). A function, so a server with a thousand tools compiles
   * none of them until tools/list needs one without a precomputed entry.
   */
  inputJsonSchema: () => Record<string, unknown>;
  /** What the operation returns (its `data`), from the selection set. */
  outputSchema: z.ZodType<unknown>;
  annotations: ToolAnnotations;
  /**
   * OAuth scopes a caller must hold to use this tool, from `@mcp(scopes: [...])` on the operation.
   * For the HTTP server's authorization layer to enforce; absent when the operation names none.
   */
  scopes?: readonly string[];
  /** Variables hidden from the model by `@mcp` on a variable, which the server fills in (src/tools/fixed-variables.ts). */
  fixedVariables?: Readonly<Record<string, FixedVariable>>;
  /** Hash of this definition; generated/tool-list.json is used for it only when they match. */
  fingerprint: string;
  /** The result type, carried for type-level use only. */
  readonly __data?: TData;
}

/** A hidden variable's value: fixed (the variable's default), or read from an environment variable at call time. */
export type FixedVariable = { value: unknown } | { env: string; parse: 'string' | 'number' | 'boolean' | 'json' };

/**
 * Declares a tool. The type parameters come from codegen's `...Variables` type, so an input schema
 * whose parsed value does not fit the operation's variables is a `tsc` error, not a runtime surprise.
 */
export function defineTool<TData, TVariables>(tool: ToolDefinition<TData, TVariables>): ToolDefinition<TData, TVariables> {
  return { ...tool, inputSchema: withNestingLimit(tool.inputSchema) };
}
