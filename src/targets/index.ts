// The hosted targets: one cluster's image configuration for ROSA HCP (the rosa CLI, the rhcs Terraform provider) and
// HyperShift (the HostedCluster), checked with each target's rules first. Plain functions: no cdk8s, no cdktf.
export * from './outcome';
export * from './input';
export * from './rosa-hcp';
export * from './rosa-cli';
export * from './rhcs';
export * from './hosted-cluster';
export { HOSTED_CLUSTER_MIRROR_LIMIT, TargetRules } from '../validation/rules/targets';
export type { DigestMirrorEntry, HostedConfiguration } from '../validation/rules/targets';
