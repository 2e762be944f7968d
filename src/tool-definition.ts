import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
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
  document: TypedDocumentNode<TData, TVariables>;
  inputSchema: z.ZodObject;
  /** What the operation returns (its `data`), from the selection set. */
  outputSchema: z.ZodObject;
  annotations: ToolAnnotations;
}

/**
 * Declares a tool. The type parameters come from codegen's `...Variables` type, so an input schema
 * whose parsed value does not fit the operation's variables is a `tsc` error, not a runtime surprise.
 */
export function defineTool<TData, TVariables>(
  tool: Omit<ToolDefinition<TData, TVariables>, 'inputSchema'> & {
    inputSchema: z.ZodObject & z.ZodType<TVariables>;
  },
): ToolDefinition<TData, TVariables> {
  return tool;
}
