/**
 * The registry's S3 credentials, without ever writing a secret value into the synthesized YAML.
 *
 * The operator looks for credentials in this order:
 * 1. `openshift-image-registry/image-registry-private-configuration-user`, static keys
 *    (`REGISTRY_STORAGE_S3_ACCESSKEY`, `REGISTRY_STORAGE_S3_SECRETKEY`), written by you;
 * 2. only if that Secret does not exist, `openshift-image-registry/installer-cloud-credentials`, written by the cloud
 *    credential operator or ROSA; on STS clusters its `credentials` key is an AWS config naming a role and the
 *    projected service-account token, with no secret in it.
 *
 * So: on STS clusters emit {@link RegistryWebIdentityCredentials} (no secret inside), or nothing on ROSA, where ROSA
 * writes it and the user Secret must not exist (it would override the role). On classic clusters the static keys come
 * from a store you control: {@link RegistryExternalSecretCredentials} (External Secrets Operator reading the AWS
 * Secrets Manager entry the AWS stack writes), or `oc create secret` from the Terraform output
 * ({@link staticCredentialsSecretCommand}).
 */
import { ApiObject, ApiObjectProps, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  IMAGE_REGISTRY_NAMESPACE, REGISTRY_INSTALLER_CREDENTIALS_SECRET, REGISTRY_USER_CREDENTIALS_SECRET,
  REGISTRY_WEB_IDENTITY_TOKEN_FILE,
} from '../../model/api/image-registry';
import { isGoDuration } from '../../model/go-duration';
import { REGISTRY_ACCESS_KEY_ID_KEY, REGISTRY_SECRET_ACCESS_KEY_KEY, RegistryStorageHandoff } from '../../model/registry-storage';
import { quote } from '../../validation/finding';
import { ImageRegistryConfigRules } from '../../validation/rules/image-registry-config';
import { ValidationError } from '../../validation/validation-error';
import { ResourceMetadata } from './base';
import { checkPropsObject, describeValue, isPlainRecord, optionalBoolean, PropIssues, propsRecord, readProp, stringMap } from './props';
import { renderDuration } from './registry-render';

const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

function fail(scope: Construct, kind: string, name: string, path: string, message: string, hint?: string): never {
  throw new ValidationError([ImageRegistryConfigRules.credentialsInvalid.finding(`${kind}/${name}`, path, message, hint)], () => scope.node.path);
}

/** The value of a cdk8s `Lazy` (produced again if it yields another), or the value itself. */
function produced(value: unknown): unknown {
  let current = value;
  for (let depth = 0; current instanceof Lazy && depth < 10; depth += 1) {
    current = current.produce();
  }
  return current;
}

/** Checks to run when the app is written, for values given as cdk8s `Lazy`. */
type DeferredChecks = Array<() => void>;

/**
 * Checks a value now, or, when it is a cdk8s `Lazy`, when the app is written (the check is queued in `deferred` and
 * runs on the produced value before the object is rendered); returns what to put in the manifest.
 */
function checkedNowOrAtSynth<T>(deferred: DeferredChecks, value: T, check: (actual: unknown) => void, render: (actual: unknown) => unknown = (actual) => actual): T {
  if (!(value instanceof Lazy)) {
    check(value);
    return render(value) as T;
  }
  deferred.push(() => check(produced(value)));
  return Lazy.any({ produce: () => render(produced(value)) }) as T;
}

/**
 * An `ApiObject` that runs the queued checks before rendering: cdk8s wraps anything thrown while it renders into a
 * plain `Error`, so a `ValidationError` must be thrown before.
 */
class CredentialsObject extends ApiObject {
  constructor(scope: Construct, id: string, props: ApiObjectProps, private readonly deferred: DeferredChecks) {
    super(scope, id, props);
  }

  public toJson(): any {
    for (const check of this.deferred) {
      check();
    }
    return super.toJson();
  }
}

