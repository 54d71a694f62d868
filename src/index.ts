// The main entry: Kubernetes constructs, the validation API, the node-file renderer. It never loads cdktf: the AWS
// constructs live behind the subpath `cdk-openshift-images/aws`.
export * from './validation';
export * from './model/api/image';
export * from './model/api/mirror-sets';
export * from './model/registry-scope';
export * from './constructs/k8s/base';
export * from './constructs/k8s/warnings';
