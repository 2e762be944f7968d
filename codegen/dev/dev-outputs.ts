import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { importPath, TOOL_DEFINITION_PATH } from '../make-config.js';

/**
 * The same codegen config, writing its outputs a second time into `dir`. `npm run dev` loads the
 * tools from a fresh folder per version: Node caches ES modules by URL, so generated/tools.ts
 * could never be imported again once changed.
 */
export function withExtraOutputDir(config: CodegenConfig, dir: string): CodegenConfig {
  const generates = { ...config.generates };
  for (const [file, output] of Object.entries(config.generates)) {
    const copy = path.join(dir, path.basename(file));
    if (typeof output !== 'object' || Array.isArray(output) || !('config' in output)) {
      generates[copy] = output;
      continue;
    }
    const pluginConfig = { ...(output.config as Record<string, unknown>) };
    if ('toolDefinitionModule' in pluginConfig) pluginConfig.toolDefinitionModule = importPath(dir, TOOL_DEFINITION_PATH);
    generates[copy] = { ...output, config: pluginConfig };
  }
  return { ...config, generates };
}
