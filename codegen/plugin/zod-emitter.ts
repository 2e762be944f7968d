import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLEnumType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLList,
  type GraphQLNamedInputType,
} from 'graphql';
import { BUILT_IN_SCALARS } from './built-in-scalars.js';

/** An input type that is not wrapped in non-null. */
type GraphQLNullableInputType = GraphQLNamedInputType | GraphQLList<GraphQLInputType>;

export interface ZodEmitterOptions {
  /** Zod expressions for custom scalars, e.g. { DateTime: 'z.iso.datetime()' }. */
  scalarSchemas: Record<string, string>;
  /** Namespace the operations module is imported as (holds the TypeScript input types). */
  typesNamespace: string;
  warn(message: string): void;
}

/** Where a value sits: a variable or an input field, with what the model should know about it. */
export interface InputPosition {
  type: GraphQLInputType;
  description?: string;
  /** Present when the position has a default value (already converted to a JS value). */
  defaultValue?: { value: unknown };
  deprecationReason?: string | null;
}

/**
 * Turns GraphQL input types into zod source code. Enums and input objects become named constants
 * (declared once, shared by every tool); input objects are lazy so recursive inputs work.
 */
export class ZodEmitter {
  private readonly declarations = new Map<string, string>();
  private readonly warnedScalars = new Set<string>();

  constructor(private readonly options: ZodEmitterOptions) {}

  /** Zod for a variable or input field: nullable means optional, defaults and docs are visible to the model. */
  position(position: InputPosition): string {
    const { type } = position;
    let expression = isNonNullType(type) ? this.value(type.ofType) : `${this.value(type)}.nullish()`;
    if (position.defaultValue && position.defaultValue.value !== undefined) {
      expression += `.default(${JSON.stringify(position.defaultValue.value)})`;
    }
    const description = this.describe(position);
    if (description) expression += `.describe(${JSON.stringify(description)})`;
    return expression;
  }

  /** The named constants, in a stable order, to emit before anything that uses them. */
  emitDeclarations(): string {
    return [...this.declarations.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, code]) => code)
      .join('\n\n');
  }

  private value(type: GraphQLNullableInputType): string {
    if (isListType(type)) {
      const item = type.ofType;
      return `z.array(${isNonNullType(item) ? this.value(item.ofType) : `${this.value(item)}.nullable()`})`;
    }
    return this.named(type);
  }

  /** The shared constant for an enum, declared on first use (output schemas use it too). */
  enumSchema(type: GraphQLEnumType): string {
    return this.declare(type.name, () => this.enumDeclaration(type));
  }

  private named(type: GraphQLNamedInputType): string {
    if (isScalarType(type)) return this.scalar(type.name);
    if (isEnumType(type)) return this.enumSchema(type);
    return this.declare(type.name, () => this.inputObjectDeclaration(type));
  }

  private scalar(name: string): string {
    const configured = this.options.scalarSchemas[name];
    if (configured) return configured;
    if (BUILT_IN_SCALARS[name]) return BUILT_IN_SCALARS[name];
    if (!this.warnedScalars.has(name)) {
      this.warnedScalars.add(name);
      this.options.warn(
        `custom scalar ${name} has no zod schema: it is accepted as a string. ` +
          `Map it under \`scalars\` in codegen.ts, e.g. ${name}: { type: 'string', schema: 'z.string()' },`,
      );
    }
    return 'z.string()';
  }

  private declare(typeName: string, build: () => string): string {
    const constant = `${typeName}Schema`;
    if (!this.declarations.has(typeName)) {
      this.declarations.set(typeName, ''); // reserve first: recursive inputs refer back to themselves
      this.declarations.set(typeName, build());
    }
    return constant;
  }

  private enumDeclaration(type: GraphQLEnumType): string {
    const values = declaredOrder(type.getValues(), type.astNode?.values).map((value) => JSON.stringify(value.name));
    return `const ${type.name}Schema = z.enum([${values.join(', ')}]);`;
  }

  private inputObjectDeclaration(type: GraphQLInputObjectType): string {
    const fields = declaredOrder(Object.values(type.getFields()), type.astNode?.fields);
    const typeAnnotation = `z.ZodType<${this.options.typesNamespace}.${type.name}>`;
    if (type.isOneOf) {
      // @oneOf: exactly one field, non-null. A union of one-key objects says that in JSON Schema too.
      const members = fields.map((field) => {
        const description = this.describe({ type: field.type, description: field.description ?? undefined, deprecationReason: field.deprecationReason });
        const value = this.value(isNonNullType(field.type) ? field.type.ofType : field.type);
        const described = description ? `${value}.describe(${JSON.stringify(description)})` : value;
        return `z.strictObject({ ${JSON.stringify(field.name)}: ${described} })`;
      });
      const error = `Set exactly one of: ${fields.map((field) => field.name).join(', ')}.`;
      return `const ${type.name}Schema: ${typeAnnotation} = z.lazy(() =>\n  z.union([\n    ${members.join(',\n    ')},\n  ], { error: ${JSON.stringify(error)} }),\n);`;
    }
    const entries = fields.map((field) => {
      const expression = this.position({
        type: field.type,
        description: field.description ?? undefined,
        defaultValue: field.defaultValue !== undefined ? { value: field.defaultValue } : undefined,
        deprecationReason: field.deprecationReason,
      });
      return `    ${JSON.stringify(field.name)}: ${expression},`;
    });
    return `const ${type.name}Schema: ${typeAnnotation} = z.lazy(() =>\n  z.strictObject({\n${entries.join('\n')}\n  }),\n);`;
  }

  /** The text a model sees for a position: its own words, else its type's, plus enum value meanings. */
  private describe(position: InputPosition): string | undefined {
    const named = getNamedType(position.type);
    const typeDescription = isSpecifiedScalarType(named) ? undefined : named.description?.trim();
    const parts = [position.description?.trim() || typeDescription];
    if (isEnumType(named)) parts.push(enumValuesDoc(named));
    if (isInputObjectType(named) && named.isOneOf) {
      const fields = declaredOrder(Object.values(named.getFields()), named.astNode?.fields);
      parts.push(`Set exactly one of: ${fields.map((field) => field.name).join(', ')}.`);
    }
    if (position.deprecationReason) parts.push(`Deprecated: ${position.deprecationReason}`);
    const text = parts.filter(Boolean).join(' ');
    return text.length > 0 ? text : undefined;
  }
}

/** Enum values with their meanings, when the schema gives any ("ACTIVE: Under active care."). */
function enumValuesDoc(type: GraphQLEnumType): string | undefined {
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

/**
 * Enum values and input fields in the order the schema file declares them (codegen hands plugins a
 * lexicographically sorted schema, but authors order values meaningfully, e.g. LOW, MEDIUM, HIGH).
 */
function declaredOrder<T extends { name: string }>(items: readonly T[], declared: readonly { name: { value: string } }[] | undefined): T[] {
  if (!declared) return [...items];
  const position = new Map(declared.map((node, index) => [node.name.value, index]));
  return [...items].sort((a, b) => (position.get(a.name) ?? Infinity) - (position.get(b.name) ?? Infinity));
}
