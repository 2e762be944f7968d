/**
 * The `@mcp` directive: what an operation file says about its tool beyond plain GraphQL. It is
 * ours, not the API's: codegen declares it for validation, reads it here into a typed result, and
 * strips it from every document sent upstream or emitted as a typed document.
 *
 * To add an argument: declare it in MCP_DIRECTIVE_SDL, add a field to McpOperationOptions or
 * McpVariableOptions, and read it in readOperationOptions / readVariableOptions. Which locations
 * an argument applies to is checked here (GraphQL declares arguments per directive, not per place).
 */
import {
  Kind,
  extendSchema,
  getNamedType,
  isInputObjectType,
  parse,
  typeFromAST,
  visit,
  type ASTNode,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { diagnosticAt, type Diagnostic } from '../diagnostics.js';
import { isRequiredField, selectionFromPaths, type Selection } from './input-shape.js';

export const MCP_DIRECTIVE_NAME = 'mcp';

/** The declaration operations are validated against (added to the API's schema, never sent upstream). */
export const MCP_DIRECTIVE_SDL = /* GraphQL */ `
"""
Tool options for graphql-ops-mcp. Read by codegen, stripped before the operation goes upstream.
"""
directive @mcp(
  """
  On a variable of an input object type: the input fields the model sees, as dotted paths from the
  variable's type (e.g. "title.eq", "team.key.eq", "and"). A path selects its field and everything
  on the way to it; a path ending at an input object offers all of that object's fields. A field
  that repeats an enclosing type (and/or/not) offers the same selection again, \`depth\` levels deep.
  """
  fields: [String!]
  """
  On a variable: how many levels a recursive input type (and/or/not) unfolds; 0 leaves the
  recursive fields out.
  """
  depth: Int
  """
  On the operation: this tool's token budget (name, description and input schema, ~4 characters a
  token), instead of codegen.ts's lint.toolTokenBudget. The explicit opt-in for a big tool.
  """
  tokenBudget: Int
) on QUERY | MUTATION | SUBSCRIPTION | VARIABLE_DEFINITION
`;

/** Operation-level options. */
export interface McpOperationOptions {
  /** Where `@mcp` sits on the operation, for messages. */
  node?: DirectiveNode;
  /** This tool's token budget, overriding the project's. */
  tokenBudget?: number;
}

/** Options of one variable. */
export interface McpVariableOptions {
  /** Where `@mcp` sits on the variable, for messages. */
  node: DirectiveNode;
  /** Dotted input-field paths the model sees; undefined = not curated. */
  fields?: string[];
  /** How deep recursive input types unfold; undefined = the default. */
  depth?: number;
}

export interface McpOptions {
  operation: McpOperationOptions;
  /** By variable name (without `$`); only variables that carry `@mcp`. */
  variables: Map<string, McpVariableOptions>;
}

/** The API's schema plus the `@mcp` declaration, for validating operation files. */
export function schemaWithMcpDirective(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getDirective(MCP_DIRECTIVE_NAME)) return schema;
  return extendSchema(schema, mcpDirectiveDocument(), { assumeValidSDL: true });
}

let declaration: DocumentNode | undefined;
function mcpDirectiveDocument(): DocumentNode {
  return (declaration ??= parse(MCP_DIRECTIVE_SDL));
}

/**
 * Reads `@mcp` from an operation and its variables. Argument names and value types are checked by
 * GraphQL validation against schemaWithMcpDirective; this checks what GraphQL cannot: which
 * arguments fit which place, and that field paths exist on the variable's input type.
 */
export function readMcpOptions(
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  file: string,
): { options: McpOptions; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (node: ASTNode, message: string) => diagnostics.push(diagnosticAt(file, node, `@mcp: ${message}`));
  const options: McpOptions = { operation: readOperationOptions(operation, report), variables: new Map() };
  for (const variable of operation.variableDefinitions ?? []) {
    const directive = mcpDirectiveOf(variable.directives);
    if (directive) options.variables.set(variable.variable.name.value, readVariableOptions(variable, directive, schema, report));
  }
  return { options, diagnostics };
}

type Report = (node: ASTNode, message: string) => void;

const VARIABLE_ARGUMENTS = new Set(['fields', 'depth']);
const OPERATION_ARGUMENTS = new Set(['tokenBudget']);

function readOperationOptions(operation: OperationDefinitionNode, report: Report): McpOperationOptions {
  const directive = mcpDirectiveOf(operation.directives);
  if (!directive) return {};
  const options: McpOperationOptions = { node: directive };
  for (const argument of directive.arguments ?? []) {
    if (!OPERATION_ARGUMENTS.has(argument.name.value)) {
      report(argument, `"${argument.name.value}" applies to variables, not to the ${operation.operation}: move it onto the variable`);
    }
  }
  const tokenBudget = argumentOf(directive, 'tokenBudget');
  if (tokenBudget) {
    const value = tokenBudget.value.kind === Kind.INT ? Number(tokenBudget.value.value) : undefined;
    if (value === undefined || value <= 0) report(tokenBudget, 'tokenBudget must be a whole number above 0 (estimated tokens this tool may cost)');
    else options.tokenBudget = value;
  }
  return options;
}

