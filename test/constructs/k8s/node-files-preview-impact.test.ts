/**
 * The construct-side impact: `NodeFilesPreview.impact()` and `NodeFilesPreview.write(..., { baseline })` compare a
 * cdk8s app with what the cluster holds (the previous synth's YAML, an `oc get -o yaml` dump, or objects) and say
 * what applying the app does to the nodes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import {
  BaselineError,
  ImageConfig,
  ImageDigestMirrorSet,
  ImageTagMirrorSet,
  MachineConfiguration,
  NodeDisruptionAction,
  NodeFilesPreview,
} from 'cdk-openshift-images';
import { OpenShiftCluster } from '../../../src/constructs/k8s/openshift-cluster';
import { OPENSHIFT_MIRROR } from '../../support/objects';
import { SEARCH_REGISTRIES_DROP_IN_PATH as DROP_IN } from '../../../src/node-files/render';

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'construct-impact-'));
}

/** The previous synth of an app, written as cdk8s writes it (one YAML file per chart). */
function previousSynth(build: (app: App) => void): string {
  const dir = scratch();
  const app = Testing.app({ outdir: dir });
  build(app);
  app.synth();
  return dir;
}

const mirrorsApp = (app: App) => {
  const chart = new Chart(app, 'images');
  new ImageConfig(chart, 'config', {});
  new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: [OPENSHIFT_MIRROR] });
};

describe('GIVEN the previous synth of the app as the baseline', () => {
  const baseline = previousSynth(mirrorsApp);

  test('WHEN the app adds an ImageTagMirrorSet THEN the impact is a drain and a CRI-O reload', () => {
    const app = new App({ outdir: scratch() });
    mirrorsApp(app);
    new ImageTagMirrorSet(Chart.of(app.node.findChild('images')), 'tags', { metadata: { name: 'tags' }, imageTagMirrors: [OPENSHIFT_MIRROR] });
    const report = NodeFilesPreview.impact(app, baseline);
    expect(report.action).toBe('drain-reload-crio');
    expect(report.objects.added).toEqual(['ImageTagMirrorSet/tags']);
  });

  test('WHEN the app is unchanged THEN none', () => {
    const app = new App({ outdir: scratch() });
    mirrorsApp(app);
    expect(NodeFilesPreview.impact(app, baseline)).toMatchObject({ action: 'none', files: [] });
  });

  test('WHEN write() is given the baseline THEN it writes the preview and prints the impact, verdict first', () => {
    const app = new App({ outdir: scratch() });
    const chart = new Chart(app, 'images');
    new ImageConfig(chart, 'config', { registrySources: { containerRuntimeSearchRegistries: ['quay.io'] } });
    new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: [OPENSHIFT_MIRROR] });
    const printed: string[] = [];
    const out = scratch();
    NodeFilesPreview.write(app, out, { baseline, impactOutput: (text) => printed.push(text) });
    expect(fs.existsSync(path.join(out, DROP_IN))).toBe(true);
    expect(printed).toHaveLength(1);
    expect(printed[0].split('\n')[0]).toMatch(/^drain-reboot: every node is drained and rebooted/);
    expect(printed[0]).toContain('Suggestion: only the search-registries drop-in reboots the nodes');
  });

  test('WHEN the app carries the suggested MachineConfiguration THEN the impact honours it', () => {
    const app = new App({ outdir: scratch() });
    const chart = new Chart(app, 'images');
    new ImageConfig(chart, 'config', { registrySources: { containerRuntimeSearchRegistries: ['quay.io'] } });
    new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: [OPENSHIFT_MIRROR] });
    new MachineConfiguration(chart, 'mco', { nodeDisruptionPolicy: { files: [{ path: DROP_IN, actions: [NodeDisruptionAction.restart('crio.service')] }] } });
    expect(NodeFilesPreview.impact(app, baseline)).toMatchObject({ action: 'reload-crio', steps: ['restart crio.service'] });
  });
});

describe('GIVEN an oc get -o yaml dump (a List) as the baseline', () => {
  test('WHEN the app removes the mirror set THEN drain, and the cluster\'s OpenShift version and platform option are used', () => {
    const dump = path.join(scratch(), 'live.yaml');
    fs.writeFileSync(dump, stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster', resourceVersion: '42' }, spec: {}, status: {} },
        { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'mirrors' }, spec: { imageDigestMirrors: [OPENSHIFT_MIRROR] } },
      ],
    }));
    const app = new App({ outdir: scratch() });
    const cluster = new OpenShiftCluster(app, 'prod', { openshiftVersion: '4.18' });
    new ImageConfig(new Chart(cluster, 'images'), 'config', {});
    expect(NodeFilesPreview.impact(app, dump)).toMatchObject({ action: 'drain-reload-crio', openshiftVersion: '4.18' });
    expect(NodeFilesPreview.impact(app, dump, { platform: 'hypershift' })).toMatchObject({ action: 'replace-nodes' });
  });

  test('WHEN the baseline path does not exist or does not parse THEN BaselineError names it', () => {
    const app = new App({ outdir: scratch() });
    expect(() => NodeFilesPreview.impact(app, '/no/such/dist')).toThrow(BaselineError);
    const broken = path.join(scratch(), 'broken.yaml');
    fs.writeFileSync(broken, 'kind: Image\nmetadata: [\n');
    expect(() => NodeFilesPreview.impact(app, broken)).toThrow(/broken\.yaml: the YAML does not parse/);
  });

  test('WHEN the baseline is given as objects THEN they are used as they are', () => {
    const app = new App({ outdir: scratch() });
    new ImageConfig(new Chart(app, 'images'), 'config', {});
    expect(NodeFilesPreview.impact(app, [{ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: {} }]).action).toBe('none');
  });
});
