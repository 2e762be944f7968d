import {
  Kind,
  TypeInfo,
  getNamedType,
  isScalarType,
  isInputObjectType,
  isSpecifiedScalarType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { diagnosticAt, type Diagnostic } from './diagnostics.js';
import type { OperationFile } from './operation-checks.js';

/**
 * The custom scalars the operations use, as arguments (through their variables, also inside input
 * objects) or in results, that codegen.ts does not map: each once, at its first use, with the exact
 * `scalars` entry to add. Unmapped, an input is accepted as any string and a result is not
 * checked at all (any JSON value), which the model and the user should not find out by accident.
 */
export function unmappedScalars(schema: GraphQLSchema, files: readonly OperationFile[], mapped: ReadonlySet<string>, configName: string): Diagnostic[] {
  const uses = new Map<string, { file: string; node: ASTNode; input: boolean; result: boolean; count: number }>();
  const note = (type: GraphQLNamedType | undefined, file: string, node: ASTNode, side: 'input' | 'result') => {
    if (!type || !isScalarType(type) || isSpecifiedScalarType(type) || mapped.has(type.name)) return;
    const use = uses.get(type.name) ?? { file, node, input: false, result: false, count: 0 };
    use[side] = true;
    use.count++;
    uses.set(type.name, use);
  };
  for (const file of files) {
    const typeInfo = new TypeInfo(schema);
    visit(
      file.document,
      visitWithTypeInfo(typeInfo, {
        [Kind.VARIABLE_DEFINITION]: (node) => {
          const type = typeFromAST(schema, node.type as never) as GraphQLInputType | undefined;
          for (const scalar of scalarsInInput(type)) note(scalar, file.location, node, 'input');
        },
        [Kind.FIELD]: (node) => {
          if (!node.selectionSet) note(getNamedType(typeInfo.getType() ?? undefined) ?? undefined, file.location, node, 'result');
        },
      }),
    );
  }
  return [...uses.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, use]) => {
      const side = use.input && use.result ? 'in arguments and results' : use.input ? 'in arguments' : 'in results';
      const effect = [use.input ? 'accepted as any string' : '', use.result ? 'returned unchecked (any JSON value)' : ''].filter(Boolean).join(' and ');
      return diagnosticAt(
        use.file,
        use.node,
        `custom scalar ${name} has no mapping (used ${side}, ${use.count} place(s)); it is ${effect}. ` +
          `Add it to \`scalars\` in ${configName}: ${name}: { type: 'string', schema: 'z.string()' }, (use the TypeScript type and zod schema of its values)`,
      );
    });
}

/** The scalars an input type can carry, through nested input objects. */
function scalarsInInput(type: GraphQLInputType | undefined, seen = new Set<string>()): GraphQLNamedType[] {
  const named = type ? getNamedType(type) : undefined;
  if (!named || seen.has(named.name)) return [];
  seen.add(named.name);
  if (isScalarType(named)) return [named];
  if (!isInputObjectType(named)) return [];
  return Object.values(named.getFields()).flatMap((field) => scalarsInInput(field.type, seen));
}
