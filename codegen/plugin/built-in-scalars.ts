/** Zod for GraphQL's built-in scalars, in tool inputs and outputs alike. */
export const BUILT_IN_SCALARS: Readonly<Record<string, string>> = {
  String: 'z.string()',
  // IDs travel as strings in JSON; a model passing one as a string always works.
  ID: 'z.string()',
  // GraphQL Int is a signed 32-bit integer.
  Int: 'z.int32()',
  Float: 'z.number()',
  Boolean: 'z.boolean()',
};
