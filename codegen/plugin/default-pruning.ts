/**
 * What a tool offers of a big input type when its author chose nothing and the whole type would
 * not fit the tool's token budget. The rule (README "Big input types"):
 *
 * 1. required fields, always;
 * 2. the type's own scalar and enum fields;
 * 3. its recursive fields (and/or/not), unfolded one level;
 * 4. its comparator fields: input objects of scalars and enums only (`title: StringComparator`);
 * 5. its relation fields (other input objects), each with that type's own scalar, enum and
 *    comparator fields.
 *
 * Within each step fields go in schema order; a field that would take the tool over its budget
 * is left out and the next one tried. Everything left out stays reachable through
 * `@mcp(fields: [...])` on the variable.
 */
import { getNamedType, isInputObjectType, type GraphQLInputField, type GraphQLInputObjectType } from 'graphql';
import { declaredFields, isRequiredField, type ObjectShape, type Selection, type ShapeBuilder } from './input-shape.js';

/** How deep recursive fields unfold when the author says nothing. */
export const DEFAULT_DEPTH = 1;

export interface PrunedInput {
  shape: ObjectShape;
  kept: string[];
  leftOut: string[];
}

/** Required fields only: where pruning starts. */
export function minimalShape(type: GraphQLInputObjectType, builder: ShapeBuilder): ObjectShape {
  return builder.selected(type, requiredSelection(type), DEFAULT_DEPTH);
}

/** Grows the offered fields by the rule above while `fits` says the tool stays within budget. */
export function pruneToFit(type: GraphQLInputObjectType, builder: ShapeBuilder, fits: (shape: ObjectShape) => boolean): PrunedInput {
  const selection = requiredSelection(type);
  const fields = declaredFields(type);
  const candidates: [GraphQLInputField, Selection][] = [
    ...fields.filter((field) => !isInputObjectType(getNamedType(field.type))).map((field) => [field, 'all'] as [GraphQLInputField, Selection]),
    ...fields.filter((field) => getNamedType(field.type) === type).map((field) => [field, 'all'] as [GraphQLInputField, Selection]),
    ...fields.filter((field) => isComparator(getNamedType(field.type), type)).map((field) => [field, 'all'] as [GraphQLInputField, Selection]),
    ...fields.flatMap((field): [GraphQLInputField, Selection][] => {
      const named = getNamedType(field.type);
      if (!isInputObjectType(named) || named === type || isComparator(named, type)) return [];
      const own = ownFieldsSelection(named);
      return own.size > 0 ? [[field, own]] : [];
    }),
  ];
  for (const [field, below] of candidates) {
    if (selection.has(field.name)) continue;
    selection.set(field.name, below);
    if (!fits(builder.selected(type, selection, DEFAULT_DEPTH))) selection.delete(field.name);
  }
  return {
    shape: builder.selected(type, selection, DEFAULT_DEPTH),
    kept: fields.filter((field) => selection.has(field.name)).map((field) => field.name),
    leftOut: fields.filter((field) => !selection.has(field.name)).map((field) => field.name),
  };
}

function requiredSelection(type: GraphQLInputObjectType): Map<string, Selection> {
  return new Map(declaredFields(type).filter(isRequiredField).map((field) => [field.name, 'all' as Selection]));
}

/** An input object of scalars and enums only (and lists of them), other than `root`. */
function isComparator(type: ReturnType<typeof getNamedType>, root: GraphQLInputObjectType): boolean {
  return isInputObjectType(type) && type !== root && Object.values(type.getFields()).every((field) => !isInputObjectType(getNamedType(field.type)));
}

/** A relation type's own scalar, enum and comparator fields (and its required ones). */
function ownFieldsSelection(type: GraphQLInputObjectType): Map<string, Selection> {
  const selection = requiredSelection(type);
  for (const field of declaredFields(type)) {
    const named = getNamedType(field.type);
    if (!isInputObjectType(named) || isComparator(named, type)) selection.set(field.name, 'all');
  }
  return selection;
}
