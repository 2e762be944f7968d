import type { CodegenConfig } from '@graphql-codegen/cli';
import type { McpToolsPluginConfig } from './codegen/mcp-tools-plugin.js';

/**
 * Custom scalars: the TypeScript type codegen gives them, and the zod schema a tool validates them
 * with. The two must agree: generated/tools.ts is type-checked against generated/graphql.ts.
 */
export const scalarTypes = { DateTime: 'string', Date: 'string' };
export const scalarSchemas: McpToolsPluginConfig['scalarSchemas'] = {
  DateTime: String.raw`z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/, "expected an ISO-8601 date-time with a time zone, e.g. 2026-12-01T09:30:00Z")`,
  Date: String.raw`z.string().regex(/^\d{4}-\d\d-\d\d$/, "expected a date as YYYY-MM-DD, e.g. 1984-07-14")`,
};

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'operations/**/*.graphql',
  // Resolve our local .ts plugin through the current loader (codegen runs under tsx).
  pluginLoader: (name: string) => import(name),
  generates: {
    'generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumType: 'string-literal',
        namingConvention: 'keep',
        useTypeImports: true,
        scalars: scalarTypes,
      },
    },
    'generated/tools.ts': {
      plugins: ['./codegen/mcp-tools-plugin.ts'],
      config: { scalarSchemas } satisfies McpToolsPluginConfig,
    },
  },
  hooks: {},
};

export default config;
