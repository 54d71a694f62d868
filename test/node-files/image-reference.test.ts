/**
 * The distribution reference grammar as containers/image applies it (`Parse`, `ParseNamed`).
 */
import * as fc from 'fast-check';
import { ImageReferenceError, parseNamed, parseReference, tryParseNamed } from '../../src/model/image-reference';

const HEX = 'a'.repeat(64);

describe('parseNamed', () => {
  test.each([
    ['quay.io/openshift-release-dev/ocp-release@sha256:' + HEX, { name: 'quay.io/openshift-release-dev/ocp-release', domain: 'quay.io', path: 'openshift-release-dev/ocp-release', digest: 'sha256:' + HEX }],
    ['test.io/myuser/myimage:test', { name: 'test.io/myuser/myimage', domain: 'test.io', path: 'myuser/myimage', tag: 'test' }],
    ['registry.example.com:5000/a/b:v1@sha256:' + HEX, { name: 'registry.example.com:5000/a/b', domain: 'registry.example.com:5000', tag: 'v1', digest: 'sha256:' + HEX }],
    ['localhost/app', { name: 'localhost/app', domain: 'localhost', path: 'app' }],
    ['[::1]:5000/app:latest', { name: '[::1]:5000/app', domain: '[::1]:5000', tag: 'latest' }],
    ['docker.io/library/busybox', { name: 'docker.io/library/busybox' }],
    ['a-b__c.d/x--y/z', { name: 'a-b__c.d/x--y/z', domain: '' }],
  ])('GIVEN %s WHEN parsed THEN its parts are found', (ref, parts) => {
    const parsed = parseNamed(ref);
    expect(parsed).toMatchObject(parts);
    expect(parsed.string).toBe(ref);
  });

  test.each([
    ['busybox', 'not fully qualified'],
    ['library/busybox', 'no registry host'],
    ['docker.io/busybox', 'normalizes to docker.io/library/busybox'],
    ['index.docker.io/library/busybox', 'legacy docker.io host'],
    ['quay.io/Upper/case', 'upper-case path'],
    ['quay.io/x@sha256:abc', 'short digest'],
    ['quay.io/x@md5:' + 'a'.repeat(32), 'unknown digest algorithm'],
    ['quay.io/x@sha256:' + 'A'.repeat(64), 'upper-case digest hex'],
    ['quay.io/x:' + 't'.repeat(129), 'tag too long'],
    ['quay.io/' + 'x'.repeat(250), 'name too long'],
    [HEX, 'bare identifier'],
    ['', 'empty'],
    ['quay.io/x:', 'empty tag'],
    ['quay.io//x', 'empty component'],
    ['https://quay.io/x', 'scheme'],
  ])('GIVEN %s (%s) WHEN parsed as a named reference THEN it is rejected', (ref) => {
    expect(() => parseNamed(ref)).toThrow(ImageReferenceError);
    expect(tryParseNamed(ref)).toBeUndefined();
  });
});

describe('parseReference', () => {
  test('GIVEN a short name WHEN parsed without normalization THEN it is a path without domain', () => {
    expect(parseReference('busybox:1')).toMatchObject({ name: 'busybox', domain: '', path: 'busybox', tag: '1' });
  });
  test('GIVEN an upper-case path WHEN parsed THEN the message says lowercase', () => {
    expect(() => parseReference('quay.io/Foo')).toThrow('repository name must be lowercase');
  });
  test('GIVEN pathological input WHEN parsed THEN it finishes in linear time', () => {
    const long = `quay.io/${'a-'.repeat(50000)}!`;
    const started = Date.now();
    expect(() => parseReference(long)).toThrow(ImageReferenceError);
    expect(Date.now() - started).toBeLessThan(500);
  });
  test('GIVEN any valid named reference WHEN its string is parsed again THEN the result is the same', () => {
    const component = fc.stringMatching(/^[a-z0-9]{1,5}(?:[._-][a-z0-9]{1,5}){0,2}$/);
    const ref = fc
      .tuple(fc.constantFrom('quay.io', 'reg.example.com:5000', 'localhost'), fc.array(component, { minLength: 1, maxLength: 3 }), fc.option(fc.stringMatching(/^\w[\w.-]{0,10}$/), { nil: undefined }), fc.boolean())
      .map(([domain, path, tag, digest]) => `${domain}/${path.join('/')}${tag !== undefined ? `:${tag}` : ''}${digest ? `@sha256:${HEX}` : ''}`);
    fc.assert(
      fc.property(ref, (s) => {
        const parsed = parseNamed(s);
        expect(parsed.string).toBe(s);
        expect(parseNamed(parsed.string)).toEqual(parsed);
      }),
    );
  });
});
