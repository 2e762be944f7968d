import { getNamedType, getNullableType, isInputObjectType, isListType, type GraphQLInputType } from 'graphql';
import type { McpOptions } from './mcp-directive.js';
import { toolTitleFor } from './tool-name.js';

/**
 * What `@mcp` on an operation and its variables changes in the tool: title, annotation hints,
 * required scopes, and the variables the server fills in itself (never shown to the model).
 * Without `@mcp` everything follows from the operation: queries are read-only and idempotent,
 * mutations destructive.
 */
export function toolMetadata(operationName: string, operationType: 'query' | 'mutation', mcp: McpOptions) {
  const options = mcp.operation;
  const title = options.title ?? toolTitleFor(operationName);
  const annotations =
    operationType === 'query'
      ? { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: options.openWorld ?? true }
      : {
          readOnlyHint: false,
          destructiveHint: options.destructive ?? true,
          idempotentHint: options.idempotent ?? false,
          openWorldHint: options.openWorld ?? true,
        };
  return { title, annotations: { title, ...annotations }, scopes: options.scopes };
}

/** How the server turns an environment variable's text into the variable's value. */
export type EnvParse = 'string' | 'number' | 'boolean' | 'json';

export function envParseFor(type: GraphQLInputType): EnvParse {
  const nullable = getNullableType(type);
  if (isListType(nullable) || isInputObjectType(nullable)) return 'json';
  const name = getNamedType(nullable).name;
  if (name === 'Int' || name === 'Float') return 'number';
  if (name === 'Boolean') return 'boolean';
  return 'string';
}

/** The generated `fixedVariables` entry of one hidden variable. */
export function fixedVariableCode(hidden: NonNullable<McpOptions['variables'] extends Map<string, infer V> ? V : never>['hidden'], type: GraphQLInputType): string | undefined {
  if (!hidden) return undefined;
  return 'env' in hidden ? JSON.stringify({ env: hidden.env, parse: envParseFor(type) }) : JSON.stringify({ value: hidden.value });
}
