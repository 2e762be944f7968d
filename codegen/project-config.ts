import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** What the developer-loop commands need from a codegen config (codegen.ts by default). */
export interface ProjectConfig {
  configFile: string;
  /** The config itself, as GraphQL Code Generator takes it. */
  codegen: CodegenConfig;
  /** SDL file of the target API, as committed. */
  schemaFile: string;
  /** Folder of the operation files. */
  operationsDir: string;
  /** The config module's `lint` export, unchecked (see lint-options.ts). */
  lint: unknown;
}

/** Reads the codegen config the same way `npm run codegen` does, so every command agrees on the paths. */
export async function loadProjectConfig(configFile = 'codegen.ts'): Promise<ProjectConfig> {
  const resolved = path.resolve(configFile);
  if (!existsSync(resolved)) {
    throw new Error(`codegen config ${configFile} not found: run this from the project root or pass --config <file>`);
  }
  const module = (await import(pathToFileURL(resolved).href)) as { default: CodegenConfig; lint?: unknown };
  return {
    configFile: resolved,
    codegen: module.default,
    schemaFile: String(module.default.schema),
    operationsDir: String(module.default.documents).split('/**')[0],
    lint: module.lint,
  };
}
