/**
 * A tool's input JSON Schema, straight from the GraphQL types (no zod conversion): one named
 * definition per input type and enum (and custom scalar with a description or pattern), named
 * after it and carrying its description, referenced wherever used. Linear in the size of the shapes it covers.
 *
 * Kept to what models and clients' schema translators handle: no `$schema`, no type arrays
 * (an optional argument is its type alone; leaving it out means null), `$ref` only to `#/$defs/X`,
 * @oneOf as an object of optional fields with min/maxProperties 1, no `additionalProperties`
 * (Gemini-style translators drop it, and `properties` already lists what a tool takes: the server
 * rejects anything else with a message naming what it offers).
 *
 * Tokens matter: a selection of a type below the variable (TeamFilter with only `key`) or a second
 * selection (StringComparator_2) does not repeat the type's description, a level unfolded inside and/or/not says "as above" instead of repeating every
 * field's description, and in a selection of a comparator the operators named for what they do
 * (eq, in, lt, gte, contains, ...) go without their descriptions ("Equals constraint.").
 */
import { isEnumType, isListType, isNonNullType, type GraphQLEnumType, type GraphQLInputType, type GraphQLScalarType } from 'graphql';
import { declaredOrder, isCommonOperator, isComparator, isObjectShape, isRequiredField, type NamedShape, type ObjectShape } from './input-shape.js';

export type JsonSchema = Record<string, unknown>;

/** A variable as the model sees it. */
export interface JsonVariable {
  name: string;
  type: GraphQLInputType;
  shape: NamedShape;
  description?: string;
  defaultValue?: { value: unknown };
}

const BUILT_IN: Record<string, JsonSchema> = {
  String: { type: 'string' },
  ID: { type: 'string' },
  Int: { type: 'integer' },
  Float: { type: 'number' },
  Boolean: { type: 'boolean' },
};

/**
 * @param customScalar JSON Schema of a custom scalar by name (from its configured zod schema, once
 *   per scalar); unmapped scalars are strings.
 */
export function toolInputJsonSchema(variables: readonly JsonVariable[], customScalar: (name: string) => JsonSchema): JsonSchema {
  return new ToolSchemaWriter(customScalar).write(variables);
}

