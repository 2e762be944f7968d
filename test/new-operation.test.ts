import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/paths.js';
import { runNpmScript } from './helpers/run-cli.js';
import { createTempProject } from './helpers/temp-project.js';

const GITHUB_INTROSPECTION = path.join(projectRoot, 'node_modules/@octokit/graphql-schema/schema.json');

/** A project on GitHub's public schema, read from its published introspection JSON, scalars mapped. */
async function githubProject() {
  const project = createTempProject();
  const pull = await runNpmScript(project.root, 'schema:pull', ['--introspection', GITHUB_INTROSPECTION]);
  expect(pull.code, pull.stderr).toBe(0);
  expect(pull.stderr).toMatch(/^schema:pull: schema\/schema\.graphql from .*schema\.json: changed vs the previous file, \d+ types/);
  rmSync(project.file('operations'), { recursive: true });
  project.write(
    'codegen.ts',
    [
      "import { makeCodegenConfig } from './codegen/make-config.js';",
      `import { GITHUB_SCALARS } from ${JSON.stringify(path.join(projectRoot, 'bench/github-scalars.ts'))};`,
      "export default makeCodegenConfig({ schema: 'schema/schema.graphql', operations: 'operations', outputDir: 'generated', scalars: GITHUB_SCALARS });",
      '',
    ].join('\n'),
  );
  return project;
}

describe('npm run new', () => {
  it('writes a commented operation for a query and a mutation of GitHub\'s schema that pass codegen with no warning', async () => {
    const project = await githubProject();
    const repository = await runNpmScript(project.root, 'new', ['Query.repository']);
    expect(repository.code, repository.stderr).toBe(0);
    expect(repository.stderr).toContain('new: wrote operations/repository.graphql (tool repository)');
    const text = project.read('operations/repository.graphql');
    expect(text).toMatch(/\n# Lookup a given repository by the owner and repository name\.\nquery Repository\(\n/);
    expect(text).toContain("  # The name of the repository\n  $name: String!\n");
    expect(text).toContain('  $followRenames: Boolean = true\n');
    expect(text).toContain('  repository(owner: $owner, name: $name, followRenames: $followRenames) {\n    ');

    const search = await runNpmScript(project.root, 'new', ['Query.search']);
    expect(search.code, search.stderr).toBe(0);
    const connection = project.read('operations/search.graphql');
    expect(connection).toContain('  $first: Int = 10\n');
    expect(connection).toMatch(/    nodes \{[^]*    pageInfo \{\n      hasNextPage\n      endCursor\n    \}/);

    const addComment = await runNpmScript(project.root, 'new', ['Mutation.addComment']);
    expect(addComment.code, addComment.stderr).toBe(0);
    expect(project.read('operations/add-comment.graphql')).toMatch(/# Adds a comment to an Issue or Pull Request\.\nmutation AddComment\(\n  # Parameters for AddComment\n  \$input: AddCommentInput!\n\) \{\n  addComment\(input: \$input\) \{\n    clientMutationId\n/);

    const again = await runNpmScript(project.root, 'new', ['Query.repository']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('operations/repository.graphql exists: nothing was written (pass --force to replace it, or --out <file>)');
    const unknown = await runNpmScript(project.root, 'new', ['Query.repo']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Query has no field "repo"; did you mean .*Query\.repository/);

    const codegen = await runNpmScript(project.root, 'codegen');
    expect(codegen.code, codegen.stderr).toBe(0);
    expect(codegen.stderr).not.toMatch(/warning/);
    expect(codegen.stderr).toMatch(/add_comment\s+\d+\n\s+repository\s+\d+\n\s+search\s+\d+/);
  }, 180_000);
});

describe('schema input', () => {
  it('reports each problem of GitHub\'s published SDL at its own line and column, with the right count', async () => {
    const project = createTempProject();
    project.write('schema/schema.graphql', (await import('node:fs')).readFileSync(path.join(projectRoot, 'node_modules/@octokit/graphql-schema/schema.graphql'), 'utf8'));
    const codegen = await runNpmScript(project.root, 'codegen');
    expect(codegen.code).toBe(1);
    const errors = codegen.stderr.split('\n').filter((line) => line.includes(': error: '));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^schema\/schema\.graphql:(\d+):3: error: Field "EnterpriseOwnerInfo\.repositoryDeployKeySetting" can only be defined once\. \(first at \d+:3\)$/);
    expect(errors[1]).toMatch(/^schema\/schema\.graphql:(\d+):3: error: Field "EnterpriseOwnerInfo\.repositoryDeployKeySettingOrganizations" can only be defined once\./);
    expect(codegen.stderr).toContain('codegen failed: 2 problem(s)');
  }, 120_000);

  it('takes an introspection JSON file as the schema, and names every unmapped custom scalar with file:line and the entry to add', async () => {
    const project = await githubProject();
    project.write('codegen.ts', "import { makeCodegenConfig } from './codegen/make-config.js';\nexport default makeCodegenConfig({ schema: 'schema/github.json', operations: 'operations', outputDir: 'generated' });\n");
    project.write('schema/github.json', (await import('node:fs')).readFileSync(GITHUB_INTROSPECTION, 'utf8'));
    project.write(
      'operations/repo.graphql',
      [
        '# A repository and when it was last pushed to.',
        'query Repo($owner: String!, $name: String!, $since: GitTimestamp) {',
        '  repository(owner: $owner, name: $name) {',
        '    pushedAt',
        '    url',
        '    refs(refPrefix: "refs/heads/", first: 5) { nodes { target { ... on Commit { history(first: 1, since: $since) { totalCount } } } } }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const codegen = await runNpmScript(project.root, 'codegen');
    expect(codegen.code, codegen.stderr).toBe(0);
    const warnings = codegen.stderr.split('\n').filter((line) => line.includes('custom scalar'));
    expect(warnings).toEqual([
      "operations/repo.graphql:4:5: warning: custom scalar DateTime has no mapping (used in results, 1 place(s)); it is returned unchecked (any JSON value). Add it to `scalars` in codegen.ts: DateTime: { type: 'string', schema: 'z.string()' }, (use the TypeScript type and zod schema of its values)",
      "operations/repo.graphql:2:45: warning: custom scalar GitTimestamp has no mapping (used in arguments, 1 place(s)); it is accepted as any string. Add it to `scalars` in codegen.ts: GitTimestamp: { type: 'string', schema: 'z.string()' }, (use the TypeScript type and zod schema of its values)",
      "operations/repo.graphql:5:5: warning: custom scalar URI has no mapping (used in results, 1 place(s)); it is returned unchecked (any JSON value). Add it to `scalars` in codegen.ts: URI: { type: 'string', schema: 'z.string()' }, (use the TypeScript type and zod schema of its values)",
    ]);
    const list = JSON.parse(project.read('generated/tool-list.json')) as { outputSchema: { properties: Record<string, { anyOf?: { properties: Record<string, unknown> }[]; properties?: Record<string, unknown> }> } }[];
    const repository = JSON.stringify(list[0].outputSchema.properties.repository);
    expect(repository).toContain('"url":{"description":"Custom scalar URI, not mapped in codegen.ts: any JSON value. An RFC 3986, RFC 3987, and RFC 6570 (level 4) compliant URI string."}');
  }, 180_000);
});
