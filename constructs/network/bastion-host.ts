import { Construct } from 'constructs';
import { BastionSku, bastionHostProblems } from '../../lib/bastion-rules';
import { throwIfProblems } from '../../lib/property-problems';
import { AzurermBastionHost, PublicIp } from '../../providers/azurerm';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { NetworkSecurityGroup, RuleProtocol, SecurityRule } from './network-security-group';
import { defineStandardPublicIp } from './public-ip';

export type { BastionSku } from '../../lib/bastion-rules';
export { bastionHostProblems } from '../../lib/bastion-rules';

export interface BastionHostProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Bastion name, e.g. `bas-hub-prod-weu`. */
  readonly name: string;
  /** ID of the hub's `AzureBastionSubnet`; the construct attaches the Bastion NSG to it. */
  readonly subnetId: string;
  /** Copy/paste between the browser and the session: an explicit choice (data can leave through the clipboard). */
  readonly copyPasteEnabled: boolean;
  /**
   * Standard or Premium (Basic and Developer lack the hardening options used here).
   * @default 'Standard'
   */
  readonly sku?: BastionSku;
  /**
   * Instances (2-50); each serves about 20 RDP or 40 SSH sessions.
   * @default 2
   */
  readonly scaleUnits?: number;
  /**
   * File upload and download through the session.
   * @default false
   */
  readonly fileCopyEnabled?: boolean;
  /**
   * Native-client tunnelling (`az network bastion ssh|rdp|tunnel`).
   * @default false
   */
  readonly tunnelingEnabled?: boolean;
  /**
   * Graphical session recording (Premium only; the recording container is configured out of band).
   * @default false
   */
  readonly sessionRecordingEnabled?: boolean;
  /**
   * @default - 'pip-<name>'
   */
  readonly publicIpName?: string;
  /**
   * @default - 'nsg-<name>'
   */
  readonly networkSecurityGroupName?: string;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the Bastion host.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * Azure Bastion with shareable links, IP-based connect and Kerberos off, and the NSG that Azure documents as
 * required on `AzureBastionSubnet` (everything else denied in both directions).
 *
 * @resource azurerm_bastion_host, azurerm_public_ip, azurerm_network_security_group
 */
export class BastionHost extends Construct {
  /**
   * The rule set Azure requires on AzureBastionSubnet
   * (https://learn.microsoft.com/azure/bastion/bastion-nsg), ending in explicit deny-all rules.
   */
  public static readonly REQUIRED_NSG_RULES: readonly SecurityRule[] = [
    inbound('AllowHttpsInbound', 120, 'Tcp', 'Internet', '*', ['443']),
    inbound('AllowGatewayManagerInbound', 130, 'Tcp', 'GatewayManager', '*', ['443']),
    inbound('AllowAzureLoadBalancerInbound', 140, 'Tcp', 'AzureLoadBalancer', '*', ['443']),
    inbound('AllowBastionHostCommunication', 150, '*', 'VirtualNetwork', 'VirtualNetwork', ['8080', '5701']),
    { ...inbound('DenyAllInbound', 4096, '*', '*', '*', ['*']), access: 'Deny' },
    outbound('AllowSshRdpOutbound', 100, '*', '*', 'VirtualNetwork', ['22', '3389']),
    outbound('AllowAzureCloudOutbound', 110, 'Tcp', '*', 'AzureCloud', ['443']),
    outbound('AllowBastionCommunication', 120, '*', 'VirtualNetwork', 'VirtualNetwork', ['8080', '5701']),
    outbound('AllowHttpOutbound', 130, '*', '*', 'Internet', ['80']),
    { ...outbound('DenyAllOutbound', 4096, '*', '*', '*', ['*']), access: 'Deny' },
  ];

  public readonly bastionHostId: string;
  public readonly publicIp: PublicIp;
  public readonly networkSecurityGroup: NetworkSecurityGroup;

  constructor(scope: Construct, id: string, props: BastionHostProps) {
    super(scope, id);
    throwIfProblems('BastionHost', props.name, bastionHostProblems(props));
    const sku = props.sku ?? 'Standard';
    const scaleUnits = props.scaleUnits ?? 2;
    const location = props.location ?? props.resourceGroup.location;
    const tags = props.tags ? { ...props.tags } : undefined;

    this.networkSecurityGroup = new NetworkSecurityGroup(this, 'NetworkSecurityGroup', {
      resourceGroup: props.resourceGroup,
      name: props.networkSecurityGroupName ?? `nsg-${props.name}`,
      location,
      rules: BastionHost.REQUIRED_NSG_RULES,
      tags,
    });
    const association = this.networkSecurityGroup.associateWithSubnet('SubnetAssociation', props.subnetId);

    this.publicIp = defineStandardPublicIp(this, 'PublicIp', {
      resourceGroup: props.resourceGroup,
      name: props.publicIpName ?? `pip-${props.name}`,
      location,
    });
    const bastion = new AzurermBastionHost(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location,
      sku,
      scaleUnits,
      copyPasteEnabled: props.copyPasteEnabled,
      fileCopyEnabled: props.fileCopyEnabled ?? false,
      tunnelingEnabled: props.tunnelingEnabled ?? false,
      sessionRecordingEnabled: sku === 'Premium' ? (props.sessionRecordingEnabled ?? false) : undefined,
      ipConnectEnabled: false,
      shareableLinkEnabled: false,
      kerberosEnabled: false,
      ipConfiguration: { name: 'bastion', subnetId: props.subnetId, publicIpAddressId: this.publicIp.id },
      // Azure rejects a Bastion deployment into a subnet whose NSG lacks the required rules.
      dependsOn: [association],
      tags,
    });
    this.bastionHostId = bastion.id;
    defineResourceLock(this, bastion.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }
}

function rule(
  direction: 'Inbound' | 'Outbound',
  name: string,
  priority: number,
  protocol: RuleProtocol,
  source: string,
  destination: string,
  ports: readonly string[],
): SecurityRule {
  return {
    name,
    priority,
    direction,
    access: 'Allow',
    protocol,
    sourceAddresses: [source],
    destinationAddresses: [destination],
    destinationPorts: ports,
  };
}

function inbound(name: string, priority: number, protocol: RuleProtocol, source: string, destination: string, ports: readonly string[]) {
  return rule('Inbound', name, priority, protocol, source, destination, ports);
}

function outbound(name: string, priority: number, protocol: RuleProtocol, source: string, destination: string, ports: readonly string[]) {
  return rule('Outbound', name, priority, protocol, source, destination, ports);
}
