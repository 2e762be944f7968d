/**
 * What a tool offers of a big input type when its author chose nothing and the whole type would
 * not fit the tool's token budget. The rule (README "Big input types"):
 *
 * 1. required fields, always (a required input object with its own required fields; its
 *    optional ones follow by steps 2-4 once the variable's own type is done);
 * 2. the type's own scalar and enum fields;
 * 3. its recursive fields (and/or/not), unfolded one level;
 * 4. in schema order, its comparator fields (input objects of scalars and enums only, e.g.
 *    `title: StringComparator`) and its relation fields (other input objects, e.g.
 *    `team: TeamFilter`). A comparator keeps its common operators (COMMON_OPERATORS: eq, in,
 *    contains, lt, gte, ...; all of them when it has none of these); a relation keeps its own
 *    scalar and enum fields and its text comparators (name, key, email, ...), likewise trimmed.
 *
 * A field that would take the tool over its budget is left out and the next one tried.
 * Everything left out stays reachable through `@mcp(fields: [...])` on the variable.
 */
import { getNamedType, isInputObjectType, type GraphQLInputField, type GraphQLInputObjectType } from 'graphql';
import { declaredFields, isCommonOperator, isComparator, isRequiredField, type ObjectShape, type Selection, type ShapeBuilder } from './input-shape.js';

/** How deep recursive fields unfold when the author says nothing. */
export const DEFAULT_DEPTH = 1;

export interface PrunedInput {
  shape: ObjectShape;
  kept: string[];
  leftOut: string[];
}

/** Required fields only: where pruning starts. */
export function minimalShape(type: GraphQLInputObjectType, builder: ShapeBuilder): ObjectShape {
  const selection = new Map<string, Selection>();
  requiredInto(type, selection, type, []);
  return builder.selected(type, selection, DEFAULT_DEPTH);
}

/** Grows the offered fields by the rule above while `fits` says the tool stays within budget. */
export function pruneToFit(type: GraphQLInputObjectType, builder: ShapeBuilder, fits: (shape: ObjectShape) => boolean): PrunedInput {
  const selection = new Map<string, Selection>();
  // The variable's type first, then each required input object inside it (their optional fields by the same rule).
  const levels: Level[] = [];
  requiredInto(type, selection, type, levels);
  levels.unshift({ type, selection });
  for (const level of levels) {
    for (const [field, below] of candidatesOf(level.type, type)) {
      if (level.selection.has(field.name)) continue;
      level.selection.set(field.name, below);
      if (!fits(builder.selected(type, selection, DEFAULT_DEPTH))) level.selection.delete(field.name);
    }
  }
  const fields = declaredFields(type);
  return {
    shape: builder.selected(type, selection, DEFAULT_DEPTH),
    kept: fields.filter((field) => selection.has(field.name)).map((field) => field.name),
    leftOut: fields.filter((field) => !selection.has(field.name)).map((field) => field.name),
  };
}

interface Level {
  type: GraphQLInputObjectType;
  selection: Map<string, Selection>;
}

/** Steps 2-4 of the rule for one input object, in order. */
function candidatesOf(type: GraphQLInputObjectType, root: GraphQLInputObjectType): [GraphQLInputField, Selection][] {
  const fields = declaredFields(type);
  const recursive = (field: GraphQLInputField) => getNamedType(field.type) === type || getNamedType(field.type) === root;
  return [
    ...fields.filter((field) => !isInputObjectType(getNamedType(field.type))).map((field): [GraphQLInputField, Selection] => [field, 'all']),
    ...fields.filter(recursive).map((field): [GraphQLInputField, Selection] => [field, 'all']),
    ...fields.flatMap((field): [GraphQLInputField, Selection][] => {
      const named = getNamedType(field.type);
      if (!isInputObjectType(named) || recursive(field)) return [];
      if (isComparator(named)) return [[field, commonOperators(named)]];
      const own = relationSelection(named);
      return own.size > 0 ? [[field, own]] : [];
    }),
  ];
}

/**
 * Step 1: a type's required fields into `selection`; a required input object gets its own
 * required fields (recursively), and is listed in `levels` to grow later.
 */
function requiredInto(type: GraphQLInputObjectType, selection: Map<string, Selection>, root: GraphQLInputObjectType, levels: Level[], seen = new Set<GraphQLInputObjectType>([type])): void {
  for (const field of declaredFields(type).filter(isRequiredField)) {
    const named = getNamedType(field.type);
    if (!isInputObjectType(named) || isComparator(named) || seen.has(named) || named === root) {
      selection.set(field.name, 'all');
      continue;
    }
    const inner = new Map<string, Selection>();
    selection.set(field.name, inner);
    levels.push({ type: named, selection: inner });
    requiredInto(named, inner, root, levels, new Set([...seen, named]));
  }
}

function requiredSelection(type: GraphQLInputObjectType): Map<string, Selection> {
  return new Map(declaredFields(type).filter(isRequiredField).map((field) => [field.name, 'all' as Selection]));
}

function commonOperators(comparator: GraphQLInputObjectType): Selection {
  const selection = requiredSelection(comparator);
  for (const field of declaredFields(comparator)) {
    if (isCommonOperator(field.name)) selection.set(field.name, 'all');
  }
  return selection.size > 0 ? selection : 'all';
}

/** A relation type's own scalar and enum fields and its text comparators (and its required fields). */
function relationSelection(type: GraphQLInputObjectType): Map<string, Selection> {
  const selection = requiredSelection(type);
  for (const field of declaredFields(type)) {
    const named = getNamedType(field.type);
    if (!isInputObjectType(named)) selection.set(field.name, 'all');
    else if (isComparator(named) && comparesText(named)) selection.set(field.name, commonOperators(named));
  }
  return selection;
}

/** A comparator whose operators take strings (not IDs, numbers or dates). */
function comparesText(comparator: GraphQLInputObjectType): boolean {
  return Object.values(comparator.getFields()).some((field) => getNamedType(field.type).name === 'String');
}
