// A fleet in one cdk8s app: one OpenShiftCluster per cluster, each with its own charts. The rules that span objects
// (a mirror covered by allowedRegistries, conflicting mirrorSourcePolicy, the same object twice) run per cluster, so
// one cluster's allow list is never checked against another cluster's mirrors.
import { App, Chart } from 'cdk8s';
import { ImageConfig, ImageDigestMirrorSet, MirrorSourcePolicy, OpenShiftCluster } from 'cdk-openshift-images';

/** What differs between the clusters of the fleet. */
export interface FleetMember {
  /** Construct id, and the chart name prefix. */
  readonly name: string;
  readonly openshiftVersion: string;
  /** The mirror registry the cluster pulls through. */
  readonly mirror: string;
}

export const FLEET: readonly FleetMember[] = [
  { name: 'prod-eu', openshiftVersion: '4.18', mirror: 'mirror.eu.example.com:8443' },
  { name: 'prod-us', openshiftVersion: '4.19', mirror: 'mirror.us.example.com:8443' },
];

/** Adds every cluster of `fleet` to `app`: an allow list and a payload mirror through the cluster's own registry. */
export function addFleet(app: App, fleet: readonly FleetMember[] = FLEET): OpenShiftCluster[] {
  return fleet.map((member) => {
    const cluster = new OpenShiftCluster(app, member.name, { openshiftVersion: member.openshiftVersion });
    const chart = new Chart(cluster, 'images');
    new ImageConfig(chart, 'images', {
      registrySources: {
        allowedRegistries: ['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000', member.mirror],
      },
    });
    new ImageDigestMirrorSet(chart, 'release', {
      metadata: { name: 'release-payload' },
      imageDigestMirrors: [{
        source: 'quay.io/openshift-release-dev/ocp-release',
        mirrors: [`${member.mirror}/openshift/release-images`],
        mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE,
      }],
    });
    return cluster;
  });
}
