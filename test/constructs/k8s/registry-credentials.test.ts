import { Duration, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import {
  RegistryExternalSecretCredentials, RegistryWebIdentityCredentials, staticCredentialsSecretCommand,
} from '../../../src/constructs/k8s/registry-credentials';
import { registryStorageHandoff } from '../../../src/validation/rules/aws-storage';
import { newChart } from '../../support/constructs';
import { codesOf, expectValidationError } from '../../support/findings';

const ROLE = 'arn:aws:iam::111122223333:role/rosa-prod-openshift-image-registry-installer-cloud-credentials';

describe('RegistryWebIdentityCredentials (STS)', () => {
  test('GIVEN a role ARN THEN the Secret installer-cloud-credentials holds an ini naming the role and the token file, in its namespace', () => {
    // GIVEN
    const chart = newChart('elsewhere');
    // WHEN
    const credentials = new RegistryWebIdentityCredentials(chart, 'sts', { roleArn: ROLE });
    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toEqual([{
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'installer-cloud-credentials', namespace: 'openshift-image-registry' },
      type: 'Opaque',
      stringData: {
        credentials: `[default]\nrole_arn = ${ROLE}\nweb_identity_token_file = /var/run/secrets/openshift/serviceaccount/token\nsts_regional_endpoints = regional\n`,
      },
    }]);
    expect(credentials.node.findChild('Resource')).toBe(credentials.apiObject);
  });

  test('GIVEN regionalStsEndpoints false THEN the line is left out', () => {
    const chart = newChart();
    new RegistryWebIdentityCredentials(chart, 'sts', { roleArn: ROLE, regionalStsEndpoints: false });
    expect(Testing.synth(chart)[0].stringData.credentials).not.toContain('sts_regional_endpoints');
  });

  test('GIVEN a malformed role ARN THEN a ValidationError quotes it', () => {
    const chart = newChart();
    const error = expectValidationError(() => new RegistryWebIdentityCredentials(chart, 'sts', { roleArn: 'arn:aws:iam::1234:user/x' }));
    expect(codesOf(error)).toEqual(['registry-credentials-invalid']);
    expect(error.message).toContain('"arn:aws:iam::1234:user/x"');
    expect(error.message).toContain('[test/sts]');
  });

  test('GIVEN an sts handoff THEN the role comes from it; GIVEN a static one THEN a ValidationError points to the static form', () => {
    const sts = registryStorageHandoff({ infrastructureName: 'rosa-prod-4mq9z', region: 'us-east-2', accountId: '111122223333', credentialsMode: 'sts', oidcIssuer: 'oidc.op1.openshiftapps.com/abc' });
    const chart = newChart();
    RegistryWebIdentityCredentials.fromAwsHandoff(chart, 'sts', sts);
    expect(Testing.synth(chart)[0].stringData.credentials).toContain(`role_arn = ${sts.roleArn}`);
    const classic = registryStorageHandoff({ infrastructureName: 'classic-7xk2p', region: 'eu-west-1' });
    const error = expectValidationError(() => RegistryWebIdentityCredentials.fromAwsHandoff(newChart(), 'sts', classic));
    expect(error.message).toContain('RegistryExternalSecretCredentials');
  });
});

