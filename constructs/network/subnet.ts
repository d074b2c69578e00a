import { Construct, IConstruct } from 'constructs';
import { parseCidr } from '../../lib/cidr';
import { parseSubnetId } from '../../lib/resource-id';
import { Token } from '../../providers/cdktf';

/** A subnet a construct places resources in (private endpoints, firewall, gateway), owned elsewhere or imported. */
export interface ISubnet extends IConstruct {
  readonly subnetId: string;
  readonly subnetName: string;
  readonly virtualNetworkName: string;
  /**
   * The subnet's prefix, for rules that need it (NSG rules, routes).
   * @default - unknown
   */
  readonly addressPrefix?: string;
}

/** Options of `ExistingSubnet.fromSubnetId`. */
export interface SubnetImportOptions {
  /**
   * The subnet's prefix (not part of its ID).
   * @default - unknown
   */
  readonly addressPrefix?: string;
}

/**
 * A subnet the tenant already has, from its resource ID (no provider call): names are read from the ID. Throws when
 * the ID is not a subnet ID or the prefix is not a canonical IPv4 CIDR.
 */
export class ExistingSubnet extends Construct implements ISubnet {
  public static fromSubnetId(scope: Construct, id: string, subnetId: string, options: SubnetImportOptions = {}): ISubnet {
    return new ExistingSubnet(scope, id, subnetId, options);
  }

  public readonly subnetName: string;
  public readonly virtualNetworkName: string;
  public readonly addressPrefix?: string;

  private constructor(
    scope: Construct,
    id: string,
    public readonly subnetId: string,
    options: SubnetImportOptions,
  ) {
    super(scope, id);
    const caller = `ExistingSubnet.fromSubnetId('${id}')`;
    const parsed = parseSubnetId(subnetId, caller);
    if (options.addressPrefix !== undefined && !Token.isUnresolved(options.addressPrefix)) {
      const prefix = parseCidr(options.addressPrefix);
      if (!prefix.ok) throw new Error(`${caller}: addressPrefix ${prefix.reason}`);
    }
    this.subnetName = parsed.name;
    this.virtualNetworkName = parsed.virtualNetworkName;
    this.addressPrefix = options.addressPrefix;
  }
}
