/**
 * Scenarios from the research note (§2–§4, §7) that the shared cases do not pin down: payload quirks, merge cycles,
 * nested-scope quirks, emission rules (nil versus empty), versions and errors. Expected values follow the note's
 * description of the MCO's algorithm.
 */
import { parse as parseToml } from 'smol-toml';
import {
  MachineConfigOperatorError,
  NodeFilesInput,
  NodeFilesResult,
  OpenShiftVersionError,
  parseOpenShiftVersion,
  renderNodeFiles,
} from '../../src/node-files';
import type { ImageMirrorEntry } from '../../src/model/api/mirror-sets';

const RC = '/etc/containers/registries.conf';
const POLICY = '/etc/containers/policy.json';
const DROP_IN = '/etc/containers/registries.conf.d/01-image-searchRegistries.conf';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const RELEASE = `quay.io/openshift-release-dev/ocp-release@${DIGEST}`;
const PAYLOAD_REPO = 'quay.io/openshift-release-dev/ocp-release';
/** How the MCO's log names a failure to load the payload check's temporary registries.conf (its name is random). */
const LOAD_FAILED = 'loading registries configuration "/tmp/regtemp<random>": ';
const HEADER = 'unqualified-search-registries = ["registry.access.redhat.com", "docker.io"]\nshort-name-mode = ""\nadditional-layer-store-auth-helper = ""\n';

function image(registrySources: Record<string, unknown>) {
  return { apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { registrySources } };
}

function file(result: NodeFilesResult, path: string): string | undefined {
  return result.files.find((f) => f.path === path)?.content;
}

function registries(result: NodeFilesResult): Record<string, unknown>[] {
  return (parseToml(file(result, RC) as string).registry as Record<string, unknown>[] | undefined) ?? [];
}

