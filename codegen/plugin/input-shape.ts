/**
 * What a tool offers of a GraphQL input type: the fields the model sees and how deep recursive
 * fields (and/or/not) unfold. Both emitters read shapes, so the JSON Schema the model sees and the
 * zod schema that validates a call always agree.
 *
 * A full shape is the GraphQL type as it is (cyclic where the type is recursive). A selected shape
 * keeps chosen fields only; its recursion is unfolded a fixed number of levels, so it is a tree.
 */
import {
  getNamedType,
  isInputObjectType,
  isNonNullType,
  type GraphQLEnumType,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLNamedInputType,
  type GraphQLScalarType,
} from 'graphql';

export interface ObjectShape {
  kind: 'object';
  type: GraphQLInputObjectType;
  fields: FieldShape[];
  /** The whole GraphQL type, every field, recursion as in the schema. */
  full: boolean;
  /** Equal keys mean equal shapes: the type name for full shapes. */
  key: string;
  /** 0 at the level the variable starts; 1 and more inside recursive fields (and/or/not) unfolded. */
  level: number;
}

export type NamedShape = ObjectShape | GraphQLScalarType | GraphQLEnumType;

export interface FieldShape {
  field: GraphQLInputField;
  target: NamedShape;
}

/** Which fields to keep: all of them, or some, each with what to keep below it. */
export type Selection = 'all' | Map<string, Selection>;

export function isObjectShape(shape: NamedShape): shape is ObjectShape {
  return (shape as ObjectShape).kind === 'object';
}

/** A field that must be given: non-null and without a default. */
export function isRequiredField(field: GraphQLInputField): boolean {
  return isNonNullType(field.type) && field.defaultValue === undefined;
}

/** Input fields in the order the schema file declares them (codegen hands plugins a sorted schema). */
export function declaredFields(type: GraphQLInputObjectType): GraphQLInputField[] {
  return declaredOrder(Object.values(type.getFields()), type.astNode?.fields);
}

export function declaredOrder<T extends { name: string }>(items: readonly T[], declared: readonly { name: { value: string } }[] | undefined): T[] {
  if (!declared) return [...items];
  const position = new Map(declared.map((node, index) => [node.name.value, index]));
  return [...items].sort((a, b) => (position.get(a.name) ?? Infinity) - (position.get(b.name) ?? Infinity));
}

/** Builds and interns shapes, so equal shapes are one object (one declaration, one definition). */
export class ShapeBuilder {
  private readonly fullShapes = new Map<string, ObjectShape>();
  private readonly selectedShapes = new Map<string, ObjectShape>();

  /** A named input type as it is. */
  full(type: GraphQLNamedInputType): NamedShape {
    if (!isInputObjectType(type)) return type;
    let shape = this.fullShapes.get(type.name);
    if (!shape) {
      shape = { kind: 'object', type, fields: [], full: true, key: type.name, level: 0 };
      this.fullShapes.set(type.name, shape); // before the fields: recursive types refer back to it
      shape.fields = declaredFields(type).map((field) => ({ field, target: this.full(getNamedType(field.type)) }));
    }
    return shape;
  }

  /**
   * The chosen fields of a type. A field whose type encloses it (and/or/not, parent, ...) offers
   * the enclosing level's selection again, `depth` more times; at 0 it is left out.
   */
  selected(type: GraphQLInputObjectType, selection: Selection, depth: number): ObjectShape {
    return this.select(type, selection, depth, [], 0);
  }

  private select(
    type: GraphQLInputObjectType,
    selection: Selection,
    depth: number,
    enclosing: { type: GraphQLInputObjectType; selection: Selection }[],
    level: number,
  ): ObjectShape {
    const path = [...enclosing, { type, selection }];
    const fields: FieldShape[] = [];
    for (const field of declaredFields(type)) {
      const below = selection === 'all' ? 'all' : selection.get(field.name);
      if (below === undefined) continue;
      const named = getNamedType(field.type);
      if (!isInputObjectType(named)) {
        fields.push({ field, target: named });
        continue;
      }
      const repeated = [...path].reverse().find((level) => level.type === named);
      if (repeated) {
        if (depth > 0) fields.push({ field, target: this.select(named, repeated.selection, depth - 1, path.slice(0, path.indexOf(repeated)), level + 1) });
        continue;
      }
      fields.push({ field, target: this.select(named, below, depth, path, 0) });
    }
    const key = `${type.name}${level > 0 ? `@${level}` : ''}(${fields.map(({ field, target }) => (isObjectShape(target) ? `${field.name}:${target.key}` : field.name)).join(',')})`;
    let shape = this.selectedShapes.get(key);
    if (!shape) {
      shape = { kind: 'object', type, fields, full: false, key, level };
      this.selectedShapes.set(key, shape);
    }
    return shape;
  }
}

/** A selection from dotted paths ("title.eq", "and"): a path ending at an input object keeps all of it. */
export function selectionFromPaths(paths: readonly string[]): Map<string, Selection> {
  const root = new Map<string, Selection>();
  for (const path of paths) {
    let level = root;
    const segments = path.split('.');
    for (const [index, segment] of segments.entries()) {
      const existing = level.get(segment);
      if (index === segments.length - 1) {
        level.set(segment, 'all');
        break;
      }
      if (existing === 'all') break; // already whole
      const next = existing ?? new Map<string, Selection>();
      level.set(segment, next);
      level = next;
    }
  }
  return root;
}

/** An input object of scalars and enums only (and lists of them): `StringComparator`, `Int_comparison_exp`. */
export function isComparator(type: GraphQLNamedInputType): type is GraphQLInputObjectType {
  return isInputObjectType(type) && Object.values(type.getFields()).every((field) => !isInputObjectType(getNamedType(field.type)));
}

/**
 * Operators a model reaches for first and understands by name, compared ignoring case and leading
 * underscores (Hasura's `_eq`, Prisma's `equals`, Linear's `containsIgnoreCase`).
 */
const COMMON_OPERATORS = new Set(['eq', 'equals', 'in', 'contains', 'containsignorecase', 'ilike', 'like', 'lt', 'lte', 'gt', 'gte', 'null', 'isnull', 'is_null']);

export function isCommonOperator(fieldName: string): boolean {
  return COMMON_OPERATORS.has(fieldName.replace(/^_+/, '').toLowerCase());
}