describe('RegistryExternalSecretCredentials (static keys from AWS Secrets Manager)', () => {
  test('GIVEN a store and the Secrets Manager entry THEN an ExternalSecret makes image-registry-private-configuration-user with the two keys', () => {
    const chart = newChart();
    const credentials = new RegistryExternalSecretCredentials(chart, 'keys', { secretStoreRef: { name: 'aws' }, remoteSecretName: 'openshift/classic/registry' });
    const manifest = Testing.synth(chart);
    expect(manifest).toEqual([{
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'image-registry-private-configuration-user', namespace: 'openshift-image-registry' },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' },
        target: { name: 'image-registry-private-configuration-user', creationPolicy: 'Owner' },
        data: [
          { secretKey: 'REGISTRY_STORAGE_S3_ACCESSKEY', remoteRef: { key: 'openshift/classic/registry', property: 'REGISTRY_STORAGE_S3_ACCESSKEY' } },
          { secretKey: 'REGISTRY_STORAGE_S3_SECRETKEY', remoteRef: { key: 'openshift/classic/registry', property: 'REGISTRY_STORAGE_S3_SECRETKEY' } },
        ],
      },
    }]);
    expect(credentials.node.findChild('Resource')).toBe(credentials.apiObject);
  });

  test('GIVEN a namespaced SecretStore and a Duration refresh THEN both are rendered', () => {
    const chart = newChart();
    new RegistryExternalSecretCredentials(chart, 'keys', { secretStoreRef: { name: 'aws', kind: 'SecretStore' }, remoteSecretName: 'x', refreshInterval: Duration.minutes(15) });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.secretStoreRef).toEqual({ name: 'aws', kind: 'SecretStore' });
    expect(spec.refreshInterval).toBe('15m');
  });

  test('GIVEN apiVersion v1beta1 (an External Secrets Operator older than 0.16) THEN the ExternalSecret uses it, with the same spec', () => {
    const v1 = newChart();
    new RegistryExternalSecretCredentials(v1, 'keys', { secretStoreRef: { name: 'aws' }, remoteSecretName: 'x' });
    const v1beta1 = newChart();
    new RegistryExternalSecretCredentials(v1beta1, 'keys', { secretStoreRef: { name: 'aws' }, remoteSecretName: 'x', apiVersion: 'external-secrets.io/v1beta1' });
    const [defaulted] = Testing.synth(v1);
    const [asked] = Testing.synth(v1beta1);
    expect(defaulted.apiVersion).toBe('external-secrets.io/v1');
    expect(asked.apiVersion).toBe('external-secrets.io/v1beta1');
    expect(asked.spec).toEqual(defaulted.spec);
  });

  test.each([
    [{ secretStoreRef: { name: '' }, remoteSecretName: 'x' }, 'spec.secretStoreRef.name'],
    [{ secretStoreRef: { name: 'aws' }, remoteSecretName: ' ' }, 'spec.data'],
    [{ secretStoreRef: { name: 'aws' }, remoteSecretName: 'x', refreshInterval: '1d' }, '"1d"'],
  ])('GIVEN %j THEN a ValidationError', (props, says) => {
    const error = expectValidationError(() => new RegistryExternalSecretCredentials(newChart(), 'keys', props));
    expect(error.message).toContain(says);
  });

  test('GIVEN a static handoff with a Secrets Manager entry THEN it is read from there; GIVEN an sts handoff THEN refused (the user secret would override the role)', () => {
    const classic = registryStorageHandoff({ infrastructureName: 'classic-7xk2p', region: 'eu-west-1', secretsManagerSecretName: 'openshift/classic/registry' });
    const chart = newChart();
    RegistryExternalSecretCredentials.fromAwsHandoff(chart, 'keys', classic, { secretStoreRef: { name: 'aws' } });
    expect(Testing.synth(chart)[0].spec.data[0].remoteRef.key).toBe('openshift/classic/registry');
    const sts = registryStorageHandoff({ infrastructureName: 'rosa-prod-4mq9z', region: 'us-east-2', accountId: '111122223333', credentialsMode: 'sts', oidcIssuer: 'oidc.op1.openshiftapps.com/abc' });
    const error = expectValidationError(() => RegistryExternalSecretCredentials.fromAwsHandoff(newChart(), 'keys', sts, { secretStoreRef: { name: 'aws' } }));
    expect(error.message).toContain('would override it');
    const noEntry = registryStorageHandoff({ infrastructureName: 'classic-7xk2p', region: 'eu-west-1' });
    expect(expectValidationError(() => RegistryExternalSecretCredentials.fromAwsHandoff(newChart(), 'keys', noEntry, { secretStoreRef: { name: 'aws' } })).message).toContain('oc create secret');
  });
});

describe('no secret value in the output', () => {
  test('GIVEN both credential forms THEN the YAML holds references and a role ARN, never key material', () => {
    const chart = newChart();
    new RegistryWebIdentityCredentials(chart, 'sts', { roleArn: ROLE });
    new RegistryExternalSecretCredentials(chart, 'keys', { secretStoreRef: { name: 'aws' }, remoteSecretName: 'entry' });
    const yaml = Testing.synth(chart).map((object) => stringify(object)).join('---\n');
    expect(yaml).not.toMatch(/aws_secret_access_key|aws_access_key_id/);
    expect(yaml).not.toMatch(/AKIA[0-9A-Z]{16}/);
    expect(yaml).not.toMatch(/^\s*(data|stringData):\s*\n\s*REGISTRY_STORAGE_S3_(ACCESS|SECRET)KEY:/m);
  });

  test('GIVEN the documented oc command THEN the keys come from Terraform outputs, never literals', () => {
    const command = staticCredentialsSecretCommand('registry', 'cdktf.out/stacks/registry');
    expect(command).toBe([
      'oc create secret generic image-registry-private-configuration-user --namespace openshift-image-registry \\',
      '  --from-literal=REGISTRY_STORAGE_S3_ACCESSKEY="$(terraform -chdir=cdktf.out/stacks/registry output -raw registry_access_key_id)" \\',
      '  --from-literal=REGISTRY_STORAGE_S3_SECRETKEY="$(terraform -chdir=cdktf.out/stacks/registry output -raw registry_secret_access_key)"',
    ].join('\n'));
    expect(staticCredentialsSecretCommand()).toContain('"$(terraform output -raw registry_secret_access_key)"');
  });
});
