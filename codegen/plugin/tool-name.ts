/** Longest tool name every common MCP client accepts (Claude's tool-use API caps names at 64). */
export const MAX_TOOL_NAME_LENGTH = 64;

/** Words of a GraphQL name: `getHTTPStatus_v2` -> ['get', 'HTTP', 'Status', 'v2']. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean);
}

/** MCP tool name for an operation: `SearchPatients` -> `search_patients`. */
export function toolNameFor(operationName: string): string {
  return words(operationName)
    .map((word) => word.toLowerCase())
    .join('_');
}

/** Human title for an operation: `SearchPatients` -> `Search Patients`. */
export function toolTitleFor(operationName: string): string {
  return words(operationName)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Why a tool name breaks MCP's naming rules, or undefined when it is fine. */
export function toolNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the tool name is empty';
  if (name.length > MAX_TOOL_NAME_LENGTH) {
    return `tool name "${name}" is ${name.length} characters long; MCP clients accept at most ${MAX_TOOL_NAME_LENGTH}: shorten the operation name`;
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
    return `tool name "${name}" may only contain letters, digits, "_", "-" and "."`;
  }
  return undefined;
}
