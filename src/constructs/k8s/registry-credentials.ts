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
  public static fromAwsHandoff(scope: Construct, id: string, handoff: RegistryStorageHandoff, options: Omit<RegistryWebIdentityCredentialsProps, 'roleArn'> = {}): RegistryWebIdentityCredentials {
    if (handoff.credentialsMode !== 'sts' || handoff.roleArn === undefined) {
      fail(scope, 'Secret', REGISTRY_INSTALLER_CREDENTIALS_SECRET, 'stringData.credentials',
        `The AWS handoff for bucket ${quote(handoff.bucket)} has credentials mode ${quote(handoff.credentialsMode)}${handoff.roleArn === undefined ? ' and no role ARN' : ''}; a web-identity Secret needs mode "sts".`,
        'Use `RegistryExternalSecretCredentials` (or `oc create secret`) for static keys, or set `credentialsMode: \'sts\'` in the storage inputs.');
    }
    return new RegistryWebIdentityCredentials(scope, id, { ...options, roleArn: handoff.roleArn });
  }

  /** The Secret. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RegistryWebIdentityCredentialsProps) {
    super(scope, id);
    const regional = props.regionalStsEndpoints ?? true;
    const deferred: DeferredChecks = [];
    // A `Lazy` role ARN (e.g. filled in after the AWS stack is read) is checked and written when the app is written.
    const credentials = checkedNowOrAtSynth<unknown>(deferred, props.roleArn, (roleArn) => {
      if (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn)) {
        fail(this, 'Secret', REGISTRY_INSTALLER_CREDENTIALS_SECRET, 'stringData.credentials',
          `Role ARN ${quote(roleArn)} is not an IAM role ARN; the registry could not assume it.`,
          'Give `arn:aws:iam::<12-digit account>:role/<name>` (the `role_arn` output of the AWS stack).');
      }
    }, (roleArn) => {
      const lines = ['[default]', `role_arn = ${roleArn as string}`, `web_identity_token_file = ${REGISTRY_WEB_IDENTITY_TOKEN_FILE}`];
      if (regional) {
        lines.push('sts_regional_endpoints = regional');
      }
      return `${lines.join('\n')}\n`;
    });
    this.apiObject = new CredentialsObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: REGISTRY_INSTALLER_CREDENTIALS_SECRET, namespace: IMAGE_REGISTRY_NAMESPACE, labels: props.metadata?.labels, annotations: props.metadata?.annotations },
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
  public static fromAwsHandoff(scope: Construct, id: string, handoff: RegistryStorageHandoff, options: Omit<RegistryExternalSecretCredentialsProps, 'remoteSecretName'>): RegistryExternalSecretCredentials {
    if (handoff.credentialsMode !== 'static' || handoff.secretsManagerSecretName === undefined) {
      fail(scope, 'ExternalSecret', REGISTRY_USER_CREDENTIALS_SECRET, 'spec.data',
        handoff.credentialsMode !== 'static'
          ? `The AWS handoff for bucket ${quote(handoff.bucket)} has credentials mode "sts": the registry assumes a role, and a user Secret with static keys would override it.`
          : `The AWS handoff for bucket ${quote(handoff.bucket)} has no Secrets Manager entry for the access key.`,
        handoff.credentialsMode !== 'static'
          ? 'Use `RegistryWebIdentityCredentials` (or nothing on ROSA).'
          : 'Set `secretsManagerSecretName` in the storage inputs, or create the Secret with `oc create secret` from the Terraform output (see `staticCredentialsSecretCommand`).');
    }
    return new RegistryExternalSecretCredentials(scope, id, { ...options, remoteSecretName: handoff.secretsManagerSecretName });
  }

  /** The ExternalSecret. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: RegistryExternalSecretCredentialsProps) {
    super(scope, id);
    const name = REGISTRY_USER_CREDENTIALS_SECRET;
    const deferred: DeferredChecks = [];
    // Each value may be a cdk8s `Lazy`: it is then checked when the app is written.
    const nonEmpty = (path: string, message: string, hint: string) => (value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') {
        fail(this, 'ExternalSecret', name, path, `${message} (given ${quote(value)}).`, hint);
      }
    };
    const storeName = checkedNowOrAtSynth(deferred, props.secretStoreRef.name,
      nonEmpty('spec.secretStoreRef.name', 'The secret store name is empty or not a string', 'Name the ClusterSecretStore (or SecretStore) that reads AWS Secrets Manager.'));
    const remoteSecretName = checkedNowOrAtSynth(deferred, props.remoteSecretName,
      nonEmpty('spec.data', 'The Secrets Manager entry name is empty or not a string', 'Give the `secret_name` output of the AWS stack.'));
    const refreshInterval = checkedNowOrAtSynth<unknown>(deferred, props.refreshInterval, (interval) => {
      if (interval !== undefined && typeof interval !== 'string' && !(interval instanceof Duration)) {
        fail(this, 'ExternalSecret', name, 'spec.refreshInterval', `Refresh interval ${quote(interval)} is neither a Duration nor a Go duration string.`, 'Write e.g. `Duration.hours(1)` or `1h`.');
      }
      const rendered = renderDuration(interval as Duration | string | undefined) ?? '1h';
      if (!isGoDuration(rendered)) {
        fail(this, 'ExternalSecret', name, 'spec.refreshInterval', `Refresh interval ${quote(rendered)} is not a Go duration.`, 'Write e.g. `1h` or `15m`.');
      }
    }, (interval) => renderDuration(interval as Duration | string | undefined) ?? '1h');
    this.apiObject = new CredentialsObject(this, 'Resource', {
      apiVersion: props.apiVersion ?? 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name, namespace: IMAGE_REGISTRY_NAMESPACE, labels: props.metadata?.labels, annotations: props.metadata?.annotations },
      spec: {
        refreshInterval,
        secretStoreRef: { name: storeName, kind: props.secretStoreRef.kind ?? 'ClusterSecretStore' },
        target: { name, creationPolicy: 'Owner' },
        data: [REGISTRY_ACCESS_KEY_ID_KEY, REGISTRY_SECRET_ACCESS_KEY_KEY].map((key) => ({
          secretKey: key,
          remoteRef: { key: remoteSecretName, property: key },
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
