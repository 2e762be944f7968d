import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { diagnosticAt, relativeToProject, type Diagnostic } from './diagnostics.js';
import { toolNameOverride } from './plugin/mcp-directive.js';
import { toolNameFor, toolNameProblem } from './plugin/tool-name.js';

export interface OperationFile {
  location: string;
  document: DocumentNode;
}

/** A named query or mutation that will become a tool. */
export interface ToolOperation {
  location: string;
  operation: OperationDefinitionNode & { name: NonNullable<OperationDefinitionNode['name']> };
  operationType: 'query' | 'mutation';
  toolName: string;
}

export interface CheckedOperations {
  tools: ToolOperation[];
  fragments: Map<string, FragmentDefinitionNode>;
  diagnostics: Diagnostic[];
}

/**
 * The rules that make an operation file a tool: one named query or mutation per file, and a tool
 * name that is valid for MCP and unique across all files.
 */
export function checkOperationFiles(files: readonly OperationFile[]): CheckedOperations {
  const diagnostics: Diagnostic[] = [];
  const tools: ToolOperation[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const byToolName = new Map<string, ToolOperation>();

  for (const file of files) {
    const operations: OperationDefinitionNode[] = [];
    for (const definition of file.document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    }
    if (operations.length === 0) continue; // a fragment-only file is fine
    if (operations.length > 1) {
      const names = operations.map((operation) => operation.name?.value ?? '(anonymous)').join(', ');
      diagnostics.push(
        diagnosticAt(file.location, operations[1], `one operation per file, found ${operations.length} (${names}): move each into its own .graphql file`),
      );
    }
    for (const operation of operations) {
      const problem = operationProblem(operation);
      if (problem) {
        diagnostics.push(diagnosticAt(file.location, operation, problem));
        continue;
      }
      const override = toolNameOverride(operation);
      const toolName = override ?? toolNameFor(operation.name!.value);
      const nameProblem = toolNameProblem(toolName);
      if (nameProblem) {
        // A bad @mcp name is reported where it is written (readMcpOptions).
        if (!override) diagnostics.push(diagnosticAt(file.location, operation.name, nameProblem));
        continue;
      }
      const tool: ToolOperation = {
        location: file.location,
        operation: operation as ToolOperation['operation'],
        operationType: operation.operation as 'query' | 'mutation',
        toolName,
      };
      const clash = byToolName.get(toolName);
      if (clash) {
        diagnostics.push(
          diagnosticAt(
            file.location,
            operation.name,
            `duplicate tool name "${toolName}": operation ${operation.name!.value} here and operation ${clash.operation.name.value} in ${relativeToProject(clash.location)} both map to it; rename one of them`,
          ),
        );
        continue;
      }
      byToolName.set(toolName, tool);
      tools.push(tool);
    }
  }
  tools.sort((a, b) => a.toolName.localeCompare(b.toolName));
  return { tools, fragments, diagnostics };
}

function operationProblem(operation: OperationDefinitionNode): string | undefined {
  if (!operation.name) {
    return `anonymous ${operation.operation}: give it a name (e.g. "${operation.operation} SearchPatients { ... }"); the tool name is derived from it`;
  }
  if (operation.operation === 'subscription') {
    return `subscription ${operation.name.value} cannot be a tool: MCP tool calls return one result, so use a query or mutation`;
  }
  return undefined;
}
