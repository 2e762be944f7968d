import type { ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';

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
  /** Validates the arguments (a lazily built object schema). */
  inputSchema: z.ZodType<TVariables>;
  /** What the operation returns (its `data`), from the selection set. */
  outputSchema: z.ZodType<unknown>;
  annotations: ToolAnnotations;
  /** Hash of this definition; generated/tool-list.json is used for it only when they match. */
  fingerprint: string;
  /** The result type, carried for type-level use only. */
  readonly __data?: TData;
}

/**
 * Declares a tool. The type parameters come from codegen's `...Variables` type, so an input schema
 * whose parsed value does not fit the operation's variables is a `tsc` error, not a runtime surprise.
 */
export function defineTool<TData, TVariables>(tool: ToolDefinition<TData, TVariables>): ToolDefinition<TData, TVariables> {
  return tool;
}
