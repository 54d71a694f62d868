/**
 * The `ocp-images impact` contract: exit codes, the JSON shape, the text layout, `--fail-on`, the platforms, reading
 * sides from files, folders and standard input. Most runs are in process (`runCli`); the last group goes through the
 * real bin, as users run it.
 */
import * as path from 'path';
import { stringify } from 'yaml';
import { IMPACT_ACTIONS, ImpactReport } from '../../src/impact';
import { requireBuiltCli, runCli as runBin, runCliInProcess, tempTree } from '../support/cli';
import { idms, imageWithSources, itms, machineConfiguration, OPENSHIFT_MIRROR } from '../support/objects';
import { REGISTRIES_CONF_PATH as REGISTRIES, SEARCH_REGISTRIES_DROP_IN_PATH as DROP_IN } from '../../src/node-files/render';

const yaml = (...objects: unknown[]) => objects.map((object) => stringify(object)).join('---\n');

const files = {
  'before/image.yaml': yaml(imageWithSources({})),
  'after-idms/all.yaml': yaml(imageWithSources({}), idms('mirrors', [OPENSHIFT_MIRROR])),
  'after-itms/all.yaml': yaml(imageWithSources({}), itms('tags', [OPENSHIFT_MIRROR])),
  'after-search/all.yaml': yaml(imageWithSources({ containerRuntimeSearchRegistries: ['quay.io'] })),
  'broken/all.yaml': yaml(imageWithSources({}), idms('m', [{ source: 'quay.io', mirrors: ['quay.io'], mirrorSourcePolicy: 'NeverContactSource' }])),
  'bad-policy/all.yaml': yaml(imageWithSources({}), machineConfiguration({ files: [{ path: DROP_IN, actions: [{ type: 'Restart' }] }] })),
  'twice/all.yaml': yaml(idms('m', []), idms('m', [])),
  'not-yaml/all.yaml': 'kind: Image\nmetadata: [\n',
};
let dir: string;
beforeAll(() => {
  dir = tempTree(files);
});
const at = (relative: string) => path.join(dir, relative);

async function json(argv: string[]): Promise<{ code: number; report: ImpactReport; stderr: string }> {
  const run = await runCliInProcess([...argv, '--format', 'json']);
  return { code: run.status, report: JSON.parse(run.stdout) as ImpactReport, stderr: run.stderr };
}

