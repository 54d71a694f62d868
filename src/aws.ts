// The subpath 'cdk-openshift-images/aws': the cdktf constructs. Loading it loads cdktf; the main entry never does.
export {};
