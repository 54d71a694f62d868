import { stringToHclTerraform, stringToTerraform, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** The registry address of the rhcs provider. */
export const RHCS_PROVIDER_SOURCE = 'terraform-redhat/rhcs';
/** The first rhcs release with `rhcs_image_mirror` (v1.7.2). */
export const RHCS_PROVIDER_VERSION_CONSTRAINT = '>= 1.7.2';

/** Properties of an {@link RhcsProvider}. */
export interface RhcsProviderProps {
  /**
   * The OCM API URL.
   * @default - the provider's default (`https://api.openshift.com`)
   */
  readonly url?: string;
  /**
   * Version constraint of the provider.
   * @default '>= 1.7.2' (the first release with `rhcs_image_mirror`)
   */
  readonly version?: string;
  /**
   * Alias, for a second configuration of the provider.
   * @default - none
   */
  readonly alias?: string;
}

/**
 * The terraform-redhat/rhcs provider, for stacks without generated bindings (`cdktf get`): it adds the provider to
 * `required_providers` and configures it. Credentials are not taken here, so none ends up in the synthesized JSON: the
 * provider reads them from the environment (`RHCS_TOKEN`, or `RHCS_CLIENT_ID` and `RHCS_CLIENT_SECRET`). With
 * generated bindings, use their provider instead.
 */
export class RhcsProvider extends TerraformProvider {
  /** The OCM API URL, when set. */
  public readonly url?: string;
  private providerAlias?: string;

  constructor(scope: Construct, id: string, props: RhcsProviderProps = {}) {
    super(scope, id, {
      terraformResourceType: 'rhcs',
      terraformGeneratorMetadata: { providerName: 'rhcs', providerVersionConstraint: props.version ?? RHCS_PROVIDER_VERSION_CONSTRAINT },
      terraformProviderSource: RHCS_PROVIDER_SOURCE,
    });
    this.url = props.url;
    if (props.alias !== undefined) {
      this.alias = props.alias;
    }
  }

  public get alias(): string | undefined {
    return this.providerAlias;
  }

  public set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { url: stringToTerraform(this.url), alias: this.alias };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return {
      url: { value: stringToHclTerraform(this.url), isBlock: false, type: 'simple', storageClassType: 'string' },
      alias: { value: stringToHclTerraform(this.alias), isBlock: false, type: 'simple', storageClassType: 'string' },
    };
  }
}
