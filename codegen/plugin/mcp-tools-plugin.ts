import { createHash } from 'node:crypto';
import type { PluginFunction } from '@graphql-codegen/plugin-helpers';
import { Kind, typeFromAST, valueFromAST, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { ShapeBuilder } from './input-shape.js';
import { customScalarJsonSchemas } from './scalar-json-schema.js';
import { planToolInput, type ToolInputVariable } from './tool-input.js';
import { readMcpOptions, type McpOptions } from './mcp-directive.js';
import { fixedVariableCode, toolMetadata } from './tool-metadata.js';
import { operationSource } from './operation-source.js';
import { fragmentsUsedBy, operationDescription, variableOwnDescription, variableUsageDescriptions, withoutDefaultWording } from './descriptions.js';
import { diagnosticAt, OperationsError, relativeToProject } from '../diagnostics.js';
import { checkOperationFiles, type OperationFile, type ToolOperation } from '../operation-checks.js';
import { OutputSchemaEmitter } from './output-schema-emitter.js';
import { ZodEmitter } from './zod-emitter.js';

export interface McpToolsPluginConfig {
  /** Zod expressions for custom scalars, e.g. { DateTime: 'z.iso.datetime()' }. */
  scalarSchemas?: Record<string, string>;
  /** Zod expressions for custom scalars in results (output schemas); unmapped ones are z.unknown(). */
  scalarOutputSchemas?: Record<string, string>;
  /** Module with the typed documents and `...Variables` types (typescript-operations + typed-document-node). */
  operationsModule?: string;
  /** Module exporting defineTool. */
  toolDefinitionModule?: string;
  /** Estimated tokens one tool may cost (codegen.ts lint.toolTokenBudget); a tool may raise its own with @mcp(tokenBudget). */
  toolTokenBudget?: number;
  /** Where warnings go; defaults to stderr. */
  warn?: (message: string) => void;
}

const TYPES = 'Operations';
const DEFAULT_TOOL_TOKEN_BUDGET = 1_000;

/** Emits generated/tools.ts: one MCP tool definition per operation. */
export const plugin: PluginFunction<McpToolsPluginConfig> = (schema, documents, config) => {
  const files: OperationFile[] = documents.flatMap((file) =>
    file.document ? [{ location: file.location ?? '(unknown file)', document: file.document }] : [],
  );
  const { tools, fragments, diagnostics } = checkOperationFiles(files);
  const warn = config.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  const emitter = new ZodEmitter({ scalarSchemas: config.scalarSchemas ?? {}, typesNamespace: TYPES, warn });
  const outputEmitter = new OutputSchemaEmitter({
    schema,
    fragments,
    scalarOutputSchemas: config.scalarOutputSchemas ?? {},
    enumSchema: (type) => emitter.enumSchema(type),
  });

  const builder = new ShapeBuilder();
  const customScalar = customScalarJsonSchemas(config.scalarSchemas ?? {});

  const toolCode = tools.map((tool) => {
    const mcp = readMcpOptions(tool.operation, schema, tool.location);
    diagnostics.push(...mcp.diagnostics);
    const usageDescriptions = variableUsageDescriptions(tool.operation, fragments, schema);
    const fixedVariables: string[] = [];
    const variables = (tool.operation.variableDefinitions ?? []).flatMap((variable): ToolInputVariable[] => {
      const name = variable.variable.name.value;
      const type = typeFromAST(schema, variable.type as never) as GraphQLInputType | undefined;
      if (!type) {
        diagnostics.push(diagnosticAt(tool.location, variable.type, `variable $${name} has a type that is not in the schema`));
        return [];
      }
      // Hidden by @mcp: the server fills it in; the model never sees it.
      const fixed = fixedVariableCode(mcp.options.variables.get(name)?.hidden, type);
      if (fixed) {
        fixedVariables.push(`${JSON.stringify(name)}: ${fixed}`);
        return [];
      }
      const defaultValue = variable.defaultValue ? { value: valueFromAST(variable.defaultValue, type) } : undefined;
      const fromSchema = usageDescriptions.get(name);
      const description = variableOwnDescription(variable) ?? (fromSchema && defaultValue ? withoutDefaultWording(fromSchema) : fromSchema);
      return [{ name, type, defaultValue, description }];
    });
    const description = operationDescription(tool.operation, schema);
    const plan = planToolInput(variables, {
      toolName: tool.toolName,
      description,
      mcp: mcp.options,
      projectBudget: config.toolTokenBudget ?? DEFAULT_TOOL_TOKEN_BUDGET,
      builder,
      customScalar,
    });
    for (const note of plan.pruned) warn(`${relativeToProject(tool.location)}: ${tool.toolName}: ${note}. Choose instead with @mcp(fields: [...]) on the variable (README "Big input types").`);
    if (plan.overBudget) diagnostics.push(diagnosticAt(tool.location, tool.operation.name, plan.overBudget));
    const inputEntries = plan.variables.map((variable) => `      ${JSON.stringify(variable.name)}: ${emitter.position(variable)},`);
    const rootType = schema.getRootType(tool.operation.operation)!;
    const query = operationSource({ kind: Kind.DOCUMENT, definitions: [tool.operation, ...fragmentsUsedBy(tool.operation, fragments)] });
    return emitTool(tool, description, query, inputEntries, plan.jsonSchema, outputEmitter.forSelection(tool.operation.selectionSet, rootType), mcp.options, fixedVariables);
  });

  if (diagnostics.length > 0) throw new OperationsError(diagnostics);
  return [
    '// Generated by codegen/plugin/mcp-tools-plugin.ts from operations/. Do not edit: run `npm run codegen`.',
    "import { z } from 'zod';",
    `import { defineTool, inputObject, type ToolDefinition } from '${config.toolDefinitionModule ?? '../src/tools/tool-definition.js'}';`,
    // Types only: at run time a tool needs its query text, not graphql.ts's document ASTs.
    `import type * as ${TYPES} from '${config.operationsModule ?? './graphql.js'}';`,
    '',
    emitter.emitDeclarations(),
    '',
    // The array mixes tools of different data and variable types.
    'export const tools: readonly ToolDefinition<any, any>[] = [',
    toolCode.join('\n'),
    '];',
    '',
  ].join('\n');
};

/**
 * One tool. Its zod schemas are built on first use (z.lazy): a server with a thousand tools should
 * not build them all at start, and tools/list is answered from generated/tool-list.json.
 */
function emitTool(
  tool: ToolOperation,
  description: string,
  query: string,
  inputEntries: string[],
  inputJsonSchema: unknown,
  outputSchema: string,
  mcp: McpOptions,
  fixedVariables: string[],
): string {
  const operationName = tool.operation.name.value;
  const suffix = tool.operationType === 'query' ? 'Query' : 'Mutation';
  const { title, annotations, scopes } = toolMetadata(operationName, tool.operationType, mcp);
  const body = [
    `    name: ${JSON.stringify(tool.toolName)},`,
    `    title: ${JSON.stringify(title)},`,
    `    description: ${JSON.stringify(description)},`,
    `    operationName: ${JSON.stringify(operationName)},`,
    `    operationType: ${JSON.stringify(tool.operationType)},`,
    `    source: ${JSON.stringify(relativeToProject(tool.location))},`,
    `    query: ${JSON.stringify(query)},`,
    inputEntries.length > 0
      ? `    inputSchema: z.lazy(() =>\n      inputObject(undefined, {\n${inputEntries.map((entry) => `  ${entry}`).join('\n')}\n      }),\n    ),`
      : '    inputSchema: z.lazy(() => inputObject(undefined, {})),',
    `    inputJsonSchema: () => (${JSON.stringify(inputJsonSchema)}),`,
    `    outputSchema: z.lazy(() => ${outputSchema}),`,
    `    annotations: ${JSON.stringify(annotations)},`,
    ...(scopes ? [`    scopes: ${JSON.stringify(scopes)},`] : []),
    ...(fixedVariables.length > 0 ? [`    fixedVariables: { ${fixedVariables.join(', ')} },`] : []),
  ];
  // The model's arguments lack the hidden variables: check the schema against the rest.
  const hiddenNames = fixedVariables.map((entry) => entry.slice(0, entry.indexOf(':')));
  const variablesType = `${TYPES}.${operationName}${suffix}Variables`;
  // Ties generated/tool-list.json to this exact definition (see src/tools/tool-list.ts).
  const fingerprint = createHash('sha256').update(body.join('\n')).digest('hex').slice(0, 16);
  return [
    `  defineTool<${TYPES}.${operationName}${suffix}, ${hiddenNames.length > 0 ? `Omit<${variablesType}, ${hiddenNames.join(' | ')}>` : variablesType}>({`,
    ...body,
    `    fingerprint: ${JSON.stringify(fingerprint)},`,
    '  }),',
  ].join('\n');
}
