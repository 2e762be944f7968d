/**
 * The JSON Schema of each custom scalar, from the zod expression codegen.ts maps it to (converted
 * once per scalar, not per tool), so a model sees e.g. the date pattern a call must match.
 */
import { z } from 'zod';
import type { JsonSchema } from './json-schema-emitter.js';

export function customScalarJsonSchemas(scalarSchemas: Record<string, string>): (name: string) => JsonSchema {
  const converted = new Map<string, JsonSchema>();
  return (name) => {
    let schema = converted.get(name);
    if (!schema) {
      schema = convert(scalarSchemas[name]);
      converted.set(name, schema);
    }
    return schema;
  };
}

function convert(expression: string | undefined): JsonSchema {
  if (!expression) return { type: 'string' }; // unmapped: accepted as a string (codegen warns)
  try {
    // The expression is the project's own config (codegen.ts), evaluated with zod in scope only.
    const schema = new Function('z', `return (${expression});`)(z) as z.ZodType;
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    return Object.keys(json).length > 0 ? json : { type: 'string' };
  } catch {
    return { type: 'string' };
  }
}
