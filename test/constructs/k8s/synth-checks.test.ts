/**
 * Each object is checked once: at construction, where its own rules run, and not again at synth unless it changed
 * since; the synth checks only add the rules across objects. These tests hold the shortcut to being invisible: an
 * escape-hatch change after construction is still checked, and the output is what cdk8s renders.
 */
import { App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import { ImageConfig, ImageDigestMirrorSet, ImagePruner, ValidationError } from 'cdk-openshift-images';
import { RuleEngine } from '../../../src/validation/engine';

const ENTRIES = [{ source: 'quay.io/team/app', mirrors: ['mirror.example.com/team/app'] }];

function perObjectChecks<T>(run: () => T): { result: T; objects: number } {
  const original = RuleEngine.prototype.check;
  let objects = 0;
  const spy = jest.spyOn(RuleEngine.prototype, 'check').mockImplementation(function (this: RuleEngine, given, options, memos) {
    objects += given.length - (memos?.reuse?.size ?? 0);
    return original.call(this, given, options, memos);
  });
  try {
    return { result: run(), objects };
  } finally {
    spy.mockRestore();
  }
}

describe('GIVEN a chart of three constructs', () => {
  test('WHEN built and synthesized THEN each object is checked once, and the output is the same as without the shortcut', () => {
    const build = (app: App) => {
      const chart = new Chart(app, 'c');
      new ImageConfig(chart, 'images', { registrySources: { blockedRegistries: ['docker.io'] } });
      new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: ENTRIES });
      new ImagePruner(chart, 'pruner', { schedule: '0 1 * * *' });
      return app.synthYaml();
    };
    // GIVEN / WHEN
    const { result: yaml, objects } = perObjectChecks(() => build(Testing.app()));
    // A resolver of the app's own turns the shortcut off: every render is cdk8s's own.
    const { result: plainYaml, objects: plainObjects } = perObjectChecks(() => build(new App({ resolvers: [{ resolve: () => undefined }] })));
    // THEN
    expect(objects).toBe(3);
    expect(yaml).toBe(plainYaml);
    expect(plainObjects).toBe(3);
  });

  test('WHEN an escape-hatch patch breaks a mirror after construction THEN synth still refuses it', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const mirrors = new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: ENTRIES });
    // WHEN
    mirrors.apiObject.addJsonPatch(JsonPatch.replace('/spec/imageDigestMirrors/0/mirrors/0', '*.mirror.example.com'));
    // THEN
    let error: unknown;
    try {
      app.synthYaml();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).findings.map((finding) => [finding.code, finding.path])).toEqual([['mirror-invalid', 'spec.imageDigestMirrors[0].mirrors[0]']]);
  });

  test('WHEN a mirror is a Lazy that later produces a bad value THEN synth checks what it produced', () => {
    // GIVEN a value known only when the app is written
    let produced = 'mirror.example.com/team/app';
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: [{ source: 'quay.io/team/app', mirrors: [Lazy.any({ produce: () => produced }) as unknown as string] }] });
    // WHEN it changes after construction
    produced = 'mirror.example.com/team/app:latest';
    // THEN
    expect(() => app.synthYaml()).toThrow(ValidationError);
  });

  test('WHEN the app has a resolver of its own THEN the check at construction sees what the resolver writes', () => {
    // GIVEN a resolver that turns "@mirror" into a real location
    const app = new App({ resolvers: [{ resolve: (context: { value: unknown; replaceValue(value: unknown): void }) => { if (context.value === '@mirror') context.replaceValue('mirror.example.com/team/app'); } }] });
    const chart = new Chart(app, 'c');
    // WHEN / THEN: "@mirror" alone is no valid mirror, but the resolver makes it one
    expect(() => new ImageDigestMirrorSet(chart, 'mirrors', { metadata: { name: 'mirrors' }, imageDigestMirrors: [{ source: 'quay.io/team/app', mirrors: ['@mirror'] }] })).not.toThrow();
    expect(app.synthYaml()).toContain('- mirror.example.com/team/app');
  });
});
