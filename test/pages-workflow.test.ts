import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import yaml from 'js-yaml';
import { ROOT } from './support/site.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  steps: Step[];
  environment?: { name: string };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = yaml.load(readFileSync(join(ROOT, '.github/workflows/pages.yml'), 'utf8'), {
  schema: yaml.CORE_SCHEMA,
}) as Workflow;

describe('.github/workflows/pages.yml', () => {
  const build = workflow.jobs.build!;
  const index = (test: (step: Step) => boolean) => build.steps.findIndex(test);

  it('runs on pushes to main with the permissions a Pages deployment needs', () => {
    assert.deepEqual(workflow.on.push, { branches: ['main'] });
    assert.equal(workflow.permissions.pages, 'write');
    assert.equal(workflow.permissions['id-token'], 'write');
  });

  it('installs with npm ci, then builds with the base URL that configure-pages reports', () => {
    const configure = build.steps[index((s) => s.uses?.startsWith('actions/configure-pages@') ?? false)]!;
    assert.ok(configure.id, 'configure-pages has an id, so its outputs can be read');
    const install = index((s) => s.run?.trim() === 'npm ci');
    const buildStep = build.steps.find((s) => /colophon|npm run build/.test(s.run ?? ''))!;
    assert.ok(install >= 0 && install < build.steps.indexOf(buildStep), 'npm ci comes before the build');
    assert.match(buildStep.run!, /--base-url "\$BASE_URL"/);
    assert.equal(buildStep.env?.BASE_URL, `\${{ steps.${configure.id}.outputs.base_url }}`);
  });

  it('uploads dist/ and deploys it in a job after the build', () => {
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    assert.equal(upload?.with?.path, 'dist');
    const deploy = Object.values(workflow.jobs).find((job) =>
      job.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))
    );
    assert.ok(deploy, 'a job deploys');
    assert.deepEqual([deploy.needs].flat(), ['build']);
    assert.equal(deploy.environment?.name, 'github-pages');
  });

  it('builds with the npm script that builds the example site into dist/', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.build!, /colophon\.js build$/);
  });
});
