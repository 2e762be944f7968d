import { createHash } from 'node:crypto';
import {
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLEnumType,
  type GraphQLInputType,
  type GraphQLList,
  type GraphQLNamedInputType,
} from 'graphql';
import { BUILT_IN_SCALARS } from './built-in-scalars.js';
import { declaredOrder, isObjectShape, type NamedShape, type ObjectShape } from './input-shape.js';

/** An input type that is not wrapped in non-null. */
type GraphQLNullableInputType = GraphQLNamedInputType | GraphQLList<GraphQLInputType>;

export interface ZodEmitterOptions {
  /** Zod expressions for custom scalars, e.g. { DateTime: 'z.iso.datetime()' }. */
  scalarSchemas: Record<string, string>;
  /** Namespace the operations module is imported as (holds the TypeScript input types). */
  typesNamespace: string;
  warn(message: string): void;
}

/** Where a value sits: a variable or an input field, and what of its type the tool offers. */
export interface InputPosition {
  type: GraphQLInputType;
  shape: NamedShape;
  /** Present when the position has a default value (already converted to a JS value). */
  defaultValue?: { value: unknown };
}

/**
 * Turns input shapes (input-shape.ts) into zod source code that validates a call. Enums and input
 * objects become named constants (declared once, shared by every tool); input objects are lazy so
 * recursive inputs work. What the model reads is the JSON Schema (json-schema-emitter.ts), so no
 * descriptions here. An object rejects fields its shape does not offer, naming the ones it does.
 */
export class ZodEmitter {
  private readonly declarations = new Map<string, string>();
  private readonly warnedScalars = new Set<string>();

  constructor(private readonly options: ZodEmitterOptions) {}

  /** Zod for a variable or input field: nullable means optional; defaults apply. */
  position(position: InputPosition): string {
    const { type, shape } = position;
    let expression = isNonNullType(type) ? this.value(type.ofType, shape) : `${this.value(type, shape)}.nullish()`;
    if (position.defaultValue && position.defaultValue.value !== undefined) {
      expression += `.default(${JSON.stringify(position.defaultValue.value)})`;
    }
    return expression;
  }

  /** The named constants, in a stable order, to emit before anything that uses them. */
  emitDeclarations(): string {
    return [...this.declarations.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, code]) => code)
      .join('\n\n');
  }

  private value(type: GraphQLNullableInputType, shape: NamedShape): string {
    if (isListType(type)) {
      const item = type.ofType;
      return `z.array(${isNonNullType(item) ? this.value(item.ofType, shape) : `${this.value(item, shape)}.nullable()`})`;
    }
    if (isObjectShape(shape)) return this.declare(constantName(shape), () => this.inputObjectDeclaration(shape));
    if (isEnumType(shape)) return this.enumSchema(shape);
    if (isScalarType(shape)) return this.scalar(shape.name);
    return 'z.unknown()';
  }

  /** The shared constant for an enum, declared on first use (output schemas use it too). */
  enumSchema(type: GraphQLEnumType): string {
    return this.declare(`${type.name}Schema`, () => this.enumDeclaration(type));
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

  private declare(constant: string, build: () => string): string {
    if (!this.declarations.has(constant)) {
      this.declarations.set(constant, ''); // reserve first: recursive inputs refer back to themselves
      this.declarations.set(constant, build());
    }
    return constant;
  }

  private enumDeclaration(type: GraphQLEnumType): string {
    const values = declaredOrder(type.getValues(), type.astNode?.values).map((value) => JSON.stringify(value.name));
    return `const ${type.name}Schema = z.enum([${values.join(', ')}]);`;
  }

  private inputObjectDeclaration(shape: ObjectShape): string {
    const { type } = shape;
    const constant = constantName(shape);
    const typeAnnotation = `z.ZodType<${this.options.typesNamespace}.${type.name}>`;
    const comment = shape.full ? '' : `// ${type.name}, the fields this tool offers: ${shape.fields.map(({ field }) => field.name).join(', ') || '(none)'}\n`;
    if (type.isOneOf) {
      // @oneOf: exactly one field, non-null.
      const members = shape.fields.map(({ field, target }) => {
        const value = this.value(isNonNullType(field.type) ? field.type.ofType : field.type, target);
        return `inputObject(${JSON.stringify(type.name)}, { ${JSON.stringify(field.name)}: ${value} })`;
      });
      const error = `Set exactly one of: ${shape.fields.map(({ field }) => field.name).join(', ')}.`;
      return `${comment}const ${constant}: ${typeAnnotation} = z.lazy(() =>\n  z.union([\n    ${members.join(',\n    ')},\n  ], { error: ${JSON.stringify(error)} }),\n);`;
    }
    const entries = shape.fields.map(({ field, target }) => {
      const expression = this.position({
        type: field.type,
        shape: target,
        defaultValue: field.defaultValue !== undefined ? { value: field.defaultValue } : undefined,
      });
      return `    ${JSON.stringify(field.name)}: ${expression},`;
    });
    return `${comment}const ${constant}: ${typeAnnotation} = z.lazy(() =>\n  inputObject(${JSON.stringify(type.name)}, {\n${entries.join('\n')}\n  }),\n);`;
  }
}

/** A full type's constant is named after it; a selection of it gets a suffix from its content. */
function constantName(shape: ObjectShape): string {
  if (shape.full) return `${shape.type.name}Schema`;
  return `${shape.type.name}Schema_${createHash('sha256').update(shape.key).digest('hex').slice(0, 8)}`;
}
