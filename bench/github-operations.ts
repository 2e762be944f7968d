/**
 * Makes N realistic operations against GitHub's public schema: mutations with their `input`, and
 * queries down a path of fields with arguments (`repositoryOwner(login) { repositories(first,
 * orderBy) { nodes {...} } }`), each selecting scalar fields two levels deep and carrying a `#`
 * comment. Deterministic: the same N gives the same files.
 */
import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

interface Operation {
  name: string;
  text: string;
}

const MAX_SCALARS = 6;
const MAX_OBJECTS = 2;
/** Levels of object selections below the operation's own fields. */
const MAX_DEPTH = 2;
const MAX_OPTIONAL_ARGS = 2;

/** The first `count` operations as files: relative path -> text. */
export function githubOperationFiles(schema: GraphQLSchema, count: number): Record<string, string> {
  const operations = githubOperations(schema);
  if (operations.length < count) throw new Error(`only ${operations.length} operations could be made from GitHub's schema, ${count} asked`);
  return Object.fromEntries(operations.slice(0, count).map((operation, index) => [`${String(index).padStart(4, '0')}-${operation.name}.graphql`, operation.text]));
}

/** All operations, in a fixed pseudo-random order, so that any prefix mixes queries and mutations. */
export function githubOperations(schema: GraphQLSchema): Operation[] {
  const paths: { kind: 'query' | 'mutation'; fields: Field[] }[] = [];
  for (const field of usable(Object.values(schema.getMutationType()?.getFields() ?? {}))) paths.push({ kind: 'mutation', fields: [field] });
  // Queries: a root field, then a field of its type, then (for more variety) a field with arguments below that.
  for (const root of usable(Object.values(schema.getQueryType()!.getFields()))) {
    const rootType = getNamedType(root.type);
    if (!isObjectType(rootType)) continue;
    for (const child of usable(Object.values(rootType.getFields()))) {
      const childType = getNamedType(child.type);
      if (!isComposite(childType)) continue;
      paths.push({ kind: 'query', fields: [root, child] });
      if (!isObjectType(childType) || child.args.length > 0) continue;
      for (const grandchild of usable(Object.values(childType.getFields()))) {
        if (grandchild.args.length > 0 && isComposite(getNamedType(grandchild.type))) paths.push({ kind: 'query', fields: [root, child, grandchild] });
      }
    }
  }
  const operations = paths.map((path) => operation(path.kind, path.fields));
  operations.sort((a, b) => fnv1a(a.name) - fnv1a(b.name) || a.name.localeCompare(b.name));
  return uniqueNames(operations);
}

type Field = GraphQLField<unknown, unknown>;

function usable(fields: Field[]): Field[] {
  return fields.filter((field) => !field.deprecationReason);
}

/** A stable hash, for an order that looks random but never changes. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function operation(kind: 'query' | 'mutation', fields: Field[]): Operation {
  const variables: string[] = [];
  const used = new Set<string>();
  const callOf = (field: Field) => {
    const args = [...field.args.filter(isRequired), ...field.args.filter((arg) => !isRequired(arg)).slice(0, MAX_OPTIONAL_ARGS)];
    if (args.length === 0) return field.name;
    const passed = args.map((arg) => {
      const name = used.has(arg.name) ? `${field.name}${arg.name[0].toUpperCase()}${arg.name.slice(1)}` : arg.name;
      used.add(name);
      variables.push(`$${name}: ${String(arg.type)}`);
      return `${arg.name}: $${name}`;
    });
    return `${field.name}(${passed.join(', ')})`;
  };
  const calls = fields.map(callOf);
  // Nested calls; the innermost gets the scalar selection.
  const last = fields[fields.length - 1];
  let body = selection(getNamedType(last.type), 0, '  '.repeat(fields.length + 1));
  for (let level = fields.length - 1; level >= 0; level--) {
    const indent = '  '.repeat(level + 1);
    body = `${indent}${calls[level]} {\n${body}\n${indent}}`;
  }
  const name = shortName(fields.map((field) => field.name));
  const described = last.description?.replace(/\s+/g, ' ').trim().split(/(?<=\.)\s/)[0] ?? '';
  const comment = `# ${kind === 'query' ? 'Read' : 'Change'} ${fields.map((field) => field.name).join('.')} on GitHub. ${described}`.trim();
  const header = variables.length > 0 ? `${kind} ${name}(${variables.join(', ')})` : `${kind} ${name}`;
  return { name, text: `${comment}\n${header} {\n${body}\n}\n` };

  function selection(type: GraphQLNamedType, depth: number, indent: string): string {
    if (!isObjectType(type) && !isInterfaceType(type)) return `${indent}__typename`;
    const fields = Object.values(type.getFields()).filter((field) => !field.deprecationReason && !field.args.some(isRequired));
    const scalars = fields.filter((field) => isLeaf(getNamedType(field.type))).slice(0, MAX_SCALARS);
    const lines = scalars.map((field) => `${indent}${field.name}`);
    if (depth < MAX_DEPTH) {
      // Connections: nodes and pageInfo first, as a real query pages through them.
      const objects = fields
        .filter((field) => isComposite(getNamedType(field.type)))
        .sort((a, b) => rank(a.name) - rank(b.name))
        .slice(0, MAX_OBJECTS);
      for (const field of objects) lines.push(`${indent}${field.name} {\n${selection(getNamedType(field.type), depth + 1, `${indent}  `)}\n${indent}}`);
    }
    return lines.length > 0 ? lines.join('\n') : `${indent}__typename`;
  }
}

function rank(name: string): number {
  return name === 'nodes' ? 0 : name === 'pageInfo' ? 1 : 2;
}

function isRequired(arg: GraphQLArgument): boolean {
  return isNonNullType(arg.type) && arg.defaultValue === undefined;
}

function isLeaf(type: GraphQLNamedType): boolean {
  return isScalarType(type) || isEnumType(type);
}

function isComposite(type: GraphQLNamedType): boolean {
  return isObjectType(type) || isInterfaceType(type);
}

/** Tool names (snake_case of this) must stay within 64 characters: drop middle fields, then cut. */
function shortName(path: string[]): string {
  const candidates = [path, [path[0], path[path.length - 1]], [path[path.length - 1]]];
  const fits = candidates.map((parts) => pascal(parts.join('_'))).find((name) => snakeLength(name) <= 56);
  return fits ?? pascal(path[path.length - 1]).slice(0, 40);
}

function snakeLength(name: string): number {
  return name.length + (name.match(/[A-Z]/g)?.length ?? 1) - 1;
}

function pascal(text: string): string {
  return text
    .split(/[_\s]+|(?=[A-Z])/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Tool names are snake_case of operation names: keep both unique by numbering repeats. */
function uniqueNames(operations: Operation[]): Operation[] {
  const seen = new Map<string, number>();
  return operations.map((operation) => {
    const key = operation.name.toLowerCase();
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    if (count === 0) return operation;
    const name = `${operation.name}${count + 1}`;
    return { name, text: operation.text.replace(new RegExp(`(query|mutation) ${operation.name}\\b`), `$1 ${name}`) };
  });
}