/** The handoff's fields, read without assuming it is an object. */
function handoffRecord(handoff: unknown): { readonly credentialsMode?: unknown; readonly roleArn?: unknown; readonly bucket?: unknown; readonly secretsManagerSecretName?: unknown } {
  const record = propsRecord(handoff);
  return {
    credentialsMode: readProp(record, 'credentialsMode'),
    roleArn: readProp(record, 'roleArn'),
    bucket: readProp(record, 'bucket'),
    secretsManagerSecretName: readProp(record, 'secretsManagerSecretName'),
  };
}

/** Throws the props that cannot be used as given (wrong types), all at once. */
function throwIssues(scope: Construct, issues: PropIssues): void {
  if (issues.findings.length > 0) {
    throw new ValidationError(issues.findings, () => scope.node.path);
  }
}

/** Labels and annotations of a credentials object, checked like those of the other constructs. */
function metadataOf(value: unknown, issues: PropIssues): { labels?: Record<string, string>; annotations?: Record<string, string> } {
  if (value !== undefined && !isPlainRecord(value)) {
    issues.report('metadata', `\`metadata\` is ${describeValue(value)}; expected an object with \`labels\` and \`annotations\`.`);
    return {};
  }
  const record = isPlainRecord(value) ? value : {};
  return {
    labels: stringMap(readProp(record, 'labels'), 'metadata.labels', issues, 'a mapping of label names to strings'),
    annotations: stringMap(readProp(record, 'annotations'), 'metadata.annotations', issues, 'a mapping of annotation names to strings'),
  };
}

/** Properties of {@link RegistryWebIdentityCredentials}. */
export interface RegistryWebIdentityCredentialsProps {
  /** ARN of the IAM role the registry and its operator assume with their service-account token. */
  readonly roleArn: string;
  /**
   * Whether to add `sts_regional_endpoints = regional`, as the cloud credential operator does, so the SDK calls the
   * STS endpoint of the cluster's region.
   * @default true
   */
  readonly regionalStsEndpoints?: boolean;
  /**
   * Labels and annotations of the Secret.
   * @default - none
   */
  readonly metadata?: ResourceMetadata;
}

/**
 * The STS form: the Secret `openshift-image-registry/installer-cloud-credentials` with an AWS config naming the role
 * and the projected token file. It holds no secret value, so it can live in Git. Use it on STS clusters whose
 * registry should assume a role you manage (e.g. one made by the AWS constructs of this library); on ROSA leave it
 * out, ROSA writes this Secret itself. Never create the user Secret `image-registry-private-configuration-user` on
 * such clusters: the operator would prefer it over the role.
 *
 * Child id `Resource` is the Secret.
 */
export class RegistryWebIdentityCredentials extends Construct {
  /** The STS form from the AWS stack's handoff; fails unless its credentials mode is `sts`. */
  public static fromAwsHandoff(scope: Construct, id: string, given: RegistryStorageHandoff, options: Omit<RegistryWebIdentityCredentialsProps, 'roleArn'> = {}): RegistryWebIdentityCredentials {
    const handoff = handoffRecord(given);
    if (handoff.credentialsMode !== 'sts' || handoff.roleArn === undefined) {
      fail(scope, 'Secret', REGISTRY_INSTALLER_CREDENTIALS_SECRET, 'stringData.credentials',
        `The AWS handoff for bucket ${quote(handoff.bucket)} has credentials mode ${quote(handoff.credentialsMode)}${handoff.roleArn === undefined ? ' and no role ARN' : ''}; a web-identity Secret needs mode "sts".`,
        'Use `RegistryExternalSecretCredentials` (or `oc create secret`) for static keys, or set `credentialsMode: \'sts\'` in the storage inputs.');
    }
    return new RegistryWebIdentityCredentials(scope, id, { ...propsRecord(options), roleArn: handoff.roleArn as string });
  }

