/**
 * A tool's input JSON Schema, straight from the GraphQL types (no zod conversion): one named
 * definition per input type and enum, named after it and carrying its description, referenced
 * wherever used. Linear in the size of the shapes it covers.
 *
 * Kept to what models and clients' schema translators handle: no `$schema`, no type arrays
 * (an optional argument is its type alone; leaving it out means null), `$ref` only to `#/$defs/X`,
 * @oneOf as an object of optional fields with min/maxProperties 1.
 */
import { isEnumType, isListType, isNonNullType, isSpecifiedScalarType, type GraphQLEnumType, type GraphQLInputType } from 'graphql';
import { declaredOrder, isObjectShape, isRequiredField, type NamedShape, type ObjectShape } from './input-shape.js';

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
  private readonly names = new Map<ObjectShape | GraphQLEnumType, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly customScalar: (name: string) => JsonSchema) {}

  write(variables: readonly JsonVariable[]): JsonSchema {
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
      additionalProperties: false,
      ...(this.names.size > 0 ? { $defs: this.defs } : {}),
    };
  }

  private position(type: GraphQLInputType, shape: NamedShape, description: string | undefined, defaultValue?: { value: unknown }, deprecation?: string | null): JsonSchema {
    const schema = { ...this.value(isNonNullType(type) ? type.ofType : type, shape) };
    const text = [description?.trim() || scalarDescription(shape), deprecation ? `Deprecated: ${deprecation}` : undefined].filter(Boolean).join(' ');
    if (text) schema.description = text;
    if (defaultValue && defaultValue.value !== undefined) schema.default = defaultValue.value;
    return schema;
  }

  private value(type: GraphQLInputType, shape: NamedShape): JsonSchema {
    if (isNonNullType(type)) return this.value(type.ofType, shape);
    if (isListType(type)) return { type: 'array', items: this.value(type.ofType, shape) };
    if (isObjectShape(shape) || isEnumType(shape)) return { $ref: `#/$defs/${this.definition(shape)}` };
    return BUILT_IN[shape.name] ?? this.customScalar(shape.name);
  }

  /** The definition's name, writing it on first use (named before it is written: recursion refers back). */
  private definition(shape: ObjectShape | GraphQLEnumType): string {
    let name = this.names.get(shape);
    if (name) return name;
    const typeName = isEnumType(shape) ? shape.name : shape.type.name;
    name = typeName;
    for (let variant = 2; this.taken.has(name); variant++) name = `${typeName}_${variant}`;
    this.taken.add(name);
    this.names.set(shape, name);
    this.defs[name] = {}; // keeps $defs in first-use order
    this.defs[name] = isEnumType(shape) ? enumDefinition(shape) : this.objectDefinition(shape);
    return name;
  }

  private objectDefinition(shape: ObjectShape): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const { field, target } of shape.fields) {
      const defaultValue = field.defaultValue !== undefined ? { value: field.defaultValue } : undefined;
      properties[field.name] = this.position(field.type, target, field.description ?? undefined, defaultValue, field.deprecationReason);
      if (!shape.type.isOneOf && isRequiredField(field)) required.push(field.name);
    }
    const oneOf = shape.type.isOneOf ? `Set exactly one of: ${shape.fields.map(({ field }) => field.name).join(', ')}.` : undefined;
    const description = [shape.type.description?.trim(), oneOf].filter(Boolean).join(' ');
    return {
      type: 'object',
      ...(description ? { description } : {}),
      properties,
      ...(required.length > 0 ? { required } : {}),
      ...(oneOf ? { minProperties: 1, maxProperties: 1 } : {}),
      additionalProperties: false,
    };
  }
}

function enumDefinition(type: GraphQLEnumType): JsonSchema {
  const values = declaredOrder(type.getValues(), type.astNode?.values);
  const description = [type.description?.trim(), enumValuesDoc(type)].filter(Boolean).join(' ');
  return { type: 'string', ...(description ? { description } : {}), enum: values.map((value) => value.name) };
}

/** A custom scalar's own description, for positions that have none (built-in scalars say nothing new). */
function scalarDescription(shape: NamedShape): string | undefined {
  if (isObjectShape(shape) || isEnumType(shape) || isSpecifiedScalarType(shape)) return undefined;
  return shape.description?.trim() || undefined;
}

/** Enum values with their meanings, when the schema gives any ("ACTIVE: Under active care."). */
export function enumValuesDoc(type: GraphQLEnumType): string | undefined {
  const values = declaredOrder(type.getValues(), type.astNode?.values);
  if (!values.some((value) => value.description || value.deprecationReason)) return undefined;
  const described = values.map((value) => {
    const meaning = [value.description?.trim(), value.deprecationReason ? `(deprecated: ${value.deprecationReason})` : undefined]
      .filter(Boolean)
      .join(' ');
    return meaning ? `${value.name}: ${meaning}` : value.name;
  });
  return `Values: ${described.join(' | ')}`;
}
