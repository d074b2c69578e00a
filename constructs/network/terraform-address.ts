import { TerraformResource } from '../../providers/cdktf';

/** `type.logicalId`, the form `depends_on` takes (a resource's `fqn` renders as an interpolation instead). */
export function terraformAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
