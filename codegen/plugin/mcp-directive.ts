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
  print,
  typeFromAST,
  valueFromAST,
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
import { toolNameProblem } from './tool-name.js';

export const MCP_DIRECTIVE_NAME = 'mcp';

/** The declaration operations are validated against (added to the API's schema, never sent upstream). */
export const MCP_DIRECTIVE_SDL = /* GraphQL */ `
"""
Tool options for graphql-ops-mcp. Read by codegen, stripped before the operation goes upstream.
"""
directive @mcp(
  """
  On the operation: the tool's name, instead of the snake_case of the operation name.
  """
  name: String
  """
  On the operation: the tool's human title, instead of the operation name in words.
  """
  title: String
  """
  On a mutation: whether it may destroy or overwrite data (default true). false for mutations that only add.
  """
  destructive: Boolean
  """
  On a mutation: whether calling it twice with the same arguments has no further effect (default false).
  """
  idempotent: Boolean
  """
  On the operation: whether the API reaches beyond a closed system, e.g. the internet (default true).
  """
  openWorld: Boolean
  """
  On the operation: OAuth scopes a caller must hold to use the tool (enforced by the HTTP server's auth).
  """
  scopes: [String!]
  """
  On a variable: hide it from the model; the server sends the variable's default value
  ($org: String = "acme" @mcp(hide: true)), or the value of \`env\` when given.
  """
  hide: Boolean
  """
  On a variable: hide it from the model and send the value of this environment variable of the
  server (parsed as the variable's type: numbers, booleans, JSON for lists and input objects).
  """
  env: String
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

/** Operation-level options: the tool's name, title, annotation hints and required scopes. */
export interface McpOperationOptions {
  /** Where `@mcp` sits on the operation, for messages. */
  node?: DirectiveNode;
  name?: string;
  title?: string;
  destructive?: boolean;
  idempotent?: boolean;
  openWorld?: boolean;
  scopes?: string[];
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
  /** Hidden from the model: the server sends this instead (the variable's default, or an environment variable). */
  hidden?: { value: unknown } | { env: string };
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

const VARIABLE_ARGUMENTS = new Set(['fields', 'depth', 'hide', 'env']);
const OPERATION_ARGUMENTS = new Set(['name', 'title', 'destructive', 'idempotent', 'openWorld', 'scopes', 'tokenBudget']);

function readOperationOptions(operation: OperationDefinitionNode, report: Report): McpOperationOptions {
  const directive = mcpDirectiveOf(operation.directives);
  if (!directive) return {};
  const options: McpOperationOptions = { node: directive };
  for (const argument of directive.arguments ?? []) {
    const name = argument.name.value;
    if (!OPERATION_ARGUMENTS.has(name)) {
      report(argument, `"${name}" applies to variables, not to the ${operation.operation}: move it onto the variable`);
      continue;
    }
    const { value } = argument;
    if (name === 'name' || name === 'title') {
      if (value.kind !== Kind.STRING || value.value.trim() === '') report(argument, `${name} must be a non-empty string`);
      else if (name === 'name') {
        const problem = toolNameProblem(value.value);
        if (problem) report(argument, problem);
        else options.name = value.value;
      } else options.title = value.value;
    } else if (name === 'scopes') {
      const scopes = stringList(argument);
      if (!scopes || scopes.some((scope) => !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope))) {
        report(argument, 'scopes must be a list of OAuth scope names without spaces, e.g. scopes: ["repo:write"]');
      } else options.scopes = scopes;
    } else if (value.kind === Kind.BOOLEAN) {
      const hint = name as 'destructive' | 'idempotent' | 'openWorld';
      if (operation.operation === 'query' && hint !== 'openWorld') {
        report(argument, `${hint} applies to mutations: a query is read-only (and idempotent) by definition`);
      } else options[hint] = value.value;
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

  const hide = argumentOf(directive, 'hide');
  const env = argumentOf(directive, 'env');
  if (env) {
    if (env.value.kind !== Kind.STRING || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(env.value.value)) {
      report(env, 'env must name an environment variable, e.g. env: "GITHUB_ORG"');
    } else if (hide?.value.kind === Kind.BOOLEAN && !hide.value.value) {
      report(hide, `hide: false contradicts env: a variable filled from the environment is always hidden from the model`);
    } else options.hidden = { env: env.value.value };
  } else if (hide?.value.kind === Kind.BOOLEAN && hide.value.value) {
    if (!variable.defaultValue) {
      report(hide, `$${name} is hidden but has no value: give it a default ($${name}: ${print(variable.type)} = ...) or take it from the environment with env: "NAME"`);
    } else if (type) options.hidden = { value: valueFromAST(variable.defaultValue, type) };
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

/** The tool name `@mcp(name: "...")` gives an operation, if any (checked by readMcpOptions). */
export function toolNameOverride(operation: OperationDefinitionNode): string | undefined {
  const directive = mcpDirectiveOf(operation.directives);
  const name = directive && argumentOf(directive, 'name');
  return name?.value.kind === Kind.STRING ? name.value.value : undefined;
}
