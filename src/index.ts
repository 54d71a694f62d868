// The main entry: Kubernetes constructs, the validation API, the node-file renderer. It never loads cdktf: the AWS
// constructs live behind the subpath `cdk-openshift-images/aws`.
// First, before anything loads cdk8s: a missing peer dependency is reported with the version to install.
import './peer-dependencies/main';

export * from './validation';
export * from './model/api/image';
export * from './model/api/mirror-sets';
export * from './model/registry-scope';
export * from './constructs/k8s/base';
export * from './constructs/k8s/warnings';
export * from './constructs/k8s/image-config';
export * from './constructs/k8s/mirror-set-base';
export * from './constructs/k8s/image-digest-mirror-set';
export * from './constructs/k8s/image-tag-mirror-set';
export * from './constructs/k8s/image-content-source-policy';
export * from './model/registry-storage';
export { registryStorageHandoff } from './validation/rules/aws-storage';
export * from './node-files';
export * from './model/image-reference';
export * from './constructs/k8s/node-files-preview';
export * from './model/api/image-registry';
export * from './model/api/kubernetes-core';
export * from './model/go-duration';
export * from './model/cron';
export * from './constructs/k8s/registry-storage';
export * from './constructs/k8s/image-registry-config';
export * from './constructs/k8s/image-pruner';
export * from './constructs/k8s/registry-credentials';
