import { Construct } from 'constructs';
import { PublicIp } from '../../providers/azurerm';
import { IResourceGroupRef } from '../interfaces';

/** Options for {@link defineStandardPublicIp}. */
export interface StandardPublicIpOptions {
  readonly resourceGroup: IResourceGroupRef;
  readonly name: string;
  readonly location: string;
  /**
   * Zones to spread the address over.
   * @default - none (regional)
   */
  readonly zones?: readonly string[];
}

/**
 * Defines a Standard-SKU static public IP, the only kind Azure Firewall and Bastion accept.
 * A helper rather than a construct: it adds no behaviour beyond the two fixed attributes.
 */
export function defineStandardPublicIp(scope: Construct, id: string, options: StandardPublicIpOptions): PublicIp {
  return new PublicIp(scope, id, {
    name: options.name,
    resourceGroupName: options.resourceGroup.name,
    location: options.location,
    sku: 'Standard',
    allocationMethod: 'Static',
    zones: options.zones && options.zones.length > 0 ? [...options.zones] : undefined,
  });
}
