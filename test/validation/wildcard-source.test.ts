import * as fc from 'fast-check';
import { MachineConfigOperatorError, renderNodeFiles, validateObjects } from 'cdk-openshift-images';

const image = (registrySources: Record<string, string[]>) => ({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources } });
const idms = (entries: { source: string; mirrors: string[] }[]) => ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'digest' }, spec: { imageDigestMirrors: entries } });
const itms = (entries: { source: string; mirrors: string[] }[]) => ({ apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: 'tag' }, spec: { imageTagMirrors: entries } });

const codes = (objects: unknown[]) => validateObjects(objects).errors.map((finding) => finding.code);

describe('mirror-wildcard-source-nested-scope', () => {
  test('GIVEN an insecure scope inside a *.host digest source WHEN validated THEN the MCO internal error is reported on the Image', () => {
    const report = validateObjects([image({ insecureRegistries: ['foo.example.com'] }), idms([{ source: '*.example.com', mirrors: ['mirror.local/example'] }])]);
    expect(report.errors.map((finding) => [finding.code, finding.object, finding.path])).toEqual([
      ['mirror-wildcard-source-nested-scope', 'Image/cluster', 'spec.registrySources.insecureRegistries[0]'],
    ]);
    expect(report.errors[0].message).toContain('internal error: mirrorsAdjustedForNestedScope for a wildcard scope "*.example.com"');
  });

  test('GIVEN the nested scope has mirrors of its own, or the wildcard has no real mirror WHEN validated THEN no error', () => {
    expect(codes([image({ blockedRegistries: ['foo.example.com'] }), idms([{ source: '*.example.com', mirrors: ['m.local/a'] }, { source: 'foo.example.com', mirrors: ['m.local/foo'] }])])).toEqual([]);
    expect(codes([image({ blockedRegistries: ['foo.example.com'] }), idms([{ source: '*.example.com', mirrors: [] }])])).toEqual([]);
    expect(codes([image({ blockedRegistries: ['example.com'] }), idms([{ source: '*.example.com', mirrors: ['m.local/a'] }])])).toEqual([]);
  });

  test('GIVEN a tag wildcard and a concrete digest source both enclosing the scope WHEN validated THEN the digest source comes first and there is no error', () => {
    expect(codes([image({ insecureRegistries: ['foo.example.com/team'] }), idms([{ source: 'foo.example.com', mirrors: ['m.local/foo'] }]), itms([{ source: '*.example.com', mirrors: ['m.local/t'] }])])).toEqual([]);
    expect(codes([image({ insecureRegistries: ['foo.example.com/team'] }), itms([{ source: '*.example.com', mirrors: ['m.local/t'] }])])).toEqual(['mirror-wildcard-source-nested-scope']);
  });

  test('GIVEN random scopes and sources WHEN validated and rendered THEN the rule fires exactly when the renderer fails with the wildcard internal error', () => {
    const host = fc.constantFrom('example.com', 'foo.example.com', 'a.foo.example.com', 'other.org', 'x.other.org');
    const scope = fc.tuple(fc.constantFrom('', '*.'), host, fc.constantFrom('', '/team', '/team/app')).map(([wild, h, path]) => (wild ? `*.${h}` : `${h}${path}`));
    const entries = fc.array(fc.record({ source: scope, mirrors: fc.constantFrom<string[]>([], ['m.local/one'], ['m.local/one', 'm.local/two']) }), { maxLength: 3 });
    fc.assert(fc.property(fc.array(scope, { maxLength: 2 }), fc.array(scope, { maxLength: 2 }), entries, entries, (insecure, blocked, digest, tag) => {
      const uniqueDigest = digest.filter((entry, i) => digest.findIndex((other) => other.source === entry.source) === i);
      const uniqueTag = tag.filter((entry, i) => tag.findIndex((other) => other.source === entry.source) === i);
      const objects = [image({ insecureRegistries: insecure, blockedRegistries: blocked }), idms(uniqueDigest), itms(uniqueTag)];
      let rendererFails = false;
      try {
        renderNodeFiles({ imageConfig: { spec: { registrySources: { insecureRegistries: insecure, blockedRegistries: blocked } } }, idms: [{ imageDigestMirrors: uniqueDigest }], itms: [{ imageTagMirrors: uniqueTag }] });
      } catch (error) {
        if (!(error instanceof MachineConfigOperatorError)) {
          throw error;
        }
        rendererFails = error.message.includes('mirrorsAdjustedForNestedScope for a wildcard scope');
      }
      expect(codes(objects).includes('mirror-wildcard-source-nested-scope')).toBe(rendererFails);
    }), { numRuns: 3000 });
  });
});
