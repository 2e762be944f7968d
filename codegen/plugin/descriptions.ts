import {
  Kind,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  visit,
  visitWithTypeInfo,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { commentBefore, commentBlockAbove } from './comments.js';

/**
 * A tool's description: the `"""` description of the operation, else the `#` comment block
 * directly above it, else the schema descriptions of the root fields it selects. Never empty.
 */
export function operationDescription(operation: OperationDefinitionNode, schema: GraphQLSchema): string {
  const own = operation.description?.value.trim() || commentBlockAbove(operation.loc?.startToken);
  if (own) return own;
  const rootType = schema.getRootType(operation.operation);
  const rootFields = operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.name.value] : [],
  );
  const described = rootFields.flatMap((fieldName) => {
    const description = rootType?.getFields()[fieldName]?.description?.trim();
    return description ? [{ fieldName, description }] : [];
  });
  if (described.length === 1) return described[0].description;
  if (described.length > 1) return described.map((d) => `${d.fieldName}: ${d.description}`).join('\n');
  const name = operation.name?.value ?? 'anonymous';
  return `Runs the GraphQL ${operation.operation} ${name} (root fields: ${rootFields.join(', ') || 'none'}).`;
}

/** Schema descriptions of the arguments and input fields each variable is passed to, by variable name. */
export function variableUsageDescriptions(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  schema: GraphQLSchema,
): Map<string, string> {
  const found = new Map<string, string>();
  const record = (variableName: string, description: string | null | undefined) => {
    if (description && !found.has(variableName)) found.set(variableName, description.trim());
  };
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE) record(node.value.name.value, typeInfo.getArgument()?.description);
    },
    ObjectField(node) {
      if (node.value.kind !== Kind.VARIABLE) return;
      const parent = typeInfo.getParentInputType();
      const inputObject = parent ? getNamedType(parent) : undefined;
      if (isInputObjectType(inputObject)) {
        record(node.value.name.value, inputObject.getFields()[node.name.value]?.description);
      }
    },
  });
  for (const definition of [operation, ...fragmentsUsedBy(operation, fragments)]) visit(definition, visitor);
  return found;
}

/** A variable's own description: its `"""` description or the `#` comment right before it. */
export function variableOwnDescription(variable: VariableDefinitionNode): string | undefined {
  const withDescription = variable as VariableDefinitionNode & { description?: { value: string } };
  return withDescription.description?.value.trim() || commentBefore(variable.loc?.startToken);
}

/** Every fragment an operation spreads, directly or through other fragments. */
export function fragmentsUsedBy(
  root: DefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [root];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !used.has(node.name.value)) {
          used.set(node.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...used.values()];
}