  /** The Secret. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RegistryWebIdentityCredentialsProps) {
    super(scope, id);
    const issues = new PropIssues(() => `Secret/${REGISTRY_INSTALLER_CREDENTIALS_SECRET}`);
    checkPropsObject(props, issues);
    const given = propsRecord(props);
    const roleArn = readProp(given, 'roleArn');
    const regional = optionalBoolean(readProp(given, 'regionalStsEndpoints'), 'regionalStsEndpoints', issues);
    const metadata = metadataOf(readProp(given, 'metadata'), issues);
    if (typeof roleArn !== 'string' && !(roleArn instanceof Lazy)) {
      issues.report('roleArn', `\`roleArn\` is ${describeValue(roleArn)}; expected the ARN of an IAM role (a string, or a cdk8s Lazy of one).`,
        'Give `arn:aws:iam::<12-digit account>:role/<name>` (the `role_arn` output of the AWS stack).');
    }
    throwIssues(this, issues);
    const deferred: DeferredChecks = [];
    // A `Lazy` role ARN (e.g. filled in after the AWS stack is read) is checked and written when the app is written.
    const credentials = checkedNowOrAtSynth<unknown>(deferred, roleArn, (actual) => {
      if (typeof actual !== 'string' || !ROLE_ARN.test(actual)) {
        fail(this, 'Secret', REGISTRY_INSTALLER_CREDENTIALS_SECRET, 'stringData.credentials',
          `Role ARN ${quote(actual)} is not an IAM role ARN; the registry could not assume it.`,
          'Give `arn:aws:iam::<12-digit account>:role/<name>` (the `role_arn` output of the AWS stack).');
      }
    }, (actual) => {
      const lines = ['[default]', `role_arn = ${actual as string}`, `web_identity_token_file = ${REGISTRY_WEB_IDENTITY_TOKEN_FILE}`];
      if (regional ?? true) {
        lines.push('sts_regional_endpoints = regional');
      }
      return `${lines.join('\n')}\n`;
    });
    this.apiObject = new CredentialsObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: REGISTRY_INSTALLER_CREDENTIALS_SECRET, namespace: IMAGE_REGISTRY_NAMESPACE, ...metadata },
      type: 'Opaque',
      stringData: { credentials },
    }, deferred);
  }
}

/** A reference to an External Secrets Operator store. */
export interface SecretStoreReference {
  /** Name of the store. */
  readonly name: string;
  /**
   * `ClusterSecretStore` or `SecretStore` (then in `openshift-image-registry`).
   * @default 'ClusterSecretStore'
   */
  readonly kind?: 'ClusterSecretStore' | 'SecretStore';
}

/** Properties of {@link RegistryExternalSecretCredentials}. */
export interface RegistryExternalSecretCredentialsProps {
  /** The store that reads AWS Secrets Manager. */
  readonly secretStoreRef: SecretStoreReference;
  /**
   * Name of the Secrets Manager entry, a JSON object with the keys `REGISTRY_STORAGE_S3_ACCESSKEY` and
   * `REGISTRY_STORAGE_S3_SECRETKEY` (what the AWS constructs of this library write).
   */
  readonly remoteSecretName: string;
  /**
   * How often the operator re-reads the entry (a key rotation reaches the cluster within this time).
   * @default '1h'
   */
  readonly refreshInterval?: Duration | string;
  /**
   * API version of the ExternalSecret. External Secrets Operator serves `v1` from 0.16 on and stopped serving
   * `v1beta1` in 0.17 (May 2025); ask for `v1beta1` only for an operator older than 0.16.
   * @default 'external-secrets.io/v1'
   */
  readonly apiVersion?: 'external-secrets.io/v1' | 'external-secrets.io/v1beta1';
  /**
   * Labels and annotations of the ExternalSecret.
   * @default - none
   */
  readonly metadata?: ResourceMetadata;
}

/**
 * The static-keys form for classic (non-STS) clusters: an External Secrets `ExternalSecret`
 * (`external-secrets.io/v1`) that makes the operator's user Secret
 * `openshift-image-registry/image-registry-private-configuration-user` from the AWS Secrets Manager entry the AWS stack
 * writes. The YAML holds only references; the keys never pass through Git. Needs the External Secrets Operator and a
 * store with read access to the entry. Do not use it on ROSA or other STS clusters.
 *
 * Child id `Resource` is the ExternalSecret.
 */
export class RegistryExternalSecretCredentials extends Construct {
  /** The static form from the AWS stack's handoff; fails unless its mode is `static` with a Secrets Manager entry. */
  public static fromAwsHandoff(scope: Construct, id: string, given: RegistryStorageHandoff, options: Omit<RegistryExternalSecretCredentialsProps, 'remoteSecretName'>): RegistryExternalSecretCredentials {
    const handoff = handoffRecord(given);
    if (handoff.credentialsMode !== 'static' || handoff.secretsManagerSecretName === undefined) {
      fail(scope, 'ExternalSecret', REGISTRY_USER_CREDENTIALS_SECRET, 'spec.data',
        handoff.credentialsMode !== 'static'
          ? `The AWS handoff for bucket ${quote(handoff.bucket)} has credentials mode "sts": the registry assumes a role, and a user Secret with static keys would override it.`
          : `The AWS handoff for bucket ${quote(handoff.bucket)} has no Secrets Manager entry for the access key.`,
        handoff.credentialsMode !== 'static'
          ? 'Use `RegistryWebIdentityCredentials` (or nothing on ROSA).'
          : 'Set `secretsManagerSecretName` in the storage inputs, or create the Secret with `oc create secret` from the Terraform output (see `staticCredentialsSecretCommand`).');
    }
    return new RegistryExternalSecretCredentials(scope, id, { ...propsRecord(options) as Omit<RegistryExternalSecretCredentialsProps, 'remoteSecretName'>, remoteSecretName: handoff.secretsManagerSecretName as string });
  }

