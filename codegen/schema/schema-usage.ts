import {
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
} from 'graphql';
import { fragmentsUsedBy } from '../plugin/descriptions.js';

/**
 * The schema coordinates a tool depends on, in the GraphQL schema-coordinate syntax:
 * `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive`, `@directive(arg:)`.
 *
 * - every type it touches: root, parent and result types, fragment conditions, variable types;
 * - output fields it selects and arguments it passes;
 * - input fields and enum values it can send: those written as literals, and every one reachable
 *   through its variables' types (the model may send any of them through the tool's input schema).
 *
 * Enum values that are only returned are not listed (only their enum type is): a value the API
 * stops returning breaks nothing.
 */
export function schemaCoordinatesUsedBy(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  schema: GraphQLSchema,
): Set<string> {
  const used = new Set<string>();
  const addType = (type: GraphQLType | null | undefined) => {
    if (type) used.add(getNamedType(type).name);
  };
  const walked = new Set<string>(); // input types already expanded, so recursive inputs end
  const addSendable = (type: GraphQLType | null | undefined) => {
    if (!type) return;
    const named = getNamedType(type);
    used.add(named.name);
    if (walked.has(named.name)) return;
    walked.add(named.name);
    if (isEnumType(named)) {
      for (const value of named.getValues()) used.add(`${named.name}.${value.name}`);
    } else if (isInputObjectType(named)) {
      for (const field of Object.values(named.getFields())) {
        used.add(`${named.name}.${field.name}`);
        addSendable(field.type);
      }
    }
  };

  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    OperationDefinition() {
      addType(schema.getRootType(operation.operation));
    },
    VariableDefinition(node) {
      addSendable(typeFromAST(schema, node.type as never));
    },
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field || node.name.value.startsWith('__')) return;
      used.add(parent.name);
      used.add(`${parent.name}.${field.name}`);
      addType(field.type);
    },
    Argument() {
      const argument = typeInfo.getArgument();
      if (!argument) return;
      const directive = typeInfo.getDirective();
      const field = typeInfo.getFieldDef();
      const parent = typeInfo.getParentType();
      if (directive) used.add(`@${directive.name}(${argument.name}:)`);
      else if (field && parent) used.add(`${parent.name}.${field.name}(${argument.name}:)`);
      addType(argument.type);
    },
    ObjectField(node) {
      const parent = typeInfo.getParentInputType();
      const inputObject = parent ? getNamedType(parent) : undefined;
      if (isInputObjectType(inputObject)) used.add(`${inputObject.name}.${node.name.value}`);
      addType(typeInfo.getInputType());
    },
    EnumValue(node) {
      const type = typeInfo.getInputType();
      const named = type ? getNamedType(type) : undefined;
      if (isEnumType(named)) used.add(`${named.name}.${node.value}`);
    },
    Directive(node) {
      used.add(`@${node.name.value}`);
    },
    InlineFragment(node) {
      if (node.typeCondition) used.add(node.typeCondition.name.value);
    },
    FragmentDefinition(node) {
      used.add(node.typeCondition.name.value);
    },
  });
  for (const definition of [operation, ...fragmentsUsedBy(operation, fragments)]) visit(definition, visitor);
  return used;
}
