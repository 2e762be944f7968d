import { GraphQLSchema, printSchema, type GraphQLDirective, type GraphQLNamedType } from 'graphql';

/**
 * The schema as SDL with its types and directives in name order, so re-pulling the same API gives
 * the same file and a changed API shows up as a readable diff.
 *
 * Unlike lexicographicSortSchema, fields, arguments, enum values and input fields keep the API's
 * own order: authors order them meaningfully (LOW, MEDIUM, HIGH) and the generated tools list enum
 * values and input fields in schema-file order, so sorting them would change the tools.
 */
export function printStableSdl(schema: GraphQLSchema): string {
  const config = schema.toConfig();
  const sorted = new GraphQLSchema({
    ...config,
    // The schema collects types in the order given (each referenced type is already listed).
    types: [...config.types].sort(byName<GraphQLNamedType>),
    directives: [...config.directives].sort(byName<GraphQLDirective>),
  });
  return `${printSchema(sorted)}\n`;
}

/** Code-point order: the same on every machine, whatever its locale. */
function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