  /** The ExternalSecret. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RegistryExternalSecretCredentialsProps) {
    super(scope, id);
    const name = REGISTRY_USER_CREDENTIALS_SECRET;
    const issues = new PropIssues(() => `ExternalSecret/${name}`);
    checkPropsObject(props, issues);
    const given = propsRecord(props);
    const store = readProp(given, 'secretStoreRef');
    if (!isPlainRecord(store)) {
      issues.report('secretStoreRef', `\`secretStoreRef\` is ${describeValue(store)}; expected \`{ name, kind? }\` naming a secret store.`,
        'Name the ClusterSecretStore (or SecretStore) that reads AWS Secrets Manager.');
    }
    const storeName = isPlainRecord(store) ? readProp(store, 'name') : undefined;
    if (isPlainRecord(store) && typeof storeName !== 'string' && !(storeName instanceof Lazy)) {
      issues.report('secretStoreRef.name', `\`secretStoreRef.name\` is ${describeValue(storeName)}; expected the name of a secret store.`);
    }
    const storeKind = isPlainRecord(store) ? readProp(store, 'kind') : undefined;
    if (storeKind !== undefined && storeKind !== 'ClusterSecretStore' && storeKind !== 'SecretStore') {
      issues.report('secretStoreRef.kind', `\`secretStoreRef.kind\` is ${describeValue(storeKind)}; expected "ClusterSecretStore" or "SecretStore".`);
    }
    const remoteSecretName = readProp(given, 'remoteSecretName');
    if (typeof remoteSecretName !== 'string' && !(remoteSecretName instanceof Lazy)) {
      issues.report('remoteSecretName', `\`remoteSecretName\` is ${describeValue(remoteSecretName)}; expected the name of the Secrets Manager entry.`, 'Give the `secret_name` output of the AWS stack.');
    }
    const apiVersion = readProp(given, 'apiVersion');
    if (apiVersion !== undefined && apiVersion !== 'external-secrets.io/v1' && apiVersion !== 'external-secrets.io/v1beta1') {
      issues.report('apiVersion', `\`apiVersion\` is ${describeValue(apiVersion)}; expected "external-secrets.io/v1" or "external-secrets.io/v1beta1".`);
    }
    const givenInterval = readProp(given, 'refreshInterval');
    const rendered = givenInterval instanceof Lazy ? undefined : renderDuration(givenInterval);
    if (rendered !== undefined && typeof rendered !== 'string') {
      issues.report('refreshInterval', `\`refreshInterval\` is ${describeValue(rendered)}; expected a cdk8s Duration or a Go duration such as "1h".`);
    }
    const metadata = metadataOf(readProp(given, 'metadata'), issues);
    throwIssues(this, issues);
    const deferred: DeferredChecks = [];
    // Each of these may be a cdk8s `Lazy`: it is then checked when the app is written.
    const nonEmpty = (path: string, message: string, hint: string) => (value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') {
        fail(this, 'ExternalSecret', name, path, `${message} (given ${quote(value)}).`, hint);
      }
    };
    const storeNameValue = checkedNowOrAtSynth<unknown>(deferred, storeName,
      nonEmpty('spec.secretStoreRef.name', 'The secret store name is empty or not a string', 'Name the ClusterSecretStore (or SecretStore) that reads AWS Secrets Manager.'));
    const remoteSecretNameValue = checkedNowOrAtSynth<unknown>(deferred, remoteSecretName,
      nonEmpty('spec.data', 'The Secrets Manager entry name is empty or not a string', 'Give the `secret_name` output of the AWS stack.'));
    const refreshInterval = checkedNowOrAtSynth<unknown>(deferred, givenInterval instanceof Lazy ? givenInterval : rendered, (interval) => {
      const text = renderDuration(interval) ?? '1h';
      if (typeof text !== 'string' || !isGoDuration(text)) {
        fail(this, 'ExternalSecret', name, 'spec.refreshInterval', `Refresh interval ${quote(text)} is not a Go duration.`, 'Write e.g. `1h` or `15m`.');
      }
    }, (interval) => renderDuration(interval) ?? '1h');
    this.apiObject = new CredentialsObject(this, 'Resource', {
      apiVersion: (apiVersion as string | undefined) ?? 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name, namespace: IMAGE_REGISTRY_NAMESPACE, ...metadata },
      spec: {
        refreshInterval,
        secretStoreRef: { name: storeNameValue, kind: (storeKind as string | undefined) ?? 'ClusterSecretStore' },
        target: { name, creationPolicy: 'Owner' },
        data: [REGISTRY_ACCESS_KEY_ID_KEY, REGISTRY_SECRET_ACCESS_KEY_KEY].map((key) => ({
          secretKey: key,
          remoteRef: { key: remoteSecretNameValue, property: key },
        })),
      },
    }, deferred);
  }
}

/**
 * The documented `oc create secret` step for static keys, reading them from the Terraform outputs of the AWS stack
 * (`<prefix>_access_key_id`, and the sensitive `<prefix>_secret_access_key`) so they never touch a file. Run it once
 * per key rotation, against the cluster; never on ROSA or STS clusters.
 * @param outputPrefix prefix of the Terraform output names
 * @param terraformDir the folder of the synthesized stack, e.g. `cdktf.out/stacks/registry`
 */
export function staticCredentialsSecretCommand(outputPrefix: string = 'registry', terraformDir?: string): string {
  const terraform = terraformDir ? `terraform -chdir=${terraformDir}` : 'terraform';
  return [
    `oc create secret generic ${REGISTRY_USER_CREDENTIALS_SECRET} --namespace ${IMAGE_REGISTRY_NAMESPACE} \\`,
    `  --from-literal=${REGISTRY_ACCESS_KEY_ID_KEY}="$(${terraform} output -raw ${outputPrefix}_access_key_id)" \\`,
    `  --from-literal=${REGISTRY_SECRET_ACCESS_KEY_KEY}="$(${terraform} output -raw ${outputPrefix}_secret_access_key)"`,
  ].join('\n');
}
