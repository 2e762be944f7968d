import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { withoutMcpDirective } from './plugin/mcp-directive.js';
import type { McpToolsPluginConfig } from './plugin/mcp-tools-plugin.js';

/** How a custom scalar looks in TypeScript and how a tool validates it. The two must agree (tsc checks). */
export interface ScalarMapping {
  /** TypeScript type, e.g. "string". */
  type: string;
  /** Zod expression validating tool input, e.g. "z.string()". */
  schema: string;
  /** Zod expression for values the API returns (output schemas); defaults from `type`, else z.unknown(). */
  output?: string;
}

const OUTPUT_FROM_TYPE: Record<string, string> = { string: 'z.string()', number: 'z.number()', boolean: 'z.boolean()' };

export interface ToolsCodegenOptions {
  /** SDL file of the target API. */
  schema: string;
  /** Folder of .graphql operation files (searched recursively). */
  operations: string;
  /** Folder the generated graphql.ts and tools.ts go to. */
  outputDir: string;
  scalars?: Record<string, ScalarMapping>;
  /** Where generated/tools.ts imports defineTool from; defaults to this project's src/tool-definition. */
  toolDefinitionModule?: string;
}

const PLUGIN_PATH = fileURLToPath(new URL('./plugin/mcp-tools-plugin.ts', import.meta.url));
export const TOOL_DEFINITION_PATH = fileURLToPath(new URL('../src/tools/tool-definition.js', import.meta.url));

/**
 * The GraphQL Code Generator config: typescript-operations + typed-document-node write the typed
 * documents, then our plugin writes one MCP tool per operation next to them.
 */
export function makeCodegenConfig(options: ToolsCodegenOptions): CodegenConfig {
  const scalars = options.scalars ?? {};
  const toolDefinitionModule = options.toolDefinitionModule ?? importPath(options.outputDir, TOOL_DEFINITION_PATH);
  return {
    schema: options.schema,
    documents: `${options.operations}/**/*.{graphql,gql}`,
    silent: true,
    errorsOnly: true,
    // Load our .ts plugin through the running loader (codegen runs under tsx or vitest).
    pluginLoader: (name: string) => import(name),
    generates: {
      [path.join(options.outputDir, 'graphql.ts')]: {
        plugins: ['typescript-operations', 'typed-document-node'],
        // @mcp is ours: the typed documents (what a client would send) must not carry it.
        documentTransforms: [{ transform: ({ documents }) => documents.map(stripMcpDirective) }],
        config: {
          enumType: 'string-literal',
          namingConvention: 'keep',
          useTypeImports: true,
          scalars: Object.fromEntries(Object.entries(scalars).map(([name, mapping]) => [name, mapping.type])),
        },
      },
      [path.join(options.outputDir, 'tools.ts')]: {
        plugins: [PLUGIN_PATH],
        config: {
          scalarSchemas: Object.fromEntries(Object.entries(scalars).map(([name, mapping]) => [name, mapping.schema])),
          scalarOutputSchemas: Object.fromEntries(
            Object.entries(scalars).map(([name, mapping]) => [name, mapping.output ?? OUTPUT_FROM_TYPE[mapping.type] ?? 'z.unknown()']),
          ),
          toolDefinitionModule,
          operationsModule: './graphql.js',
        } satisfies McpToolsPluginConfig,
      },
    },
  };
}

/** A relative ESM import specifier from a folder to a module file. */
export function importPath(fromDir: string, toFile: string): string {
  const relative = path.relative(path.resolve(fromDir), toFile).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function stripMcpDirective(file: Types.DocumentFile): Types.DocumentFile {
  return file.document ? { ...file, document: withoutMcpDirective(file.document) } : file;
}

/** The config with the per-tool token budget (codegen.ts lint.toolTokenBudget) handed to our plugin, which enforces it. */
export function withToolTokenBudget(config: CodegenConfig, toolTokenBudget: number | undefined): CodegenConfig {
  if (toolTokenBudget === undefined) return config;
  const generates = Object.fromEntries(
    Object.entries(config.generates).map(([file, output]) => {
      const isOurs = typeof output === 'object' && !Array.isArray(output) && 'config' in output && 'toolDefinitionModule' in (output.config as object);
      return [file, isOurs ? { ...output, config: { ...(output.config as object), toolTokenBudget } } : output];
    }),
  );
  return { ...config, generates };
}
