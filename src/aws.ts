// The subpath 'cdk-openshift-images/aws': the cdktf constructs. Loading it loads cdktf; the main entry never does.
// It needs neither cdk8s nor the main entry. First, before anything loads cdktf: a missing peer dependency is reported
// with the version to install.
import './peer-dependencies/aws';

export * from './model/aws-policy-documents';
export * from './constructs/aws/registry-bucket';
export * from './constructs/aws/registry-iam-user';
export * from './constructs/aws/registry-web-identity-role';
export * from './constructs/aws/registry-aws-storage';
// The plain handoff is also exported here, so an AWS-only app needs a single import.
export * from './model/registry-storage';
export { registryStorageHandoff } from './validation/rules/aws-storage';
// What the constructs throw, for AWS-only apps that catch it.
export { ValidationError } from './validation/validation-error';
