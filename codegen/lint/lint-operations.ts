import {
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  isListType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { commentBlockAbove } from '../plugin/comments.js';
import { fragmentsUsedBy } from '../plugin/descriptions.js';
import { diagnosticAt, type Diagnostic } from '../diagnostics.js';
import type { ResolvedLintOptions } from './lint-options.js';
import { checkOperationFiles, type OperationFile, type ToolOperation } from '../operation-checks.js';

/**
 * Advice on operations that are valid but make poor tools: no description of their own, lists
 * that can come back unbounded, selections nested too deep. Warnings only; codegen goes on.
 * The files must be valid against the schema.
 */
export function lintOperations(schema: GraphQLSchema, files: readonly OperationFile[], options: ResolvedLintOptions): Diagnostic[] {
  const { tools, fragments } = checkOperationFiles(files);
  const fragmentFiles = new Map<string, string>();
  for (const file of files) {
    for (const definition of file.document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragmentFiles.set(definition.name.value, file.location);
    }
  }
  const warnings = tools.flatMap((tool) => [
    ...missingDescription(tool, schema),
    ...unboundedLists(tool, schema, fragments, fragmentFiles, options),
    ...tooDeep(tool, fragments, fragmentFiles, options.maxDepth),
  ]);
  const seen = new Set<string>(); // a fragment shared by several tools is reported once
  return warnings
    .filter((warning) => {
      const key = `${warning.file}:${warning.line}:${warning.column}:${warning.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function missingDescription(tool: ToolOperation, schema: GraphQLSchema): Diagnostic[] {
  const { operation } = tool;
  if (operation.description?.value.trim() || commentBlockAbove(operation.loc?.startToken)) return [];
  const rootFields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  const rootType = schema.getRootType(operation.operation)?.name ?? operation.operation;
  return [
    diagnosticAt(
      tool.location,
      operation,
      `operation ${operation.name.value} has no description: add a # comment block or a """ description right above it ` +
        `saying what ${tool.toolName} does and when to use it (models choose tools by it; ` +
        `now it falls back to the schema's description of ${rootFields.map((field) => `${rootType}.${field}`).join(', ')})`,
    ),
  ];
}

function unboundedLists(
  tool: ToolOperation,
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  fragmentFiles: ReadonlyMap<string, string>,
  options: ResolvedLintOptions,
): Diagnostic[] {
  const limitNames = new Set(options.limitArguments.map(normalizeName));
  const isLimit = (argument: GraphQLArgument) => {
    const type = getNamedType(argument.type);
    return limitNames.has(normalizeName(argument.name)) && isScalarType(type) && !['String', 'Boolean', 'ID'].includes(type.name);
  };
  const rootType = schema.getRootType(tool.operation.operation);
  const warnings: Diagnostic[] = [];
  for (const definition of [tool.operation, ...fragmentsUsedBy(tool.operation, fragments)]) {
    const file = definition.kind === Kind.FRAGMENT_DEFINITION ? (fragmentFiles.get(definition.name.value) ?? tool.location) : tool.location;
    const typeInfo = new TypeInfo(schema);
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          const parent = typeInfo.getParentType();
          if (!field || !parent) return;
          const coordinate = `${parent.name}.${field.name}`;
          const limits = field.args.filter(isLimit);
          if (limits.length > 0) {
            const passed = node.arguments?.some((argument) => limits.some((limit) => limit.name === argument.name.value) && argument.value.kind !== Kind.NULL);
            // A default in the schema bounds the list even when the operation leaves the argument out.
            const defaulted = limits.some((limit) => limit.defaultValue !== undefined && limit.defaultValue !== null);
            if (!passed && !defaulted) {
              const names = limits.map((limit) => limit.name).join(' or ');
              warnings.push(
                diagnosticAt(
                  file,
                  node,
                  `${coordinate} is selected without ${names} and the schema sets no default, so the tool can return an unbounded list: ` +
                    `pass ${names}, e.g. ${limits[0].name}: $${limits[0].name} with a default in the variables`,
                ),
              );
            }
          } else if (parent === rootType && isListType(getNullableType(field.type))) {
            warnings.push(
              diagnosticAt(
                file,
                node,
                `root field ${coordinate} returns a list and has no argument to limit it (${options.limitArguments.join(', ')}), so the tool can return every item: ` +
                  'select a field that pages, or make sure the API keeps this list small',
              ),
            );
          }
        },
      }),
    );
  }
  return warnings;
}

interface Step {
  node: FieldNode;
  file: string;
}

function tooDeep(
  tool: ToolOperation,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  fragmentFiles: ReadonlyMap<string, string>,
  maxDepth: number,
): Diagnostic[] {
  // The longest chain of nested fields, through inline fragments and fragment spreads.
  const deepest = (selectionSet: SelectionSetNode, file: string, spreading: ReadonlySet<string>): Step[] => {
    let longest: Step[] = [];
    for (const selection of selectionSet.selections) {
      let chain: Step[] = [];
      if (selection.kind === Kind.FIELD) {
        chain = [{ node: selection, file }, ...(selection.selectionSet ? deepest(selection.selectionSet, file, spreading) : [])];
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        chain = deepest(selection.selectionSet, file, spreading);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !spreading.has(fragment.name.value)) {
          const fragmentFile = fragmentFiles.get(fragment.name.value) ?? file;
          chain = deepest(fragment.selectionSet, fragmentFile, new Set([...spreading, fragment.name.value]));
        }
      }
      if (chain.length > longest.length) longest = chain;
    }
    return longest;
  };
  const chain = deepest(tool.operation.selectionSet, tool.location, new Set());
  if (chain.length <= maxDepth) return [];
  const path = chain.map((step) => (step.node.alias ?? step.node.name).value).join('.');
  const first = chain[maxDepth];
  return [
    diagnosticAt(
      first.file,
      first.node,
      `selection is ${chain.length} levels deep here (${path}), more than ${maxDepth}: deep selections make large, slow results for the model; ` +
        'select less, or leave the details to another tool',
    ),
  ];
}

/** `page_size`, `pageSize` and `PageSize` name the same idea. */
function normalizeName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}