function readVariableOptions(variable: VariableDefinitionNode, directive: DirectiveNode, schema: GraphQLSchema, report: Report): McpVariableOptions {
  const options: McpVariableOptions = { node: directive };
  const name = variable.variable.name.value;
  for (const argument of directive.arguments ?? []) {
    if (!VARIABLE_ARGUMENTS.has(argument.name.value)) {
      report(argument, `"${argument.name.value}" applies to the operation, not to a variable: move it onto the query or mutation`);
    }
  }
  const type = typeFromAST(schema, variable.type as never) as GraphQLInputType | undefined;
  const inputObject = type ? getNamedType(type) : undefined;

  const fields = argumentOf(directive, 'fields');
  if (fields) {
    const paths = stringList(fields);
    if (!paths) report(fields, 'fields must be a list of strings, e.g. fields: ["title.eq", "and"]');
    else if (!isInputObjectType(inputObject)) report(fields, `fields applies to variables of an input object type; $${name} is ${type ?? 'unknown'}`);
    else {
      let valid = true;
      for (const [index, path] of paths.entries()) {
        const problem = fieldPathProblem(inputObject, path);
        if (problem) report(fields.value.kind === Kind.LIST ? fields.value.values[index] : fields, problem);
        valid &&= !problem;
      }
      const missing = valid ? missingRequiredFields(inputObject, selectionFromPaths(paths)) : [];
      if (missing.length > 0) {
        report(fields, `fields leaves out required input field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: a call could not be valid without ${missing.length > 1 ? 'them' : 'it'}; add ${missing.map((path) => JSON.stringify(path)).join(', ')}`);
      }
      options.fields = paths;
    }
  }

  const depth = argumentOf(directive, 'depth');
  if (depth) {
    const value = depth.value.kind === Kind.INT ? Number(depth.value.value) : undefined;
    if (value === undefined || value < 0) report(depth, 'depth must be a whole number >= 0 (how many levels and/or/not unfold)');
    else if (!isInputObjectType(inputObject)) report(depth, `depth applies to variables of an input object type; $${name} is ${type ?? 'unknown'}`);
    else options.depth = value;
  }
  return options;
}

/**
 * Why a dotted path does not name input fields of a type, or undefined when it does. A path may not
 * go on through a field that repeats an enclosing type (`and.title`): that field offers the
 * enclosing selection again.
 */
export function fieldPathProblem(root: GraphQLNamedType, path: string): string | undefined {
  const segments = path.split('.');
  let current = root;
  const enclosing: GraphQLNamedType[] = [root];
  for (const [index, segment] of segments.entries()) {
    if (!isInputObjectType(current)) {
      return `"${path}": ${segments.slice(0, index).join('.')} is a ${current.name}, which has no fields`;
    }
    const field = current.getFields()[segment];
    if (!field) {
      const known = Object.keys(current.getFields());
      return `"${path}": ${current.name} has no field "${segment}" (it has: ${known.join(', ')})`;
    }
    current = getNamedType(field.type);
    if (enclosing.includes(current) && index < segments.length - 1) {
      return `"${path}": ${segments.slice(0, index + 1).join('.')} repeats ${current.name}, so it offers the same fields again (depth levels deep): list "${segments.slice(0, index + 1).join('.')}" alone`;
    }
    enclosing.push(current);
  }
  return undefined;
}

/** Required input fields a selection leaves out, as dotted paths. */
function missingRequiredFields(type: GraphQLInputObjectType, selection: Selection, prefix = ''): string[] {
  if (selection === 'all') return [];
  return Object.values(type.getFields()).flatMap((field) => {
    const below = selection.get(field.name);
    if (below === undefined) return isRequiredField(field) ? [`${prefix}${field.name}`] : [];
    const named = getNamedType(field.type);
    return isInputObjectType(named) && named !== type ? missingRequiredFields(named, below, `${prefix}${field.name}.`) : [];
  });
}

function mcpDirectiveOf(directives: readonly DirectiveNode[] | undefined): DirectiveNode | undefined {
  return directives?.find((directive) => directive.name.value === MCP_DIRECTIVE_NAME);
}

function argumentOf(directive: DirectiveNode, name: string): ArgumentNode | undefined {
  return directive.arguments?.find((argument) => argument.name.value === name);
}

/** A list of string literals (a single string counts as a list of one, as GraphQL input coercion says). */
function stringList(argument: ArgumentNode): string[] | undefined {
  const { value } = argument;
  if (value.kind === Kind.STRING) return [value.value];
  if (value.kind !== Kind.LIST) return undefined;
  const strings = value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []));
  return strings.length === value.values.length ? strings : undefined;
}

/** The document without any `@mcp` (for the query text sent upstream and the typed documents). */
export function withoutMcpDirective<T extends ASTNode>(node: T): T {
  return visit(node, {
    Directive: (directive) => (directive.name.value === MCP_DIRECTIVE_NAME ? null : undefined),
  }) as T;
}
