import {
  BreakingChangeType,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
} from 'graphql';

export type Severity = 'breaking' | 'dangerous';

export interface SchemaChange {
  severity: Severity;
  /** graphql-js's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** graphql-js's sentence, e.g. "Patient.allergies was removed." */
  description: string;
  /**
   * Schema coordinates a tool must use, all of them, to be affected (see schema-usage.ts);
   * undefined when the description was not recognised, so the change cannot be matched to tools.
   */
  coordinates?: string[];
}

/** The breaking and dangerous changes from one schema to the next, as graphql-js finds them. */
export function schemaChanges(oldSchema: GraphQLSchema, newSchema: GraphQLSchema): SchemaChange[] {
  return [
    ...findBreakingChanges(oldSchema, newSchema).map((change) => withCoordinates('breaking', change)),
    ...findDangerousChanges(oldSchema, newSchema).map((change) => withCoordinates('dangerous', change)),
  ];
}

/** Whether a tool using these coordinates is affected by the change. */
export function affectsTool(change: SchemaChange, used: ReadonlySet<string>): boolean {
  return change.coordinates !== undefined && change.coordinates.every((coordinate) => used.has(coordinate));
}

type Pattern = [RegExp, (...names: string[]) => string[]];

/**
 * graphql-js reports a change as a type and a sentence only; these read the coordinates back from
 * the sentence (its wording per type is fixed in graphql 16's findBreakingChanges).
 */
const PATTERNS: Record<string, Pattern> = {
  [BreakingChangeType.TYPE_REMOVED]: [/^(?:Standard scalar )?(\w+) was removed/, (type) => [type]],
  [BreakingChangeType.TYPE_CHANGED_KIND]: [/^(\w+) changed from /, (type) => [type]],
  // A fragment on the member inside the union stops being valid.
  [BreakingChangeType.TYPE_REMOVED_FROM_UNION]: [/^(\w+) was removed from union type (\w+)\./, (member, union) => [union, member]],
  // Only tools that can send the value break; one the API stops returning harms nobody.
  [BreakingChangeType.VALUE_REMOVED_FROM_ENUM]: [/^(\w+) was removed from enum type (\w+)\./, (value, type) => [`${type}.${value}`]],
  [BreakingChangeType.REQUIRED_INPUT_FIELD_ADDED]: [/^A required field \w+ on input type (\w+) was added\./, (type) => [type]],
  [BreakingChangeType.IMPLEMENTED_INTERFACE_REMOVED]: [/^(\w+) no longer implements interface (\w+)\./, (type, iface) => [type, iface]],
  [BreakingChangeType.FIELD_REMOVED]: [/^(\w+)\.(\w+) was removed\./, (type, field) => [`${type}.${field}`]],
  [BreakingChangeType.FIELD_CHANGED_KIND]: [/^(\w+)\.(\w+) changed type from /, (type, field) => [`${type}.${field}`]],
  // Every selection of the field now lacks the argument.
  [BreakingChangeType.REQUIRED_ARG_ADDED]: [/^A required arg \w+ on (\w+)\.(\w+) was added\./, (type, field) => [`${type}.${field}`]],
  [BreakingChangeType.ARG_REMOVED]: [/^(\w+)\.(\w+) arg (\w+) was removed\./, (type, field, arg) => [`${type}.${field}(${arg}:)`]],
  [BreakingChangeType.ARG_CHANGED_KIND]: [/^(\w+)\.(\w+) arg (\w+) has changed type from /, (type, field, arg) => [`${type}.${field}(${arg}:)`]],
  [BreakingChangeType.DIRECTIVE_REMOVED]: [/^(\w+) was removed\./, (directive) => [`@${directive}`]],
  [BreakingChangeType.DIRECTIVE_ARG_REMOVED]: [/^(\w+) was removed from (\w+)\./, (arg, directive) => [`@${directive}(${arg}:)`]],
  [BreakingChangeType.REQUIRED_DIRECTIVE_ARG_ADDED]: [/^A required arg \w+ on directive (\w+) was added\./, (directive) => [`@${directive}`]],
  [BreakingChangeType.DIRECTIVE_REPEATABLE_REMOVED]: [/^Repeatable flag was removed from (\w+)\./, (directive) => [`@${directive}`]],
  [BreakingChangeType.DIRECTIVE_LOCATION_REMOVED]: [/^\w+ was removed from (\w+)\./, (directive) => [`@${directive}`]],
  // A tool returning the enum may now see a value it does not describe; one sending it cannot send it yet.
  [DangerousChangeType.VALUE_ADDED_TO_ENUM]: [/^\w+ was added to enum type (\w+)\./, (type) => [type]],
  [DangerousChangeType.TYPE_ADDED_TO_UNION]: [/^\w+ was added to union type (\w+)\./, (union) => [union]],
  [DangerousChangeType.OPTIONAL_INPUT_FIELD_ADDED]: [/^An optional field \w+ on input type (\w+) was added\./, (type) => [type]],
  [DangerousChangeType.OPTIONAL_ARG_ADDED]: [/^An optional arg \w+ on (\w+)\.(\w+) was added\./, (type, field) => [`${type}.${field}`]],
  [DangerousChangeType.IMPLEMENTED_INTERFACE_ADDED]: [/^\w+ added to interfaces implemented by (\w+)\./, (type) => [type]],
  // The new default applies wherever the tool leaves the argument out.
  [DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE]: [/^(\w+)\.(\w+) arg \w+ (?:has changed defaultValue|defaultValue was removed)/, (type, field) => [`${type}.${field}`]],
};

function withCoordinates(severity: Severity, change: { type: string; description: string }): SchemaChange {
  const pattern = PATTERNS[change.type];
  const match = pattern?.[0].exec(change.description);
  return { severity, type: change.type, description: change.description, coordinates: match ? pattern[1](...match.slice(1)) : undefined };
}