function mcoError(input: NodeFilesInput): MachineConfigOperatorError {
  try {
    renderNodeFiles(input);
  } catch (error) {
    if (error instanceof MachineConfigOperatorError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an MCO error');
}

const payloadMirror = { idms: [{ imageDigestMirrors: [{ source: PAYLOAD_REPO, mirrors: ['mirror.local/ocp-release'] }] }] };

describe('release payload', () => {
  test('GIVEN the disconnected pattern WHEN rendered THEN the registries stay blocked, the mirrored payload entry is blocked too and policy.json allows the payload', () => {
    const result = renderNodeFiles({ imageConfig: image({ blockedRegistries: ['quay.io', 'docker.io'] }), ...payloadMirror, releaseImage: RELEASE });
    expect(result.intermediate).toEqual({
      registriesBlocked: ['quay.io', 'docker.io'],
      policyBlocked: ['quay.io', 'docker.io'],
      allowed: [PAYLOAD_REPO],
    });
    expect(file(result, RC)).toBe(
      `${HEADER}\n[[registry]]\n  prefix = ""\n  location = "${PAYLOAD_REPO}"\n  blocked = true\n\n  [[registry.mirror]]\n` +
        '    location = "mirror.local/ocp-release"\n    pull-from-mirror = "digest-only"\n\n' +
        '[[registry]]\n  prefix = ""\n  location = "quay.io"\n  blocked = true\n\n[[registry]]\n  prefix = ""\n  location = "docker.io"\n  blocked = true\n',
    );
    expect(JSON.parse(file(result, POLICY) as string)).toEqual({
      default: [{ type: 'insecureAcceptAnything' }],
      transports: {
        atomic: { 'docker.io': [{ type: 'reject' }], 'quay.io': [{ type: 'reject' }], [PAYLOAD_REPO]: [{ type: 'insecureAcceptAnything' }] },
        docker: { 'docker.io': [{ type: 'reject' }], 'quay.io': [{ type: 'reject' }], [PAYLOAD_REPO]: [{ type: 'insecureAcceptAnything' }] },
        'docker-daemon': { '': [{ type: 'insecureAcceptAnything' }] },
      },
    });
    expect(result.warnings.map((w) => w.code)).toEqual(['payload-blocked-registry-kept']);
    expect(result.controllerLog).toEqual([]);
  });

  test('GIVEN exactly the payload repository blocked with a mirror WHEN rendered THEN policy.json defaults to reject and allows only the payload', () => {
    const result = renderNodeFiles({ imageConfig: image({ blockedRegistries: [PAYLOAD_REPO] }), ...payloadMirror, releaseImage: RELEASE });
    expect(result.intermediate).toEqual({ registriesBlocked: [PAYLOAD_REPO], policyBlocked: null, allowed: [PAYLOAD_REPO] });
    const policy = JSON.parse(file(result, POLICY) as string);
    expect(policy.default).toEqual([{ type: 'reject' }]);
    expect(policy.transports.docker).toEqual({ [PAYLOAD_REPO]: [{ type: 'insecureAcceptAnything' }] });
  });

  test('GIVEN two blocked scopes covering the payload WHEN rendered THEN the doubled allowed entry trips the only-one-of error', () => {
    const error = mcoError({ imageConfig: image({ blockedRegistries: ['quay.io', 'quay.io/openshift-release-dev'] }), ...payloadMirror, releaseImage: RELEASE });
    expect(error.message).toBe(
      'could not update policy json with new changes: invalid images config: only one of AllowedRegistries or BlockedRegistries may be specified',
    );
    expect(error.stage).toBe('policy.json');
  });

  test('GIVEN a payload referenced by tag WHEN its registry is blocked THEN digest-only mirrors do not count and the scope is dropped with a log line', () => {
    const result = renderNodeFiles({
      imageConfig: image({ blockedRegistries: ['quay.io', 'docker.io'] }),
      ...payloadMirror,
      releaseImage: `${PAYLOAD_REPO}:4.19.0-x86_64`,
    });
    expect(result.intermediate.registriesBlocked).toEqual(['docker.io']);
    expect(result.controllerLog).toEqual([
      'error adding ["quay.io"] to blocked registries, cannot block the repository being used by the payload, skipping....',
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['payload-blocked-registry-dropped']);
  });

  test('GIVEN a payload whose only mirror is blocked WHEN rendered THEN the payload registry is dropped', () => {
    const result = renderNodeFiles({
      imageConfig: image({ blockedRegistries: ['quay.io', 'mirror.local'] }),
      ...payloadMirror,
      releaseImage: RELEASE,
    });
    expect(result.intermediate.registriesBlocked).toEqual(['mirror.local']);
  });

  test('GIVEN an unparseable release image WHEN rendered THEN the MCO fails with its parse error', () => {
    for (const releaseImage of ['busybox', 'docker.io/busybox', 'Quay.io/x/Y', '']) {
      expect(mcoError({ imageConfig: image({}), releaseImage }).message).toBe('error parsing reference of release image');
    }
  });

  test('GIVEN two locations defined twice with conflicting flags WHEN the payload check loads them THEN the first conflicting location in file order is logged', () => {
    // GIVEN trailing slashes, so the temporary configuration holds two entries per location (file order: the two
    // blocked scopes, then the two insecure ones), and the "…/ocp-release" pair reaches its second member first
    const input: NodeFilesInput = {
      imageConfig: image({
        blockedRegistries: ['quay.io/openshift-release-dev', PAYLOAD_REPO],
        insecureRegistries: [`${PAYLOAD_REPO}/`, 'quay.io/openshift-release-dev/'],
      }),
      releaseImage: RELEASE,
    };
    // WHEN
    const result = renderNodeFiles(input);
    // THEN containers/image reports the group whose first entry comes first, not the first duplicate it meets
    expect(result.controllerLog).toEqual([
      `${LOAD_FAILED}registry 'quay.io/openshift-release-dev' is defined multiple times with conflicting 'insecure' setting, skipping....`,
    ]);
    expect(result.intermediate).toEqual({ registriesBlocked: null, policyBlocked: null, allowed: null });
  });
  test('GIVEN no release image WHEN a blocked registry is given THEN it is kept and the result says the payload check was skipped', () => {
    const result = renderNodeFiles({ imageConfig: image({ blockedRegistries: ['quay.io'] }) });
    expect(result.intermediate.registriesBlocked).toEqual(['quay.io']);
    expect(result.notes.map((n) => n.code)).toContain('no-release-image');
  });
});

describe('release payload: containers/image refuses a wildcard prefix with a path, port or digest', () => {
  const wildcardRefused = (prefix: string) =>
    `Wildcarded prefix should be in the format: *.example.com. Current prefix "${prefix}" is incorrectly formatted`;

  test('GIVEN a blocked wildcard with a path next to a blocked payload registry WHEN rendered THEN the MCO logs the load failure and renders no blocked registry at all', () => {
    // GIVEN
    const input: NodeFilesInput = { imageConfig: image({ blockedRegistries: ['quay.io', '*.example.com/ns'] }), releaseImage: RELEASE };
    // WHEN
    const result = renderNodeFiles(input);
    // THEN the payload check fails as a whole, so neither list survives (not even the valid "quay.io"), and nothing
    // is left to write
    expect(result.intermediate).toEqual({ registriesBlocked: null, policyBlocked: null, allowed: null });
    expect(result.files).toEqual([]);
    expect(result.controllerLog).toEqual([`${LOAD_FAILED}${wildcardRefused('*.example.com/ns')}, skipping....`]);
    expect(result.warnings.map((w) => w.code)).toEqual(['payload-check-failed']);
  });

  test('GIVEN the payload check fails on a wildcard with a port WHEN a mirror is malformed THEN the MCO reports the mirror, since the blocked list is gone', () => {
    const error = mcoError({
      imageConfig: image({ blockedRegistries: ['*.io', '*.exa:5000'] }),
      idms: [{ imageDigestMirrors: [{ source: 'm1.example.org/a__b/ubi9', mirrors: ['mirror.example.com/ns/'] }] }],
      releaseImage: RELEASE,
    });
    expect(error.message).toBe('could not update registries config with new changes: invalid format for mirror "mirror.example.com/ns/"');
  });

  test('GIVEN an insecure wildcard with a port and a blocked wildcard the payload lookup does not match WHEN rendered THEN the load fails before the lookup and the insecure entry is reported', () => {
    // GIVEN a payload host in which ".example.com" first occurs mid-label, so "*.example.com" covers the repository
    // for the MCO's scope rule but matches no containers/image prefix: without the load failure the lookup finds nothing
    const input: NodeFilesInput = {
      imageConfig: image({ insecureRegistries: ['*.exa:5000'], blockedRegistries: ['*.example.com'] }),
      releaseImage: `a.example.com.example.com/ns/repo@${DIGEST}`,
    };
    // WHEN / THEN
    const error = mcoError(input);
    expect(error.message).toBe('could not update registries config with new changes: invalid entry for insecure registries "*.exa:5000"');
    expect(error.stage).toBe('registries.conf');
  });

  test.each([
    ['*.example.com/ns/', '*.example.com/ns'],
    ['*.example.com:5000//', '*.example.com:5000'],
    ['*.example.com@sha256/', '*.example.com@sha256'],
  ])('GIVEN blocked %s (trailing slashes) WHEN the payload check loads it THEN only the slashes are trimmed and %s is refused', (blocked, named) => {
    const result = renderNodeFiles({ imageConfig: image({ blockedRegistries: ['quay.io', blocked] }), releaseImage: RELEASE });
    expect(result.controllerLog).toEqual([`${LOAD_FAILED}${wildcardRefused(named)}, skipping....`]);
    expect(result.intermediate.registriesBlocked).toBeNull();
  });

  test('GIVEN a blocked wildcard whose only extra is a trailing slash WHEN rendered THEN the payload check accepts it, and the MCO later refuses the entry itself', () => {
    // GIVEN "*.example.com/", which containers/image trims to a well-formed prefix before checking
    const input: NodeFilesInput = { imageConfig: image({ blockedRegistries: ['quay.io', '*.example.com/'] }), releaseImage: RELEASE };
    // WHEN / THEN the payload check runs to its end (quay.io has no mirror, so it would be dropped), and the kept
    // "*.example.com/" fails the MCO's own scope check
    expect(mcoError(input).message).toBe('could not update registries config with new changes: invalid entry for blocked registries "*.example.com/"');
    // while without the slash the payload check fails first and the entry is never checked
    expect(renderNodeFiles({ ...input, imageConfig: image({ blockedRegistries: ['quay.io', '*.example.com/ns'] }) }).files).toEqual([]);
  });

  test('GIVEN a malformed wildcard WHEN no blocked registry covers the payload THEN the payload check never runs and the MCO refuses the entry', () => {
    const error = mcoError({ imageConfig: image({ blockedRegistries: ['docker.io', '*.example.com/ns'] }), releaseImage: RELEASE });
    expect(error.message).toBe('could not update registries config with new changes: invalid entry for blocked registries "*.example.com/ns"');
  });

  test('GIVEN a payload mirror the rewritten reference cannot be parsed on (4.15 does not check mirror format) WHEN rendered THEN the lookup error is logged without a file name', () => {
    // GIVEN the disconnected pattern with an upper-case mirror path, which only 4.13-4.15 let through
    const result = renderNodeFiles({
      imageConfig: image({ blockedRegistries: ['quay.io'] }),
      idms: [{ imageDigestMirrors: [{ source: PAYLOAD_REPO, mirrors: ['mirror.local/UPPER'] }] }],
      releaseImage: RELEASE,
      openshiftVersion: '4.15',
    });
    // THEN the error comes from the pull sources, after the file loaded: the MCO logs it as containers/image words it
    expect(result.controllerLog).toEqual(['rewriting reference: invalid reference format: repository name must be lowercase, skipping....']);
    expect(result.intermediate).toEqual({ registriesBlocked: null, policyBlocked: null, allowed: null });
  });
});

describe('mirror merging and nested scopes', () => {
  test('GIVEN contradictory mirror orders WHEN merged THEN the cycle breaks at the source, which becomes the first mirror', () => {
    const result = renderNodeFiles({
      imageConfig: image({}),
      idms: [
        { imageDigestMirrors: [{ source: 'registry.example.com', mirrors: ['z.mirror', 'y.mirror'] }] },
        { imageDigestMirrors: [{ source: 'registry.example.com', mirrors: ['y.mirror', 'z.mirror'] }] },
      ],
    });
    expect(result.mergedDigestMirrorSets[0].mirrors).toEqual(['registry.example.com', 'y.mirror', 'z.mirror']);
  });

  test('GIVEN (B,C) and (A,B) WHEN merged THEN the order is A,B,C', () => {
    const result = renderNodeFiles({
      imageConfig: image({}),
      idms: [{ imageDigestMirrors: [{ source: 's.io', mirrors: ['b.io', 'c.io'] }, { source: 's.io', mirrors: ['a.io', 'b.io'] }] }],
    });
    expect(result.mergedDigestMirrorSets[0].mirrors).toEqual(['a.io', 'b.io', 'c.io']);
  });

  test('GIVEN an insecure repository inside two mirrored sources WHEN rendered THEN it gets the less specific source mirrors', () => {
    const result = renderNodeFiles({
      imageConfig: image({ insecureRegistries: ['registry.example.com/team/app'] }),
      idms: [
        {
          imageDigestMirrors: [
            { source: 'registry.example.com/team', mirrors: ['mirror-team.local'] },
            { source: 'registry.example.com', mirrors: ['mirror-root.local'] },
          ],
        },
      ],
    });
    const app = registries(result).find((r) => r.location === 'registry.example.com/team/app');
    expect(app).toEqual({
      prefix: '',
      location: 'registry.example.com/team/app',
      insecure: true,
      mirror: [{ location: 'mirror-root.local/team/app', 'pull-from-mirror': 'digest-only' }],
    });
  });

  test('GIVEN a wildcard mirror source with an insecure host inside it WHEN rendered THEN the MCO fails with its internal error', () => {
    const error = mcoError({
      imageConfig: image({ insecureRegistries: ['foo.example.com'] }),
      idms: [{ imageDigestMirrors: [{ source: '*.example.com', mirrors: ['mirror.local'] }] }],
    });
    expect(error.message).toBe(
      'could not update registries config with new changes: internal error: mirrorsAdjustedForNestedScope for a wildcard scope "*.example.com"',
    );
  });

  test('GIVEN a wildcard insecure scope WHEN rendered THEN it is written as a prefix and hosts under it are insecure', () => {
    const result = renderNodeFiles({
      imageConfig: image({ insecureRegistries: ['*.example.com'] }),
      idms: [{ imageDigestMirrors: [{ source: 'foo.example.com/app', mirrors: ['m.example.com/app'] }] }],
    });
    expect(file(result, RC)).toBe(
      `${HEADER}\n[[registry]]\n  prefix = ""\n  location = "foo.example.com/app"\n  insecure = true\n\n  [[registry.mirror]]\n` +
        '    location = "m.example.com/app"\n    insecure = true\n    pull-from-mirror = "digest-only"\n\n' +
        '[[registry]]\n  prefix = "*.example.com"\n  insecure = true\n',
    );
  });

  test('GIVEN NeverContactSource on ITMS WHEN rendered THEN the source entry is blocked and keeps its tag-only mirrors', () => {
    const result = renderNodeFiles({
      imageConfig: image({}),
      itms: [{ imageTagMirrors: [{ source: 'a.io/x', mirrors: ['m.io/x'], mirrorSourcePolicy: 'NeverContactSource' }] }],
    });
    expect(registries(result)).toEqual([
      { prefix: '', location: 'a.io/x', blocked: true, mirror: [{ location: 'm.io/x', 'pull-from-mirror': 'tag-only' }] },
    ]);
  });

  test('GIVEN NeverContactSource with an empty mirror list WHEN rendered THEN the rule is ignored but registries.conf is still written', () => {
    const result = renderNodeFiles({
      imageConfig: image({}),
      idms: [{ imageDigestMirrors: [{ source: 'a.io/x', mirrors: [], mirrorSourcePolicy: 'NeverContactSource' }] }],
    });
    expect(file(result, RC)).toBe(HEADER);
  });
});

describe('which files are written', () => {
  test('GIVEN an Image with an empty spec WHEN rendered THEN the MachineConfig holds no file', () => {
    const result = renderNodeFiles({ imageConfig: image({}), releaseImage: RELEASE });
    expect(result.files).toEqual([]);
    expect(result.machineConfigGenerated).toBe(true);
  });

  test('GIVEN explicit empty lists WHEN rendered THEN insecure [] writes registries.conf, allowed [] writes nothing, search [] writes an empty drop-in', () => {
    const result = renderNodeFiles({
      imageConfig: image({ insecureRegistries: [], allowedRegistries: [], blockedRegistries: [], containerRuntimeSearchRegistries: [] }),
      releaseImage: RELEASE,
    });
    expect(result.files.map((f) => f.path)).toEqual([RC, DROP_IN]);
    expect(file(result, RC)).toBe(HEADER);
    expect(file(result, DROP_IN)).toBe('unqualified-search-registries = []\nshort-name-mode = ""\nadditional-layer-store-auth-helper = ""\n');
  });

  test('GIVEN only search registries WHEN rendered THEN only the drop-in is written', () => {
    const result = renderNodeFiles({ imageConfig: image({ containerRuntimeSearchRegistries: ['reg1.example.com', 'reg2.example.com:5000'] }) });
    expect(result.files.map((f) => f.path)).toEqual([DROP_IN]);
    expect(file(result, DROP_IN)).toBe(
      'unqualified-search-registries = ["reg1.example.com", "reg2.example.com:5000"]\nshort-name-mode = ""\nadditional-layer-store-auth-helper = ""\n',
    );
  });

  test('GIVEN an empty IDMS object WHEN rendered THEN registries.conf is re-rendered with no entries', () => {
    const result = renderNodeFiles({ imageConfig: image({}), idms: [{}] });
    expect(result.files.map((f) => f.path)).toEqual([RC]);
  });

  test('GIVEN no Image object WHEN rendered by the controller THEN no MachineConfig is generated', () => {
    const result = renderNodeFiles({ idms: payloadMirror.idms });
    expect(result.files).toEqual([]);
    expect(result.machineConfigGenerated).toBe(false);
    expect(result.notes.map((n) => n.code)).toEqual(['no-image-config']);
  });

  test('GIVEN no Image object WHEN rendered at bootstrap THEN the mirrors are still rendered', () => {
    const result = renderNodeFiles({ idms: payloadMirror.idms, bootstrap: true, releaseImage: RELEASE });
    expect(result.files.map((f) => f.path)).toEqual([RC]);
    expect(result.summary).toEqual({ files: 1, registries: 1, mirrors: 1, warnings: 0 });
  });
});

describe('OpenShift versions', () => {
  const input = { imageConfig: image({ blockedRegistries: ['block.io'], containerRuntimeSearchRegistries: ['s.io'] }) };

  test('GIVEN 4.18 WHEN rendered THEN no additional-layer-store-auth-helper line is written', () => {
    const result = renderNodeFiles({ ...input, openshiftVersion: '4.18' });
    expect(file(result, RC)).toBe(
      'unqualified-search-registries = ["registry.access.redhat.com", "docker.io"]\nshort-name-mode = ""\n\n[[registry]]\n  prefix = ""\n  location = "block.io"\n  blocked = true\n',
    );
    expect(file(result, DROP_IN)).toBe('unqualified-search-registries = ["s.io"]\nshort-name-mode = ""\n');
    expect(file(result, POLICY)).toContain('\n  "default": [');
  });

  test('GIVEN 4.16 WHEN rendered THEN policy.json is one compact line', () => {
    const result = renderNodeFiles({ ...input, openshiftVersion: '4.16' });
    expect(file(result, POLICY)).toBe(
      '{"default":[{"type":"insecureAcceptAnything"}],"transports":{"atomic":{"block.io":[{"type":"reject"}]},"docker":{"block.io":[{"type":"reject"}]},"docker-daemon":{"":[{"type":"insecureAcceptAnything"}]}}}',
    );
  });

  describe('mirror rule checks before 4.16', () => {
    const withRule = (version: string, rule: { source: string; mirrors: string[]; mirrorSourcePolicy?: string }, extra: Partial<NodeFilesInput> = {}): NodeFilesInput => ({
      imageConfig: image({}),
      idms: [{ imageDigestMirrors: [rule as ImageMirrorEntry] }],
      openshiftVersion: version,
      ...extra,
    });
    const prefix = 'could not update registries config with new changes: ';

    test.each([
      ['an empty source', { source: '', mirrors: ['m.local'] }, 'invalid empty entry for source configuration', 'invalid format for source ""'],
      ['an empty mirror', { source: 'a.io/x', mirrors: ['m.local', ''] }, 'invalid empty entry for mirror configuration', 'invalid format for mirror ""'],
      [
        'a wildcard mirror',
        { source: 'a.io/x', mirrors: ['*.m.local'] },
        'wildcard entries are not supported with mirror configuration "*.m.local"',
        'invalid format for mirror "*.m.local"',
      ],
    ])('GIVEN %s WHEN rendered for 4.15 and 4.16 THEN each release words the error its own way', (_, rule, old, current) => {
      expect(mcoError(withRule('4.15', rule)).message).toBe(prefix + old);
      expect(mcoError(withRule('4.16', rule)).message).toBe(prefix + current);
    });

    test('GIVEN a wildcard source WHEN rendered THEN 4.15 refuses it and 4.16 writes a prefix entry', () => {
      const rule = { source: '*.example.com', mirrors: ['m.local'] };
      expect(mcoError(withRule('4.15', rule)).message).toBe(`${prefix}wildcard entries are not supported with mirror configuration "*.example.com"`);
      expect(registries(renderNodeFiles(withRule('4.16', rule)))[0]).toMatchObject({ prefix: '*.example.com' });
    });

    test('GIVEN an upper-case path and a mirror with trailing spaces WHEN rendered for 4.15 THEN they are written as given', () => {
      // GIVEN what the 4.16 patterns refuse but 4.15 did not check
      const result = renderNodeFiles(withRule('4.15', { source: 'a.io/Team', mirrors: ['m.local/x  '] }));
      // THEN
      expect(registries(result)).toEqual([
        { prefix: '', location: 'a.io/Team', mirror: [{ location: 'm.local/x  ', 'pull-from-mirror': 'digest-only' }] },
      ]);
      expect(result.notes.map((note) => note.code)).toContain('old-release-messages');
      expect(() => renderNodeFiles(withRule('4.16', { source: 'a.io/Team', mirrors: ['m.local/x'] }))).toThrow('invalid format for source "a.io/Team"');
    });

    test('GIVEN an ICSP and an IDMS rule with different policies for one source WHEN rendered for 4.15 THEN the conflict is reported', () => {
      const input = withRule('4.15', { source: 'a.io/x', mirrors: ['m.local/x'], mirrorSourcePolicy: 'NeverContactSource' }, {
        icsp: [{ repositoryDigestMirrors: [{ source: 'a.io/x', mirrors: ['n.local/x'] }] }],
      });
      expect(mcoError(input).message).toBe(
        `${prefix}conflicting mirrorSourcePolicy is set for the same source "a.io/x" in imagedigestmirrorsets, imagetagmirrorsets, or imagecontentsourcepolicies`,
      );
    });
  });

  test('GIVEN 5.0 (what the MCO main branch builds as) WHEN rendered THEN the files are those of the newest 4.N and the result names 5.0', () => {
    const fivePointO = renderNodeFiles({ ...input, ...payloadMirror, releaseImage: RELEASE, openshiftVersion: '5.0' });
    const newest = renderNodeFiles({ ...input, ...payloadMirror, releaseImage: RELEASE, openshiftVersion: '4.19' });
    expect(fivePointO.files).toEqual(newest.files);
    expect(fivePointO.openshiftVersion).toBe('5.0');
    expect(file(fivePointO, RC)).toContain('additional-layer-store-auth-helper = ""\n');
    expect(file(fivePointO, POLICY)).toContain('\n  "default": [');
    // and the current mirror-rule checks, not the 4.15 ones
    expect(mcoError({ imageConfig: image({}), idms: [{ imageDigestMirrors: [{ source: 'a.io/Team', mirrors: ['m.local'] }] }], openshiftVersion: '5.0' }).message).toBe(
      'could not update registries config with new changes: invalid format for source "a.io/Team"',
    );
  });

  test('GIVEN 5.N versions WHEN parsed THEN they carry the newest 4.N format', () => {
    for (const version of ['5.0', '5.1', '5.0.2']) {
      expect(parseOpenShiftVersion(version)).toMatchObject({
        major: 5,
        additionalLayerStoreAuthHelper: true,
        indentedPolicyJson: true,
        legacyMirrorRuleChecks: false,
      });
    }
    expect(parseOpenShiftVersion('5.0.2').label).toBe('5.0');
  });

  test('GIVEN releases around 4.17 WHEN parsed THEN node disruption policies are honoured from 4.17 on, and on every 5.N', () => {
    const honoured = (version: string) => parseOpenShiftVersion(version).nodeDisruptionPolicies;
    expect(['4.13', '4.16', '4.16.9'].map(honoured)).toEqual([false, false, false]);
    expect(['4.17', '4.17.0', '4.19', '5.0'].map(honoured)).toEqual([true, true, true, true]);
  });

  test('GIVEN unsupported versions WHEN parsed THEN a usage error names the problem', () => {
    for (const version of ['4.12', '4.0', '3.11', '6.0', '5', 'latest']) {
      expect(() => parseOpenShiftVersion(version)).toThrow(OpenShiftVersionError);
    }
    expect(() => parseOpenShiftVersion('4.12')).toThrow('the preview models 4.13 and later');
    expect(() => parseOpenShiftVersion('6.0')).toThrow('expected 4.N or 5.N');
    expect(parseOpenShiftVersion('4.20.3').label).toBe('4.20');
  });
});

describe('MCO errors', () => {
  test.each([
    [{ insecureRegistries: [''] }, {}, 'could not update registries config with new changes: invalid entry for insecure registries ""'],
    [{ blockedRegistries: ['*.a.io/x'] }, {}, 'could not update registries config with new changes: invalid entry for blocked registries "*.a.io/x"'],
    [{ allowedRegistries: ['**.a.io'] }, {}, 'could not update policy json with new changes: invalid entry for allowed registries "**.a.io"'],
    [
      {},
      { icsp: [{ repositoryDigestMirrors: [{ source: 'a.io/Team', mirrors: ['m.io'] }] }] },
      'could not update registries config with new changes: invalid format for source "a.io/Team"',
    ],
    [
      {},
      { icsp: [{ repositoryDigestMirrors: [{ source: 'a.io/team', mirrors: ['m.io/x '] }] }] },
      'could not update registries config with new changes: invalid format for mirror "m.io/x "',
    ],
    [
      {},
      {
        idms: [{ imageDigestMirrors: [{ source: 'a.io', mirrors: ['m.io'], mirrorSourcePolicy: 'NeverContactSource' }] }],
        itms: [{ imageTagMirrors: [{ source: 'a.io', mirrors: ['m.io'] }] }],
      },
      'could not update registries config with new changes: conflicting mirrorSourcePolicy is set for the same source "a.io" in imagedigestmirrorsets, imagetagmirrorsets, or imagecontentsourcepolicies',
    ],
    [
      {},
      { idms: [{ imageDigestMirrors: [{ source: 'a.io/x', mirrors: ['m.io', 'a.io/x'], mirrorSourcePolicy: 'NeverContactSource' }] }] },
      'could not update registries config with new changes: cannot set mirrorSourcePolicy: NeverContactSource if the source "a.io/x" is one of the mirrors',
    ],
    [
      { allowedRegistries: ['a.io'], blockedRegistries: ['b.io'] },
      {},
      'could not update policy json with new changes: invalid images config: only one of AllowedRegistries or BlockedRegistries may be specified',
    ],
  ])('GIVEN %j and %j WHEN rendered THEN the MCO fails with %s', (sources, mirrors, message) => {
    expect(mcoError({ imageConfig: image(sources), ...mirrors, releaseImage: RELEASE } as NodeFilesInput).message).toBe(message);
  });
});