class ToolSchemaWriter {
  private readonly defs: Record<string, JsonSchema> = {};
  private readonly names = new Map<ObjectShape | GraphQLEnumType | GraphQLScalarType, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly customScalar: (name: string) => JsonSchema) {}

  /** The variables' own types: the only selected shapes that keep their type's description. */
  private readonly roots = new Set<NamedShape>();

  write(variables: readonly JsonVariable[]): JsonSchema {
    for (const variable of variables) this.roots.add(variable.shape);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const variable of variables) {
      properties[variable.name] = this.position(variable.type, variable.shape, variable.description, variable.defaultValue);
      if (isNonNullType(variable.type) && !variable.defaultValue) required.push(variable.name);
    }
    return {
      type: 'object',
      properties,
      ...(required.length > 0 ? { required } : {}),
      ...(this.names.size > 0 ? { $defs: this.defs } : {}),
    };
  }

  private position(type: GraphQLInputType, shape: NamedShape, description: string | undefined, defaultValue?: { value: unknown }, deprecation?: string | null): JsonSchema {
    const text = [description?.trim(), deprecation ? `Deprecated: ${deprecation}` : undefined].filter(Boolean).join(' ');
    const schema = { ...this.value(isNonNullType(type) ? type.ofType : type, shape) };
    if (text) schema.description = text;
    if (defaultValue && defaultValue.value !== undefined) schema.default = defaultValue.value;
    return schema;
  }

  private value(type: GraphQLInputType, shape: NamedShape): JsonSchema {
    if (isNonNullType(type)) return this.value(type.ofType, shape);
    if (isListType(type)) return { type: 'array', items: this.value(type.ofType, shape) };
    if (!isObjectShape(shape) && BUILT_IN[shape.name]) return BUILT_IN[shape.name];
    if (!isObjectShape(shape) && !isEnumType(shape)) {
      const custom = this.customScalar(shape.name);
      // A custom scalar with something to say (a description, a pattern) is said once, as a definition.
      if (!shape.description?.trim() && Object.keys(custom).length <= 1) return custom;
    }
    return { $ref: `#/$defs/${this.definition(shape)}` };
  }

  /** The definition's name, writing it on first use (named before it is written: recursion refers back). */
  private definition(shape: ObjectShape | GraphQLEnumType | GraphQLScalarType): string {
    let name = this.names.get(shape);
    if (name) return name;
    const typeName = isObjectShape(shape) ? shape.type.name : shape.name;
    name = typeName;
    for (let variant = 2; this.taken.has(name); variant++) name = `${typeName}_${variant}`;
    this.taken.add(name);
    this.names.set(shape, name);
    this.defs[name] = {}; // keeps $defs in first-use order
    if (isObjectShape(shape)) {
      this.defs[name] = this.objectDefinition(shape, name);
    } else if (isEnumType(shape)) {
      this.defs[name] = enumDefinition(shape, enumValuesDoc(shape));
    } else {
      const description = shape.description?.trim();
      this.defs[name] = { ...this.customScalar(shape.name), ...(description ? { description } : {}) };
    }
    return name;
  }

  private objectDefinition(shape: ObjectShape, name: string): JsonSchema {
    const repeated = shape.level > 0;
    const plainOperators = !shape.full && isComparator(shape.type);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const { field, target } of shape.fields) {
      const defaultValue = field.defaultValue !== undefined ? { value: field.defaultValue } : undefined;
      const describe = !repeated && !(plainOperators && isCommonOperator(field.name));
      properties[field.name] = this.position(field.type, target, describe ? (field.description ?? undefined) : undefined, defaultValue, field.deprecationReason);
      if (!shape.type.isOneOf && isRequiredField(field)) required.push(field.name);
    }
    const oneOf = shape.type.isOneOf ? `Set exactly one of: ${shape.fields.map(({ field }) => field.name).join(', ')}.` : undefined;
    // Inside a selection, the field that leads to a type says what it is for ("Filters that the
    // issue's team must satisfy."); the type's own words ("Team filtering options.") add nothing.
    // A second selection of a type does not repeat them either.
    const own = repeated
      ? `As ${shape.type.name} above, one level down.`
      : (shape.full || this.roots.has(shape)) && name === shape.type.name
        ? shape.type.description?.trim()
        : undefined;
    const description = [own, oneOf].filter(Boolean).join(' ');
    return {
      type: 'object',
      ...(description ? { description } : {}),
      properties,
      ...(required.length > 0 ? { required } : {}),
      ...(oneOf ? { minProperties: 1, maxProperties: 1 } : {}),
    };
  }
}

function enumDefinition(type: GraphQLEnumType, valuesDoc: string | undefined): JsonSchema {
  const values = declaredOrder(type.getValues(), type.astNode?.values);
  const description = [type.description?.trim(), valuesDoc].filter(Boolean).join(' ');
  return { type: 'string', ...(description ? { description } : {}), enum: values.map((value) => value.name) };
}

/**
 * Enum values with their meanings, when the schema gives any ("ACTIVE: Under active care."). A
 * meaning that only restates the value's name ("GIST: A gist.") is left out.
 */
export function enumValuesDoc(type: GraphQLEnumType): string | undefined {
  const values = declaredOrder(type.getValues(), type.astNode?.values);
  const meaningOf = (value: (typeof values)[number]) => (value.description && !restatesName(value.description, value.name) ? value.description.trim() : undefined);
  if (!values.some((value) => meaningOf(value) || value.deprecationReason)) return undefined;
  const described = values.map((value) => {
    const meaning = [meaningOf(value), value.deprecationReason ? `(deprecated: ${value.deprecationReason})` : undefined]
      .filter(Boolean)
      .join(' ');
    return meaning ? `${value.name}: ${meaning}` : value.name;
  });
  return `Values: ${described.join(' | ')}`;
}

/** "A pull request." for PULL_REQUEST: the same words, give or take articles, case and punctuation. */
function restatesName(description: string, name: string): boolean {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word && !['a', 'an', 'the'].includes(word))
      .join(' ');
  return words(description) === words(name.replace(/_/g, ' '));
}
