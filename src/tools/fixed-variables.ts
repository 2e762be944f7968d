import type { FixedVariable, ToolDefinition } from './tool-definition.js';

/** A hidden variable's environment variable is missing or unusable: the call fails with this message. */
export class FixedVariableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixedVariableError';
  }
}

/**
 * The variables sent upstream: the model's arguments plus the variables `@mcp(hide: true)` or
 * `@mcp(env: "NAME")` hides from it, filled by the server. The model cannot override them: they
 * are not in the input schema, which rejects unknown keys, and they are applied last.
 */
export function variablesForCall(
  tool: Pick<ToolDefinition<unknown, unknown>, 'name' | 'fixedVariables'>,
  args: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, unknown> {
  if (!tool.fixedVariables) return args;
  const variables = { ...args };
  for (const [name, fixed] of Object.entries(tool.fixedVariables)) variables[name] = fixedValue(tool.name, name, fixed, env);
  return variables;
}

/** Problems with the environment every hidden variable reads, one message each (empty: all set). */
export function missingEnvironment(tools: readonly Pick<ToolDefinition<unknown, unknown>, 'name' | 'fixedVariables'>[], env: NodeJS.ProcessEnv = process.env): string[] {
  return tools.flatMap((tool) =>
    Object.entries(tool.fixedVariables ?? {}).flatMap(([name, fixed]) => {
      try {
        fixedValue(tool.name, name, fixed, env);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    }),
  );
}

function fixedValue(toolName: string, variable: string, fixed: FixedVariable, env: NodeJS.ProcessEnv): unknown {
  if ('value' in fixed) return fixed.value;
  const text = env[fixed.env];
  if (text === undefined || text === '') {
    throw new FixedVariableError(`tool ${toolName} needs the environment variable ${fixed.env} (for $${variable}): set it where the server runs, then restart it`);
  }
  switch (fixed.parse) {
    case 'string':
      return text;
    case 'number': {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) throw new FixedVariableError(`${fixed.env}="${text}" is not a number (tool ${toolName}, $${variable})`);
      return number;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new FixedVariableError(`${fixed.env}="${text}" must be true or false (tool ${toolName}, $${variable})`);
      return text === 'true';
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new FixedVariableError(`${fixed.env} must hold JSON for $${variable} of tool ${toolName}, e.g. ["a","b"] or {"key":"value"}`);
      }
  }
}
