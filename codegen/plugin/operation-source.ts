import { Kind, print, visit, type DocumentNode } from 'graphql';
import { withoutMcpDirective } from './mcp-directive.js';

/**
 * The query text sent upstream. Descriptions on operations and variables are ours (they document
 * the tool); many GraphQL servers predate that syntax and would reject it, so they are stripped,
 * as is our `@mcp` directive, which the API does not know.
 * Codegen prints it into each tool, so the server neither loads document ASTs nor prints them.
 */
export function operationSource(document: DocumentNode): string {
  const withoutDescriptions = visit(withoutMcpDirective(document), {
    [Kind.OPERATION_DEFINITION]: (node) => ('description' in node && node.description ? { ...node, description: undefined } : undefined),
    [Kind.VARIABLE_DEFINITION]: (node) => ('description' in node && node.description ? { ...node, description: undefined } : undefined),
  });
  return print(withoutDescriptions);
}
