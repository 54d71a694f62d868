import { computeImpact, renderImpactText } from '../../src/impact';
const idms = (name: string, source: string, mirrors: string[]) => ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name }, spec: { imageDigestMirrors: [{ source, mirrors }] } });
const itms = (name: string, source: string, mirrors: string[]) => ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name }, spec: { imageTagMirrors: [{ source, mirrors }] } });
const image = (spec: unknown) => ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec });
test('x', () => {
  for (const [b, a] of [
    [[], [idms('a', 'quay.io/openshift', ['mirror.example.com/ns'])]],
    [[], [itms('a', 'quay.io/openshift', ['mirror.example.com/ns'])]],
    [[idms('a', 'quay.io/openshift', ['mirror.example.com/ns', 'm2.example.com/x'])], [idms('a', 'quay.io/openshift', ['m2.example.com/x'])]],
    [[image({ registrySources: { containerRuntimeSearchRegistries: ['a.io'] } })], [image({ registrySources: { containerRuntimeSearchRegistries: ['b.io'] } })]],
    [[image({ registrySources: { blockedRegistries: ['docker.io'] } })], [image({ registrySources: { blockedRegistries: ['docker.io', 'x.io'] } })]],
  ] as unknown[][][]) {
    const r = computeImpact(b, a);
    console.log(renderImpactText(r));
  }
});
