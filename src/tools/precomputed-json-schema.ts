import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/**
 * A tool's zod input schema as the SDK takes it (Standard Schema), whose JSON Schema is the one
 * codegen precomputed for tools/list. The SDK asks for that JSON Schema on every 2026-07-28
 * tools/call (it checks Mcp-Param headers against it) on a fresh server per HTTP request; zod
 * would convert the schema again each time (about 1 ms). Validation stays zod's, built lazily.
 */
export function withPrecomputedJsonSchema<T>(schema: z.ZodType<T>, json: Record<string, unknown>): StandardSchemaWithJSON<unknown, T> {
  return {
    '~standard': {
      version: 1,
      vendor: 'graphql-ops-mcp',
      validate: (value) => schema['~standard'].validate(value),
      jsonSchema: { input: () => json, output: () => json },
    },
  };
}
