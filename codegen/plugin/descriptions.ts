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

/**
 * Schema descriptions of the arguments and input fields each variable is passed to, by variable
 * name. A variable deep inside an input literal (`filter: { team: { key: { eq: $teamKey } } }`)
 * is described by its path and the descriptions along it, since the leaf's alone ("Equals
 * constraint.") tells a model nothing.
 */
export function variableUsageDescriptions(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  schema: GraphQLSchema,
): Map<string, string> {
  const found = new Map<string, string>();
  const record = (variableName: string, description: string | null | undefined) => {
    if (description && !found.has(variableName)) found.set(variableName, description.trim());
  };
  // The argument and input fields around the current node: name and schema description.
  const path: { name: string; description?: string }[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Argument: {
      enter(node) {
        const description = typeInfo.getArgument()?.description ?? undefined;
        path.push({ name: node.name.value, description });
        if (node.value.kind === Kind.VARIABLE) record(node.value.name.value, description);
      },
      leave() {
        path.pop();
      },
    },
    ObjectField: {
      enter(node) {
        const parent = typeInfo.getParentInputType();
        const inputObject = parent ? getNamedType(parent) : undefined;
        const description = isInputObjectType(inputObject) ? (inputObject.getFields()[node.name.value]?.description ?? undefined) : undefined;
        path.push({ name: node.name.value, description });
        if (node.value.kind === Kind.VARIABLE) record(node.value.name.value, path.length > 2 ? pathDescription(path) : description);
      },
      leave() {
        path.pop();
      },
    },
  });
  for (const definition of [operation, ...fragmentsUsedBy(operation, fragments)]) visit(definition, visitor);
  return found;
}

/** "filter.team.key.eq: filter: Filter returned issues. team: Filters that … eq: Equals constraint." */
function pathDescription(path: readonly { name: string; description?: string }[]): string {
  const steps = path.flatMap((step) => (step.description?.trim() ? [`${step.name}: ${step.description.trim()}`] : []));
  return `Sets ${path.map((step) => step.name).join('.')}.${steps.length > 0 ? ` ${steps.join(' ')}` : ''}`;
}

/**
 * A schema description without its "Defaults to 50." wording, for a variable whose operation
 * gives its own default (the schema's would be wrong; the JSON Schema shows the operation's).
 */
export function withoutDefaultWording(description: string): string {
  return description
    .replace(/\s*\((?:defaults? to|default:|default is)[^)]*\)/gi, '')
    .replace(/\s*\b(?:defaults? to|default:|default is|by default,? )[^.]*\.?/gi, '')
    .trim();
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
