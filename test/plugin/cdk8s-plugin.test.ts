/**
 * The validation plugin as a user runs it: the real `cdk8s synth` of cdk8s-cli (a pinned devDependency) in a
 * temporary project that installed the packed tarball (see test/package/consumer.ts for how that works offline),
 * with `validations:` in its cdk8s.yaml naming the class the README names. The app mixes a construct of the library
 * with YAML the constructs never saw (an `Include`d file and a raw `ApiObject`); the plugin checks all of it as one
 * cluster, the report names the rule code, the fix, the resource and the manifest, and the synth fails on errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createConsumerProject, ConsumerProject, makeWorkDir, packRepository, run, Run } from '../package/consumer';

const FIXTURES = path.join(__dirname, 'fixtures/cdk8s-plugin');
// The package's `exports` hide its bin from require.resolve; its package.json names it.
const CDK8S_CLI = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), (require('cdk8s-cli/package.json') as { bin: { cdk8s: string } }).bin.cdk8s);

interface ReportJson {
  readonly reports: readonly {
    readonly title: string;
    readonly summary: { readonly status: string; readonly plugin: string; readonly metadata?: Record<string, string> };
    readonly violations: readonly {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingConstructs: readonly { readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string; readonly constructPath?: string }[];
    }[];
  }[];
}

const workDir = makeWorkDir();
let project: ConsumerProject;

beforeAll(() => {
  const packed = packRepository(workDir);
  project = createConsumerProject(workDir, 'cdk8s-plugin-app', 'cdk8s-typescript-app.json', packed);
  project.link('cdk8s');
  project.link('constructs');
  for (const file of ['main.js', 'legacy.yaml', 'cdk8s.yaml']) {
    fs.copyFileSync(path.join(FIXTURES, file), project.file(file));
  }
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/**
 * `cdk8s synth` in the project, with the JSON report written to `reportName`; HOME kept inside the work folder, and
 * no check for a newer cdk8s-cli (it asks the network).
 */
function synth(reportName: string, env: NodeJS.ProcessEnv = {}): { run: Run; report: ReportJson } {
  const reportFile = project.file(reportName);
  const result = run(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade', '--validation-reports-output-file', reportFile], project.dir, {
    HOME: path.join(workDir, 'home'),
    ...env,
  });
  if (!fs.existsSync(reportFile)) {
    throw new Error(`cdk8s synth wrote no report (exit ${result.status})\n${result.stdout}\n${result.stderr}`);
  }
  return { run: result, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ReportJson };
}

describe('GIVEN a cdk8s project that installed the packed package and declares OpenShiftImagesValidation in cdk8s.yaml', () => {
  test('WHEN the app holds only a valid construct THEN cdk8s synth succeeds and the report passes', () => {
    const { run: result, report } = synth('report-valid.json');
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(report.reports).toHaveLength(1);
    expect(report.reports[0].summary).toMatchObject({ status: 'success', metadata: { objects: '1', errors: '0', warnings: '0' } });
    expect(report.reports[0].violations).toEqual([]);
    expect(result.stdout).toContain('Validations ended succesfully');
  });

  test('WHEN the app also includes YAML the constructs never saw THEN the plugin checks it with the construct\'s objects, reports each violation and the synth fails', () => {
    const { run: result, report } = synth('report-legacy.json', { WITH_LEGACY: '1' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Validation failed');
    const [only] = report.reports;
    expect(only.summary.status).toBe('failure');
    // cdk8s hands the plugin the manifests as it wrote them: relative to the project.
    const manifest = path.join('dist', 'images.k8s.yaml');
    const violations = only.violations.map((violation) => ({
      rule: violation.ruleName,
      severity: violation.recommendation.split(':')[0],
      resources: violation.violatingConstructs.map((resource) => ({ name: resource.resourceName, manifest: resource.manifestPath })),
    }));
    // The Included Image: a tag in a registry scope (the API server refuses it).
    expect(violations).toContainEqual({ rule: 'registry-scope-invalid', severity: 'error', resources: [{ name: 'cluster', manifest }] });
    // The Included ICSP: deprecated.
    expect(violations).toContainEqual({ rule: 'icsp-deprecated', severity: 'warning', resources: [{ name: 'legacy-mirrors', manifest }] });
    // The raw ApiObject: a tag in a mirror location.
    expect(violations).toContainEqual({ rule: 'mirror-invalid', severity: 'error', resources: [{ name: 'raw-tags', manifest }] });
    // Across the construct's set and the Included one: one source, two policies, reported on both.
    expect(violations).toContainEqual({ rule: 'mirror-source-policy-conflict', severity: 'error', resources: [{ name: 'release', manifest }] });
    expect(violations).toContainEqual({ rule: 'mirror-source-policy-conflict', severity: 'error', resources: [{ name: 'release-legacy', manifest }] });
    // Each violation carries the rule's fix and the field with its line in the manifest.
    const scope = only.violations.find((violation) => violation.ruleName === 'registry-scope-invalid')!;
    expect(scope.fix.length).toBeGreaterThan(10);
    expect(scope.recommendation).toContain('"reg1.io/myrepo/myapp:latest"');
    const lines = fs.readFileSync(project.file(manifest), 'utf8').split('\n');
    const [location] = scope.violatingConstructs[0].locations;
    const line = Number(/\(line (\d+)\)$/.exec(location)?.[1]);
    expect(location).toMatch(/^spec\.registrySources\.allowedRegistries\[1\] \(line \d+\)$/);
    expect(lines[line - 1]).toContain('reg1.io/myrepo/myapp:latest');
    // cdk8s links a uniquely named resource to its construct.
    const raw = only.violations.find((violation) => violation.ruleName === 'mirror-invalid')!;
    expect(raw.violatingConstructs[0].constructPath).toBe('images/raw');
    // The printed report names the same.
    expect(result.stdout).toContain('registry-scope-invalid');
    expect(result.stdout).toContain(`Manifest Path: ${manifest}`);
  });

  test('WHEN cdk8s.yaml gives a property the plugin does not know THEN the synth stops with a message naming it', () => {
    const config = fs.readFileSync(project.file('cdk8s.yaml'), 'utf8');
    fs.writeFileSync(project.file('cdk8s.yaml'), config.replace("openshiftVersion: '4.19'", "openshiftVersion: '4.19'\n      acknowlege: [icsp-deprecated]"));
    try {
      const result = run(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade'], project.dir, { HOME: path.join(workDir, 'home') });
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toContain('`acknowlege` is not a property of the plugin (known: openshiftVersion, releaseImage, target, acknowledge, strict)');
    } finally {
      fs.writeFileSync(project.file('cdk8s.yaml'), config);
    }
  });
});
