import { Kind, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type Source } from 'graphql';
import { fragmentsUsedBy } from '../plugin/descriptions.js';
import { schemaWithMcpDirective } from '../plugin/mcp-directive.js';
import { relativeToProject, type Diagnostic } from '../diagnostics.js';
import { checkOperationFiles, type OperationFile } from '../operation-checks.js';
import { affectsTool, schemaChanges, type SchemaChange } from './schema-changes.js';
import { schemaCoordinatesUsedBy } from './schema-usage.js';

/** What a new schema does to one tool. */
export interface ToolImpact {
  tool: string;
  operation: string;
  /** The operation file, relative to the project. */
  file: string;
  status: 'breaking' | 'dangerous' | 'ok';
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
  /** Why the operation no longer validates against the new schema: what actually stops the tool. */
  invalid: Diagnostic[];
}

export interface ImpactReport {
  tools: ToolImpact[];
  /** Changes no tool uses (safe for the tools, maybe not for other clients). */
  unused: SchemaChange[];
  /** Changes whose description graphql-js worded in a way we do not recognise; cannot be matched to tools. */
  unmatched: SchemaChange[];
  /** Any tool breaks, or a breaking change could not be matched (so it may). */
  breaks: boolean;
}

/**
 * Compares two schemas for the tools made from these operation files: graphql-js's breaking and
 * dangerous changes, matched to the tools that use the changed types, fields, arguments and enum
 * values, plus every validation error of each operation against the new schema.
 * The files must be valid against the old schema (npm run codegen accepts them).
 */
export function toolImpact(oldSchema: GraphQLSchema, newSchema: GraphQLSchema, files: readonly OperationFile[]): ImpactReport {
  const changes = schemaChanges(oldSchema, newSchema);
  const { tools, fragments } = checkOperationFiles(files);
  const fileOfSource = new Map<Source, string>();
  for (const file of files) if (file.document.loc) fileOfSource.set(file.document.loc.source, file.location);

  const newSchemaWithMcp = schemaWithMcpDirective(newSchema);
  const matched = new Set<SchemaChange>();
  const impacts = tools.map((tool): ToolImpact => {
    const used = schemaCoordinatesUsedBy(tool.operation, fragments, oldSchema);
    const affecting = changes.filter((change) => affectsTool(change, used));
    affecting.forEach((change) => matched.add(change));
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [tool.operation, ...fragmentsUsedBy(tool.operation, fragments)] };
    const invalid = validate(newSchemaWithMcp, document).map((error) => diagnosticOf(error, fileOfSource, tool.location));
    const breaking = affecting.filter((change) => change.severity === 'breaking');
    const dangerous = affecting.filter((change) => change.severity === 'dangerous');
    return {
      tool: tool.toolName,
      operation: tool.operation.name.value,
      file: relativeToProject(tool.location),
      status: breaking.length > 0 || invalid.length > 0 ? 'breaking' : dangerous.length > 0 ? 'dangerous' : 'ok',
      breaking,
      dangerous,
      invalid,
    };
  });
  const unmatched = changes.filter((change) => change.coordinates === undefined);
  return {
    tools: impacts,
    unused: changes.filter((change) => change.coordinates !== undefined && !matched.has(change)),
    unmatched,
    breaks: impacts.some((impact) => impact.status === 'breaking') || unmatched.some((change) => change.severity === 'breaking'),
  };
}

/** A validation error at its place: the operation's file, or the file of the fragment it is in. */
function diagnosticOf(error: GraphQLError, fileOfSource: ReadonlyMap<Source, string>, fallbackFile: string): Diagnostic {
  const source = error.nodes?.[0]?.loc?.source;
  const location = error.locations?.[0];
  return {
    file: relativeToProject((source && fileOfSource.get(source)) ?? fallbackFile),
    line: location?.line ?? 1,
    column: location?.column ?? 1,
    message: error.message,
  };
}
