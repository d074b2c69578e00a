import { Construct } from 'constructs';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { WebApplicationFirewallPolicy as AzurermWebApplicationFirewallPolicy } from '../../providers/azurerm';
import { IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineResourceLock } from '../resource-lock';

/** Managed rule sets Application Gateway WAF_v2 runs; the current core set plus the bot manager set. */
export const WAF_MANAGED_RULE_SETS = {
  core: [
    { type: 'Microsoft_DefaultRuleSet', version: '2.1' },
    { type: 'OWASP', version: '3.2' },
  ],
  bots: [
    { type: 'Microsoft_BotManagerRuleSet', version: '1.1' },
    { type: 'Microsoft_BotManagerRuleSet', version: '1.0' },
  ],
} as const;

export type WafCoreRuleSet = (typeof WAF_MANAGED_RULE_SETS.core)[number];

export interface WebApplicationFirewallPolicyProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Policy name, e.g. `waf-shop-prod-weu`; 1-128 letters, digits, underscores, periods and hyphens. */
  readonly name: string;
  /**
   * The core rule set: Microsoft Default Rule Set 2.1 (anomaly scoring, Microsoft Threat Intelligence rules) or OWASP
   * CRS 3.2.
   * @default { type: 'Microsoft_DefaultRuleSet', version: '2.1' }
   */
  readonly coreRuleSet?: WafCoreRuleSet;
  /**
   * Largest request body inspected and accepted, in KB (8-2000).
   * @default 128
   */
  readonly maxRequestBodySizeInKb?: number;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the WAF policy.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * An Application Gateway WAF policy that blocks: Prevention mode, the current core rule set plus the bot manager rule
 * set 1.1, request bodies inspected and oversize bodies rejected.
 *
 * @resource azurerm_web_application_firewall_policy
 */
export class WebApplicationFirewallPolicy extends Construct {
  public readonly policyId: string;
  public readonly policyName: string;
  public readonly resource: AzurermWebApplicationFirewallPolicy;

  constructor(scope: Construct, id: string, props: WebApplicationFirewallPolicyProps) {
    super(scope, id);
    const core = props.coreRuleSet ?? WAF_MANAGED_RULE_SETS.core[0];
    const maxBody = props.maxRequestBodySizeInKb ?? 128;
    const problems: string[] = [];
    const name = nameRuleProblem('webApplicationFirewallPolicy', props.name, 'WAF policy');
    if (name) problems.push(`name ${problemText(name)}`);
    if (!WAF_MANAGED_RULE_SETS.core.some((set) => set.type === core.type && set.version === core.version)) {
      problems.push(`coreRuleSet ${core.type} ${core.version} is not a current rule set; use Microsoft_DefaultRuleSet 2.1 or OWASP 3.2`);
    }
    if (!Number.isInteger(maxBody) || maxBody < 8 || maxBody > 2000) problems.push(`maxRequestBodySizeInKb ${maxBody} is outside 8-2000`);
    if (problems.length > 0) throw new Error(`WebApplicationFirewallPolicy '${props.name}': ${problems.join('; ')}`);

    this.resource = new AzurermWebApplicationFirewallPolicy(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      policySettings: {
        enabled: true,
        mode: 'Prevention',
        requestBodyCheck: true,
        requestBodyEnforcement: true,
        requestBodyInspectLimitInKb: maxBody,
        maxRequestBodySizeInKb: maxBody,
        fileUploadLimitInMb: 100,
      },
      managedRules: {
        managedRuleSet: [
          { type: core.type, version: core.version },
          { type: WAF_MANAGED_RULE_SETS.bots[0].type, version: WAF_MANAGED_RULE_SETS.bots[0].version },
        ],
      },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.policyId = this.resource.id;
    this.policyName = props.name;
    defineResourceLock(this, this.resource.id, props.name, props.lock);
  }
}
