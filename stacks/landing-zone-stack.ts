import { Construct } from 'constructs';
import { BackendConfig } from '../config/backend-schema';
import { LandingZoneConfig } from '../config/schema';
import { ALLOWED_LOCATIONS_KEY, DEPLOYMENT_IDENTITY_KEY, PRODUCTION_METADATA_KEY } from '../lib/stack-metadata';
import { PolicySuppressions } from '../lib/suppressions';
import { RequiredTags } from '../aspects/required-tags';
import { AzurermProvider } from '../providers/azurerm';
import { Aspects, AzurermBackend, LocalBackend, TerraformStack } from '../providers/cdktf';
import { BaseStack } from './base-stack';

/** What each stack of an environment is about; stack names are `<environment>-<concern>`. */
export type StackConcern = 'connectivity' | 'management' | 'identity' | `lz-${string}`;

/** `dev-connectivity`: deploy one environment with `cdktf deploy 'dev-*'`. */
export function stackName(environment: string, concern: StackConcern): string {
  return `${environment}-${concern}`;
}

/**
 * What every stack of an environment needs from its config: where it deploys (subscription, tenant, region), its
 * state backend, its tags, the regions it may use and the policy suppressions that apply to it.
 */
export type StackEnvironment = Pick<LandingZoneConfig, 'environment' | 'subscriptionId' | 'tenantId' | 'location' | 'backend' | 'production' | 'tags' | 'policySuppressions'> & {
  readonly tenantConfig: Pick<LandingZoneConfig['tenantConfig'], 'governance' | 'identity'>;
};

/** Tags every resource of an environment carries. */
export function requiredTags(config: Pick<LandingZoneConfig, 'tags' | 'environment'>): Record<string, string> {
  return { ...config.tags, environment: config.environment, 'managed-by': 'cdktf' };
}

/** Regions an environment may deploy to: its own and the tenant's `governance.allowedLocations`. */
export function allowedLocations(config: Pick<StackEnvironment, 'location' | 'tenantConfig'>): string[] {
  return [...new Set([config.location, ...(config.tenantConfig.governance?.allowedLocations ?? [])])].sort();
}

export interface LandingZoneStackOptions {
  /**
   * The stack's subscription when it differs from the environment's (a spoke of its own).
   * @default - the environment's subscription
   */
  readonly subscriptionId?: string;
  /**
   * Adds the azurerm provider pinned to the environment's subscription and tenant. A stack without Azure resources
   * (identity: Entra ID only) leaves it out, so planning it needs no subscription access.
   * @default true
   */
  readonly azurermProvider?: boolean;
}

/**
 * Base for every stack of an environment: azurerm provider pinned to the environment's subscription and tenant,
 * state backend (local by default, azurerm with Entra ID auth when configured) and required tags.
 */
export abstract class LandingZoneStack extends BaseStack {
  /** The environment this stack belongs to (subscription, tenant, region, backend, tags). */
  public readonly config: StackEnvironment;

  /**
   * @param id the stack name; production uses `stackName(environment, concern)` (`dev-connectivity`).
   * @param concern what the stack is about: `policySuppressions[].stacks` name it.
   */
  protected constructor(scope: Construct, id: string, concern: StackConcern, config: StackEnvironment, options: LandingZoneStackOptions = {}) {
    super(scope, id);
    this.config = config;

    if (options.azurermProvider ?? true) {
      this.addAzurermProvider('azurerm', options.subscriptionId ?? config.subscriptionId);
    }

    configureBackend(this, config.backend, { subscriptionId: config.subscriptionId, tenantId: config.tenantId, production: config.production });

    Aspects.of(this).add(new RequiredTags(requiredTags(config)));
    // The regions this stack may use, recorded for ZT-INF-008 (the runtime twin is the tenant's allowed-locations policy).
    this.addOverride(`//.${ALLOWED_LOCATIONS_KEY}`, allowedLocations(config));
    // Who deploys it, recorded for ZT-ID-025's one accepted standing Owner.
    const deployer = config.tenantConfig.identity?.deploymentIdentity.objectId;
    if (deployer) this.addOverride(`//.${DEPLOYMENT_IDENTITY_KEY}`, deployer);

    // Findings the environment config accepts, each with its reason, recorded on every stack they apply to.
    for (const suppression of config.policySuppressions) {
      if (suppression.stacks && !suppression.stacks.includes(concern)) continue;
      PolicySuppressions.of(this).add({ ruleId: suppression.ruleId, reason: `config policySuppressions: ${suppression.reason}`, expires: suppression.expires });
    }
  }

  /**
   * An azurerm provider for `subscriptionId` with the landing zone's settings: Entra ID for storage data-plane calls
   * (never shared keys), soft-deleted Key Vaults recovered and never purged, resource groups never deleted with
   * resources in them. With `alias`, an additional provider (another subscription).
   */
  public addAzurermProvider(id: string, subscriptionId: string, alias?: string): AzurermProvider {
    return landingZoneAzurermProvider(this, id, this.config.tenantId, subscriptionId, alias);
  }
}

/** An azurerm provider with the landing zone's settings (see `LandingZoneStack.addAzurermProvider`). */
export function landingZoneAzurermProvider(scope: Construct, id: string, tenantId: string, subscriptionId: string, alias?: string): AzurermProvider {
  return new AzurermProvider(scope, id, {
    alias,
    subscriptionId,
    tenantId,
    storageUseAzuread: true,
    features: [
      {
        keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true }],
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
      },
    ],
  });
}


/**
 * The state backend of `stack`: local (a file in the project root) or azurerm with Entra ID auth, one blob per stack
 * (`<stack>.tfstate`). Records whether the stack is production-grade for the policy pack (state holding secrets).
 */
export function configureBackend(
  stack: TerraformStack,
  backend: BackendConfig,
  defaults: { readonly subscriptionId?: string; readonly tenantId: string; readonly production: boolean },
): void {
  const name = stack.node.id;
  if (backend.type === 'azurerm') {
    new AzurermBackend(stack, {
      resourceGroupName: backend.resourceGroupName,
      storageAccountName: backend.storageAccountName,
      containerName: backend.containerName,
      key: `${name}.tfstate`,
      subscriptionId: backend.subscriptionId ?? defaults.subscriptionId,
      tenantId: defaults.tenantId,
      useAzureadAuth: true,
    });
  } else {
    // Relative to cdktf.out/stacks/<stack>/, i.e. the project root, so the path (and the synthesized JSON) is the
    // same on every machine and state survives a deleted cdktf.out.
    new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
  }
  stack.addOverride(`//.${PRODUCTION_METADATA_KEY}`, defaults.production);
}
