import { Testing } from 'cdk8s';
import { Warnings } from 'cdk-openshift-images';
import { DisconnectedImagesChart } from '../../examples/k8s/cluster-images';
import { expectAcceptedByCluster } from '../helpers/k8s';

describe('the bundled cdk8s example', () => {
  test('GIVEN the example chart WHEN synthesized THEN every object passes the upstream CRDs and the chart is free of warnings', () => {
    const app = Testing.app();
    const chart = new DisconnectedImagesChart(app, 'cluster-images');
    const manifest = Testing.synth(chart);
    expect(manifest.map((object: any) => `${object.kind}/${object.metadata.name}`)).toEqual(expect.arrayContaining([
      'Image/cluster', 'ConfigMap/registry-trusted-cas', 'ImageDigestMirrorSet/release-payload', 'ImageTagMirrorSet/ubi',
    ]));
    expectAcceptedByCluster(manifest);
    expect(Warnings.of(app)).toEqual([]);
  });

  test('GIVEN the example WHEN synthesized twice in separate apps THEN the YAML is byte-identical', () => {
    const render = () => {
      const app = Testing.app();
      new DisconnectedImagesChart(app, 'cluster-images');
      return app.synthYaml();
    };
    expect(render()).toBe(render());
  });
});
