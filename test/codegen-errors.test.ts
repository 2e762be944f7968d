import { describe, expect, it } from 'vitest';
import { createTempProject } from './helpers/temp-project.js';

describe('npm run codegen on invalid operations', () => {
  it('fails, reporting every problem with file:line:column and a message to act on, and writes nothing', async () => {
    const project = createTempProject();
    const before = project.read('generated/tools.ts');
    project.write('operations/bad/unknown-field.graphql', 'query UnknownField($id: ID!) {\n  provider(id: $id) {\n    id\n    favouriteColour\n  }\n}\n');
    project.write('operations/bad/wrong-type.graphql', 'query WrongType($id: Int!) {\n  provider(id: $id) {\n    id\n  }\n}\n');
    project.write('operations/bad/anonymous.graphql', '# no name\n{\n  searchProviders {\n    id\n  }\n}\n');
    project.write('operations/bad/subscription.graphql', 'subscription Changes {\n  searchProviders {\n    id\n  }\n}\n');
    project.write('operations/bad/syntax.graphql', 'query Broken {\n  searchProviders {\n    id\n');
    project.write('operations/bad/unknown-type.graphql', 'query UnknownType($x: Colour) {\n  searchProviders {\n    id\n  }\n}\n');

    const result = await project.codegen();
    expect(result.ok).toBe(false);
    const lines = result.stderr.split('\n');
    const expectLine = (pattern: RegExp) => expect(lines.some((line) => pattern.test(line)), `${pattern} in:\n${result.stderr}`).toBe(true);
    expectLine(/^operations\/bad\/unknown-field\.graphql:4:5: error: Cannot query field "favouriteColour" on type "Provider"\./);
    expectLine(/^operations\/bad\/wrong-type\.graphql:1:17: error: Variable "\$id" of type "Int!" used in position expecting type "ID!"\./);
    expectLine(/^operations\/bad\/anonymous\.graphql:2:1: error: anonymous query: give it a name/);
    expectLine(/^operations\/bad\/subscription\.graphql:1:1: error: subscription Changes cannot be a tool/);
    expectLine(/^operations\/bad\/syntax\.graphql:4:1: error: Syntax Error: Expected Name, found <EOF>\./);
    expectLine(/^operations\/bad\/unknown-type\.graphql:1:23: error: Unknown type "Colour"\./);
    expect(result.stderr).toMatch(/codegen failed: \d+ problem\(s\).*Nothing was written\./);
    expect(project.read('generated/tools.ts')).toBe(before);
  });

  it('rejects two operations that map to the same tool name, naming both files', async () => {
    const project = createTempProject();
    project.write('operations/extra/search-patients-again.graphql', 'query searchPatients {\n  searchPatients {\n    total\n  }\n}\n');
    const result = await project.codegen();
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(
      /operations\/patients\/search-patients\.graphql:\d+:\d+: error: duplicate tool name "search_patients": .*operations\/extra\/search-patients-again\.graphql/,
    );
  });

  it('rejects two operations in one file', async () => {
    const project = createTempProject();
    project.write('operations/extra/two.graphql', 'query One {\n  searchProviders { id }\n}\n\nquery Two {\n  searchProviders { name }\n}\n');
    const result = await project.codegen();
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(/operations\/extra\/two\.graphql:5:1: error: one operation per file, found 2 \(One, Two\)/);
  });
});