describe('GIVEN two configurations on disk', () => {
  test('WHEN --format json THEN stdout is one JSON object with action, files (path, action, reasons) and the extras', async () => {
    const { code, report, stderr } = await json(['impact', '--before', at('before'), '--after', at('after-itms')]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(report.action).toBe('drain-reload-crio');
    expect(report.files).toEqual([expect.objectContaining({ path: REGISTRIES, action: 'drain-reload-crio', reasons: expect.arrayContaining([expect.any(String)]) })]);
    expect(Object.keys(report)).toEqual(['action', 'summary', 'platform', 'openshiftVersion', 'steps', 'files', 'reasons', 'objects', 'policy', 'notes']);
    expect(IMPACT_ACTIONS).toContain(report.action);
    expect(report.objects).toEqual({ added: ['ImageTagMirrorSet/tags'], removed: [], changed: [] });
  });

  test('WHEN text (the default) THEN the verdict comes first in one line, then per file the reasons, then the unified diff', async () => {
    const run = await runCliInProcess(['impact', '--before', at('before/image.yaml'), '--after', at('after-idms/all.yaml')]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('reload-crio: no drain, no reboot; every node runs: reload crio.service (changed: registries.conf)');
    expect(lines[2]).toBe(`${REGISTRIES}: reload-crio (modified)`);
    expect(lines[3]).toMatch(/^ {2}- registry quay.io\/openshift added with digest-only mirrors/);
    const diffStart = lines.indexOf(`--- before${REGISTRIES}`);
    expect(diffStart).toBeGreaterThan(3);
    expect(lines[diffStart + 1]).toBe(`+++ after${REGISTRIES}`);
    expect(lines).toContain('+    pull-from-mirror = "digest-only"');
    expect(run.stdout).not.toContain('\u001b[');
  });

  test('WHEN --before and --after are repeated or hold several paths THEN every path counts', async () => {
    const policy = tempTree({ 'mc.yaml': yaml(machineConfiguration({ files: [{ path: DROP_IN, actions: [{ type: 'Restart', restart: { serviceName: 'crio.service' } }] }] })) });
    const { report } = await json(['impact', '--before', at('before'), '--after', at('after-search/all.yaml'), '--after', path.join(policy, 'mc.yaml')]);
    expect(report.action).toBe('reload-crio');
    expect(report.policy).toEqual({ source: 'after', ignored: false });
  });

  test('WHEN a side is an empty folder THEN it is a configuration with nothing in it', async () => {
    const empty = tempTree({ 'README.md': 'no YAML here' });
    const { code, report } = await json(['impact', '--before', empty, '--after', at('after-idms')]);
    expect(code).toBe(0);
    expect(report.action).toBe('reload-crio');
  });
});

describe('GIVEN --fail-on', () => {
  test.each([
    ['none', 1],
    ['reload-crio', 1],
    ['drain-reload-crio', 0],
    ['drain-reboot', 0],
  ] as const)('WHEN the verdict is drain-reload-crio and --fail-on %s THEN exit %d', async (limit, expected) => {
    const run = await runCliInProcess(['impact', '--before', at('before'), '--after', at('after-itms'), '--fail-on', limit]);
    expect(run.status).toBe(expected);
    expect(run.stdout.split('\n')[0]).toMatch(/^drain-reload-crio: /);
    if (expected === 1) {
      expect(run.stderr).toBe(`ocp-images impact: the verdict drain-reload-crio is more disruptive than --fail-on ${limit}\n`);
    }
  });

  test('WHEN nothing changes and --fail-on none THEN exit 0', async () => {
    expect((await runCliInProcess(['impact', '--before', at('before'), '--after', at('before'), '--fail-on', 'none'])).status).toBe(0);
  });

  test('WHEN --fail-on names no action THEN usage error', async () => {
    const run = await runCliInProcess(['impact', '--before', at('before'), '--after', at('before'), '--fail-on', 'reboot']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Allowed choices are none, reload-crio, drain-reload-crio, drain-reboot, replace-nodes");
  });
});

describe('GIVEN --platform', () => {
  test.each(['hypershift', 'rosa-hcp'])('WHEN %s and the mirrors change THEN replace-nodes', async (platform) => {
    const { code, report } = await json(['impact', '--before', at('before'), '--after', at('after-idms'), '--platform', platform]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ action: 'replace-nodes', platform, files: [{ action: 'replace-nodes' }] });
  });

  test('WHEN standalone (the default) THEN the MCO rules decide', async () => {
    const { report } = await json(['impact', '--before', at('before'), '--after', at('after-idms'), '--platform', 'standalone']);
    expect(report).toMatchObject({ action: 'reload-crio', platform: 'standalone' });
  });

  test('WHEN hosted and nothing changes THEN none, and --fail-on none passes', async () => {
    const run = await runCliInProcess(['impact', '--before', at('before'), '--after', at('before'), '--platform', 'hypershift', '--fail-on', 'none']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^none: /);
  });

  test('WHEN the platform is unknown THEN usage error', async () => {
    expect((await runCliInProcess(['impact', '--before', at('before'), '--after', at('before'), '--platform', 'aks'])).status).toBe(2);
  });
});

describe('GIVEN a side that is invalid for the cluster', () => {
  test('WHEN the MCO would fail on the after side THEN exit 1 with its message on stderr and nothing on stdout', async () => {
    const run = await runCliInProcess(['impact', '--before', at('before'), '--after', at('broken')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('could not update registries config with new changes: cannot set mirrorSourcePolicy: NeverContactSource if the source "quay.io" is one of the mirrors');
    expect(run.stderr).toContain('the after configuration is invalid for the Machine Config Operator');
  });

  test('WHEN the before side is the broken one THEN exit 1 too, naming the before side', async () => {
    const run = await runCliInProcess(['impact', '--before', at('broken'), '--after', at('before')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the before configuration is invalid');
  });

  test('WHEN the MachineConfiguration breaks a CEL rule THEN exit 1 with file:line, code and field', async () => {
    const run = await runCliInProcess(['impact', '--before', at('before'), '--after', at('bad-policy')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad-policy\/all\.yaml:\d+: error \[node-disruption-action-service\] MachineConfiguration\/cluster spec\.nodeDisruptionPolicy\.files\[0\]\.actions\[0\]\.restart: /);
  });
});

describe('GIVEN a command line or input that cannot be used', () => {
  test.each([
    ['no --after', ['impact', '--before', 'x.yaml']],
    ['a missing file', ['impact', '--before', '/no/such/file.yaml', '--after', '/no/such/file.yaml']],
    ['an unknown format', ['impact', '--before', 'DIR/before', '--after', 'DIR/before', '--format', 'xml']],
    ['an unsupported OpenShift version', ['impact', '--before', 'DIR/before', '--after', 'DIR/before', '--openshift-version', '4.9']],
  ])('WHEN %s THEN exit 2', async (_what, argv) => {
    const run = await runCliInProcess(argv.map((arg) => arg.replace(/^DIR\//, `${dir}/`)));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toBe('');
  });

  test('WHEN the OpenShift version is unsupported THEN the message says which are', async () => {
    const run = await runCliInProcess(['impact', '--before', at('before'), '--after', at('before'), '--openshift-version', '4.9']);
    expect(run.stderr).toBe('ocp-images impact: unsupported OpenShift version "4.9": the preview models 4.13 and later\n');
  });

  test('WHEN a side holds the same object twice THEN exit 2 naming the side', async () => {
    const run = await runCliInProcess(['impact', '--before', at('twice'), '--after', at('before')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('ocp-images impact: --before: 2 ImageDigestMirrorSet objects are named "m"; the cluster holds exactly one, so the preview cannot tell which applies\n');
  });

  test('WHEN a side does not parse THEN exit 2 with file and line', async () => {
    const run = await runCliInProcess(['impact', '--before', at('before'), '--after', at('not-yaml')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ocp-images impact: --after: cannot read .*not-yaml\/all\.yaml:\d+: YAML does not parse/);
  });

  test('WHEN both sides read standard input THEN exit 2', async () => {
    const run = await runCliInProcess(['impact', '--before', '-', '--after', '-']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('standard input (-) can feed only one side');
  });
});

describe('GIVEN the compiled bin', () => {
  beforeAll(() => requireBuiltCli());

  test('WHEN the after side comes on standard input THEN it is read as a side, and the exit code is 0', () => {
    const tree = tempTree({ 'before.yaml': files['before/image.yaml'] });
    const run = runBin(['impact', '--before', 'before.yaml', '--after', '-', '--format', 'json'], { cwd: tree, stdin: files['after-search/all.yaml'] });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ImpactReport;
    expect(report.action).toBe('drain-reboot');
    expect(report.suggestion?.action).toBe('reload-crio');
  });

  test('WHEN --fail-on trips THEN the process exits 1; WHEN the MCO fails THEN 1; WHEN usage is wrong THEN 2', () => {
    const tree = tempTree({ 'before.yaml': files['before/image.yaml'], 'after.yaml': files['after-itms/all.yaml'], 'broken.yaml': files['broken/all.yaml'] });
    expect(runBin(['impact', '--before', 'before.yaml', '--after', 'after.yaml', '--fail-on', 'reload-crio'], { cwd: tree }).status).toBe(1);
    expect(runBin(['impact', '--before', 'before.yaml', '--after', 'after.yaml'], { cwd: tree }).status).toBe(0);
    const broken = runBin(['impact', '--before', 'before.yaml', '--after', 'broken.yaml'], { cwd: tree });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('cannot set mirrorSourcePolicy: NeverContactSource');
    expect(runBin(['impact', '--after', 'after.yaml'], { cwd: tree }).status).toBe(2);
  });

  test('WHEN impact runs THEN it does not load cdk8s, constructs or cdktf', () => {
    const tree = tempTree({ 'before.yaml': files['before/image.yaml'], 'after.yaml': files['after-idms/all.yaml'] });
    const probe = `const Module = require('module'); const load = Module._load; Module._load = function (request, ...rest) { if (/^(cdk8s|constructs|cdktf)(\\/|$)/.test(request)) { throw new Error('loaded ' + request); } return load.call(this, request, ...rest); }; require(${JSON.stringify(path.resolve(__dirname, '../../bin/ocp-images.js'))});`;
    const { spawnSync } = require('child_process') as typeof import('child_process');
    const result = spawnSync(process.execPath, ['-e', probe, 'ocp-images', 'impact', '--before', 'before.yaml', '--after', 'after.yaml'], { cwd: tree, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
