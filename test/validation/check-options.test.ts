/**
 * checkOptionsOf: the one place the check options are built from a command line or plugin properties (validate,
 * export, preview, impact, the cdk8s plugin, the hosted targets).
 */
import { checkOptionsOf } from '../../src/validation/check-options';

describe('GIVEN the cluster options as a command line gives them', () => {
  test('WHEN some are left out (undefined) THEN they are absent from the check options, not present as undefined', () => {
    const options = checkOptionsOf({ openshiftVersion: '4.16', releaseImage: undefined, target: undefined });
    expect(options).toStrictEqual({ openshiftVersion: '4.16' });
    expect(Object.keys(checkOptionsOf({}))).toEqual([]);
  });

  test('WHEN all are given THEN each is passed on as given', () => {
    const releaseImage = 'quay.io/openshift-release-dev/ocp-release@sha256:' + '0'.repeat(64);
    expect(checkOptionsOf({ openshiftVersion: '4.19', releaseImage, target: 'hypershift' })).toStrictEqual({ openshiftVersion: '4.19', releaseImage, target: 'hypershift' });
  });

  test('WHEN given an object with other options too (plugin properties) THEN only the check options are taken', () => {
    const properties = { openshiftVersion: '4.18', acknowledge: ['icsp-deprecated'], strict: true };
    expect(checkOptionsOf(properties)).toStrictEqual({ openshiftVersion: '4.18' });
  });
});
