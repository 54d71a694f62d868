// The internal registry of the example's classic (non-STS) cluster: S3 storage in the bucket the AWS app provisions
// (storage `Unmanaged`, so the operator never rewrites or deletes it), two replicas, the static keys brought in by an
// ExternalSecret from AWS Secrets Manager, and a nightly pruner. Called from main.ts: `addRegistry(chart)`.
import { Chart, Duration } from 'cdk8s';
import {
  ImagePruner, ImageRegistryConfig, ManagementState, RegistryExternalSecretCredentials, RegistryStorage,
} from 'cdk-openshift-images';
import { classicRegistryStorage } from '../cluster-settings';

/** The ClusterSecretStore (External Secrets Operator) that reads AWS Secrets Manager on this cluster. */
export const SECRET_STORE = 'aws-secrets-manager';

/** Adds the registry `Config`, its credentials and the `ImagePruner` to `chart`. */
export function addRegistry(chart: Chart): void {
  const registry = new ImageRegistryConfig(chart, 'registry', {
    managementState: ManagementState.MANAGED,
    replicas: 2,
    // Bucket and region come from the same inputs the AWS app uses (examples/cluster-settings.ts), so no Terraform
    // state is needed here: storage Unmanaged, encrypt true.
    storage: RegistryStorage.fromAwsHandoff(classicRegistryStorage),
    // One registry pod per zone when the nodes allow it.
    topologySpreadConstraints: [{
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { 'docker-registry': 'default' } },
    }],
  });
  registry.addRoute({ name: 'registry-external', hostname: 'registry.apps.classic.example.com' });

  // The IAM user's key, copied by the External Secrets Operator; the YAML holds only references.
  RegistryExternalSecretCredentials.fromAwsHandoff(chart, 'registry-credentials', classicRegistryStorage, {
    secretStoreRef: { name: SECRET_STORE },
  });

  new ImagePruner(chart, 'pruner', {
    schedule: '30 1 * * *',
    keepTagRevisions: 5,
    keepYoungerThanDuration: Duration.hours(24),
  });
}
