import type { CodegenConfig } from '@graphql-codegen/cli';
import type { CodegenPlugin, Types } from '@graphql-codegen/plugin-helpers';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import type { OperationFile } from './operation-checks.js';

export interface GeneratedOutput {
  filename: string;
  content: string;
}

interface OutputPlan {
  filename: string;
  plugins: Types.ConfiguredPlugin[];
  config: Record<string, unknown>;
  /** Inline document transforms ({ transform }), as core applies them. */
  documentTransforms: Types.ConfiguredDocumentTransform[];
}

/**
 * Runs the `generates` section of a codegen config in this process, through GraphQL Code
 * Generator's own core (`codegen()` of @graphql-codegen/core, which the CLI calls too), on a
 * schema and documents we have already parsed and validated: the CLI would read, parse and
 * validate them a second time. The schema is sorted as the CLI sorts it, so the outputs are the
 * same bytes `graphql-codegen` writes. A long-running process keeps one of these: plugins are
 * loaded once and the sorted schema is reused until the schema changes.
 */
export class InProcessCodegen {
  private readonly plans: OutputPlan[];
  private readonly plugins = new Map<string, Promise<CodegenPlugin>>();
  private sorted?: { from: GraphQLSchema; schema: GraphQLSchema };

  constructor(private readonly config: CodegenConfig) {
    const rootConfig = (config.config ?? {}) as Record<string, unknown>;
    this.plans = Object.entries(config.generates).map(([filename, output]) => {
      const entry = (Array.isArray(output) || typeof output === 'string' ? { plugins: output } : output) as Types.ConfiguredOutput;
      const plugins = (Array.isArray(entry.plugins) ? entry.plugins : [entry.plugins]).map((plugin) =>
        typeof plugin === 'string' ? { [plugin]: {} } : (plugin as Types.ConfiguredPlugin),
      );
      const documentTransforms = (entry.documentTransforms ?? []).map((transform, index) => {
        if (typeof transform !== 'object' || typeof (transform as Types.DocumentTransformObject).transform !== 'function') {
          throw new Error(`${filename}: only inline document transforms ({ transform }) are supported, found ${JSON.stringify(transform)}`);
        }
        return { name: `the element at index ${index} of the documentTransforms`, transformObject: transform as Types.DocumentTransformObject };
      });
      return { filename, plugins, config: { ...rootConfig, ...((entry.config ?? {}) as Record<string, unknown>) }, documentTransforms };
    });
  }

  /** The plugin config of an output (its own settings over the root's). */
  configOf(filename: string): Record<string, unknown> {
    return this.plans.find((plan) => plan.filename === filename)?.config ?? {};
  }

  /** The output files, in config order. */
  filenames(): string[] {
    return this.plans.map((plan) => plan.filename);
  }

  /** Generates the outputs (all, or those `only` accepts) from an already validated schema and documents. */
  async generate(
    schema: GraphQLSchema,
    files: readonly OperationFile[],
    only: (filename: string) => boolean = () => true,
    overrides: Record<string, unknown> = {},
  ): Promise<GeneratedOutput[]> {
    if (this.sorted?.from !== schema) this.sorted = { from: schema, schema: lexicographicSortSchema(schema) };
    const schemaAst = this.sorted.schema;
    const documents: Types.DocumentFile[] = [...files]
      .sort((a, b) => a.location.localeCompare(b.location))
      .map((file) => ({ location: file.location, document: file.document }));
    return Promise.all(
      this.plans
        .filter((plan) => only(plan.filename))
        .map(async (plan) => {
          const pluginMap = Object.fromEntries(
            await Promise.all(plan.plugins.map(async (plugin) => [Object.keys(plugin)[0], await this.plugin(Object.keys(plugin)[0])] as const)),
          );
          const [only] = plan.plugins;
          const single = plan.plugins.length === 1 ? pluginMap[Object.keys(only)[0]] : undefined;
          if (single && !single.validate && !single.addToSchema && plan.documentTransforms.length === 0) {
            // A lone plugin without schema additions (our tools plugin): call it as core would, without
            // loading core and its dependencies (a second of start-up for npm run dev).
            const output = await single.plugin(schemaAst, documents, { ...plan.config, ...Object.values(only)[0], ...overrides }, { outputFile: plan.filename });
            if (typeof output === 'string') return { filename: plan.filename, content: output };
          }
          // Loaded on first use: the typed documents are written after the tools are swapped in.
          const { codegen } = await import('@graphql-codegen/core');
          const { getCachedDocumentNodeFromSchema } = await import('@graphql-codegen/plugin-helpers');
          const content = await codegen({
            filename: plan.filename,
            plugins: plan.plugins,
            schema: getCachedDocumentNodeFromSchema(schemaAst),
            schemaAst,
            documents,
            config: { ...plan.config, emitLegacyCommonJSImports: plan.config.emitLegacyCommonJSImports ?? true },
            pluginMap,
            documentTransforms: plan.documentTransforms,
            // Validated by OperationsLoader already, with better messages; validating 1,000 documents twice costs seconds.
            skipDocumentsValidation: true,
            emitLegacyCommonJSImports: (plan.config.emitLegacyCommonJSImports as boolean | undefined) ?? true,
          });
          return { filename: plan.filename, content };
        }),
    );
  }

  /** A plugin by name, found the way the CLI finds it: `@graphql-codegen/<name>` first, then the name (a path). */
  private plugin(name: string): Promise<CodegenPlugin> {
    let loading = this.plugins.get(name);
    if (!loading) {
      const load = (this.config.pluginLoader as ((name: string) => Promise<unknown>) | undefined) ?? ((specifier: string) => import(specifier));
      loading = (async () => {
        const candidates = name.startsWith('.') || name.startsWith('/') ? [name] : [`@graphql-codegen/${name}`, name];
        let lastError: unknown;
        for (const candidate of candidates) {
          try {
            const module = (await load(candidate)) as CodegenPlugin & { default?: CodegenPlugin };
            return typeof module.plugin === 'function' ? module : module.default!;
          } catch (error) {
            lastError = error;
          }
        }
        throw new Error(`codegen plugin ${name} could not be loaded: ${(lastError as Error)?.message}`);
      })();
      this.plugins.set(name, loading);
    }
    return loading;
  }
}
