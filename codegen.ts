import type { LintOptions } from './codegen/lint/lint-options.js';
import { makeCodegenConfig } from './codegen/make-config.js';

/**
 * GraphQL Code Generator config. `npm run codegen` checks the operations, then generates
 * generated/graphql.ts (typed documents) and generated/tools.ts (one MCP tool per operation).
 */
export default makeCodegenConfig({
  schema: 'schema/schema.graphql',
  operations: 'operations',
  outputDir: 'generated',
  // Custom scalars of the schema: TypeScript type and zod schema (keep the two in agreement).
  scalars: {
    DateTime: {
      type: 'string',
      schema: String.raw`z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/, "expected an ISO-8601 date-time with a time zone, e.g. 2026-12-01T09:30:00Z")`,
    },
    Date: {
      type: 'string',
      schema: String.raw`z.string().regex(/^\d{4}-\d\d-\d\d$/, "expected a date as YYYY-MM-DD, e.g. 1984-07-14")`,
    },
  },
});

/**
 * Operation lint: warnings (never failures) printed by `npm run codegen`, with a token table.
 * These are the defaults; `export const lint = false` turns it off.
 */
export const lint: LintOptions | false = {
  // Arguments that bound a list or connection (compared ignoring case and "_").
  limitArguments: ['limit', 'first', 'last', 'take', 'top', 'pageSize', 'perPage'],
  // Deepest selection; the root field is level 1.
  maxDepth: 5,
  // Estimated tokens (name + description + JSON input schema, ~4 characters each) per tool and for all tools.
  toolTokenBudget: 1_000,
  totalTokenBudget: 20_000,
};
