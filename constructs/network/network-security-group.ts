import { Construct } from 'constructs';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { AzurermNetworkSecurityGroup, NetworkSecurityRule, SubnetNetworkSecurityGroupAssociation } from '../../providers/azurerm';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { terraformAddress } from './terraform-address';

export type RuleDirection = 'Inbound' | 'Outbound';
export type RuleAccess = 'Allow' | 'Deny';
export type RuleProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

/** One NSG rule. Addresses are prefixes, IPs or service tags (`VirtualNetwork`, `Internet`, `AzureCloud`, ...). */
export interface SecurityRule {
  /** Rule name, unique in the NSG. */
  readonly name: string;
  /** 100-4096; lower wins. Unique per direction. */
  readonly priority: number;
  readonly direction: RuleDirection;
  readonly access: RuleAccess;
  readonly protocol: RuleProtocol;
  /** One or more source prefixes, IPs or a single service tag. */
  readonly sourceAddresses: readonly string[];
  /** One or more destination prefixes, IPs or a single service tag. */
  readonly destinationAddresses: readonly string[];
  /** Destination ports or ranges (`443`, `8080-8090`, `*`). */
  readonly destinationPorts: readonly string[];
  /**
   * Why the rule exists, shown in the portal.
   * @default - none
   */
  readonly description?: string;
}

export interface NetworkSecurityGroupProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** NSG name, e.g. `nsg-bas-hub-prod-weu`. */
  readonly name: string;
  /**
   * Rules to start with; more can be added with `addRule`.
   * @default - none (Azure's default rules only)
   */
  readonly rules?: readonly SecurityRule[];
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the NSG (CanNotDelete: rules are added as flows change).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * A network security group whose rules are separate `azurerm_network_security_rule` resources, so rules can be
 * added by other constructs (`addRule`) and reviewers see each rule as its own diff.
 *
 * @resource azurerm_network_security_group, azurerm_network_security_rule
 */
export class NetworkSecurityGroup extends Construct {
  public readonly networkSecurityGroupId: string;
  public readonly networkSecurityGroupName: string;
  private readonly resourceGroupName: string;
  private readonly rules: SecurityRule[] = [];
  private readonly associations: SubnetNetworkSecurityGroupAssociation[] = [];
  private readonly ruleResources: NetworkSecurityRule[] = [];
  private readonly rulesScope: Construct;

  constructor(scope: Construct, id: string, props: NetworkSecurityGroupProps) {
    super(scope, id);
    const nsg = new AzurermNetworkSecurityGroup(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.networkSecurityGroupId = nsg.id;
    this.networkSecurityGroupName = nsg.name;
    this.resourceGroupName = props.resourceGroup.name;
    this.rulesScope = new Construct(this, 'Rules');
    for (const rule of props.rules ?? []) this.addRule(rule);
    defineResourceLock(this, nsg.id, props.name, props.lock, 'the rules added as flows and endpoints change');
    sendDiagnostics(this, props.diagnostics);
  }

  /** The rules defined so far, in the order added. */
  public get securityRules(): readonly SecurityRule[] {
    return [...this.rules];
  }

  /** Adds a rule; throws when its name or its priority (in its direction) is already taken, or a field is invalid. */
  public addRule(rule: SecurityRule): NetworkSecurityRule {
    const problems = ruleProblems(rule);
    const nameClash = this.rules.find((r) => r.name === rule.name);
    if (nameClash) problems.push(`name '${rule.name}' is already used`);
    const priorityClash = this.rules.find((r) => r.direction === rule.direction && r.priority === rule.priority);
    if (priorityClash) problems.push(`priority ${rule.priority} is already used by ${priorityClash.direction} rule '${priorityClash.name}'`);
    if (problems.length > 0) throw new Error(`NetworkSecurityGroup rule '${rule.name}': ${problems.join('; ')}`);

    this.rules.push(rule);
    const resource = new NetworkSecurityRule(this.rulesScope, rule.name, {
      name: rule.name,
      resourceGroupName: this.resourceGroupName,
      networkSecurityGroupName: this.networkSecurityGroupName,
      priority: rule.priority,
      direction: rule.direction,
      access: rule.access,
      protocol: rule.protocol,
      description: rule.description,
      sourcePortRange: '*',
      ...addresses('source', rule.sourceAddresses),
      ...addresses('destination', rule.destinationAddresses),
      ...(rule.destinationPorts.length === 1
        ? { destinationPortRange: rule.destinationPorts[0] }
        : { destinationPortRanges: [...rule.destinationPorts] }),
    });
    this.ruleResources.push(resource);
    // Associations made earlier wait for this rule too.
    for (const association of this.associations) association.dependsOn = [...(association.dependsOn ?? []), terraformAddress(resource)];
    return resource;
  }

  /**
   * Attaches the NSG to a subnet. The association waits for every rule (also those added later), so a subnet never
   * runs with a half-built rule set (Azure rejects Bastion, for one, when required rules are missing).
   */
  public associateWithSubnet(id: string, subnetId: string): SubnetNetworkSecurityGroupAssociation {
    const association = new SubnetNetworkSecurityGroupAssociation(this, id, {
      subnetId,
      networkSecurityGroupId: this.networkSecurityGroupId,
      dependsOn: [...this.ruleResources],
    });
    this.associations.push(association);
    return association;
  }
}

function addresses(side: 'source' | 'destination', values: readonly string[]) {
  return values.length === 1
    ? { [`${side}AddressPrefix`]: values[0] }
    : { [`${side}AddressPrefixes`]: [...values] };
}

function ruleProblems(rule: SecurityRule): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(rule.priority) || rule.priority < 100 || rule.priority > 4096) {
    problems.push(`priority ${rule.priority} is outside 100-4096`);
  }
  const name = nameRuleProblem('securityRule', rule.name, 'security rule');
  if (name) problems.push(`name ${problemText(name)}`);
  for (const [what, list] of [
    ['sourceAddresses', rule.sourceAddresses],
    ['destinationAddresses', rule.destinationAddresses],
    ['destinationPorts', rule.destinationPorts],
  ] as const) {
    if (list.length === 0) problems.push(`${what} is empty; use ['*'] for any`);
  }
  return problems;
}
