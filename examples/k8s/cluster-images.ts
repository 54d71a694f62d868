// The image configuration of a disconnected cluster whose only source of images is the mirror registry
// `mirror.corp.example.com:8443` (filled with `oc mirror`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ImageConfig, ImageDigestMirrorSet, ImageTagMirrorSet, MirrorSourcePolicy,
} from 'cdk-openshift-images';

/** The mirror registry every image comes from. */
export const MIRROR = 'mirror.corp.example.com:8443';

/** The release the cluster runs (`oc get clusterversion version -o jsonpath='{.status.desired.image}'`). */
export const RELEASE_IMAGE = 'quay.io/openshift-release-dev/ocp-release@sha256:3f1b82a05fa8a2d4a3e3b3c1e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f607';

/** Image policy and mirroring of a disconnected cluster. */
export class DisconnectedImagesChart extends Chart {
  public readonly images: ImageConfig;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.images = new ImageConfig(this, 'images', {
      registrySources: {
        // Pods may pull only from these. The payload registries stay listed: the nodes resolve payload images through
        // the mirror sets below, but the signature policy still sees the original names.
        allowedRegistries: [
          'quay.io',
          'registry.redhat.io',
          'registry.access.redhat.com',
          'image-registry.openshift-image-registry.svc:5000',
          MIRROR,
        ],
        containerRuntimeSearchRegistries: [MIRROR],
      },
      trustedCAs: { [MIRROR]: fs.readFileSync(path.join(__dirname, '../../examples/k8s/mirror-ca.pem'), 'utf8') },
    });

    // The release payload, by digest only, and never from the internet.
    new ImageDigestMirrorSet(this, 'release', {
      metadata: { name: 'release-payload' },
      imageDigestMirrors: [
        {
          source: 'quay.io/openshift-release-dev/ocp-release',
          mirrors: [`${MIRROR}/openshift/release-images`],
          mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE,
        },
        {
          source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev',
          mirrors: [`${MIRROR}/openshift/release`],
          mirrorSourcePolicy: MirrorSourcePolicy.NEVER_CONTACT_SOURCE,
        },
      ],
    });

    // Operator bundles and their images.
    const operators = new ImageDigestMirrorSet(this, 'operators', { metadata: { name: 'redhat-operators' } });
    operators.addMirror('registry.redhat.io', [`${MIRROR}/redhat`]);

    // Base images that builds pull by tag.
    new ImageTagMirrorSet(this, 'ubi', {
      metadata: { name: 'ubi' },
      imageTagMirrors: [{ source: 'registry.access.redhat.com/ubi9', mirrors: [`${MIRROR}/ubi9`] }],
    });
  }
}

