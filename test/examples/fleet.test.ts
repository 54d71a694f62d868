import { App, Chart, Testing } from 'cdk8s';
import { ImageConfig, OpenShiftCluster, ValidationError, Warnings } from 'cdk-openshift-images';
import { addFleet, FLEET } from '../../examples/fleet/fleet';

describe('GIVEN the fleet example: one app, one OpenShiftCluster per cluster', () => {
  test('WHEN synthesized THEN each cluster is checked on its own: no cluster\'s mirror is reported against another\'s allow list', () => {
    // GIVEN
    const app = Testing.app();
    addFleet(app);
    // WHEN
    const warnings = Warnings.of(app);
    app.synth();
    // THEN
    expect(warnings).toEqual([]);
  });

  test('WHEN the same clusters share one app without boundaries THEN the app is one cluster, and its two Image/cluster objects are an error', () => {
    // GIVEN the objects of both clusters in one configuration, as an app without OpenShiftCluster would have them
    const app = Testing.app();
    FLEET.forEach((member) => {
      const chart = new Chart(app, `${member.name}-images`);
      new ImageConfig(chart, 'images', { registrySources: { allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000', member.mirror] } });
    });
    // WHEN / THEN two Images in one cluster: the duplicate is an error
    expect(() => app.synth()).toThrow(ValidationError);
  });

  test('WHEN one cluster holds two ImageConfig constructs THEN synth fails naming both, and the other cluster is not involved', () => {
    // GIVEN
    const app = Testing.app();
    const [eu] = addFleet(app);
    new ImageConfig(new Chart(eu, 'more'), 'images', {});
    // WHEN
    let error: unknown;
    try {
      app.synth();
    } catch (caught) {
      error = caught;
    }
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    const findings = (error as ValidationError).findings;
    expect(findings.map((finding) => finding.code)).toEqual(['object-duplicate', 'object-duplicate']);
    expect((error as ValidationError).message).toContain('prod-eu/images/images');
    expect((error as ValidationError).message).toContain('prod-eu/more/images');
    expect((error as ValidationError).message).not.toContain('prod-us');
  });

  test('WHEN an OpenShiftCluster is given a release the checks do not model THEN it is refused where it is given', () => {
    expect(() => new OpenShiftCluster(new App(), 'old', { openshiftVersion: '4.12' })).toThrow('4.13 and later');
  });
});
